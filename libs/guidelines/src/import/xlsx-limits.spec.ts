import ExcelJS from 'exceljs';
import { checkXlsxLimits, DEFAULT_XLSX_LIMITS, type XlsxCheck } from './xlsx-limits';
import { readZip, withPart, writeZip, type ZipPart } from './testing/zip';

const SHEET = 'xl/worksheets/sheet1.xml';

async function baseWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['id', 'text']);
  ws.addRow(['1-1', 'first']);
  ws.addRow(['1-2', 'second']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function baseParts(): Promise<ZipPart[]> {
  return readZip(await baseWorkbook());
}

/** The base workbook with `xml` inserted into its worksheet just before `before`. */
async function withSheetXml(xml: string, before = '</sheetData>'): Promise<Buffer> {
  const parts = await baseParts();
  const sheet = parts.find((p) => p.name === SHEET)!.data.toString('utf8');
  expect(sheet).toContain(before);
  return writeZip(withPart(parts, SHEET, sheet.replace(before, `${xml}${before}`)));
}

const limitOf = (r: XlsxCheck) => (r.ok ? 'ok' : r.reason === 'limit' ? r.limit : r.reason);
/** Deflate data that cannot be inflated: had the check inflated it, the answer would be `unreadable`. */
const CORRUPT = Buffer.from([0xff, 0xff, 0xff, 0xff]);

describe('checkXlsxLimits', () => {
  it('passes a workbook exceljs wrote, with its counts', async () => {
    const original = await baseWorkbook();
    const parts = await readZip(original);
    const counts = { ok: true, rows: 3, columns: 2, cells: 6 };
    // exceljs also writes folder entries; the rewritten archive has the files only.
    expect(await checkXlsxLimits(original)).toMatchObject({ ...counts, entries: parts.length + 6 });
    expect(await checkXlsxLimits(new Uint8Array(original).buffer)).toMatchObject(counts);
    expect(await checkXlsxLimits(writeZip(parts))).toMatchObject({ ...counts, entries: parts.length });
  });

  it('refuses too many entries from the end record alone, before reading any entry', async () => {
    const parts = Array.from({ length: DEFAULT_XLSX_LIMITS.maxEntries + 1 }, (_, i) => ({
      name: `x/${i}.bin`,
      data: Buffer.from('x'),
      rawCompressed: CORRUPT,
    }));
    const r = await checkXlsxLimits(writeZip(parts));
    expect(limitOf(r)).toBe('entries');
    expect(r.ok ? '' : r.message.en).toContain('more than 1000 ZIP entries');
  });

  it('refuses a declared inflated size over the limit before inflating anything', async () => {
    const parts: ZipPart[] = [
      ...(await baseParts()),
      {
        name: 'xl/media/big.bin',
        data: Buffer.from('x'),
        declaredSize: 25 * 1024 * 1024,
        rawCompressed: CORRUPT,
      },
    ];
    const r = await checkXlsxLimits(writeZip(parts));
    expect(limitOf(r)).toBe('inflated');
    expect(r.ok ? '' : r.message.ja).toContain('20 MB');
  });

  it('stops a part that inflates to more than it declares (a zip bomb)', async () => {
    const bomb = Buffer.alloc(64 * 1024 * 1024); // 64 MiB of zeros deflate to ~64 KB
    const parts: ZipPart[] = [
      ...(await baseParts()),
      { name: 'xl/media/a.bin', data: bomb, declaredSize: 1024 },
    ];
    expect(limitOf(await checkXlsxLimits(writeZip(parts)))).toBe('unreadable');
  });

  it('refuses a row beyond the row limit', async () => {
    const r = await checkXlsxLimits(await withSheetXml('<row r="1048576"><c r="A1048576"/></row>'));
    expect(limitOf(r)).toBe('rows');
  });

  it('counts rows without numbers one after another', async () => {
    const rows = '<row/>'.repeat(DEFAULT_XLSX_LIMITS.maxRows);
    expect(limitOf(await checkXlsxLimits(await withSheetXml(rows)))).toBe('rows');
  });

  it('refuses a cell beyond the column limit, by reference or by position', async () => {
    expect(limitOf(await checkXlsxLimits(await withSheetXml('<row r="9"><c r="XFD9"/></row>')))).toBe(
      'columns',
    );
    const wide = `<row r="9">${'<c/>'.repeat(DEFAULT_XLSX_LIMITS.maxColumns + 1)}</row>`;
    expect(limitOf(await checkXlsxLimits(await withSheetXml(wide)))).toBe('columns');
  });

  it('refuses merged, validated and named ranges that would expand past the cell limit', async () => {
    const merge = await withSheetXml(
      '<mergeCells count="1"><mergeCell ref="A1:IV1000"/></mergeCells>',
      '<pageMargins',
    );
    expect(limitOf(await checkXlsxLimits(merge))).toBe('cells');
    const validation = await withSheetXml(
      '<dataValidations count="1"><dataValidation type="list" sqref="A1:IV500 A501:IV1000"><formula1>"a,b"</formula1></dataValidation></dataValidations>',
      '<pageMargins',
    );
    expect(limitOf(await checkXlsxLimits(validation))).toBe('cells');

    const parts = await baseParts();
    const book = parts.find((p) => p.name === 'xl/workbook.xml')!.data.toString('utf8');
    const named = book.includes('<definedNames>')
      ? book.replace(
          '<definedNames>',
          '<definedNames><definedName name="big">Sheet1!$A$1:$XFD$1048576</definedName>',
        )
      : book.replace(
          '</sheets>',
          '</sheets><definedNames><definedName name="big">Sheet1!$A$1:$XFD$1048576</definedName></definedNames>',
        );
    expect(limitOf(await checkXlsxLimits(writeZip(withPart(parts, 'xl/workbook.xml', named))))).toBe('cells');
  });

  it('refuses a merge far outside the sheet even when its area is small', async () => {
    const merge = await withSheetXml(
      '<mergeCells count="1"><mergeCell ref="A1048575:A1048576"/></mergeCells>',
      '<pageMargins',
    );
    expect(limitOf(await checkXlsxLimits(merge))).toBe('rows');
  });

  it('refuses column definitions past Excel’s last column and malformed worksheet XML', async () => {
    const cols = await withSheetXml('<cols><col min="1" max="2000000000" width="9"/></cols>', '<sheetData');
    expect(limitOf(await checkXlsxLimits(cols))).toBe('unreadable');
    expect(limitOf(await checkXlsxLimits(await withSheetXml('<row r="9"><c r="A9">')))).toBe('unreadable');
  });

  it('refuses archives another ZIP reader would read differently', async () => {
    const parts = await baseParts();
    // Bytes before the archive: JSZip would shift every offset, yauzl would not.
    expect(limitOf(await checkXlsxLimits(writeZip(parts, { prefix: Buffer.alloc(64) })))).toBe('unreadable');
    // More central records than the end record declares: JSZip reads them all.
    expect(limitOf(await checkXlsxLimits(writeZip(parts, { declaredCount: 1 })))).toBe('unreadable');
    // Not a ZIP at all, and trailing bytes after the end record.
    expect(limitOf(await checkXlsxLimits(Buffer.from('not a zip')))).toBe('unreadable');
    expect(limitOf(await checkXlsxLimits(Buffer.concat([writeZip(parts), Buffer.from('tail')])))).toBe(
      'unreadable',
    );
  });

  it('honours limits given by the caller', async () => {
    const parts = await baseParts();
    const r = await checkXlsxLimits(writeZip(parts), { ...DEFAULT_XLSX_LIMITS, maxRows: 2 });
    expect(limitOf(r)).toBe('rows');
  });
});
