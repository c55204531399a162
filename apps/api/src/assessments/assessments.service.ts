import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isSupplierSide, loadAccess } from './assessment-access';
import { toAnswerDto } from './answers.service';
import { CampaignCatalogues } from './campaign-catalogues';
import type {
  AssessmentDto,
  ConfirmationDto,
  EvidenceDto,
  MyAssessmentListDto,
  ReviewCommentDto,
  SubmissionSummaryDto,
} from './dto/assessment.dto';
import { suggestAnswers } from './prefill';
import { isInScope, scopeMask } from './snapshot';
import type { SnapshotFields } from './snapshot';

const iso = (d: Date | string) => new Date(d).toISOString();

/** Reads of assessments: the full form/review view and the caller's own list. */
@Injectable()
export class AssessmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogues: CampaignCatalogues,
  ) {}

  async detail(userId: string, assessmentId: string): Promise<AssessmentDto> {
    const m = this.db.manager;
    const a = await loadAccess(m, assessmentId, userId);
    const ctx = await this.catalogues.get(m, a.campaignId);
    const [head] = await m.query<
      {
        campaign_title: string;
        message: string;
        support_offered: string;
        due_date: string;
        buyer_name: string;
        supplier_name: string;
        evaluator_name: string | null;
        consent_updated_at: Date | null;
        upstream_id: string | null;
        upstream_name: string | null;
      }[]
    >(
      `SELECT c.title AS campaign_title, c.message, c.support_offered, to_char(c.due_date, 'YYYY-MM-DD') AS due_date,
              b.name AS buyer_name, s.name AS supplier_name, u.name AS evaluator_name, a.consent_updated_at,
              pb.id AS upstream_id, pb.name AS upstream_name
         FROM assessments a
         JOIN campaigns c ON c.id = a.campaign_id
         JOIN organizations b ON b.id = a.buyer_id
         JOIN organizations s ON s.id = a.supplier_id
         LEFT JOIN users u ON u.id = a.evaluator_id
         LEFT JOIN campaigns pc ON pc.id = c.parent_campaign_id
         LEFT JOIN organizations pb ON pb.id = pc.buyer_id
        WHERE a.id = $1`,
      [a.id],
    );
    const [answers, score, evidence, comments, confirmations, submissions] = await Promise.all([
      m.query(
        `SELECT criterion_id, value, note, na_reason, version, provenance, source, updated_at
           FROM assessment_answers WHERE assessment_id = $1`,
        [a.id],
      ),
      m.query(
        `SELECT level, confirmed_level AS "confirmedLevel", points, in_scope AS "inScope", answered, met, applicable,
                levels, categories, gaps
           FROM score_snapshots WHERE assessment_id = $1`,
        [a.id],
      ),
      m.query(
        `SELECT id, criterion_id, filename, media_type, size, sha256, created_at
           FROM evidence_files WHERE assessment_id = $1 AND deleted_at IS NULL ORDER BY created_at`,
        [a.id],
      ),
      m.query(
        `SELECT r.id, r.round, r.criterion_id, r.body, u.name AS author_name, r.created_at
           FROM review_comments r LEFT JOIN users u ON u.id = r.author_id
          WHERE r.assessment_id = $1 ORDER BY r.round, r.created_at`,
        [a.id],
      ),
      m.query(
        `SELECT criterion_id, result, note, updated_at FROM criterion_confirmations WHERE assessment_id = $1`,
        [a.id],
      ),
      m.query(
        `SELECT round, submitted_at, outcome, declaration, score->>'level' AS level, decision_message
           FROM assessment_submissions WHERE assessment_id = $1 ORDER BY round`,
        [a.id],
      ),
    ]);
    const answerDtos = (answers as Parameters<typeof toAnswerDto>[0][]).map(toAnswerDto);
    const mask = scopeMask(ctx, a.targetLevel);
    const inScope = (id: string) => isInScope(ctx, a.targetLevel, id);
    const canAnswer =
      isSupplierSide(a) && (a.status === 'invited' || a.status === 'in_progress' || a.status === 'returned');
    const suggestions = canAnswer
      ? await suggestAnswers(
          m,
          a,
          { userId, supplierMember: a.supplierRoles.length > 0 },
          ctx,
          new Set(answerDtos.map((x) => x.criterionId)),
          inScope,
        )
      : [];
    const cat = ctx.catalogue;
    return {
      id: a.id,
      status: a.status,
      round: a.round,
      targetLevel: a.targetLevel,
      campaignId: a.campaignId,
      campaignTitle: head!.campaign_title,
      message: head!.message,
      supportOffered: head!.support_offered,
      dueDate: head!.due_date,
      buyer: { id: a.buyerId, name: head!.buyer_name },
      supplier: { id: a.supplierId, name: head!.supplier_name },
      evaluator: a.evaluatorId ? { id: a.evaluatorId, name: head!.evaluator_name ?? '' } : null,
      viewerRoles: [
        ...(a.supplierRoles.length ? (['supplier'] as const) : []),
        ...(a.isGuest ? (['guest'] as const) : []),
        ...(a.buyerRoles.length ? (['buyer'] as const) : []),
        ...(a.isEvaluator ? (['evaluator'] as const) : []),
        ...(a.upstreamRoles.length ? (['upstream'] as const) : []),
      ],
      upstreamConsent: a.upstreamConsent,
      consentUpdatedAt: head!.consent_updated_at ? iso(head!.consent_updated_at) : null,
      upstreamBuyer: head!.upstream_id ? { id: head!.upstream_id, name: head!.upstream_name ?? '' } : null,
      catalogue: {
        id: cat.id,
        version: cat.version,
        title: cat.title,
        scoring: cat.scoring,
        levels: cat.levels.map((l) => ({
          rank: l.rank,
          label: l.label,
          provisional: l.provisional === true,
        })),
        groups: cat.groups.map((g) => ({ id: g.id, title: g.title })),
        criteria: cat.criteria
          .filter((_, i) => mask[i])
          .map((c) => ({
            id: c.id,
            groupId: c.groupId,
            ...(c.requirementId ? { requirementId: c.requirementId } : {}),
            level: c.level,
            title: c.title,
            explanation: c.explanation,
          })),
      },
      answers: answerDtos,
      suggestions,
      score: (score as SnapshotFields[])[0]!,
      evidence: (
        evidence as {
          id: string;
          criterion_id: string;
          filename: string;
          media_type: string;
          size: number;
          sha256: string;
          created_at: Date;
        }[]
      ).map((e): EvidenceDto => ({
        id: e.id,
        criterionId: e.criterion_id,
        filename: e.filename,
        mediaType: e.media_type,
        size: e.size,
        sha256: e.sha256,
        createdAt: iso(e.created_at),
      })),
      comments: (
        comments as {
          id: string;
          round: number;
          criterion_id: string;
          body: string;
          author_name: string | null;
          created_at: Date;
        }[]
      ).map((c): ReviewCommentDto => ({
        id: c.id,
        round: c.round,
        criterionId: c.criterion_id,
        body: c.body,
        authorName: c.author_name,
        createdAt: iso(c.created_at),
      })),
      confirmations: (
        confirmations as {
          criterion_id: string;
          result: 'confirmed' | 'rejected';
          note: string;
          updated_at: Date;
        }[]
      ).map((c): ConfirmationDto => ({
        criterionId: c.criterion_id,
        result: c.result,
        note: c.note,
        updatedAt: iso(c.updated_at),
      })),
      submissions: (
        submissions as {
          round: number;
          submitted_at: Date;
          outcome: string;
          declaration: SubmissionSummaryDto['declaration'];
          level: string | null;
          decision_message: string;
        }[]
      ).map((s): SubmissionSummaryDto => ({
        round: s.round,
        submittedAt: iso(s.submitted_at),
        outcome: s.outcome,
        declaration: s.declaration,
        level: s.level === null ? null : Number(s.level),
        decisionMessage: s.decision_message,
      })),
    };
  }

  /**
   * Assessments the caller works on: every assessment of the organizations they are a member of as a supplier,
   * the ones they are a guest of (and no other of that supplier), and those they are the assigned evaluator of.
   */
  async listMine(userId: string): Promise<MyAssessmentListDto> {
    const rows = await this.db.query<
      {
        id: string;
        status: MyAssessmentListDto['items'][number]['status'];
        campaign_title: string;
        buyer_name: string;
        supplier_name: string;
        due_date: string;
        target_level: number | null;
        level: number | null;
        answered: number;
        in_scope: number;
        catalogue_id: string;
        target_label: { ja: string; en: string } | null;
        level_label: { ja: string; en: string } | null;
        side: 'supplier' | 'buyer' | 'evaluator';
      }[]
    >(
      `SELECT a.id, a.status, c.title AS campaign_title, b.name AS buyer_name, s.name AS supplier_name,
              to_char(c.due_date, 'YYYY-MM-DD') AS due_date, a.target_level, sn.level, sn.answered, sn.in_scope,
              c.catalogue_id,
              (SELECT l->'label' FROM jsonb_array_elements(c.catalogue->'levels') l
                WHERE (l->>'rank')::int = a.target_level) AS target_label,
              (SELECT l->'label' FROM jsonb_array_elements(c.catalogue->'levels') l
                WHERE (l->>'rank')::int = sn.level) AS level_label,
              CASE WHEN a.supplier_id IN (SELECT organization_id FROM memberships WHERE user_id = $1)
                     OR a.id IN (SELECT assessment_id FROM assessment_guests WHERE user_id = $1) THEN 'supplier'
                   WHEN a.evaluator_id = $1 THEN 'evaluator' ELSE 'buyer' END AS side
         FROM assessments a
         JOIN campaigns c ON c.id = a.campaign_id
         JOIN organizations b ON b.id = a.buyer_id
         JOIN organizations s ON s.id = a.supplier_id
         JOIN score_snapshots sn ON sn.assessment_id = a.id
        WHERE a.supplier_id IN (SELECT organization_id FROM memberships WHERE user_id = $1)
           OR a.id IN (SELECT assessment_id FROM assessment_guests WHERE user_id = $1)
           OR a.evaluator_id = $1
        ORDER BY c.due_date, s.name
        LIMIT 500`,
      [userId],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        status: r.status,
        campaignTitle: r.campaign_title,
        buyerName: r.buyer_name,
        supplierName: r.supplier_name,
        dueDate: r.due_date,
        targetLevel: r.target_level,
        level: r.level,
        targetLabel: r.target_label,
        levelLabel: r.level_label,
        catalogueId: r.catalogue_id,
        answered: r.answered,
        inScope: r.in_scope,
        side: r.side,
      })),
    };
  }
}
