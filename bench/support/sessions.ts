import type { DataSource } from 'typeorm';
import { newToken, sha256Hex } from '../../apps/api/src/auth/tokens';

/** Opens a session per user directly in the database and returns the headers a browser would send. */
export async function sessionHeaders(db: DataSource, userIds: string[]): Promise<Record<string, string>[]> {
  const tokens = userIds.map(() => newToken());
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, expires_at)
     SELECT h, u, now() + interval '1 day' FROM unnest($1::text[], $2::uuid[]) AS x(h, u)`,
    [tokens.map(sha256Hex), userIds],
  );
  return tokens.map((token) => {
    const csrf = newToken();
    return {
      cookie: `tierstar_session=${token}; tierstar_csrf=${csrf}`,
      'x-csrf-token': csrf,
      'content-type': 'application/json',
    };
  });
}
