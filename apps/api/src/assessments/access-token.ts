import type { EntityManager } from 'typeorm';
import { newToken, sha256Hex } from '../auth/tokens';

/**
 * Issues a fresh link token for an assessment's contact and revokes every earlier unused one (each reminder
 * rotates the link). The token expires at the end of (due date + grace days), Tokyo time. `now` is the
 * Clock's instant (revocation and issue time). Returns the secret; only its hash is stored.
 */
export async function rotateAccessToken(
  m: EntityManager,
  assessmentId: string,
  email: string,
  graceDays: number,
  now: Date,
): Promise<{ token: string; expiresOn: string }> {
  await m.query(
    `UPDATE assessment_access_tokens SET revoked_at = $2
      WHERE assessment_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
    [assessmentId, now],
  );
  const token = newToken();
  const [row] = await m.query<{ expires_on: string }[]>(
    `INSERT INTO assessment_access_tokens (assessment_id, token_hash, email, expires_at, created_at)
     SELECT a.id, $2, $3, ((c.due_date + $4::int + 1)::timestamp AT TIME ZONE 'Asia/Tokyo'), $5
       FROM assessments a JOIN campaigns c ON c.id = a.campaign_id
      WHERE a.id = $1
     RETURNING to_char((expires_at AT TIME ZONE 'Asia/Tokyo') - interval '1 day', 'YYYY-MM-DD') AS expires_on`,
    [assessmentId, sha256Hex(token), email, graceDays, now],
  );
  if (!row) throw new Error(`assessment ${assessmentId} not found`);
  return { token, expiresOn: row.expires_on };
}
