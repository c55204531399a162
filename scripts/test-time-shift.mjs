#!/usr/bin/env node
// npm run test:time-shift [-- <offset>] — the unit and integration tiers with this process tree's clock moved
// ahead by <offset> (libfaketime syntax: +800d, +5y; default +800d). PostgreSQL and Redis keep the real time,
// so any code that still mixes the process clock or SQL's now() with the app's Clock fails here. Needs
// Debian's faketime (.ci/run installs it) and the services `npm test` needs.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const offset = process.argv[2] ?? '+800d';
if (!/^[+-]\d+[smhdy]$/.test(offset)) {
  console.error(`usage: npm run test:time-shift -- <offset like +800d or +5y>, got ${offset}`);
  process.exit(64);
}
const which = spawnSync('faketime', ['-f', '+0d', 'true']);
if (which.error || which.status !== 0) {
  console.error('faketime is not installed (apt-get install -y faketime; .ci/run does it)');
  process.exit(69);
}
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
// The lint probes read the Nx project graph; build it on the real clock first.
const graph = spawnSync(process.execPath, [join(root, 'scripts/nx-graph.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env,
});
if (graph.status !== 0) process.exit(graph.status ?? 1);

console.log(`\n▶ jest: unit, integration with the clock moved ${offset}`);
const r = spawnSync(
  'faketime',
  [
    '-f',
    offset,
    process.execPath,
    join(root, 'node_modules/.bin/jest'),
    '--ci',
    '--selectProjects',
    'unit',
    'integration',
  ],
  { cwd: root, stdio: 'inherit', env },
);
if (r.status !== 0) {
  console.error(
    `\n✖ unit + integration failed with the clock moved ${offset} (exit ${r.status ?? r.signal})`,
  );
  process.exit(r.status || 1);
}
console.log(`✔ unit + integration pass with the clock moved ${offset}`);
