// Shapes of the assessment API, all derived from the generated OpenAPI schema (never written by hand).
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Assessment = Schemas['AssessmentDto'];
export type AssessmentStatus = Assessment['status'];
export type ViewerRole = Assessment['viewerRoles'][number];
export type Catalogue = Schemas['AssessmentCatalogueDto'];
export type Criterion = Schemas['CriterionViewDto'];
export type Group = Schemas['GroupViewDto'];
export type Level = Schemas['LevelViewDto'];
export type Answer = Schemas['AnswerDto'];
export type AnswerValue = Answer['value'];
export type Suggestion = Schemas['SuggestionDto'];
export type Score = Schemas['ScoreDto'];
export type Evidence = Schemas['EvidenceDto'];
export type ReviewComment = Schemas['ReviewCommentDto'];
export type Confirmation = Schemas['ConfirmationDto'];
export type ConfirmationResult = Confirmation['result'];
export type Submission = Schemas['SubmissionSummaryDto'];
export type Declaration = Schemas['DeclarationDto'];
export type SavedAnswer = Schemas['SavedAnswerDto'];
export type Member = Schemas['MemberDto'];
