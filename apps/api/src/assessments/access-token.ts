import type { EntityManager } from 'typeorm';
import { newToken, sha256Hex } from '../auth/tokens';
import { addCalendarDays, tokyoDate, tokyoInstant } from '../reminders/calendar/business-calendar';

/** No emailed link works longer than this, whatever the campaign's due date. */
export const ACCESS_LINK_MAX_DAYS = 30;

/**
 * When an emailed link issued at `now` stops working: at the end of (due date + grace days), Tokyo time, but
 * never later than ACCESS_LINK_MAX_DAYS after `now` (the start of the Tokyo day that many days after today, so
 * the link lives at most that long and ends at a midnight, like the due-date expiry). `expiresOn` is the last
 * day it works.
 */
export function accessLinkExpiry(
  dueDate: string,
  graceDays: number,
  now: Date,
): { expiresAt: Date; expiresOn: string } {
  const byDueDate = tokyoInstant(addCalendarDays(dueDate, graceDays + 1), 0);
  const byAge = tokyoInstant(addCalendarDays(tokyoDate(now), ACCESS_LINK_MAX_DAYS), 0);
  const expiresAt = byDueDate < byAge ? byDueDate : byAge;
  return { expiresAt, expiresOn: addCalendarDays(tokyoDate(expiresAt), -1) };
}

/**
 * Issues a fresh link token for an assessment's contact and revokes every earlier unused one (each reminder
 * rotates the link). Expiry: `accessLinkExpiry`. Returns the secret; only its hash is stored.
 */
export async function rotateAccessToken(
  m: EntityManager,
  assessmentId: string,
  email: string,
  graceDays: number,
  now: Date,
): Promise<{ token: string; expiresOn: string }> {
  const [row] = await m.query<{ due_date: string }[]>(
    `SELECT to_char(c.due_date, 'YYYY-MM-DD') AS due_date
       FROM assessments a JOIN campaigns c ON c.id = a.campaign_id WHERE a.id = $1`,
    [assessmentId],
  );
  if (!row) throw new Error(`assessment ${assessmentId} not found`);
  await m.query(
    `UPDATE assessment_access_tokens SET revoked_at = $2
      WHERE assessment_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
    [assessmentId, now],
  );
  const token = newToken();
  const { expiresAt, expiresOn } = accessLinkExpiry(row.due_date, graceDays, now);
  await m.query(
    `INSERT INTO assessment_access_tokens (assessment_id, token_hash, email, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [assessmentId, sha256Hex(token), email, expiresAt, now],
  );
  return { token, expiresOn };
}
