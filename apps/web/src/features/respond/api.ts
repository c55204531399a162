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

/** What to redeem: the token, and whether to replace the session of someone else signed in on this browser. */
export interface Redemption {
  token: string;
  switchAccount: boolean;
}

const keyOf = ({ token, switchAccount }: Redemption) => `${switchAccount ? 'switch' : 'ask'}|${token}`;

// A link works once: redeem each token only once per page and choice, even if the page asks twice
// (StrictMode, remounts).
const redemptions = new Map<string, Promise<{ assessmentId: string; needsPassword: boolean }>>();

function redeemOnce(r: Redemption) {
  let pending = redemptions.get(keyOf(r));
  if (!pending) {
    const body = r.switchAccount ? { token: r.token, switchAccount: true } : { token: r.token };
    pending = unwrap(api.client.POST('/api/access-links/redeem', { body }));
    redemptions.set(keyOf(r), pending);
  }
  return pending;
}

/**
 * Opens an emailed link: redeems its token (once) and loads the session it opened. When someone else is
 * signed in, the API answers 409 ACCESS_LINK_OTHER_ACCOUNT (see {@link otherAccount}) and changes nothing
 * until asked again with `switchAccount`.
 */
export function useRedeemLink() {
  return useMutation({
    mutationFn: async (r: Redemption): Promise<Redeemed> => {
      const redeemed = await redeemOnce(r);
      api.csrf.reset();
      return { ...redeemed, me: await fetchMe() };
    },
  });
}

/** Forget a failed redemption, so trying again asks the API again. */
export function forgetRedemption(r: Redemption): void {
  redemptions.delete(keyOf(r));
}

/** The API's answer when someone else is signed in on this browser: whose link it is, and who is signed in. */
export function otherAccount(failure: unknown): { linkEmail: string; currentEmail: string } | null {
  if (typeof failure !== 'object' || failure === null) return null;
  const f = failure as { code?: unknown; linkEmail?: unknown; currentEmail?: unknown };
  return f.code === 'ACCESS_LINK_OTHER_ACCOUNT' &&
    typeof f.linkEmail === 'string' &&
    typeof f.currentEmail === 'string'
    ? { linkEmail: f.linkEmail, currentEmail: f.currentEmail }
    : null;
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
