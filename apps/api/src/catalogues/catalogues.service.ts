import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type Catalogue,
  diffCatalogues,
  getCatalogue,
  type ImportMessage,
  type ImportResult,
  importMetiCriteriaCsv,
  importMetiCriteriaXlsx,
  importOscalCatalog,
  invertLink,
  listCatalogues,
  listCrosswalks,
} from '@tierstar/guidelines';
import { DataSource } from 'typeorm';
import { audit } from '../audit/audit';
import { ProblemException, problem } from '../common/problem';
import { assertOrgRole } from '../auth/org-access';
import type { MemberRole } from '../organizations/membership.entity';
import { catalogueTree, countsOf } from './catalogue-tree';
import type {
  CatalogueListDto,
  CatalogueListItemDto,
  CatalogueTreeDto,
  CrosswalkLinkDto,
  CrosswalkResultDto,
  ImportCatalogueDto,
  ImportCatalogueResultDto,
  ImportedCatalogueListDto,
  ImportedCatalogueSummaryDto,
} from './dto/catalogue.dto';
import { type ImportFormat, ImportedCatalogue } from './imported-catalogue.entity';

/** Roles that may read an organization's imported catalogues (same as GET /orgs/:orgId/catalogues). */
export const CATALOGUE_READ_ROLES: MemberRole[] = ['admin', 'procurement', 'evaluator'];
export const LATEST = 'latest';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** .xlsx by the ZIP magic bytes, JSON by its first non-space character `{`, else CSV. */
export function sniffFormat(bytes: Uint8Array): ImportFormat {
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return 'meti-xlsx';
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3; // UTF-8 BOM
  while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[i]!)) i++;
  return bytes[i] === 0x7b ? 'oscal-json' : 'meti-csv';
}

const ROW_WHERE = /^row (\d+)(?:, column ([A-Z]+) \((.+)\))?$/;

/** Importer locations (`row 12, column K (評価基準No.)`, `catalog.controls[3]`, `file`) as problem errors. */
export function importErrors(errors: ImportMessage[]): NonNullable<ProblemException['errors']> {
  return errors.map((e) => {
    const m = ROW_WHERE.exec(e.where);
    if (!m) return { field: e.where, message: e.message };
    return {
      row: Number(m[1]),
      ...(m[2] ? { column: m[2] } : {}),
      ...(m[3] ? { field: m[3] } : {}),
      message: e.message,
    };
  });
}

const catalogueNotFound = () =>
  problem.notFound({
    ja: '指定のガイドライン (版) は見つかりません。',
    en: 'No such guideline catalogue or version.',
  });

