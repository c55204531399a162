import { type AnswerInput } from './answers';
import { ensureCompiled, type CompiledCatalogue, type ScoringCatalogueInput } from './catalogue';
import { scoreChecklist, type ChecklistResult } from './checklist';
import { scoreLevels, type LevelsOptions, type LevelsResult } from './levels';
import { scorePoints, type PointsResult } from './points';

export type ScoreResult = LevelsResult | PointsResult | ChecklistResult;

/** `target` and `review` apply to levels catalogues; the N/A options to every kind. */
export type ScoreOptions = LevelsOptions;

/** Scores an assessment with the rules of the catalogue's scoring kind. */
export function scoreAssessment(
  cat: CompiledCatalogue | ScoringCatalogueInput,
  answers: AnswerInput,
  options: ScoreOptions = {},
): ScoreResult {
  const c = ensureCompiled(cat);
  const na = { naReasons: options.naReasons, naWarningThreshold: options.naWarningThreshold };
  switch (c.kind) {
    case 'levels':
      return scoreLevels(c, answers, options);
    case 'points':
      return scorePoints(c, answers, na);
    case 'checklist':
      return scoreChecklist(c, answers, na);
  }
}
