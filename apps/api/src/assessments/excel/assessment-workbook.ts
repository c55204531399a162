/**
 * Excel round trip of a supplier's self-assessment: build an .xlsx laid out like the official criteria sheet
 * (one row per criterion in scope, official order) and parse it back into answers, validating every row.
 *
 * Pure functions: no database, no Nest. The workbook carries a very hidden `_tierstar` sheet naming the
 * assessment and catalogue, so a workbook for another assessment or catalogue is refused.
 */
import {
  type Catalogue,
  checkXlsxLimits,
  type Criterion,
  type Locale,
  type LocalizedText,
} from '@tierstar/guidelines';
import { ANSWER_VALUES, type AnswerValue } from '@tierstar/scoring';
import ExcelJS from 'exceljs';
import { neutralizeFormula, restoreFormulaText } from '../../common/spreadsheet-text';

/** Version of the workbook layout; bump when columns or the `_tierstar` sheet change incompatibly. */
export const ASSESSMENT_WORKBOOK_FORMAT = 'tierstar-assessment/1';
export const META_SHEET_NAME = '_tierstar';
/** Longest note or n/a reason accepted from a workbook. */
export const WORKBOOK_TEXT_MAX = 2000;

/** The answer labels shown in the drop-down (and everywhere else answers are shown as text). */
export const ANSWER_LABELS: Readonly<Record<AnswerValue, LocalizedText>> = Object.freeze({
  met: { ja: '実施している', en: 'Met' },
  partial: { ja: '一部実施', en: 'Partial' },
  not_met: { ja: '実施していない', en: 'Not met' },
  not_applicable: { ja: '該当しない', en: 'Not applicable' },
  unknown: { ja: 'わからない', en: 'Unknown' },
});

/** Drop-down order: from best to "don't know". */
export const ANSWER_LABEL_ORDER: readonly AnswerValue[] = [
  'met',
  'partial',
  'not_met',
  'not_applicable',
  'unknown',
];

export function answerLabel(value: AnswerValue, locale: Locale): string {
  return ANSWER_LABELS[value][locale];
}

/** Longest label, code or header text compared; longer cell text matches nothing and meets no pattern. */
const MAX_LABEL = 200;
/** Longest criterion id read from a cell. */
const MAX_CRITERION_ID = 64;

