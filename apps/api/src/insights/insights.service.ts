import { decodeCursor, encodeCursor } from '../common/cursor';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { getCatalogue, type Catalogue } from '@tierstar/guidelines';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { problem } from '../common/problem';
import type { SnapshotTally } from '../assessments/score-snapshot.entity';
import type { RemediationStatus } from '../remediation/remediation-item.entity';
import type {
  CellsQueryDto,
  DistributionDto,
  HeatmapDto,
  InsightsCatalogueDto,
  InsightsFilterDto,
  InsightsSupplierDetailDto,
  InsightsSupplierPageDto,
  InsightsSupplierRowDto,
  RowConsent,
  SupplierPageQueryDto,
  SuppliersQueryDto,
} from './dto/insights.dto';
import {
  type ContributorConsent,
  countsAnonymous,
  groupShown,
  GroupTally,
  K_ANONYMITY,
  overdueShown,
} from './anonymity';
import { CLOSED_REMEDIATION, entriesSql } from './insights-scope';

const TIERS = [1, 2] as const;
const CACHE = 200;
const EXPORT_LIMIT = 100_000;

interface Scope {
  catalogue: Catalogue | null;
  dto: InsightsCatalogueDto | null;
}

interface RowRaw {
  assessment_id: string;
  supplier_id: string;
  supplier_name: string;
  tier: number;
  consent: RowConsent;
  via_id: string | null;
  via_name: string | null;
  level: number | null;
  confirmed_level: number | null;
  target_level: number | null;
  met: number;
  applicable: number;
  categories: Record<string, { met: number; applicable: number }>;
  open: number;
  overdue: number;
}

const notVisible = () =>
  problem.notFound({ ja: '取引先が見つかりません。', en: 'No such supplier in your insights.' });

export const catalogueDto = (c: Catalogue): InsightsCatalogueDto => ({
  id: c.id,
  version: c.version,
  title: c.title,
  groups: c.groups.map((g) => ({ id: g.id, title: g.title })),
  levels: c.levels.map((l) => ({ rank: l.rank, label: l.label })),
});

/**
 * One supplier row as the viewer may see it. `summary` means exactly ★ (claimed and confirmed), category rates
 * and the count of open remediation items: no tallies (they would tell how many criteria are not applicable),
 * no overall achievement, no overdue count, no assessment.
 */
const toRow = (r: RowRaw): InsightsSupplierRowDto => {
  const summary = r.consent === 'summary';
  return {
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    tier: r.tier,
    consent: r.consent,
    viaSupplierId: r.tier === 2 ? r.via_id : null,
    viaSupplierName: r.tier === 2 ? r.via_name : null,
    level: r.level,
    confirmedLevel: r.confirmed_level,
    targetLevel: r.target_level,
    achievement: !summary && r.applicable > 0 ? r.met / r.applicable : null,
    categories: summary
      ? null
      : Object.fromEntries(
          Object.entries(r.categories).map(([k, v]) => [k, { met: v.met, applicable: v.applicable }]),
        ),
    categoryRates: Object.fromEntries(
      Object.entries(r.categories).map(([k, v]) => [k, v.applicable > 0 ? v.met / v.applicable : null]),
    ),
    openRemediation: r.open,
    overdueRemediation: summary ? null : r.overdue,
    assessmentId: r.consent === 'direct' || r.consent === 'full' ? r.assessment_id : null,
  };
};

/**
 * Insights for a buyer over its Tier 1 and Tier 2 suppliers, read from score snapshots (never from raw
 * answers). Tier 2 suppliers with consent `none` are never listed and count only in unfiltered aggregates;
 * `summary` are listed with ★, category rates and their open remediation count; `full` link to their
 * assessment. Every aggregate follows the k-anonymity rules of anonymity.ts.
 */
