/**
 * The migrations produce exactly the schema drizzle/schema.ts declares: a database built
 * by applying drizzle/migrations and one built straight from the schema file by
 * drizzle-kit hold the same tables with the same columns, indexes and foreign keys.
 * What the migrations add by hand (FTS tables, triggers, WITHOUT ROWID, one partial
 * index) is listed here by name: anything else found in only one of them fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../electron/core/store/database';
import {
  handWrittenObjects,
  migratedDatabase,
  schemaDatabase,
  tableShapes,
  type ColumnShape,
  type ForeignKeyShape,
  type IndexShape,
  type TableShape,
} from './schema-db';

/** Objects the schema file cannot declare, appended to the generated SQL by hand. */
const HAND_WRITTEN = {
  // Contentless FTS5 name indexes (0001_records); their shadow tables come with them.
  tables: ['record_search', 'subject_search'],
  triggers: [
    // 0000_foundation
    'audit_log_no_update',
    'audit_log_no_delete',
    // 0001_records
    'record_versions_no_update',
    'record_versions_no_delete',
    'records_no_delete',
    // 0002_batches
    'batches_frozen',
    'receipt_results_no_update',
    // 0003_batch_archives
    'batch_archive_chunks_insert',
    'batch_archive_chunks_no_update',
    'batch_archive_chunks_no_delete',
    'batch_archives_insert',
    'batch_archives_no_update',
    'batch_archives_no_delete',
    // 0004_released_batch_ops
    'released_batch_ops_insert',
    'released_batch_ops_no_update',
    'released_batch_ops_no_delete',
    // 0005_print_log
    'print_log_no_delete',
    'print_log_complete_once',
    // 0006_cases
    'case_steps_no_update',
    'case_steps_no_delete',
    'case_attachments_no_update',
    'case_attachments_no_delete',
    'case_records_no_update',
    'case_records_no_delete',
    'cases_no_delete',
    // 0007_credit_checks
    'shared_list_versions_no_update',
    'shared_list_versions_no_delete',
    'shared_list_entries_no_update',
    'shared_list_entries_no_delete',
    'shared_lists_no_delete',
    'list_keys_no_delete',
    'list_keys_update',
    'credit_checks_no_update',
    'credit_checks_no_delete',
    'check_runs_no_update',
    'check_runs_no_delete',
    'check_feedback_no_update',
    'check_feedback_no_delete',
    'feedback_ops_update',
    'feedback_ops_no_delete',
    'feedback_receipts_no_update',
    'feedback_receipts_no_delete',
    // 0008_everyday_use
    'subject_former_names_no_update',
    'subject_former_names_no_delete',
    // 0010_letters
    'letters_no_delete',
    'letters_keep_number',
    // 0012_stats
    'records_decision_date_change',
    'decision_date_changes_no_update',
    'decision_date_changes_no_delete',
  ],
  // Hand-edited tables: one b-tree keyed by the primary key (drizzle cannot declare it).
  withoutRowid: ['batch_archive_chunks', 'record_versions', 'released_batch_ops'],
  // Hand-edited index: cancelled and returned batches give their sequence number back.
  partialIndexes: { batches_sequence: "`state` IN ('prepared', 'approved')" } as Record<string, string>,
};

let migrated: SqliteDatabase;
let fromSchema: SqliteDatabase;

beforeAll(async () => {
  migrated = migratedDatabase();
  fromSchema = await schemaDatabase();
});
afterAll(() => {
  migrated?.close();
  fromSchema?.close();
});

/** The schema-built shape with the known hand edits applied, so the two can be compared whole. */
function withHandEdits(shapes: Map<string, TableShape>): Map<string, TableShape> {
  for (const [name, shape] of shapes) {
    if (HAND_WRITTEN.withoutRowid.includes(name)) shape.withoutRowid = true;
    for (const index of shape.indexes) {
      const where = HAND_WRITTEN.partialIndexes[index.name];
      if (where !== undefined) index.where = where;
    }
  }
  return shapes;
}

