import { type AnswerInput } from './answers';
import { ensureCompiled, type CompiledCatalogue, type ScoringCatalogueInput } from './catalogue';
import { scoreChecklist, type ChecklistResult } from './checklist';
import { scoreLevels, type LevelsOptions, type LevelsResult } from './levels';
import { scorePoints, type PointsResult } from './points';

export type ScoreResult = LevelsResult | PointsResult | ChecklistResult;

export type ScoreOptions = LevelsOptions;

/** Scores an assessment with the rules of the catalogue's scoring kind. `target` applies to levels catalogues. */
export function scoreAssessment(
  cat: CompiledCatalogue | ScoringCatalogueInput,
  answers: AnswerInput,
  options: ScoreOptions = {},
): ScoreResult {
  const c = ensureCompiled(cat);
  switch (c.kind) {
    case 'levels':
      return scoreLevels(c, answers, options);
    case 'points':
      return scorePoints(c, answers);
    case 'checklist':
      return scoreChecklist(c, answers);
  }
}
