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

export interface ColumnShape {
  name: string;
  type: string;
  notnull: boolean;
  default: string | null;
  /** Position in the primary key (1-based), 0 when not part of it. */
  pk: number;
}
export interface IndexShape {
  name: string;
  unique: boolean;
  /** c: CREATE INDEX, u: UNIQUE constraint, pk: PRIMARY KEY constraint. */
  origin: string;
  columns: string[];
  /** A partial index's WHERE clause, whitespace collapsed; null when not partial. */
  where: string | null;
}
export interface ForeignKeyShape {
  /** `from -> table(to)`, the key the two databases are compared by. */
  name: string;
  onUpdate: string;
  onDelete: string;
}
export interface TableShape {
  withoutRowid: boolean;
  autoincrement: boolean;
  columns: ColumnShape[];
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

/**
 * Every ordinary table's shape as SQLite reports it (PRAGMA table_list, table_info,
 * index_list, index_info, foreign_key_list). Columns are listed by name: a column added
 * by ALTER TABLE comes last in the file but reads the same.
 */
export function tableShapes(db: SqliteDatabase): Map<string, TableShape> {
  const tables = (db.prepare(`PRAGMA main.table_list`).all() as { name: string; type: string; wr: number }[]).filter(
    (t) => t.type === 'table' && !t.name.startsWith('sqlite_') && t.name !== '__drizzle_migrations',
  );
  const sqlOf = (name: string) =>
    (db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(name) as { sql: string | null } | undefined)?.sql ?? '';
  const shapes = new Map<string, TableShape>();
  for (const t of tables.sort((a, b) => a.name.localeCompare(b.name))) {
    const sql = sqlOf(t.name);
    if (/CREATE VIRTUAL TABLE/i.test(sql)) continue;
    // FTS5 shadow tables (x_data, x_idx, …) belong to their virtual table.
    if (tables.some((v) => t.name.startsWith(`${v.name}_`) && /CREATE VIRTUAL TABLE/i.test(sqlOf(v.name)))) continue;
    const columns = (
      db.prepare(`PRAGMA table_info(${quote(t.name)})`).all() as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[]
    )
      .map((c) => ({ name: c.name, type: c.type, notnull: c.notnull === 1, default: c.dflt_value, pk: c.pk }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const indexes = (
      db.prepare(`PRAGMA index_list(${quote(t.name)})`).all() as { name: string; unique: number; origin: string; partial: number }[]
    )
      .map((i) => {
        const where = i.partial ? (/\bWHERE\b([\s\S]*)$/i.exec(sqlOf(i.name))?.[1] ?? '?').replace(/\s+/g, ' ').trim() : null;
        const cols = (db.prepare(`PRAGMA index_info(${quote(i.name)})`).all() as { seqno: number; name: string | null }[])
          .sort((a, b) => a.seqno - b.seqno)
          .map((c) => c.name ?? '<expression>');
        return { name: i.name, unique: i.unique === 1, origin: i.origin, columns: cols, where };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    const fkRows = db.prepare(`PRAGMA foreign_key_list(${quote(t.name)})`).all() as {
      id: number;
      seq: number;
      table: string;
      from: string;
      to: string | null;
      on_update: string;
      on_delete: string;
    }[];
    const foreignKeys = [...new Set(fkRows.map((f) => f.id))]
      .map((id) => {
        const parts = fkRows.filter((f) => f.id === id).sort((a, b) => a.seq - b.seq);
        const name = `${parts.map((p) => p.from).join(',')} -> ${parts[0].table}(${parts.map((p) => p.to ?? '').join(',')})`;
        return { name, onUpdate: parts[0].on_update, onDelete: parts[0].on_delete };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    shapes.set(t.name, { withoutRowid: t.wr === 1, autoincrement: /\bAUTOINCREMENT\b/i.test(sql), columns, indexes, foreignKeys });
  }
  return shapes;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
