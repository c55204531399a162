import { ConfigError, loadConfig, parseTrustProxy } from './config';

const base = { DATABASE_URL: 'postgres://127.0.0.1:5432/tierstar' };

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults when only the database URL is given', () => {
    const config = loadConfig(base);
    expect(config.PORT).toBe(3000);
    expect(config.ROLE).toBe('all');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.COOKIE_SECURE).toBe(false);
    expect(config.TRUST_PROXY).toBe('loopback');
    expect(config.PASSWORD_HASH_COST).toBe(17);
  });

  it('converts numbers and booleans from strings', () => {
    const config = loadConfig({ ...base, PORT: '8080', COOKIE_SECURE: 'true', ROLE: 'worker' });
    expect(config.PORT).toBe(8080);
    expect(config.COOKIE_SECURE).toBe(true);
    expect(config.ROLE).toBe('worker');
  });

  it('reports one line per problem, naming each variable', () => {
    const problems = problemsOf({ PORT: 'eighty', ROLE: 'cron', REDIS_URL: 'localhost:6379' });
    expect(problems).toHaveLength(4);
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_URL',
      'PORT',
      'REDIS_URL',
      'ROLE',
    ]);
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toContain('missing');
  });

  it('never repeats a value in an error: URLs carry passwords, tokens are secrets', () => {
    const secret = 's3cr3t-PaSS';
    const problems = problemsOf({
      DATABASE_URL: `postgres://tierstar:${secret}@db.internal:99999/tierstar`,
      SMTP_URL: `smtps://mailer:${secret}@smtp.example.jp:465 x`,
      REDIS_URL: `http://:${secret}@redis.internal:6379`,
      PORT: `${secret}`,
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_URL',
      'PORT',
      'REDIS_URL',
      'SMTP_URL',
    ]);
    for (const line of problems) {
      expect(line).not.toContain(secret);
      expect(line).toContain('not shown');
    }
  });

  it('makes cookies Secure by default in production, and lets an explicit setting win', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).COOKIE_SECURE).toBe(true);
    expect(loadConfig({ ...base, NODE_ENV: 'development' }).COOKIE_SECURE).toBe(false);
    expect(loadConfig({ ...base, NODE_ENV: 'production', COOKIE_SECURE: 'false' }).COOKIE_SECURE).toBe(false);
  });

  it('accepts a weaker password hash cost only under NODE_ENV=test', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'test', PASSWORD_HASH_COST: '14' }).PASSWORD_HASH_COST).toBe(14);
    expect(problemsOf({ ...base, NODE_ENV: 'production', PASSWORD_HASH_COST: '14' })).toEqual([
      expect.stringMatching(/^PASSWORD_HASH_COST: must be at least 17/),
    ]);
    expect(loadConfig({ ...base, NODE_ENV: 'production', PASSWORD_HASH_COST: '18' }).PASSWORD_HASH_COST).toBe(
      18,
    );
  });

  it('validates TRUST_PROXY', () => {
    for (const ok of ['off', 'loopback', '1', '2', '10.0.0.0/8, 192.168.1.5', 'loopback,fd00::/8']) {
      expect(loadConfig({ ...base, TRUST_PROXY: ok }).TRUST_PROXY).toBe(ok);
    }
    for (const bad of ['true', 'all', '0.0.0.0/33', '11', '10.0.0.1/8/2', 'loopback,example.com']) {
      expect(problemsOf({ ...base, TRUST_PROXY: bad })).toEqual([expect.stringMatching(/^TRUST_PROXY: /)]);
    }
  });
});

describe('parseTrustProxy', () => {
  it('turns the setting into what Express expects', () => {
    expect(parseTrustProxy('off')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('loopback, 10.1.2.0/24')).toEqual(['loopback', '10.1.2.0/24']);
    expect(parseTrustProxy('true')).toBeNull();
  });
});
