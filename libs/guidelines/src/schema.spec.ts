import { assembleCatalogue, buildCatalogue } from './loader';
import type { Catalogue } from './model';
import { CatalogueValidationError, formatIssue, validateCatalogue, validateCrosswalk } from './schema';

function sample(): Catalogue {
  return {
    id: 'test',
    version: '1',
    title: { ja: 'テスト', en: 'Test' },
    publisher: 'TierStar',
    publishedOn: '2026-01-01',
    scoring: 'levels',
    wording: 'own-words',
    source: { description: 'unit test' },
    levels: [
      { rank: 3, label: { ja: '★3', en: '★3' } },
      { rank: 4, label: { ja: '★4', en: '★4' } },
    ],
    groups: [
      {
        id: '1',
        title: { ja: '一', en: 'One' },
        subgroups: [{ id: '1-1', title: { ja: '一の一', en: 'One-one' } }],
      },
    ],
    requirements: [
      { id: '1-1-1', groupId: '1', subgroupId: '1-1', level: 3, title: { ja: '要求', en: 'Req' } },
    ],
    criteria: [
      {
        id: '1-1-1-1',
        groupId: '1',
        requirementId: '1-1-1',
        level: 3,
        title: { ja: 'あ', en: 'a' },
        explanation: { ja: 'い', en: 'b' },
        naPolicy: 'never',
        naRationale: { ja: 'どの会社にも当てはまる', en: 'applies to every company' },
        whatToShow: { ja: '方針の文書', en: 'the policy document' },
        freeMaterials: [
          {
            publisher: 'IPA',
            title: { ja: '情報セキュリティ基本方針(サンプル)', en: 'Basic policy (sample)' },
            note: { ja: '下書きに使える', en: 'usable as a first draft' },
          },
        ],
      },
      {
        id: '1-1-1-2',
        groupId: '1',
        requirementId: '1-1-1',
        level: 4,
        title: { ja: 'う', en: 'c' },
        explanation: { ja: 'え', en: 'd' },
        naPolicy: 'with_reason',
        naRationale: { ja: 'サーバがなければ対象外', en: 'out of scope without servers' },
        relatedCriteria: ['1-1-1-1'],
      },
    ],
    decisions: [],
  };
}

function messages(input: unknown): string[] {
  const r = validateCatalogue(input);
  return r.ok ? [] : r.issues.map(formatIssue);
}

