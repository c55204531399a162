/**
 * Resource limits for .xlsx files from outside, checked BEFORE exceljs sees them.
 *
 * exceljs (through JSZip) inflates every part of an archive in memory, builds an object per row, per cell, per
 * column definition, and expands every merged range, data-validation range and defined-name range into one
 * object per cell. A 50 KB file can therefore ask for gigabytes (`<mergeCell ref="A1:XFD1048576"/>`,
 * `<row r="1048576">`, a part that inflates to 4 GB). This module reads the ZIP central directory first
 * (yauzl), refuses too many entries and too large a declared inflated size without inflating anything, then
 * inflates each part once as a stream — yauzl stops any part that inflates to more than it declared — and scans
 * the worksheet and workbook XML with a streaming parser (saxes, the parser exceljs itself uses) for rows,
 * columns, cells and expanded ranges. Only a workbook within every limit reaches exceljs.
 *
 * The central directory must end exactly where the end-of-central-directory record starts and hold exactly
 * the number of records it declares, so that JSZip (which tolerates prepended bytes and reads headers until
 * their signature stops) reads the very same entries yauzl read here.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import type { LocalizedText } from '../model';

export interface XlsxLimits {
  /** ZIP entries (parts, folders included). */
  maxEntries: number;
  /** Sum of the parts' inflated sizes, in bytes. */
  maxInflatedBytes: number;
  /** Highest row number of any worksheet. */
  maxRows: number;
  /** Highest column number of any cell (256 = IV). */
  maxColumns: number;
  /** Cells of all worksheets, plus every cell that a merged, validated or named range expands to. */
  maxCells: number;
}

/** Generous for a criteria table of a few hundred rows, far below what would strain the API process. */
export const DEFAULT_XLSX_LIMITS: Readonly<XlsxLimits> = Object.freeze({
  maxEntries: 1000,
  maxInflatedBytes: 20 * 1024 * 1024,
  maxRows: 10_000,
  maxColumns: 256,
  maxCells: 200_000,
});

/** Excel's own column limit (XFD); column definitions may reach it without creating cells. */
const EXCEL_MAX_COLUMNS = 16_384;

export type XlsxLimit = 'entries' | 'inflated' | 'rows' | 'columns' | 'cells';

export type XlsxCheck =
  | { ok: true; entries: number; inflatedBytes: number; rows: number; columns: number; cells: number }
  | { ok: false; reason: 'unreadable'; message: LocalizedText }
  | { ok: false; reason: 'limit'; limit: XlsxLimit; max: number; message: LocalizedText };

const unreadable = (): XlsxCheck => ({
  ok: false,
  reason: 'unreadable',
  message: {
    ja: 'Excel ファイル(.xlsx)として読み取れません。',
    en: 'The file cannot be read as an Excel workbook (.xlsx).',
  },
});

const MIB = 1024 * 1024;

function overLimit(limit: XlsxLimit, max: number): XlsxCheck {
  const what: Record<XlsxLimit, LocalizedText> = {
    entries: {
      ja: `ZIP のエントリ数が上限 (${max}) を超えています`,
      en: `it has more than ${max} ZIP entries`,
    },
    inflated: {
      ja: `展開後のサイズが上限 (${Math.round(max / MIB)} MB) を超えています`,
      en: `it inflates to more than ${Math.round(max / MIB)} MB`,
    },
    rows: { ja: `行数が上限 (${max} 行) を超えています`, en: `a sheet has more than ${max} rows` },
    columns: { ja: `列数が上限 (${max} 列) を超えています`, en: `a sheet has more than ${max} columns` },
    cells: {
      ja: `セル数 (結合・入力規則・名前の範囲を含む) が上限 (${max}) を超えています`,
      en: `it has more than ${max} cells (merged, validated and named ranges included)`,
    },
  };
  return {
    ok: false,
    reason: 'limit',
    limit,
    max,
    message: {
      ja: `この Excel ファイルは大きすぎるため読み込みません: ${what[limit].ja}。`,
      en: `This workbook is too large to read: ${what[limit].en}.`,
    },
  };
}

class LimitExceeded extends Error {
  constructor(readonly result: XlsxCheck) {
    super('xlsx limit exceeded');
  }
}
class Unreadable extends Error {}

// ---------------------------------------------------------------------------------------------------------
// End of central directory

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;

/**
 * Offset, size and record count of the central directory when it sits exactly before the (single, last)
 * end-of-central-directory record, which ends the file; undefined otherwise. ZIP64 and multi-disk archives are
 * refused: an .xlsx of a few MB never needs them.
 */
function centralDirectory(bytes: Buffer): { offset: number; size: number; count: number } | undefined {
  // The last signature in the file, as JSZip finds it; yauzl looks for the same record.
  let eocd = -1;
  for (let i = bytes.length - 4; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0 || eocd + 22 > bytes.length) return undefined;
  if (eocd + 22 + bytes.readUInt16LE(eocd + 20) !== bytes.length) return undefined;
  if (eocd >= 20 && bytes.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) return undefined;
  const disk = bytes.readUInt16LE(eocd + 4);
  const cdDisk = bytes.readUInt16LE(eocd + 6);
  const countOnDisk = bytes.readUInt16LE(eocd + 8);
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (disk !== 0 || cdDisk !== 0 || countOnDisk !== count) return undefined;
  if (offset + size !== eocd) return undefined;
  return { offset, size, count };
}