@Injectable()
export class CataloguesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Built-in catalogues; with `orgId`, also that organization's imported versions (members only). */
  async list(userId: string, orgId?: string): Promise<CatalogueListDto> {
    const items: CatalogueListItemDto[] = listCatalogues().map((s) => ({
      id: s.id,
      version: s.version,
      title: s.title,
      scoring: s.scoring,
      provisional: s.provisional === true,
      origin: 'built-in',
    }));
    if (orgId !== undefined) {
      await assertOrgRole(this.db, userId, orgId, CATALOGUE_READ_ROLES);
      for (const i of (await this.listImported(orgId)).items) {
        items.push({
          id: i.catalogueId,
          version: i.version,
          title: i.title,
          scoring: i.scoring,
          provisional: false,
          origin: 'imported',
          importId: i.id,
        });
      }
    }
    return { items };
  }

  tree(id: string, version: string): CatalogueTreeDto {
    return catalogueTree(this.builtIn(id, version));
  }

  /** Crosswalk links touching one criterion, in both stored directions, oriented from the criterion. */
  crosswalk(id: string, version: string, criterionId: string): CrosswalkResultDto {
    const catalogue = this.builtIn(id, version);
    if (!catalogue.criteria.some((c) => c.id === criterionId)) {
      throw problem.notFound({
        ja: 'このガイドラインに該当する評価項目はありません。',
        en: 'No such criterion in this catalogue.',
      });
    }
    const links: CrosswalkLinkDto[] = [];
    const same = (ref: { id: string; version: string }) =>
      ref.id === catalogue.id && ref.version === catalogue.version;
    for (const x of listCrosswalks()) {
      for (const link of x.links) {
        if (same(x.fromCatalogue) && link.from.itemId === criterionId) {
          links.push({ ...link, from: { ...link.from }, to: { ...link.to }, direction: 'outgoing' });
        } else if (same(x.toCatalogue) && link.to.itemId === criterionId) {
          const turned = invertLink(link);
          links.push({ ...turned, from: { ...turned.from }, to: { ...turned.to }, direction: 'incoming' });
        }
      }
    }
    return { catalogueId: catalogue.id, version: catalogue.version, criterionId, links };
  }

  /**
   * Runs the importer for the file; stores the catalogue only when the whole file is valid and the (catalogue
   * id, version) is new for the organization. The diff is against the most recent earlier import of the
   * same catalogue id.
   */
  async importFile(
    orgId: string,
    actorUserId: string,
    file: { buffer: Buffer; originalname?: string },
    dto: ImportCatalogueDto,
  ): Promise<ImportCatalogueResultDto> {
    const format = dto.format ?? sniffFormat(file.buffer);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const options = {
      ...(dto.catalogueId ? { id: dto.catalogueId } : {}),
      ...(dto.version ? { version: dto.version } : {}),
      ...(file.originalname ? { fileName: file.originalname } : {}),
      source: { sha256 },
    };
    let result: ImportResult;
    if (format === 'meti-xlsx') result = await importMetiCriteriaXlsx(file.buffer, options);
    else if (format === 'oscal-json') result = importOscalCatalog(file.buffer, options);
    else result = importMetiCriteriaCsv(file.buffer, options);
    if (!result.ok) {
      throw new ProblemException(
        422,
        'CATALOGUE_IMPORT_INVALID',
        {
          ja: 'ファイルに誤りがあるため、取り込みませんでした。',
          en: 'The file has errors; nothing was imported.',
        },
        importErrors(result.errors),
      );
    }
    const catalogue = result.catalogue;

    return this.db.transaction(async (m) => {
      const previous = await m.findOne(ImportedCatalogue, {
        where: { organizationId: orgId, catalogueId: catalogue.id },
        order: { createdAt: 'DESC' },
      });
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(ImportedCatalogue)
        .values({
          organizationId: orgId,
          catalogueId: catalogue.id,
          version: catalogue.version,
          sha256,
          sourceFormat: format,
          catalogue,
          createdBy: actorUserId,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      if (!id) {
        throw new ProblemException(
          409,
          'CATALOGUE_VERSION_EXISTS',
          {
            ja: `${catalogue.id} の版 ${catalogue.version} はすでに取り込まれています。`,
            en: `Version ${catalogue.version} of ${catalogue.id} has already been imported.`,
          },
          [
            {
              field: 'version',
              message: {
                ja: '別の版 (version) を指定してください。',
                en: 'give a different version',
              },
            },
          ],
        );
      }
      const counts = countsOf(catalogue);
      const out: ImportCatalogueResultDto = {
        id,
        catalogueId: catalogue.id,
        version: catalogue.version,
        sourceFormat: format,
        sha256,
        counts,
        warnings: result.warnings.map((w) => ({ where: w.where, message: w.message })),
      };
      if (previous) {
        out.diff = {
          againstImportId: previous.id,
          againstVersion: previous.version,
          ...diffCatalogues(previous.catalogue, catalogue),
        };
      }
      await audit(m, {
        organizationId: orgId,
        actorUserId,
        action: 'catalogue.import',
        entityType: 'imported_catalogue',
        entityId: id,
        after: {
          catalogueId: catalogue.id,
          version: catalogue.version,
          sha256,
          sourceFormat: format,
          counts,
        },
      });
      return out;
    });
  }

  async listImported(orgId: string): Promise<ImportedCatalogueListDto> {
    const rows = await this.db
      .getRepository(ImportedCatalogue)
      .createQueryBuilder('i')
      .select([
        'i.id AS id',
        'i.catalogue_id AS catalogue_id',
        'i.version AS version',
        'i.sha256 AS sha256',
        'i.source_format AS source_format',
        'i.created_by AS created_by',
        'i.created_at AS created_at',
        "i.catalogue->'title' AS title",
        "i.catalogue->>'scoring' AS scoring",
        "jsonb_array_length(i.catalogue->'groups') AS groups",
        "jsonb_array_length(i.catalogue->'requirements') AS requirements",
        "jsonb_array_length(i.catalogue->'criteria') AS criteria",
      ])
      .where('i.organization_id = :orgId', { orgId })
      .orderBy('i.catalogue_id')
      .addOrderBy('i.created_at')
      .getRawMany<RawImportedRow>();
    return { items: rows.map(toSummary) };
  }

  async getImported(orgId: string, importId: string): Promise<CatalogueTreeDto> {
    const row = await this.db
      .getRepository(ImportedCatalogue)
      .findOne({ where: { id: importId, organizationId: orgId } });
    if (!row) throw problem.notFound();
    return { ...catalogueTree(row.catalogue), importId: row.id };
  }

  private builtIn(id: string, version: string): Catalogue {
    const catalogue = getCatalogue(id, version === LATEST ? undefined : version);
    if (!catalogue) throw catalogueNotFound();
    return catalogue;
  }
}

interface RawImportedRow {
  id: string;
  catalogue_id: string;
  version: string;
  sha256: string;
  source_format: ImportFormat;
  created_by: string | null;
  created_at: Date;
  title: { ja: string; en: string };
  scoring: ImportedCatalogueSummaryDto['scoring'];
  groups: number;
  requirements: number;
  criteria: number;
}

function toSummary(r: RawImportedRow): ImportedCatalogueSummaryDto {
  return {
    id: r.id,
    catalogueId: r.catalogue_id,
    version: r.version,
    title: r.title,
    scoring: r.scoring,
    sourceFormat: r.source_format,
    sha256: r.sha256,
    counts: { groups: Number(r.groups), requirements: Number(r.requirements), criteria: Number(r.criteria) },
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
