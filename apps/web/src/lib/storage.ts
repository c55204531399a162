/** localStorage that never throws (private browsing, storage disabled, or no window in tests). */
export function readStored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    // Not being able to remember a preference is not worth bothering the user about.
  }
}

/** sessionStorage (this tab only, gone when it closes) that never throws. */
export function readSession(key: string): string | null {
  try {
    return globalThis.sessionStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeSession(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.sessionStorage?.removeItem(key);
    else globalThis.sessionStorage?.setItem(key, value);
  } catch {
    // Without storage the person opens the emailed link again after signing in.
  }
}

export const STORAGE_KEYS = {
  language: 'tierstar.language',
  organization: 'tierstar.organization',
  /** An invitation link's token, kept for this tab while the invitee signs in (sessionStorage). */
  pendingInvitation: 'tierstar.pendingInvitation',
} as const;
