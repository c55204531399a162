import { cleanFileName } from '../evidence/inspect-upload';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AnswerValue } from '@tierstar/scoring';
import type { DataSource } from 'typeorm';
import { ProblemException } from '../common/problem';
import { assertCanAnswer, assertEditable, loadAccess } from './assessment-access';
import { AnswersService, toScoreDto } from './answers.service';
import { CampaignCatalogues } from './campaign-catalogues';
import type { ImportAnswersResultDto } from './dto/assessment.dto';
import { buildAssessmentWorkbook, parseAssessmentWorkbook } from './excel/assessment-workbook';
import { scopeMask } from './snapshot';

/** The Excel round trip: export an assessment as a criteria sheet, import a filled one through the same path as the form. */
@Injectable()
export class WorkbookService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogues: CampaignCatalogues,
    private readonly answers: AnswersService,
  ) {}

  async export(
    userId: string,
    assessmentId: string,
    locale: 'ja' | 'en',
  ): Promise<{ data: Buffer; filename: string }> {
    const m = this.db.manager;
    const a = await loadAccess(m, assessmentId, userId);
    const ctx = await this.catalogues.get(m, a.campaignId);
    const [head] = await m.query<{ supplier_name: string; campaign_title: string }[]>(
      `SELECT s.name AS supplier_name, c.title AS campaign_title
         FROM assessments a JOIN organizations s ON s.id = a.supplier_id JOIN campaigns c ON c.id = a.campaign_id
        WHERE a.id = $1`,
      [a.id],
    );
    const rows = await m.query<
      {
        criterion_id: string;
        value: AnswerValue;
        note: string;
        na_reason: string;
        evidence: string[] | null;
      }[]
    >(
      `SELECT x.criterion_id, x.value, x.note, x.na_reason,
              (SELECT array_agg(e.filename ORDER BY e.created_at) FROM evidence_files e
                WHERE e.assessment_id = x.assessment_id AND e.criterion_id = x.criterion_id AND e.deleted_at IS NULL) AS evidence
         FROM assessment_answers x WHERE x.assessment_id = $1`,
      [a.id],
    );
    const answers = new Map(
      rows.map((r) => [
        r.criterion_id,
        { value: r.value, note: r.note, naReason: r.na_reason, evidenceNames: r.evidence ?? [] },
      ]),
    );
    const data = await buildAssessmentWorkbook({
      catalogue: ctx.catalogue,
      locale,
      assessmentId: a.id,
      supplierName: head!.supplier_name,
      campaignTitle: head!.campaign_title,
      targetLevel: ctx.catalogue.scoring === 'levels' ? a.targetLevel : null,
      answers,
    });
    return { data, filename: `tierstar-${ctx.catalogue.id}-${a.id.slice(0, 8)}.xlsx` };
  }

  /** Whether the caller may import answers into this assessment; run before the upload body is read. */
  async assertCanImport(userId: string, assessmentId: string): Promise<void> {
    const a = await loadAccess(this.db.manager, assessmentId, userId);
    assertCanAnswer(a);
    assertEditable(a);
  }

  /** Validates the whole workbook first; on any error nothing is written and every error names its row and column. */
  async import(
    userId: string,
    assessmentId: string,
    file: { buffer: Buffer; originalname: string },
  ): Promise<ImportAnswersResultDto> {
    return this.db.transaction(async (m) => {
      const a = await loadAccess(m, assessmentId, userId, { lock: true });
      assertCanAnswer(a);
      assertEditable(a);
      const ctx = await this.catalogues.get(m, a.campaignId);
      const mask = scopeMask(ctx, a.targetLevel);
      const scopeIds = new Set(ctx.catalogue.criteria.filter((_, i) => mask[i]).map((c) => c.id));
      const parsed = await parseAssessmentWorkbook(file.buffer, {
        catalogue: ctx.catalogue,
        assessmentId: a.id,
        scopeIds,
      });
      if (!parsed.ok) {
        throw new ProblemException(
          422,
          'WORKBOOK_INVALID',
          {
            ja: `Excel ファイルに ${parsed.errors.length} 件の問題があります。何も取り込んでいません。`,
            en: `The workbook has ${parsed.errors.length} problem(s). Nothing was imported.`,
          },
          parsed.errors.map((e) => ({
            ...(e.row !== undefined ? { row: e.row } : {}),
            ...(e.column !== undefined ? { column: e.column } : {}),
            field: e.code,
            message: e.message,
          })),
        );
      }
      const name = cleanFileName(file.originalname).slice(0, 200) || 'workbook.xlsx';
      const { answers, score } = await this.answers.apply(
        m,
        a,
        parsed.rows.map((r) => ({
          criterionId: r.criterionId,
          value: r.value,
          note: r.note,
          naReason: r.naReason,
        })),
        { provenance: 'import', source: name, userId },
      );
      return { applied: answers.length, score: toScoreDto(score) };
    });
  }
}
