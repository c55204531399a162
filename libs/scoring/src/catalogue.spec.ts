import {
  CatalogueCompileError,
  checkAnswerRecord,
  compileCatalogue,
  decodeAnswers,
  encodeAnswers,
  ensureCompiled,
  isCompiledCatalogue,
} from './catalogue';
import { ANSWER_CODES, ANSWER_VALUES, answerCode, answerValueOf, type AnswerRecord } from './answers';
import { makeCatalogue, smallStarCatalogue } from './testing/factory';

describe('compileCatalogue', () => {
  it('indexes criteria in official order with their level and group positions', () => {
    const c = compileCatalogue(smallStarCatalogue());
    expect(c.ids).toEqual(['g1-3-1', 'g1-3-2', 'g1-4-1', 'g2-3-1', 'g2-4-1', 'g2-4-2', 'g3-4-1']);
    expect(c.ranks).toEqual([3, 4]);
    expect(c.groupIds).toEqual(['g1', 'g2', 'g3']);
    expect([...c.levelIndex]).toEqual([0, 0, 1, 0, 1, 1, 1]);
    expect([...c.groupIndex]).toEqual([0, 0, 0, 1, 1, 1, 2]);
    expect([...c.cellIndex]).toEqual([0, 0, 3, 1, 4, 4, 5]);
    expect(c.indexById.get('g2-4-1')).toBe(4);
    expect(isCompiledCatalogue(c)).toBe(true);
    expect(isCompiledCatalogue(smallStarCatalogue())).toBe(false);
  });

  it('sorts level ranks and keeps provisional flags', () => {
    const c = compileCatalogue(
      makeCatalogue({
        ranks: [5, 3, 4],
        provisionalRanks: [5],
        criteria: [{ id: 'a', groupId: 'g', level: 5 }],
      }),
    );
    expect(c.ranks).toEqual([3, 4, 5]);
    expect(c.provisionalRanks).toEqual([false, false, true]);
  });

  it('rejects duplicate ids, unknown groups and undeclared levels, naming each problem', () => {
    const bad = makeCatalogue({
      ranks: [3, 4],
      groups: ['g1'],
      criteria: [
        { id: 'a', groupId: 'g1', level: 3 },
        { id: 'a', groupId: 'g1', level: 3 },
        { id: 'b', groupId: 'nope', level: 4 },
        { id: 'c', groupId: 'g1', level: 5 },
      ],
    });
    expect(() => compileCatalogue(bad)).toThrow(CatalogueCompileError);
    try {
      compileCatalogue(bad);
    } catch (e) {
      expect((e as CatalogueCompileError).problems).toEqual([
        'duplicate criterion id a',
        'criterion b is in unknown group nope',
        'criterion c has level 5, which is not a level of the catalogue',
      ]);
    }
  });

  it('needs no levels for points and checklist catalogues', () => {
    const cat = {
      ...makeCatalogue({ scoring: 'points', criteria: [{ id: '1', groupId: 'p', level: 7 }] }),
      levels: [],
    };
    expect(compileCatalogue(cat).ranks).toEqual([]);
    expect(() => compileCatalogue({ ...cat, scoring: 'levels' })).toThrow(/at least one level/);
  });

  it('caches the compiled form per catalogue object', () => {
    const cat = smallStarCatalogue();
    expect(ensureCompiled(cat)).toBe(ensureCompiled(cat));
    const compiled = compileCatalogue(cat);
    expect(ensureCompiled(compiled)).toBe(compiled);
  });
});

describe('answer codes', () => {
  it('round-trips every answer value', () => {
    for (const v of ANSWER_VALUES) expect(answerValueOf(answerCode(v))).toBe(v);
    expect(answerCode(undefined)).toBe(ANSWER_CODES.missing);
    expect(answerValueOf(0)).toBeUndefined();
    expect(answerValueOf(200)).toBeUndefined();
  });

  it('encodes a record in catalogue order, ignores foreign ids, and decodes back', () => {
    const cat = smallStarCatalogue();
    const answers: AnswerRecord = {
      'g1-3-2': 'met',
      'g3-4-1': 'unknown',
      'g2-3-1': 'not_applicable',
      other: 'met',
    };
    const codes = encodeAnswers(cat, answers);
    expect([...codes]).toEqual([0, 1, 0, 4, 0, 0, 5]);
    expect(decodeAnswers(cat, codes)).toEqual({
      'g1-3-2': 'met',
      'g3-4-1': 'unknown',
      'g2-3-1': 'not_applicable',
    });
  });

  it('does not read inherited properties as answers', () => {
    const cat = makeCatalogue({ criteria: [{ id: 'toString', groupId: 'g', level: 1 }] });
    expect([...encodeAnswers(cat, {})]).toEqual([0]);
  });

  it('throws on an invalid runtime value and on a code array of the wrong length', () => {
    const cat = smallStarCatalogue();
    const bad = JSON.parse('{"g1-3-1": "yes"}') as AnswerRecord;
    expect(() => encodeAnswers(cat, bad)).toThrow(/g1-3-1/);
    expect(() => decodeAnswers(cat, new Uint8Array(3))).toThrow(/length 7/);
  });
});

describe('checkAnswerRecord', () => {
  it('accepts a clean record', () => {
    expect(checkAnswerRecord(smallStarCatalogue(), { 'g1-3-1': 'met' })).toEqual({
      ok: true,
      answers: { 'g1-3-1': 'met' },
    });
  });

  it('reports unknown ids and invalid values', () => {
    expect(checkAnswerRecord(smallStarCatalogue(), { x: 'met', 'g1-3-1': 'yes', 'g1-3-2': 3 })).toEqual({
      ok: false,
      unknownIds: ['x'],
      invalidValues: [
        { id: 'g1-3-1', value: 'yes' },
        { id: 'g1-3-2', value: 3 },
      ],
    });
  });
});
