import { compileCatalogue, scoreAssessment, type ScoringCatalogueInput } from '@tierstar/scoring';
import { formatResult, parseAnswersFile, parseArgs, runCli, type CliDeps } from './score-cli';

const stars: ScoringCatalogueInput = {
  id: 'stars',
  version: '2026-03-27',
  scoring: 'levels',
  levels: [{ rank: 3 }, { rank: 4 }],
  groups: [{ id: '1' }, { id: '2' }],
  criteria: [
    { id: '1-1', groupId: '1', level: 3 },
    { id: '1-2', groupId: '1', level: 4 },
    { id: '2-1', groupId: '2', level: 3 },
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
      value: { '1-1': 'met', '2-1': 'not_applicable' },
    });
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
      levels: { '3': { met: 2, applicable: 2, percent: 100 }, '4': { met: 2, applicable: 3, percent: 66.7 } },
      categories: [
        { id: '1', met: 1, applicable: 2, percent: 50 },
        { id: '2', met: 1, applicable: 1, percent: 100 },
      ],
      gaps: ['1-2'],
    });
  });
});

describe('runCli', () => {
  const files = {
    'ok.json': '{"answers": {"1-1": "met", "2-1": "met"}}',
    'ipa.json': '{"answers": {"1": "unknown", "2": "met"}}',
    'bad.json': '{"answers": {"1-1": "maybe", "x": "met"}}',
  };

  it('prints the result and exits 0', () => {
    const r = runCli(['--catalogue', 'stars', '--answers', 'ok.json', '--target', '3'], deps(files));
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ catalogue: 'stars', level: 3, target: 3, gaps: [] });
  });

  it('prints points, band and unknown items for a points catalogue', () => {
    const r = runCli(['--catalogue', 'ipa@3.1', '--answers', 'ipa.json'], deps(files));
    expect(JSON.parse(r.stdout)).toMatchObject({ catalogue: 'ipa', points: 3, band: '0-49', unknown: ['1'] });
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
