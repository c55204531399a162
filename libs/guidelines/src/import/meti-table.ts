/**
 * Importer for the METI/IPA SCS criteria table (IPA's Excel `20260327001-c.xlsx` layout, or the same table saved
 * as CSV): one row per evaluation criterion, with its category, sub-category and requirement repeated.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { metiJamaLinks, parseMetiReferenceColumn } from '../crosswalk';
import type {
  Catalogue,
  CatalogueGroup,
  CatalogueRequirement,
  Criterion,
  Crosswalk,
  CrosswalkLink,
  CsfFunction,
  LevelDef,
} from '../model';
import {
  type CatalogueMetaOptions,
  columnLetter,
  decodeText,
  finishImport,
  type ImportInput,
  type ImportMessage,
  type ImportResult,
  isEmptyInput,
  msg,
  normalizeCell,
  toBytes,
} from './types';
import { checkXlsxLimits, type XlsxLimits } from './xlsx-limits';

export interface MetiTableImportOptions extends CatalogueMetaOptions {
  /** Limits for an .xlsx file (default DEFAULT_XLSX_LIMITS). */
  limits?: XlsxLimits;
  /** Allowed criterion levels; default ★3 and ★4. */
  levels?: LevelDef[];
  /** Id of the JAMA/JAPIA catalogue the reference column points to; default `jama-japia`. */
  jamaCatalogueId?: string;
}

/** Column keys and the header text that names them (compared after NFKC and without spaces). */
const COLUMNS = {
  categoryId: '大分類No.',
  categoryTitle: '大分類',
  subcategoryId: '中分類No.',
  subcategoryTitle: '中分類',
  requirementId: '要求事項No.',
  requirementTitle: '要求事項名',
  requirementText: '要求事項',
  level: '★3/★4',
  criterionId: '評価基準No.',
  criterionText: '評価基準',
} as const;
type ColumnKey = keyof typeof COLUMNS;
const CSF_HEADER = 'NISTCSF';
/** Longest cell read; the official table's longest text is well under 2 000 characters. */
export const MAX_CELL_CHARS = 20_000;

const DEFAULT_LEVELS: LevelDef[] = [
  { rank: 3, label: { ja: '★3', en: '★3' } },
  { rank: 4, label: { ja: '★4', en: '★4' } },
];

const CSF_BY_NAME: Record<string, CsfFunction> = {
  統治: 'GV',
  識別: 'ID',
  防御: 'PR',
  検知: 'DE',
  対応: 'RS',
  復旧: 'RC',
};

const headerKey = (s: string): string => normalizeCell(s).replace(/\s+/g, '');

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim().length > 0) ?? text;
  return line.replace(/^[・\s]+/, '').trim();
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isSpace = (c: string | undefined): boolean => c !== undefined && c.trim() === '';

/**
 * The version number printed before the first 版 that has one (`… ガイドライン 2.2 版` → `2.2`), or ''. A linear
 * scan backwards from each 版, instead of a pattern that would move quadratically over a long run of digits.
 */
export function versionBeforeHan(text: string): string {
  for (let at = text.indexOf('版'); at >= 0; at = text.indexOf('版', at + 1)) {
    let end = at;
    while (end > 0 && isSpace(text[end - 1])) end--;
    let start = end;
    while (start > 0) {
      const c = text[start - 1];
      if (isDigit(c)) start--;
      else if (c === '.' && start < end && isDigit(text[start]) && isDigit(text[start - 2])) start--;
      else break;
    }
    if (start < end) return text.slice(start, end);
  }
  return '';
}

interface Located {
  value: string;
  where: string;
}

/**
 * Imports the table from rows of cell text (row 0 = first spreadsheet row). Shared by the CSV and xlsx entry
 * points.
 */
