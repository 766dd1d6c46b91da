/**
 * Two empty databases for checking SQL against the schema: one built by applying
 * drizzle/migrations in order (what every department's file holds), one built
 * straight from drizzle/schema.ts by drizzle-kit plus the hand-written objects of
 * the migrations (FTS tables, triggers) that the schema file cannot declare.
 */
import Database from 'better-sqlite3';
import { generateSQLiteDrizzleJson, generateSQLiteMigration } from 'drizzle-kit/api';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { join } from 'node:path';
import * as schema from '../../drizzle/schema';
import type { SqliteDatabase } from '../../electron/core/store/database';

export const MIGRATIONS = join(import.meta.dirname, '..', '..', 'drizzle', 'migrations');

export function migratedDatabase(folder = MIGRATIONS): SqliteDatabase {
  const db = new Database(':memory:');
  migrate(drizzle({ client: db }), { migrationsFolder: folder });
  return db;
}

/** The objects in sqlite_master that drizzle-kit does not produce from the schema file. */
export function handWrittenObjects(db: SqliteDatabase, fromSchema: SqliteDatabase): { type: string; name: string; sql: string }[] {
  const known = new Set(
    (fromSchema.prepare(`SELECT name FROM sqlite_master`).all() as { name: string }[]).map((r) => r.name),
  );
  const rows = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
        WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'
        ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid`,
    )
    .all() as { type: string; name: string; sql: string }[];
  // An FTS5 table's shadow tables (x_data, x_idx, …) come with the virtual table.
  const virtual = rows.filter((r) => /CREATE VIRTUAL TABLE/i.test(r.sql)).map((r) => r.name);
  const isShadow = (name: string) => virtual.some((v) => name.startsWith(`${v}_`));
  return rows.filter((r) => !known.has(r.name) && !isShadow(r.name));
}

export async function schemaDatabase(): Promise<SqliteDatabase> {
  const empty = await generateSQLiteDrizzleJson({});
  const declared = await generateSQLiteDrizzleJson(schema as Record<string, unknown>);
  const ddl = await generateSQLiteMigration(empty, declared);
  const db = new Database(':memory:');
  for (const stmt of ddl) db.exec(stmt);
  return db;
}

/** The schema file's database with the migrations' hand-written objects added. */
export async function schemaDatabaseWithHandWritten(): Promise<SqliteDatabase> {
  const db = await schemaDatabase();
  const migrated = migratedDatabase();
  for (const obj of handWrittenObjects(migrated, db)) db.exec(obj.sql);
  migrated.close();
  return db;
}
