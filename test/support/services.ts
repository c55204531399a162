/** Where the test suites find PostgreSQL and Redis (real servers; started by .ci/run when down). */
export const TEST_PG_ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Every jest run names its databases `tierstar_test_<run>_…`, so runs side by side (two terminals, helper
 * sessions) never drop each other's databases. The run id is set by the global setup, before workers start,
 * and workers inherit it through the environment.
 */
export function testRunId(): string {
  const id = process.env.TIERSTAR_TEST_RUN;
  if (!id) throw new Error('TIERSTAR_TEST_RUN is not set: run the tests through jest (global setup sets it)');
  return id;
}

/**
 * A run id that starts with its start time (ms since the epoch on the PostgreSQL server's clock, as seconds in
 * base 36), so stale runs can be recognised. The server's clock, not this process's: a run under faketime
 * and a normal run side by side agree on every database's age.
 */
export function newTestRunId(now: number): string {
  return `${Math.floor(now / 1000).toString(36)}r${Math.random().toString(16).slice(2, 8)}`;
}

/** Start time (ms) of the run that created a test database, or null for names not made by this scheme. */
export function testRunStartedAt(databaseName: string): number | null {
  const m = /^tierstar_test_([0-9a-z]+)r[0-9a-f]+_/.exec(databaseName);
  return m ? parseInt(m[1]!, 36) * 1000 : null;
}

export const templateDb = () => `tierstar_test_${testRunId()}_template`;
export const testDbPrefix = () => `tierstar_test_${testRunId()}_`;
