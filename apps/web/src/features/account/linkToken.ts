import { readSession, writeSession } from '../../lib/storage';

/**
 * Reads a link's token once from `#token=…` (kept in the fragment, so it never reaches a server log) and removes
 * it from the address bar. With `rememberAs`, the token is kept for this tab only, so the page can pick it up
 * again after the person signs in (the login page returns to the path, not the fragment).
 */
export function takeLinkToken(rememberAs?: string): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token')?.trim() ?? '';
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  if (!rememberAs) return fromHash;
  if (fromHash) {
    writeSession(rememberAs, fromHash);
    return fromHash;
  }
  return readSession(rememberAs) ?? '';
}

export function forgetLinkToken(rememberAs: string): void {
  writeSession(rememberAs, null);
}