@Injectable()
export class InsightsService {
  private readonly catalogues = new Map<string, Catalogue>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The catalogue the insights use: the filter's, else the campaign's, else the one most of the viewer's
   * campaigns use (ties: the most recently used). Its groups and levels come from the most recent campaign
   * with it (built-in catalogues from the registry).
   */
  async scope(orgId: string, f: InsightsFilterDto): Promise<Scope> {
    let catalogueId = f.catalogueId;
    if (f.campaignId) {
      const [c] = await this.db.query<{ catalogue_id: string }[]>(
        'SELECT catalogue_id FROM campaigns WHERE id = $1 AND buyer_id = $2',
        [f.campaignId, orgId],
      );
      if (!c) throw problem.notFound({ ja: '依頼が見つかりません。', en: 'No such campaign.' });
      catalogueId ??= c.catalogue_id;
    }
    const [ref] = await this.db.query<{ id: string; catalogue_id: string; catalogue_version: string }[]>(
      catalogueId
        ? `SELECT id, catalogue_id, catalogue_version FROM campaigns WHERE buyer_id = $1 AND catalogue_id = $2
            ORDER BY ($3::uuid IS NOT NULL AND id = $3::uuid) DESC, created_at DESC LIMIT 1`
        : `SELECT c.id, c.catalogue_id, c.catalogue_version FROM campaigns c
             JOIN (SELECT catalogue_id, count(*) AS n, max(created_at) AS latest FROM campaigns
                    WHERE buyer_id = $1 GROUP BY catalogue_id ORDER BY n DESC, latest DESC LIMIT 1) top
               ON top.catalogue_id = c.catalogue_id
            WHERE c.buyer_id = $1 ORDER BY c.created_at DESC LIMIT 1`,
      catalogueId ? [orgId, catalogueId, f.campaignId ?? null] : [orgId],
    );
    if (!ref) {
      const builtIn = catalogueId ? getCatalogue(catalogueId) : undefined;
      return { catalogue: builtIn ?? null, dto: builtIn ? catalogueDto(builtIn) : null };
    }
    const catalogue = await this.campaignCatalogue(ref.id, ref.catalogue_id, ref.catalogue_version);
    return { catalogue, dto: catalogueDto(catalogue) };
  }

  private async campaignCatalogue(campaignId: string, id: string, version: string): Promise<Catalogue> {
    const builtIn = getCatalogue(id, version);
    if (builtIn) return builtIn;
    const hit = this.catalogues.get(campaignId);
    if (hit) return hit;
    const [row] = await this.db.query<{ catalogue: Catalogue }[]>(
      'SELECT catalogue FROM campaigns WHERE id = $1',
      [campaignId],
    );
    this.catalogues.set(campaignId, row!.catalogue);
    if (this.catalogues.size > CACHE) this.catalogues.delete(this.catalogues.keys().next().value!);
    return row!.catalogue;
  }

  async heatmap(orgId: string, f: InsightsFilterDto): Promise<HeatmapDto> {
    const anonymousCounted = countsAnonymous(f);
    const { catalogue, dto } = await this.scope(orgId, f);
    if (!catalogue) return { catalogue: null, anonymousCounted, minimumGroup: K_ANONYMITY, tiers: [] };
    const { cte, params } = entriesSql(orgId, catalogue.id, f);
    // One row per supplier, aggregated here: expanding the jsonb categories into tier × group rows in SQL
    // (jsonb_each) costs about twice as much as shipping the small objects and summing them (bench/heatmap.ts).
    const rows = await this.db.query<
      { tier: number; consent: ContributorConsent; categories: Record<string, SnapshotTally> }[]
    >(
      `WITH ${cte}
       SELECT e.tier, e.consent, s.categories
         FROM entries e JOIN score_snapshots s ON s.assessment_id = e.assessment_id`,
      params,
    );
    const groupIds = catalogue.groups.map((g) => g.id);
    const sums = TIERS.map(() => ({
      suppliers: 0,
      group: new GroupTally(),
      meeting: new Float64Array(groupIds.length),
      present: new Float64Array(groupIds.length),
      summary: new Float64Array(groupIds.length),
      none: new Float64Array(groupIds.length),
      rated: new Float64Array(groupIds.length),
      rateSum: new Float64Array(groupIds.length),
    }));
    for (const r of rows) {
      const t = sums[r.tier - 1];
      if (!t) continue;
      t.suppliers++;
      t.group.add(r.consent);
      for (let g = 0; g < groupIds.length; g++) {
        const c = r.categories[groupIds[g]!];
        if (!c) continue;
        t.present[g]++;
        if (r.consent === 'summary') t.summary[g]++;
        else if (r.consent === 'none') t.none[g]++;
        if (c.met === c.applicable) t.meeting[g]++;
        if (c.applicable > 0) {
          t.rated[g]++;
          t.rateSum[g] += c.met / c.applicable;
        }
      }
    }
    return {
      catalogue: dto,
      anonymousCounted,
      minimumGroup: K_ANONYMITY,
      tiers: TIERS.map((tier, i) => {
        const t = sums[i]!;
        const shown = groupShown(t.group);
        return {
          tier,
          hidden: !shown,
          suppliers: shown ? t.suppliers : null,
          cells: groupIds.map((groupId, g) =>
            groupShown({ summary: t.summary[g]!, none: t.none[g]! })
              ? {
                  groupId,
                  hidden: false,
                  suppliers: t.present[g]!,
                  meetingTarget: t.meeting[g]!,
                  shareMeetingTarget: t.present[g] ? t.meeting[g]! / t.present[g]! : 0,
                  averageAchievement: t.rated[g] ? t.rateSum[g]! / t.rated[g]! : null,
                }
              : {
                  groupId,
                  hidden: true,
                  suppliers: null,
                  meetingTarget: null,
                  shareMeetingTarget: null,
                  averageAchievement: null,
                },
          ),
        };
      }),
    };
  }

