import { getCatalogue, type Catalogue } from '@tierstar/guidelines';
import { ANSWER_VALUES, type AnswerValue } from '@tierstar/scoring';
import ExcelJS from 'exceljs';
import {
  ANSWER_LABELS,
  ASSESSMENT_COLUMNS,
  META_SHEET_NAME,
  buildAssessmentWorkbook,
  cellText,
  columnLetter,
  criteriaInScope,
  parseAnswerText,
  parseAssessmentWorkbook,
  type AssessmentWorkbookError,
  type WorkbookAnswer,
} from './assessment-workbook';

const meti = getCatalogue('meti-scs') as Catalogue;
const jama = getCatalogue('jama-japia') as Catalogue;
const ASSESSMENT_ID = '7f1d2c3a-0000-4000-8000-000000000001';

function scopeOf(catalogue: Catalogue, target: number | null): Set<string> {
  return new Set(criteriaInScope(catalogue, target).map((c) => c.id));
}

/** Deterministic answers for every criterion in scope: cycles through every value, with notes and reasons. */
function answersFor(catalogue: Catalogue, target: number | null): Map<string, WorkbookAnswer> {
  const m = new Map<string, WorkbookAnswer>();
  criteriaInScope(catalogue, target).forEach((c, i) => {
    const value = ANSWER_VALUES[i % ANSWER_VALUES.length] as AnswerValue;
    m.set(c.id, {
      value,
      note: i % 3 === 0 ? `メモ ${i}\n二行目` : '',
      naReason: value === 'not_applicable' ? `該当する業務がない (${c.id})` : '',
      evidenceNames: i % 4 === 0 ? ['policy.pdf', '規程.docx'] : [],
    });
  });
  return m;
}

async function build(
  locale: 'ja' | 'en',
  opts: {
    catalogue?: Catalogue;
    target?: number | null;
    answers?: Map<string, WorkbookAnswer>;
    id?: string;
  } = {},
): Promise<Buffer> {
  const catalogue = opts.catalogue ?? meti;
  const target = opts.target === undefined ? 3 : opts.target;
  return buildAssessmentWorkbook({
    catalogue,
    locale,
    assessmentId: opts.id ?? ASSESSMENT_ID,
    supplierName: '株式会社サンプル部品',
    campaignTitle: '2026年度 取引先セキュリティ調査',
    targetLevel: target,
    answers: opts.answers ?? answersFor(catalogue, target),
  });
}

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(buf).slice().buffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Builds a workbook, lets `edit` change the answer sheet with exceljs, and parses the result. */
async function parseEdited(
  edit: (sheet: ExcelJS.Worksheet, rowOf: (id: string) => number, wb: ExcelJS.Workbook) => void,
  opts: { locale?: 'ja' | 'en'; answers?: Map<string, WorkbookAnswer> } = {},
) {
  const wb = await load(await build(opts.locale ?? 'ja', { answers: opts.answers ?? new Map() }));
  const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
  const rowOf = (id: string): number => {
    for (let r = 2; r <= sheet.rowCount; r++) {
      if (cellText(sheet.getCell(`${ASSESSMENT_COLUMNS.criterion}${r}`).value) === id) return r;
    }
    throw new Error(`no row for ${id}`);
  };
  edit(sheet, rowOf, wb);
  return parseAssessmentWorkbook(await save(wb), {
    catalogue: meti,
    assessmentId: ASSESSMENT_ID,
    scopeIds: scopeOf(meti, 3),
  });
}

function errorsOf(result: Awaited<ReturnType<typeof parseAssessmentWorkbook>>): AssessmentWorkbookError[] {
  if (result.ok) throw new Error('expected errors, got ok');
  return result.errors;
}

const brief = (errors: AssessmentWorkbookError[]) =>
  errors.map((e) => ({ code: e.code, row: e.row, column: e.column }));

