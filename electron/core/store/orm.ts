/**
 * drizzle's query builder over the department's better-sqlite3 connection: the
 * same connection, synchronous, inside the same `db.transaction(...)` as the raw
 * statements of store/sql.ts. Queries end in `.all()`, `.get()` or `.run()`; their
 * row types are inferred from drizzle/schema.ts.
 */
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../../drizzle/schema';
import type { SqliteDatabase } from './database';

export type Orm = BetterSQLite3Database<typeof schema>;

const handles = new WeakMap<SqliteDatabase, Orm>();

/** The query builder for this connection (one per connection, made at first use). */
export function orm(db: SqliteDatabase): Orm {
  let handle = handles.get(db);
  if (!handle) handles.set(db, (handle = drizzle({ client: db, schema })));
  return handle;
}

export { schema };

/**
 * A query built once per connection and kept prepared (drizzle's `.prepare()`, values
 * bound through `sql.placeholder`): for administrative reads that a measured path runs
 * on every call (building and preparing a query costs more than running it).
 */
export function preparedQuery<Q>(build: (o: Orm) => Q): (db: SqliteDatabase) => Q {
  const byDb = new WeakMap<SqliteDatabase, Q>();
  return (db) => {
    let query = byDb.get(db);
    if (!query) byDb.set(db, (query = build(orm(db))));
    return query;
  };
}
