/**
 * The local mail catcher (scripts/mail-catcher.ts) in its own process for benchmarks, so neither side of a
 * comparison shares an event loop with the SMTP server. Started with an IPC channel (see startMailSink): reports
 * `{ ready, port }`, then counts messages (and repeats of the same dedupe key or Message-ID) and answers
 * `{ waitFor: n }` with `{ reached: n, duplicates }` once n messages arrived since the last `{ reset: true }`.
 * Messages are not kept.
 */
import { fork } from 'node:child_process';
import { startMailCatcher } from '../../scripts/mail-catcher';

interface SinkReply {
  ready?: boolean;
  port?: number;
  reached?: number;
  duplicates?: number;
}

export interface MailSink {
  port: number;
  reset(): void;
  /** Resolves when `count` messages arrived since the last reset, with the number of repeated emails. */
  waitFor(count: number): Promise<{ duplicates: number }>;
  stop(): Promise<void>;
}

export async function startMailSink(): Promise<MailSink> {
  const child = fork(__filename, [], { execArgv: ['-r', '@swc-node/register'], stdio: 'inherit' });
  const replies: ((m: SinkReply) => boolean)[] = [];
  child.on('message', (m: SinkReply) => {
    const i = replies.findIndex((accept) => accept(m));
    if (i >= 0) replies.splice(i, 1);
  });
  const next = (accept: (m: SinkReply) => boolean) =>
    new Promise<SinkReply>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`mail sink exited (${code})`)));
      replies.push((m) => (accept(m) ? (resolve(m), true) : false));
    });
  const ready = await next((m) => m.ready === true);
  return {
    port: ready.port!,
    reset: () => child.send({ reset: true }),
    async waitFor(count) {
      const reply = next((m) => m.reached === count);
      child.send({ waitFor: count });
      return { duplicates: (await reply).duplicates! };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function main(): Promise<void> {
  const seen = new Set<string>();
  let count = 0;
  let duplicates = 0;
  let target = 0;
  const report = () => {
    if (target && count >= target) {
      process.send!({ reached: target, duplicates });
      target = 0;
    }
  };
  const catcher = await startMailCatcher({
    smtpPort: 0,
    httpPort: null,
    onMessage: (m) => {
      const key = m.headers['x-tierstar-dedupe-key'] ?? m.messageId;
      if (seen.has(key)) duplicates++;
      else seen.add(key);
      count++;
      catcher.clear();
      report();
    },
  });
  process.on('message', (m: { reset?: boolean; waitFor?: number }) => {
    if (m.reset) {
      seen.clear();
      count = 0;
      duplicates = 0;
    }
    if (m.waitFor) {
      target = m.waitFor;
      report();
    }
  });
  process.on('SIGTERM', () => void catcher.close().then(() => process.exit(0)));
  process.send!({ ready: true, port: catcher.smtpPort });
}

if (require.main === module && process.send) void main();
