import { decodeCursor, encodeCursor } from '../common/cursor';
import { isIsoDate, isUuid } from '../common/ids';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AnswersService } from '../assessments/answers.service';
import { assertCanReview, BUYER_READ_ROLES, loadAccess } from '../assessments/assessment-access';
import { CampaignCatalogues } from '../assessments/campaign-catalogues';
import { audit } from '../audit/audit';
import { Clock } from '../common/clock';
import { problem } from '../common/problem';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { EVIDENCE_STORAGE, type EvidenceStorage } from '../evidence/evidence.storage';
import { inspectUpload } from '../evidence/inspect-upload';
import type { MemberRole } from '../organizations/membership.entity';
import type { RemediationStatus } from './remediation-item.entity';
import type {
  RemediationDetailDto,
  RemediationItemDto,
  RemediationListDto,
  RemediationPageDto,
  RemediationQueryDto,
  ReopenRemediationDto,
  UpdateRemediationDto,
  VerifyRemediationDto,
} from './dto/remediation.dto';
import {
  CLOSED_STATUSES,
  closedItem,
  conflict,
  dueAfterDeadline,
  dueInPast,
  evidenceRequired,
  invalidDate,
  invalidTransition,
  planRequired,
  riskIncomplete,
  supplierOnly,
  buyerOnly,
  SUPPLIER_MOVES,
} from './remediation.rules';

const iso = (d: Date | string) => new Date(d).toISOString();

interface ItemRow {
  id: string;
  assessment_id: string;
  campaign_id: string;
  campaign_title: string;
  buyer_id: string;
  buyer_name: string;
  supplier_id: string;
  supplier_name: string;
  tier: number | null;
  criterion_id: string;
  status: RemediationStatus;
  plan: string;
  owner_name: string;
  due_date: string | null;
  support_offer: string;
  risk_reason: string;
  risk_expires_on: string | null;
  remediation_deadline: string | null;
  evidence_count: number;
  verified_at: Date | null;
  verified_by_name: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  sort_due?: string;
}

/** An item with the caller's roles in its supplier and buyer. */
interface ItemAccess {
  id: string;
  assessmentId: string;
  criterionId: string;
  status: RemediationStatus;
  plan: string;
  ownerName: string;
  dueDate: string | null;
  supportOffer: string;
  riskReason: string;
  riskExpiresOn: string | null;
  remediationDeadline: string | null;
  evidenceCount: number;
  supplierId: string;
  buyerId: string;
  version: number;
  supplierRoles: MemberRole[];
  /** Only the buyer roles that read supplier data (BUYER_READ_ROLES). */
  buyerRoles: MemberRole[];
  /** Guest of the item's assessment (works on it like the supplier's respondents). */
  isGuest: boolean;
}

/** Evidence counts for an item when uploaded for its criterion after the item was created. */
const EVIDENCE_OF_ITEM = `e.assessment_id = i.assessment_id AND e.criterion_id = i.criterion_id
  AND e.deleted_at IS NULL AND e.created_at >= i.created_at`;

const SELECT_ITEMS = `
  SELECT i.id, i.assessment_id, a.campaign_id, c.title AS campaign_title, i.buyer_id, b.name AS buyer_name,
         i.supplier_id, s.name AS supplier_name, cs.tier, i.criterion_id, i.status, i.plan, i.owner_name,
         to_char(i.due_date, 'YYYY-MM-DD') AS due_date, i.support_offer, i.risk_reason,
         to_char(i.risk_expires_on, 'YYYY-MM-DD') AS risk_expires_on,
         to_char(c.remediation_deadline, 'YYYY-MM-DD') AS remediation_deadline,
         (SELECT count(*)::int FROM evidence_files e WHERE ${EVIDENCE_OF_ITEM}) AS evidence_count,
         i.verified_at, vu.name AS verified_by_name, i.version, i.created_at, i.updated_at,
         to_char(COALESCE(i.due_date, DATE '9999-12-31'), 'YYYY-MM-DD') AS sort_due
    FROM remediation_items i
    JOIN assessments a ON a.id = i.assessment_id
    JOIN campaigns c ON c.id = a.campaign_id
    JOIN organizations b ON b.id = i.buyer_id
    JOIN organizations s ON s.id = i.supplier_id
    LEFT JOIN campaign_suppliers cs ON cs.campaign_id = a.campaign_id AND cs.supplier_id = i.supplier_id
    LEFT JOIN users vu ON vu.id = i.verified_by`;

