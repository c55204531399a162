import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ANSWER_CODES, answerCode, type AnswerValue } from '@tierstar/scoring';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { ProblemException } from '../common/problem';
import type { AnswerProvenance } from './answer.entity';
import { assertCanAnswer, assertEditable, loadAccess, type AssessmentAccess } from './assessment-access';
import { CampaignCatalogues } from './campaign-catalogues';
import type { AnswerDto, SavedAnswerDto, SaveAnswerDto, ScoreDto } from './dto/assessment.dto';
import { computeSnapshot, isInScope, type ScoringContext, type SnapshotFields } from './snapshot';

/** One answer to write. `baseVersion` set → optimistic check; undefined → overwrite (imports, remediation). */
export interface AnswerChange {
  criterionId: string;
  value: AnswerValue;
  note: string;
  naReason: string;
  baseVersion?: number;
}

export interface ChangeOrigin {
  provenance: AnswerProvenance;
  source: string | null;
  userId: string | null;
}

interface AnswerRow {
  criterion_id: string;
  value: AnswerValue;
  note: string;
  na_reason: string;
  version: number;
  provenance: AnswerProvenance;
  source: string | null;
  updated_at: Date;
}

export const toAnswerDto = (r: AnswerRow): AnswerDto => ({
  criterionId: r.criterion_id,
  value: r.value,
  note: r.note,
  naReason: r.na_reason,
  version: r.version,
  provenance: r.provenance,
  source: r.source,
  updatedAt: new Date(r.updated_at).toISOString(),
});

export const toScoreDto = (s: SnapshotFields): ScoreDto => ({ ...s });

const RETURNING = 'criterion_id, value, note, na_reason, version, provenance, source, updated_at';

/** Wraps a data-modifying statement so the same round trip appends the revisions of the rows it wrote. */
const withRevisions = (write: string, userParam: string) => `
  WITH w AS (${write} RETURNING assessment_id, ${RETURNING}),
       r AS (INSERT INTO answer_revisions
                    (assessment_id, criterion_id, version, value, note, na_reason, provenance, source, user_id,
                     created_at)
             SELECT assessment_id, criterion_id, version, value, note, na_reason, provenance, source, ${userParam}::uuid,
                    updated_at
               FROM w)
  SELECT ${RETURNING} FROM w`;

export function naReasonMissing(criterionId: string): ProblemException {
  return new ProblemException(
    400,
    'NA_REASON_REQUIRED',
    {
      ja: '「該当しない」を選んだときは理由を書いてください。',
      en: 'Give a reason when you choose "not applicable".',
    },
    [
      {
        field: 'naReason',
        message: { ja: `${criterionId}: 理由が必要です`, en: `${criterionId}: reason required` },
      },
    ],
  );
}

export function outOfScope(criterionIds: string[]): ProblemException {
  const shown = criterionIds.slice(0, 20).join(', ');
  return new ProblemException(422, 'CRITERION_NOT_IN_ASSESSMENT', {
    ja: `この依頼の対象外の項目です: ${shown}`,
    en: `Not a criterion of this assessment: ${shown}`,
  });
}

/**
 * The one path every answer change takes (form autosave, Excel import, remediation verification): answers,
 * their revisions and the score snapshot are written in one transaction, serialised per assessment on the
 * snapshot row lock.
 */