  async distribution(orgId: string, f: InsightsFilterDto): Promise<DistributionDto> {
    const anonymousCounted = countsAnonymous(f);
    const { catalogue, dto } = await this.scope(orgId, f);
    if (!catalogue) return { catalogue: null, anonymousCounted, minimumGroup: K_ANONYMITY, tiers: [] };
    const { cte, params } = entriesSql(orgId, catalogue.id, f);
    params.push(CLOSED_REMEDIATION, this.clock.today());
    const rows = await this.db.query<
      {
        tier: number;
        consent: ContributorConsent;
        kind: 'claimed' | 'confirmed' | 'remediation';
        level: number | null;
        n: number;
        overdue: number;
      }[]
    >(
      `WITH ${cte},
       scored AS (SELECT e.tier, e.consent, s.level, s.confirmed_level
                    FROM entries e JOIN score_snapshots s ON s.assessment_id = e.assessment_id)
       SELECT tier, consent, 'claimed' AS kind, level, count(*)::int AS n, 0 AS overdue
         FROM scored GROUP BY tier, consent, level
       UNION ALL
       SELECT tier, consent, 'confirmed', confirmed_level, count(*)::int, 0
         FROM scored GROUP BY tier, consent, confirmed_level
       UNION ALL
       SELECT e.tier, e.consent, 'remediation', NULL, count(*)::int,
              count(*) FILTER (WHERE ri.due_date < $${params.length}::date)::int
         FROM entries e JOIN remediation_items ri ON ri.assessment_id = e.assessment_id
        WHERE NOT (ri.status::text = ANY ($${params.length - 1}::text[]))
        GROUP BY e.tier, e.consent`,
      params,
    );
    const ranks = [null, ...catalogue.levels.map((l) => l.rank)];
    for (const r of rows) if (r.kind !== 'remediation' && !ranks.includes(r.level)) ranks.push(r.level);
    const sum = (of: typeof rows, pick: (r: (typeof rows)[number]) => number) =>
      of.reduce((s, r) => s + pick(r), 0);
    return {
      catalogue: dto,
      anonymousCounted,
      minimumGroup: K_ANONYMITY,
      tiers: TIERS.map((tier) => {
        const mine = rows.filter((r) => r.tier === tier);
        const claimed = mine.filter((r) => r.kind === 'claimed');
        const group = new GroupTally();
        for (const r of claimed) group.add(r.consent, r.n);
        if (!groupShown(group)) {
          return {
            tier,
            hidden: true,
            suppliers: null,
            levels: [],
            openRemediation: null,
            overdueRemediation: null,
          };
        }
        const of = (kind: string, level: number | null) =>
          sum(
            mine.filter((r) => r.kind === kind && r.level === level),
            (r) => r.n,
          );
        const rem = mine.filter((r) => r.kind === 'remediation');
        return {
          tier,
          hidden: false,
          suppliers: sum(claimed, (r) => r.n),
          levels: ranks.map((level) => ({
            level,
            claimed: of('claimed', level),
            confirmed: of('confirmed', level),
          })),
          openRemediation: sum(rem, (r) => r.n),
          overdueRemediation: overdueShown(group, anonymousCounted) ? sum(rem, (r) => r.overdue) : null,
        };
      }),
    };
  }

  suppliers(orgId: string, q: SuppliersQueryDto): Promise<InsightsSupplierPageDto> {
    return this.page(orgId, q, q.tier);
  }

  async cells(orgId: string, q: CellsQueryDto): Promise<InsightsSupplierPageDto> {
    return this.page(orgId, { ...q, sort: q.sort ?? q.groupId }, q.tier, {
      groupId: q.groupId,
      meeting: q.meeting,
    });
  }

  /** Every visible row (exports), in the requested order. */
  async allSuppliers(
    orgId: string,
    q: SuppliersQueryDto,
  ): Promise<{ catalogue: Catalogue | null; items: InsightsSupplierRowDto[] }> {
    const { catalogue } = await this.scope(orgId, q);
    if (!catalogue) return { catalogue: null, items: [] };
    const page = await this.query(orgId, catalogue, q, q.tier, undefined, 0, EXPORT_LIMIT);
    return { catalogue, items: page.rows.map(toRow) };
  }

