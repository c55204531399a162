import { hashPassword, scryptParams } from '../../apps/api/src/auth/password';
import { sha256Hex } from '../../apps/api/src/auth/tokens';
import { Clock } from '../../apps/api/src/common/clock';
import { corporateNumber, countRows, makeOrg, makeUser, PASSWORD } from '../support/factories';
import { lastMailId, linkToken } from '../support/mail-links';
import { pollUntil } from '../support/poll';
import { type MailCatcher, startTestSmtp } from '../support/smtp';
import { browser, createTestApp, type TestApp, type TestBrowser } from '../support/test-app';

/** Attacks an outsider with nothing but `POST /api/signup` tries on accounts, and the legitimate flows beside them. */
describe('account security (real PostgreSQL, Redis and SMTP)', () => {
  let t: TestApp;
  let smtp: MailCatcher;
  let clock: Clock;
  let ipSeq = 0;
  /** A fresh client address for each client, so one test's rate limits never touch another's. */
  const nextIp = () => `203.0.113.${++ipSeq}`;
  const client = (ip = nextIp()) => browser(t, ip);

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({
      LOGIN_MAX_ATTEMPTS: '3',
      LOGIN_WINDOW_SECONDS: '900',
      ROLE: 'all',
      SMTP_URL: `smtp://127.0.0.1:${smtp.smtpPort}`,
      PUBLIC_URL: 'http://tierstar.test',
    });
    clock = t.app.get(Clock);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  afterEach(() => clock.set(null));

  const signupBody = (email: string, password: string, orgName = `署名組織 ${ipSeq}`) => ({
    organization: {
      name: orgName,
      corporateNumber: corporateNumber(),
      sizeBand: 'medium',
      industry: '自動車',
    },
    user: { name: '登録 太郎', email, password },
  });

  /** Signs up and verifies through the emailed link, as a legitimate new buyer does; returns the signed-in client. */
  async function signUpVerified(email: string, password: string): Promise<TestBrowser> {
    const b = await client();
    const after = lastMailId(smtp);
    await b.post('/api/signup', signupBody(email, password)).expect(202);
    const token = await linkToken({ smtp, db: t.db }, email, '/verify-email', after);
    await b.post('/api/signup/verify', { token, password }).expect(200);
    return b;
  }

  describe('sign-up verifies the email address first', () => {
    it('creates nothing until the link is used with the sign-up password; then signs in as admin', async () => {
      const email = 'hanako@newmotors.example';
      const b = await client();
      const orgs = await countRows(t.db, 'organizations');
      const after = lastMailId(smtp);
      const res = await b.post('/api/signup', signupBody(email, 'hanako-password', '新規自動車')).expect(202);
      expect(res.body).toEqual({ email });
      expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('tierstar_session=');
      expect(await countRows(t.db, 'organizations')).toBe(orgs);
      const [users] = await t.db.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM users WHERE email = $1',
        [email],
      );
      expect(users!.n).toBe(0);
      // No account yet: the password does not sign in.
      await (await client()).post('/api/auth/login', { email, password: 'hanako-password' }).expect(401);

      const token = await linkToken({ smtp, db: t.db }, email, '/verify-email', after);
      const [stored] = await t.db.query<{ token_hash: string; payload: unknown }[]>(
        `SELECT r.token_hash, o.payload FROM signup_requests r
           JOIN mail_outbox o ON o.dedupe_key = 'signup-verification:' || r.id WHERE r.email = $1`,
        [email],
      );
      expect(stored!.token_hash).toBe(sha256Hex(token));
      expect(JSON.stringify(stored!.payload)).not.toContain(token);

      const wrong = await b.post('/api/signup/verify', { token, password: 'not-the-password' }).expect(400);
      expect(wrong.body.code).toBe('PASSWORD_WRONG');
      const ok = await b.post('/api/signup/verify', { token, password: 'hanako-password' }).expect(200);
      expect(ok.body.memberships).toEqual([
        expect.objectContaining({ organizationName: '新規自動車', role: 'admin' }),
      ]);
      await b.get('/api/auth/me').expect(200);
      await (await client()).login(email, 'hanako-password');
      const again = await (await client()).post('/api/signup/verify', { token, password: 'hanako-password' });
      expect([again.status, again.body.code]).toEqual([410, 'SIGNUP_LINK_INVALID']);
    });

    it('answers a sign-up for an address that has an account the same way, and only tells its owner', async () => {
      const owner = await makeUser(t.db, await makeOrg(t.db), 'admin', { name: '既存 花子' });
      const requests = await countRows(t.db, 'signup_requests');
      const after = lastMailId(smtp);
      const res = await (
        await client()
      )
        .post('/api/signup', signupBody(owner.email, 'attacker-password'))
        .expect(202);
      expect(res.body).toEqual({ email: owner.email });
      expect(await countRows(t.db, 'signup_requests')).toBe(requests);
      const notice = await pollUntil(() =>
        Promise.resolve(smtp.messages.find((m) => m.id > after && m.to.includes(owner.email))),
      );
      expect(notice.text).toContain('http://tierstar.test/login');
      expect(notice.text).not.toMatch(/#token=/);
      // The account is untouched: the attacker's password does not work, the owner's does.
      await (
        await client()
      )
        .post('/api/auth/login', { email: owner.email, password: 'attacker-password' })
        .expect(401);
      await (await client()).login(owner.email, PASSWORD);
    });

    it('pre-account hijack: an attacker holding a sign-up with the victim address gets nothing; the owner gets in', async () => {
      const victim = 'security@supplier-victim.example';
      const attacker = await client();
      const attackerAfter = lastMailId(smtp);
      await attacker.post('/api/signup', signupBody(victim, 'attacker-password', '偽の会社')).expect(202);
      // The verification link went to the victim's mailbox, not to the attacker.
      const attackersLink = await linkToken({ smtp, db: t.db }, victim, '/verify-email', attackerAfter);

      // The attacker cannot sign in, and nothing exists for the address.
      await (
        await client()
      )
        .post('/api/auth/login', { email: victim, password: 'attacker-password' })
        .expect(401);
      expect(await t.db.query('SELECT id FROM users WHERE email = $1', [victim])).toEqual([]);

      // An organization invites the real person: the attacker cannot accept (no token), and nothing joins the
      // attacker's request. The invitation reaches the mailbox only.
      const org = await makeOrg(t.db, { name: '本物の取引先' });
      const admin = await makeUser(t.db, org, 'admin');
      const adminClient = await (await client()).login(admin.email, PASSWORD);
      const invAfter = lastMailId(smtp);
      const inv = await adminClient.post(`/api/orgs/${org.id}/invitations`, {
        email: victim,
        role: 'respondent',
      });
      expect(inv.status).toBe(201);
      expect(JSON.stringify(inv.body)).not.toMatch(/token/i);

      // The victim, finding the attacker's verification email, cannot complete it without the attacker's password.
      const victimBrowser = await client();
      await victimBrowser
        .post('/api/signup/verify', { token: attackersLink, password: 'victim-password-1' })
        .expect(400);

      // The owner gets in with the invitation, choosing their own password; the attacker's request is discarded.
      const invitationToken = await linkToken({ smtp, db: t.db }, victim, '/invitations/accept', invAfter);
      const joined = await victimBrowser
        .post('/api/invitations/accept', {
          token: invitationToken,
          name: '本物 太郎',
          password: 'victim-password-1',
        })
        .expect(200);
      expect(joined.body.memberships).toEqual([expect.objectContaining({ organizationId: org.id })]);
      expect(await t.db.query('SELECT id FROM signup_requests WHERE email = $1', [victim])).toEqual([]);
      await (
        await client()
      )
        .post('/api/signup/verify', { token: attackersLink, password: 'attacker-password' })
        .expect(410);
      await (
        await client()
      )
        .post('/api/auth/login', { email: victim, password: 'attacker-password' })
        .expect(401);
      await (await client()).login(victim, 'victim-password-1');
    });

    it("pre-account hijack: the owner signing up themselves voids the attacker's pending sign-up", async () => {
      const victim = 'owner@victim-signup.example';
      const after1 = lastMailId(smtp);
      await (await client()).post('/api/signup', signupBody(victim, 'attacker-password', '偽')).expect(202);
      const attackersLink = await linkToken({ smtp, db: t.db }, victim, '/verify-email', after1);
      const owner = await signUpVerified(victim, 'owner-password-1');
      await owner.get('/api/auth/me').expect(200);
      await (
        await client()
      )
        .post('/api/signup/verify', { token: attackersLink, password: 'attacker-password' })
        .expect(410);
      await (
        await client()
      )
        .post('/api/auth/login', { email: victim, password: 'attacker-password' })
        .expect(401);
    });

    it('charges the per-address limit atomically before hashing: parallel sign-ups for one address stop at 3', async () => {
      const email = 'flood@victim-mailbox.example';
      const after = lastMailId(smtp);
      const results = await Promise.all(
        Array.from({ length: 8 }, async () =>
          (await client()).post('/api/signup', signupBody(email, 'some-password')),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([202, 202, 202, 429, 429, 429, 429, 429]);
      expect(results.find((r) => r.status === 429)!.headers['retry-after']).toMatch(/^\d+$/);
      expect(await t.db.query('SELECT id FROM signup_requests WHERE email = $1', [email])).toHaveLength(3);
      await pollUntil(() =>
        Promise.resolve(smtp.messages.filter((m) => m.id > after && m.to.includes(email)).length === 3),
      );
    });

    it('limits sign-ups per client address', async () => {
      const b = await client();
      for (let i = 0; i < 20; i++) {
        await b.post('/api/signup', signupBody(`many-${i}@flood.example`, 'some-password')).expect(202);
      }
      const limited = await b.post('/api/signup', signupBody('one-more@flood.example', 'some-password'));
      expect([limited.status, limited.body.code]).toEqual([429, 'RATE_LIMITED']);
      // Another address is not affected.
      await (
        await client()
      )
        .post('/api/signup', signupBody('other@flood.example', 'some-password'))
        .expect(202);
    });
  });

  describe('invitations', () => {
    it("account takeover: inviting another organization's admin gives the attacker no token and no session", async () => {
      // The victim: an OEM admin with an account and memberships.
      const oem = await makeOrg(t.db, { name: 'OEM 被害者' });
      const victim = await makeUser(t.db, oem, 'admin', { email: 'admin@oem-victim.example' });
      // The attacker: anyone who signed up.
      const attacker = await signUpVerified('mallory@attacker.example', 'mallory-password');
      const me = await attacker.get('/api/auth/me').expect(200);
      const attackerOrg = me.body.memberships[0].organizationId as string;

      const after = lastMailId(smtp);
      const inv = await attacker
        .post(`/api/orgs/${attackerOrg}/invitations`, { email: victim.email, role: 'admin' })
        .expect(201);
      expect(inv.body).not.toHaveProperty('acceptUrl');
      expect(JSON.stringify(inv.body)).not.toMatch(/token/i);
      const [outbox] = await t.db.query<{ payload: { data: Record<string, unknown> } }[]>(
        `SELECT payload FROM mail_outbox WHERE dedupe_key = $1`,
        [`org-invitation:${inv.body.id}`],
      );
      expect(outbox!.payload.data).not.toHaveProperty('link');

      // Even holding the emailed token (say, forwarded), a fresh client is not signed in as the victim.
      const token = await linkToken({ smtp, db: t.db }, victim.email, '/invitations/accept', after);
      const fresh = await client();
      const preview = await fresh.post('/api/invitations/preview', { token }).expect(200);
      expect(preview.body).toMatchObject({ accountExists: true, signedInAsInvitee: false });
      const attempt = await fresh.post('/api/invitations/accept', {
        token,
        name: 'mallory',
        password: 'mallory-password-2',
      });
      expect([attempt.status, attempt.body.code]).toEqual([403, 'INVITATION_SIGN_IN_REQUIRED']);
      expect(attempt.headers['set-cookie']?.toString() ?? '').not.toContain('tierstar_session=');
      await fresh.get('/api/auth/me').expect(401);
      // The attacker's own session does not accept it either.
      const asAttacker = await attacker.post('/api/invitations/accept', { token });
      expect([asAttacker.status, asAttacker.body.code]).toEqual([403, 'INVITATION_SIGN_IN_REQUIRED']);
      // Nothing changed for the victim: no membership added, password intact.
      expect(
        await t.db.query('SELECT 1 FROM memberships WHERE user_id = $1 AND organization_id = $2', [
          victim.id,
          attackerOrg,
        ]),
      ).toEqual([]);
      await (await client()).login(victim.email, PASSWORD);

      // The legitimate flow: the victim, signed in, accepts; only the membership is added, no new session.
      const legit = await (await client()).login(victim.email, PASSWORD);
      const seen = await legit.post('/api/invitations/preview', { token }).expect(200);
      expect(seen.body.signedInAsInvitee).toBe(true);
      const sessionsBefore = await countRows(t.db, 'sessions');
      const accepted = await legit.post('/api/invitations/accept', { token }).expect(200);
      expect(accepted.headers['set-cookie']?.toString() ?? '').not.toContain('tierstar_session=');
      expect(await countRows(t.db, 'sessions')).toBe(sessionsBefore);
      expect(
        accepted.body.memberships.map((m: { organizationId: string }) => m.organizationId).sort(),
      ).toEqual([oem.id, attackerOrg].sort());
      await legit.post('/api/invitations/accept', { token }).expect(410);
    });

    it('limits wrong invitation tokens per client address, counting failures only', async () => {
      const b = await client();
      for (let i = 0; i < 15; i++) {
        await b.post('/api/invitations/accept', { token: 'A'.repeat(42) + String(i % 10) }).expect(410);
      }
      const limited = await b.post('/api/invitations/accept', { token: 'B'.repeat(43) });
      expect([limited.status, limited.body.code]).toEqual([429, 'RATE_LIMITED']);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

      // Successful previews give their unit back: a legitimate user is never limited by using a link.
      const org = await makeOrg(t.db);
      const admin = await makeUser(t.db, org, 'admin');
      const after = lastMailId(smtp);
      await (
        await (await client()).login(admin.email, PASSWORD)
      )
        .post(`/api/orgs/${org.id}/invitations`, { email: 'n@refund.example', role: 'respondent' })
        .expect(201);
      const token = await linkToken({ smtp, db: t.db }, 'n@refund.example', '/invitations/accept', after);
      const other = await client();
      for (let i = 0; i < 20; i++) await other.post('/api/invitations/preview', { token }).expect(200);
    });

    it('limits wrong emailed-link tokens per client address', async () => {
      const b = await client();
      for (let i = 0; i < 15; i++) {
        await b.post('/api/access-links/redeem', { token: `wrong-token-${'x'.repeat(30)}${i}` }).expect(410);
      }
      const limited = await b.post('/api/access-links/redeem', { token: `wrong-token-${'y'.repeat(31)}` });
      expect([limited.status, limited.body.code]).toEqual([429, 'RATE_LIMITED']);
    });
  });

  describe('login rate limits', () => {
    it('charges every guess before hashing: of 20 parallel wrong passwords, exactly the 3 allowed are checked', async () => {
      clock.set(clock.now()); // time stands still: the back-off cannot expire during the burst
      const user = await makeUser(t.db, await makeOrg(t.db));
      const ip = nextIp();
      const clients = await Promise.all(Array.from({ length: 20 }, () => client(ip)));
      const results = await Promise.all(
        clients.map((c) => c.post('/api/auth/login', { email: user.email, password: 'wrong-guess' })),
      );
      const evaluated = results.filter((r) => r.status === 401).length;
      const refused = results.filter((r) => r.status === 429).length;
      expect({ evaluated, refused }).toEqual({ evaluated: 3, refused: 17 });
      // Even the right password waits now (from this address).
      await clients[0]!.post('/api/auth/login', { email: user.email, password: PASSWORD }).expect(429);
    });

    it('backs off exponentially per account and address, and lets the owner in once the wait is over', async () => {
      const start = clock.now();
      clock.set(start);
      const user = await makeUser(t.db, await makeOrg(t.db));
      const b = await client();
      for (let i = 0; i < 3; i++) {
        await b.post('/api/auth/login', { email: user.email, password: 'wrong' }).expect(401);
      }
      const first = await b.post('/api/auth/login', { email: user.email, password: PASSWORD }).expect(429);
      expect(first.headers['retry-after']).toBe('1');
      clock.set(new Date(start.getTime() + 1000));
      await b.post('/api/auth/login', { email: user.email, password: 'wrong' }).expect(401);
      const second = await b.post('/api/auth/login', { email: user.email, password: PASSWORD }).expect(429);
      expect(second.headers['retry-after']).toBe('2');
      clock.set(new Date(start.getTime() + 3000));
      await b.post('/api/auth/login', { email: user.email, password: PASSWORD }).expect(200);
      // A good login clears the back-off.
      await b.post('/api/auth/login', { email: user.email, password: 'wrong' }).expect(401);
    });

    it('a stranger cannot lock the owner out: guesses from many addresses never block a known address', async () => {
      const start = clock.now();
      clock.set(start);
      const user = await makeUser(t.db, await makeOrg(t.db));
      const ownerIp = nextIp();
      await (await client(ownerIp)).login(user.email, PASSWORD);
      // 10 addresses × 3 guesses = 30 failures: the account's limit for unknown addresses (10 × 3).
      for (let a = 0; a < 10; a++) {
        const attacker = await client();
        for (let i = 0; i < 3; i++) {
          await attacker
            .post('/api/auth/login', { email: user.email, password: `guess-${a}-${i}` })
            .expect(401);
        }
      }
      const newPlace = await client();
      const blocked = await newPlace
        .post('/api/auth/login', { email: user.email, password: PASSWORD })
        .expect(429);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
      // The owner's usual address is not affected.
      await (await client(ownerIp)).login(user.email, PASSWORD);
      // And the throttle for new addresses ends with its window: no lockout lasts for ever.
      clock.set(new Date(start.getTime() + 901_000));
      await newPlace.post('/api/auth/login', { email: user.email, password: PASSWORD }).expect(200);
    });

    it('limits failed logins per client address across accounts', async () => {
      clock.set(clock.now());
      const ip = nextIp();
      const b = await client(ip);
      for (let i = 0; i < 15; i++) {
        const user = await makeUser(t.db, null);
        await b.post('/api/auth/login', { email: user.email, password: 'wrong' }).expect(401);
      }
      const user = await makeUser(t.db, null);
      const limited = await b.post('/api/auth/login', { email: user.email, password: PASSWORD });
      expect([limited.status, limited.body.code]).toEqual([429, 'AUTH_RATE_LIMITED']);
      await (await client()).login(user.email, PASSWORD);
    });

    it('signs in only verified accounts', async () => {
      const user = await makeUser(t.db, await makeOrg(t.db), 'admin', { emailVerifiedAt: null });
      await (await client()).post('/api/auth/login', { email: user.email, password: PASSWORD }).expect(401);
      await t.db.query('UPDATE users SET email_verified_at = $2 WHERE id = $1', [user.id, clock.now()]);
      await (await client()).login(user.email, PASSWORD);
    });
  });

  describe('password change and signing out everywhere', () => {
    it('changes the password with the current one, ending every session of the account', async () => {
      const user = await makeUser(t.db, await makeOrg(t.db));
      const laptop = await (await client()).login(user.email, PASSWORD);
      const phone = await (await client()).login(user.email, PASSWORD);

      const wrong = await laptop.post('/api/auth/password', {
        currentPassword: 'not-it',
        newPassword: 'a-brand-new-password',
      });
      expect([wrong.status, wrong.body.code, wrong.body.field]).toEqual([
        400,
        'PASSWORD_WRONG',
        'currentPassword',
      ]);
      await phone.get('/api/auth/me').expect(200);

      const short = await laptop.post('/api/auth/password', {
        currentPassword: PASSWORD,
        newPassword: 'short',
      });
      expect(short.status).toBe(400);

      await laptop
        .post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a-brand-new-password' })
        .expect(204);
      await phone.get('/api/auth/me').expect(401);
      await laptop.get('/api/auth/me').expect(200); // this browser got a new session
      await (await client()).post('/api/auth/login', { email: user.email, password: PASSWORD }).expect(401);
      await (await client()).login(user.email, 'a-brand-new-password');
      const [audit] = await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'user.password_changed' AND entity_id = $1`,
        [user.id],
      );
      expect(audit!.n).toBe(1);
    });

    it('a stolen session cannot change the password without the current one, nor guess it quickly', async () => {
      clock.set(clock.now());
      const user = await makeUser(t.db, await makeOrg(t.db));
      const thief = await (await client()).login(user.email, PASSWORD);
      for (let i = 0; i < 3; i++) {
        await thief
          .post('/api/auth/password', { currentPassword: `guess-${i}`, newPassword: 'thief-password-1' })
          .expect(400);
      }
      const limited = await thief.post('/api/auth/password', {
        currentPassword: PASSWORD,
        newPassword: 'thief-password-1',
      });
      expect([limited.status, limited.body.code]).toEqual([429, 'AUTH_RATE_LIMITED']);
      await (await client()).login(user.email, PASSWORD);
    });

    it('signs out everywhere: every session of the account ends, other accounts keep theirs', async () => {
      const user = await makeUser(t.db, await makeOrg(t.db));
      const other = await makeUser(t.db, await makeOrg(t.db));
      const a = await (await client()).login(user.email, PASSWORD);
      const b = await (await client()).login(user.email, PASSWORD);
      const o = await (await client()).login(other.email, PASSWORD);
      const res = await a.post('/api/auth/logout-everywhere').expect(200);
      expect(res.body).toEqual({ ended: 2 });
      await a.get('/api/auth/me').expect(401);
      await b.get('/api/auth/me').expect(401);
      await o.get('/api/auth/me').expect(200);
      await (await client()).post('/api/auth/logout-everywhere').expect(401);
    });
  });
});

describe('password hashes (OWASP parameters)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The production cost: N = 2^17.
    t = await createTestApp({ PASSWORD_HASH_COST: '17' });
  });
  afterAll(() => t.close());

  it('rehashes an old-parameter hash at the next successful login, transparently', async () => {
    const old = await hashPassword('legacy-password-1', scryptParams(14));
    const user = await makeUser(t.db, await makeOrg(t.db), 'admin', { passwordHash: old });
    const b = await browser(t, '192.0.2.1');
    await b.post('/api/auth/login', { email: user.email, password: 'wrong-password' }).expect(401);
    const [unchanged] = await t.db.query<{ h: string }[]>(
      'SELECT password_hash AS h FROM users WHERE id = $1',
      [user.id],
    );
    expect(unchanged!.h).toBe(old);
    await b.login(user.email, 'legacy-password-1');
    const [upgraded] = await t.db.query<{ h: string }[]>(
      'SELECT password_hash AS h FROM users WHERE id = $1',
      [user.id],
    );
    expect(upgraded!.h).toMatch(/^scrypt\$131072\$8\$1\$/);
    await (await browser(t, '192.0.2.2')).login(user.email, 'legacy-password-1');
  });
});

describe('TRUST_PROXY', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'off', LOGIN_MAX_ATTEMPTS: '2' });
  });
  afterAll(() => t.close());

  it('when off, X-Forwarded-For is ignored: a client cannot pick a fresh address to escape its limits', async () => {
    const clock = t.app.get(Clock);
    clock.set(clock.now());
    const user = await makeUser(t.db, await makeOrg(t.db));
    for (const ip of ['198.51.100.1', '198.51.100.2']) {
      await (
        await browser(t, ip)
      )
        .post('/api/auth/login', { email: user.email, password: 'wrong' })
        .expect(401);
    }
    const res = await (
      await browser(t, '198.51.100.3')
    ).post('/api/auth/login', {
      email: user.email,
      password: PASSWORD,
    });
    expect(res.status).toBe(429);
    clock.set(null);
  });
});
