import { compileCatalogue, scoreAssessment, type ScoringCatalogueInput } from '@tierstar/scoring';
import { formatResult, parseAnswersFile, parseArgs, runCli, type CliDeps } from './score-cli';

const stars: ScoringCatalogueInput = {
  id: 'stars',
  version: '2026-03-27',
  scoring: 'levels',
  levels: [{ rank: 3 }, { rank: 4 }],
  groups: [{ id: '1' }, { id: '2' }],
  criteria: [
    { id: '1-1', groupId: '1', level: 3, naPolicy: 'never' },
    { id: '1-2', groupId: '1', level: 4, naPolicy: 'with_reason' },
    { id: '2-1', groupId: '2', level: 3, naPolicy: 'with_reason' },
  ],
};
const ipa: ScoringCatalogueInput = {
  id: 'ipa',
  version: '3.1',
  scoring: 'points',
  levels: [],
  groups: [{ id: '1' }],
  criteria: Array.from({ length: 25 }, (_, i) => ({ id: String(i + 1), groupId: '1', level: 1 })),
};

function deps(files: Record<string, string>): CliDeps {
  return {
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
      return text;
    },
    loadCatalogue: (id, version) => {
      const cat = [stars, ipa].find((c) => c.id === id && (version === undefined || c.version === version));
      if (cat === undefined) throw new Error(`no catalogue ${id}`);
      return cat;
    },
    catalogueIds: ['stars', 'ipa'],
  };
}

describe('parseArgs', () => {
  it('reads catalogue id, version, answers file and target', () => {
    expect(parseArgs(['--catalogue', 'meti-scs@2026-03-27', '--answers', 'a.json', '--target', '3'])).toEqual(
      {
        ok: true,
        value: { catalogueId: 'meti-scs', version: '2026-03-27', answersPath: 'a.json', target: 3 },
      },
    );
    expect(parseArgs(['--catalogue=jama-japia', '--answers=b.json'])).toEqual({
      ok: true,
      value: { catalogueId: 'jama-japia', version: undefined, answersPath: 'b.json', target: undefined },
    });
  });

  it('names missing and unknown arguments in English and Japanese', () => {
    const r = parseArgs(['--answers', '--verbose', 'x', '--target', 'four']);
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.map((e) => e.en)).toEqual([
      'option --answers needs a value',
      'unknown option: --verbose',
      'unexpected argument: x',
      'missing required option --catalogue',
      '--target must be a level number, got: four',
    ]);
    expect(errors[3].ja).toBe('必須オプション --catalogue がありません');
  });

  it('rejects an empty version', () => {
    const r = parseArgs(['--catalogue', 'meti-scs@', '--answers', 'a.json']);
    expect(r.ok ? [] : r.errors.map((e) => e.en)).toEqual([
      '--catalogue must be <id> or <id>@<version>, got: meti-scs@',
    ]);
  });
});

describe('parseAnswersFile', () => {
  const compiled = compileCatalogue(stars);

  it('accepts a valid file', () => {
    expect(
      parseAnswersFile('{"answers": {"1-1": "met", "2-1": "not_applicable"}}', compiled, 'a.json'),
    ).toEqual({
      ok: true,
      value: { answers: { '1-1': 'met', '2-1': 'not_applicable' }, naReasons: {} },
    });
  });

  it('reads N/A reasons (inline or under naReasons) and the review section', () => {
    const text = JSON.stringify({
      answers: {
        '1-1': 'met',
        '2-1': { value: 'not_applicable', naReason: 'サーバーがない' },
        '1-2': 'not_applicable',
      },
      naReasons: { '1-2': 'リモートワークなし' },
      review: { confirmed: ['1-1'], acceptedNa: ['2-1'] },
    });
    expect(parseAnswersFile(text, compiled, 'a.json')).toEqual({
      ok: true,
      value: {
        answers: { '1-1': 'met', '2-1': 'not_applicable', '1-2': 'not_applicable' },
        naReasons: { '2-1': 'サーバーがない', '1-2': 'リモートワークなし' },
        review: { confirmed: ['1-1'], acceptedNa: ['2-1'] },
      },
    });
  });

  it('reports malformed reasons and review ids', () => {
    const text = JSON.stringify({
      answers: { '1-1': { value: 'not_applicable', naReason: 3 } },
      naReasons: { '9-9': 'x' },
      review: { confirmed: ['8-8'], acceptedNa: 'all' },
    });
    const r = parseAnswersFile(text, compiled, 'a.json');
    expect(r.ok ? [] : r.errors.map((e) => e.en)).toEqual([
      'naReasons: unknown criterion id(s) for stars@2026-03-27: 9-9',
      'N/A reasons must be text: 1-1',
      'review.confirmed: unknown criterion id(s) for stars@2026-03-27: 8-8',
      'review.acceptedNa must be a list of criterion ids',
    ]);
  });

  it('reports bad JSON, a wrong shape, unknown ids and unknown values', () => {
    const bad = parseAnswersFile('{"answers": ', compiled, 'a.json');
    expect(bad.ok ? '' : bad.errors[0].en).toMatch(/^a\.json is not valid JSON/);
    const shape = parseAnswersFile('{"1-1": "met"}', compiled, 'a.json');
    expect(shape.ok ? '' : shape.errors[0].en).toMatch(/must hold an object/);
    const r = parseAnswersFile('{"answers": {"9-9": "met", "1-1": "yes", "1-2": "met"}}', compiled, 'a.json');
    expect(r.ok ? [] : r.errors).toEqual([
      {
        en: 'unknown criterion id(s) for stars@2026-03-27: 9-9',
        ja: 'stars@2026-03-27 にない評価基準IDです: 9-9',
      },
      {
        en: 'unknown answer value(s): 1-1="yes" (allowed: met, not_met, partial, not_applicable, unknown)',
        ja: '不明な回答値です: 1-1="yes"(使える値: met, not_met, partial, not_applicable, unknown)',
      },
    ]);
  });
});

