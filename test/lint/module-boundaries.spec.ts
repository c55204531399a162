import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

/**
 * Proves the lint rules that keep libs/scoring pure really fire: the same source that lints clean in an app
 * is an error inside libs/scoring.
 */
const root = join(__dirname, '..', '..');

describe('module boundaries', () => {
  beforeAll(() => {
    // Without a project graph the Nx rule skips itself; `npm test` and `npm run lint` build it first.
    if (!existsSync(join(root, '.nx/workspace-data/project-graph.json'))) {
      throw new Error(
        'No Nx project graph: run `NX_DAEMON=false npx nx show projects` (npm test does) first.',
      );
    }
  });

  /** Lints `code` as if it were saved at `file`, with the repository's real ESLint configuration. */
  async function lint(file: string, code: string): Promise<string[]> {
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/eslint/bin/eslint.js'),
        '--stdin',
        '--stdin-filename',
        join(root, file),
        '--format',
        'json',
      ],
      { cwd: root, input: code, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
    );
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
    return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
  }

  const banned = [
    `import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n`,
    `import { DataSource } from 'typeorm';\nexport const x = DataSource;\n`,
    `import { Queue } from 'bullmq';\nexport const x = Queue;\n`,
    `import Redis from 'ioredis';\nexport const x = Redis;\n`,
    `import { Client } from 'pg';\nexport const x = Client;\n`,
    `import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n`,
  ];

  it.each(banned)('refuses I/O and framework imports in libs/scoring: %s', async (code) => {
    const messages = await lint('libs/scoring/src/lint-probe.ts', code);
    expect(messages.join('\n')).toMatch(/@nx\/enforce-module-boundaries|no-restricted-imports/);
  });

  it('allows the same import in the API', async () => {
    expect(await lint('apps/api/src/lint-probe.ts', banned[0]!)).toEqual([]);
  });

  it('keeps libs/scoring independent of the apps', async () => {
    const messages = await lint(
      'libs/scoring/src/lint-probe.ts',
      `import { AppModule } from '../../../apps/api/src/app.module';\nexport const x = AppModule;\n`,
    );
    expect(messages.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });
});
