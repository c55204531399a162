import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs the API's entry point with ROLE=worker in its own process (as production does). Env: DATABASE_URL,
 * REDIS_URL, REDIS_PREFIX, SMTP_URL … There is no readiness signal: callers send a warm-up job and wait for it.
 */
export function spawnWorker(env: Record<string, string>): { stop(): Promise<void> } {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      '-r',
      '@swc-node/register',
      join(__dirname, '..', '..', 'apps', 'api', 'src', 'main.ts'),
    ],
    {
      env: {
        ...process.env,
        ROLE: 'worker',
        LOG_LEVEL: 'warn',
        WEB_DIST: '',
        NODE_ENV: 'production',
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
