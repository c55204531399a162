import type { Catalogue } from '@tierstar/guidelines';
import ExcelJS from 'exceljs';
import type { ApiLocale } from '../common/locale';
import { neutralizeFormula } from '../common/spreadsheet-text';
import type { HeatmapDto, InsightsSupplierRowDto } from './dto/insights.dto';

export interface ExportFile {
  data: Buffer;
  filename: string;
  contentType: string;
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cell = string | number | null;

interface Table {
  sheet: string;
  headers: string[];
  rows: Cell[][];
  /** Columns (0-based) holding a 0..1 share, shown as a percentage in Excel. */
  percent: number[];
}

const HEATMAP_HEADERS = {
  ja: ['階層', '分類ID', '分類', '取引先数', '目標達成数', '目標達成率', '平均達成度', '非表示の理由'],
  en: [
    'Tier',
    'Category ID',
    'Category',
    'Suppliers',
    'Meeting target',
    'Share meeting target',
    'Average achievement',
    'Hidden because',
  ],
};

/** Why a heat map cell is blank in an export: the same k-anonymity rule as on screen. */
const HIDDEN_REASON = {
  ja: (k: number) => `全回答を開示していない取引先が${k}社未満のため非表示`,
  en: (k: number) => `Fewer than ${k} suppliers that do not share their full answers`,
};

const SUPPLIER_HEADERS = {
  ja: ['取引先', '階層', '開示', '経由', 'レベル', '確認済みレベル', '目標レベル', '達成度'],
  en: ['Supplier', 'Tier', 'Consent', 'Via', 'Level', 'Confirmed level', 'Target level', 'Achievement'],
};
const REMEDIATION_HEADERS = {
  ja: ['未完了の改善', '期限超過の改善'],
  en: ['Open remediation', 'Overdue remediation'],
};

export function heatmapTable(h: HeatmapDto, locale: ApiLocale): Table {
  const title = new Map((h.catalogue?.groups ?? []).map((g) => [g.id, g.title[locale]]));
  return {
    sheet: locale === 'ja' ? 'ヒートマップ' : 'Heat map',
    headers: HEATMAP_HEADERS[locale],
    rows: h.tiers.flatMap((t) =>
      t.cells.map((c) => [
        t.tier,
        c.groupId,
        title.get(c.groupId) ?? c.groupId,
        c.suppliers,
        c.meetingTarget,
        c.shareMeetingTarget,
        c.averageAchievement,
        c.hidden ? HIDDEN_REASON[locale](h.minimumGroup) : null,
      ]),
    ),
    percent: [5, 6],
  };
}

export function suppliersTable(
  catalogue: Catalogue | null,
  items: InsightsSupplierRowDto[],
  locale: ApiLocale,
): Table {
  const groups = catalogue?.groups ?? [];
  return {
    sheet: locale === 'ja' ? '取引先' : 'Suppliers',
    headers: [
      ...SUPPLIER_HEADERS[locale],
      ...groups.map((g) => `${g.id} ${g.title[locale]}`),
      ...REMEDIATION_HEADERS[locale],
    ],
    rows: items.map((r) => [
      r.supplierName,
      r.tier,
      r.consent,
      r.viaSupplierName,
      r.level,
      r.confirmedLevel,
      r.targetLevel,
      r.achievement,
      ...groups.map((g) => r.categoryRates[g.id] ?? null),
      r.openRemediation,
      r.overdueRemediation,
    ]),
    percent: [7, ...groups.map((_, i) => 8 + i)],
  };
}

function csvField(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(Math.round(v * 1e6) / 1e6);
  const s = neutralizeFormula(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a byte order mark, so Excel opens Japanese text correctly; CRLF line ends (RFC 4180). */
export function toCsv(t: Table): Buffer {
  const lines = [t.headers, ...t.rows].map((r) => r.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx(t: Table): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TierStar';
  const ws = wb.addWorksheet(t.sheet);
  ws.addRow(t.headers.map(neutralizeFormula)).font = { bold: true };
  for (const r of t.rows) ws.addRow(r.map((v) => (typeof v === 'string' ? neutralizeFormula(v) : v)));
  for (const i of t.percent) ws.getColumn(i + 1).numFmt = '0.0%';
  ws.getRow(1).numFmt = '@';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns.forEach((c, i) => {
    c.width = Math.min(40, Math.max(10, (t.headers[i]?.length ?? 8) + 4));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