describe('validateCatalogue', () => {
  it('accepts a well-formed catalogue', () => {
    expect(messages(sample())).toEqual([]);
  });

  it('names the path of empty and missing text', () => {
    const c = sample();
    c.criteria[1] = { ...c.criteria[1], title: { ja: '  ', en: 'c' } } as Catalogue['criteria'][number];
    expect(messages(c)).toContain('criteria[1].title.ja: empty');
    const d = sample() as unknown as { criteria: { explanation: Record<string, unknown> }[] };
    delete d.criteria[0].explanation['en'];
    expect(messages(d)).toContain('criteria[0].explanation.en: missing');
  });

  it('rejects duplicate ids, unknown references and levels outside the catalogue', () => {
    const c = sample();
    c.criteria.push({ ...c.criteria[1] });
    c.criteria.push({ ...c.criteria[0], id: '1-1-1-3', groupId: '9', requirementId: '9-9-9', level: 5 });
    const m = messages(c);
    expect(m).toContain('criteria[2].id: duplicate id "1-1-1-2" (first at criteria[1])');
    expect(m).toContain('criteria[3].groupId: unknown group "9"');
    expect(m).toContain('criteria[3].requirementId: unknown requirement "9-9-9"');
    expect(m).toContain("criteria[3].level: level 5 is not one of the catalogue's levels (3, 4)");
  });

  it('rejects criteria out of official order and below their requirement level', () => {
    const c = sample();
    c.criteria.reverse();
    c.requirements[0] = { ...c.requirements[0], level: 4 };
    const m = messages(c);
    expect(m).toContain('criteria[1].id: "1-1-1-1" is out of official order (comes after "1-1-1-2")');
    expect(m).toContain('criteria[1].level: level 3 is below the level 4 of requirement "1-1-1"');
  });

  it('requires a provisional catalogue for a provisional level and known decision items', () => {
    const c = sample();
    c.levels.push({ rank: 5, label: { ja: '★5(暫定)', en: '★5 (provisional)' }, provisional: true });
    c.decisions.push({ itemId: 'No.999', field: 'level', chosen: '3', alternatives: [], reason: 'x' });
    const m = messages(c);
    expect(m).toContain(
      'levels[2].provisional: a catalogue with a provisional level must itself be marked provisional',
    );
    expect(m).toContain('decisions[0].itemId: unknown item "No.999"');
  });

  it('requires the N/A rule and its reasoning on every criterion of a built-in (own-words) catalogue', () => {
    const c = sample();
    const { naPolicy: _p, naRationale: _r, ...bare } = c.criteria[1];
    c.criteria[1] = bare;
    expect(messages(c)).toEqual([
      'criteria[1].naPolicy: missing: say whether "not applicable" is allowed',
      'criteria[1].naRationale: missing: give the reasoning for the N/A rule',
    ]);
    // Imported (official-wording) catalogues need not state it; a rationale without a rule is still wrong.
    expect(messages({ ...c, wording: 'official' })).toEqual([]);
    c.criteria[1] = { ...bare, naRationale: { ja: '理由', en: 'why' } };
    expect(messages({ ...c, wording: 'official' })).toEqual([
      'criteria[1].naRationale: given without a naPolicy',
    ]);
  });

  it('validates the N/A rule, what to show, free materials and related criteria', () => {
    const c = sample() as unknown as { criteria: Record<string, unknown>[] };
    c.criteria[0] = {
      ...c.criteria[0],
      naPolicy: 'sometimes',
      whatToShow: { ja: '', en: 'x' },
      freeMaterials: [{ publisher: 'IPA', title: { ja: 'x', en: 'x' } }],
    };
    c.criteria[1] = { ...c.criteria[1], relatedCriteria: ['1-1-1-2', '9-9-9-9', '1-1-1-1', '1-1-1-1'] };
    const m = messages(c);
    expect(m).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^criteria\[0\]\.naPolicy: /),
        'criteria[0].whatToShow.ja: empty',
        'criteria[0].freeMaterials[0].note: missing',
      ]),
    );
    const refs = messages({ ...c, criteria: [sample().criteria[0], c.criteria[1]] });
    expect(refs).toEqual([
      'criteria[1].relatedCriteria[0]: a criterion cannot refer to itself',
      'criteria[1].relatedCriteria[1]: unknown criterion "9-9-9-9"',
      'criteria[1].relatedCriteria[3]: "1-1-1-1" listed twice',
    ]);
  });

  it('derives the implied flag of crosswalk links from the relation and refuses a stored flag that disagrees', () => {
    const c = sample();
    const link = (relation: string, source: string, implied?: boolean) => ({
      from: { catalogueId: 'test', itemId: '1-1-1-1' },
      to: { catalogueId: 'test', itemId: '1-1-1-2' },
      relation,
      source,
      ...(implied === undefined ? {} : { implied }),
    });
    const x = (links: unknown[]) => ({
      id: 'x',
      fromCatalogue: { id: 'test', version: '1' },
      toCatalogue: { id: 'test', version: '1' },
      description: { ja: 'x', en: 'x' },
      links,
    });
    const implied = (relation: string, source: string) => {
      const r = validateCrosswalk(x([link(relation, source)]), { from: c, to: c });
      return r.ok ? r.value.links[0]?.implied : undefined;
    };
    expect([
      implied('equal', 'tierstar'),
      implied('superset', 'official'),
      implied('subset', 'tierstar'),
      implied('intersect', 'official'),
      implied('equal', 'hint'),
    ]).toEqual([true, true, false, false, false]);
    const wrong = validateCrosswalk(x([link('intersect', 'official', true)]), { from: c, to: c });
    expect(wrong.ok ? [] : wrong.issues.map(formatIssue)).toEqual([
      'links[0].implied: must be false for a official "intersect" link (it is derived from the relation)',
    ]);
  });

  it('checks crosswalk links against the catalogues', () => {
    const c = sample();
    const x = {
      id: 'x',
      fromCatalogue: { id: 'test', version: '1' },
      toCatalogue: { id: 'test', version: '1' },
      description: { ja: 'x', en: 'x' },
      links: [
        {
          from: { catalogueId: 'test', itemId: '1-1-1-1' },
          to: { catalogueId: 'test', itemId: 'nope' },
          relation: 'equal',
          source: 'tierstar',
        },
      ],
    };
    const r = validateCrosswalk(x, { from: c, to: c });
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual(['links[0].to.itemId: unknown item "nope"']);
  });
});

describe('loader', () => {
  it('merges part files, sorts into official order and freezes', () => {
    const { groups, requirements, criteria, ...meta } = sample();
    const c = buildCatalogue(meta, [
      { criteria: [criteria[1]] },
      { groups, requirements, criteria: [criteria[0]] },
    ]);
    expect(c.criteria.map((k) => k.id)).toEqual(['1-1-1-1', '1-1-1-2']);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.criteria[0].title)).toBe(true);
  });

  it('reports invalid parts with their path and throws for built-in data', () => {
    const { groups, requirements, criteria, ...meta } = sample();
    const bad = { ...criteria[0], title: { ja: '', en: 'x' } };
    const r = assembleCatalogue(meta, [{ groups, requirements, criteria: [criteria[1], bad] }]);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual(['criteria[0].title.ja: empty']);
    expect(() => buildCatalogue(meta, [{ groups, requirements, criteria: [bad] }])).toThrow(
      CatalogueValidationError,
    );
    expect(assembleCatalogue(meta, [{ criteria: 'nope' }]).ok).toBe(false);
  });
});
