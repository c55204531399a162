import { scoreChecklist } from './checklist';
import { answersAll, checklistCatalogue, makeCatalogue } from './testing/factory';

describe('scoreChecklist', () => {
  const cat = checklistCatalogue(5);

  it('is satisfied when every item is met or an allowed, reasoned not applicable', () => {
    const r = scoreChecklist(cat, answersAll(cat, 'met', { '4': 'not_applicable' }), {
      naReasons: { '4': '共有フォルダもクラウドも使っていない' },
    });
    expect(r).toMatchObject({
      satisfied: true,
      met: 4,
      applicable: 4,
      percent: 100,
      gaps: [],
      unanswered: [],
    });
  });

  it('lists unsatisfied and unanswered items', () => {
    const r = scoreChecklist(cat, { '1': 'met', '2': 'partial', '3': 'unknown', '5': 'met' });
    expect(r).toMatchObject({
      kind: 'checklist',
      satisfied: false,
      met: 2,
      applicable: 5,
      percent: 40,
      gaps: ['2', '3', '4'],
      unanswered: ['4'],
    });
  });

  it('an N/A without a reason or where never allowed leaves the checklist unsatisfied', () => {
    const strict = makeCatalogue({
      scoring: 'checklist',
      ranks: [1],
      criteria: [
        { id: '1', groupId: 'all', level: 1, naPolicy: 'never' },
        { id: '4', groupId: 'all', level: 1 },
      ],
    });
    const r = scoreChecklist(
      strict,
      { '1': 'not_applicable', '4': 'not_applicable' },
      { naReasons: { '1': 'x' } },
    );
    expect(r).toMatchObject({ satisfied: false, gaps: ['1', '4'] });
    expect(r.na).toMatchObject({ notAllowed: ['1'], reasonMissing: ['4'], count: 0 });
  });

  it('an all-N/A checklist is never satisfied, even with reasons', () => {
    const reasons = Object.fromEntries(cat.criteria.map((c) => [c.id, '該当しない']));
    const r = scoreChecklist(cat, answersAll(cat, 'not_applicable'), { naReasons: reasons });
    expect(r).toMatchObject({ satisfied: false, applicable: 0, percent: null, gaps: [] });
    expect(r.na).toMatchObject({ count: 5, ratio: 1, warning: true });
  });
});
