import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Catalogue } from '../model';
import { getCatalogue } from '../registry';
import { importMetiCriteriaCsv, importMetiCriteriaXlsx, versionBeforeHan } from './meti-table';
import type { ImportResult } from './types';
import { readZip, withPart, writeZip } from './testing/zip';

const CSV_PATH = resolve(__dirname, '../../../../../shared/reference/meti-scs-criteria-2026-03-27.csv');
const csvBytes = readFileSync(CSV_PATH);
const csvText = csvBytes.toString('utf8');
const rows: string[][] = parse(csvBytes, { bom: true, relax_column_count: true });

function ok(r: ImportResult): Catalogue {
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 5)));
  return r.catalogue;
}

function errorsOf(r: ImportResult): string[] {
  return r.ok ? [] : r.errors.map((e) => `${e.where}: ${e.message.en}`);
}

/** CSV text from rows, quoting every cell. */
function toCsv(data: readonly (readonly string[])[]): string {
  return data.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n');
}

function expectMetiCounts(c: Catalogue): void {
  expect(c.wording).toBe('official');
  expect(c.groups).toHaveLength(7);
  expect(c.groups.flatMap((g) => g.subgroups ?? [])).toHaveLength(16);
  expect(c.requirements).toHaveLength(43);
  expect(c.requirements.filter((r) => r.level === 3)).toHaveLength(26);
  expect(c.criteria).toHaveLength(153);
  expect(c.criteria.filter((k) => k.level === 3)).toHaveLength(81);
  expect(c.criteria.filter((k) => k.level === 4)).toHaveLength(72);
  expect(c.criteria.every((k) => k.csf && k.officialText)).toBe(true);
  expect(c.requirements.every((r) => r.officialText)).toBe(true);
}

describe('METI criteria table importer: CSV', () => {
  it('imports the official CSV (BOM, sub-header row, trailing empty rows) with the official counts', () => {
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    const r = importMetiCriteriaCsv(csvBytes, { version: '2026-03-27', publishedOn: '2026-03-27' });
    const c = ok(r);
    expectMetiCounts(c);
    expect(c.criteria[0]).toMatchObject({
      id: '1-1-1-1',
      groupId: '1',
      requirementId: '1-1-1',
      level: 4,
      csf: 'GV',
    });
    expect(c.criteria.at(-1)?.id).toBe('7-1-1-2');
  });

  it('has the same ids, levels, groups and CSF functions as the built-in catalogue', () => {
    const imported = ok(importMetiCriteriaCsv(csvText));
    const builtIn = getCatalogue('meti-scs') as Catalogue;
    const shape = (c: Catalogue): unknown[] =>
      c.criteria.map((k) => [k.id, k.groupId, k.requirementId, k.level, k.csf]);
    expect(shape(imported)).toEqual(shape(builtIn));
    expect(imported.requirements.map((r) => [r.id, r.subgroupId, r.level])).toEqual(
      builtIn.requirements.map((r) => [r.id, r.subgroupId, r.level]),
    );
  });

  it('accepts an ArrayBuffer and text without BOM', () => {
    const ab = csvBytes.buffer.slice(csvBytes.byteOffset, csvBytes.byteOffset + csvBytes.byteLength);
    expect(ok(importMetiCriteriaCsv(ab)).criteria).toHaveLength(153);
    expect(ok(importMetiCriteriaCsv(csvText.slice(1))).criteria).toHaveLength(153);
  });

  it('returns the JAMA/JAPIA citations as an official crosswalk', () => {
    const r = importMetiCriteriaCsv(csvText, { version: '2026-03-27' });
    if (!r.ok) throw new Error('import failed');
    expect(r.crosswalks.map((x) => [x.fromCatalogue, x.toCatalogue, x.links.length])).toEqual([
      [{ id: 'meti-scs', version: '2026-03-27' }, { id: 'jama-japia', version: '2.3' }, 165],
    ]);
  });

  it('rejects an empty file', () => {
    expect(errorsOf(importMetiCriteriaCsv(''))).toEqual(['file: the file is empty']);
    expect(errorsOf(importMetiCriteriaCsv(new Uint8Array()))).toEqual(['file: the file is empty']);
    expect(errorsOf(importMetiCriteriaCsv(',,,\r\n,,,\r\n'))).toEqual(['file: the file is empty']);
  });

  it('rejects missing columns, naming the header row', () => {
    const cut = rows.map((r) => r.filter((_, i) => i !== 10));
    expect(errorsOf(importMetiCriteriaCsv(toCsv(cut)))).toEqual(['row 1: missing column "評価基準No."']);
  });

  it('rejects a duplicate id, naming both rows', () => {
    const dup = rows.map((r) => [...r]);
    (dup[6] as string[])[10] = (dup[5] as string[])[10] as string;
    expect(errorsOf(importMetiCriteriaCsv(toCsv(dup)))).toEqual([
      'row 7, column K (評価基準No.): duplicate id "1-2-1-1" (first in row 6)',
    ]);
  });

  it('rejects an unknown level value, an unknown CSF function and an unreadable JAMA reference', () => {
    const bad = rows.map((r) => [...r]);
    (bad[6] as string[])[9] = '★5';
    (bad[7] as string[])[12] = '監視(XX)';
    (bad[8] as string[])[17] = 'chapter 3';
    expect(errorsOf(importMetiCriteriaCsv(toCsv(bad)))).toEqual([
      'row 7, column J (★3/★4): unknown level value "★5"',
      'row 8, column M (NIST CSF): unknown NIST CSF function "監視(XX)"',
      'row 9, column R (自工会/部工会): cannot read "chapter 3" (expected e.g. "No.9 (LV1)")',
    ]);
  });

  it('rejects empty cells and ids that do not fit their parents; returns nothing partial', () => {
    const bad = rows.map((r) => [...r]);
    (bad[3] as string[])[11] = '';
    (bad[4] as string[])[10] = '1-2-9-1';
    const r = importMetiCriteriaCsv(toCsv(bad));
    expect(errorsOf(r)).toEqual([
      'row 4, column L (評価基準): empty',
      'row 5, column K (評価基準No.): "1-2-9-1" does not belong to "1-1-1"',
    ]);
    expect('catalogue' in r).toBe(false);
  });

  it('rejects a broken CSV', () => {
    const r = importMetiCriteriaCsv('大分類No.,"unterminated\n1,2');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.errors[0]?.where).toBe('file');
  });
});

