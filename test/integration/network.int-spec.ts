import { countRows, corporateNumber, makeLink, makeOrg, makeUser, PASSWORD } from '../support/factories';
import { browser, createTestApp, type TestApp, type TestBrowser } from '../support/test-app';

describe('supply network (real PostgreSQL + Redis)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function buyerSession(role: 'procurement' | 'admin' = 'procurement') {
    const org = await makeOrg(t.db, { name: 'OEM' });
    const user = await makeUser(t.db, org, role);
    const b: TestBrowser = await (await browser(t)).login(user.email, PASSWORD);
    return { org, user, b };
  }

  it('tenant isolation: a member of org X gets 404 on every org Y record, even with known ids', async () => {
    const x = await buyerSession();
    const y = await buyerSession();
    const ySupplier = await makeOrg(t.db);
    const yLink = await makeLink(t.db, y.org, ySupplier);

    for (const path of [
      `/api/orgs/${y.org.id}`,
      `/api/orgs/${y.org.id}/network`,
      `/api/orgs/${y.org.id}/suppliers/${yLink.id}`,
    ]) {
      const res = await x.b.get(path).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    // The link id is not reachable through X's own organization either.
    await x.b.get(`/api/orgs/${x.org.id}/suppliers/${yLink.id}`).expect(404);
    await x.b.patch(`/api/orgs/${y.org.id}/suppliers/${yLink.id}`, { criticality: 'low' }).expect(404);
    await x.b.patch(`/api/orgs/${x.org.id}/suppliers/${yLink.id}`, { criticality: 'low' }).expect(404);
    await x.b.post(`/api/orgs/${y.org.id}/suppliers`, { name: 'intruder' }).expect(404);
    const [row] = await t.db.query<{ criticality: string }[]>(
      'SELECT criticality FROM supply_links WHERE id = $1',
      [yLink.id],
    );
    expect(row!.criticality).toBe('medium');
    // Y itself still reads it.
    await y.b.get(`/api/orgs/${y.org.id}/suppliers/${yLink.id}`).expect(200);
  });

  it('adds a supplier by 法人番号: the answer is what the buyer typed, registered number or not; a duplicate is refused', async () => {
    const { org, b } = await buyerSession();
    const existing = await makeOrg(t.db, { name: '既存部品株式会社' });
    await makeUser(t.db, existing, 'admin');
    const fresh = corporateNumber();
    const add = (name: string, number: string) =>
      b.post(`/api/orgs/${org.id}/suppliers`, {
        name,
        corporateNumber: number,
        tags: ['brakes'],
        criticality: 'high',
        contactEmail: 'Me@Buyer.test',
      });
    const known = await add('別名で入力', existing.corporateNumber!).expect(201);
    const unknown = await add('新規部品', fresh).expect(201);
    // Same shape, the typed name and number, a fresh id: nothing of the registered organization.
    const shape = (body: { linkId: string; supplier: { id: string } }) => ({
      ...body,
      linkId: 'x',
      supplier: { ...body.supplier, id: 'x' },
    });
    expect(shape(known.body)).toEqual({
      ...shape(unknown.body),
      supplier: { id: 'x', name: '別名で入力', corporateNumber: existing.corporateNumber },
    });
    expect(unknown.body.supplier).toMatchObject({ name: '新規部品', corporateNumber: fresh });
    expect(known.body.supplier.id).not.toBe(existing.id);
    const [{ name }] = await t.db.query<{ name: string }[]>('SELECT name FROM organizations WHERE id = $1', [
      existing.id,
    ]);
    expect(name).toBe('既存部品株式会社');

    const dup = await b
      .post(`/api/orgs/${org.id}/suppliers`, { name: 'again', corporateNumber: existing.corporateNumber })
      .expect(409);
    expect(dup.body.code).toBe('SUPPLIER_ALREADY_LINKED');
    await b.post(`/api/orgs/${org.id}/suppliers`, { name: 'again', corporateNumber: fresh }).expect(409);
    const self = await b
      .post(`/api/orgs/${org.id}/suppliers`, { name: 'me', corporateNumber: org.corporateNumber })
      .expect(422);
    expect(self.body.code).toBe('SUPPLIER_IS_SELF');
    const bad = await b
      .post(`/api/orgs/${org.id}/suppliers`, { name: 'x', corporateNumber: '1234567890123' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('corporateNumber');
  });

  it('imports a CSV all-or-nothing with row-numbered errors', async () => {
    const { org, b } = await buyerSession();
    const cn = [corporateNumber(), corporateNumber(), corporateNumber()];
    const orgsBefore = await countRows(t.db, 'organizations');
    const linksBefore = await countRows(t.db, 'supply_links');

    const badCsv = `name,corporate_number,contact_email,tags,criticality\nA社,${cn[0]},a@a.example,x,high\nB社,12345,b@b.example,,medium\n`;
    const bad = await b.agent
      .post(`/api/orgs/${org.id}/suppliers/import`)
      .set('X-CSRF-Token', (await b.get('/api/auth/csrf')).body.token)
      .attach('file', Buffer.from(badCsv), 'suppliers.csv')
      .expect(422);
    expect(bad.body.code).toBe('CSV_INVALID');
    expect(bad.body.errors).toEqual([expect.objectContaining({ row: 3, column: 'corporate_number' })]);
    expect(await countRows(t.db, 'organizations')).toBe(orgsBefore);
    expect(await countRows(t.db, 'supply_links')).toBe(linksBefore);

    // A conflict found only in the database (row 3 is already linked) also rolls back rows 2 and 4.
    const linked = await makeOrg(t.db, { corporateNumber: cn[1] });
    await makeLink(t.db, org, linked);
    const conflictCsv = `name,corporate_number\nA社,${cn[0]}\nB社,${cn[1]}\nC社,${cn[2]}\n`;
    const conflict = await b.agent
      .post(`/api/orgs/${org.id}/suppliers/import`)
      .set('X-CSRF-Token', (await b.get('/api/auth/csrf')).body.token)
      .attach('file', Buffer.from(conflictCsv), 'suppliers.csv')
      .expect(409);
    expect(conflict.body.errors).toEqual([expect.objectContaining({ row: 3 })]);
    expect(await countRows(t.db, 'supply_links')).toBe(linksBefore + 1);

    const goodCsv = `name,corporate_number,tags,criticality\nA社,${cn[0]},brakes;kyushu,high\nC社,${cn[2]},,\n`;
    const good = await b.agent
      .post(`/api/orgs/${org.id}/suppliers/import`)
      .set('X-CSRF-Token', (await b.get('/api/auth/csrf')).body.token)
      .attach('file', Buffer.from(goodCsv), 'suppliers.csv')
      .expect(201);
    expect(good.body).toEqual({ created: 2 });
    const page = await b.get(`/api/orgs/${org.id}/network?tier=1`).expect(200);
    expect(page.body.total).toBe(3);
    expect(
      page.body.items.find((i: { supplier: { name: string } }) => i.supplier.name === 'A社'),
    ).toMatchObject({ tags: ['brakes', 'kyushu'], criticality: 'high' });

    const binary = await b.agent
      .post(`/api/orgs/${org.id}/suppliers/import`)
      .set('X-CSRF-Token', (await b.get('/api/auth/csrf')).body.token)
      .attach('file', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'suppliers.csv')
      .expect(415);
    expect(binary.body.code).toBe('CSV_NOT_TEXT');
  });

  it('lists the network by tier through the recursive query: Tier 2 only when the Tier 1 discloses it', async () => {
    const { org: oem, b } = await buyerSession();
    const t1a = await makeOrg(t.db, { name: 'A一次' });
    const t1b = await makeOrg(t.db, { name: 'B一次' });
    await makeLink(t.db, oem, t1a);
    await makeLink(t.db, oem, t1b);
    const t2x = await makeOrg(t.db, { name: 'X二次' });
    const t2hidden = await makeOrg(t.db, { name: 'Z非公開' });
    await makeLink(t.db, t1a, t2x, { discloseUpstream: true });
    await makeLink(t.db, t1b, t2x, { discloseUpstream: true });
    await makeLink(t.db, t1a, t2hidden, { discloseUpstream: false });
    await makeLink(t.db, t2x, oem, { discloseUpstream: true }); // a cycle back to the OEM is not followed

    const tier1 = await b.get(`/api/orgs/${oem.id}/network?tier=1`).expect(200);
    expect(tier1.body.items.map((i: { supplier: { name: string } }) => i.supplier.name)).toEqual([
      'A一次',
      'B一次',
    ]);
    const tier2 = await b.get(`/api/orgs/${oem.id}/network?tier=2`).expect(200);
    expect(
      tier2.body.items
        .map((i: { supplier: { name: string }; via: { name: string } }) => [i.supplier.name, i.via.name])
        .sort(),
    ).toEqual([
      ['X二次', 'A一次'],
      ['X二次', 'B一次'],
    ]);
    const all = await b.get(`/api/orgs/${oem.id}/network`).expect(200);
    expect(all.body.total).toBe(4);

    // The Tier 1 sees its own suppliers, hidden ones included, as its Tier 1.
    const t1User = await makeUser(t.db, t1a, 'procurement');
    const tb = await (await browser(t)).login(t1User.email, PASSWORD);
    const own = await tb.get(`/api/orgs/${t1a.id}/network?tier=1`).expect(200);
    expect(own.body.items.map((i: { supplier: { name: string } }) => i.supplier.name).sort()).toEqual([
      'X二次',
      'Z非公開',
    ]);
  });

  it('pages with an opaque cursor and searches by name or 法人番号', async () => {
    const { org, b } = await buyerSession();
    const suppliers = [];
    for (let i = 0; i < 7; i++) suppliers.push(await makeOrg(t.db, { name: `部品${i}` }));
    for (const s of suppliers) await makeLink(t.db, org, s);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: {
        body: { items: { supplier: { name: string } }[]; nextCursor: string | null; total: number };
      } = await b
        .get(`/api/orgs/${org.id}/network?tier=1&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      expect(res.body.total).toBe(7);
      seen.push(...res.body.items.map((i) => i.supplier.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(suppliers.map((s) => s.name));

    const byNumber = await b
      .get(`/api/orgs/${org.id}/network?q=${suppliers[4]!.corporateNumber}`)
      .expect(200);
    expect(byNumber.body.items.map((i: { supplier: { name: string } }) => i.supplier.name)).toEqual([
      '部品4',
    ]);
    const badCursor = await b.get(`/api/orgs/${org.id}/network?cursor=not-a-cursor`).expect(400);
    expect(badCursor.body.code).toBe('INVALID_CURSOR');
    const badLimit = await b.get(`/api/orgs/${org.id}/network?limit=1000`).expect(400);
    expect(badLimit.body.errors[0].field).toBe('limit');
  });
});