describe('assessment workbook', () => {
  const scope3 = criteriaInScope(meti, 3);

  it('has 81 criteria in scope for METI ★3 (the official figure)', () => {
    expect(scope3.length).toBe(meti.criteria.filter((c) => c.level <= 3).length);
    expect(scope3.length).toBe(81);
  });

  it.each(['ja', 'en'] as const)('round-trips answers built in %s', async (locale) => {
    const answers = answersFor(meti, 3);
    const buf = await build(locale, { answers });
    const result = await parseAssessmentWorkbook(buf, {
      catalogue: meti,
      assessmentId: ASSESSMENT_ID,
      scopeIds: scopeOf(meti, 3),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
    expect(result.rows).toHaveLength(81);
    expect(result.rows.map((r) => r.criterionId)).toEqual(scope3.map((c) => c.id));
    expect(result.rows.map((r) => r.row)).toEqual(scope3.map((_, i) => i + 2));
    for (const row of result.rows) {
      const a = answers.get(row.criterionId) as WorkbookAnswer;
      expect({ value: row.value, note: row.note, naReason: row.naReason }).toEqual({
        value: a.value,
        note: a.note,
        naReason: a.naReason,
      });
    }
  });

  it('lays the sheet out like the criteria sheet (ja)', async () => {
    const answers = answersFor(meti, 3);
    const wb = await load(await build('ja', { answers }));
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['自己評価', 'visible'],
      ['記入方法', 'visible'],
      [META_SHEET_NAME, 'veryHidden'],
    ]);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(1 + 81);
    const header = Array.from({ length: 10 }, (_, i) => cellText(sheet.getRow(1).getCell(i + 1).value));
    expect(header).toEqual([
      '分類',
      '要求事項ID',
      '評価基準ID',
      'レベル',
      '項目',
      '説明',
      '回答',
      'メモ',
      '該当しない理由',
      '証跡ファイル(参照のみ)',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const first = scope3[0];
    const row2 = sheet.getRow(2);
    const group = meti.groups.find((g) => g.id === first?.groupId);
    expect(cellText(row2.getCell(1).value)).toBe(`${group?.id} ${group?.title.ja}`);
    expect(cellText(row2.getCell(2).value)).toBe(first?.requirementId);
    expect(cellText(row2.getCell(3).value)).toBe(first?.id);
    expect(cellText(row2.getCell(4).value)).toBe('★3');
    expect(cellText(row2.getCell(5).value)).toBe(first?.title.ja);
    expect(cellText(row2.getCell(6).value)).toBe(first?.explanation.ja);
    expect(cellText(row2.getCell(7).value)).toBe(ANSWER_LABELS.met.ja);
    expect(cellText(row2.getCell(10).value)).toBe('policy.pdf\n規程.docx');

    const answer = row2.getCell(7);
    expect(answer.dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"実施している,一部実施,実施していない,該当しない,わからない"'],
    });
    expect(answer.alignment?.wrapText).toBe(true);
    // Non-editable columns are grey, editable ones are not.
    expect(row2.getCell(3).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFEDEDED' } });
    expect(row2.getCell(10).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFEDEDED' } });
    expect((answer.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFEDEDED');
    expect(sheet.getColumn(6).width).toBeGreaterThan(sheet.getColumn(3).width ?? 0);

    const meta = wb.getWorksheet(META_SHEET_NAME) as ExcelJS.Worksheet;
    const kv = new Map<string, string>();
    meta.eachRow((r) => kv.set(cellText(r.getCell(1).value), cellText(r.getCell(2).value)));
    expect(Object.fromEntries(kv)).toMatchObject({
      assessmentId: ASSESSMENT_ID,
      catalogueId: 'meti-scs',
      catalogueVersion: meti.version,
      format: 'tierstar-assessment/1',
    });
    const help = wb.getWorksheet('記入方法') as ExcelJS.Worksheet;
    expect(cellText(help.getCell('A1').value)).toContain('株式会社サンプル部品');
  });

  it('uses English headers, labels and drop-down for locale en', async () => {
    const wb = await load(await build('en'));
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe('Self-assessment');
    expect(cellText(sheet.getCell('G1').value)).toBe('Answer');
    expect(cellText(sheet.getCell('D2').value)).toBe('★3');
    expect(cellText(sheet.getCell('G2').value)).toBe('Met');
    expect(sheet.getCell('G2').dataValidation.formulae).toEqual([
      '"Met,Partial,Not met,Not applicable,Unknown"',
    ]);
    expect(wb.getWorksheet('Instructions')).toBeDefined();
  });

  it('includes every criterion when the target level is null', async () => {
    const wb = await load(await build('en', { target: null, answers: new Map() }));
    expect((wb.worksheets[0] as ExcelJS.Worksheet).rowCount).toBe(1 + meti.criteria.length);
  });

  it('works for the JAMA catalogue at target Lv1', async () => {
    const scope = criteriaInScope(jama, 1);
    expect(scope.length).toBe(jama.criteria.filter((c) => c.level <= 1).length);
    const answers = answersFor(jama, 1);
    const buf = await build('ja', { catalogue: jama, target: 1, answers });
    const wb = await load(buf);
    expect(cellText((wb.worksheets[0] as ExcelJS.Worksheet).getCell('D2').value)).toBe('Lv1');
    const result = await parseAssessmentWorkbook(buf, {
      catalogue: jama,
      assessmentId: ASSESSMENT_ID,
      scopeIds: new Set(scope.map((c) => c.id)),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
    expect(result.rows.map((r) => [r.criterionId, r.value])).toEqual(
      scope.map((c) => [c.id, answers.get(c.id)?.value]),
    );
  });

  it('accepts labels in the other language, codes, rich text, numbers, formulas and whitespace', async () => {
    const ids = scope3.slice(0, 6).map((c) => c.id);
    const result = await parseEdited(
      (sheet, rowOf) => {
        const [a, b, c, d, e, f] = ids.map(rowOf) as [number, number, number, number, number, number];
        sheet.getCell(`G${a}`).value = '  Not met\u3000';
        sheet.getCell(`G${b}`).value = 'not_applicable';
        sheet.getCell(`I${b}`).value = { richText: [{ text: '\u3000該当' }, { text: '業務なし ' }] };
        sheet.getCell(`G${c}`).value = { formula: 'LOWER("MET")', result: 'met' };
        sheet.getCell(`H${c}`).value = 42;
        sheet.getCell(`G${d}`).value = 'Ｐａｒｔｉａｌ';
        sheet.getCell(`G${e}`).value = { richText: [{ text: 'わから' }, { text: 'ない' }] };
        sheet.getCell(`G${f}`).value = 'NOT MET';
      },
      { locale: 'ja' },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.rows.map((r) => [r.criterionId, r.value, r.note, r.naReason])).toEqual([
      [ids[0], 'not_met', '', ''],
      [ids[1], 'not_applicable', '', '該当業務なし'],
      [ids[2], 'met', '42', ''],
      [ids[3], 'partial', '', ''],
      [ids[4], 'unknown', '', ''],
      [ids[5], 'not_met', '', ''],
    ]);
  });

  it('parses a workbook built in en with Japanese headers typed over (either language accepted)', async () => {
    const result = await parseEdited(
      (sheet) => {
        sheet.getCell('G1').value = ' 回答 ';
        sheet.getCell('C1').value = 'criterion id';
      },
      { locale: 'en', answers: answersFor(meti, 3) },
    );
    expect(result.ok).toBe(true);
  });

  it('skips rows with an empty answer, but requires an answer when a note or reason is given', async () => {
    const [a, b] = scope3.map((c) => c.id);
    const result = await parseEdited((sheet, rowOf) => {
      sheet.getCell(`H${rowOf(a as string)}`).value = 'note without answer';
      sheet.getCell(`I${rowOf(b as string)}`).value = '  ';
    });
    expect(brief(errorsOf(result))).toEqual([{ code: 'INVALID_ANSWER', row: 2, column: 'G' }]);
    expect(errorsOf(result)[0]?.message.en).toContain('answer required');

    const empty = await parseEdited(() => undefined);
    expect(empty).toEqual({ ok: true, rows: [] });
  });

  it('reports a wrong header, naming the column', async () => {
    const result = await parseEdited((sheet) => {
      sheet.getCell('G1').value = '状況';
      sheet.getCell('I1').value = null;
    });
    expect(brief(errorsOf(result))).toEqual([
      { code: 'WORKBOOK_HEADER_INVALID', row: 1, column: 'G' },
      { code: 'WORKBOOK_HEADER_INVALID', row: 1, column: 'I' },
    ]);
    expect(errorsOf(result)[0]?.message.ja).toContain('回答');
  });

  it('collects every row error with row numbers and column letters', async () => {
    const level4 = meti.criteria.find((c) => c.level === 4)?.id as string;
    const [c0, c1, c2, c3, c4, c5] = scope3.map((c) => c.id) as string[];
    let rows: Record<string, number> = {};
    const result = await parseEdited((sheet, rowOf) => {
      rows = Object.fromEntries([c0, c1, c2, c3, c4, c5].map((id) => [id as string, rowOf(id as string)]));
      // Unknown id.
      sheet.getCell(`C${rows[c0 as string]}`).value = '9-9-9-9';
      sheet.getCell(`G${rows[c0 as string]}`).value = '実施している';
      // Duplicate: c2's row renamed to c1, both answered.
      sheet.getCell(`G${rows[c1 as string]}`).value = '実施している';
      sheet.getCell(`C${rows[c2 as string]}`).value = c1;
      sheet.getCell(`G${rows[c2 as string]}`).value = '一部実施';
      // Out of scope (level 4).
      sheet.getCell(`C${rows[c3 as string]}`).value = level4;
      sheet.getCell(`G${rows[c3 as string]}`).value = 'Met';
      // Bad answer.
      sheet.getCell(`G${rows[c4 as string]}`).value = 'たぶん';
      // n/a without reason, and a note that is too long.
      sheet.getCell(`G${rows[c5 as string]}`).value = '該当しない';
      sheet.getCell(`H${rows[c5 as string]}`).value = 'x'.repeat(2001);
    });
    const errors = errorsOf(result);
    expect(brief(errors)).toEqual([
      { code: 'UNKNOWN_CRITERION', row: rows[c0 as string], column: 'C' },
      { code: 'DUPLICATE_CRITERION', row: rows[c2 as string], column: 'C' },
      { code: 'CRITERION_OUT_OF_SCOPE', row: rows[c3 as string], column: 'C' },
      { code: 'INVALID_ANSWER', row: rows[c4 as string], column: 'G' },
      { code: 'NA_REASON_REQUIRED', row: rows[c5 as string], column: 'I' },
      { code: 'TEXT_TOO_LONG', row: rows[c5 as string], column: 'H' },
    ]);
    expect(rows).toEqual({
      [c0 as string]: 2,
      [c1 as string]: 3,
      [c2 as string]: 4,
      [c3 as string]: 5,
      [c4 as string]: 6,
      [c5 as string]: 7,
    });
    expect(errors[1]?.message.en).toContain('row 3');
    for (const e of errors) {
      expect(e.message.ja.length).toBeGreaterThan(0);
      expect(e.message.en.length).toBeGreaterThan(0);
    }
  });

  it('refuses a workbook for another assessment', async () => {
    const buf = await build('ja', { id: 'another-assessment' });
    const result = await parseAssessmentWorkbook(buf, {
      catalogue: meti,
      assessmentId: ASSESSMENT_ID,
      scopeIds: scopeOf(meti, 3),
    });
    expect(brief(errorsOf(result))).toEqual([
      { code: 'WORKBOOK_MISMATCH', row: undefined, column: undefined },
    ]);
  });

  it('refuses a workbook for another catalogue', async () => {
    const buf = await build('ja', { catalogue: jama, target: 1 });
    const result = await parseAssessmentWorkbook(buf, {
      catalogue: meti,
      assessmentId: ASSESSMENT_ID,
      scopeIds: scopeOf(meti, 3),
    });
    expect(errorsOf(result).map((e) => e.code)).toEqual(['WORKBOOK_MISMATCH']);
  });

  it('refuses a workbook without the _tierstar sheet', async () => {
    const result = await parseEdited((_sheet, _rowOf, wb) => {
      wb.removeWorksheet((wb.getWorksheet(META_SHEET_NAME) as ExcelJS.Worksheet).id);
    });
    expect(errorsOf(result).map((e) => e.code)).toEqual(['WORKBOOK_MISMATCH']);
  });

  it.each([
    ['random bytes', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256))],
    ['an empty file', Buffer.alloc(0)],
    ['a text file', Buffer.from('criterion,answer\n1-1-1-1,met\n')],
  ])('reports %s as unreadable', async (_name, buf) => {
    const result = await parseAssessmentWorkbook(buf, {
      catalogue: meti,
      assessmentId: ASSESSMENT_ID,
      scopeIds: scopeOf(meti, 3),
    });
    expect(brief(errorsOf(result))).toEqual([
      { code: 'WORKBOOK_UNREADABLE', row: undefined, column: undefined },
    ]);
  });

  it('refuses a workbook with too many rows or columns before exceljs loads it', async () => {
    const expect_ = { catalogue: meti, assessmentId: ASSESSMENT_ID, scopeIds: scopeOf(meti, 3) };
    const far = async (address: string) => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('自己評価').getCell(address).value = 'x';
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const rowsBomb = await far('A20000');
    const colsBomb = await far('XFD1');
    const xlsx = jest.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');
    try {
      const byRows = await parseAssessmentWorkbook(rowsBomb, expect_);
      const byCols = await parseAssessmentWorkbook(colsBomb, expect_);
      expect(xlsx).not.toHaveBeenCalled();
      expect(byRows).toEqual({
        ok: false,
        errors: [
          {
            code: 'WORKBOOK_LIMITS_EXCEEDED',
            message: {
              ja: 'この Excel ファイルは大きすぎるため読み込みません: 行数が上限 (10000 行) を超えています。',
              en: 'This workbook is too large to read: a sheet has more than 10000 rows.',
            },
          },
        ],
      });
      expect(byCols.ok ? '' : byCols.errors[0]!.message.en).toContain('more than 256 columns');
    } finally {
      xlsx.mockRestore();
    }
  });

  it('quotes at most 80 characters of a long cell back and measures it whole', async () => {
    const long = 'x'.repeat(100_000);
    const data = await build('ja');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(data).slice().buffer);
    const sheet = book.getWorksheet('自己評価')!;
    sheet.getCell(`${ASSESSMENT_COLUMNS.criterion}2`).value = long;
    sheet.getCell(`${ASSESSMENT_COLUMNS.answer}3`).value = long;
    sheet.getCell(`${ASSESSMENT_COLUMNS.note}4`).value = long;
    const r = await parseAssessmentWorkbook(Buffer.from(await book.xlsx.writeBuffer()), {
      catalogue: meti,
      assessmentId: ASSESSMENT_ID,
      scopeIds: scopeOf(meti, 3),
    });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    const unknown = errors.find((e) => e.row === 2 && e.code === 'UNKNOWN_CRITERION')!;
    expect(unknown.message.en).toBe(`Criterion ID "${'x'.repeat(80)}…" does not exist in this guideline.`);
    expect(errors.find((e) => e.row === 3 && e.code === 'INVALID_ANSWER')!.message.en).toContain(
      `"${'x'.repeat(80)}…"`,
    );
    expect(errors.find((e) => e.row === 4 && e.code === 'TEXT_TOO_LONG')!.message.en).toBe(
      'Keep it to 2000 characters (it has 100000).',
    );
  });

  it('neutralises formula-like text on export and restores it on import', async () => {
    const scope = criteriaInScope(meti, 3);
    const answers = new Map<string, WorkbookAnswer>([
      [
        scope[0]!.id,
        { value: 'met', note: '=HYPERLINK("https://evil.example")', naReason: '', evidenceNames: ['@x.pdf'] },
      ],
      [
        scope[1]!.id,
        { value: 'not_applicable', note: '＋81 担当', naReason: '－ 対象外', evidenceNames: [] },
      ],
    ]);
    const data = await build('ja', { answers });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(data).slice().buffer);
    const sheet = wb.getWorksheet('自己評価')!;
    expect(sheet.getCell(`${ASSESSMENT_COLUMNS.note}2`).value).toBe('\'=HYPERLINK("https://evil.example")');
    expect(sheet.getCell(`${ASSESSMENT_COLUMNS.evidence}2`).value).toBe("'@x.pdf");
    expect(sheet.getCell(`${ASSESSMENT_COLUMNS.note}3`).value).toBe("'＋81 担当");
    expect(sheet.getCell(`${ASSESSMENT_COLUMNS.naReason}3`).value).toBe("'－ 対象外");
    const parsed = await parseAssessmentWorkbook(data, {
      catalogue: meti,
      assessmentId: ASSESSMENT_ID,
      scopeIds: scopeOf(meti, 3),
    });
    expect(parsed.ok && parsed.rows).toEqual([
      {
        criterionId: scope[0]!.id,
        value: 'met',
        note: '=HYPERLINK("https://evil.example")',
        naReason: '',
        row: 2,
      },
      {
        criterionId: scope[1]!.id,
        value: 'not_applicable',
        note: '＋81 担当',
        naReason: '－ 対象外',
        row: 3,
      },
    ]);
  });

  it('reads answers in either language and as codes', () => {
    for (const v of ANSWER_VALUES) {
      expect(parseAnswerText(ANSWER_LABELS[v].ja)).toBe(v);
      expect(parseAnswerText(ANSWER_LABELS[v].en.toUpperCase())).toBe(v);
      expect(parseAnswerText(` ${v} `)).toBe(v);
    }
    expect(parseAnswerText('not-met')).toBe('not_met');
    expect(parseAnswerText('yes')).toBeUndefined();
  });

  it('names columns like Excel', () => {
    expect([1, 7, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'G', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
