#!/usr/bin/env node
// npm test — every check and every test, in the order that fails fastest. Needs PostgreSQL and Redis
// (TEST_DATABASE_URL / TEST_REDIS_URL, default 127.0.0.1) and /usr/bin/chromium; .ci/run provides them.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
};
const bin = (name) => join(root, 'node_modules', '.bin', name);

const steps = [
  ['Nx project graph', process.execPath, ['scripts/nx-graph.mjs']],
  ['lint', bin('eslint'), ['.', '--max-warnings', '0']],
  ['format', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
  ['typecheck (api, libs, tests)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['typecheck (web)', bin('tsc'), ['-p', 'apps/web/tsconfig.json', '--noEmit']],
  [
    'OpenAPI document is current',
    process.execPath,
    ['-r', '@swc-node/register', 'scripts/openapi.ts', '--check'],
  ],
  ['web client is generated from it', process.execPath, ['scripts/gen-web-client.mjs', '--check']],
  ['migration drift', process.execPath, ['-r', '@swc-node/register', 'scripts/migration-drift.ts']],
  ['build', 'npm', ['run', '--silent', 'build']],
  [
    'jest: unit, integration, browser',
    bin('jest'),
    ['--ci', '--selectProjects', 'unit', 'integration', 'e2e'],
  ],
];

const started = Date.now();
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed after ${secs}s (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  console.log(`✔ ${name} (${secs}s)`);
}
console.log(`\nall checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
