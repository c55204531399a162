import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TEST_REDIS_URL } from './services';

const MAIN = join(__dirname, '..', '..', 'apps', 'api', 'src', 'main.ts');

export interface WorkerProcess {
  readonly pid: number;
  /** Resolves when the process has exited (code or signal). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no shutdown hooks, open transactions and SMTP sessions are cut as in a crash. */
  kill(): Promise<void>;
  /** SIGTERM and wait (graceful shutdown). */
  stop(): Promise<void>;
  /** The last lines it printed (for failure messages). */
  output(): string;
}

/**
 * Runs the API's real entry point (apps/api/src/main.ts) with ROLE=worker in its own process, as production
 * does, on the given test database and Redis key prefix. Compiled on the fly (`node -r @swc-node/register`).
 * `env` adds or overrides variables (SMTP_URL, MAIL_SWEEP_EVERY_MS …).
 */
export function startWorkerProcess(opts: {
  databaseUrl: string;
  redisPrefix: string;
  env?: Record<string, string>;
}): WorkerProcess {
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', MAIN], {
    cwd: join(__dirname, '..', '..'),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      ROLE: 'worker',
      DATABASE_URL: opts.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: opts.redisPrefix,
      LOG_LEVEL: 'warn',
      WEB_DIST: '',
      PORT: '0',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return {
    pid: child.pid!,
    exited,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
    output: () => out,
  };
}
