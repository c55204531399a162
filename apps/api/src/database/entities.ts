// Entities: the schema's one source (migrations are generated from them, Kysely's row types derived from them).
import { ApiToken } from '../api-tokens/api-token.entity';
import { AccessToken } from '../assessments/access-token.entity';
import { AssessmentGuest } from '../assessments/assessment-guest.entity';
import { AnswerRevision } from '../assessments/answer-revision.entity';
import { Answer } from '../assessments/answer.entity';
import { Assessment } from '../assessments/assessment.entity';
import { Confirmation } from '../assessments/confirmation.entity';
import { ReviewComment } from '../assessments/review-comment.entity';
import { ScoreSnapshot } from '../assessments/score-snapshot.entity';
import { Submission } from '../assessments/submission.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { Session } from '../auth/session.entity';
import { CampaignSupplier } from '../campaigns/campaign-supplier.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { ImportedCatalogue } from '../catalogues/imported-catalogue.entity';
import { EvidenceFile } from '../evidence/evidence-file.entity';
import { SupplyLink } from '../network/supply-link.entity';
import { Invitation } from '../organizations/invitation.entity';
import { Membership } from '../organizations/membership.entity';
import { Organization } from '../organizations/organization.entity';
import { MailOutbox } from '../outbox/mail-outbox.entity';
import { RemediationEvent } from '../remediation/remediation-event.entity';
import { RemediationItem } from '../remediation/remediation-item.entity';
import { SignupRequest } from '../organizations/signup-request.entity';
import { User } from '../users/user.entity';

/**
 * Every table by its name, with the entity that defines it (no globs: the same list works under ts, swc and
 * jest). `test/integration/database-types.int-spec.ts` checks each name against the entity's table and that
 * every column is the snake_case of its property, which is what the Kysely CamelCasePlugin assumes.
 */
export const TABLES = {
  answer_revisions: AnswerRevision,
  api_tokens: ApiToken,
  assessment_access_tokens: AccessToken,
  assessment_answers: Answer,
  assessment_guests: AssessmentGuest,
  assessment_submissions: Submission,
  assessments: Assessment,
  audit_events: AuditEvent,
  campaign_suppliers: CampaignSupplier,
  campaigns: Campaign,
  criterion_confirmations: Confirmation,
  evidence_files: EvidenceFile,
  imported_catalogues: ImportedCatalogue,
  invitations: Invitation,
  mail_outbox: MailOutbox,
  memberships: Membership,
  organizations: Organization,
  remediation_events: RemediationEvent,
  remediation_items: RemediationItem,
  review_comments: ReviewComment,
  score_snapshots: ScoreSnapshot,
  sessions: Session,
  signup_requests: SignupRequest,
  supply_links: SupplyLink,
  users: User,
} as const;

/** Every entity, for TypeORM. */
export const ENTITIES = Object.values(TABLES);
