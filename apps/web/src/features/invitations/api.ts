import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../lib/query';

export interface AcceptBody {
  token: string;
  name: string;
  password: string;
}

/** A colleague accepts an emailed invitation: joins the organization and is signed in. */
export function useAcceptInvitation() {
  return useMutation({
    mutationFn: (body: AcceptBody) => unwrap(api.client.POST('/api/invitations/accept', { body })),
  });
}
