import { performance } from 'node:perf_hooks';

/**
 * Bounded polling: calls `fn` until it returns a truthy value, failing after `timeoutMs` (measured on the
 * monotonic clock, so a test clock or a moved process clock never shortens or stretches it). Never a fixed sleep.
 */
export async function pollUntil<T>(
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
