import fc from 'fast-check';
import { type AnswerValue } from './answers';
import {
  projectAnswers,
  relationImpliesMet,
  reuseAnswers,
  type CrosswalkInput,
  type CrosswalkLinkInput,
  type CrosswalkRelation,
} from './projection';
import { arbAnswerValue } from './testing/arbitraries';
import { makeCatalogue } from './testing/factory';

type LinkSpec = [
  from: string,
  to: string,
  relation: CrosswalkRelation,
  source?: CrosswalkLinkInput['source'],
];

function crosswalk(links: readonly LinkSpec[]): CrosswalkInput {
  return {
    id: 'src-to-tgt',
    fromCatalogue: { id: 'src' },
    toCatalogue: { id: 'tgt' },
    links: links.map(([from, to, relation, source]) => ({
      from: { catalogueId: 'src', itemId: from },
      to: { catalogueId: 'tgt', itemId: to },
      relation,
      source: source ?? 'official',
    })),
  };
}

const value = (cw: CrosswalkInput, answers: Record<string, AnswerValue>, target: string) =>
  projectAnswers(cw, answers)[target]?.suggested;

const SRC = { ja: '元のガイドライン', en: 'the source guideline' };

describe('projectAnswers', () => {
  it('marks suggestions as reused, unconfirmed, with sources and crosswalk', () => {
    const cw = crosswalk([
      ['a', 'T', 'equal'],
      ['b', 'T', 'subset'],
    ]);
    expect(projectAnswers(cw, { a: 'met', b: 'met' }, { sourceGuideline: SRC })).toEqual({
      T: {
        suggested: 'met',
        preselect: 'met',
        implied: true,
        reused: true,
        confirmed: false,
        from: ['a', 'b'],
        sources: [
          { itemId: 'a', value: 'met' },
          { itemId: 'b', value: 'met' },
        ],
        via: 'src-to-tgt',
        label: {
          ja: '元のガイドラインの関連項目の回答: a「実施している」、b「実施している」',
          en: 'Related items of the source guideline were answered: a "met", b "met"',
        },
      },
    });
  });

  it('labels a carried-over answer and pre-selects nothing when the link does not imply it', () => {
    // A JAMA-style item with a looser patch rule, cited by a stricter criterion (14-day deadline): overlap only.
    const cw = crosswalk([['No.124', '4-4-4-2', 'intersect']]);
    const p = projectAnswers(
      cw,
      { 'No.124': 'met' },
      { sourceGuideline: { ja: '自工会/部工会ガイドライン', en: 'the JAMA/JAPIA guideline' } },
    );
    expect(p['4-4-4-2']).toMatchObject({
      suggested: 'met',
      preselect: null,
      implied: false,
      label: {
        ja: '自工会/部工会ガイドラインの関連項目 No.124 の回答は「実施している」でした',
        en: 'A related item of the JAMA/JAPIA guideline (No.124) was answered "met"',
      },
    });
    // The target asks for more than the source (subset): still nothing pre-selected.
    expect(projectAnswers(crosswalk([['a', 'T', 'subset']]), { a: 'met' }).T?.preselect).toBeNull();
    // Without a guideline name the label uses the catalogue id.
    expect(projectAnswers(cw, { 'No.124': 'met' })['4-4-4-2']?.label.en).toBe(
      'A related item of src (No.124) was answered "met"',
    );
  });

  it('relation types that imply met: equal and superset (source covers target) only', () => {
    expect((['equal', 'superset', 'subset', 'intersect'] as const).map(relationImpliesMet)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('pre-selects not_applicable only where the target criterion allows N/A', () => {
    const cw = crosswalk([
      ['a', 'T', 'equal'],
      ['b', 'U', 'equal'],
    ]);
    const target = makeCatalogue({
      criteria: [
        { id: 'T', groupId: 'g', level: 3, naPolicy: 'never' },
        { id: 'U', groupId: 'g', level: 3, naPolicy: 'with_reason' },
      ],
    });
    const p = projectAnswers(cw, { a: 'not_applicable', b: 'not_applicable' }, { target });
    expect([p.T?.suggested, p.T?.preselect, p.U?.preselect]).toEqual([
      'not_applicable',
      null,
      'not_applicable',
    ]);
  });

  it.each<[string, LinkSpec[], Record<string, AnswerValue>, AnswerValue | undefined]>([
    ['equal, met', [['a', 'T', 'equal']], { a: 'met' }, 'met'],
    ['superset, met', [['a', 'T', 'superset']], { a: 'met' }, 'met'],
    ['subset only, met (weakest link; not implied)', [['a', 'T', 'subset']], { a: 'met' }, 'met'],
    ['intersect only, met (weakest link; not implied)', [['a', 'T', 'intersect']], { a: 'met' }, 'met'],
    ['only link, not_met', [['a', 'T', 'intersect']], { a: 'not_met' }, 'not_met'],
    ['only link, partial', [['a', 'T', 'equal']], { a: 'partial' }, 'not_met'],
    ['equal n/a', [['a', 'T', 'equal']], { a: 'not_applicable' }, 'not_applicable'],
    ['subset n/a', [['a', 'T', 'subset']], { a: 'not_applicable' }, 'unknown'],
    ['unknown only', [['a', 'T', 'equal']], { a: 'unknown' }, undefined],
    ['no answer', [['a', 'T', 'equal']], {}, undefined],
    ['hint link never prefills', [['a', 'T', 'equal', 'hint']], { a: 'met' }, undefined],
    [
      'weakest link: one of two covering sources unanswered',
      [
        ['a', 'T', 'equal'],
        ['b', 'T', 'superset'],
      ],
      { a: 'met' },
      'partial',
    ],
    [
      'n/a does not support met',
      [
        ['a', 'T', 'equal'],
        ['b', 'T', 'intersect'],
      ],
      { a: 'met', b: 'not_applicable' },
      'partial',
    ],
    [
      'failing subset source fails the target',
      [
        ['a', 'T', 'equal'],
        ['b', 'T', 'subset'],
      ],
      { a: 'met', b: 'not_met' },
      'not_met',
    ],
    [
      'failing intersecting source among several → partial',
      [
        ['a', 'T', 'equal'],
        ['b', 'T', 'intersect'],
      ],
      { a: 'met', b: 'not_met' },
      'partial',
    ],
    [
      'failing intersecting source with nothing met → unknown',
      [
        ['a', 'T', 'intersect'],
        ['b', 'T', 'intersect'],
      ],
      { a: 'not_met' },
      'unknown',
    ],
    [
      'hint links are ignored when counting links',
      [
        ['a', 'T', 'equal'],
        ['h', 'T', 'equal', 'hint'],
      ],
      { a: 'met', h: 'not_met' },
      'met',
    ],
  ])('%s', (_name, links, answers, expected) => {
    expect(value(crosswalk(links), answers, 'T')).toBe(expected);
  });

  it('reads a crosswalk backwards with inverted relations', () => {
    // src "a" is a subset of tgt "T": read from tgt to src, T is a superset of a, so T met ⇒ a met.
    const cw = crosswalk([['a', 'T', 'subset']]);
    expect(projectAnswers(cw, { T: 'met' }, { sourceCatalogueId: 'tgt' }).a).toMatchObject({
      suggested: 'met',
      preselect: 'met',
      implied: true,
      from: ['T'],
      via: 'src-to-tgt',
    });
    expect(projectAnswers(cw, { a: 'met' }).T).toMatchObject({
      suggested: 'met',
      preselect: null,
      implied: false,
      from: ['a'],
    });
  });

  it('ignores links between other catalogues', () => {
    const cw: CrosswalkInput = {
      ...crosswalk([]),
      links: [
        {
          from: { catalogueId: 'x', itemId: 'a' },
          to: { catalogueId: 'tgt', itemId: 'T' },
          relation: 'equal',
          source: 'official',
        },
      ],
    };
    expect(projectAnswers(cw, { a: 'met' })).toEqual({});
  });
});

describe('projectAnswers properties', () => {
  const sources = ['a', 'b', 'c', 'd', 'e'];
  const targets = ['T1', 'T2', 'T3'];
  const arbLinks = fc.array(
    fc.tuple(
      fc.constantFrom(...sources),
      fc.constantFrom(...targets),
      fc.constantFrom<CrosswalkRelation>('equal', 'subset', 'superset', 'intersect'),
      fc.constantFrom<CrosswalkLinkInput['source']>('official', 'tierstar', 'hint'),
    ),
    { maxLength: 12 },
  );
  const arbSourceAnswers = fc.dictionary(fc.constantFrom(...sources), arbAnswerValue);

  it('never marks a target met that no source answer supports', () => {
    fc.assert(
      fc.property(arbLinks, arbSourceAnswers, (links, answers) => {
        const cw = crosswalk(links);
        const projected = projectAnswers(cw, answers);
        for (const [target, p] of Object.entries(projected)) {
          const linked = links.filter(([, t, , s]) => t === target && s !== 'hint');
          expect(linked.length).toBeGreaterThan(0);
          expect(p.reused).toBe(true);
          expect(p.confirmed).toBe(false);
          expect(p.from.length).toBeGreaterThan(0);
          // Only what the relations imply may be pre-selected.
          expect(p.preselect).toBe(p.implied ? p.suggested : null);
          expect(p.sources.map((x) => x.itemId)).toEqual(p.from);
          if (p.preselect === 'met') {
            expect(linked.some(([, , r]) => r === 'equal' || r === 'superset')).toBe(true);
          }
          if (p.suggested === 'met') {
            expect(linked.every(([s]) => answers[s] === 'met')).toBe(true);
            // `implied` holds exactly when a linked met source covers the target (its first link decides)
            const firstLinks = linked.filter(([s], i) => linked.findIndex(([s2]) => s2 === s) === i);
            expect(p.implied).toBe(firstLinks.some(([, , r]) => r === 'equal' || r === 'superset'));
          }
        }
      }),
    );
  });

  it('suggests only targets linked to an answered source, and hint links change nothing', () => {
    fc.assert(
      fc.property(arbLinks, arbSourceAnswers, (links, answers) => {
        const withoutHints = links.filter(([, , , s]) => s !== 'hint');
        expect(projectAnswers(crosswalk(links), answers)).toEqual(
          projectAnswers(crosswalk(withoutHints), answers),
        );
        for (const target of Object.keys(projectAnswers(crosswalk(links), answers))) {
          expect(
            withoutHints.some(
              ([s, t]) => t === target && answers[s] !== undefined && answers[s] !== 'unknown',
            ),
          ).toBe(true);
        }
      }),
    );
  });

  it('never pre-selects met unless some linked relation implies it', () => {
    fc.assert(
      fc.property(arbLinks, arbSourceAnswers, (links, answers) => {
        const weak = links.map(
          ([s, t, r, src]) => [s, t, r === 'equal' || r === 'superset' ? 'intersect' : r, src] as LinkSpec,
        );
        for (const p of Object.values(projectAnswers(crosswalk(weak), answers))) {
          expect(p.preselect).not.toBe('met');
          expect(p.implied).toBe(p.suggested === 'not_met' && p.preselect === 'not_met');
        }
      }),
    );
  });
});

describe('reuseAnswers', () => {
  const cw = crosswalk([
    ['a', 'T', 'equal'],
    ['b', 'U', 'intersect'],
  ]);
  const jama = { ja: '自工会/部工会ガイドライン', en: 'JAMA/JAPIA' };
  const meti = { ja: 'SCS評価制度', en: 'SCS' };

  it('reuses only sources the caller says are still valid', () => {
    const sources = [
      { id: 'old', catalogueId: 'src', guideline: jama, answers: { a: 'met' as const } },
      { id: 'expired', catalogueId: 'tgt', guideline: meti, answers: { T: 'not_met' as const } },
    ];
    expect(reuseAnswers(sources, { targetCatalogueId: 'tgt', validSourceIds: [], crosswalks: [cw] })).toEqual(
      {},
    );
    const onlyOld = reuseAnswers(sources, {
      targetCatalogueId: 'tgt',
      validSourceIds: ['old'],
      crosswalks: [cw],
    });
    expect(onlyOld).toEqual({
      T: expect.objectContaining({ sourceId: 'old', suggested: 'met', preselect: 'met', via: 'src-to-tgt' }),
    });
    const both = reuseAnswers(sources, {
      targetCatalogueId: 'tgt',
      validSourceIds: new Set(['old', 'expired']),
      crosswalks: [cw],
    });
    // Priority order: the first valid source that says something wins.
    expect(both.T?.sourceId).toBe('old');
  });

  it('copies same-catalogue answers with an "earlier answer" label, through the crosswalk otherwise', () => {
    const target = makeCatalogue({
      criteria: [
        { id: 'T', groupId: 'g', level: 3, naPolicy: 'never' },
        { id: 'U', groupId: 'g', level: 3 },
      ],
    });
    const r = reuseAnswers(
      [
        { id: 'mine', catalogueId: 'tgt', guideline: meti, answers: { T: 'not_applicable', gone: 'met' } },
        { id: 'jama', catalogueId: 'src', guideline: jama, answers: { a: 'met', b: 'met' } },
      ],
      { targetCatalogueId: 'tgt', validSourceIds: ['mine', 'jama'], crosswalks: [cw], target },
    );
    expect(r.T).toMatchObject({
      sourceId: 'mine',
      via: null,
      suggested: 'not_applicable',
      preselect: null,
      label: {
        ja: '以前の回答(SCS評価制度)は「該当しない」でした',
        en: 'Your earlier answer (SCS) was "not applicable"',
      },
    });
    expect(r.gone).toBeUndefined();
    expect(r.U).toMatchObject({
      sourceId: 'jama',
      preselect: null,
      label: { ja: '自工会/部工会ガイドラインの関連項目 b の回答は「実施している」でした' },
    });
  });
});
