import { decodeCursor, encodeCursor } from '../common/cursor';
import { isUuid } from '../common/ids';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { audit } from '../audit/audit';
import { ProblemException, problem } from '../common/problem';
import { Organization } from '../organizations/organization.entity';
import type {
  AddSupplierDto,
  NetworkItemDto,
  NetworkPageDto,
  NetworkQueryDto,
  SupplierLinkDto,
  UpdateSupplierLinkDto,
} from './dto/network.dto';
import type { SupplierCsvRow } from './supplier-csv';
import { ACCEPTED_LINK_SQL, initialRequestStatus, placeSupplier } from './supplier-requests';
import { SupplierRequestsService } from './supplier-requests.service';
import { SupplyLink } from './supply-link.entity';

/** Deepest tier the network query follows. */
export const MAX_TIER = 3;

type Cursor = [tier: number, sortName: string, linkId: string];

const isCursor = (v: unknown): v is Cursor =>
  Array.isArray(v) && v.length === 3 && typeof v[0] === 'number' && typeof v[1] === 'string' && isUuid(v[2]);

const alreadyLinked = (row?: number) =>
  new ProblemException(
    409,
    'SUPPLIER_ALREADY_LINKED',
    { ja: 'この取引先はすでに登録されています。', en: 'This supplier is already in your network.' },
    [{ field: 'corporateNumber', row, message: { ja: '登録済みの取引先です。', en: 'already a supplier' } }],
  );

/**
 * The buyer's view of one link. The supplier's number is the one the buyer typed (kept on the link); whether
 * that number belongs to a registered organization, and whether it has answered the request, is not shown.
 */
function toLinkDto(link: SupplyLink, supplier: Organization): SupplierLinkDto {
  return {
    linkId: link.id,
    supplier: {
      id: supplier.id,
      name: supplier.name,
      corporateNumber: link.corporateNumber ?? supplier.corporateNumber,
    },
    criticality: link.criticality,
    tags: link.tags,
    contactEmail: link.contactEmail,
    status: link.status,
    discloseUpstream: link.discloseUpstream,
  };
}

