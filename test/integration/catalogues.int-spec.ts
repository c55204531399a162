import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { countRows, makeOrg, makeUser, PASSWORD } from '../support/factories';
import { browser, createTestApp, type TestApp, type TestBrowser } from '../support/test-app';

const REFERENCE = `${__dirname}/../../../shared/reference`;
const METI_CSV = readFileSync(`${REFERENCE}/meti-scs-criteria-2026-03-27.csv`);
const JAMA_OSCAL = readFileSync(`${REFERENCE}/oscal/jama-japia-cybersecurity-guidelines-v2.2.json`);
const METI_ROWS = parse(METI_CSV, { bom: true, relax_column_count: true }) as string[][];

const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const toCsv = (rows: string[][]) => `${rows.map((r) => r.map(quote).join(',')).join('\n')}\n`;
/** Index of the first criterion row (after the two header rows) in the official file. */
const FIRST_DATA = 2;

interface TreeNode {
  criteria?: { id: string; level: number; provisional: boolean }[];
  requirements?: TreeNode[];
  subgroups?: TreeNode[];
}
function criteriaOf(tree: { groups: TreeNode[] }): { id: string; level: number }[] {
  const out: { id: string; level: number }[] = [];
  const walk = (n: TreeNode) => {
    out.push(...(n.criteria ?? []));
    (n.requirements ?? []).forEach(walk);
    (n.subgroups ?? []).forEach(walk);
  };
  tree.groups.forEach(walk);
  return out;
}

