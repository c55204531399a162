/**
 * npm run migration:run                — apply pending migrations to DATABASE_URL
 * npm run migration:generate -- <Name> — write migrations/<timestamp>-<Name>.ts from the entity diff
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options';
import { pendingSchemaChanges } from '../apps/api/src/database/schema-diff';

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    if (command === 'run') {
      const done = await ds.runMigrations({ transaction: 'each' });
      console.log(`migrations applied: ${done.length}`);
    } else if (command === 'generate') {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
        throw new Error('usage: migration:generate -- <PascalCaseName>');
      const { up, down } = await pendingSchemaChanges(ds);
      if (up.length === 0) {
        console.log('no schema changes');
        return;
      }
      const ts = Date.now();
      const cls = `${name}${ts}`;
      const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
      const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${cls} implements MigrationInterface {
  name = '${cls}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.map((q) => `    await queryRunner.query(\`${esc(q)}\`);`).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down
  .reverse()
  .map((q) => `    await queryRunner.query(\`${esc(q)}\`);`)
  .join('\n')}
  }
}
`;
      const file = join(__dirname, '..', 'migrations', `${ts}-${name}.ts`);
      writeFileSync(file, body);
      console.log(`wrote ${file}; add ${cls} to migrations/index.ts`);
    } else {
      throw new Error('usage: migrate.ts run | generate <Name>');
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