  private async page(
    orgId: string,
    q: SupplierPageQueryDto,
    tier: number | undefined,
    cell?: { groupId: string; meeting?: boolean },
  ): Promise<InsightsSupplierPageDto> {
    const { catalogue } = await this.scope(orgId, q);
    if (!catalogue) {
      return { items: [], nextCursor: null, total: 0, hiddenByConsent: countsAnonymous(q) ? 0 : null };
    }
    if (cell && !catalogue.groups.some((g) => g.id === cell.groupId)) {
      throw problem.validation([
        {
          field: 'groupId',
          message: { ja: 'このガイドラインにない分類です。', en: 'Not a category of this catalogue.' },
        },
      ]);
    }
    const limit = q.limit ?? 50;
    const offset = q.cursor ? decodeCursor(q.cursor, isOffsetCursor).o : 0;
    const { rows, total, hidden } = await this.query(orgId, catalogue, q, tier, cell, offset, limit + 1);
    const items = rows.slice(0, limit).map(toRow);
    return {
      items,
      nextCursor: rows.length > limit ? encodeCursor({ o: offset + limit }) : null,
      total,
      hiddenByConsent: hidden,
    };
  }

  private async query(
    orgId: string,
    catalogue: Catalogue,
    q: SupplierPageQueryDto,
    tier: number | undefined,
    cell: { groupId: string; meeting?: boolean } | undefined,
    offset: number,
    limit: number,
  ): Promise<{ rows: RowRaw[]; total: number; hidden: number | null }> {
    const { cte, params, anonymous } = entriesSql(orgId, catalogue.id, q);
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    // `where` chooses the group (a tier, or a heat map cell: the tier's suppliers having the category);
    // `hit` chooses the rows of the answer inside it (meeting the target or not).
    const where: string[] = [];
    let hit = 'true';
    if (tier !== undefined) where.push(`e.tier = ${p(tier)}::int`);
    if (cell) {
      const g = p(cell.groupId);
      where.push(`s.categories ? ${g}::text`);
      if (cell.meeting !== undefined) {
        hit = `${cell.meeting ? '' : 'NOT '}coalesce(s.categories->${g}->'met' = s.categories->${g}->'applicable', false)`;
      }
    }
    const sort = q.sort ?? 'name';
    let key: string;
    if (sort === 'name') key = 'lower(o.name)';
    else if (sort === 'level') key = 's.level';
    // Summary consent does not share the overall achievement: those rows sort as unknown.
    else if (sort === 'achievement') {
      key = `CASE WHEN e.consent = 'summary' THEN NULL ELSE s.met::float8 / nullif(s.applicable, 0) END`;
    } else if (catalogue.groups.some((g) => g.id === sort)) {
      const g = p(sort);
      key = `(s.categories->${g}->>'met')::float8 / nullif((s.categories->${g}->>'applicable')::float8, 0)`;
    } else {
      throw problem.validation([
        {
          field: 'sort',
          message: {
            ja: 'name, level, achievement または分類 ID を指定してください。',
            en: 'Use name, level, achievement or a category id.',
          },
        },
      ]);
    }
    const dir = q.order === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST';
    const closed = p(CLOSED_REMEDIATION);
    const today = p(this.clock.today());
    const off = p(offset);
    const lim = p(limit);
    const rows = await this.db.query<
      (RowRaw & { total: number; hidden: number; g_summary: number; g_none: number })[]
    >(
      `WITH ${cte},
       base AS (
         SELECT e.assessment_id, e.supplier_id, e.tier, e.consent, e.via_id, e.target_level, o.name AS supplier_name,
                s.level, s.confirmed_level, s.met, s.applicable, s.categories, ${key} AS sk, ${hit} AS hit
           FROM entries e
           JOIN score_snapshots s ON s.assessment_id = e.assessment_id
           JOIN organizations o ON o.id = e.supplier_id
          WHERE ${where.length ? where.join(' AND ') : 'true'}
       ),
       counts AS (
         SELECT count(*) FILTER (WHERE hit AND consent <> 'none')::int AS total,
                count(*) FILTER (WHERE hit AND consent = 'none')::int AS hidden,
                count(*) FILTER (WHERE consent = 'summary')::int AS g_summary,
                count(*) FILTER (WHERE consent = 'none')::int AS g_none
           FROM base
       ),
       pg AS (
         SELECT * FROM base WHERE hit AND consent <> 'none'
          ORDER BY sk ${dir}, supplier_id OFFSET ${off} LIMIT ${lim}
       )
       SELECT counts.total, counts.hidden, counts.g_summary, counts.g_none, x.*
         FROM counts
         LEFT JOIN (
           SELECT pg.*, v.name AS via_name, rem.open, rem.overdue
             FROM pg
             LEFT JOIN organizations v ON v.id = pg.via_id
             CROSS JOIN LATERAL (
               SELECT count(*)::int AS open, count(*) FILTER (WHERE ri.due_date < ${today}::date)::int AS overdue
                 FROM remediation_items ri
                WHERE ri.assessment_id = pg.assessment_id AND NOT (ri.status::text = ANY (${closed}::text[]))
             ) rem
         ) x ON true
        ORDER BY x.sk ${dir}, x.supplier_id`,
      params,
    );
    const head = rows[0];
    const revealed = anonymous && groupShown({ summary: head?.g_summary ?? 0, none: head?.g_none ?? 0 });
    return {
      rows: rows.filter((r) => r.assessment_id !== null),
      total: head?.total ?? 0,
      hidden: revealed ? (head?.hidden ?? 0) : null,
    };
  }

