import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { launchCampaign, makeNetwork, metiStar3Ids, linkTokenOf } from '../support/campaign-fixtures';
import { countRows, PASSWORD } from '../support/factories';
import { pollUntil } from '../support/poll';
import { startTestSmtp } from '../support/smtp';
import { browser, createTestApp, type TestApp, type TestBrowser } from '../support/test-app';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('evidence uploads and the Excel round trip', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let supplier: TestBrowser;
  let buyer: TestBrowser;
  let assessmentId: string;
  const ids = metiStar3Ids();

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({
      ROLE: 'all',
      SMTP_URL: `smtp://127.0.0.1:${smtp.smtpPort}`,
      EVIDENCE_MAX_BYTES: String(64 * 1024),
    });
    const net = await makeNetwork(t.db, 1);
    buyer = await (await browser(t)).login(net.procurement.email, PASSWORD);
    await launchCampaign(buyer, net.buyer.id);
    const mail = await pollUntil(() =>
      Promise.resolve(smtp.messages.find((m) => m.to.includes(net.suppliers[0]!.contactEmail))),
    );
    supplier = await browser(t);
    const res = await supplier
      .post('/api/access-links/redeem', { token: await linkTokenOf(t, mail) })
      .expect(200);
    assessmentId = res.body.assessmentId;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const upload = (client: TestBrowser, criterionId: string, data: Buffer, name: string) =>
    client.agent
      .post(`/api/assessments/${assessmentId}/answers/${encodeURIComponent(criterionId)}/evidence`)
      .set('X-CSRF-Token', (client as unknown as { csrf: string }).csrf)
      .attach('file', data, name);

  it('stores evidence checked by content with its sha256; the buyer can download it', async () => {
    const res = await upload(supplier, ids[0]!, PNG, '証跡 画面.png').expect(201);
    expect(res.body).toMatchObject({
      filename: '証跡 画面.png',
      mediaType: 'image/png',
      size: PNG.length,
      sha256: createHash('sha256').update(PNG).digest('hex'),
    });
    const got = await buyer.agent
      .get(`/api/assessments/${assessmentId}/evidence/${res.body.id}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(got.body as Buffer, PNG)).toBe(0);
    expect(got.headers['content-disposition']).toContain('attachment');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses oversized, disguised and misplaced uploads and writes nothing', async () => {
    const before = await countRows(t.db, 'evidence_files');
    const big = await upload(supplier, ids[0]!, Buffer.concat([PNG, Buffer.alloc(70 * 1024)]), 'big.png');
    expect([big.status, big.body.code]).toEqual([413, 'EVIDENCE_TOO_LARGE']);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(200)]);
    const disguised = await upload(supplier, ids[0]!, elf, 'policy.pdf');
    expect([disguised.status, disguised.body.code]).toEqual([415, 'EVIDENCE_TYPE_NOT_ALLOWED']);
    const html = await upload(
      supplier,
      ids[0]!,
      Buffer.from('<html><script>alert(1)</script></html>'),
      'a.txt',
    );
    expect(html.status).toBe(415);
    const outside = await upload(supplier, '9-9-9-9', PNG, 'x.png');
    expect([outside.status, outside.body.code]).toEqual([422, 'CRITERION_NOT_IN_ASSESSMENT']);
    const byBuyer = await upload(buyer, ids[0]!, PNG, 'x.png');
    expect(byBuyer.status).toBe(403);
    expect(await countRows(t.db, 'evidence_files')).toBe(before);
  });

  async function exported(locale: 'ja' | 'en'): Promise<ExcelJS.Workbook> {
    const res = await supplier.agent
      .get(`/api/assessments/${assessmentId}/export.xlsx?locale=${locale}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.body as Buffer).slice().buffer);
    return wb;
  }

  const importWorkbook = async (wb: ExcelJS.Workbook) =>
    supplier.agent
      .post(`/api/assessments/${assessmentId}/import`)
      .set('X-CSRF-Token', (supplier as unknown as { csrf: string }).csrf)
      .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), '回答.xlsx');

  it('a filled workbook goes through the same path as the form: versions, revisions with the file as provenance', async () => {
    const wb = await exported('ja');
    const sheet = wb.worksheets.find((s) => s.state === 'visible')!;
    expect(sheet.rowCount - 1).toBe(ids.length);
    for (let r = 2; r <= sheet.rowCount; r++) sheet.getCell(`G${r}`).value = '実施している';
    sheet.getCell('H2').value = 'Excel から';
    const res = await importWorkbook(wb);
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(ids.length);
    expect(res.body.score.level).toBe(3);
    const detail = await supplier.get(`/api/assessments/${assessmentId}`).expect(200);
    const first = detail.body.answers.find((a: { criterionId: string }) => a.criterionId === ids[0]);
    expect(first).toMatchObject({
      value: 'met',
      note: 'Excel から',
      provenance: 'import',
      source: '回答.xlsx',
      version: 1,
    });
    const [rev] = await t.db.query(
      `SELECT count(*)::int AS n FROM answer_revisions WHERE assessment_id = $1 AND provenance = 'import'`,
      [assessmentId],
    );
    expect(rev.n).toBe(ids.length);
    // The export carries the evidence name uploaded earlier.
    const again = (await exported('en')).worksheets.find((s) => s.state === 'visible')!;
    expect(String(again.getCell('J2').value)).toContain('証跡 画面.png');
  });

  it('a bad workbook is refused with row and column, and nothing is written', async () => {
    const wb = await exported('en');
    const sheet = wb.worksheets.find((s) => s.state === 'visible')!;
    sheet.getCell('G2').value = 'maybe';
    sheet.getCell('C3').value = 'No.999';
    sheet.getCell('C4').value = String(sheet.getCell('C5').value);
    const before = await countRows(t.db, 'answer_revisions');
    const res = await importWorkbook(wb);
    expect([res.status, res.body.code]).toEqual([422, 'WORKBOOK_INVALID']);
    const byCell = res.body.errors.map(
      (e: { row: number; column: string; field: string }) => `${e.field}@${e.column}${e.row}`,
    );
    expect(byCell).toEqual(
      expect.arrayContaining([
        'INVALID_ANSWER@G2',
        'UNKNOWN_CRITERION@C3',
        expect.stringMatching(/^DUPLICATE_CRITERION@C[45]$/),
      ]),
    );

    const header = await exported('ja');
    header.worksheets.find((s) => s.state === 'visible')!.getCell('G1').value = '答え';
    const bad = await importWorkbook(header);
    expect([bad.status, bad.body.errors[0].field, bad.body.errors[0].column]).toEqual([
      422,
      'WORKBOOK_HEADER_INVALID',
      'G',
    ]);
    expect(await countRows(t.db, 'answer_revisions')).toBe(before);
  });
});
