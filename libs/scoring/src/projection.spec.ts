import fc from 'fast-check';
import { type AnswerValue } from './answers';
import {
  projectAnswers,
  type CrosswalkInput,
  type CrosswalkLinkInput,
  type CrosswalkRelation,
} from './projection';
import { arbAnswerValue } from './testing/arbitraries';

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
  projectAnswers(cw, answers)[target]?.value;

describe('projectAnswers', () => {
  it('marks suggestions as reused, unconfirmed, with sources and crosswalk', () => {
    const cw = crosswalk([
      ['a', 'T', 'equal'],
      ['b', 'T', 'subset'],
    ]);
    expect(projectAnswers(cw, { a: 'met', b: 'met' })).toEqual({
      T: { value: 'met', implied: true, reused: true, confirmed: false, from: ['a', 'b'], via: 'src-to-tgt' },
    });
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
    expect(projectAnswers(cw, { T: 'met' }, { sourceCatalogueId: 'tgt' })).toEqual({
      a: { value: 'met', implied: true, reused: true, confirmed: false, from: ['T'], via: 'src-to-tgt' },
    });
    expect(projectAnswers(cw, { a: 'met' })).toEqual({
      T: { value: 'met', implied: false, reused: true, confirmed: false, from: ['a'], via: 'src-to-tgt' },
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
          if (p.value === 'met') {
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
});
