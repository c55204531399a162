import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '../audit/audit';
import { Clock } from '../common/clock';
import { ProblemException, problem } from '../common/problem';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { OutboxService, type OutboxEntry } from '../outbox/outbox.service';
import { syncRemediationGaps } from '../remediation/gaps';
import {
  assertCanAnswer,
  assertCanReview,
  assertIsEvaluator,
  loadAccess,
  type AssessmentAccess,
} from './assessment-access';
import { AnswersService } from './answers.service';
import { CampaignCatalogues } from './campaign-catalogues';
import type { AcceptDto, ConfirmDto, ReturnDto, SubmitDto } from './dto/assessment.dto';
import { isInScope, scopeMask } from './snapshot';

const wrongState = (ja: string, en: string) => new ProblemException(409, 'ASSESSMENT_STATE', { ja, en });

interface Parties {
  campaign_title: string;
  buyer_name: string;
  supplier_name: string;
  contact_email: string | null;
  locale: 'ja' | 'en';
}

/** Submission, the buyer's review (return / accept) and the evaluator's confirmation. */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly catalogues: CampaignCatalogues,
    private readonly answers: AnswersService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /**
   * Freezes the answers and score as a new round, records management's declaration, notifies the buyer.
   * Refused until every criterion in scope has an answer.
   */
  async submit(userId: string, assessmentId: string, dto: SubmitDto): Promise<void> {
    const ids = await this.db.transaction(async (m) => {
      const a = await loadAccess(m, assessmentId, userId, { lock: true });
      assertCanAnswer(a);
      if (a.status !== 'invited' && a.status !== 'in_progress' && a.status !== 'returned') {
        throw wrongState('すでに提出済みです。', 'This assessment has already been submitted.');
      }
      const ctx = await this.catalogues.get(m, a.campaignId);
      const mask = scopeMask(ctx, a.targetLevel);
      const answers = await m.query<
        { criterion_id: string; value: string; note: string; na_reason: string; version: number }[]
      >(
        `SELECT criterion_id, value, note, na_reason, version FROM assessment_answers
          WHERE assessment_id = $1`,
        [a.id],
      );
      const answered = new Set(answers.map((r) => r.criterion_id));
      const missing = ctx.catalogue.criteria
        .filter((c, i) => mask[i] && !answered.has(c.id))
        .map((c) => c.id);
      if (missing.length) {
        throw new ProblemException(
          422,
          'ANSWERS_MISSING',
          {
            ja: `未回答の項目が ${missing.length} 件あります。すべてに回答してから提出してください。`,
            en: `${missing.length} item(s) have no answer yet. Answer every item before submitting.`,
          },
          missing.slice(0, 50).map((id) => ({ field: id, message: { ja: '未回答', en: 'no answer' } })),
        );
      }
      const [score] = await m.query<Record<string, unknown>[]>(
        `SELECT level, confirmed_level AS "confirmedLevel", points, in_scope AS "inScope", answered, met, applicable,
                levels, categories, gaps
           FROM score_snapshots WHERE assessment_id = $1`,
        [a.id],
      );
      const round = a.round + 1;
      const now = this.clock.now();
      await m.query(
        `INSERT INTO assessment_submissions (assessment_id, round, answers, score, declaration, submitted_by, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          a.id,
          round,
          JSON.stringify(
            answers
              .filter((r) => isInScope(ctx, a.targetLevel, r.criterion_id))
              .map((r) => ({
                criterionId: r.criterion_id,
                value: r.value,
                note: r.note,
                naReason: r.na_reason,
                version: r.version,
              })),
          ),
          JSON.stringify(score),
          JSON.stringify({
            name: dto.declaration.name.trim(),
            title: dto.declaration.title.trim(),
            date: dto.declaration.date,
          }),
          userId,
          now,
        ],
      );
      await m.query(
        `UPDATE assessments SET status = 'submitted', round = $2, submitted_at = $3, updated_at = $3 WHERE id = $1`,
        [a.id, round, now],
      );
      await syncRemediationGaps(m, a.id, userId, now);
      await audit(m, {
        organizationId: a.supplierId,
        actorUserId: userId,
        action: 'assessment.submitted',
        entityType: 'assessment',
        entityId: a.id,
        after: { round, level: score?.level ?? null },
      });
      const p = await this.parties(m, a);
      const recipients = await m.query<{ email: string; locale: 'ja' | 'en' }[]>(
        `SELECT DISTINCT u.email, u.locale FROM memberships ms JOIN users u ON u.id = ms.user_id
          WHERE ms.organization_id = $1 AND ms.role IN ('procurement', 'admin')`,
        [a.buyerId],
      );
      const level = score?.level;
      return this.outbox.record(
        m,
        recipients.map((r): OutboxEntry => ({
          dedupeKey: `submitted:${a.id}:${round}:${r.email}`,
          kind: 'assessment-submitted',
          organizationId: a.buyerId,
          assessmentId: a.id,
          toEmail: r.email,
          locale: r.locale,
          payload: {
            data: {
              supplierName: p.supplier_name,
              campaignTitle: p.campaign_title,
              claimedLabel:
                typeof level === 'number' ? this.levelLabel(ctx.catalogue.levels, level, r.locale) : null,
              link: this.link(a.id),
            },
          },
        })),
      );
    });
    await this.outbox.dispatch(ids);
  }

  /** Sends the assessment back with comments on specific criteria; the supplier fixes and resubmits. */
  async return(userId: string, assessmentId: string, dto: ReturnDto): Promise<void> {
    const ids = await this.db.transaction(async (m) => {
      const a = await this.decidable(m, assessmentId, userId);
      const ctx = await this.catalogues.get(m, a.campaignId);
      const unknown = dto.comments.filter((c) => !isInScope(ctx, a.targetLevel, c.criterionId));
      if (unknown.length) {
        throw new ProblemException(422, 'CRITERION_NOT_IN_ASSESSMENT', {
          ja: `この依頼の対象外の項目です: ${unknown.map((c) => c.criterionId).join(', ')}`,
          en: `Not a criterion of this assessment: ${unknown.map((c) => c.criterionId).join(', ')}`,
        });
      }
      await m.query(
        `INSERT INTO review_comments (assessment_id, round, criterion_id, body, author_id)
         SELECT $1, $2, u.c, u.b, $3 FROM unnest($4::text[], $5::text[]) AS u(c, b)`,
        [
          a.id,
          a.round,
          userId,
          dto.comments.map((c) => c.criterionId),
          dto.comments.map((c) => c.body.trim()),
        ],
      );
      await this.decide(m, a, userId, 'returned', dto.message ?? '');
      return this.notifySupplier(m, a, 'assessment-returned', `returned:${a.id}:${a.round}`, {
        commentCount: dto.comments.length,
      });
    });
    await this.outbox.dispatch(ids);
  }

  async accept(userId: string, assessmentId: string, dto: AcceptDto): Promise<void> {
    const ids = await this.db.transaction(async (m) => {
      const a = await this.decidable(m, assessmentId, userId);
      await this.decide(m, a, userId, 'accepted', dto.message ?? '');
      await m.query(`UPDATE assessments SET accepted_at = $2 WHERE id = $1`, [a.id, this.clock.now()]);
      return this.notifySupplier(m, a, 'assessment-accepted', `accepted:${a.id}:${a.round}`, {});
    });
    await this.outbox.dispatch(ids);
  }

  /** Assigns (or with null, removes) the evaluator: a member of the buyer with the evaluator role. */
  async assignEvaluator(userId: string, assessmentId: string, evaluatorId: string | null): Promise<void> {
    await this.db.transaction(async (m) => {
      const a = await loadAccess(m, assessmentId, userId, { lock: true });
      assertCanReview(a);
      if (evaluatorId !== null) {
        const [ok] = await m.query(
          `SELECT 1 FROM memberships WHERE user_id = $1 AND organization_id = $2 AND role = 'evaluator'`,
          [evaluatorId, a.buyerId],
        );
        if (!ok) {
          throw new ProblemException(422, 'EVALUATOR_INVALID', {
            ja: '評価者の役割を持つ自社のメンバーを選んでください。',
            en: 'Choose a member of your organization who has the evaluator role.',
          });
        }
      }
      await m.query(`UPDATE assessments SET evaluator_id = $2, updated_at = $3 WHERE id = $1`, [
        a.id,
        evaluatorId,
        this.clock.now(),
      ]);
      if (evaluatorId !== a.evaluatorId) {
        await m.query('DELETE FROM criterion_confirmations WHERE assessment_id = $1', [a.id]);
      }
      const ctx = await this.catalogues.get(m, a.campaignId);
      await this.answers.writeSnapshot(m, { ...a, evaluatorId }, ctx, Uint8Array.from(a.codes!));
      await audit(m, {
        organizationId: a.buyerId,
        actorUserId: userId,
        action: 'assessment.evaluator_assigned',
        entityType: 'assessment',
        entityId: a.id,
        after: { evaluatorId },
      });
    });
  }

  /** The evaluator's verdict on one answer; the confirmed level is recomputed in the same transaction. */
  async confirm(userId: string, assessmentId: string, criterionId: string, dto: ConfirmDto): Promise<void> {
    await this.db.transaction(async (m) => {
      const a = await loadAccess(m, assessmentId, userId, { lock: true });
      assertIsEvaluator(a);
      if (a.status !== 'submitted' && a.status !== 'accepted') {
        throw wrongState('提出された回答だけを確認できます。', 'Only submitted answers can be confirmed.');
      }
      const ctx = await this.catalogues.get(m, a.campaignId);
      if (!isInScope(ctx, a.targetLevel, criterionId)) throw problem.notFound();
      const [answered] = await m.query(
        'SELECT 1 FROM assessment_answers WHERE assessment_id = $1 AND criterion_id = $2',
        [a.id, criterionId],
      );
      if (!answered) throw problem.notFound();
      await m.query(
        `INSERT INTO criterion_confirmations (assessment_id, criterion_id, result, note, evaluator_id, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (assessment_id, criterion_id) DO UPDATE
            SET result = EXCLUDED.result, note = EXCLUDED.note, evaluator_id = EXCLUDED.evaluator_id,
                updated_at = EXCLUDED.updated_at`,
        [a.id, criterionId, dto.result, dto.note?.trim() ?? '', userId, this.clock.now()],
      );
      await this.answers.writeSnapshot(m, a, ctx, Uint8Array.from(a.codes!));
    });
  }

  private async decidable(m: EntityManager, assessmentId: string, userId: string): Promise<AssessmentAccess> {
    const a = await loadAccess(m, assessmentId, userId, { lock: true });
    assertCanReview(a);
    if (a.status !== 'submitted') {
      throw wrongState(
        '提出された状態のときだけ審査できます。',
        'Only a submitted assessment can be reviewed.',
      );
    }
    return a;
  }

  private async decide(
    m: EntityManager,
    a: AssessmentAccess,
    userId: string,
    outcome: 'returned' | 'accepted',
    message: string,
  ): Promise<void> {
    const now = this.clock.now();
    await m.query(
      `UPDATE assessment_submissions SET outcome = $3, decided_by = $4, decided_at = $6, decision_message = $5
        WHERE assessment_id = $1 AND round = $2`,
      [a.id, a.round, outcome, userId, message.trim(), now],
    );
    await m.query(`UPDATE assessments SET status = $2, updated_at = $3 WHERE id = $1`, [a.id, outcome, now]);
    await audit(m, {
      organizationId: a.buyerId,
      actorUserId: userId,
      action: `assessment.${outcome}`,
      entityType: 'assessment',
      entityId: a.id,
      after: { round: a.round },
    });
  }

  private async notifySupplier(
    m: EntityManager,
    a: AssessmentAccess,
    kind: 'assessment-returned' | 'assessment-accepted',
    key: string,
    extra: Record<string, unknown>,
  ): Promise<string[]> {
    const p = await this.parties(m, a);
    const recipients = await m.query<{ email: string; locale: 'ja' | 'en' }[]>(
      `SELECT DISTINCT u.email, u.locale FROM memberships ms JOIN users u ON u.id = ms.user_id
        WHERE ms.organization_id = $1 AND ms.role IN ('respondent', 'admin')`,
      [a.supplierId],
    );
    const to = recipients.length
      ? recipients
      : p.contact_email
        ? [{ email: p.contact_email, locale: p.locale }]
        : [];
    return this.outbox.record(
      m,
      to.map((r) => ({
        dedupeKey: `${key}:${r.email}`,
        kind,
        organizationId: a.buyerId,
        assessmentId: a.id,
        toEmail: r.email,
        locale: r.locale,
        payload: {
          data: { buyerName: p.buyer_name, campaignTitle: p.campaign_title, link: this.link(a.id), ...extra },
        },
      })),
    );
  }

  private async parties(m: EntityManager, a: AssessmentAccess): Promise<Parties> {
    const [p] = await m.query<Parties[]>(
      `SELECT c.title AS campaign_title, b.name AS buyer_name, s.name AS supplier_name, x.contact_email, c.locale
         FROM assessments x
         JOIN campaigns c ON c.id = x.campaign_id
         JOIN organizations b ON b.id = x.buyer_id
         JOIN organizations s ON s.id = x.supplier_id
        WHERE x.id = $1`,
      [a.id],
    );
    return p!;
  }

  private link(assessmentId: string): string {
    return `${this.config.PUBLIC_URL}/assessments/${assessmentId}`;
  }

  private levelLabel(
    levels: readonly { rank: number; label: { ja: string; en: string } }[],
    rank: number,
    locale: 'ja' | 'en',
  ): string {
    return levels.find((l) => l.rank === rank)?.label[locale] ?? String(rank);
  }
}
