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

  it('refuses crafted cells by their length before any pattern runs', () => {
    // The attack string of the old e-mail pattern (/^[^\s@]+@[^\s@]+\.[^\s@]+$/ backtracks polynomially).
    const attack = `a@${'.'.repeat(100_000)}@`;
    const longTags = 'x;'.repeat(50_000);
    const longNumber = `${cn1}${'-'.repeat(100_000)}`;
    const result = parseSupplierCsv(
      `name,corporate_number,contact_email,tags\nA,${longNumber},${attack},${longTags}\nB,,a@${'.'.repeat(200)}@,\n`,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column, e.message.en])).toEqual([
      [2, 'corporate_number', 'corporate_number is not a valid 13-digit 法人番号 (check digit).'],
      [2, 'contact_email', 'contact_email is longer than 254 characters.'],
      [2, 'tags', 'tags: at most 20, each up to 40 characters, separated by ;'],
      [3, 'contact_email', 'contact_email is not a valid email address.'],
    ]);
  });

  it('checks e-mail addresses as the JSON API does', () => {
    const emailOf = (email: string) => {
      const r = parseSupplierCsv(`name,contact_email\nA,${email}\n`);
      return r.ok ? r.rows[0]!.contactEmail : r.errors[0]!.message.en;
    };
    expect(emailOf('Sec.Team+csv@Towa-Seimitsu.example.jp')).toBe('sec.team+csv@towa-seimitsu.example.jp');
    for (const bad of ['a@b', 'a@@b.example', 'a b@c.example', 'a@b..example', '@b.example']) {
      expect(emailOf(bad)).toBe('contact_email is not a valid email address.');
    }
  });

  it('decodes Shift_JIS files written by Excel', () => {
    // "名称\n東和" in Shift_JIS
    const sjis = Buffer.from([0x96, 0xbc, 0x8f, 0xcc, 0x0a, 0x93, 0x8c, 0x98, 0x61]);
    expect(decodeCsv(sjis)).toBe('名称\n東和');
    expect(decodeCsv(Buffer.from('\ufeff名称', 'utf8'))).toBe('名称');
  });
});
