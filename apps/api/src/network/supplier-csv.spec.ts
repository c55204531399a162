import { withCheckDigit } from '../organizations/corporate-number';
import { decodeCsv, parseSupplierCsv } from './supplier-csv';

const cn1 = withCheckDigit('010001000001');
const cn2 = withCheckDigit('010001000002');

describe('parseSupplierCsv', () => {
  it('reads a valid file with English headers', () => {
    const result = parseSupplierCsv(
      `name,corporate_number,contact_email,tags,criticality\n東和精密,${cn1},Sec@Towa.example,brakes;kyushu,high\n北辰化成,,,,\n`,
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        {
          row: 2,
          name: '東和精密',
          corporateNumber: cn1,
          contactEmail: 'sec@towa.example',
          tags: ['brakes', 'kyushu'],
          criticality: 'high',
        },
        {
          row: 3,
          name: '北辰化成',
          corporateNumber: undefined,
          contactEmail: undefined,
          tags: [],
          criticality: 'medium',
        },
      ],
    });
  });

  it('reads Japanese headers and criticality words', () => {
    const result = parseSupplierCsv(`名称,法人番号,重要度\n東和精密,${cn1},重大\n`);
    expect(result.ok && result.rows[0]).toMatchObject({ name: '東和精密', criticality: 'critical' });
  });

  it('names the row and column of every bad cell', () => {
    const bad = `${cn2.slice(0, 12)}${(Number(cn2[12]) + 1) % 10}`;
    const result = parseSupplierCsv(
      `name,corporate_number,contact_email,criticality\nA,${cn1},a@x.example,high\n,${bad},not-an-email,urgent\nC,${cn1},,\n`,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'name'],
      [3, 'corporate_number'],
      [3, 'contact_email'],
      [3, 'criticality'],
      [4, 'corporate_number'],
    ]);
    expect(result.errors[4]!.message.en).toContain('row 2');
  });

  it('refuses unknown columns, a missing name column and empty files', () => {
    expect(parseSupplierCsv('name,price\nA,1\n')).toMatchObject({
      ok: false,
      errors: [{ row: 1, column: 'price' }],
    });
    expect(parseSupplierCsv('corporate_number\n\n')).toMatchObject({
      ok: false,
      errors: [{ row: 1, column: 'name' }],
    });
    expect(parseSupplierCsv('')).toMatchObject({ ok: false, errors: [{ row: 1 }] });
    expect(parseSupplierCsv('name\n')).toMatchObject({ ok: false, errors: [{ row: 2 }] });
  });

  it('decodes Shift_JIS files written by Excel', () => {
    // "名称\n東和" in Shift_JIS
    const sjis = Buffer.from([0x96, 0xbc, 0x8f, 0xcc, 0x0a, 0x93, 0x8c, 0x98, 0x61]);
    expect(decodeCsv(sjis)).toBe('名称\n東和');
    expect(decodeCsv(Buffer.from('\ufeff名称', 'utf8'))).toBe('名称');
  });
});
