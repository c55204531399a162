import { sha256Hex } from '../../apps/api/src/auth/tokens';
import { Clock } from '../../apps/api/src/common/clock';
import { countRows, makeOrg, makeUser, PASSWORD } from '../support/factories';
import { linkToken } from '../support/mail-links';
import { type MailCatcher, startTestSmtp } from '../support/smtp';
import { browser, createTestApp, type TestApp } from '../support/test-app';

describe('auth (real PostgreSQL + Redis)', () => {
  let t: TestApp;
  let smtp: MailCatcher;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({
      LOGIN_MAX_ATTEMPTS: '3',
      ROLE: 'all',
      SMTP_URL: `smtp://127.0.0.1:${smtp.smtpPort}`,
      PUBLIC_URL: 'http://tierstar.test',
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

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
    // Time stands still, so the back-off below cannot run out while the test runs.
    t.app.get(Clock).set(t.app.get(Clock).now());
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
    t.app.get(Clock).set(null);
  });

  it('refuses bad sign-up input (empty, malformed, unknown fields, wrong check digit) without writing anything', async () => {
    const b = await browser(t, '198.51.100.10');
    const orgsBefore = await countRows(t.db, 'organizations');
    const requestsBefore = await countRows(t.db, 'signup_requests');
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

    for (const body of [{}, { organization: valid.organization }, { user: 'x', organization: [] }]) {
      const res = await b.post('/api/signup', body).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const noBody = await b.post('/api/signup').expect(400);
    expect(noBody.body.code).toBe('VALIDATION_FAILED');

    const malformed = await b.agent
      .post('/api/signup')
      .set('X-Forwarded-For', '198.51.100.10')
      .set('X-CSRF-Token', b.csrfToken)
      .set('Content-Type', 'application/json')
      .send('{"organization": {')
      .expect(400);
    expect(malformed.body.code).toBe('MALFORMED_JSON');

    expect(await countRows(t.db, 'organizations')).toBe(orgsBefore);
    expect(await countRows(t.db, 'signup_requests')).toBe(requestsBefore);
  });

  it('answers every auth, sign-up and invitation route with 4xx problem+json (never 5xx) for empty or malformed bodies', async () => {
    const user = await makeUser(t.db, await makeOrg(t.db));
    const anon = await browser(t, '198.51.100.11');
    const signedIn = await (await browser(t, '198.51.100.12')).login(user.email, PASSWORD);
    const routes: [typeof anon, string][] = [
      [anon, '/api/signup'],
      [anon, '/api/signup/verify'],
      [anon, '/api/auth/login'],
      [anon, '/api/invitations/preview'],
      [anon, '/api/invitations/accept'],
      [anon, '/api/access-links/redeem'],
      [signedIn, '/api/auth/password'],
      [signedIn, '/api/auth/claim'],
      [signedIn, `/api/orgs/${(await makeOrg(t.db)).id}/invitations`],
    ];
    for (const [client, path] of routes) {
      for (const body of [
        undefined,
        {},
        { token: 'x'.repeat(5000) },
        { email: ['a'], password: { $gt: '' } },
      ]) {
        const res = await client.post(path, body);
        expect({ path, body, status: res.status < 500 }).toEqual({ path, body, status: true });
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    }
  });

  it('invites a colleague: the link reaches only the invited mailbox, single use, stored only as a hash', async () => {
    const org = await makeOrg(t.db);
    const admin = await makeUser(t.db, org, 'admin');
    const b = await (await browser(t)).login(admin.email, PASSWORD);
    const inv = await b
      .post(`/api/orgs/${org.id}/invitations`, { email: 'Colleague@Example.test', role: 'evaluator' })
      .expect(201);
    expect(Object.keys(inv.body).sort()).toEqual(['email', 'expiresAt', 'id', 'role']);
    expect(JSON.stringify(inv.body)).not.toMatch(/token|accept/i);

    const token = await linkToken({ smtp, db: t.db }, 'colleague@example.test', '/invitations/accept');
    const [stored] = await t.db.query<{ token_hash: string }[]>(
      'SELECT token_hash FROM invitations WHERE id = $1',
      [inv.body.id],
    );
    expect(stored!.token_hash).toBe(sha256Hex(token));
    const outbox = await t.db.query<{ payload: unknown }[]>(
      `SELECT payload FROM mail_outbox WHERE dedupe_key = $1`,
      [`org-invitation:${inv.body.id}`],
    );
    expect(outbox).toHaveLength(1);
    expect(JSON.stringify(outbox[0]!.payload)).not.toContain(token);
    expect(JSON.stringify(outbox[0]!.payload)).not.toContain('#token=');

    const invitee = await browser(t);
    const preview = await invitee.post('/api/invitations/preview', { token }).expect(200);
    expect(preview.body).toMatchObject({
      email: 'colleague@example.test',
      role: 'evaluator',
      accountExists: false,
      signedInAsInvitee: false,
    });
    const incomplete = await invitee.post('/api/invitations/accept', { token }).expect(400);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field)).toEqual(['name', 'password']);
    const accepted = await invitee
      .post('/api/invitations/accept', { token, name: '同僚 一郎', password: 'another-long-password' })
      .expect(200);
    expect(accepted.body.memberships).toEqual([
      expect.objectContaining({ organizationId: org.id, role: 'evaluator' }),
    ]);
    await invitee.get('/api/auth/me').expect(200);
    // The new account is verified: it signs in with its password.
    await (await browser(t)).login('colleague@example.test', 'another-long-password');
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
