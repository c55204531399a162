import { countRows, makeOrg, makeUser, PASSWORD } from '../support/factories';
import { browser, createTestApp, type TestApp } from '../support/test-app';

describe('auth (real PostgreSQL + Redis)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_ATTEMPTS: '3' });
  });
  afterAll(() => t.close());

  it('logs in with an httpOnly SameSite session cookie, serves /me, and logs out', async () => {
    const org = await makeOrg(t.db, { name: 'OEM テスト' });
    const user = await makeUser(t.db, org, 'procurement');
    const b = await browser(t);
    const res = await b
      .post('/api/auth/login', { email: user.email.toUpperCase(), password: PASSWORD })
      .expect(200);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('tierstar_session='),
    )!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await b.get('/api/auth/me').expect(200);
    expect(me.body).toEqual({
      user: { id: user.id, email: user.email, name: user.name, locale: 'ja' },
      memberships: [{ organizationId: org.id, organizationName: 'OEM テスト', role: 'procurement' }],
    });
    await b.post('/api/auth/logout').expect(204);
    const after = await b.get('/api/auth/me').expect(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
    expect(after.body.code).toBe('AUTH_REQUIRED');
  });

  it('rotates the session at login: the old session token stops working', async () => {
    const user = await makeUser(t.db, await makeOrg(t.db));
    const b = await browser(t);
    const first = await b.post('/api/auth/login', { email: user.email, password: PASSWORD }).expect(200);
    const oldCookie = (first.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('tierstar_session='))!
      .split(';')[0]!;
    await b.post('/api/auth/login', { email: user.email, password: PASSWORD }).expect(200);
    await b.get('/api/auth/me').expect(200);
    const other = await browser(t);
    await other.agent.get('/api/auth/me').set('Cookie', oldCookie).expect(401);
  });

  it('refuses state-changing requests without the CSRF header', async () => {
    const user = await makeUser(t.db, await makeOrg(t.db));
    const b = await browser(t);
    const res = await b.agent
      .post('/api/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(403);
    expect(res.body.code).toBe('CSRF_FAILED');
  });

  it('answers a wrong password and an unknown email the same way, then rate-limits', async () => {
    const user = await makeUser(t.db, await makeOrg(t.db));
    const b = await browser(t);
    const unknown = await b
      .post('/api/auth/login', { email: 'nobody@example.test', password: 'x' })
      .expect(401);
    expect(unknown.body.code).toBe('AUTH_INVALID_CREDENTIALS');
    for (let i = 0; i < 3; i++) {
      const res = await b
        .post('/api/auth/login', { email: user.email, password: 'wrong' })
        .set('Accept-Language', 'en')
        .expect(401);
      expect(res.body).toMatchObject({
        code: 'AUTH_INVALID_CREDENTIALS',
        detail: 'The email or password is wrong.',
      });
    }
    const limited = await b.post('/api/auth/login', { email: user.email, password: PASSWORD }).expect(429);
    expect(limited.body.code).toBe('AUTH_RATE_LIMITED');
    expect(limited.body.detail).toContain('ログイン');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('signs up a buyer organization with its admin and refuses bad input without writing anything', async () => {
    const b = await browser(t);
    const orgsBefore = await countRows(t.db, 'organizations');
    const usersBefore = await countRows(t.db, 'users');
    const valid = {
      organization: {
        name: '新規自動車株式会社',
        corporateNumber: '1180301018771',
        sizeBand: 'large',
        industry: '自動車',
      },
      user: { name: '山田 花子', email: 'hanako@newmotors.example', password: 'a-long-password' },
    };

    const wrongDigit = await b
      .post('/api/signup', {
        ...valid,
        organization: { ...valid.organization, corporateNumber: '2180301018771' },
      })
      .expect(400);
    expect(wrongDigit.body.code).toBe('VALIDATION_FAILED');
    expect(wrongDigit.body.errors).toEqual([
      expect.objectContaining({ field: 'organization.corporateNumber' }),
    ]);

    const unknownField = await b.post('/api/signup', { ...valid, plan: 'gold' }).expect(400);
    expect(unknownField.body.errors[0].field).toBe('plan');

    const malformed = await b.agent
      .post('/api/signup')
      .set('X-CSRF-Token', (await b.get('/api/auth/csrf')).body.token)
      .set('Content-Type', 'application/json')
      .send('{"organization": {')
      .expect(400);
    expect(malformed.body.code).toBe('MALFORMED_JSON');

    expect(await countRows(t.db, 'organizations')).toBe(orgsBefore);
    expect(await countRows(t.db, 'users')).toBe(usersBefore);

    const ok = await b.post('/api/signup', valid).expect(201);
    expect(ok.body.memberships).toEqual([
      expect.objectContaining({ organizationName: '新規自動車株式会社', role: 'admin' }),
    ]);
    await b.get('/api/auth/me').expect(200);
    const again = await b.post('/api/signup', valid).expect(409);
    expect(again.body.code).toBe('EMAIL_TAKEN');
  });

  it('invites a colleague with a single-use token stored only as a hash', async () => {
    const org = await makeOrg(t.db);
    const admin = await makeUser(t.db, org, 'admin');
    const b = await (await browser(t)).login(admin.email, PASSWORD);
    const inv = await b
      .post(`/api/orgs/${org.id}/invitations`, { email: 'colleague@example.test', role: 'evaluator' })
      .expect(201);
    const token = new URL(inv.body.acceptUrl).hash.replace('#token=', '');
    const [stored] = await t.db.query<{ token_hash: string }[]>(
      'SELECT token_hash FROM invitations WHERE id = $1',
      [inv.body.id],
    );
    expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.token_hash).not.toContain(token);

    const invitee = await browser(t);
    const accepted = await invitee
      .post('/api/invitations/accept', { token, name: '同僚 一郎', password: 'another-long-password' })
      .expect(200);
    expect(accepted.body.memberships).toEqual([
      expect.objectContaining({ organizationId: org.id, role: 'evaluator' }),
    ]);
    const reused = await (
      await browser(t)
    )
      .post('/api/invitations/accept', { token, name: 'x', password: 'another-long-password' })
      .expect(410);
    expect(reused.body.code).toBe('INVITATION_INVALID');

    const respondent = await makeUser(t.db, org, 'respondent');
    const rb = await (await browser(t)).login(respondent.email, PASSWORD);
    const forbidden = await rb
      .post(`/api/orgs/${org.id}/invitations`, { email: 'x@example.test', role: 'admin' })
      .expect(403);
    expect(forbidden.body.code).toBe('ROLE_REQUIRED');
  });
});
