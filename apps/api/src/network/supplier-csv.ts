import { isEmail } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { isValidCorporateNumber } from '../organizations/corporate-number';
import type { LocalizedMessage } from '../common/problem';
import { CRITICALITIES, type Criticality } from './supply-link.entity';
import { TAG_PATTERN } from './dto/network.dto';

export interface SupplierCsvRow {
  row: number;
  name: string;
  corporateNumber?: string;
  contactEmail?: string;
  tags: string[];
  criticality: Criticality;
}

export interface CsvRowError {
  row: number;
  column?: string;
  message: LocalizedMessage;
}

/** Accepted header names (English or Japanese) for each column. */
const HEADERS: Record<keyof Omit<SupplierCsvRow, 'row'>, string[]> = {
  name: ['name', '名称', '会社名', '取引先名'],
  corporateNumber: ['corporate_number', '法人番号'],
  contactEmail: ['contact_email', '連絡先メール', 'メールアドレス'],
  tags: ['tags', 'タグ'],
  criticality: ['criticality', '重要度'],
};
const CRITICALITY_JA: Record<string, Criticality> = { 低: 'low', 中: 'medium', 高: 'high', 重大: 'critical' };
/** Longest e-mail address (RFC 5321 path limit); checked before the address is parsed. */
const MAX_EMAIL = 254;
/** Longest cells looked at before any pattern runs (a 法人番号 with separators; 20 tags of 40 characters). */
const MAX_CORPORATE_NUMBER_CELL = 32;
const MAX_TAGS_CELL = 20 * 41;
export const MAX_CSV_ROWS = 5000;

/** Decodes UTF-8 (with or without BOM), falling back to Shift_JIS, which Excel in Japan writes by default. */
export function decodeCsv(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    return new TextDecoder('shift_jis').decode(buf);
  }
}

/**
 * Parses and validates a supplier CSV. Returns every row error (row numbers as a spreadsheet shows them:
 * the header is row 1), or the rows when all are valid. Pure: touches no database.
 */
export function parseSupplierCsv(
  text: string,
): { ok: true; rows: SupplierCsvRow[] } | { ok: false; errors: CsvRowError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return {
      ok: false,
      errors: [
        {
          row: line ?? 1,
          message: { ja: 'CSV の形式が正しくありません。', en: `Malformed CSV: ${(e as Error).message}` },
        },
      ],
    };
  }
  const [header, ...body] = records;
  if (!header)
    return {
      ok: false,
      errors: [{ row: 1, message: { ja: 'ファイルが空です。', en: 'The file is empty.' } }],
    };

  const index: Partial<Record<keyof typeof HEADERS, number>> = {};
  const errors: CsvRowError[] = [];
  header.forEach((h, i) => {
    const key = (Object.keys(HEADERS) as (keyof typeof HEADERS)[]).find(
      (k) => HEADERS[k].includes(h.trim().toLowerCase()) || HEADERS[k].includes(h.trim()),
    );
    if (!key)
      errors.push({
        row: 1,
        column: h,
        message: { ja: `不明な列「${h}」があります。`, en: `Unknown column "${h}".` },
      });
    else index[key] = i;
  });
  if (index.name === undefined) {
    errors.push({
      row: 1,
      column: 'name',
      message: { ja: '「name」(名称) 列が必要です。', en: 'The "name" column is required.' },
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (body.length === 0)
    return {
      ok: false,
      errors: [{ row: 2, message: { ja: 'データ行がありません。', en: 'There are no data rows.' } }],
    };
  if (body.length > MAX_CSV_ROWS) {
    return {
      ok: false,
      errors: [
        {
          row: MAX_CSV_ROWS + 2,
          message: {
            ja: `一度に登録できるのは ${MAX_CSV_ROWS} 行までです。`,
            en: `At most ${MAX_CSV_ROWS} rows per upload.`,
          },
        },
      ],
    };
  }

  const rows: SupplierCsvRow[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, i) => {
    const row = i + 2;
    const cell = (k: keyof typeof HEADERS) => (index[k] === undefined ? '' : (cells[index[k]!] ?? '').trim());
    const err = (column: string, ja: string, en: string) => errors.push({ row, column, message: { ja, en } });

    const name = cell('name');
    if (!name) err('name', '名称が空です。', 'name is empty.');
    else if (name.length > 200)
      err('name', '名称は 200 文字以内です。', 'name is longer than 200 characters.');

    const rawCorporateNumber = cell('corporateNumber');
    const corporateNumber =
      rawCorporateNumber.length > MAX_CORPORATE_NUMBER_CELL
        ? rawCorporateNumber
        : rawCorporateNumber.replace(/[-\s]/g, '');
    if (corporateNumber) {
      if (!isValidCorporateNumber(corporateNumber)) {
        err(
          'corporate_number',
          '法人番号が正しくありません (13 桁、チェックデジットを確認してください)。',
          'corporate_number is not a valid 13-digit 法人番号 (check digit).',
        );
      } else if (seen.has(corporateNumber)) {
        err(
          'corporate_number',
          `法人番号が ${seen.get(corporateNumber)} 行目と重複しています。`,
          `corporate_number repeats row ${seen.get(corporateNumber)}.`,
        );
      } else seen.set(corporateNumber, row);
    }

    const contactEmail = cell('contactEmail');
    // Length first, then the same check as the JSON API's @IsEmail() (validator.js), never a backtracking pattern.
    if (contactEmail.length > MAX_EMAIL) {
      err(
        'contact_email',
        `メールアドレスが長すぎます (${MAX_EMAIL} 文字まで)。`,
        `contact_email is longer than ${MAX_EMAIL} characters.`,
      );
    } else if (contactEmail && !isEmail(contactEmail)) {
      err(
        'contact_email',
        'メールアドレスの形式が正しくありません。',
        'contact_email is not a valid email address.',
      );
    }

    const rawTags = cell('tags');
    const tags =
      rawTags.length > MAX_TAGS_CELL
        ? []
        : rawTags
            .split(/[;|、]/)
            .map((t) => t.trim())
            .filter(Boolean);
    if (rawTags.length > MAX_TAGS_CELL || tags.length > 20 || tags.some((t) => !TAG_PATTERN.test(t))) {
      err(
        'tags',
        'タグは 20 個まで、各 40 文字以内です (区切りは ; )。',
        'tags: at most 20, each up to 40 characters, separated by ;',
      );
    }

    const rawCriticality = cell('criticality');
    const criticality = (CRITICALITIES as readonly string[]).includes(rawCriticality.toLowerCase())
      ? (rawCriticality.toLowerCase() as Criticality)
      : (CRITICALITY_JA[rawCriticality] ?? (rawCriticality === '' ? 'medium' : undefined));
    if (!criticality)
      err(
        'criticality',
        '重要度は low/medium/high/critical (低/中/高/重大) のいずれかです。',
        'criticality must be low, medium, high or critical.',
      );

    rows.push({
      row,
      name,
      corporateNumber: corporateNumber || undefined,
      contactEmail: contactEmail ? contactEmail.toLowerCase() : undefined,
      tags,
      criticality: criticality ?? 'medium',
    });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