  /**
   * One supplier as the buyer may see it; 404 when it is not in the insights or its consent is `none`. Gaps and
   * remediation items only for the viewer's own suppliers and `full` consent; `summary` gets neither.
   */
  async supplier(
    orgId: string,
    supplierId: string,
    f: InsightsFilterDto,
  ): Promise<InsightsSupplierDetailDto> {
    const { catalogue } = await this.scope(orgId, f);
    if (!catalogue) throw notVisible();
    const { cte, params } = entriesSql(orgId, catalogue.id, f, supplierId);
    params.push(CLOSED_REMEDIATION, this.clock.today());
    const [r] = await this.db.query<(RowRaw & { gaps: string[] | null; campaign_id: string })[]>(
      `WITH ${cte}
       SELECT e.assessment_id, e.supplier_id, e.tier, e.consent, e.via_id, e.target_level, o.name AS supplier_name,
              v.name AS via_name, s.level, s.confirmed_level, s.met, s.applicable, s.categories,
              CASE WHEN e.consent = 'summary' THEN NULL ELSE s.gaps END AS gaps,
              a.campaign_id,
              (SELECT count(*)::int FROM remediation_items ri
                WHERE ri.assessment_id = e.assessment_id AND NOT (ri.status::text = ANY ($${params.length - 1}::text[]))) AS open,
              (SELECT count(*)::int FROM remediation_items ri
                WHERE ri.assessment_id = e.assessment_id AND NOT (ri.status::text = ANY ($${params.length - 1}::text[]))
                  AND ri.due_date < $${params.length}::date) AS overdue
         FROM entries e
         JOIN assessments a ON a.id = e.assessment_id
         JOIN score_snapshots s ON s.assessment_id = e.assessment_id
         JOIN organizations o ON o.id = e.supplier_id
         LEFT JOIN organizations v ON v.id = e.via_id
        WHERE e.tier = 1 OR e.consent IN ('full', 'summary')`,
      params,
    );
    if (!r) throw notVisible();
    if (r.consent === 'summary' || !r.gaps) return { ...toRow(r), gaps: null, remediation: null };
    const [c] = await this.db.query<{ catalogue_id: string; catalogue_version: string }[]>(
      'SELECT catalogue_id, catalogue_version FROM campaigns WHERE id = $1',
      [r.campaign_id],
    );
    const own = await this.campaignCatalogue(r.campaign_id, c!.catalogue_id, c!.catalogue_version);
    const titles = new Map(own.criteria.map((x) => [x.id, x.title]));
    const items = await this.db.query<
      { id: string; criterion_id: string; status: RemediationStatus; due_date: string | null }[]
    >(
      `SELECT id, criterion_id, status, to_char(due_date, 'YYYY-MM-DD') AS due_date
         FROM remediation_items WHERE assessment_id = $1 ORDER BY created_at, criterion_id`,
      [r.assessment_id],
    );
    return {
      ...toRow(r),
      gaps: r.gaps.map((id) => ({ criterionId: id, title: titles.get(id) ?? { ja: id, en: id } })),
      remediation: items.map((i) => ({
        id: i.id,
        criterionId: i.criterion_id,
        status: i.status,
        dueDate: i.due_date,
      })),
    };
  }
}

/** The insights lists page by offset: the cursor is `{ o: offset }`. */
const isOffsetCursor = (v: unknown): v is { o: number } =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as { o?: unknown }).o) &&
  (v as { o: number }).o >= 0;