describe('formatResult', () => {
  it('prints levels keyed by rank with met/applicable/percent', () => {
    const out = formatResult(scoreAssessment(stars, { '1-1': 'met', '2-1': 'met', '1-2': 'not_met' }));
    expect(out).toEqual({
      catalogue: 'stars',
      version: '2026-03-27',
      level: 3,
      target: 4,
      levels: {
        '3': { met: 2, applicable: 2, percent: 100, notApplicable: 0 },
        '4': { met: 2, applicable: 3, percent: 66.7, notApplicable: 0 },
      },
      categories: [
        { id: '1', met: 1, applicable: 2, percent: 50 },
        { id: '2', met: 1, applicable: 1, percent: 100 },
      ],
      gaps: ['1-2'],
      na: {
        count: 0,
        total: 3,
        ratio: 0,
        threshold: 0.2,
        warning: false,
        notAllowed: [],
        reasonMissing: [],
        awaitingAcceptance: [],
      },
    });
  });
});

describe('runCli', () => {
  const files = {
    'ok.json': '{"answers": {"1-1": "met", "2-1": "met"}}',
    'ipa.json': '{"answers": {"1": "unknown", "2": "met"}}',
    'bad.json': '{"answers": {"1-1": "maybe", "x": "met"}}',
    'all-na.json': '{"answers": {"1-1": "not_applicable", "1-2": "not_applicable", "2-1": "not_applicable"}}',
    'na-ok.json': JSON.stringify({
      answers: { '1-1': 'met', '2-1': 'not_applicable', '1-2': 'met' },
      naReasons: { '2-1': 'サーバーを持っていない' },
    }),
    'reviewed.json': JSON.stringify({
      answers: { '1-1': 'met', '2-1': 'not_applicable', '1-2': 'met' },
      naReasons: { '2-1': 'サーバーを持っていない' },
      review: { confirmed: ['1-1', '1-2'], acceptedNa: [] },
    }),
  };

  it('prints the result and exits 0', () => {
    const r = runCli(['--catalogue', 'stars', '--answers', 'ok.json', '--target', '3'], deps(files));
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ catalogue: 'stars', level: 3, target: 3, gaps: [] });
  });

  it('prints points, band, its advice and unknown items for a points catalogue', () => {
    const r = runCli(['--catalogue', 'ipa@3.1', '--answers', 'ipa.json'], deps(files));
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ catalogue: 'ipa', points: 3, band: '0-49', unknown: ['1'] });
    expect(out.bandAdvice.ja).toMatch(/5か条/);
  });

  it('all N/A: flags the disallowed and unreasoned ids with exit 2, and reaches no level', () => {
    const r = runCli(['--catalogue', 'stars', '--answers', 'all-na.json'], deps(files));
    expect(r.exitCode).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.level).toBeNull();
    expect(out.na).toMatchObject({ notAllowed: ['1-1'], reasonMissing: ['1-2', '2-1'] });
    expect(r.stderr).toContain('"not applicable" is not allowed for: 1-1');
    expect(r.stderr).toContain('"not applicable" needs a reason for: 1-2, 2-1');
    expect(r.stderr).toContain('次の項目は「該当しない」を選べません: 1-1');
  });

  it('an allowed N/A with a reason counts; the review gives the confirmed level only after acceptance', () => {
    const r = runCli(['--catalogue', 'stars', '--answers', 'na-ok.json'], deps(files));
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ level: 4, na: { count: 1, total: 3, ratio: 0.3333, warning: true } });
    expect(out).not.toHaveProperty('confirmedLevel');
    const reviewed = JSON.parse(
      runCli(['--catalogue', 'stars', '--answers', 'reviewed.json'], deps(files)).stdout,
    );
    expect([reviewed.level, reviewed.confirmedLevel]).toEqual([4, null]);
    expect(reviewed.na.awaitingAcceptance).toEqual(['2-1']);
  });

  it.each([
    [['--answers', 'ok.json'], /missing required option --catalogue/, /必須オプション --catalogue/],
    [
      ['--catalogue', 'nope', '--answers', 'ok.json'],
      /unknown catalogue: nope \(known: stars, ipa\)/,
      /不明なカタログです: nope/,
    ],
    [
      ['--catalogue', 'stars@1999', '--answers', 'ok.json'],
      /unknown catalogue: stars@1999/,
      /不明なカタログ/,
    ],
    [
      ['--catalogue', 'stars', '--answers', 'missing.json'],
      /cannot read missing\.json: ENOENT/,
      /読み込めません/,
    ],
    [
      ['--catalogue', 'stars', '--answers', 'bad.json'],
      /unknown criterion id\(s\) for stars@2026-03-27: x/,
      /1-1="maybe"/,
    ],
    [
      ['--catalogue', 'stars', '--answers', 'ok.json', '--target', '5'],
      /--target 5 is not a level of stars \(levels: 3, 4\)/,
      /レベルではありません/,
    ],
    [
      ['--catalogue', 'ipa', '--answers', 'ipa.json', '--target', '3'],
      /--target applies only to level catalogues/,
      /レベル制/,
    ],
  ])('exits 2 for %j', (argv, en, ja) => {
    const r = runCli(argv, deps(files));
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(en);
    expect(r.stderr).toMatch(ja);
  });
});
