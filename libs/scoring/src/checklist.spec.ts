import { scoreChecklist } from './checklist';
import { answersAll, checklistCatalogue } from './testing/factory';

describe('scoreChecklist', () => {
  const cat = checklistCatalogue(5);

  it('is satisfied when every item is met or not applicable', () => {
    const r = scoreChecklist(cat, answersAll(cat, 'met', { '4': 'not_applicable' }));
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
});