export function importMetiCriteriaRows(
  rows: readonly (readonly string[])[],
  options: MetiTableImportOptions = {},
): ImportResult {
  const errors: ImportMessage[] = [];
  const isBlank = (row: readonly string[] | undefined): boolean => !row || row.every((c) => !c || !c.trim());
  if (rows.every(isBlank)) {
    return { ok: false, errors: [{ where: 'file', message: msg('the file is empty', 'ファイルが空です') }] };
  }
  // Length first: every cell is measured before any pattern or normalisation looks at it.
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if ((cell ?? '').length > MAX_CELL_CHARS) {
        errors.push({
          where: `row ${r + 1}, column ${columnLetter(c)} (cell)`,
          message: msg(`longer than ${MAX_CELL_CHARS} characters`, `${MAX_CELL_CHARS} 文字を超えています`),
        });
      }
    }),
  );
  if (errors.length) return { ok: false, errors: errors.slice(0, 100) };

  // Header: the first row (of the first ten) that names the criterion id column; else the first non-empty row.
  const scan = rows.slice(0, 10);
  let headerIndex = scan.findIndex((r) =>
    r.some((c) => headerKey(c ?? '') === headerKey(COLUMNS.criterionId)),
  );
  if (headerIndex < 0) headerIndex = rows.findIndex((r) => !isBlank(r));
  const header = (rows[headerIndex] ?? []).map((c) => headerKey(c ?? ''));
  const col = {} as Record<ColumnKey, number>;
  for (const key of Object.keys(COLUMNS) as ColumnKey[]) {
    const idx = header.indexOf(headerKey(COLUMNS[key]));
    if (idx < 0) {
      errors.push({
        where: `row ${headerIndex + 1}`,
        message: msg(`missing column "${COLUMNS[key]}"`, `列「${COLUMNS[key]}」がありません`),
      });
    }
    col[key] = idx;
  }
  if (errors.length) return { ok: false, errors };
  const csfCol = header.findIndex((h) => h.startsWith(CSF_HEADER));

  // The JAMA/JAPIA reference column is named in the header row or in the row below it (the official layout).
  let jamaCol = -1;
  let jamaVersion = '';
  for (const r of [headerIndex, headerIndex + 1]) {
    const row = rows[r] ?? [];
    const idx = row.findIndex((c) => /自工会|部工会/.test(c ?? ''));
    if (idx >= 0) {
      jamaCol = idx;
      jamaVersion = versionBeforeHan(normalizeCell(row[idx] ?? ''));
      break;
    }
  }

  const allowedLevels = options.levels ?? DEFAULT_LEVELS;
  const allowedRanks = new Set(allowedLevels.map((l) => l.rank));
  const groups = new Map<string, CatalogueGroup & { row: number }>();
  const subgroups = new Map<string, { title: string; groupId: string; row: number }>();
  const requirements = new Map<string, CatalogueRequirement & { row: number }>();
  const criteria: Criterion[] = [];
  const criterionRow = new Map<string, number>();
  const links: CrosswalkLink[] = [];
  const catalogueId = options.id ?? 'meti-scs';

  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const rowNo = i + 1;
    if (isBlank(row)) continue;
    const cellAt = (idx: number): string => (idx >= 0 ? (row[idx] ?? '').trim() : '');
    const keyCellsBlank = (['categoryId', 'requirementId', 'criterionId'] as const).every(
      (k) => !cellAt(col[k]),
    );
    // The official file's second row names the reference columns only.
    if (keyCellsBlank && i === headerIndex + 1) continue;

    const get = (key: ColumnKey): Located => ({
      value: cellAt(col[key]),
      where: `row ${rowNo}, column ${columnLetter(col[key])} (${COLUMNS[key]})`,
    });
    const rowErrors: ImportMessage[] = [];
    const required = (key: ColumnKey): string => {
      const c = get(key);
      if (!c.value) rowErrors.push({ where: c.where, message: msg('empty', '値が空です') });
      return c.value;
    };
    const idCell = (key: ColumnKey, pattern: RegExp, parent: string | undefined): string => {
      const c = get(key);
      const id = normalizeCell(c.value);
      if (!c.value) return '';
      if (!pattern.test(id)) {
        rowErrors.push({
          where: c.where,
          message: msg(`"${c.value}" is not a valid id`, `「${c.value}」は番号として不正です`),
        });
      } else if (parent && !id.startsWith(`${parent}-`)) {
        rowErrors.push({
          where: c.where,
          message: msg(
            `"${id}" does not belong to "${parent}"`,
            `「${id}」は「${parent}」の下の番号ではありません`,
          ),
        });
      }
      return id;
    };

    required('categoryId');
    required('subcategoryId');
    required('requirementId');
    required('criterionId');
    const groupTitle = required('categoryTitle');
    const subTitle = required('subcategoryTitle');
    const reqTitle = required('requirementTitle');
    const reqText = required('requirementText');
    const critText = required('criterionText');
    const levelRaw = required('level');
    const groupId = idCell('categoryId', /^\d+$/, undefined);
    const subId = idCell('subcategoryId', /^\d+-\d+$/, groupId);
    const reqId = idCell('requirementId', /^\d+-\d+-\d+$/, subId);
    const critId = idCell('criterionId', /^\d+-\d+-\d+-\d+$/, reqId);

    let level = 0;
    if (levelRaw) {
      const m = /^[★☆]?\s*(\d+)$/.exec(normalizeCell(levelRaw));
      level = m ? Number.parseInt(m[1] ?? '', 10) : Number.NaN;
      if (!allowedRanks.has(level)) {
        rowErrors.push({
          where: get('level').where,
          message: msg(`unknown level value "${levelRaw}"`, `レベル「${levelRaw}」は不明な値です`),
        });
      }
    }

    let csf: CsfFunction | undefined;
    const csfRaw = normalizeCell(cellAt(csfCol));
    if (csfRaw) {
      const code = /\b(GV|ID|PR|DE|RS|RC)\b/.exec(csfRaw)?.[1] as CsfFunction | undefined;
      const byName = Object.entries(CSF_BY_NAME).find(([name]) => csfRaw.startsWith(name))?.[1];
      csf = code ?? byName;
      if (!csf) {
        rowErrors.push({
          where: `row ${rowNo}, column ${columnLetter(csfCol)} (NIST CSF)`,
          message: msg(`unknown NIST CSF function "${csfRaw}"`, `NIST CSF の機能「${csfRaw}」は不明な値です`),
        });
      }
    }

    if (critId) {
      const first = criterionRow.get(critId);
      if (first !== undefined) {
        rowErrors.push({
          where: get('criterionId').where,
          message: msg(
            `duplicate id "${critId}" (first in row ${first})`,
            `番号「${critId}」が重複しています(最初は${first}行目)`,
          ),
        });
      }
    }

    const consistent = (
      what: string,
      key: ColumnKey,
      value: string,
      firstValue: string,
      firstRow: number,
    ): void => {
      if (value !== firstValue) {
        rowErrors.push({
          where: get(key).where,
          message: msg(
            `${what} differs from row ${firstRow} for the same id`,
            `同じ番号の${what === 'category' ? '大分類' : what === 'sub-category' ? '中分類' : '要求事項'}が${firstRow}行目と異なります`,
          ),
        });
      }
    };
    if (groupId && groupTitle) {
      const g = groups.get(groupId);
      if (g) consistent('category', 'categoryTitle', groupTitle, g.title.ja, g.row);
    }
    if (subId && subTitle) {
      const s = subgroups.get(subId);
      if (s) consistent('sub-category', 'subcategoryTitle', subTitle, s.title, s.row);
    }
    if (reqId && reqTitle && reqText) {
      const r = requirements.get(reqId);
      if (r) {
        consistent('requirement', 'requirementTitle', reqTitle, r.title.ja, r.row);
        consistent('requirement', 'requirementText', reqText, r.officialText ?? '', r.row);
      }
    }

    let citations: ReturnType<typeof parseMetiReferenceColumn> = { ok: true, citations: [] };
    if (jamaCol >= 0) {
      citations = parseMetiReferenceColumn(cellAt(jamaCol));
      if (!citations.ok) {
        rowErrors.push({
          where: `row ${rowNo}, column ${columnLetter(jamaCol)} (自工会/部工会)`,
          message: msg(citations.message, `参照文献の記載を読み取れません: ${citations.message}`),
        });
      }
    }

    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    if (!groups.has(groupId))
      groups.set(groupId, { id: groupId, title: { ja: groupTitle, en: groupTitle }, row: rowNo });
    if (!subgroups.has(subId)) subgroups.set(subId, { title: subTitle, groupId, row: rowNo });
    const req = requirements.get(reqId);
    if (!req) {
      requirements.set(reqId, {
        id: reqId,
        groupId,
        subgroupId: subId,
        level,
        title: { ja: reqTitle, en: reqTitle },
        explanation: { ja: reqText, en: reqText },
        officialText: reqText,
        row: rowNo,
      });
    } else if (level < req.level) {
      req.level = level;
    }
    criterionRow.set(critId, rowNo);
    const title = firstLine(critText);
    criteria.push({
      id: critId,
      groupId,
      requirementId: reqId,
      level,
      ...(csf ? { csf } : {}),
      title: { ja: title, en: title },
      explanation: { ja: critText, en: critText },
      officialText: critText,
    });
    if (citations.ok)
      links.push(...metiJamaLinks(catalogueId, critId, citations.citations, options.jamaCatalogueId));
  }
  if (errors.length) return { ok: false, errors };
  if (!criteria.length) {
    return {
      ok: false,
      errors: [{ where: 'file', message: msg('no criteria rows found', '評価基準の行がありません') }],
    };
  }

  const version = options.version ?? 'imported';
  const catalogue: Catalogue = {
    id: catalogueId,
    version,
    title: options.title ?? {
      ja: 'サプライチェーン強化に向けたセキュリティ対策評価制度 要求事項・評価基準(取込み)',
      en: 'METI SCS evaluation scheme requirements and criteria (imported)',
    },
    publisher: options.publisher ?? 'METI / IPA',
    publishedOn: options.publishedOn ?? '',
    scoring: 'levels',
    wording: 'official',
    source: {
      description:
        options.source?.description ??
        `Imported from the official criteria table${options.fileName ? ` "${options.fileName}"` : ''}.`,
      ...(options.source?.url ? { url: options.source.url } : {}),
      ...(options.source?.sha256 ? { sha256: options.source.sha256 } : {}),
    },
    levels: allowedLevels,
    groups: [...groups.values()].map(({ id, title }) => ({
      id,
      title,
      subgroups: [...subgroups.entries()]
        .filter(([, s]) => s.groupId === id)
        .map(([sid, s]) => ({ id: sid, title: { ja: s.title, en: s.title } })),
    })),
    requirements: [...requirements.values()].map(({ row: _row, ...r }) => r),
    criteria,
    decisions: [],
  };
  const crosswalks: Crosswalk[] = [];
  if (jamaCol >= 0 && links.length) {
    const jamaId = options.jamaCatalogueId ?? 'jama-japia';
    const jamaVer = jamaVersion || 'unknown';
    crosswalks.push({
      id: `${catalogueId}-${version}__${jamaId}-${jamaVer}`,
      fromCatalogue: { id: catalogueId, version },
      toCatalogue: { id: jamaId, version: jamaVer },
      description: {
        ja: `評価基準の参照文献欄(自工会/部工会・サイバーセキュリティガイドライン ${jamaVer} 版)に記載された対応です。`,
        en: `References printed in the criteria file's JAMA/JAPIA guideline ${jamaVer} column.`,
      },
      links,
    });
  }
  return finishImport(catalogue, crosswalks, []);
}

