/**
 * The core's hand-written SQL, typed from drizzle/schema.ts and collected in one
 * registry so that test/store/statements.test.ts can prepare every statement against
 * a database built from the migrations and one built from the schema file: a column
 * or table that does not exist fails the suite by the statement's name.
 *
 * Administrative reads and writes use drizzle's query builder (store/orm.ts); this
 * module is for the measured hot paths and for SQL the query builder cannot say
 * (FTS, window functions, recursive queries, pragmas). See DEVELOPERS.md.
 *
 * Usage, at module level (never inside a function, or the registry misses it):
 *
 *   const userByLogin = statement<Pick<Row<typeof users>, 'login' | 'name'>, [string]>(
 *     'users.byLogin', 'SELECT login, name FROM users WHERE login = ?');
 *   userByLogin.get(db, 'clerk');   // → { login, name } | undefined
 *
 * SQL assembled at run time (a filter of optional conditions) is declared with
 * `statementFamily`, whose samples cover every fragment the builder can emit.
 */
import type { RunResult, Statement } from 'better-sqlite3';
import type { Column, Table } from 'drizzle-orm';
import type { SqliteDatabase } from './database';

/** The value better-sqlite3 hands back for a column: booleans and timestamps are stored as integers. */
type RawValue<C extends Column> = C['_']['columnType'] extends 'SQLiteBoolean' | 'SQLiteTimestamp'
  ? number
  : C['_']['columnType'] extends 'SQLiteBlobBuffer' | 'SQLiteBlobJson'
    ? Buffer
    : C['_']['columnType'] extends 'SQLiteTextJson'
      ? string
      : C['_']['data'];

/**
 * A table's row as raw SQL returns it: keyed by the database column names
 * (`created_at`, not `createdAt`), typed from the schema.
 */
export type Row<T extends Table> = {
  [K in keyof T['_']['columns'] as T['_']['columns'][K]['_']['name']]: T['_']['columns'][K]['_']['notNull'] extends true
    ? RawValue<T['_']['columns'][K]>
    : RawValue<T['_']['columns'][K]> | null;
};

/** Parameters: positional values, or one object of named ones (`@name`). */
type Params = unknown[];

const registry = new Map<string, string[]>();
const cache = new WeakMap<SqliteDatabase, Map<string, Statement>>();

/** One prepared statement per database and text (and one more in raw mode for `value`/`values`). */
function prepared(db: SqliteDatabase, text: string, raw = false): Statement {
  let byText = cache.get(db);
  if (!byText) cache.set(db, (byText = new Map()));
  const key = raw ? `raw:${text}` : text;
  let stmt = byText.get(key);
  if (!stmt) {
    stmt = db.prepare(text);
    if (raw) stmt.raw(true);
    byText.set(key, stmt);
  }
  return stmt;
}

function register(name: string, texts: string[]): void {
  if (registry.has(name)) throw new Error(`SQL statement ${name} declared twice`);
  registry.set(name, texts);
}

/** Methods shared by a fixed statement and a member of a family. */
export interface Runner<R, P extends Params> {
  get(db: SqliteDatabase, ...params: P): R | undefined;
  all(db: SqliteDatabase, ...params: P): R[];
  run(db: SqliteDatabase, ...params: P): RunResult;
  /** One row at a time (a fresh statement, so iterating may nest). */
  iterate(db: SqliteDatabase, ...params: P): IterableIterator<R>;
  /** The first column of the first row. */
  value<V = R[keyof R]>(db: SqliteDatabase, ...params: P): V | undefined;
  /** The first column of every row. */
  values<V = R[keyof R]>(db: SqliteDatabase, ...params: P): V[];
}

function runner<R, P extends Params>(text: () => string): Runner<R, P> {
  return {
    get: (db, ...p) => prepared(db, text()).get(...p) as R | undefined,
    all: (db, ...p) => prepared(db, text()).all(...p) as R[],
    run: (db, ...p) => prepared(db, text()).run(...p),
    iterate: (db, ...p) => db.prepare(text()).iterate(...p) as IterableIterator<R>,
    value: <V>(db: SqliteDatabase, ...p: P) => {
      const row = prepared(db, text(), true).get(...p) as unknown[] | undefined;
      return row?.[0] as V | undefined;
    },
    values: <V>(db: SqliteDatabase, ...p: P) =>
      (prepared(db, text(), true).all(...p) as unknown[][]).map((r) => r[0] as V),
  };
}

/**
 * A fixed SQL statement. `R` is the row it returns (from `Row<typeof table>`, with
 * `Pick` or an intersection for computed columns); `P` its parameters.
 */
export function statement<R = never, P extends Params = []>(name: string, text: string): Runner<R, P> & { text: string } {
  register(name, [text]);
  return Object.assign(runner<R, P>(() => text), { text });
}

/**
 * SQL built at run time from fragments. `samples` are arguments of `build` that
 * together produce every fragment; the statement test prepares each of them.
 */
export function statementFamily<A, R = never, P extends Params = unknown[]>(
  name: string,
  build: (arg: A) => string,
  samples: A[],
): (arg: A) => Runner<R, P> & { text: string } {
  register(
    name,
    samples.map((s) => build(s)),
  );
  return (arg) => {
    const text = build(arg);
    return Object.assign(
      runner<R, P>(() => text),
      { text },
    );
  };
}

/** Every declared statement's texts by name (for the statement test). */
export function declaredStatements(): ReadonlyMap<string, readonly string[]> {
  return registry;
}