/** Lower-cased, NFKC-normalised, single-spaced: the form in which labels, codes and headers are compared. */
function comparable(text: string): string {
  if (text.length > MAX_LABEL) return text;
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A cell's text as quoted back in an error message: at most 80 characters. */
function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

const ANSWER_LOOKUP: ReadonlyMap<string, AnswerValue> = (() => {
  const m = new Map<string, AnswerValue>();
  for (const v of ANSWER_VALUES) {
    m.set(comparable(v), v);
    m.set(comparable(ANSWER_LABELS[v].ja), v);
    m.set(comparable(ANSWER_LABELS[v].en), v);
  }
  return m;
})();

/**
 * Reads an answer typed or chosen in a cell: a label in either language (case-insensitive, full-width
 * characters folded) or a code (`not_met`, also written `not met` / `not-met`). Undefined when not recognised.
 */
export function parseAnswerText(text: string): AnswerValue | undefined {
  if (text.length > MAX_LABEL) return undefined;
  const c = comparable(text);
  return ANSWER_LOOKUP.get(c) ?? ANSWER_LOOKUP.get(c.replace(/[\s-]+/g, '_'));
}

/** The columns of the assessment sheet, in order. */
const COLUMNS = [
  { key: 'category', header: { ja: '分類', en: 'Category' }, width: 24, editable: false },
  { key: 'requirement', header: { ja: '要求事項ID', en: 'Requirement ID' }, width: 12, editable: false },
  { key: 'criterion', header: { ja: '評価基準ID', en: 'Criterion ID' }, width: 12, editable: false },
  { key: 'level', header: { ja: 'レベル', en: 'Level' }, width: 9, editable: false },
  { key: 'item', header: { ja: '項目', en: 'Item' }, width: 36, editable: false },
  { key: 'explanation', header: { ja: '説明', en: 'Explanation' }, width: 60, editable: false },
  { key: 'answer', header: { ja: '回答', en: 'Answer' }, width: 16, editable: true },
  { key: 'note', header: { ja: 'メモ', en: 'Note' }, width: 40, editable: true },
  { key: 'naReason', header: { ja: '該当しない理由', en: 'N/A reason' }, width: 32, editable: true },
  {
    key: 'evidence',
    header: { ja: '証跡ファイル(参照のみ)', en: 'Evidence files (read-only)' },
    width: 28,
    editable: false,
  },
] as const satisfies readonly { key: string; header: LocalizedText; width: number; editable: boolean }[];

type ColumnKey = (typeof COLUMNS)[number]['key'];
const COL: Readonly<Record<ColumnKey, number>> = Object.fromEntries(
  COLUMNS.map((c, i) => [c.key, i + 1]),
) as Record<ColumnKey, number>;

/** Excel column letter of a 1-based column number. */
export function columnLetter(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The column letter of each column of the assessment sheet (A, B, ...). */
export const ASSESSMENT_COLUMNS: Readonly<Record<ColumnKey, string>> = Object.fromEntries(
  COLUMNS.map((c, i) => [c.key, columnLetter(i + 1)]),
) as Record<ColumnKey, string>;

const SHEET_NAMES = {
  answers: { ja: '自己評価', en: 'Self-assessment' },
  instructions: { ja: '記入方法', en: 'Instructions' },
} as const satisfies Record<string, LocalizedText>;

export interface WorkbookAnswer {
  value: AnswerValue | null;
  note: string;
  naReason: string;
  evidenceNames: string[];
}

export interface BuildAssessmentWorkbookInput {
  catalogue: Catalogue;
  locale: Locale;
  assessmentId: string;
  supplierName: string;
  campaignTitle: string;
  /** Highest level rank in scope; null for every criterion. */
  targetLevel: number | null;
  answers: ReadonlyMap<string, WorkbookAnswer>;
}

/** The criteria in scope for a target level, in official order. */
export function criteriaInScope(catalogue: Catalogue, targetLevel: number | null): Criterion[] {
  return catalogue.criteria.filter((c) => targetLevel === null || c.level <= targetLevel);
}

/** A short level label for the level column: "★3", "Lv1", else the catalogue's label. */
function levelLabel(catalogue: Catalogue, rank: number, locale: Locale): string {
  const def = catalogue.levels.find((l) => l.rank === rank);
  if (!def) return String(rank);
  const short = /★\s*\d+|Lv\s*\d+/i.exec(def.label[locale]) ?? /★\s*\d+|Lv\s*\d+/i.exec(def.label.en);
  return short ? short[0].replace(/\s+/g, '') : def.label[locale];
}

function groupLabel(catalogue: Catalogue, groupId: string, locale: Locale): string {
  const g = catalogue.groups.find((x) => x.id === groupId);
  return g ? `${g.id} ${g.title[locale]}` : groupId;
}

const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const EDITABLE_HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FF2E75B6' },
};
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

function instructionLines(input: BuildAssessmentWorkbookInput, scopeCount: number): string[] {
  const { catalogue, locale, targetLevel } = input;
  const labels = ANSWER_LABEL_ORDER.map((v) => ANSWER_LABELS[v][locale]);
  const target =
    targetLevel === null
      ? locale === 'ja'
        ? 'すべて'
        : 'all levels'
      : (catalogue.levels.find((l) => l.rank === targetLevel)?.label[locale] ?? String(targetLevel));
  const answers = SHEET_NAMES.answers[locale];
  const h = Object.fromEntries(COLUMNS.map((c) => [c.key, c.header[locale]])) as Record<ColumnKey, string>;
  if (locale === 'ja') {
    return [
      `取引先: ${input.supplierName}`,
      `依頼: ${input.campaignTitle}`,
      `ガイドライン: ${catalogue.title.ja}(${catalogue.version})`,
      `対象レベル: ${target}(${scopeCount} 項目)`,
      '',
      `1. 「${answers}」シートの「${h.answer}」列で、各項目の状況をドロップダウンから選んでください: ${labels.join(' / ')}。`,
      `2. 「${labels[3]}」を選んだ場合は「${h.naReason}」列に理由を必ず書いてください。`,
      `3. 補足があれば「${h.note}」列に書いてください(${WORKBOOK_TEXT_MAX} 文字まで)。`,
      '4. 灰色の列は変更しないでください。行の並べ替えはかまいませんが、行の追加・評価基準IDの変更はしないでください。',
      `5. 「${h.answer}」が空の行は取り込まれず、現在の回答は変わりません。`,
      `6. 証跡ファイルは TierStar の画面からアップロードしてください(「${h.evidence}」列は参照用です)。`,
      '7. 保存したファイルを TierStar の自己評価画面から取り込んでください。誤りがあれば行番号と列の一覧が表示されます。',
      '',
      'このファイルはこの自己評価専用です。別の取引先・別の依頼のファイルは取り込めません。',
    ];
  }
  return [
    `Supplier: ${input.supplierName}`,
    `Request: ${input.campaignTitle}`,
    `Guideline: ${catalogue.title.en} (${catalogue.version})`,
    `Target level: ${target} (${scopeCount} items)`,
    '',
    `1. On the "${answers}" sheet, pick each item's status from the drop-down in the "${h.answer}" column: ${labels.join(' / ')}.`,
    `2. When you choose "${labels[3]}", write the reason in the "${h.naReason}" column (required).`,
    `3. Add any remarks in the "${h.note}" column (up to ${WORKBOOK_TEXT_MAX} characters).`,
    '4. Do not change the grey columns. You may sort rows, but do not add rows or change criterion IDs.',
    `5. Rows with an empty "${h.answer}" are not imported and leave the current answer unchanged.`,
    `6. Upload evidence files in TierStar itself (the "${h.evidence}" column is for reference only).`,
    '7. Import the saved file on the self-assessment page in TierStar. Any problems are listed with row and column.',
    '',
    'This file belongs to this self-assessment only; a file for another supplier or request is refused.',
  ];
}

/** Builds the self-assessment workbook (.xlsx). */
export async function buildAssessmentWorkbook(input: BuildAssessmentWorkbookInput): Promise<Buffer> {
  const { catalogue, locale, answers } = input;
  const scope = criteriaInScope(catalogue, input.targetLevel);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'TierStar';
  workbook.title = `${input.campaignTitle} — ${input.supplierName}`;
  workbook.subject = catalogue.title[locale];

  const sheet = workbook.addWorksheet(SHEET_NAMES.answers[locale], {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: `${ASSESSMENT_COLUMNS.answer}2` }],
    pageSetup: {
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    },
  });
  sheet.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));

  const header = sheet.getRow(1);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header[locale];
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = c.editable ? EDITABLE_HEADER_FILL : HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = THIN;
  });
  header.height = 30;

  const dropDown = `"${ANSWER_LABEL_ORDER.map((v) => ANSWER_LABELS[v][locale]).join(',')}"`;
  scope.forEach((criterion, i) => {
    const a = answers.get(criterion.id);
    const row = sheet.getRow(i + 2);
    const values: Record<ColumnKey, string> = {
      category: groupLabel(catalogue, criterion.groupId, locale),
      requirement: criterion.requirementId ?? '',
      criterion: criterion.id,
      level: levelLabel(catalogue, criterion.level, locale),
      item: criterion.title[locale],
      explanation: criterion.explanation[locale],
      answer: a?.value ? ANSWER_LABELS[a.value][locale] : '',
      note: a?.note ?? '',
      naReason: a?.naReason ?? '',
      evidence: (a?.evidenceNames ?? []).join('\n'),
    };
    COLUMNS.forEach((c, ci) => {
      const cell = row.getCell(ci + 1);
      const v = values[c.key];
      // Ids are written as text so Excel never turns "1" into a number or "1-1" into a date; text that could
      // start a formula (supplier notes, file names, imported catalogue text) gets an apostrophe in front.
      cell.value = v === '' ? null : neutralizeFormula(v);
      cell.numFmt = '@';
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = THIN;
      cell.protection = { locked: !c.editable };
      if (!c.editable) {
        cell.fill = GREY;
        cell.font = { color: { argb: 'FF595959' } };
      }
    });
    row.getCell(COL.answer).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [dropDown],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: locale === 'ja' ? '回答' : 'Answer',
      error:
        locale === 'ja' ? 'ドロップダウンから選んでください。' : 'Choose a value from the drop-down list.',
    };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };

  const help = workbook.addWorksheet(SHEET_NAMES.instructions[locale]);
  help.getColumn(1).width = 120;
  instructionLines(input, scope.length).forEach((line, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = neutralizeFormula(line);
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i < 4) cell.font = { bold: true };
  });

  const meta = workbook.addWorksheet(META_SHEET_NAME, { state: 'veryHidden' });
  const metaRows: [string, string][] = [
    ['format', ASSESSMENT_WORKBOOK_FORMAT],
    ['assessmentId', input.assessmentId],
    ['catalogueId', catalogue.id],
    ['catalogueVersion', catalogue.version],
    ['locale', locale],
    ['targetLevel', input.targetLevel === null ? '' : String(input.targetLevel)],
    ['sheet', SHEET_NAMES.answers[locale]],
  ];
  metaRows.forEach(([k, v], i) => {
    meta.getCell(i + 1, 1).value = k;
    meta.getCell(i + 1, 2).value = v;
  });

  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