// Each part as a name and a line holding everything compared about it.
const column = (c: ColumnShape) =>
  [c.name, `${c.type}${c.notnull ? ' NOT NULL' : ''}${c.default !== null ? ` DEFAULT ${c.default}` : ''}${c.pk ? ` PRIMARY KEY #${c.pk}` : ''}`] as const;
const index = (i: IndexShape) =>
  [i.name, `${i.unique ? 'UNIQUE ' : ''}(${i.columns.join(', ')})${i.where !== null ? ` WHERE ${i.where}` : ''} origin ${i.origin}`] as const;
const foreignKey = (f: ForeignKeyShape) => [f.name, `ON UPDATE ${f.onUpdate} ON DELETE ${f.onDelete}`] as const;

/** One line per difference, named by table and column / index / foreign key. */
function differences(actual: Map<string, TableShape>, declared: Map<string, TableShape>): string[] {
  const out: string[] = [];
  for (const name of new Set([...actual.keys(), ...declared.keys()])) {
    const a = actual.get(name);
    const d = declared.get(name);
    if (!a || !d) {
      out.push(`table ${name}: only in the ${a ? 'migrations' : 'schema file'}`);
      continue;
    }
    for (const key of ['withoutRowid', 'autoincrement'] as const) {
      if (a[key] !== d[key]) out.push(`table ${name}: ${key} is ${a[key]} after the migrations, ${d[key]} in the schema file`);
    }
    const pairs = [
      ['column', a.columns.map(column), d.columns.map(column)],
      ['index', a.indexes.map(index), d.indexes.map(index)],
      ['foreign key', a.foreignKeys.map(foreignKey), d.foreignKeys.map(foreignKey)],
    ] as const;
    for (const [what, as, ds] of pairs) {
      const byName = (list: readonly (readonly [string, string])[]) => new Map(list);
      const am = byName(as);
      const dm = byName(ds);
      for (const key of new Set([...am.keys(), ...dm.keys()])) {
        const x = am.get(key);
        const y = dm.get(key);
        if (x === undefined) out.push(`${name}: ${what} ${key} only in the schema file: ${y}`);
        else if (y === undefined) out.push(`${name}: ${what} ${key} only in the migrations: ${x}`);
        else if (x !== y) out.push(`${name}: ${what} ${key} differs: migrations ${x}; schema file ${y}`);
      }
    }
  }
  return out;
}

describe('the migrations and drizzle/schema.ts', () => {
  it('declare the same tables, columns, indexes and foreign keys', () => {
    const actual = tableShapes(migrated);
    const declared = withHandEdits(tableShapes(fromSchema));
    expect(differences(actual, declared)).toEqual([]);
    expect(actual.size).toBeGreaterThan(30);
  });

  it('differ only by the hand-written objects listed here', () => {
    const extras = handWrittenObjects(migrated, fromSchema);
    expect(extras.filter((o) => o.type === 'table').map((o) => o.name).sort()).toEqual([...HAND_WRITTEN.tables].sort());
    expect(extras.filter((o) => o.type === 'trigger').map((o) => o.name).sort()).toEqual([...HAND_WRITTEN.triggers].sort());
    expect(extras.filter((o) => o.type !== 'table' && o.type !== 'trigger')).toEqual([]);
    // …and the schema file declares nothing the migrations lack.
    expect(handWrittenObjects(fromSchema, migrated).map((o) => `${o.type} ${o.name}`)).toEqual([]);
  });

  it('the hand-written FTS tables are contentless FTS5 over character bigrams', () => {
    for (const name of HAND_WRITTEN.tables) {
      const { sql } = migrated.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(name) as { sql: string };
      expect(sql).toMatch(/USING fts5\(`grams`, content='', contentless_delete=1/);
    }
  });
});
