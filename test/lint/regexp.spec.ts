import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Proves that `npm run lint` (eslint with the repository's configuration and `--max-warnings 0`) fails on a
 * regular expression that backtracks or moves super-linearly, wherever it is written, and passes the linear
 * rewrite of the same check.
 */
const root = join(__dirname, '..', '..');

/** Lints `code` as if saved at `file`, exactly as `npm run lint` does; the exit status and rule ids. */
function lint(file: string, code: string): { status: number | null; rules: string[] } {
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/eslint/bin/eslint.js'),
      '--max-warnings',
      '0',
      '--stdin',
      '--stdin-filename',
      join(root, file),
      '--format',
      'json',
    ],
    { cwd: root, input: code, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[];
  return { status: run.status, rules: result!.messages.map((m) => m.ruleId) };
}

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
  it.each(PLACES)('fails on super-linearly backtracking and moving patterns in %s', (file) => {
    const { status, rules } = lint(file, BACKTRACKING + MOVING);
    expect(rules).toEqual(['regexp/no-super-linear-backtracking', 'regexp/no-super-linear-move']);
    expect(status).not.toBe(0);
  });

  it('passes an anchored, linear pattern', () => {
    expect(lint('apps/api/src/lint-probe.ts', LINEAR)).toEqual({ status: 0, rules: [] });
  });
});
