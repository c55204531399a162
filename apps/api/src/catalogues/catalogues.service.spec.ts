import { importErrors, sniffFormat } from './catalogues.service';

const m = { ja: 'エラー', en: 'error' };

describe('sniffFormat', () => {
  it('recognises .xlsx by the ZIP magic bytes, JSON by a leading "{", else CSV', () => {
    expect(sniffFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe('meti-xlsx');
    expect(sniffFormat(Buffer.from(' \n\t{"catalog":{}}'))).toBe('oscal-json');
    expect(sniffFormat(Buffer.from('\ufeff{"catalog":{}}'))).toBe('oscal-json');
    expect(sniffFormat(Buffer.from('大分類No.,大分類\n'))).toBe('meti-csv');
    expect(sniffFormat(Buffer.from('PK'))).toBe('meti-csv');
    expect(sniffFormat(Buffer.alloc(0))).toBe('meti-csv');
  });
});

describe('importErrors', () => {
  it('splits importer locations into row, column and field', () => {
    expect(
      importErrors([
        { where: 'row 12, column K (評価基準No.)', message: m },
        { where: 'row 1', message: m },
        { where: 'catalog.controls[3].props', message: m },
        { where: 'file', message: m },
      ]),
    ).toEqual([
      { row: 12, column: 'K', field: '評価基準No.', message: m },
      { row: 1, message: m },
      { field: 'catalog.controls[3].props', message: m },
      { field: 'file', message: m },
    ]);
  });
});