// ---------------------------------------------------------------------------------------------------------
// Parsing

export type AssessmentWorkbookErrorCode =
  | 'WORKBOOK_UNREADABLE'
  | 'WORKBOOK_LIMITS_EXCEEDED'
  | 'WORKBOOK_MISMATCH'
  | 'WORKBOOK_HEADER_INVALID'
  | 'UNKNOWN_CRITERION'
  | 'CRITERION_OUT_OF_SCOPE'
  | 'DUPLICATE_CRITERION'
  | 'INVALID_ANSWER'
  | 'NA_REASON_REQUIRED'
  | 'TEXT_TOO_LONG';

export interface AssessmentWorkbookError {
  row?: number;
  column?: string;
  code: AssessmentWorkbookErrorCode;
  message: LocalizedText;
}

export interface ParsedAssessmentRow {
  criterionId: string;
  value: AnswerValue;
  note: string;
  naReason: string;
  /** Excel row number (1-based, header is row 1). */
  row: number;
}

export type ParseAssessmentWorkbookResult =
  { ok: true; rows: ParsedAssessmentRow[] } | { ok: false; errors: AssessmentWorkbookError[] };

export interface ParseAssessmentWorkbookExpect {
  catalogue: Catalogue;
  assessmentId: string;
  /** Ids of the criteria in scope of this assessment. */
  scopeIds: ReadonlySet<string>;
}

