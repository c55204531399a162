import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@tierstar/migrations';
import { ENTITIES } from './entities';

export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    extra: { max: 20, application_name: 'tierstar' },
    ...extra,
  } as DataSourceOptions;
}
