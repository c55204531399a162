import request from 'supertest';
import { sha256Hex } from '../../apps/api/src/auth/tokens';
import { makeOrg, makeUser, PASSWORD } from '../support/factories';
import { browser, createTestApp, type TestApp } from '../support/test-app';

describe('organization API tokens for BI tools', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('an admin creates a read-only token that reads its own insights and nothing else; revoking stops it', async () => {
    const org = await makeOrg(t.db);
    const other = await makeOrg(t.db);
    const admin = await makeUser(t.db, org, 'admin');
    const procurement = await makeUser(t.db, org, 'procurement');
    const a = await (await browser(t)).login(admin.email, PASSWORD);

    const created = await a.post(`/api/orgs/${org.id}/api-tokens`, { name: 'Power BI' }).expect(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^tst_[\w-]{43}$/);
    // Only the hash is stored; the list never shows the secret.
    const [stored] = await t.db.query(`SELECT token_hash FROM api_tokens WHERE id = $1`, [created.body.id]);
    expect(stored.token_hash).toBe(sha256Hex(token));
    const list = await a.get(`/api/orgs/${org.id}/api-tokens`).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(token);

    const http = request(t.app.getHttpServer());
    const heatmap = await http.get(`/api/orgs/${org.id}/insights/heatmap`).set(bearer(token)).expect(200);
    expect(heatmap.body.tiers).toBeDefined();
    await http.get(`/api/orgs/${org.id}/insights/suppliers.csv`).set(bearer(token)).expect(200);
    // Another organization's insights: as if it did not exist.
    await http.get(`/api/orgs/${other.id}/insights/heatmap`).set(bearer(token)).expect(404);
    // Routes that don't admit tokens, and writes, need a person's session.
    await http.get(`/api/orgs/${org.id}/network`).set(bearer(token)).expect(401);
    await http.get(`/api/orgs/${org.id}/api-tokens`).set(bearer(token)).expect(401);
    await http.get(`/api/auth/me`).set(bearer(token)).expect(401);
    await http.get(`/api/orgs/${org.id}/insights/heatmap`).set(bearer('tst_wrong')).expect(401);

    // Only admins manage tokens.
    const p = await (await browser(t)).login(procurement.email, PASSWORD);
    await p.post(`/api/orgs/${org.id}/api-tokens`, { name: 'x' }).expect(403);
    await p.delete(`/api/orgs/${org.id}/api-tokens/${created.body.id}`).expect(403);

    await a.delete(`/api/orgs/${org.id}/api-tokens/${created.body.id}`).expect(204);
    await http.get(`/api/orgs/${org.id}/insights/heatmap`).set(bearer(token)).expect(401);
    await a.delete(`/api/orgs/${org.id}/api-tokens/${created.body.id}`).expect(404);
    const used = await a.get(`/api/orgs/${org.id}/api-tokens`).expect(200);
    expect(used.body.items[0]).toMatchObject({
      name: 'Power BI',
      lastUsedAt: expect.any(String),
      revokedAt: expect.any(String),
    });
  });
});
