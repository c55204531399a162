import { describe, expect, it } from '@jest/globals';
import { tokenFromHash } from '../respond/token';
import {
  conflictingAnswer,
  draftBlocker,
  levelLabel,
  localized,
  pendingSuggestion,
  sameDraft,
  sectionsOf,
  upsertAnswer,
} from './model';
import type { Answer, Catalogue, Suggestion } from './types';

const text = (ja: string, en: string) => ({ ja, en }) as unknown as Catalogue['title'];

const answer = (criterionId: string, version: number, value: Answer['value'] = 'met'): Answer => ({
  criterionId,
  value,
  note: '',
  naReason: '',
  version,
  provenance: 'form',
  source: null,
  updatedAt: '2026-11-24T00:00:00.000Z',
});

describe('assessment model', () => {
  it('picks the UI language and falls back to Japanese', () => {
    expect(localized({ ja: '日本語', en: 'English' }, 'en')).toBe('English');
    expect(localized({ ja: '日本語', en: '' }, 'en')).toBe('日本語');
    expect(localized({ ja: '日本語', en: 'English' }, 'ja')).toBe('日本語');
  });

  it('labels levels from the catalogue, null when not reached', () => {
    const levels = [{ rank: 3, label: text('★3(基礎)', '★3 (Basic)'), provisional: false }];
    expect(levelLabel(levels as Catalogue['levels'], 3, 'ja')).toBe('★3(基礎)');
    expect(levelLabel(levels as Catalogue['levels'], 4, 'ja')).toBe('★4');
    expect(levelLabel(levels as Catalogue['levels'], null, 'ja')).toBeNull();
  });

  it('groups criteria by category in catalogue order and skips empty categories', () => {
    const criterion = (id: string, groupId: string) =>
      ({
        id,
        groupId,
        level: 3,
        title: text(id, id),
        explanation: text('', ''),
      }) as Catalogue['criteria'][number];
    const sections = sectionsOf({
      groups: [
        { id: 'b', title: text('B', 'B') },
        { id: 'a', title: text('A', 'A') },
        { id: 'empty', title: text('E', 'E') },
      ],
      criteria: [criterion('1', 'a'), criterion('2', 'b'), criterion('3', 'a'), criterion('4', 'x')],
    } as Catalogue);
    expect(sections.map((s) => [s.groupId, s.criteria.map((c) => c.id)])).toEqual([
      ['b', ['2']],
      ['a', ['1', '3']],
      ['x', ['4']],
    ]);
  });

  it('does not save without a choice, nor "does not apply" without a reason', () => {
    expect(draftBlocker({ value: null, note: 'x', naReason: '' })).toBe('noValue');
    expect(draftBlocker({ value: 'not_applicable', note: '', naReason: '  ' })).toBe('naReason');
    expect(draftBlocker({ value: 'not_applicable', note: '', naReason: 'no PCs' })).toBeNull();
    expect(
      sameDraft({ value: 'met', note: 'a ', naReason: '' }, { value: 'met', note: 'a', naReason: '' }),
    ).toBe(true);
  });

  it('reads the other version from a 409 ANSWER_CONFLICT only', () => {
    const current = answer('1-1', 4, 'partial');
    expect(conflictingAnswer({ status: 409, code: 'ANSWER_CONFLICT', current })).toEqual(current);
    expect(conflictingAnswer({ status: 409, code: 'ASSESSMENT_LOCKED', current })).toBeNull();
    expect(
      conflictingAnswer({ status: 409, code: 'ANSWER_CONFLICT', current: { value: 'bogus' } }),
    ).toBeNull();
  });

  it('replaces an answer in place or appends it', () => {
    const list = [answer('a', 1), answer('b', 1)];
    expect(upsertAnswer(list, answer('b', 2)).map((a) => `${a.criterionId}${a.version}`)).toEqual([
      'a1',
      'b2',
    ]);
    expect(upsertAnswer(list, answer('c', 1))).toHaveLength(3);
  });

  it('offers a reused answer only while the criterion has no answer of its own', () => {
    const suggestion = { criterionId: 'a', value: 'met' } as Suggestion;
    expect(pendingSuggestion([suggestion], 'a', false)).toBe(suggestion);
    expect(pendingSuggestion([suggestion], 'a', true)).toBeUndefined();
  });

  it('reads the access token from the URL fragment', () => {
    expect(tokenFromHash('#token=abc_DEF-123')).toBe('abc_DEF-123');
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#other=1')).toBeNull();
  });
});