describe('METI criteria table importer: xlsx', () => {
  async function workbookFrom(data: readonly (readonly string[])[]): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('評価基準');
    for (const r of data) ws.addRow([...r]);
    wb.addWorksheet('other').addRow(['ignored']);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('imports a workbook built from the CSV rows with the same result as the CSV', async () => {
    const fromXlsx = ok(await importMetiCriteriaXlsx(await workbookFrom(rows), { version: '2026-03-27' }));
    const fromCsv = ok(importMetiCriteriaCsv(csvBytes, { version: '2026-03-27' }));
    expectMetiCounts(fromXlsx);
    expect(fromXlsx).toEqual(fromCsv);
  });

  it('names the spreadsheet row of a bad cell', async () => {
    const bad = rows.map((r) => [...r]);
    (bad[20] as string[])[9] = '★★';
    expect(errorsOf(await importMetiCriteriaXlsx(await workbookFrom(bad)))).toEqual([
      'row 21, column J (★3/★4): unknown level value "★★"',
    ]);
  });

  it('refuses a workbook over the limits before exceljs materialises it', async () => {
    const parts = await readZip(Buffer.from(await workbookFrom(rows.slice(0, 5))));
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!.data.toString('utf8');
    // One merged range that exceljs would expand into 17 billion cells.
    const bomb = sheet.replace(
      '<pageMargins',
      '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells><pageMargins',
    );
    expect(bomb).not.toBe(sheet);
    const xlsx = jest.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');
    try {
      const r = await importMetiCriteriaXlsx(writeZip(withPart(parts, 'xl/worksheets/sheet1.xml', bomb)));
      expect(errorsOf(r)).toEqual([
        'file: This workbook is too large to read: a sheet has more than 10000 rows.',
      ]);
      expect(r.ok ? [] : r.errors[0]!.message.ja).toContain('行数が上限 (10000 行) を超えています');
      expect(xlsx).not.toHaveBeenCalled();
      // The same file within the limits still loads through exceljs.
      ok(await importMetiCriteriaXlsx(await workbookFrom(rows)));
      expect(xlsx).toHaveBeenCalled();
    } finally {
      xlsx.mockRestore();
    }
  });

  it('rejects a file that is not a workbook, and an empty one', async () => {
    const r = await importMetiCriteriaXlsx(new TextEncoder().encode('not a zip'));
    expect(r.ok ? '' : r.errors[0]?.where).toBe('file');
    expect(errorsOf(await importMetiCriteriaXlsx(new ArrayBuffer(0)))).toEqual(['file: the file is empty']);
    expect(errorsOf(await importMetiCriteriaXlsx(await workbookFrom([])))).toEqual([
      'file: the file is empty',
    ]);
  });
});

describe('cell length', () => {
  it('refuses a cell over 20 000 characters before reading the table, naming its place', () => {
    const long = rows.map((r) => [...r]);
    (long[3] as string[])[1] = 'x'.repeat(20_001);
    expect(errorsOf(importMetiCriteriaCsv(toCsv(long)))).toEqual([
      'row 4, column B (cell): longer than 20000 characters',
    ]);
  });
});

describe('versionBeforeHan', () => {
  it('reads the version printed before 版, as the reference header writes it', () => {
    expect(versionBeforeHan('自工会/部工会・サイバーセキュリティガイドライン 2.2版')).toBe('2.2');
    expect(versionBeforeHan('ガイドライン 2.2 版')).toBe('2.2');
    expect(versionBeforeHan('初版 のち 3.0.1版')).toBe('3.0.1');
    expect(versionBeforeHan('..1.2版')).toBe('1.2');
    expect(versionBeforeHan('1..2版')).toBe('2');
    expect(versionBeforeHan('1.2.版')).toBe('');
    expect(versionBeforeHan('版なし')).toBe('');
    expect(versionBeforeHan('ガイドライン')).toBe('');
  });

  it('answers a long run of digits and dots without a match in one pass', () => {
    // The attack string of the old pattern /(\d+(?:\.\d+)*)\s*版/: digits and dots, then no 版.
    expect(versionBeforeHan(`${'1.'.repeat(100_000)}x`)).toBe('');
    expect(versionBeforeHan(`${'1.'.repeat(100_000)}1版`)).toBe(`${'1.'.repeat(100_000)}1`);
  });
});
