import { decodeCursor, encodeCursor } from '../common/cursor';
import { isIsoDate, isUuid } from '../common/ids';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { getCatalogue, type Catalogue } from '@tierstar/guidelines';
import type { DataSource, EntityManager } from 'typeorm';
import { CampaignCatalogues } from '../assessments/campaign-catalogues';
import { computeSnapshot, scoringContext } from '../assessments/snapshot';
import { audit } from '../audit/audit';
import { Clock } from '../common/clock';
import { ProblemException, problem } from '../common/problem';
import { MAX_TIER } from '../network/network.service';
import { ACCEPTED_LINK_SQL } from '../network/supplier-requests';
import { OutboxService } from '../outbox/outbox.service';
import { recordInvitations } from './invitations';
import type {
  CampaignDto,
  CampaignListDto,
  CampaignSupplierDto,
  CampaignSupplierPageDto,
  CampaignSuppliersQueryDto,
  CreateCampaignDto,
  LaunchResultDto,
  UpdateCampaignSupplierDto,
} from './dto/campaign.dto';
import { rankForStar, suggestStar } from './triage';

const campaignNotFound = () => problem.notFound({ ja: '依頼が見つかりません。', en: 'No such campaign.' });
const notDraft = () =>
  new ProblemException(409, 'CAMPAIGN_NOT_DRAFT', {
    ja: '送信済みの依頼は変更できません。',
    en: 'This campaign has been launched and can no longer be changed.',
  });

interface CampaignRow {
  id: string;
  title: string;
  status: CampaignDto['status'];
  catalogue_id: string;
  catalogue_version: string;
  catalogue_title: { ja: string; en: string };
  due_date: string;
  remediation_deadline: string | null;
  message: string;
  support_offered: string;
  locale: CampaignDto['locale'];
  created_at: Date;
  launched_at: Date | null;
  supplier_count: number;
  status_counts: Record<string, number> | null;
}

const CAMPAIGN_COLUMNS = `
  c.id, c.title, c.status, c.catalogue_id, c.catalogue_version, c.catalogue->'title' AS catalogue_title,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date, to_char(c.remediation_deadline, 'YYYY-MM-DD') AS remediation_deadline,
  c.message, c.support_offered, c.locale, c.created_at, c.launched_at,
  (SELECT count(*)::int FROM campaign_suppliers cs WHERE cs.campaign_id = c.id) AS supplier_count,
  (SELECT jsonb_object_agg(x.status, x.n) FROM
     (SELECT a.status, count(*)::int AS n FROM assessments a WHERE a.campaign_id = c.id GROUP BY a.status) x
  ) AS status_counts`;

const toCampaignDto = (r: CampaignRow): CampaignDto => ({
  id: r.id,
  title: r.title,
  status: r.status,
  catalogueId: r.catalogue_id,
  catalogueVersion: r.catalogue_version,
  catalogueTitle: r.catalogue_title,
  dueDate: r.due_date,
  remediationDeadline: r.remediation_deadline,
  message: r.message,
  supportOffered: r.support_offered,
  locale: r.locale,
  supplierCount: r.supplier_count,
  statusCounts: r.status_counts ?? {},
  createdAt: new Date(r.created_at).toISOString(),
  launchedAt: r.launched_at ? new Date(r.launched_at).toISOString() : null,
});

/** What `insertCampaign` needs; `suppliers` are already resolved (tier as seen from the buyer). */
export interface NewCampaign {
  buyerId: string;
  userId: string;
  title: string;
  message?: string;
  supportOffered?: string;
  catalogue: Catalogue;
  dueDate: string;
  remediationDeadline?: string | null;
  locale: 'ja' | 'en';
  suppliers: { supplier_id: string; tier: number; contact_email: string | null }[];
  targetLevel: number | null;
  parentCampaignId?: string;
  parentAssessmentId?: string;
}