/** Plain text of a cell value: rich text joined, formulas by their result, numbers and dates as text. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      return cellText((value as { result?: ExcelJS.CellValue }).result as ExcelJS.CellValue);
    }
    if ('hyperlink' in value && 'text' in value) return cellText(value.text as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return '';
}

/**
 * Trimmed (including full-width spaces), line breaks as \n. Length first: text longer than any column allows
 * (it fails the length checks anyway) is only trimmed, never run through a pattern.
 */
function normalised(value: ExcelJS.CellValue | undefined): string {
  const text = cellText(value);
  return text.length > WORKBOOK_TEXT_MAX * 2 ? text.trim() : text.replace(/\r\n?/g, '\n').trim();
}

function err(
  code: AssessmentWorkbookErrorCode,
  ja: string,
  en: string,
  row?: number,
  column?: string,
): AssessmentWorkbookError {
  return {
    ...(row !== undefined ? { row } : {}),
    ...(column !== undefined ? { column } : {}),
    code,
    message: { ja, en },
  };
}

function metaMap(sheet: ExcelJS.Worksheet): Map<string, string> {
  const m = new Map<string, string>();
  for (let r = 1; r <= sheet.rowCount; r++) {
    const k = normalised(sheet.getCell(r, 1).value);
    if (k) m.set(k, normalised(sheet.getCell(r, 2).value));
  }
  return m;
}

