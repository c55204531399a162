import { CamelCasePlugin } from 'kysely';
import { DataSource } from 'typeorm';
import { type Db, KYSELY } from '../../apps/api/src/database/db';
import { TABLES } from '../../apps/api/src/database/entities';
import { createTestApp, type TestApp } from '../support/test-app';

/** CamelCasePlugin's own conversion, so the test checks exactly what queries will send. */
class Names extends CamelCasePlugin {
  column(property: string): string {
    return this.snakeCase(property);
  }
}

/**
 * The Kysely row types are derived from the entities (apps/api/src/database/table-types.ts) and queries name
 * columns by property; this holds only while every column is the snake_case of its property and every table in
 * TABLES is its entity's table. A mismatch here would be a query that typechecks and fails at run time.
 */
describe('database types derived from the entities', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ROLE: 'api' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names every table by its entity and every column by its property in snake_case', () => {
    const ds = t.app.get(DataSource);
    const names = new Names();
    const mismatches: string[] = [];
    for (const [table, entity] of Object.entries(TABLES)) {
      const meta = ds.getMetadata(entity);
      if (meta.tableName !== table)
        mismatches.push(`${entity.name}: table ${meta.tableName} listed as ${table}`);
      for (const c of meta.columns) {
        if (c.relationMetadata && !c.propertyName) continue;
        const expected = names.column(c.propertyName);
        if (c.databaseName !== expected) {
          mismatches.push(
            `${table}.${c.databaseName}: property ${c.propertyName} would be sent as ${expected}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(ds.entityMetadatas.map((m) => m.tableName).sort()).toEqual(Object.keys(TABLES).sort());
  });

  it('reads and writes through Kysely with the same pool and the same values as TypeORM', async () => {
    const db = t.app.get<Db>(KYSELY);
    const org = await db
      .insertInto('organizations')
      .values({ name: 'Kysely 株式会社', corporateNumber: null, sizeBand: null })
      .returning(['id', 'name', 'createdAt', 'industry'])
      .executeTakeFirstOrThrow();
    expect(org.createdAt).toBeInstanceOf(Date);
    expect(org.industry).toBe('');
    const viaTypeorm = await t.db.query<{ name: string }[]>('SELECT name FROM organizations WHERE id = $1', [
      org.id,
    ]);
    expect(viaTypeorm[0]!.name).toBe('Kysely 株式会社');
  });
});