@Injectable()
export class AnswersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogues: CampaignCatalogues,
    private readonly clock: Clock,
  ) {}

  async save(
    userId: string,
    assessmentId: string,
    criterionId: string,
    dto: SaveAnswerDto,
  ): Promise<SavedAnswerDto> {
    return this.db.transaction(async (m) => {
      const access = await loadAccess(m, assessmentId, userId, { lock: true });
      assertCanAnswer(access);
      assertEditable(access);
      const change: AnswerChange = {
        criterionId,
        value: dto.value,
        note: dto.note?.trim() ?? '',
        naReason: dto.naReason?.trim() ?? '',
        baseVersion: dto.baseVersion,
      };
      const origin: ChangeOrigin = {
        provenance: dto.fromPrefill ? 'prefill' : 'form',
        source: null,
        userId,
      };
      const { answers, score } = await this.apply(m, access, [change], origin);
      return { answer: answers[0]!, score: toScoreDto(score), status: nextStatus(access) };
    });
  }

  /**
   * Writes changes for an assessment already loaded with `lock`. Validates every change first (scope, n/a
   * reason) so nothing is written when one is bad; a stale `baseVersion` → 409 ANSWER_CONFLICT with the
   * current answer (the transaction is rolled back by the caller's error).
   */
  async apply(
    m: EntityManager,
    access: AssessmentAccess,
    changes: AnswerChange[],
    origin: ChangeOrigin,
  ): Promise<{ answers: AnswerDto[]; score: SnapshotFields }> {
    const ctx = await this.catalogues.get(m, access.campaignId);
    const outside = changes.filter((c) => !isInScope(ctx, access.targetLevel, c.criterionId));
    if (outside.length) throw outOfScope(outside.map((c) => c.criterionId));
    const missingReason = changes.find((c) => c.value === 'not_applicable' && !c.naReason);
    if (missingReason) throw naReasonMissing(missingReason.criterionId);

    const now = this.clock.now();
    const written: AnswerRow[] = [];
    const checked = changes.filter((c) => c.baseVersion !== undefined);
    for (const c of checked) written.push(await this.writeChecked(m, access.id, c, origin, now));
    const unchecked = changes.filter((c) => c.baseVersion === undefined);
    if (unchecked.length) {
      written.push(...(await this.writeUnchecked(m, access.id, unchecked, origin, now)));
    }

    // An evaluator's verdict was about the old answer.
    if (access.evaluatorId) {
      await m.query(
        'DELETE FROM criterion_confirmations WHERE assessment_id = $1 AND criterion_id = ANY($2::text[])',
        [access.id, written.map((w) => w.criterion_id)],
      );
    }

    const codes = Uint8Array.from(access.codes ?? new Uint8Array(ctx.compiled.size));
    for (const w of written) codes[ctx.compiled.indexById.get(w.criterion_id)!] = answerCode(w.value);
    const score = await this.writeSnapshot(m, access, ctx, codes);
    if (access.status === 'invited') {
      await m.query(`UPDATE assessments SET status = 'in_progress', updated_at = $2 WHERE id = $1`, [
        access.id,
        now,
      ]);
    }
    return { answers: written.map(toAnswerDto), score };
  }

  /** Recomputes and stores the snapshot from `codes` (and the evaluator's confirmations when one is assigned). */
  async writeSnapshot(
    m: EntityManager,
    access: AssessmentAccess,
    ctx: ScoringContext,
    codes: Uint8Array,
  ): Promise<SnapshotFields> {
    const confirmed = access.evaluatorId ? await this.confirmedCodes(m, access.id, ctx, codes) : null;
    const s = computeSnapshot(ctx, codes, access.targetLevel, confirmed);
    await m.query(
      `UPDATE score_snapshots
          SET codes = $2, level = $3, confirmed_level = $4, points = $5, in_scope = $6, answered = $7, met = $8,
              applicable = $9, levels = $10, categories = $11, gaps = $12, updated_at = $13
        WHERE assessment_id = $1`,
      [
        access.id,
        Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength),
        s.level,
        s.confirmedLevel,
        s.points,
        s.inScope,
        s.answered,
        s.met,
        s.applicable,
        JSON.stringify(s.levels),
        JSON.stringify(s.categories),
        s.gaps,
        this.clock.now(),
      ],
    );
    return s;
  }

  /** Codes where only criteria the evaluator confirmed keep their answer. */
  private async confirmedCodes(
    m: EntityManager,
    assessmentId: string,
    ctx: ScoringContext,
    codes: Uint8Array,
  ): Promise<Uint8Array> {
    const rows = await m.query<{ criterion_id: string }[]>(
      `SELECT criterion_id FROM criterion_confirmations WHERE assessment_id = $1 AND result = 'confirmed'`,
      [assessmentId],
    );
    const out = new Uint8Array(codes.length).fill(ANSWER_CODES.missing);
    for (const r of rows) {
      const i = ctx.compiled.indexById.get(r.criterion_id);
      if (i !== undefined) out[i] = codes[i]!;
    }
    return out;
  }

  private async writeChecked(
    m: EntityManager,
    assessmentId: string,
    c: AnswerChange,
    origin: ChangeOrigin,
    now: Date,
  ): Promise<AnswerRow> {
    const params = [
      assessmentId,
      c.criterionId,
      c.value,
      c.note,
      c.naReason,
      origin.provenance,
      origin.source,
      origin.userId,
      now,
    ];
    const rows: AnswerRow[] =
      c.baseVersion === 0
        ? await m.query(
            withRevisions(
              `INSERT INTO assessment_answers
                      (assessment_id, criterion_id, value, note, na_reason, version, provenance, source, updated_by,
                       updated_at)
               VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9)
               ON CONFLICT (assessment_id, criterion_id) DO NOTHING`,
              '$8',
            ),
            params,
          )
        : await m.query(
            withRevisions(
              `UPDATE assessment_answers
                  SET value = $3, note = $4, na_reason = $5, provenance = $6, source = $7, updated_by = $8,
                      version = version + 1, updated_at = $9
                WHERE assessment_id = $1 AND criterion_id = $2 AND version = $10`,
              '$8',
            ),
            [...params, c.baseVersion],
          );
    if (rows[0]) return rows[0];
    const current = await m.query<AnswerRow[]>(
      `SELECT ${RETURNING} FROM assessment_answers WHERE assessment_id = $1 AND criterion_id = $2`,
      [assessmentId, c.criterionId],
    );
    throw new ProblemException(
      409,
      'ANSWER_CONFLICT',
      {
        ja: 'この項目は別の画面か別の方が先に保存しました。どちらの内容を残すか選んでください。',
        en: 'Someone (or another tab) saved this item first. Choose which version to keep.',
      },
      undefined,
      undefined,
      { current: current[0] ? toAnswerDto(current[0]) : null },
    );
  }

  private async writeUnchecked(
    m: EntityManager,
    assessmentId: string,
    changes: AnswerChange[],
    origin: ChangeOrigin,
    now: Date,
  ): Promise<AnswerRow[]> {
    return m.query<AnswerRow[]>(
      withRevisions(
        `INSERT INTO assessment_answers
                (assessment_id, criterion_id, value, note, na_reason, version, provenance, source, updated_by,
                 updated_at)
         SELECT $1, u.c, u.v::answer_value, u.n, u.r, 1, $6::answer_provenance, $7, $8, $9
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(c, v, n, r)
         ON CONFLICT (assessment_id, criterion_id) DO UPDATE
            SET value = EXCLUDED.value, note = EXCLUDED.note, na_reason = EXCLUDED.na_reason,
                provenance = EXCLUDED.provenance, source = EXCLUDED.source, updated_by = EXCLUDED.updated_by,
                version = assessment_answers.version + 1, updated_at = EXCLUDED.updated_at`,
        '$8',
      ),
      [
        assessmentId,
        changes.map((c) => c.criterionId),
        changes.map((c) => c.value),
        changes.map((c) => c.note),
        changes.map((c) => c.naReason),
        origin.provenance,
        origin.source,
        origin.userId,
        now,
      ],
    );
  }
}

function nextStatus(a: AssessmentAccess) {
  return a.status === 'invited' ? 'in_progress' : a.status;
}