function checkMeta(
  workbook: ExcelJS.Workbook,
  expect: ParseAssessmentWorkbookExpect,
): AssessmentWorkbookError[] {
  const sheet = workbook.getWorksheet(META_SHEET_NAME);
  if (!sheet) {
    return [
      err(
        'WORKBOOK_MISMATCH',
        'TierStar から書き出したファイルではありません(_tierstar シートがありません)。この自己評価の画面から Excel をダウンロードして記入してください。',
        'This is not a workbook exported by TierStar (the _tierstar sheet is missing). Download the Excel file from this self-assessment and fill that in.',
      ),
    ];
  }
  const meta = metaMap(sheet);
  const errors: AssessmentWorkbookError[] = [];
  if (meta.get('format') !== ASSESSMENT_WORKBOOK_FORMAT) {
    errors.push(
      err(
        'WORKBOOK_MISMATCH',
        `ファイルの形式(${excerpt(meta.get('format') || '不明')})に対応していません。もう一度ダウンロードしてください。`,
        `Unsupported workbook format "${excerpt(meta.get('format') ?? '')}". Download the file again.`,
      ),
    );
  }
  if (meta.get('assessmentId') !== expect.assessmentId) {
    errors.push(
      err(
        'WORKBOOK_MISMATCH',
        '別の自己評価のファイルです。この自己評価の画面からダウンロードしたファイルを使ってください。',
        'This workbook belongs to another self-assessment. Use the file downloaded from this self-assessment.',
      ),
    );
  }
  const cid = meta.get('catalogueId');
  const cver = meta.get('catalogueVersion');
  if (cid !== expect.catalogue.id || cver !== expect.catalogue.version) {
    errors.push(
      err(
        'WORKBOOK_MISMATCH',
        `ガイドラインが違います(ファイル: ${excerpt(cid || '不明')} ${excerpt(cver || '')}、この自己評価: ${expect.catalogue.id} ${expect.catalogue.version})。`,
        `The workbook is for another guideline (file: ${excerpt(cid || 'unknown')} ${excerpt(cver ?? '')}; this assessment: ${expect.catalogue.id} ${expect.catalogue.version}).`,
      ),
    );
  }
  return errors;
}

function findAnswerSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  const meta = workbook.getWorksheet(META_SHEET_NAME);
  const named = meta ? metaMap(meta).get('sheet') : undefined;
  const byName = named ? workbook.getWorksheet(named) : undefined;
  if (byName) return byName;
  const known = new Set<string>([SHEET_NAMES.answers.ja, SHEET_NAMES.answers.en]);
  return (
    workbook.worksheets.find((s) => known.has(s.name)) ??
    workbook.worksheets.find((s) => s.name !== META_SHEET_NAME && s.state === 'visible')
  );
}

function checkHeader(sheet: ExcelJS.Worksheet | undefined): AssessmentWorkbookError[] {
  if (!sheet) {
    return [
      err(
        'WORKBOOK_HEADER_INVALID',
        '自己評価のシートが見つかりません。',
        'The self-assessment sheet is missing.',
        1,
      ),
    ];
  }
  const errors: AssessmentWorkbookError[] = [];
  const row = sheet.getRow(1);
  COLUMNS.forEach((c, i) => {
    const got = comparable(cellText(row.getCell(i + 1).value));
    if (got === comparable(c.header.ja) || got === comparable(c.header.en)) return;
    const letter = columnLetter(i + 1);
    const text = excerpt(cellText(row.getCell(i + 1).value).trim());
    const shown = got === '' ? '(空)' : `「${text}」`;
    const shownEn = got === '' ? '(empty)' : `"${text}"`;
    errors.push(
      err(
        'WORKBOOK_HEADER_INVALID',
        `${letter}列の見出しは「${c.header.ja}」のはずですが ${shown} です。列を追加・削除・移動しないでください。`,
        `Column ${letter} should be headed "${c.header.en}" but is ${shownEn}. Do not insert, delete or move columns.`,
        1,
        letter,
      ),
    );
  });
  return errors;
}

/**
 * Reads a self-assessment workbook back. Every row is checked and every problem reported (with Excel row
 * number and column letter); rows whose answer, note and reason are all empty are skipped.
 */
