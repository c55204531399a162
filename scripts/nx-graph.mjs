// Builds Nx's project graph, which @nx/enforce-module-boundaries reads (without it the rule skips itself).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
execFileSync(process.execPath, [require.resolve('nx/bin/nx.js'), 'show', 'projects'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
});
