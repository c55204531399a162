import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');

/** Without a project graph the Nx rule skips itself; `npm test` and `npm run lint` build it first. */
export function assertProjectGraph(): void {
  if (!existsSync(join(root, '.nx/workspace-data/project-graph.json'))) {
    throw new Error('No Nx project graph: run `NX_DAEMON=false npx nx show projects` (npm test does) first.');
  }
}

export interface Probe {
  /** Where the code is linted as if saved (repository-relative). */
  file: string;
  code: string;
}

/**
 * Lints each probe as if it were saved at its path, with the repository's real ESLint configuration, in one
 * child process (jest cannot load the ESM config itself). Returns "ruleId: message" lines per probe.
 */
export function lintProbes(probes: Probe[]): string[][] {
  const run = spawnSync(process.execPath, [join(root, 'test/lint/lint-probes.mjs')], {
    cwd: root,
    input: JSON.stringify(probes),
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`lint-probes failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}