export async function parseAssessmentWorkbook(
  data: Buffer,
  expect: ParseAssessmentWorkbookExpect,
): Promise<ParseAssessmentWorkbookResult> {
  const unreadable: ParseAssessmentWorkbookResult = {
    ok: false,
    errors: [
      err(
        'WORKBOOK_UNREADABLE',
        'Excel ファイル(.xlsx)として読み取れません。',
        'The file cannot be read as an Excel workbook (.xlsx).',
      ),
    ],
  };
  if (!data || data.length === 0) return unreadable;
  // Entries, inflated size, rows, columns and cells are checked before exceljs materialises anything.
  const limits = await checkXlsxLimits(data);
  if (!limits.ok) {
    if (limits.reason === 'unreadable') return unreadable;
    return {
      ok: false,
      errors: [err('WORKBOOK_LIMITS_EXCEEDED', limits.message.ja, limits.message.en)],
    };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // A private copy as a plain ArrayBuffer (JSZip reads ArrayBuffers).
    await workbook.xlsx.load(new Uint8Array(data).slice().buffer);
  } catch {
    return unreadable;
  }

  const sheet = findAnswerSheet(workbook);
  const structural = [...checkMeta(workbook, expect), ...checkHeader(sheet)];
  if (structural.length > 0 || !sheet) return { ok: false, errors: structural };

  const known = new Set(expect.catalogue.criteria.map((c) => c.id));
  const seen = new Map<string, number>();
  const errors: AssessmentWorkbookError[] = [];
  const rows: ParsedAssessmentRow[] = [];
  const L = ASSESSMENT_COLUMNS;

  for (let r = 2; r <= sheet.rowCount; r++) {
    const excelRow = sheet.getRow(r);
    // The apostrophe the export put before formula-like text is dropped again.
    const get = (col: number): string => restoreFormulaText(normalised(excelRow.getCell(col).value));
    const rawId = get(COL.criterion);
    const criterionId = rawId.length > MAX_CRITERION_ID ? rawId : rawId.normalize('NFKC').replace(/\s+/g, '');
    const answerText = get(COL.answer);
    const note = get(COL.note);
    const naReason = get(COL.naReason);
    if (answerText === '' && note === '' && naReason === '') continue;

    const before = errors.length;
    if (criterionId === '') {
      errors.push(
        err('UNKNOWN_CRITERION', '評価基準IDが空です。', 'The criterion ID is empty.', r, L.criterion),
      );
    } else if (!known.has(criterionId)) {
      errors.push(
        err(
          'UNKNOWN_CRITERION',
          `評価基準ID「${excerpt(criterionId)}」はこのガイドラインにありません。`,
          `Criterion ID "${excerpt(criterionId)}" does not exist in this guideline.`,
          r,
          L.criterion,
        ),
      );
    } else if (!expect.scopeIds.has(criterionId)) {
      errors.push(
        err(
          'CRITERION_OUT_OF_SCOPE',
          `評価基準「${criterionId}」はこの自己評価の対象外です。`,
          `Criterion "${criterionId}" is not in scope of this self-assessment.`,
          r,
          L.criterion,
        ),
      );
    } else {
      const first = seen.get(criterionId);
      if (first !== undefined) {
        errors.push(
          err(
            'DUPLICATE_CRITERION',
            `評価基準「${criterionId}」が ${first} 行目にもあります。`,
            `Criterion "${criterionId}" also appears in row ${first}.`,
            r,
            L.criterion,
          ),
        );
      } else {
        seen.set(criterionId, r);
      }
    }

    let value: AnswerValue | undefined;
    if (answerText === '') {
      errors.push(
        err(
          'INVALID_ANSWER',
          'メモまたは理由が書かれていますが、回答が選ばれていません(回答は必須です)。',
          'A note or reason is filled in but no answer is chosen (answer required).',
          r,
          L.answer,
        ),
      );
    } else {
      value = parseAnswerText(answerText);
      if (!value) {
        const ja = ANSWER_LABEL_ORDER.map((v) => ANSWER_LABELS[v].ja).join(' / ');
        const en = ANSWER_LABEL_ORDER.map((v) => ANSWER_LABELS[v].en).join(' / ');
        errors.push(
          err(
            'INVALID_ANSWER',
            `回答「${excerpt(answerText)}」は選択肢にありません(${ja})。`,
            `Answer "${excerpt(answerText)}" is not one of the choices (${en}).`,
            r,
            L.answer,
          ),
        );
      }
    }
    if (value === 'not_applicable' && naReason === '') {
      errors.push(
        err(
          'NA_REASON_REQUIRED',
          '「該当しない」の場合は理由を書いてください。',
          'Give a reason when the answer is "Not applicable".',
          r,
          L.naReason,
        ),
      );
    }
    for (const [text, letter] of [
      [note, L.note],
      [naReason, L.naReason],
    ] as const) {
      if (text.length > WORKBOOK_TEXT_MAX) {
        errors.push(
          err(
            'TEXT_TOO_LONG',
            `${WORKBOOK_TEXT_MAX} 文字以内にしてください(現在 ${text.length} 文字)。`,
            `Keep it to ${WORKBOOK_TEXT_MAX} characters (it has ${text.length}).`,
            r,
            letter,
          ),
        );
      }
    }
    if (errors.length === before && value) rows.push({ criterionId, value, note, naReason, row: r });
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
