/**
 * @tierstar/scoring — pure scoring of supply-chain security assessments (METI SCS ★3/★4/provisional ★5,
 * JAMA/JAPIA Lv1–3, IPA 25-item self-check, SECURITY ACTION 5か条) and projection of answers across catalogues.
 * No I/O and no framework imports; catalogues are passed in (structurally typed).
 */
export {
  ANSWER_LABELS,
  ANSWER_VALUES,
  ANSWER_CODES,
  answerCode,
  answerValueOf,
  isAnswerValue,
  type AnswerCode,
  type AnswerInput,
  type AnswerRecord,
  type AnswerValue,
} from './answers';
export {
  CatalogueCompileError,
  checkAnswerRecord,
  compileCatalogue,
  decodeAnswers,
  encodeAnswers,
  ensureCompiled,
  isCompiledCatalogue,
  naCounts,
  type AnswerRecordProblems,
  type CompiledCatalogue,
  type ScoringCatalogueInput,
  type ScoringCriterionInput,
  type ScoringKind,
} from './catalogue';
export {
  DEFAULT_NA_POLICY,
  NA_POLICIES,
  NA_SHARE_WARNING_THRESHOLD,
  type IdSet,
  type NaOptions,
  type NaPolicy,
  type NaReasons,
  type NaSummary,
  type ReviewInput,
} from './na';
export {
  percentOf,
  scoreLevels,
  type GroupTally,
  type LevelTally,
  type LevelsOptions,
  type LevelsResult,
  type Tally,
} from './levels';
export {
  IPA_BAND_ADVICE,
  IPA_ITEM_MAX,
  IPA_POINTS,
  ipaBand,
  scorePoints,
  type GroupPoints,
  type IpaBand,
  type PointsResult,
} from './points';
export { scoreChecklist, type ChecklistResult } from './checklist';
export { scoreAssessment, type ScoreOptions, type ScoreResult } from './score';
export {
  earlierLabel,
  inverseRelation,
  projectAnswers,
  relatedLabel,
  relationImpliesMet,
  reuseAnswers,
  type CrosswalkInput,
  type CrosswalkLinkInput,
  type CrosswalkRelation,
  type LocalizedLabel,
  type ProjectedAnswer,
  type ProjectionOptions,
  type ReusedAnswer,
  type ReuseOptions,
  type ReuseSource,
  type SourceAnswer,
} from './projection';
