import { isUuid } from '../common/ids';
import type { EntityManager } from 'typeorm';
import { ProblemException, problem } from '../common/problem';
import type { MemberRole } from '../organizations/membership.entity';
import type { AssessmentStatus, ConsentLevel } from './assessment.entity';

/** One assessment as seen by one user: who they are to it decides what they may do. */
export interface AssessmentAccess {
  id: string;
  campaignId: string;
  buyerId: string;
  supplierId: string;
  status: AssessmentStatus;
  targetLevel: number | null;
  round: number;
  evaluatorId: string | null;
  /** The caller's roles in the supplier organization (any member of it reads its assessments). */
  supplierRoles: MemberRole[];
  /**
   * The caller's roles in the buyer that read supplier data: admin, procurement, evaluator. A buyer-side
   * respondent has none here (it answers its own organization's questionnaires, it does not read suppliers').
   */
  buyerRoles: MemberRole[];
  isEvaluator: boolean;
  /** The caller is a guest of this one assessment (opened an emailed link to it): answers it, sees nothing else. */
  isGuest: boolean;
  /**
   * Roles of the caller in the upstream buyer (the buyer of the campaign this one was forwarded from), present
   * only while the supplier's consent is `full`. Read access only: it never passes an assert* check, and a
   * `lock` load (every write) ignores it.
   */
  upstreamRoles: MemberRole[];
  /** The supplier's current choice of what the upstream buyer may see. */
  upstreamConsent: ConsentLevel;
  /** Answer codes from the score snapshot (present when loaded with `lock`). */
  codes?: Buffer;
}

interface Row {
  id: string;
  campaign_id: string;
  buyer_id: string;
  supplier_id: string;
  status: AssessmentStatus;
  target_level: number | null;
  round: number;
  evaluator_id: string | null;
  supplier_roles: MemberRole[] | null;
  buyer_roles: MemberRole[] | null;
  is_guest: boolean;
  upstream_roles: MemberRole[] | null;
  upstream_consent: ConsentLevel;
  codes?: Buffer;
}

/** Buyer-side roles that may read a supplier's assessment (answers, evidence, review, remediation). */
export const BUYER_READ_ROLES: readonly MemberRole[] = ['admin', 'procurement', 'evaluator'];

/**
 * Loads the assessment with the caller's relation to it. Anyone who is neither a member of the supplier, nor a
 * guest of this assessment, nor an admin/procurement/evaluator of the buyer, nor the assigned evaluator gets
 * 404, exactly as for an id that does not exist. The one exception is
 * the upstream buyer of a forwarded campaign (e.g. the OEM above a Tier 1): its admins, procurement and
 * evaluators may read the assessment while the supplier's consent is `full` (checked on every load, so a
 * changed consent applies at once), never write it. With `lock`, the score snapshot row is locked FOR UPDATE:
 * every answer change of one assessment is serialised on it; upstream access does not count for such loads.
 */
export async function loadAccess(
  m: EntityManager,
  assessmentId: string,
  userId: string,
  opts: { lock?: boolean } = {},
): Promise<AssessmentAccess> {
  if (!isUuid(assessmentId)) throw problem.notFound();
  const rows = await m.query<Row[]>(
    `SELECT a.id, a.campaign_id, a.buyer_id, a.supplier_id, a.status, a.target_level, a.round, a.evaluator_id,
            (SELECT array_agg(ms.role::text) FROM memberships ms
              WHERE ms.user_id = $2 AND ms.organization_id = a.supplier_id) AS supplier_roles,
            (SELECT array_agg(mb.role::text) FROM memberships mb
              WHERE mb.user_id = $2 AND mb.organization_id = a.buyer_id
                AND mb.role::text = ANY($3::text[])) AS buyer_roles,
            EXISTS (SELECT 1 FROM assessment_guests g WHERE g.assessment_id = a.id AND g.user_id = $2) AS is_guest,
            a.upstream_consent,
            (SELECT array_agg(mu.role::text) FROM campaigns c
               JOIN campaigns pc ON pc.id = c.parent_campaign_id
               JOIN memberships mu ON mu.organization_id = pc.buyer_id AND mu.user_id = $2
                                  AND mu.role IN ('admin', 'procurement', 'evaluator')
              WHERE c.id = a.campaign_id AND a.upstream_consent = 'full') AS upstream_roles
            ${opts.lock ? ', s.codes' : ''}
       FROM assessments a
       ${opts.lock ? 'JOIN score_snapshots s ON s.assessment_id = a.id' : ''}
      WHERE a.id = $1
      ${opts.lock ? 'FOR UPDATE OF s' : ''}`,
    [assessmentId, userId, BUYER_READ_ROLES],
  );
  const r = rows[0];
  const access: AssessmentAccess | undefined = r && {
    id: r.id,
    campaignId: r.campaign_id,
    buyerId: r.buyer_id,
    supplierId: r.supplier_id,
    status: r.status,
    targetLevel: r.target_level,
    round: r.round,
    evaluatorId: r.evaluator_id,
    supplierRoles: r.supplier_roles ?? [],
    buyerRoles: r.buyer_roles ?? [],
    isEvaluator: r.evaluator_id === userId,
    isGuest: r.is_guest,
    upstreamRoles: opts.lock ? [] : (r.upstream_roles ?? []),
    upstreamConsent: r.upstream_consent,
    ...(r.codes ? { codes: r.codes } : {}),
  };
  if (
    !access ||
    (!access.supplierRoles.length &&
      !access.buyerRoles.length &&
      !access.isEvaluator &&
      !access.isGuest &&
      !access.upstreamRoles.length)
  ) {
    throw problem.notFound();
  }
  return access;
}

const roleRequired = (ja: string, en: string) => new ProblemException(403, 'ROLE_REQUIRED', { ja, en });

/** Whoever answers for the supplier: its admins and respondents, and the guests of this assessment. */
export function canAnswer(a: Pick<AssessmentAccess, 'supplierRoles' | 'isGuest'>): boolean {
  return a.isGuest || a.supplierRoles.some((r) => r === 'admin' || r === 'respondent');
}

/** Supplier-side viewers: members of the supplier and guests of this assessment. */
export function isSupplierSide(a: Pick<AssessmentAccess, 'supplierRoles' | 'isGuest'>): boolean {
  return a.isGuest || a.supplierRoles.length > 0;
}

export function assertCanAnswer(a: AssessmentAccess): void {
  if (!canAnswer(a)) {
    throw roleRequired(
      '回答できるのは取引先 (回答側) の担当者だけです。',
      "Only the supplier's respondents and admins can answer.",
    );
  }
}

/** Buyer staff who review: the buyer's admins and procurement. */
export function assertCanReview(a: AssessmentAccess): void {
  if (!a.buyerRoles.some((r) => r === 'admin' || r === 'procurement')) {
    throw roleRequired(
      '審査できるのは依頼元の調達担当者だけです。',
      "Only the buyer's procurement staff and admins can review.",
    );
  }
}

export function assertIsEvaluator(a: AssessmentAccess): void {
  if (!a.isEvaluator) {
    throw roleRequired(
      '確認できるのは割り当てられた評価者だけです。',
      'Only the evaluator assigned to this assessment can confirm answers.',
    );
  }
}

/** Answers can change only while the supplier holds the assessment. */
export function assertEditable(a: AssessmentAccess): void {
  if (a.status === 'submitted' || a.status === 'accepted') {
    throw new ProblemException(409, 'ASSESSMENT_LOCKED', {
      ja: '提出済みのため変更できません。差し戻されると再び編集できます。',
      en: 'This assessment has been submitted and is locked until the buyer returns it.',
    });
  }
}
