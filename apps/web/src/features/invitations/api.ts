import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../lib/query';

/** Query keys of invitation links (by token and by who is signed in: the answer says whether that is the invitee). */
export const invitationKeys = {
  all: ['invitations'] as const,
  preview: (token: string, userId: string | null) =>
    [...invitationKeys.all, 'preview', token, userId] as const,
};

/** What an invitation link is for, and whether the address already has an account (then: sign in first). */
export function useInvitationPreview(token: string, userId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: invitationKeys.preview(token, userId),
    queryFn: () => unwrap(api.client.POST('/api/invitations/preview', { body: { token } })),
    enabled: enabled && token !== '',
  });
}

/** For a new account: the name and password it gets. For an existing account (signed in): the token alone. */
export interface AcceptBody {
  token: string;
  name?: string;
  password?: string;
}

/** Accepts an emailed invitation: joins the organization (a new account is signed in). */
export function useAcceptInvitation() {
  return useMutation({
    mutationFn: (body: AcceptBody) => unwrap(api.client.POST('/api/invitations/accept', { body })),
  });
}
