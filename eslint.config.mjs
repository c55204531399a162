// @ts-check
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import regexp from 'eslint-plugin-regexp';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Packages that would give the pure domain libraries I/O or framework coupling (Nx checks npm packages). */
const IO_AND_FRAMEWORK_PACKAGES = [
  '@nestjs/*',
  'typeorm',
  'bullmq',
  'ioredis',
  'pg',
  'express',
  'nodemailer',
  'exceljs',
];
/** Node built-ins with I/O, refused in library sources (specs may read fixtures). */
const IO_BUILTINS = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'child_process',
  'dgram',
  'worker_threads',
].flatMap((m) => [m, `node:${m}`]);

/**
 * One clock: "now" comes from the injectable Clock (apps/api/src/common/clock.ts) in the API, workers, seed and
 * tests, and from apps/web/src/lib/clock.ts in the browser. Intervals use performance.now() (monotonic).
 */
const CLOCK_MESSAGE =
  'Read the time from the Clock (apps/api/src/common/clock.ts; in the web app lib/clock.ts), never the process clock.';
const REAL_CLOCK_READS = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK_MESSAGE },
  { selector: "CallExpression[callee.name='Date']", message: CLOCK_MESSAGE },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: CLOCK_MESSAGE,
  },
];
/** The few places that must read the process clock: the clocks themselves and command-line tooling. */
const REAL_CLOCK_ALLOWED = [
  'apps/api/src/common/clock.ts',
  'apps/web/src/lib/clock.ts',
  'bench/**',
  'scripts/quickstart.mjs',
  'scripts/test-all.mjs',
  'scripts/migrate.ts',
  'scripts/mail-catcher.ts',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      '.nx/**',
      'coverage/**',
      'apps/web/src/api/schema.d.ts',
      // Lint fixtures are linted on purpose by test/lint/module-boundaries.spec.ts, never by `npm run lint`.
      'test/lint-fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Linear-time input handling: no pattern may backtrack or move super-linearly (ReDoS), plus the plugin's
  // recommended checks. test/lint/regexp.spec.ts proves the rules fire.
  regexp.configs['flat/recommended'],
  {
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential' }],
    },
  },
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:data', 'type:migrations'],
            },
            { sourceTag: 'type:migrations', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: IO_AND_FRAMEWORK_PACKAGES,
            },
            {
              sourceTag: 'type:data',
              onlyDependOnLibsWithTags: ['type:data', 'type:domain'],
              bannedExternalImports: IO_AND_FRAMEWORK_PACKAGES.filter((p) => p !== 'exceljs'),
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['libs/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: IO_BUILTINS.map((name) => ({ name, message: 'libs stay pure: no I/O.' })) },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
    ignores: REAL_CLOCK_ALLOWED,
    rules: { 'no-restricted-syntax': ['error', ...REAL_CLOCK_READS] },
  },
  {
    // NestJS relies on emitted decorator metadata: a type-only import of an injected class breaks DI.
    files: ['apps/api/**/*.ts', 'test/**/*.ts', 'seed/**/*.ts', 'migrations/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Command-line entry points print to stdout by design.
    files: ['scripts/**', 'bench/**', 'seed/**', '.ci/**'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // CommonJS tool configs (jest) are loaded with require().
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
