import { assertProjectGraph, lintProbes } from './eslint-probe';

/**
 * Proves the lint rules that keep libs/scoring pure really fire: the same source that lints clean in an app
 * is an error inside libs/scoring.
 */
describe('module boundaries', () => {
  const banned = [
    `import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n`,
    `import { DataSource } from 'typeorm';\nexport const x = DataSource;\n`,
    `import { Queue } from 'bullmq';\nexport const x = Queue;\n`,
    `import Redis from 'ioredis';\nexport const x = Redis;\n`,
    `import { Client } from 'pg';\nexport const x = Client;\n`,
    `import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n`,
  ];
  const appImport = `import { AppModule } from '../../../apps/api/src/app.module';\nexport const x = AppModule;\n`;
  let results: string[][];

  beforeAll(() => {
    assertProjectGraph();
    results = lintProbes([
      ...banned.map((code) => ({ file: 'libs/scoring/src/lint-probe.ts', code })),
      { file: 'apps/api/src/lint-probe.ts', code: banned[0]! },
      { file: 'libs/scoring/src/lint-probe.ts', code: appImport },
    ]);
  });

  it.each(banned.map((code, i) => [code, i] as const))(
    'refuses I/O and framework imports in libs/scoring: %s',
    (_code, i) => {
      expect(results[i]!.join('\n')).toMatch(/@nx\/enforce-module-boundaries|no-restricted-imports/);
    },
  );

  it('allows the same import in the API', () => {
    expect(results[banned.length]).toEqual([]);
  });

  it('keeps libs/scoring independent of the apps', () => {
    expect(results[banned.length + 1]!.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });
});
