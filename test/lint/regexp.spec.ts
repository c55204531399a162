import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { lintProbes, type Probe, root } from './eslint-probe';

/**
 * Linear-time input handling: lint (eslint-plugin-regexp) refuses a regular expression that backtracks or
 * moves super-linearly wherever it is written, passes the linear rewrite, and `npm run lint` (eslint with
 * `--max-warnings 0`) exits non-zero on such a pattern.
 */
const PLACES = [
  'apps/api/src/lint-probe.ts',
  'apps/web/src/lint-probe.ts',
  'libs/guidelines/src/lint-probe.ts',
  'scripts/lint-probe.ts',
  'seed/lint-probe.ts',
  'test/integration/lint-probe.ts',
];

// The e-mail check that supplier-csv.ts used: `a@` followed by many dots backtracks polynomially.
const BACKTRACKING = `export const isEmail = (s: string): boolean => /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/.test(s);\n`;
// The file-name trim that inspect-upload.ts used: restarts at every dot, quadratic on a long run of dots + `x`.
const MOVING = `export const trim = (s: string): string => s.replace(/[\\s.]+$/, '');\n`;
const LINEAR = `export const isTag = (s: string): boolean => /^<a[^>]*>$/.test(s);\n`;

describe('linear-time patterns (eslint-plugin-regexp)', () => {
  let results: string[][];
  const probes: Probe[] = [
    ...PLACES.map((file) => ({ file, code: BACKTRACKING + MOVING })),
    { file: 'apps/api/src/lint-probe.ts', code: LINEAR },
  ];

  beforeAll(() => {
    results = lintProbes(probes);
  });

  it.each(PLACES.map((file, i) => [file, i] as const))(
    'refuses super-linearly backtracking and moving patterns in %s',
    (_file, i) => {
      const rules = results[i]!.map((m) => m.split(':')[0]);
      expect(rules).toEqual(['regexp/no-super-linear-backtracking', 'regexp/no-super-linear-move']);
    },
  );

  it('passes an anchored, linear pattern', () => {
    expect(results[PLACES.length]).toEqual([]);
  });

  it('makes the lint command fail (exit status) on such a pattern', () => {
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/eslint/bin/eslint.js'),
        '--max-warnings',
        '0',
        '--stdin',
        '--stdin-filename',
        join(root, 'apps/api/src/lint-probe.ts'),
      ],
      { cwd: root, input: BACKTRACKING, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
    );
    expect(run.stdout).toContain('regexp/no-super-linear-backtracking');
    expect(run.status).toBe(1);
  });
});
