// @ts-check
const { readFileSync } = require('node:fs');

const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
// jest resolves the workspace aliases itself (moduleNameMapper); swc only transpiles.
const jsc = { ...swcrc.jsc };
delete jsc.paths;
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      ...swcrc,
      jsc: {
        ...jsc,
        transform: { ...jsc.transform, react: { runtime: 'automatic' } },
        parser: { ...jsc.parser, tsx: true },
      },
      swcrc: false,
      sourceMaps: 'inline',
    },
  ],
};
const moduleNameMapper = {
  '^@tierstar/scoring$': '<rootDir>/libs/scoring/src/index.ts',
  '^@tierstar/guidelines$': '<rootDir>/libs/guidelines/src/index.ts',
  '^@tierstar/migrations$': '<rootDir>/migrations/index.ts',
};
const common = { rootDir: __dirname, transform, moduleNameMapper, testEnvironment: 'node' };
const withServices = {
  ...common,
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-timeout.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
};

/** @type {import('jest').Config} */
module.exports = {
  // Real PostgreSQL, Redis, SMTP and chromium on a shared machine: jest's 5 s default is a timing assertion in
  // disguise under load. Tests bound their own waits (pollUntil, Playwright timeouts); this is the backstop.
  // (A global option: jest ignores it inside a project.)
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      setupFiles: ['reflect-metadata'],
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/api/src/**/*.spec.ts',
        '<rootDir>/apps/web/src/**/*.spec.{ts,tsx}',
        '<rootDir>/scripts/**/*.spec.ts',
        '<rootDir>/test/lint/**/*.spec.ts',
        '<rootDir>/test/scoring/**/*.spec.ts',
      ],
    },
    {
      ...withServices,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
    },
    { ...withServices, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
};
