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

export const templateDb = () => `tierstar_test_${testRunId()}_template`;
export const testDbPrefix = () => `tierstar_test_${testRunId()}_`;