// ---------------------------------------------------------------------------------------------------------
// Cell references

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** 1-based column of letters A–XFD (any case), or 0 when `s` is not only letters or is too long. */
function columnNumber(s: string): number {
  if (s.length === 0 || s.length > 3) return 0;
  let n = 0;
  for (const ch of s.toUpperCase()) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) return 0;
    n = n * 26 + (c - 64);
  }
  return n;
}

interface Ref {
  /** 0 when the reference names no column (a whole row). */
  col: number;
  /** 0 when the reference names no row (a whole column). */
  row: number;
}

/** `A1`, `$B$2`, `C` (a column) or `3` (a row); undefined when it is none of these. A linear scan. */
function parseRef(text: string): Ref | undefined {
  const s = text.split('$').join('');
  if (s.length === 0 || s.length > 12) return undefined;
  let i = 0;
  while (i < s.length && isLetter(s.charCodeAt(i))) i++;
  const letters = s.slice(0, i);
  const digits = s.slice(i);
  for (const d of digits) if (d < '0' || d > '9') return undefined;
  const col = letters ? columnNumber(letters) : 0;
  if (letters && col === 0) return undefined;
  const row = digits ? Number.parseInt(digits, 10) : 0;
  if (!letters && !digits) return undefined;
  return { col, row };
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** Cells exceljs would create or record for this range. */
  area: number;
}

/** `A1:C3`, `A1`, `$A:$C`, `2:5`, with an optional `Sheet!` / `'My sheet'!` prefix; undefined when unreadable. */
function parseRange(text: string): Range | undefined {
  const bang = text.lastIndexOf('!');
  const body = bang >= 0 ? text.slice(bang + 1) : text;
  const parts = body.split(':');
  if (parts.length > 2) return undefined;
  const a = parseRef(parts[0]!.trim());
  const b = parts.length === 2 ? parseRef(parts[1]!.trim()) : a;
  if (!a || !b) return undefined;
  const top = Math.min(a.row, b.row);
  const bottom = Math.max(a.row, b.row);
  const left = Math.min(a.col, b.col);
  const right = Math.max(a.col, b.col);
  // A whole row range is walked once per row; a whole column range is recorded once (exceljs's behaviour).
  const rows = bottom > 0 ? bottom - Math.max(top, 1) + 1 : 1;
  const cols = right > 0 ? right - Math.max(left, 1) + 1 : 1;
  return { top, left, bottom, right, area: rows * cols };
}

// ---------------------------------------------------------------------------------------------------------
// XML scanning

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Counts what exceljs would build from one worksheet part; throws LimitExceeded or Unreadable. */
class SheetScanner {
  private lastRow = 0;
  private lastCol = 0;

  constructor(
    private readonly limits: XlsxLimits,
    private readonly totals: { rows: number; columns: number; cells: number },
  ) {}

  open(tag: SaxesTagPlain): void {
    const attrs = tag.attributes;
    switch (localName(tag.name)) {
      case 'row': {
        const r = attrs['r'];
        const row = r === undefined ? this.lastRow + 1 : Number(r);
        if (!Number.isSafeInteger(row) || row < 1) throw new Unreadable();
        this.lastRow = row;
        this.lastCol = 0;
        this.seeRow(row);
        return;
      }
      case 'c': {
        const r = attrs['r'];
        let col = this.lastCol + 1;
        if (r !== undefined) {
          const ref = parseRef(r);
          if (!ref || ref.col === 0) throw new Unreadable();
          col = ref.col;
          if (ref.row) this.seeRow(ref.row);
        }
        this.lastCol = col;
        this.seeColumn(col);
        this.addCells(1);
        return;
      }
      case 'col': {
        const max = Number(attrs['max'] ?? 0);
        const min = Number(attrs['min'] ?? 0);
        if (!Number.isSafeInteger(max) || !Number.isSafeInteger(min)) throw new Unreadable();
        // Column definitions (widths, styles) may reach Excel's last column XFD; exceljs builds one object each.
        if (max > EXCEL_MAX_COLUMNS || min > EXCEL_MAX_COLUMNS) throw new Unreadable();
        return;
      }
      case 'mergeCell':
        this.expand(attrs['ref'] ?? '');
        return;
      case 'dataValidation':
        for (const part of (attrs['sqref'] ?? '').split(' ')) if (part) this.expand(part);
        return;
      default:
        return;
    }
  }

  private expand(text: string): void {
    const range = parseRange(text);
    if (!range) throw new Unreadable();
    if (range.bottom) this.seeRow(range.bottom);
    if (range.right) this.seeColumn(range.right);
    this.addCells(range.area);
  }