describe('guideline catalogues (real PostgreSQL + Redis)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function session(role: 'admin' | 'procurement' | 'evaluator' | 'respondent' = 'admin') {
    const org = await makeOrg(t.db);
    const user = await makeUser(t.db, org, role);
    const b: TestBrowser = await (await browser(t)).login(user.email, PASSWORD);
    return { org, user, b };
  }

  function upload(
    b: TestBrowser,
    orgId: string,
    file: Buffer,
    name: string,
    fields: Record<string, string> = {},
  ) {
    let req = b.post(`/api/orgs/${orgId}/catalogues/import`);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', file, name);
  }

  it('lists the built-in catalogues to logged-in users, the provisional ★5 profile flagged', async () => {
    await (await browser(t)).get('/api/catalogues').expect(401);
    const { b } = await session('respondent');
    const res = await b.get('/api/catalogues').expect(200);
    const items = res.body.items as { id: string; provisional: boolean; origin: string }[];
    expect(items.map((i) => i.id)).toEqual(
      expect.arrayContaining([
        'meti-scs',
        'jama-japia',
        'ipa-sme-selfcheck',
        'ipa-5kajo',
        'scs-star5-provisional',
      ]),
    );
    expect(items.every((i) => i.origin === 'built-in')).toBe(true);
    expect(items.find((i) => i.id === 'scs-star5-provisional')!.provisional).toBe(true);
    expect(items.find((i) => i.id === 'meti-scs')!.provisional).toBe(false);
  });

  it('returns the METI tree (latest alias and explicit version) and 404 problems for unknown ids', async () => {
    const { b } = await session('respondent');
    const res = await b.get('/api/catalogues/meti-scs/versions/latest').expect(200);
    expect(res.body).toMatchObject({ id: 'meti-scs', version: '2026-03-27', provisional: false });
    expect(res.body.counts).toEqual({ groups: 7, requirements: 43, criteria: 153 });
    expect(res.body.groups).toHaveLength(7);
    const criteria = criteriaOf(res.body);
    expect(criteria).toHaveLength(153);
    expect(criteria.filter((c) => c.level === 3)).toHaveLength(81);
    expect(res.body.groups[0].subgroups[0].requirements[0].criteria[0]).toMatchObject({
      id: '1-1-1-1',
      title: { ja: expect.any(String), en: expect.any(String) },
    });
    await b.get('/api/catalogues/meti-scs/versions/2026-03-27').expect(200);

    const star5 = await b.get('/api/catalogues/scs-star5-provisional/versions/latest').expect(200);
    expect(star5.body.provisional).toBe(true);
    expect(star5.body.levels.some((l: { provisional: boolean }) => l.provisional)).toBe(true);

    for (const path of [
      '/api/catalogues/nope/versions/latest',
      '/api/catalogues/meti-scs/versions/1999-01-01',
    ]) {
      const missing = await b.get(path).expect(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(missing.body.code).toBe('NOT_FOUND');
    }
  });

  it('returns crosswalk links for a criterion in both directions', async () => {
    const { b } = await session('evaluator');
    const meti = await b
      .get('/api/catalogues/meti-scs/versions/latest/criteria/1-3-1-1/crosswalk')
      .expect(200);
    expect(meti.body.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          from: { catalogueId: 'meti-scs', itemId: '1-3-1-1' },
          to: { catalogueId: 'jama-japia', itemId: 'No.1' },
          source: 'official',
          direction: 'outgoing',
          relation: expect.any(String),
        }),
      ]),
    );
    const jama = await b
      .get('/api/catalogues/jama-japia/versions/latest/criteria/No.1/crosswalk')
      .expect(200);
    expect(jama.body.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          from: { catalogueId: 'jama-japia', itemId: 'No.1' },
          to: { catalogueId: 'meti-scs', itemId: '1-3-1-1' },
          source: 'official',
          direction: 'incoming',
        }),
      ]),
    );
    await b.get('/api/catalogues/meti-scs/versions/latest/criteria/9-9-9-9/crosswalk').expect(404);
  });

  it('imports the official METI CSV, stores its sha256, refuses a re-import and diffs the next version', async () => {
    const { org, b } = await session('admin');
    const res = await upload(b, org.id, METI_CSV, 'meti.csv', { version: '2026-03-27' }).expect(201);
    const sha256 = createHash('sha256').update(METI_CSV).digest('hex');
    expect(res.body).toMatchObject({
      catalogueId: 'meti-scs',
      version: '2026-03-27',
      sourceFormat: 'meti-csv',
      sha256,
      counts: { groups: 7, requirements: 43, criteria: 153 },
    });
    expect(res.body.diff).toBeUndefined();
    const [row] = await t.db.query<{ sha256: string; n: number }[]>(
      `SELECT sha256, jsonb_array_length(catalogue->'criteria') AS n FROM imported_catalogues WHERE id = $1`,
      [res.body.id],
    );
    expect(row).toEqual({ sha256, n: 153 });

    const before = await countRows(t.db, 'imported_catalogues');
    const again = await upload(b, org.id, METI_CSV, 'meti.csv', { version: '2026-03-27' }).expect(409);
    expect(again.body.code).toBe('CATALOGUE_VERSION_EXISTS');
    expect(await countRows(t.db, 'imported_catalogues')).toBe(before);

    // A later version with one criterion removed: the diff is against the previous import.
    const shorter = METI_ROWS.filter((_, i) => i !== FIRST_DATA);
    const next = await upload(b, org.id, Buffer.from(toCsv(shorter)), 'meti.csv', {
      version: '2026-04-01',
      format: 'meti-csv',
    }).expect(201);
    expect(next.body.counts.criteria).toBe(152);
    expect(next.body.diff).toMatchObject({
      againstImportId: res.body.id,
      againstVersion: '2026-03-27',
      added: [],
      removed: [METI_ROWS[FIRST_DATA]![10]],
    });

    const list = await b.get(`/api/orgs/${org.id}/catalogues`).expect(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0]).toMatchObject({ id: res.body.id, sha256, counts: { criteria: 153 } });
    expect(list.body.items[0].catalogue).toBeUndefined();
    const tree = await b.get(`/api/orgs/${org.id}/catalogues/${res.body.id}`).expect(200);
    expect(tree.body).toMatchObject({ importId: res.body.id, wording: 'official' });
    expect(criteriaOf(tree.body)).toHaveLength(153);

    const combined = await b.get(`/api/catalogues?orgId=${org.id}`).expect(200);
    expect(combined.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ origin: 'imported', importId: res.body.id })]),
    );
  });

  it('imports the OSCAL JAMA catalog (format sniffed from the content)', async () => {
    const { org, b } = await session('admin');
    const res = await upload(b, org.id, JAMA_OSCAL, 'jama.json').expect(201);
    expect(res.body.sourceFormat).toBe('oscal-json');
    expect(res.body.counts.criteria).toBeGreaterThan(100);
    expect(res.body.sha256).toBe(createHash('sha256').update(JAMA_OSCAL).digest('hex'));
    await b.get(`/api/orgs/${org.id}/catalogues/${res.body.id}`).expect(200);
  });

  it('refuses invalid files with 422, naming the row or path, and stores nothing', async () => {
    const { org, b } = await session('admin');
    const before = await countRows(t.db, 'imported_catalogues');
    const expectInvalid = async (file: Buffer, name: string, fields: Record<string, string> = {}) => {
      const res = await upload(b, org.id, file, name, fields).expect(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('CATALOGUE_IMPORT_INVALID');
      expect(res.body.errors.length).toBeGreaterThan(0);
      return res.body.errors as { row?: number; field?: string; column?: string; message: string }[];
    };

    const criterionCol = METI_ROWS[0]!.indexOf('評価基準No.');
    const missing = await expectInvalid(
      Buffer.from(toCsv(METI_ROWS.map((r) => r.filter((_, i) => i !== criterionCol)))),
      'missing.csv',
    );
    expect(missing).toEqual([expect.objectContaining({ row: 1 })]);
    expect(missing[0]!.message).toContain('評価基準No.');

    const duplicate = await expectInvalid(
      Buffer.from(toCsv([...METI_ROWS, METI_ROWS[FIRST_DATA]!])),
      'duplicate.csv',
    );
    expect(duplicate).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: METI_ROWS.length + 1, field: '評価基準No.' })]),
    );

    const levelCol = METI_ROWS[0]!.indexOf('★3/★4');
    const badLevel = METI_ROWS.map((r, i) =>
      i === FIRST_DATA ? r.map((c, j) => (j === levelCol ? '★9' : c)) : r,
    );
    const level = await expectInvalid(Buffer.from(toCsv(badLevel)), 'level.csv');
    expect(level).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: FIRST_DATA + 1, field: '★3/★4' })]),
    );

    const json = await expectInvalid(Buffer.from('{"catalog": {'), 'broken.json', { format: 'oscal-json' });
    expect(json[0]).toMatchObject({ field: 'file' });
    const noCatalog = await expectInvalid(Buffer.from('{"something": {}}'), 'other.json');
    expect(noCatalog[0]).toMatchObject({ field: 'catalog' });

    const badFormat = await upload(b, org.id, METI_CSV, 'meti.csv', { format: 'pdf' }).expect(400);
    expect(badFormat.body.errors[0].field).toBe('format');
    const tooBig = await upload(b, org.id, Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), 'big.csv').expect(413);
    expect(tooBig.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await countRows(t.db, 'imported_catalogues')).toBe(before);
  });

  it('requires the admin role to import and keeps other organizations out', async () => {
    const x = await session('admin');
    const imported = await upload(x.b, x.org.id, METI_CSV, 'meti.csv').expect(201);

    const evaluator = await makeUser(t.db, x.org, 'evaluator');
    const eb = await (await browser(t)).login(evaluator.email, PASSWORD);
    const denied = await upload(eb, x.org.id, METI_CSV, 'meti.csv', { version: 'other' }).expect(403);
    expect(denied.body.code).toBe('ROLE_REQUIRED');
    await eb.get(`/api/orgs/${x.org.id}/catalogues/${imported.body.id}`).expect(200);

    const respondent = await makeUser(t.db, x.org, 'respondent');
    const rb = await (await browser(t)).login(respondent.email, PASSWORD);
    expect((await rb.get(`/api/orgs/${x.org.id}/catalogues`).expect(403)).body.code).toBe('ROLE_REQUIRED');

    const y = await session('admin');
    for (const path of [
      `/api/orgs/${x.org.id}/catalogues`,
      `/api/orgs/${x.org.id}/catalogues/${imported.body.id}`,
      `/api/orgs/${y.org.id}/catalogues/${imported.body.id}`,
      `/api/catalogues?orgId=${x.org.id}`,
    ]) {
      expect((await y.b.get(path).expect(404)).body.code).toBe('NOT_FOUND');
    }
    await upload(y.b, x.org.id, METI_CSV, 'meti.csv', { version: 'intruder' }).expect(404);
    const [stored] = await t.db.query<{ n: string }[]>(
      'SELECT count(*)::text AS n FROM imported_catalogues WHERE organization_id = $1',
      [x.org.id],
    );
    expect(stored!.n).toBe('1');
  });
});
