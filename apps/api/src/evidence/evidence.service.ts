import { isUuid } from '../common/ids';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { assertCanAnswer, assertEditable, loadAccess } from '../assessments/assessment-access';
import { outOfScope } from '../assessments/answers.service';
import { CampaignCatalogues } from '../assessments/campaign-catalogues';
import type { EvidenceDto } from '../assessments/dto/assessment.dto';
import { isInScope } from '../assessments/snapshot';
import { audit } from '../audit/audit';
import { Clock } from '../common/clock';
import { problem } from '../common/problem';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { EVIDENCE_STORAGE, type EvidenceStorage } from './evidence.storage';
import { inspectUpload } from './inspect-upload';

const evidenceNotFound = () =>
  problem.notFound({ ja: '証跡ファイルが見つかりません。', en: 'No such evidence file.' });

/** Evidence files attached to answers: checked by content, hashed, stored behind EvidenceStorage. */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
    private readonly catalogues: CampaignCatalogues,
    private readonly clock: Clock,
  ) {}

  /**
   * Whether the caller may attach evidence to this answer: a supplier respondent or admin, while the
   * assessment is editable, for a criterion in scope. Run before the upload body is read (and again inside).
   */
  async assertCanUpload(userId: string, assessmentId: string, criterionId: string) {
    const a = await loadAccess(this.db.manager, assessmentId, userId);
    assertCanAnswer(a);
    assertEditable(a);
    const ctx = await this.catalogues.get(this.db.manager, a.campaignId);
    if (!isInScope(ctx, a.targetLevel, criterionId)) throw outOfScope([criterionId]);
    return a;
  }

  async upload(
    userId: string,
    assessmentId: string,
    criterionId: string,
    file: { buffer: Buffer; originalname: string; size: number },
  ): Promise<EvidenceDto> {
    // Check access before looking at the bytes, so a stranger learns nothing from the error.
    const a = await this.assertCanUpload(userId, assessmentId, criterionId);
    const info = inspectUpload(file, this.config.EVIDENCE_MAX_BYTES);
    const key = `${a.supplierId}/${randomUUID()}`;
    await this.storage.put(key, file.buffer, { mediaType: info.mediaType, sha256: info.sha256 });
    try {
      return await this.db.transaction(async (m) => {
        const locked = await loadAccess(m, assessmentId, userId, { lock: true });
        assertEditable(locked);
        const [row] = await m.query<{ id: string; created_at: Date }[]>(
          `INSERT INTO evidence_files (assessment_id, criterion_id, filename, media_type, size, sha256, storage_key, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, created_at`,
          [a.id, criterionId, info.filename, info.mediaType, info.size, info.sha256, key, userId],
        );
        await audit(m, {
          organizationId: a.supplierId,
          actorUserId: userId,
          action: 'evidence.uploaded',
          entityType: 'evidence',
          entityId: row!.id,
          after: { criterionId, filename: info.filename, sha256: info.sha256, size: info.size },
        });
        return {
          id: row!.id,
          criterionId,
          filename: info.filename,
          mediaType: info.mediaType,
          size: info.size,
          sha256: info.sha256,
          createdAt: new Date(row!.created_at).toISOString(),
        };
      });
    } catch (err) {
      await this.storage.delete(key);
      throw err;
    }
  }

  /** Anyone who may read the assessment may download its evidence; a removed file is gone (404). */
  async open(
    userId: string,
    assessmentId: string,
    evidenceId: string,
  ): Promise<{ stream: NodeJS.ReadableStream; filename: string; mediaType: string; size: number }> {
    const a = await loadAccess(this.db.manager, assessmentId, userId);
    if (!isUuid(evidenceId)) throw evidenceNotFound();
    const [row] = await this.db.query<
      { filename: string; media_type: string; size: number; storage_key: string }[]
    >(
      `SELECT filename, media_type, size, storage_key FROM evidence_files
        WHERE id = $1 AND assessment_id = $2 AND deleted_at IS NULL`,
      [evidenceId, a.id],
    );
    if (!row) throw evidenceNotFound();
    return {
      stream: await this.storage.get(row.storage_key),
      filename: row.filename,
      mediaType: row.media_type,
      size: row.size,
    };
  }

  /** Hides the file from the current answers; the bytes stay, since a frozen submission may list them. */
  async remove(userId: string, assessmentId: string, evidenceId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const a = await loadAccess(m, assessmentId, userId, { lock: true });
      assertCanAnswer(a);
      assertEditable(a);
      if (!isUuid(evidenceId)) throw evidenceNotFound();
      const [, count] = (await m.query(
        `UPDATE evidence_files SET deleted_at = $3 WHERE id = $1 AND assessment_id = $2 AND deleted_at IS NULL`,
        [evidenceId, a.id, this.clock.now()],
      )) as [unknown, number];
      if (!count) throw evidenceNotFound();
      await audit(m, {
        organizationId: a.supplierId,
        actorUserId: userId,
        action: 'evidence.removed',
        entityType: 'evidence',
        entityId: evidenceId,
      });
    });
  }
}
