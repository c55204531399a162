import { useEffect, useState } from 'react';
import { readSession, writeSession } from '../../lib/storage';

/**
 * A link's token from `#token=…` (kept in the fragment, so it never reaches a server log). Reading has no side
 * effect on the address, so a render React throws away and repeats (a lazy page, concurrent rendering) reads
 * the same token; the fragment is removed once the page is on screen. With `rememberAs`, the token is kept for
 * this tab only, so the page can pick it up again after the person signs in (the login page returns to the
 * path, not the fragment).
 */
export function readLinkToken(rememberAs?: string): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token')?.trim() ?? '';
  if (!rememberAs) return fromHash;
  if (fromHash) {
    writeSession(rememberAs, fromHash);
    return fromHash;
  }
  return readSession(rememberAs) ?? '';
}

/** The page's link token (see readLinkToken); the fragment leaves the address bar and history after mount. */
export function useLinkToken(rememberAs?: string): string {
  const [token] = useState(() => readLinkToken(rememberAs));
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  }, []);
  return token;
}

export function forgetLinkToken(rememberAs: string): void {
  writeSession(rememberAs, null);
}
