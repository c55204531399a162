import type { Catalogue, Crosswalk, LocalizedText } from '../model';
import { assembleCatalogue, deepFreeze } from '../loader';

/** A file's content as the API or browser hands it over. */
export type ImportInput = string | Uint8Array | ArrayBuffer;

export interface ImportMessage {
  /** Where the problem is: `row 12, column K (評価基準No.)`, `catalog.controls[3].controls[2]`, `file`. */
  where: string;
  message: LocalizedText;
}

/** Nothing partial is ever returned: either a whole valid catalogue or the list of errors. */
export type ImportResult =
  | {
      ok: true;
      catalogue: Catalogue;
      /** Crosswalks printed in the file itself (e.g. the METI file's JAMA/JAPIA column). */
      crosswalks: Crosswalk[];
      /** Things the importer had to decide (also recorded as catalogue decisions). */
      warnings: ImportMessage[];
    }
  | { ok: false; errors: ImportMessage[] };

/** Catalogue metadata the caller may set; the importers fill sensible defaults. */
export interface CatalogueMetaOptions {
  id?: string;
  version?: string;
  title?: LocalizedText;
  publisher?: string;
  /** ISO date; empty when unknown. */
  publishedOn?: string;
  source?: { description?: string; url?: string; sha256?: string };
  /** Shown in the source description. */
  fileName?: string;
}

export function msg(en: string, ja: string): LocalizedText {
  return { ja, en };
}

export function isEmptyInput(input: ImportInput): boolean {
  if (typeof input === 'string') return input.trim().length === 0;
  return input.byteLength === 0;
}

export function toBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  // `instanceof` is unreliable across realms (jest, workers): check the shape instead.
  return ArrayBuffer.isView(input)
    ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
    : new Uint8Array(input);
}

/** UTF-8 (with or without BOM); falls back to Shift_JIS, which Excel uses for Japanese CSV. */
export function decodeText(input: ImportInput): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  const bytes = toBytes(input);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('shift_jis').decode(bytes);
  }
}

/** Sorts, validates and freezes an imported catalogue; validation issues become import errors. */
export function finishImport(
  draft: Catalogue,
  crosswalks: Crosswalk[],
  warnings: ImportMessage[],
): ImportResult {
  const { groups, requirements, criteria, decisions, ...meta } = draft;
  const result = assembleCatalogue(meta, [{ groups, requirements, criteria, decisions }]);
  if (!result.ok) {
    return {
      ok: false,
      errors: result.issues.map((i) => ({
        where: i.path || 'catalogue',
        message: msg(i.message, `取り込んだ内容が不正です: ${i.message}`),
      })),
    };
  }
  return { ok: true, catalogue: deepFreeze(result.value), crosswalks: deepFreeze(crosswalks), warnings };
}

const DASHES = /[\u2010-\u2015\u2212\u30fc\uff0d]/g;

/** NFKC, unified hyphens, trimmed. Used for ids and header names. */
export function normalizeCell(value: string): string {
  return value.normalize('NFKC').replace(DASHES, '-').trim();
}

/** Spreadsheet column letter for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
