import { ConfigError, loadConfig } from './config';

const base = { DATABASE_URL: 'postgres://127.0.0.1:5432/tierstar' };

describe('loadConfig', () => {
  it('applies defaults when only the database URL is given', () => {
    const config = loadConfig(base);
    expect(config.PORT).toBe(3000);
    expect(config.ROLE).toBe('all');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.COOKIE_SECURE).toBe(false);
  });

  it('converts numbers and booleans from strings', () => {
    const config = loadConfig({ ...base, PORT: '8080', COOKIE_SECURE: 'true', ROLE: 'worker' });
    expect(config.PORT).toBe(8080);
    expect(config.COOKIE_SECURE).toBe(true);
    expect(config.ROLE).toBe('worker');
  });

  it('reports one line per problem, naming each variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', ROLE: 'cron', REDIS_URL: 'localhost:6379' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_URL',
      'PORT',
      'REDIS_URL',
      'ROLE',
    ]);
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toContain('missing');
    expect(problems.find((p) => p.startsWith('PORT'))).toContain('"eighty"');
  });
});
