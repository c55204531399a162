import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertProjectGraph, lintProbes, type Probe, root } from './eslint-probe';

/**
 * One clock (docs/architecture.md, "Time"): outside the clocks and a short allow-list of command-line tools,
 * code never reads the process clock, and SQL never asks the database for the time. Both guards fire here.
 */
describe('one clock', () => {
  const realClockReads = [
    'export const t = new Date();\n',
    'export const t = Date.now();\n',
    'export const t = Date();\n',
    'export const t = new Date(Date.now() + 1000);\n',
  ];
  const places = [
    'apps/api/src/lint-probe.ts',
    'apps/api/src/reminders/lint-probe.ts',
    'apps/web/src/features/lint-probe.tsx',
    'seed/lint-probe.ts',
    'test/integration/lint-probe.int-spec.ts',
    'libs/scoring/src/lint-probe.ts',
  ];
  const refused: Probe[] = places.flatMap((file) => realClockReads.map((code) => ({ file, code })));
  const allowed: Probe[] = [
    { file: 'apps/api/src/lint-probe.ts', code: 'export const t = new Date(0);\n' },
    { file: 'apps/api/src/common/clock.ts', code: realClockReads[0]! },
    { file: 'apps/web/src/lib/clock.ts', code: realClockReads[1]! },
    { file: 'bench/lint-probe.ts', code: realClockReads[1]! },
  ];
  let results: string[][];

  beforeAll(() => {
    assertProjectGraph();
    results = lintProbes([...refused, ...allowed]);
  });

  it.each(refused.map((p, i) => [p.file, p.code, i] as const))(
    'refuses a process-clock read in %s: %s',
    (_file, _code, i) => {
      expect(results[i]!.join('\n')).toMatch(/no-restricted-syntax: Read the time from the Clock/);
    },
  );

  it('allows dates built from a value, and the clocks and benches themselves', () => {
    expect(results.slice(refused.length)).toEqual(allowed.map(() => []));
  });

  /** SQL's own clock functions, wherever a string in app, seed or test code could reach the database. */
  const SQL_CLOCK =
    /(?<![.\w])(?:now\(\)|clock_timestamp\(\)|statement_timestamp\(\)|transaction_timestamp\(\)|current_timestamp\b|current_date\b|localtimestamp\b)/gi;
  /**
   * Files that may: entity column defaults (insert-time records), the Clock (its own `now()` method), the test
   * run's database-age check, and this file.
   */
  const SQL_CLOCK_ALLOWED = [
    /\.entity\.ts$/,
    /^apps\/api\/src\/common\/clock\.ts$/,
    /^test\/support\/global-setup\.ts$/,
    /^test\/lint\/clock\.spec\.ts$/,
  ];

  function* sources(dir: string): Generator<string> {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) yield* sources(path);
      else if (/\.tsx?$/.test(entry.name)) yield path;
    }
  }

  it('finds no SQL that reads the database clock in the API, the seed or the tests', () => {
    const found: string[] = [];
    for (const dir of ['apps/api/src', 'seed', 'test']) {
      for (const file of sources(dir)) {
        if (SQL_CLOCK_ALLOWED.some((re) => re.test(file))) continue;
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .forEach((line, i) => {
            for (const m of line.matchAll(SQL_CLOCK)) found.push(`${file}:${i + 1}: ${m[0]}`);
          });
      }
    }
    expect(found).toEqual([]);
  });

  it('the SQL guard recognises the database clock (and not clock.now())', () => {
    const probe = (s: string) => [...s.matchAll(SQL_CLOCK)].map((m) => m[0]);
    expect(probe('UPDATE x SET at = now() WHERE expires_at > NOW() OR d = CURRENT_DATE')).toEqual([
      'now()',
      'NOW()',
      'CURRENT_DATE',
    ]);
    expect(probe('const t = this.clock.now(); performance.now(); clock_timestamp()')).toEqual([
      'clock_timestamp()',
    ]);
  });
});