/** Campaigns: a buyer chooses a catalogue, a due date and suppliers; launching creates the assessments. */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogues: CampaignCatalogues,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async create(buyerId: string, userId: string, dto: CreateCampaignDto): Promise<CampaignDto> {
    const catalogue = await this.resolveCatalogue(buyerId, dto.catalogueId, dto.catalogueVersion);
    const today = this.clock.today();
    assertDueDate(dto.dueDate, today);
    if (dto.remediationDeadline !== undefined) {
      assertDueDate(dto.remediationDeadline, today, 'remediationDeadline');
    }
    const id = await this.db.transaction(async (m) => {
      const chosen = await this.resolveSelection(m, buyerId, dto.selection);
      return this.insertCampaign(m, {
        buyerId,
        userId,
        title: dto.title,
        message: dto.message,
        supportOffered: dto.supportOffered,
        catalogue,
        dueDate: dto.dueDate,
        remediationDeadline: dto.remediationDeadline ?? null,
        locale: dto.locale ?? 'ja',
        suppliers: chosen,
        targetLevel: rankForStar(catalogue, suggestStar(null)),
      });
    });
    return this.get(buyerId, id);
  }

  /**
   * Inserts a draft campaign with its suppliers (one target level for all) and audits it, inside the caller's
   * transaction. Shared by campaign creation and forwarding (cascade). No supplier → 422 NO_SUPPLIERS_SELECTED.
   */
  async insertCampaign(m: EntityManager, spec: NewCampaign): Promise<string> {
    if (spec.suppliers.length === 0) {
      throw new ProblemException(422, 'NO_SUPPLIERS_SELECTED', {
        ja: '条件に合う取引先がありません。階層・タグ・取引先の指定を見直してください。',
        en: 'No supplier matches the selection. Check the tiers, tags or suppliers you chose.',
      });
    }
    const { catalogue } = spec;
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO campaigns (buyer_id, title, message, support_offered, catalogue_id, catalogue_version, catalogue,
                              due_date, locale, created_by, parent_campaign_id, parent_assessment_id,
                              remediation_deadline)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        spec.buyerId,
        spec.title.trim(),
        spec.message?.trim() ?? '',
        spec.supportOffered?.trim() ?? '',
        catalogue.id,
        catalogue.version,
        JSON.stringify(catalogue),
        spec.dueDate,
        spec.locale,
        spec.userId,
        spec.parentCampaignId ?? null,
        spec.parentAssessmentId ?? null,
        spec.remediationDeadline ?? null,
      ],
    );
    await m.query(
      `INSERT INTO campaign_suppliers (campaign_id, supplier_id, tier, contact_email, suggested_level, target_level)
       SELECT $1, u.s, u.t, u.e, $5, $5 FROM unnest($2::uuid[], $3::int[], $4::text[]) AS u(s, t, e)`,
      [
        row!.id,
        spec.suppliers.map((c) => c.supplier_id),
        spec.suppliers.map((c) => c.tier),
        spec.suppliers.map((c) => c.contact_email),
        spec.targetLevel,
      ],
    );
    await audit(m, {
      organizationId: spec.buyerId,
      actorUserId: spec.userId,
      action: 'campaign.created',
      entityType: 'campaign',
      entityId: row!.id,
      after: {
        title: spec.title,
        catalogue: `${catalogue.id}@${catalogue.version}`,
        suppliers: spec.suppliers.length,
        ...(spec.parentAssessmentId ? { forwardedFrom: spec.parentAssessmentId } : {}),
      },
    });
    return row!.id;
  }

  async list(buyerId: string): Promise<CampaignListDto> {
    const rows = await this.db.query<CampaignRow[]>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.buyer_id = $1 ORDER BY c.created_at DESC LIMIT 200`,
      [buyerId],
    );
    return { items: rows.map(toCampaignDto) };
  }

  async get(buyerId: string, campaignId: string): Promise<CampaignDto> {
    if (!isUuid(campaignId)) throw campaignNotFound();
    const [row] = await this.db.query<CampaignRow[]>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = $1 AND c.buyer_id = $2`,
      [campaignId, buyerId],
    );
    if (!row) throw campaignNotFound();
    return toCampaignDto(row);
  }

  /** The campaign's suppliers with their triage, target and (after launch) assessment progress. */
  async suppliers(
    buyerId: string,
    campaignId: string,
    query: CampaignSuppliersQueryDto,
    onlySupplierId?: string,
  ): Promise<CampaignSupplierPageDto> {
    // Tenant check only (get() would also count every assessment by status, on every page).
    if (!isUuid(campaignId)) throw campaignNotFound();
    const [own] = await this.db.query('SELECT 1 FROM campaigns WHERE id = $1 AND buyer_id = $2', [
      campaignId,
      buyerId,
    ]);
    if (!own) throw campaignNotFound();
    const limit = query.limit ?? 50;
    const params: unknown[] = [campaignId];
    let after = '';
    if (onlySupplierId) {
      params.push(onlySupplierId);
      after = `AND cs.supplier_id = $2::uuid`;
    }
    if (query.status) {
      params.push(query.status);
      after += ` AND a.status = $${params.length}::assessment_status`;
    }
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, isNameCursor);
      params.push(name, id);
      after += ` AND (lower(s.name), cs.supplier_id) > ($${params.length - 1}::text, $${params.length}::uuid)`;
    }
    params.push(limit + 1);
    const rows = await this.db.query<
      {
        supplier_id: string;
        supplier_name: string;
        sort_name: string;
        tier: number;
        contact_email: string | null;
        triage: CampaignSupplierDto['triage'];
        suggested_level: number | null;
        target_level: number | null;
        assessment_id: string | null;
        status: CampaignSupplierDto['status'];
        level: number | null;
        confirmed_level: number | null;
        answered: number | null;
        in_scope: number | null;
        failed_emails: number;
      }[]
    >(
      `SELECT cs.supplier_id, s.name AS supplier_name, lower(s.name) AS sort_name, cs.tier, cs.contact_email,
              cs.triage, cs.suggested_level, cs.target_level, a.id AS assessment_id, a.status, sn.level,
              sn.confirmed_level, sn.answered, sn.in_scope,
              (SELECT count(*)::int FROM mail_outbox o WHERE o.assessment_id = a.id AND o.status = 'failed') AS failed_emails
         FROM campaign_suppliers cs
         JOIN organizations s ON s.id = cs.supplier_id
         LEFT JOIN assessments a ON a.campaign_id = cs.campaign_id AND a.supplier_id = cs.supplier_id
         LEFT JOIN score_snapshots sn ON sn.assessment_id = a.id
        WHERE cs.campaign_id = $1 ${after}
        ORDER BY lower(s.name), cs.supplier_id
        LIMIT $${params.length}`,
      params,
    );
    const [{ total }] = await this.db.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM campaign_suppliers cs
         LEFT JOIN assessments a ON a.campaign_id = cs.campaign_id AND a.supplier_id = cs.supplier_id
        WHERE cs.campaign_id = $1 AND ($2::assessment_status IS NULL OR a.status = $2)`,
      [campaignId, query.status ?? null],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        supplierId: r.supplier_id,
        supplierName: r.supplier_name,
        tier: r.tier,
        contactEmail: r.contact_email,
        triage: r.triage,
        suggestedLevel: r.suggested_level,
        targetLevel: r.target_level,
        assessmentId: r.assessment_id,
        status: r.status,
        level: r.level,
        confirmedLevel: r.confirmed_level,
        answered: r.answered,
        inScope: r.in_scope,
        failedEmails: r.failed_emails,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.sort_name, last.supplier_id]) : null,
      total,
    };
  }

  /** Records the triage answers (which re-suggest the target) and/or overrides the target. Drafts only. */
  async updateSupplier(
    buyerId: string,
    campaignId: string,
    supplierId: string,
    dto: UpdateCampaignSupplierDto,
  ): Promise<CampaignSupplierDto> {
    await this.db.transaction(async (m) => {
      const [c] = await m.query<{ status: string; catalogue: Catalogue }[]>(
        'SELECT status, catalogue FROM campaigns WHERE id = $1 AND buyer_id = $2 FOR UPDATE',
        [campaignId, buyerId],
      );
      if (!c) throw campaignNotFound();
      if (c.status !== 'draft') throw notDraft();
      if (!isUuid(supplierId)) throw problem.notFound();
      const [cs] = await m.query<{ id: string; triage: unknown; target_level: number | null }[]>(
        'SELECT id, triage, target_level FROM campaign_suppliers WHERE campaign_id = $1 AND supplier_id = $2',
        [campaignId, supplierId],
      );
      if (!cs) throw problem.notFound();
      const ranks = c.catalogue.levels.map((l) => l.rank);
      if (
        dto.targetLevel !== undefined &&
        (c.catalogue.scoring !== 'levels' || !ranks.includes(dto.targetLevel))
      ) {
        throw problem.validation([
          {
            field: 'targetLevel',
            message: {
              ja: `このガイドラインのレベルを指定してください: ${ranks.join(', ')}`,
              en: `Use one of this catalogue's levels: ${ranks.join(', ')}`,
            },
          },
        ]);
      }
      const suggested = dto.triage ? rankForStar(c.catalogue, suggestStar(dto.triage)) : undefined;
      await m.query(
        `UPDATE campaign_suppliers
            SET contact_email = COALESCE($6::text, contact_email),
                triage = COALESCE($2::jsonb, triage),
                suggested_level = CASE WHEN $3::boolean THEN $4::smallint ELSE suggested_level END,
                target_level = COALESCE($5::smallint, CASE WHEN $3::boolean THEN $4::smallint ELSE target_level END)
          WHERE id = $1`,
        [
          cs.id,
          dto.triage ? JSON.stringify(dto.triage) : null,
          suggested !== undefined,
          suggested ?? null,
          dto.targetLevel ?? null,
          dto.contactEmail?.trim().toLowerCase() ?? null,
        ],
      );
    });
    const found = await this.suppliers(buyerId, campaignId, {}, supplierId);
    return found.items[0]!;
  }

  /**
   * Creates every assessment, its empty score snapshot and its invitation email in one transaction, then queues
   * the emails. Set-based SQL throughout, so 10,000 suppliers take seconds, not minutes.
   */
  async launch(buyerId: string, campaignId: string, userId: string): Promise<LaunchResultDto> {
    if (!isUuid(campaignId)) throw campaignNotFound();
    const result = await this.db.transaction((m) => this.launchIn(m, buyerId, campaignId, userId));
    await this.dispatch(result.outboxIds);
    return { assessments: result.assessments, invitations: result.invitations };
  }

  /** Queues the invitation emails a launch wrote (call after its transaction committed). */
  dispatch(outboxIds: string[]): Promise<void> {
    return this.outbox.dispatch(outboxIds);
  }

  /**
   * The launch inside the caller's transaction: creates every assessment, its empty score snapshot and its
   * invitation email. Returns the outbox ids to dispatch after commit.
   */
  async launchIn(
    m: EntityManager,
    buyerId: string,
    campaignId: string,
    userId: string,
  ): Promise<{ assessments: number; invitations: number; outboxIds: string[] }> {
    const [c] = await m.query<{ status: string; catalogue: Catalogue; locale: 'ja' | 'en' }[]>(
      'SELECT status, catalogue, locale FROM campaigns WHERE id = $1 AND buyer_id = $2 FOR UPDATE',
      [campaignId, buyerId],
    );
    if (!c) throw campaignNotFound();
    if (c.status !== 'draft') throw notDraft();
    const noContact = await m.query<{ name: string }[]>(
      `SELECT s.name FROM campaign_suppliers cs JOIN organizations s ON s.id = cs.supplier_id
        WHERE cs.campaign_id = $1 AND cs.contact_email IS NULL ORDER BY s.name LIMIT 20`,
      [campaignId],
    );
    if (noContact.length) {
      const names = noContact.map((r) => r.name).join(', ');
      throw new ProblemException(422, 'CONTACT_EMAIL_MISSING', {
        ja: `連絡先メールアドレスが未登録の取引先があります: ${names}`,
        en: `Some suppliers have no contact email: ${names}`,
      });
    }
    const ctx = scoringContext(c.catalogue);
    this.catalogues.remember(campaignId, ctx);
    const now = this.clock.now();
    const [{ created }] = await m.query<{ created: number }[]>(
      `WITH ins AS (
         INSERT INTO assessments (campaign_id, buyer_id, supplier_id, target_level, contact_email)
         SELECT campaign_id, $2, supplier_id, target_level, contact_email FROM campaign_suppliers WHERE campaign_id = $1
         RETURNING 1)
       SELECT count(*)::int AS created FROM ins`,
      [campaignId, buyerId],
    );
    const targets = await m.query<{ target_level: number | null }[]>(
      'SELECT DISTINCT target_level FROM campaign_suppliers WHERE campaign_id = $1',
      [campaignId],
    );
    const empty = new Uint8Array(ctx.compiled.size);
    for (const { target_level: target } of targets) {
      const s = computeSnapshot(ctx, empty, target, null);
      await m.query(
        `INSERT INTO score_snapshots (assessment_id, codes, level, confirmed_level, points, in_scope, answered, met,
                                      applicable, levels, categories, gaps)
         SELECT a.id, $3, $4, NULL, $5, $6, 0, 0, $7, $8, $9, $10
           FROM assessments a WHERE a.campaign_id = $1 AND a.target_level IS NOT DISTINCT FROM $2`,
        [
          campaignId,
          target,
          Buffer.from(empty),
          s.level,
          s.points,
          s.inScope,
          s.applicable,
          JSON.stringify(s.levels),
          JSON.stringify(s.categories),
          s.gaps,
        ],
      );
    }
    // Contacts whose supplier has not accepted this buyer yet get theirs when its admins accept.
    const outboxIds = await recordInvitations(m, 'a.campaign_id = $1', [campaignId], now);
    await m.query(
      `UPDATE campaigns SET status = 'launched', launched_at = $2, updated_at = $2 WHERE id = $1`,
      [campaignId, now],
    );
    await audit(m, {
      organizationId: buyerId,
      actorUserId: userId,
      action: 'campaign.launched',
      entityType: 'campaign',
      entityId: campaignId,
      after: { assessments: created },
    });
    // Every assessment counts as invited, whether its email went now or waits for the supplier's decision:
    // the buyer must not learn from the count which suppliers are registered organizations.
    return { assessments: created, invitations: created, outboxIds };
  }

  private async resolveCatalogue(orgId: string, id: string, version?: string): Promise<Catalogue> {
    const builtIn = getCatalogue(id, version);
    if (builtIn) return builtIn;
    const [row] = await this.db.query<{ catalogue: Catalogue }[]>(
      `SELECT catalogue FROM imported_catalogues WHERE organization_id = $1 AND catalogue_id = $2
          AND ($3::text IS NULL OR version = $3) ORDER BY created_at DESC LIMIT 1`,
      [orgId, id, version ?? null],
    );
    if (!row) {
      throw new ProblemException(422, 'CATALOGUE_UNKNOWN', {
        ja: '指定のガイドライン (版) は見つかりません。',
        en: 'No such guideline catalogue or version.',
      });
    }
    return row.catalogue;
  }

  /**
   * Suppliers matching the selection within the buyer's visible network (Tier 1 links, and deeper links their
   * owners disclosed to buyers they accepted). A supplier reachable at several tiers counts once, at its nearest tier; the contact is
   * the one on the link that reaches it.
   */
  private async resolveSelection(
    m: EntityManager,
    buyerId: string,
    sel: CreateCampaignDto['selection'],
  ): Promise<{ supplier_id: string; tier: number; contact_email: string | null }[]> {
    const hasAny = Boolean(sel.tiers?.length || sel.tags?.length || sel.supplierIds?.length);
    if (!hasAny) return [];
    return m.query(
      `WITH RECURSIVE net AS (
         SELECT l.supplier_id, 1 AS tier, l.contact_email, l.tags, ARRAY[l.buyer_id, l.supplier_id] AS path,
                ${ACCEPTED_LINK_SQL('l')} AS accepted
           FROM supply_links l WHERE l.buyer_id = $1 AND l.status = 'active'
         UNION ALL
         SELECT l.supplier_id, n.tier + 1, l.contact_email, l.tags, n.path || l.supplier_id,
                ${ACCEPTED_LINK_SQL('l')}
           FROM net n JOIN supply_links l ON l.buyer_id = n.supplier_id
          WHERE n.tier < $2 AND n.accepted AND l.disclose_upstream AND l.status = 'active'
            AND NOT (l.supplier_id = ANY (n.path))
       )
       SELECT DISTINCT ON (supplier_id) supplier_id, tier, contact_email
         FROM net
        WHERE tier = ANY($3::int[]) OR tags && $4::text[] OR supplier_id = ANY($5::uuid[])
        ORDER BY supplier_id, tier`,
      [buyerId, MAX_TIER, sel.tiers ?? [], sel.tags ?? [], sel.supplierIds ?? []],
    );
  }
}

/** A due date must be a real calendar date, `today` (the Clock's, Asia/Tokyo) or later. */
export function assertDueDate(dueDate: string, today: string, field = 'dueDate'): void {
  if (!isIsoDate(dueDate) || dueDate < today) {
    throw problem.validation([
      {
        field,
        message: { ja: '今日以降の日付を指定してください。', en: 'Give a date from today on.' },
      },
    ]);
  }
}

/** Keyset position in the supplier list: (lower-cased name, supplier id). */
const isNameCursor = (v: unknown): v is [string, string] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && isUuid(v[1]);
