import ExcelJS from 'exceljs';
import { toCsv, toXlsx } from './insights-export';

const PREFIXES = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];
const evil = (p: string) => `${p}HYPERLINK("https://evil.example","x")`;

const table = () => ({
  sheet: 'Suppliers',
  headers: ['Supplier', evil('=')],
  rows: PREFIXES.map((p) => [evil(p), -0.25]),
  percent: [],
});

describe('insights exports', () => {
  it('CSV: every formula prefix, ASCII and full-width, is neutralised; numbers stay numbers', () => {
    const lines = toCsv(table()).toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(`Supplier,"'=HYPERLINK(""https://evil.example"",""x"")"`);
    PREFIXES.forEach((p, i) => {
      const field = `'${evil(p)}`.replace(/"/g, '""');
      expect(lines[i + 1]).toBe(`"${field}",-0.25`);
    });
  });

  it('XLSX: every formula prefix is neutralised in cells and headers; no cell is a formula', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await toXlsx(table())).slice().buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('B1').value).toBe(`'${evil('=')}`);
    PREFIXES.forEach((p, i) => {
      const cell = ws.getCell(i + 2, 1);
      // XML turns a carriage return into a line feed; the apostrophe still comes first.
      expect(cell.value).toBe(`'${evil(p)}`.replace('\r', '\n'));
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(i + 2, 2).value).toBe(-0.25);
    });
  });
});