  private seeRow(row: number): void {
    if (row > this.limits.maxRows) throw new LimitExceeded(overLimit('rows', this.limits.maxRows));
    this.totals.rows = Math.max(this.totals.rows, row);
  }

  private seeColumn(col: number): void {
    if (col > this.limits.maxColumns) throw new LimitExceeded(overLimit('columns', this.limits.maxColumns));
    this.totals.columns = Math.max(this.totals.columns, col);
  }

  private addCells(n: number): void {
    this.totals.cells += n;
    if (this.totals.cells > this.limits.maxCells)
      throw new LimitExceeded(overLimit('cells', this.limits.maxCells));
  }
}

/** Adds up the ranges of `<definedName>`s (exceljs expands each into one entry per cell). */
class WorkbookScanner {
  private text: string[] | undefined;

  constructor(
    private readonly limits: XlsxLimits,
    private readonly totals: { cells: number },
  ) {}

  open(tag: SaxesTagPlain): void {
    if (localName(tag.name) === 'definedName') this.text = [];
  }

  onText(text: string): void {
    this.text?.push(text);
  }

  close(name: string): void {
    if (localName(name) !== 'definedName' || !this.text) return;
    // exceljs splits the formula on commas and keeps what reads as a reference; count what reads as a range.
    for (const item of this.text.join('').split(',')) {
      const range = parseRange(item.trim());
      if (!range) continue;
      this.totals.cells += range.area;
      if (this.totals.cells > this.limits.maxCells)
        throw new LimitExceeded(overLimit('cells', this.limits.maxCells));
    }
    this.text = undefined;
  }
}

/** exceljs reads every part whose name contains `xl/worksheets/sheet…` as a worksheet (unanchored match). */
const isWorksheet = (name: string): boolean => name.toLowerCase().includes('worksheets/');
const isWorkbook = (name: string): boolean => name.replace(/^\/+/, '') === 'xl/workbook.xml';

function xmlParser(handlers: {
  open: (tag: SaxesTagPlain) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
}): SaxesParser {
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => handlers.open(tag as SaxesTagPlain));
  if (handlers.text) parser.on('text', handlers.text);
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(tag.name));
  }
  parser.on('error', () => {
    throw new Unreadable();
  });
  return parser;
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Checks an .xlsx against `limits` without handing it to exceljs. Never throws: answers ok, `unreadable` (not a
 * consistent ZIP, a part that inflates to more or less than it declares, malformed worksheet XML) or the limit
 * that was exceeded.
 */
export async function checkXlsxLimits(
  input: Uint8Array | ArrayBuffer,
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
): Promise<XlsxCheck> {
  const bytes = ArrayBuffer.isView(input)
    ? Buffer.from(input.buffer, input.byteOffset, input.byteLength)
    : Buffer.from(input);
  const cd = centralDirectory(bytes);
  if (!cd) return unreadable();
  // Entries first, straight from the end record: nothing else is read when there are too many.
  if (cd.count > limits.maxEntries) return overLimit('entries', limits.maxEntries);

  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, {
      lazyEntries: true,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch {
    return unreadable();
  }
  const totals = { rows: 0, columns: 0, cells: 0 };
  try {
    if (zip.entryCount !== cd.count) return unreadable();
    // Declared sizes: all of them, before a byte is inflated.
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    let recordBytes = 0;
    for await (const entry of zip.eachEntry()) {
      entries.push(entry);
      declared += entry.uncompressedSize;
      recordBytes += 46 + entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength;
      if (declared > limits.maxInflatedBytes) return overLimit('inflated', limits.maxInflatedBytes);
    }
    // Exactly the declared records fill the directory: no further headers for JSZip to find.
    if (entries.length !== cd.count || recordBytes !== cd.size) return unreadable();

    let inflated = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      if (entry.isEncrypted() || !entry.canDecodeFileData()) return unreadable();
      const sheet = isWorksheet(entry.fileName) ? new SheetScanner(limits, totals) : undefined;
      const book = isWorkbook(entry.fileName) ? new WorkbookScanner(limits, totals) : undefined;
      const parser = sheet
        ? xmlParser({ open: (t) => sheet.open(t) })
        : book
          ? xmlParser({ open: (t) => book.open(t), text: (s) => book.onText(s), close: (n) => book.close(n) })
          : undefined;
      const decoder = new TextDecoder('utf-8');
      // yauzl fails the stream as soon as a part inflates past its declared size (validateEntrySizes).
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > limits.maxInflatedBytes) {
          stream.destroy();
          return overLimit('inflated', limits.maxInflatedBytes);
        }
        if (parser) parser.write(decoder.decode(chunk, { stream: true }));
      }
      if (parser) parser.write(decoder.decode()).close();
    }
    return { ok: true, entries: entries.length, inflatedBytes: inflated, ...totals };
  } catch (e) {
    if (e instanceof LimitExceeded) return e.result;
    return unreadable();
  } finally {
    zip.close();
  }
}