@Injectable()
export class NetworkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly requests: SupplierRequestsService,
  ) {}

  /**
   * The network seen from `rootId`, one row per link: its own links are Tier 1; links that a Tier n supplier
   * declared and chose to disclose upstream are Tier n+1 (recursive CTE, cycle-safe, up to MAX_TIER), but only
   * beyond suppliers that accepted the link that reaches them.
   * Keyset-paginated by (tier, name, link id).
   */
  async list(rootId: string, query: NetworkQueryDto): Promise<NetworkPageDto> {
    const limit = query.limit ?? 25;
    const params: unknown[] = [rootId, MAX_TIER];
    const filters: string[] = [];
    if (query.tier !== undefined) {
      params.push(query.tier);
      filters.push(`n.tier = $${params.length}`);
    }
    if (query.q?.trim()) {
      params.push(
        `%${query.q
          .trim()
          .toLowerCase()
          .replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      );
      filters.push(
        `(lower(s.name) LIKE $${params.length} OR COALESCE(l.corporate_number, s.corporate_number) LIKE $${params.length})`,
      );
    }
    const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
    const base = `
      WITH RECURSIVE net AS (
        SELECT l.id AS link_id, l.supplier_id, 1 AS tier, NULL::uuid AS via_id, ARRAY[l.buyer_id, l.supplier_id] AS path,
               ${ACCEPTED_LINK_SQL('l')} AS accepted
          FROM supply_links l
         WHERE l.buyer_id = $1
        UNION ALL
        SELECT l.id, l.supplier_id, n.tier + 1, l.buyer_id, n.path || l.supplier_id, ${ACCEPTED_LINK_SQL('l')}
          FROM net n
          JOIN supply_links l ON l.buyer_id = n.supplier_id
         WHERE n.tier < $2 AND n.accepted AND l.disclose_upstream AND l.status = 'active'
           AND NOT (l.supplier_id = ANY (n.path))
      )
      SELECT n.link_id, n.tier, n.via_id, s.id AS supplier_id, s.name AS supplier_name,
             COALESCE(l.corporate_number, s.corporate_number) AS corporate_number, lower(s.name) AS sort_name,
             v.name AS via_name,
             l.criticality, l.tags, l.contact_email, l.status
        FROM net n
        JOIN supply_links l ON l.id = n.link_id
        JOIN organizations s ON s.id = n.supplier_id
        LEFT JOIN organizations v ON v.id = n.via_id
        ${where}`;

    const totalParams = [...params];
    let pageWhere = '';
    if (query.cursor) {
      const [t, name, id] = decodeCursor(query.cursor, isCursor);
      params.push(t, name, id);
      pageWhere = `WHERE (p.tier, p.sort_name, p.link_id) > ($${params.length - 2}::int, $${params.length - 1}::text, $${params.length}::uuid)`;
    }
    params.push(limit + 1);
    const [rows, totalRows] = await Promise.all([
      this.db.query<RawNetworkRow[]>(
        `SELECT * FROM (${base}) p ${pageWhere} ORDER BY p.tier, p.sort_name, p.link_id LIMIT $${params.length}`,
        params,
      ),
      this.db.query<{ total: string }[]>(`SELECT count(*)::text AS total FROM (${base}) p`, totalParams),
    ]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toNetworkItem),
      nextCursor:
        rows.length > limit && last ? encodeCursor([last.tier, last.sort_name, last.link_id]) : null,
      total: Number(totalRows[0]?.total ?? 0),
    };
  }

  async addSupplier(buyerId: string, actorUserId: string, dto: AddSupplierDto): Promise<SupplierLinkDto> {
    const outboxIds: string[] = [];
    const added = await this.db.transaction(async (m) => {
      const { link, supplier } = await this.insertLink(m, buyerId, actorUserId, {
        ...dto,
        tags: dto.tags ?? [],
        criticality: dto.criticality ?? 'medium',
      });
      outboxIds.push(...(await this.requests.notifyAdmins(m, link.id)));
      return toLinkDto(link, supplier);
    });
    await this.requests.dispatch(outboxIds);
    return added;
  }

  /** All rows or none: any conflict rolls the whole upload back and reports the row. */
  async importSuppliers(
    buyerId: string,
    actorUserId: string,
    rows: SupplierCsvRow[],
  ): Promise<{ created: number }> {
    const outboxIds: string[] = [];
    const result = await this.db.transaction(async (m) => {
      for (const row of rows) {
        const { link } = await this.insertLink(m, buyerId, actorUserId, row, row.row);
        outboxIds.push(...(await this.requests.notifyAdmins(m, link.id)));
      }
      return { created: rows.length };
    });
    await this.requests.dispatch(outboxIds);
    return result;
  }

  async get(buyerId: string, linkId: string): Promise<SupplierLinkDto> {
    const link = await this.db
      .getRepository(SupplyLink)
      .findOne({ where: { id: linkId, buyerId }, relations: { supplier: true } });
    if (!link?.supplier) throw problem.notFound();
    return toLinkDto(link, link.supplier);
  }

  async update(
    buyerId: string,
    actorUserId: string,
    linkId: string,
    dto: UpdateSupplierLinkDto,
  ): Promise<SupplierLinkDto> {
    return this.db.transaction(async (m) => {
      const link = await m.findOne(SupplyLink, {
        where: { id: linkId, buyerId },
        relations: { supplier: true },
        lock: { mode: 'pessimistic_write', tables: ['supply_links'] },
      });
      if (!link?.supplier) throw problem.notFound();
      const before = toLinkDto(link, link.supplier);
      const changes: Partial<SupplyLink> = {};
      if (dto.contactEmail !== undefined) changes.contactEmail = dto.contactEmail.toLowerCase();
      if (dto.tags !== undefined) changes.tags = dto.tags;
      if (dto.criticality !== undefined) changes.criticality = dto.criticality;
      if (dto.status !== undefined) changes.status = dto.status;
      if (dto.discloseUpstream !== undefined) changes.discloseUpstream = dto.discloseUpstream;
      await m.update(SupplyLink, { id: link.id, buyerId }, changes);
      const after = toLinkDto({ ...link, ...changes } as SupplyLink, link.supplier);
      await audit(m, {
        organizationId: buyerId,
        actorUserId,
        action: 'supply_link.update',
        entityType: 'supply_link',
        entityId: link.id,
        before,
        after,
      });
      return after;
    });
  }

  /**
   * Adds one supplier to the buyer's network. With a 法人番号, the link points to a new organization holding it
   * when the number is unknown, else to a record of the buyer's own (see supplier-requests.ts): either way the
   * buyer gets back exactly what it typed, and a request waits for that number's organization. A number the
   * buyer already has in its network is refused (the buyer knows it already).
   */
  private async insertLink(
    m: EntityManager,
    buyerId: string,
    actorUserId: string,
    input: Pick<AddSupplierDto, 'name' | 'corporateNumber' | 'contactEmail' | 'discloseUpstream'> &
      Pick<SupplyLink, 'tags' | 'criticality'>,
    row?: number,
  ): Promise<{ link: SupplyLink; supplier: Organization }> {
    const corporateNumber = input.corporateNumber ?? null;
    if (corporateNumber) {
      const [self] = await m.query('SELECT 1 FROM organizations WHERE id = $1 AND corporate_number = $2', [
        buyerId,
        corporateNumber,
      ]);
      if (self) {
        throw new ProblemException(
          422,
          'SUPPLIER_IS_SELF',
          { ja: '自社を取引先には登録できません。', en: 'An organization cannot be its own supplier.' },
          [
            {
              field: 'corporateNumber',
              row,
              message: { ja: '自社の法人番号です。', en: 'this is your own 法人番号' },
            },
          ],
        );
      }
      // The buyer's own links only (a link made before links kept the number counts by its supplier's).
      const [dup] = await m.query(
        `SELECT 1 FROM supply_links l JOIN organizations s ON s.id = l.supplier_id
          WHERE l.buyer_id = $1 AND (l.corporate_number = $2 OR s.corporate_number = $2)
          LIMIT 1`,
        [buyerId, corporateNumber],
      );
      if (dup) throw alreadyLinked(row);
    }
    const supplier = await this.createSupplierRecord(m, input.name, corporateNumber);
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(SupplyLink)
      .values({
        buyerId,
        supplierId: supplier.id,
        corporateNumber,
        requestStatus: initialRequestStatus(corporateNumber),
        contactEmail: input.contactEmail?.toLowerCase() ?? null,
        tags: input.tags,
        criticality: input.criticality,
        discloseUpstream: input.discloseUpstream ?? false,
      })
      .orIgnore()
      .returning('*')
      .execute();
    const raw = (inserted.raw as Record<string, unknown>[])[0];
    if (!raw) throw alreadyLinked(row);
    const link = m.create(SupplyLink, {
      id: raw['id'] as string,
      buyerId,
      supplierId: supplier.id,
      corporateNumber,
      requestStatus: raw['request_status'] as SupplyLink['requestStatus'],
      contactEmail: (raw['contact_email'] as string | null) ?? null,
      tags: raw['tags'] as string[],
      criticality: raw['criticality'] as SupplyLink['criticality'],
      status: raw['status'] as SupplyLink['status'],
      discloseUpstream: raw['disclose_upstream'] as boolean,
    });
    await audit(m, {
      organizationId: buyerId,
      actorUserId,
      action: 'supply_link.create',
      entityType: 'supply_link',
      entityId: link.id,
      after: toLinkDto(link, supplier),
    });
    return { link, supplier };
  }

  /**
   * The organization row the buyer's link points to, named as the buyer typed it: a new organization holding
   * the number when no organization holds it yet, else (and without a number) a record of the buyer's own.
   * The same statements run in both cases; nothing of an existing organization is read.
   */
  private async createSupplierRecord(
    m: EntityManager,
    name: string,
    corporateNumber: string | null,
  ): Promise<Organization> {
    const insert = (number: string | null) =>
      m.query<Record<string, unknown>[]>(
        `INSERT INTO organizations (name, corporate_number) VALUES ($1, $2)
         ON CONFLICT (corporate_number) WHERE corporate_number IS NOT NULL DO NOTHING
         RETURNING id, name, corporate_number, size_band, industry, region`,
        [name.trim(), number],
      );
    let [row] = await insert(corporateNumber);
    if (placeSupplier(!row) === 'buyer-record') [row] = await insert(null);
    return m.create(Organization, {
      id: row!['id'] as string,
      name: row!['name'] as string,
      corporateNumber: (row!['corporate_number'] as string | null) ?? null,
      sizeBand: (row!['size_band'] as Organization['sizeBand']) ?? null,
      industry: row!['industry'] as string,
      region: row!['region'] as string,
    });
  }
}

interface RawNetworkRow {
  link_id: string;
  tier: number;
  via_id: string | null;
  via_name: string | null;
  supplier_id: string;
  supplier_name: string;
  corporate_number: string | null;
  sort_name: string;
  criticality: NetworkItemDto['criticality'];
  tags: string[];
  contact_email: string | null;
  status: NetworkItemDto['status'];
}

function toNetworkItem(r: RawNetworkRow): NetworkItemDto {
  return {
    linkId: r.link_id,
    tier: r.tier,
    supplier: { id: r.supplier_id, name: r.supplier_name, corporateNumber: r.corporate_number },
    via: r.via_id && r.via_name ? { id: r.via_id, name: r.via_name } : null,
    criticality: r.criticality,
    tags: r.tags,
    contactEmail: r.contact_email,
    status: r.status,
  };
}
