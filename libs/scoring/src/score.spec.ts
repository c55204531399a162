import { compileCatalogue, encodeAnswers } from './catalogue';
import { scoreAssessment } from './score';
import { answersAll, checklistCatalogue, pointsCatalogue, smallStarCatalogue } from './testing/factory';

describe('scoreAssessment', () => {
  it('dispatches on the scoring kind', () => {
    const stars = smallStarCatalogue();
    const ipa = pointsCatalogue();
    const kajo = checklistCatalogue();
    expect(scoreAssessment(stars, answersAll(stars, 'met')).kind).toBe('levels');
    expect(scoreAssessment(ipa, answersAll(ipa, 'met')).kind).toBe('points');
    expect(scoreAssessment(kajo, answersAll(kajo, 'met')).kind).toBe('checklist');
  });

  it('passes the target to level scoring', () => {
    const stars = smallStarCatalogue();
    const r = scoreAssessment(stars, {}, { target: 3 });
    expect(r.kind === 'levels' && r.gaps).toEqual(['g1-3-1', 'g1-3-2', 'g2-3-1']);
  });

  it('gives identical results for the record and the compiled code path', () => {
    for (const cat of [smallStarCatalogue(), pointsCatalogue(), checklistCatalogue()]) {
      const answers = answersAll(cat, 'partial', {
        [cat.criteria[0].id]: 'met',
        [cat.criteria[1].id]: 'unknown',
      });
      const compiled = compileCatalogue(cat);
      expect(scoreAssessment(compiled, encodeAnswers(compiled, answers))).toEqual(
        scoreAssessment(cat, answers),
      );
    }
  });

  it('passes N/A reasons to every scoring kind', () => {
    for (const cat of [smallStarCatalogue(), pointsCatalogue(), checklistCatalogue()]) {
      const first = cat.criteria[0].id;
      const answers = answersAll(cat, 'met', { [first]: 'not_applicable' });
      const withReason = scoreAssessment(cat, answers, { naReasons: { [first]: 'サーバーがない' } });
      const without = scoreAssessment(cat, answers);
      expect(withReason.na.count).toBe(1);
      expect(without.na.reasonMissing).toEqual([first]);
      expect(withReason.gaps).toEqual([]);
      expect(without.gaps).toEqual([first]);
    }
  });
});
