/**
 * Spawns the real `scripts/score.ts` (as `npm run score` does) once for a bad invocation and once for a valid
 * answers file against the built-in METI catalogue.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCatalogue } from '@tierstar/guidelines';

const root = join(__dirname, '..');

function score(args: string[]) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/score.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: root },
    timeout: 60_000,
  });
}

describe('scripts/score.ts (spawned)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tierstar-score-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 naming the unknown criterion id and answer value, in English and Japanese', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ answers: { '9-9-9-9': 'met', '4-1-3-2': 'maybe' } }));
    const r = score(['--catalogue', 'meti-scs', '--answers', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('9-9-9-9');
    expect(r.stderr).toContain('4-1-3-2="maybe"');
    expect(r.stderr).toContain('エラー:');
  }, 60_000);

  it('prints the score of a valid file', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify({ answers: { '4-1-3-2': 'met', '1-1-1-1': 'not_met' } }));
    const r = score(['--catalogue', 'meti-scs', '--answers', file, '--target', '3']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      catalogue: string;
      level: number | null;
      levels: Record<string, unknown>;
      gaps: string[];
    };
    expect(out.catalogue).toBe('meti-scs');
    expect(out.level).toBeNull();
    expect(Object.keys(out.levels)).toEqual(['3', '4']);
    expect(out.levels['3']).toEqual({ met: 1, applicable: 81, percent: 1.2, notApplicable: 0 });
    expect(out.gaps).toHaveLength(80);
    expect(out.gaps).not.toContain('4-1-3-2');
    expect(out.gaps).not.toContain('1-1-1-1'); // a ★4 criterion: outside target ★3
  }, 60_000);

  it('all 153 METI criteria "not applicable": no level, exit 2 naming the criteria that never allow it', () => {
    const file = join(dir, 'all-na.json');
    const ids = getCatalogue('meti-scs')!.criteria.map((c) => c.id);
    writeFileSync(
      file,
      JSON.stringify({
        answers: Object.fromEntries(ids.map((id) => [id, 'not_applicable'])),
        naReasons: Object.fromEntries(ids.map((id) => [id, '該当しない'])),
      }),
    );
    const r = score(['--catalogue', 'meti-scs', '--answers', file]);
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as { level: number | null; na: { notAllowed: string[]; count: number } };
    expect(out.level).toBeNull();
    expect(out.na.notAllowed).toContain('1-3-1-1'); // the security policy
    expect(out.na.notAllowed).toContain('6-1-1-1'); // the incident procedure
    expect(out.na.count + out.na.notAllowed.length).toBe(153);
    expect(r.stderr).toContain('"not applicable" is not allowed for: 1-1-1-1,');
    expect(r.stderr).toContain('エラー:');
  }, 60_000);
});
