import { ApiToken } from '../api-tokens/api-token.entity';
import { AccessToken } from '../assessments/access-token.entity';
import { Answer } from '../assessments/answer.entity';
import { AnswerRevision } from '../assessments/answer-revision.entity';
import { Assessment } from '../assessments/assessment.entity';
import { Confirmation } from '../assessments/confirmation.entity';
import { ReviewComment } from '../assessments/review-comment.entity';
import { ScoreSnapshot } from '../assessments/score-snapshot.entity';
import { Submission } from '../assessments/submission.entity';
import { CampaignSupplier } from '../campaigns/campaign-supplier.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { EvidenceFile } from '../evidence/evidence-file.entity';
import { MailOutbox } from '../outbox/mail-outbox.entity';
import { RemediationEvent } from '../remediation/remediation-event.entity';
import { RemediationItem } from '../remediation/remediation-item.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { Session } from '../auth/session.entity';
import { ImportedCatalogue } from '../catalogues/imported-catalogue.entity';
import { SupplyLink } from '../network/supply-link.entity';
import { Invitation } from '../organizations/invitation.entity';
import { Membership } from '../organizations/membership.entity';
import { Organization } from '../organizations/organization.entity';
import { SignupRequest } from '../organizations/signup-request.entity';
import { User } from '../users/user.entity';

/** Every entity, listed explicitly (no globs: the same list works under ts, swc and jest). */
export const ENTITIES = [
  AccessToken,
  ApiToken,
  Answer,
  AnswerRevision,
  Assessment,
  AuditEvent,
  Campaign,
  CampaignSupplier,
  Confirmation,
  EvidenceFile,
  MailOutbox,
  RemediationEvent,
  RemediationItem,
  ReviewComment,
  ScoreSnapshot,
  Submission,
  ImportedCatalogue,
  Invitation,
  Membership,
  Organization,
  Session,
  SignupRequest,
  SupplyLink,
  User,
];
