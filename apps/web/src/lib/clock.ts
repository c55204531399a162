/**
 * The web app's "now": the one place it reads the device clock (lint allows `new Date()` / `Date.now()` only
 * here and in the API's Clock). Dates the server decides on (due dates, expiry) come from the API.
 */
export function now(): Date {
  return new Date();
}

/** Today on this device as `YYYY-MM-DD`. */
export function localToday(at: Date = now()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
