import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../lib/query';

export interface VerifySignupBody {
  token: string;
  password: string;
}

/** Confirms a sign-up: the emailed link's token and the password chosen at sign-up. Signs in. */
export function useVerifySignup() {
  return useMutation({
    mutationFn: (body: VerifySignupBody) => unwrap(api.client.POST('/api/signup/verify', { body })),
  });
}

export interface ChangePasswordBody {
  currentPassword: string;
  newPassword: string;
}

/** Changes the password; every other session of the account ends (this browser gets a new one). */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => unwrap(api.client.POST('/api/auth/password', { body })),
  });
}

/** Ends every session of the account, this one included. */
export function useLogoutEverywhere() {
  return useMutation({
    mutationFn: () => unwrap(api.client.POST('/api/auth/logout-everywhere')),
  });
}