/** Remediation of assessment gaps: the supplier's plans, the buyer's verification, the full history. */
@Injectable()
export class RemediationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
    private readonly catalogues: CampaignCatalogues,
    private readonly answers: AnswersService,
    private readonly clock: Clock,
  ) {}

  /**
   * The supplier board: items of every organization the caller belongs to as a supplier, and of the
   * assessments they are a guest of.
   */
  async listMine(userId: string): Promise<RemediationListDto> {
    const rows = await this.db.query<ItemRow[]>(
      `${SELECT_ITEMS}
        WHERE i.supplier_id IN (SELECT organization_id FROM memberships WHERE user_id = $1)
           OR i.assessment_id IN (SELECT assessment_id FROM assessment_guests WHERE user_id = $1)
        ORDER BY COALESCE(i.due_date, DATE '9999-12-31'), i.created_at, i.id
        LIMIT 1000`,
      [userId],
    );
    return { items: await this.toDtos(this.db.manager, rows) };
  }

  /** The buyer's list with filters, keyset-paginated by (due date, id), items without a due date last. */
  async listForBuyer(buyerId: string, query: RemediationQueryDto): Promise<RemediationPageDto> {
    const limit = query.limit ?? 50;
    const params: unknown[] = [buyerId];
    const where = ['i.buyer_id = $1'];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.status) where.push(`i.status = ${add(query.status)}`);
    if (query.overdue) {
      const overdue = `(i.due_date IS NOT NULL AND i.due_date < ${add(this.clock.today())}::date
                        AND i.status::text <> ALL(${add(CLOSED_STATUSES)}::text[]))`;
      where.push(query.overdue === 'true' ? overdue : `NOT ${overdue}`);
    }
    if (query.tier !== undefined) where.push(`cs.tier = ${add(query.tier)}`);
    if (query.campaignId) where.push(`a.campaign_id = ${add(query.campaignId)}::uuid`);
    const filter = where.join(' AND ');
    const [{ n }] = (await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (${SELECT_ITEMS} WHERE ${filter}) x`,
      params,
    )) as [{ n: number }];
    const pageParams = [...params];
    let after = '';
    if (query.cursor) {
      const [due, id] = decodeCursor(query.cursor, isDueCursor);
      pageParams.push(due, id);
      after = ` AND (COALESCE(i.due_date, DATE '9999-12-31'), i.id) > ($${pageParams.length - 1}::date, $${pageParams.length}::uuid)`;
    }
    pageParams.push(limit + 1);
    const rows = await this.db.query<ItemRow[]>(
      `${SELECT_ITEMS} WHERE ${filter}${after}
        ORDER BY COALESCE(i.due_date, DATE '9999-12-31'), i.id
        LIMIT $${pageParams.length}`,
      pageParams,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: await this.toDtos(this.db.manager, page),
      nextCursor: rows.length > limit && last ? encodeCursor([last.sort_due!, last.id]) : null,
      total: n,
    };
  }

  async detail(
    userId: string,
    itemId: string,
    m: EntityManager = this.db.manager,
  ): Promise<RemediationDetailDto> {
    const it = await this.access(m, itemId, userId);
    const [row] = await m.query<ItemRow[]>(`${SELECT_ITEMS} WHERE i.id = $1`, [it.id]);
    const [item] = await this.toDtos(m, [row!]);
    const [evidence, history] = await Promise.all([
      m.query<{ id: string; filename: string; media_type: string; size: number; created_at: Date }[]>(
        `SELECT e.id, e.filename, e.media_type, e.size, e.created_at
           FROM evidence_files e, remediation_items i
          WHERE i.id = $1 AND ${EVIDENCE_OF_ITEM}
          ORDER BY e.created_at DESC`,
        [it.id],
      ),
      m.query<
        {
          id: string;
          action: string;
          actor_name: string | null;
          from_status: string | null;
          to_status: string | null;
          data: Record<string, unknown>;
          created_at: Date;
        }[]
      >(
        `SELECT e.id::text AS id, e.action, u.name AS actor_name, e.from_status, e.to_status, e.data, e.created_at
           FROM remediation_events e LEFT JOIN users u ON u.id = e.actor_id
          WHERE e.item_id = $1 ORDER BY e.id`,
        [it.id],
      ),
    ]);
    return {
      ...item!,
      evidence: evidence.map((e) => ({
        id: e.id,
        filename: e.filename,
        mediaType: e.media_type,
        size: e.size,
        createdAt: iso(e.created_at),
      })),
      history: history.map((h) => ({
        id: h.id,
        action: h.action,
        actorName: h.actor_name,
        fromStatus: h.from_status,
        toStatus: h.to_status,
        data: h.data,
        createdAt: iso(h.created_at),
      })),
      viewer: { canEdit: canEdit(it), canVerify: canVerify(it) },
    };
  }

  /** The supplier's plan, owner, dates, support and status; stale `baseVersion` → 409 with the current item. */
  async update(userId: string, itemId: string, dto: UpdateRemediationDto): Promise<RemediationDetailDto> {
    return this.db.transaction(async (m) => {
      const it = await this.access(m, itemId, userId, { lock: true });
      if (!canEdit(it)) throw supplierOnly();
      if (it.version !== dto.baseVersion) throw conflict(await this.current(m, it.id));
      if (it.status === 'verified') throw closedItem();

      const today = this.clock.today();
      const next = {
        plan: dto.plan === undefined || dto.plan === null ? it.plan : dto.plan.trim(),
        ownerName:
          dto.ownerName === undefined || dto.ownerName === null ? it.ownerName : dto.ownerName.trim(),
        dueDate: dto.dueDate === undefined ? it.dueDate : dto.dueDate,
        supportOffer:
          dto.supportOffer === undefined || dto.supportOffer === null
            ? it.supportOffer
            : dto.supportOffer.trim(),
        riskReason:
          dto.riskReason === undefined || dto.riskReason === null ? it.riskReason : dto.riskReason.trim(),
        riskExpiresOn: dto.riskExpiresOn === undefined ? it.riskExpiresOn : dto.riskExpiresOn,
        status: dto.status ?? it.status,
      };
      const current = {
        plan: it.plan,
        ownerName: it.ownerName,
        dueDate: it.dueDate,
        supportOffer: it.supportOffer,
        riskReason: it.riskReason,
        riskExpiresOn: it.riskExpiresOn,
        status: it.status,
      };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of Object.keys(next) as (keyof typeof next)[]) {
        if (key !== 'status' && next[key] !== current[key])
          changes[key] = { from: current[key], to: next[key] };
      }
      const statusChanged = next.status !== it.status;

      for (const field of ['dueDate', 'riskExpiresOn'] as const) {
        const v = next[field];
        if (changes[field] && v !== null && !isIsoDate(v)) throw invalidDate(field);
      }
      if (changes.dueDate && next.dueDate !== null) {
        if (next.dueDate < today) throw dueInPast();
        if (it.remediationDeadline && next.dueDate > it.remediationDeadline) {
          throw dueAfterDeadline(it.remediationDeadline);
        }
      }
      if (statusChanged) {
        if (!SUPPLIER_MOVES[it.status].includes(next.status)) {
          throw invalidTransition(it.status, next.status, SUPPLIER_MOVES[it.status]);
        }
        if ((next.status === 'planned' || next.status === 'in_progress') && (!next.plan || !next.dueDate)) {
          throw planRequired();
        }
        if (next.status === 'done' && it.evidenceCount === 0) throw evidenceRequired();
      }
      if (next.status === 'risk_accepted' && (statusChanged || changes.riskReason || changes.riskExpiresOn)) {
        if (!next.riskReason || !next.riskExpiresOn || next.riskExpiresOn <= today) throw riskIncomplete();
      }
      if (!statusChanged && Object.keys(changes).length === 0) return this.detail(userId, it.id, m);

      await m.query(
        `UPDATE remediation_items
            SET plan = $2, owner_name = $3, due_date = $4, support_offer = $5, risk_reason = $6,
                risk_expires_on = $7, status = $8, version = version + 1, updated_at = $9
          WHERE id = $1`,
        [
          it.id,
          next.plan,
          next.ownerName,
          next.dueDate,
          next.supportOffer,
          next.riskReason,
          next.riskExpiresOn,
          next.status,
          this.clock.now(),
        ],
      );
      await this.event(m, it.id, userId, statusChanged ? 'status' : 'updated', it.status, next.status, {
        changes,
      });
      return this.detail(userId, it.id, m);
    });
  }

  /**
   * The buyer accepts a `done` item. In the same transaction the answer to the criterion becomes `met`
   * (through AnswersService.apply, so the score snapshot and ★ level follow) unless it already satisfies the
   * criterion (met, or not applicable after a resubmission).
   */
  async verify(userId: string, itemId: string, dto: VerifyRemediationDto): Promise<RemediationDetailDto> {
    return this.db.transaction(async (m) => {
      const seen = await this.access(m, itemId, userId);
      if (!canVerify(seen)) throw buyerOnly();
      // Lock order as in submit: the assessment's snapshot first, then the item.
      const access = await loadAccess(m, seen.assessmentId, userId, { lock: true });
      assertCanReview(access);
      const it = await this.access(m, itemId, userId, { lock: true });
      if (dto.baseVersion !== undefined && dto.baseVersion !== it.version) {
        throw conflict(await this.current(m, it.id));
      }
      if (it.status !== 'done') throw invalidTransition(it.status, 'verified', []);

      const [answer] = await m.query<{ value: string; note: string }[]>(
        'SELECT value, note FROM assessment_answers WHERE assessment_id = $1 AND criterion_id = $2',
        [it.assessmentId, it.criterionId],
      );
      const [before] = await m.query<{ level: number | null; points: number | null }[]>(
        'SELECT level, points FROM score_snapshots WHERE assessment_id = $1',
        [it.assessmentId],
      );
      let score = before ?? { level: null, points: null };
      const satisfied = answer?.value === 'met' || answer?.value === 'not_applicable';
      if (!satisfied) {
        const applied = await this.answers.apply(
          m,
          access,
          [{ criterionId: it.criterionId, value: 'met', note: answer?.note ?? '', naReason: '' }],
          { provenance: 'remediation', source: `remediation:${it.id}`, userId },
        );
        score = applied.score;
      }
      await m.query(
        `UPDATE remediation_items
            SET status = 'verified', verified_by = $2, verified_at = $3, version = version + 1, updated_at = $3
          WHERE id = $1`,
        [it.id, userId, this.clock.now()],
      );
      await this.event(m, it.id, userId, 'verified', it.status, 'verified', {
        answer: { from: answer?.value ?? null, to: satisfied ? answer.value : 'met' },
        level: { from: before?.level ?? null, to: score.level },
        points: { from: before?.points ?? null, to: score.points },
        ...(dto.comment?.trim() ? { comment: dto.comment.trim() } : {}),
      });
      await audit(m, {
        organizationId: it.buyerId,
        actorUserId: userId,
        action: 'remediation.verified',
        entityType: 'remediation_item',
        entityId: it.id,
        after: { criterionId: it.criterionId, level: score.level },
      });
      return this.detail(userId, it.id, m);
    });
  }

  /** The buyer sends a `done` item back to the supplier with what is still missing. */
  async reopen(userId: string, itemId: string, dto: ReopenRemediationDto): Promise<RemediationDetailDto> {
    const comment = dto.comment.trim();
    if (!comment) {
      throw problem.validation([
        { field: 'comment', message: { ja: '理由を書いてください。', en: 'required' } },
      ]);
    }
    return this.db.transaction(async (m) => {
      const it = await this.access(m, itemId, userId, { lock: true });
      if (!canVerify(it)) throw buyerOnly();
      if (dto.baseVersion !== undefined && dto.baseVersion !== it.version) {
        throw conflict(await this.current(m, it.id));
      }
      if (it.status !== 'done') throw invalidTransition(it.status, 'in_progress', []);
      await m.query(
        `UPDATE remediation_items SET status = 'in_progress', version = version + 1, updated_at = $2 WHERE id = $1`,
        [it.id, this.clock.now()],
      );
      await this.event(m, it.id, userId, 'reopened', it.status, 'in_progress', { comment });
      return this.detail(userId, it.id, m);
    });
  }

  /**
   * Evidence for the item's criterion, accepted although the assessment is submitted: stored like answer
   * evidence (checked by content, hashed) as an evidence_files row of the item's assessment and criterion.
   */
  /** Whether the caller may add evidence of the fix; run before the upload body is read (and again inside). */
  async assertCanAddEvidence(userId: string, itemId: string): Promise<ItemAccess> {
    const seen = await this.access(this.db.manager, itemId, userId);
    if (!canEdit(seen)) throw supplierOnly();
    if (seen.status === 'verified') throw closedItem();
    return seen;
  }

  async uploadEvidence(
    userId: string,
    itemId: string,
    file: { buffer: Buffer; originalname: string; size: number },
  ): Promise<RemediationDetailDto> {
    // Access first, so a stranger learns nothing from the bytes.
    const seen = await this.assertCanAddEvidence(userId, itemId);
    const info = inspectUpload(file, this.config.EVIDENCE_MAX_BYTES);
    const key = `${seen.supplierId}/${randomUUID()}`;
    await this.storage.put(key, file.buffer, { mediaType: info.mediaType, sha256: info.sha256 });
    try {
      return await this.db.transaction(async (m) => {
        const it = await this.access(m, itemId, userId, { lock: true });
        if (it.status === 'verified') throw closedItem();
        const [row] = await m.query<{ id: string }[]>(
          `INSERT INTO evidence_files (assessment_id, criterion_id, filename, media_type, size, sha256, storage_key, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            it.assessmentId,
            it.criterionId,
            info.filename,
            info.mediaType,
            info.size,
            info.sha256,
            key,
            userId,
          ],
        );
        await this.event(m, it.id, userId, 'evidence_added', null, null, {
          evidenceId: row!.id,
          filename: info.filename,
          size: info.size,
        });
        await audit(m, {
          organizationId: it.supplierId,
          actorUserId: userId,
          action: 'evidence.uploaded',
          entityType: 'evidence',
          entityId: row!.id,
          after: { criterionId: it.criterionId, remediationItemId: it.id, sha256: info.sha256 },
        });
        return this.detail(userId, it.id, m);
      });
    } catch (err) {
      await this.storage.delete(key);
      throw err;
    }
  }

  /**
   * Loads the item with the caller's roles; anyone who is neither a member of the supplier, nor a guest of the
   * item's assessment, nor an admin/procurement/evaluator of the buyer gets 404.
   */
  private async access(
    m: EntityManager,
    itemId: string,
    userId: string,
    opts: { lock?: boolean } = {},
  ): Promise<ItemAccess> {
    if (!isUuid(itemId)) throw itemNotFound();
    const [r] = await m.query<
      (Omit<ItemRow, 'supplier_name' | 'buyer_name' | 'campaign_title' | 'tier'> & {
        supplier_roles: MemberRole[] | null;
        buyer_roles: MemberRole[] | null;
        is_guest: boolean;
      })[]
    >(
      `SELECT i.id, i.assessment_id, i.criterion_id, i.status, i.plan, i.owner_name,
              to_char(i.due_date, 'YYYY-MM-DD') AS due_date, i.support_offer, i.risk_reason,
              to_char(i.risk_expires_on, 'YYYY-MM-DD') AS risk_expires_on,
              (SELECT to_char(c.remediation_deadline, 'YYYY-MM-DD') FROM assessments a JOIN campaigns c ON c.id = a.campaign_id
                WHERE a.id = i.assessment_id) AS remediation_deadline,
              (SELECT count(*)::int FROM evidence_files e WHERE ${EVIDENCE_OF_ITEM}) AS evidence_count,
              i.supplier_id, i.buyer_id, i.version,
              (SELECT array_agg(ms.role::text) FROM memberships ms
                WHERE ms.user_id = $2 AND ms.organization_id = i.supplier_id) AS supplier_roles,
              (SELECT array_agg(mb.role::text) FROM memberships mb
                WHERE mb.user_id = $2 AND mb.organization_id = i.buyer_id
                  AND mb.role::text = ANY($3::text[])) AS buyer_roles,
              EXISTS (SELECT 1 FROM assessment_guests g
                       WHERE g.assessment_id = i.assessment_id AND g.user_id = $2) AS is_guest
         FROM remediation_items i
        WHERE i.id = $1
        ${opts.lock ? 'FOR UPDATE OF i' : ''}`,
      [itemId, userId, BUYER_READ_ROLES],
    );
    if (!r || (!r.supplier_roles?.length && !r.buyer_roles?.length && !r.is_guest)) throw itemNotFound();
    return {
      id: r.id,
      assessmentId: r.assessment_id,
      criterionId: r.criterion_id,
      status: r.status,
      plan: r.plan,
      ownerName: r.owner_name,
      dueDate: r.due_date,
      supportOffer: r.support_offer,
      riskReason: r.risk_reason,
      riskExpiresOn: r.risk_expires_on,
      remediationDeadline: r.remediation_deadline,
      evidenceCount: r.evidence_count,
      supplierId: r.supplier_id,
      buyerId: r.buyer_id,
      version: r.version,
      supplierRoles: r.supplier_roles ?? [],
      buyerRoles: r.buyer_roles ?? [],
      isGuest: r.is_guest,
    };
  }

  private async current(m: EntityManager, itemId: string): Promise<RemediationItemDto> {
    const [row] = await m.query<ItemRow[]>(`${SELECT_ITEMS} WHERE i.id = $1`, [itemId]);
    return (await this.toDtos(m, [row!]))[0]!;
  }

  private async event(
    m: EntityManager,
    itemId: string,
    actorId: string,
    action: string,
    from: string | null,
    to: string | null,
    data: Record<string, unknown>,
  ): Promise<void> {
    await m.query(
      `INSERT INTO remediation_events (item_id, actor_id, action, from_status, to_status, data)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [itemId, actorId, action, from, to, JSON.stringify(data)],
    );
  }

  private async toDtos(m: EntityManager, rows: ItemRow[]): Promise<RemediationItemDto[]> {
    const today = this.clock.today();
    const contexts = new Map<string, Awaited<ReturnType<CampaignCatalogues['get']>>>();
    for (const r of rows) {
      if (!contexts.has(r.campaign_id))
        contexts.set(r.campaign_id, await this.catalogues.get(m, r.campaign_id));
    }
    return rows.map((r) => {
      const ctx = contexts.get(r.campaign_id)!;
      const i = ctx.compiled.indexById.get(r.criterion_id);
      const c = i === undefined ? undefined : ctx.catalogue.criteria[i];
      return {
        id: r.id,
        assessmentId: r.assessment_id,
        campaignId: r.campaign_id,
        campaignTitle: r.campaign_title,
        buyer: { id: r.buyer_id, name: r.buyer_name },
        supplier: { id: r.supplier_id, name: r.supplier_name },
        tier: r.tier,
        criterion: {
          id: r.criterion_id,
          title: c ? { ja: c.title.ja, en: c.title.en } : { ja: r.criterion_id, en: r.criterion_id },
          explanation: c ? { ja: c.explanation.ja, en: c.explanation.en } : { ja: '', en: '' },
          level: c?.level ?? 0,
        },
        status: r.status,
        plan: r.plan,
        ownerName: r.owner_name,
        dueDate: r.due_date,
        supportOffer: r.support_offer,
        riskReason: r.risk_reason,
        riskExpiresOn: r.risk_expires_on,
        remediationDeadline: r.remediation_deadline,
        overdue: isOverdue(r.due_date, r.status, today),
        evidenceCount: r.evidence_count,
        verifiedAt: r.verified_at ? iso(r.verified_at) : null,
        verifiedByName: r.verified_by_name,
        version: r.version,
        createdAt: iso(r.created_at),
        updatedAt: iso(r.updated_at),
      };
    });
  }
}

export function isOverdue(dueDate: string | null, status: RemediationStatus, today: string): boolean {
  return dueDate !== null && dueDate < today && !CLOSED_STATUSES.includes(status);
}

const canEdit = (it: ItemAccess) =>
  it.isGuest || it.supplierRoles.some((r) => r === 'admin' || r === 'respondent');
const canVerify = (it: ItemAccess) => it.buyerRoles.some((r) => r === 'admin' || r === 'procurement');

const itemNotFound = () =>
  problem.notFound({ ja: '改善項目が見つかりません。', en: 'No such remediation item.' });

/** Keyset position in the buyer's list: (due date, item id). */
const isDueCursor = (v: unknown): v is [string, string] =>
  Array.isArray(v) && v.length === 2 && isIsoDate(v[0]) && isUuid(v[1]);
