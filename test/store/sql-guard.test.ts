/**
 * The core's SQL goes through store/sql.ts (declared, collected, typed) or drizzle's
 * query builder: no statement prepared from a string elsewhere, and no query result cast
 * to a hand-written type. The few places that must differ are listed here, with why.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '..', '..', 'electron', 'core');

/** Files allowed to call `db.prepare(text)`. */
const PREPARE_ALLOWED = new Map([
  ['store/sql.ts', 'the registry itself prepares the declared statements'],
  ['store/database.ts', 'proves a key by reading sqlite_master before anything else exists'],
  ['store/migrate.ts', 'reads drizzle’s own bookkeeping table, which the schema does not declare'],
]);

/** Files allowed to cast a query result, with why. */
const CAST_ALLOWED = new Map([['store/sql.ts', 'the registry gives each statement the row type it was declared with, once for all']]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const files = sources(CORE).map((path) => ({ name: relative(CORE, path).replaceAll('\\', '/'), text: readFileSync(path, 'utf8') }));

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

describe('the core’s SQL', () => {
  it('is prepared only through store/sql.ts (drizzle’s argument-less .prepare() aside)', () => {
    const found: string[] = [];
    for (const f of files) {
      if (PREPARE_ALLOWED.has(f.name)) continue;
      for (const m of f.text.matchAll(/\.prepare\s*(<[^>]*>)?\(\s*[^)\s]/g)) found.push(`${f.name}:${lineOf(f.text, m.index)}`);
    }
    expect(found).toEqual([]);
  });

  it('has no query result cast to a hand-written type', () => {
    // `.get(…) as X`, `.all(…) as X[]`, `.pluck().get() as X` … with up to one level of nested
    // parentheses; the desk's in-memory memo (a Map of what a command keeps between calls) is not a query.
    const cast = /(?<!memo)\.(get|all|iterate|value|values)\s*(<[^>]*>)?\((?:[^()]|\([^()]*\))*\)\s*(\)\s*)?as\s+(?!const\b)/g;
    const found: string[] = [];
    for (const f of files) {
      if (CAST_ALLOWED.has(f.name)) continue;
      for (const m of f.text.matchAll(cast)) found.push(`${f.name}:${lineOf(f.text, m.index)}: ${m[0].slice(0, 60)}`);
    }
    expect(found).toEqual([]);
  });
});