/** Imports the criteria table saved as CSV (UTF-8 with or without BOM, or Shift_JIS). */
export function importMetiCriteriaCsv(
  input: ImportInput,
  options: MetiTableImportOptions = {},
): ImportResult {
  if (isEmptyInput(input)) {
    return { ok: false, errors: [{ where: 'file', message: msg('the file is empty', 'ファイルが空です') }] };
  }
  let rows: string[][];
  try {
    rows = parseCsv(decodeText(input), { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      errors: [
        { where: 'file', message: msg(`not a readable CSV: ${text}`, `CSV として読み取れません: ${text}`) },
      ],
    };
  }
  return importMetiCriteriaRows(rows, options);
}

/**
 * Reads every cell of the first worksheet as text. Only call it on a workbook that passed `checkXlsxLimits`:
 * exceljs materialises whatever the file asks for.
 */
async function readFirstWorksheet(input: Uint8Array | ArrayBuffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  // A private copy as a plain ArrayBuffer: exceljs (JSZip) reads ArrayBuffers in Node and in browsers.
  await workbook.xlsx.load(toBytes(input).slice().buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    // Each row only as wide as its own cells: missing cells read as empty.
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text ?? '');
    rows.push(cells);
  }
  return rows;
}

/** Imports the criteria table from an .xlsx workbook (the table on the first worksheet). */
export async function importMetiCriteriaXlsx(
  input: Uint8Array | ArrayBuffer,
  options: MetiTableImportOptions = {},
): Promise<ImportResult> {
  if (isEmptyInput(input)) {
    return { ok: false, errors: [{ where: 'file', message: msg('the file is empty', 'ファイルが空です') }] };
  }
  // Entries, inflated size, rows, columns and cells are checked before exceljs materialises anything.
  const limits = await checkXlsxLimits(input, options.limits);
  if (!limits.ok) return { ok: false, errors: [{ where: 'file', message: limits.message }] };
  let rows: string[][];
  try {
    rows = await readFirstWorksheet(input);
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      errors: [
        {
          where: 'file',
          message: msg(`not a readable .xlsx workbook: ${text}`, `.xlsx として読み取れません: ${text}`),
        },
      ],
    };
  }
  return importMetiCriteriaRows(rows, options);
}
