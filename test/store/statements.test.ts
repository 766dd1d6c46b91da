/**
 * Every SQL statement the core declares (store/sql.ts) is prepared against a database
 * built from the migrations and one built from drizzle/schema.ts: a table or column that
 * does not exist in either fails here, by the statement's name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredStatements } from '../../electron/core/store/sql';
import type { SqliteDatabase } from '../../electron/core/store/database';
import { migratedDatabase, schemaDatabaseWithHandWritten } from './schema-db';

// Every module of the core, so every module-level declaration runs.
// (The worker entry points are left out: they run their thread's main at import.)
const modules = import.meta.glob(
  ['../../electron/core/**/*.ts', '!../../electron/core/worker.ts', '!../../electron/core/**/*-worker.ts'],
  { eager: true },
);

let migrated: SqliteDatabase;
let fromSchema: SqliteDatabase;

beforeAll(async () => {
  migrated = migratedDatabase();
  fromSchema = await schemaDatabaseWithHandWritten();
});
afterAll(() => {
  migrated?.close();
  fromSchema?.close();
});

function failures(db: SqliteDatabase): string[] {
  const out: string[] = [];
  for (const [name, texts] of declaredStatements()) {
    texts.forEach((text, i) => {
      try {
        db.prepare(text);
      } catch (err) {
        out.push(`${name}${texts.length > 1 ? `[sample ${i}]` : ''}: ${(err as Error).message}`);
      }
    });
  }
  return out;
}

describe('the core’s SQL statements', () => {
  it('are collected from every module of the core', () => {
    expect(Object.keys(modules).length).toBeGreaterThan(100);
    expect(declaredStatements().size).toBeGreaterThan(0);
  });

  it('all prepare against the migrated database', () => {
    expect(failures(migrated)).toEqual([]);
  });

  it('all prepare against the database the schema file declares', () => {
    expect(failures(fromSchema)).toEqual([]);
  });
});
