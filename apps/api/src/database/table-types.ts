import type { ColumnType } from 'kysely';

/**
 * Entities are the one place row types come from (docs/architecture.md, "Data access"). An entity property's
 * TypeScript type is its column's type, and {@link TableOf} turns an entity into the Kysely table type. Three
 * markers say what the property type alone cannot:
 *
 * - {@link Relation}: a TypeORM relation (`@ManyToOne` …), not a column; left out of the table type.
 *   An unmarked relation shows up as a required column, so an insert into that table fails typecheck until
 *   it is marked.
 * - {@link DbDefault}: the database fills the column when an insert leaves it out (generated ids, `DEFAULT`
 *   values, `created_at`): optional on insert, always present when selected.
 * - {@link Jsonb}: a `jsonb` column holding an array (other objects are taken as jsonb without it; arrays are
 *   otherwise PostgreSQL arrays such as `text[]`).
 *
 * jsonb values are selected parsed and written as their JSON text (`JSON.stringify`), as node-postgres needs
 * for arrays. The idea is the kysely-typeorm package's KyselifyEntity, which supports TypeORM 0.3 only; this
 * is our own few lines for TypeORM 1.
 */
declare const relation: unique symbol;
declare const dbDefault: unique symbol;
declare const jsonb: unique symbol;

export type Relation<T> = T & { readonly [relation]?: true };
export type DbDefault<T> = (Exclude<T, null> & { readonly [dbDefault]?: true }) | Extract<T, null>;
export type Jsonb<T> = (Exclude<T, null> & { readonly [jsonb]?: true }) | Extract<T, null>;

type Has<T, Mark extends symbol> = Mark extends keyof NonNullable<T> ? true : false;
/** Values PostgreSQL holds as such (not as jsonb): primitives, timestamps, bytea, arrays. */
type Scalar = string | number | boolean | bigint | Date | Buffer | readonly unknown[];
type IsJsonb<T> = Has<T, typeof jsonb> extends true ? true : [NonNullable<T>] extends [Scalar] ? false : true;

type Written<T> = IsJsonb<T> extends true ? string | Extract<T, null> : T;
type ColumnOf<T> = ColumnType<
  T,
  Has<T, typeof dbDefault> extends true ? Written<T> | undefined : Written<T>,
  Written<T>
>;

/** The Kysely table type of an entity: its columns by property name (CamelCasePlugin maps them to snake_case). */
export type TableOf<E> = {
  [
    K in keyof E as E[K] extends (...args: never[]) => unknown
      ? never
      : Has<E[K], typeof relation> extends true
        ? never
        : K
  ]-?: ColumnOf<Exclude<E[K], undefined>>;
};
