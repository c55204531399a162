import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Me } from '../../api/types';
import { unwrap } from '../../lib/query';
import { fetchMe } from '../auth/api';

export interface Redeemed {
  assessmentId: string;
  needsPassword: boolean;
  me: Me;
}

// A link works once: redeem each token only once per page, even if the page asks twice (StrictMode, remounts).
const redemptions = new Map<string, Promise<{ assessmentId: string; needsPassword: boolean }>>();

function redeemOnce(token: string) {
  let pending = redemptions.get(token);
  if (!pending) {
    pending = unwrap(api.client.POST('/api/access-links/redeem', { body: { token } }));
    redemptions.set(token, pending);
  }
  return pending;
}

/** Opens an emailed link: redeems its token (once) and loads the session it opened. */
export function useRedeemLink() {
  return useMutation({
    mutationFn: async (token: string): Promise<Redeemed> => {
      const redeemed = await redeemOnce(token);
      api.csrf.reset();
      return { ...redeemed, me: await fetchMe() };
    },
  });
}

/** Forget a failed redemption, so trying again asks the API again. */
export function forgetRedemption(token: string): void {
  redemptions.delete(token);
}

export interface ClaimBody {
  name: string;
  password: string;
}

/** Someone who came in through a link sets a name and password for their account. */
export function useClaimAccount() {
  return useMutation({
    mutationFn: (body: ClaimBody) => unwrap(api.client.POST('/api/auth/claim', { body })),
  });
}
