import type { Role } from '../../api/types';
import { localToday } from '../../lib/clock';
import type { Localized } from './types';

// Mirrors the API's @OrgRoles on the campaign endpoints; the API still enforces them.
const CAMPAIGN_VIEWERS: ReadonlySet<Role> = new Set<Role>(['admin', 'procurement', 'evaluator']);
const CAMPAIGN_MANAGERS: ReadonlySet<Role> = new Set<Role>(['admin', 'procurement']);

export function canViewCampaigns(role: Role | undefined): boolean {
  return role !== undefined && CAMPAIGN_VIEWERS.has(role);
}

export function canManageCampaigns(role: Role | undefined): boolean {
  return role !== undefined && CAMPAIGN_MANAGERS.has(role);
}

export function campaignsPath(orgId: string, rest = ''): string {
  return `/orgs/${encodeURIComponent(orgId)}/campaigns${rest ? `/${rest}` : ''}`;
}

export function assessmentPath(assessmentId: string): string {
  return `/assessments/${encodeURIComponent(assessmentId)}`;
}

/**
 * The text in the UI language (ja unless the UI is in English), from a `{ ja, en }` object. Takes any object
 * because some DTOs describe the pair only as "object" in the OpenAPI document.
 */
export function localized(text: object | undefined, language: string | undefined): string {
  const pair = (text ?? {}) as Partial<Record<keyof Localized, unknown>>;
  const ja = typeof pair.ja === 'string' ? pair.ja : '';
  const en = typeof pair.en === 'string' ? pair.en : '';
  return language?.startsWith('en') ? en || ja : ja || en;
}

/** `2027-01-31` as a date in the UI language; the day never shifts with the time zone. */
export function formatDate(isoDate: string, language: string | undefined): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(language?.startsWith('en') ? 'en-GB' : 'ja-JP', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(date);
}

/** The day of an instant (ISO timestamp) on this device, in the UI language. */
export function formatDay(timestamp: string, language: string | undefined): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  return formatDate(localToday(date), language);
}

export { localToday };

/** `YYYY-MM-DD`, `days` after `isoDate`. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `today` until `isoDate` (negative when past). */
export function daysUntil(isoDate: string, today = localToday()): number {
  const ms = Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}
