import { decodeCursor, encodeCursor } from '../common/cursor';
import { isUuid } from '../common/ids';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { audit } from '../audit/audit';
import { ProblemException, problem } from '../common/problem';
import { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import type {
  AddSupplierDto,
  NetworkItemDto,
  NetworkPageDto,
  NetworkQueryDto,
  SupplierLinkDto,
  UpdateSupplierLinkDto,
} from './dto/network.dto';
import type { SupplierCsvRow } from './supplier-csv';
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

function toLinkDto(link: SupplyLink, supplier: Organization): SupplierLinkDto {
  return {
    linkId: link.id,
    supplier: { id: supplier.id, name: supplier.name, corporateNumber: supplier.corporateNumber },
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
    private readonly orgs: OrganizationsService,
  ) {}

  /**
   * The network seen from `rootId`, one row per link: its own links are Tier 1; links that a Tier n supplier
   * declared and chose to disclose upstream are Tier n+1 (recursive CTE, cycle-safe, up to MAX_TIER).
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
      filters.push(`(lower(s.name) LIKE $${params.length} OR s.corporate_number LIKE $${params.length})`);
    }
    const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
    const base = `
      WITH RECURSIVE net AS (
        SELECT l.id AS link_id, l.supplier_id, 1 AS tier, NULL::uuid AS via_id, ARRAY[l.buyer_id, l.supplier_id] AS path
          FROM supply_links l
         WHERE l.buyer_id = $1
        UNION ALL
        SELECT l.id, l.supplier_id, n.tier + 1, l.buyer_id, n.path || l.supplier_id
          FROM net n
          JOIN supply_links l ON l.buyer_id = n.supplier_id
         WHERE n.tier < $2 AND l.disclose_upstream AND l.status = 'active' AND NOT (l.supplier_id = ANY (n.path))
      )
      SELECT n.link_id, n.tier, n.via_id, s.id AS supplier_id, s.name AS supplier_name,
             s.corporate_number, lower(s.name) AS sort_name, v.name AS via_name,
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
    return this.db.transaction(async (m) => {
      const { link, supplier } = await this.insertLink(m, buyerId, actorUserId, {
        ...dto,
        tags: dto.tags ?? [],
        criticality: dto.criticality ?? 'medium',
      });
      return toLinkDto(link, supplier);
    });
  }

  /** All rows or none: any conflict rolls the whole upload back and reports the row. */
  async importSuppliers(
    buyerId: string,
    actorUserId: string,
    rows: SupplierCsvRow[],
  ): Promise<{ created: number }> {
    return this.db.transaction(async (m) => {
      for (const row of rows) await this.insertLink(m, buyerId, actorUserId, row, row.row);
      return { created: rows.length };
    });
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

  private async insertLink(
    m: EntityManager,
    buyerId: string,
    actorUserId: string,
    input: Pick<AddSupplierDto, 'name' | 'corporateNumber' | 'contactEmail' | 'discloseUpstream'> &
      Pick<SupplyLink, 'tags' | 'criticality'>,
    row?: number,
  ): Promise<{ link: SupplyLink; supplier: Organization }> {
    const supplier = await this.orgs.findOrCreateOrganization(m, {
      name: input.name,
      corporateNumber: input.corporateNumber,
    });
    if (supplier.id === buyerId) {
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
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(SupplyLink)
      .values({
        buyerId,
        supplierId: supplier.id,
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
