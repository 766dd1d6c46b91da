/**
 * The queue of operations for the platform. Every reportable change calls
 * `queueOperation` in the transaction that makes it, so nothing reportable can
 * change without producing one. Only the latest unbatched operation of a record
 * is kept: a record added and then corrected before any batch is still one `add`.
 */
import type { SqliteDatabase } from '../store/database';

export type ReportOp = 'add' | 'update' | 'withdraw' | 'end-publication';

const cache = new WeakMap<SqliteDatabase, ReturnType<typeof prepare>>();

function prepare(db: SqliteDatabase) {
  return {
    open: db.prepare('SELECT id, op FROM report_ops WHERE record_id = ? AND batch_id IS NULL'),
    // The platform has (or is about to have) this record: an add or update sent in a
    // batch that its receipt did not reject.
    everBatched: db.prepare(
      `SELECT 1 FROM report_ops o LEFT JOIN receipt_results rr ON rr.batch_id = o.batch_id AND rr.op_id = o.id
       WHERE o.record_id = ? AND o.batch_id IS NOT NULL AND o.op IN ('add', 'update') AND (rr.status IS NULL OR rr.status = 'accepted') LIMIT 1`,
    ),
    // History imported as already published on the platform: the platform has it without any batch of ours.
    history: db.prepare(`SELECT 1 FROM record_versions WHERE record_id = ? AND version = 1 AND action = 'history'`),
    insert: db.prepare('INSERT INTO report_ops (record_id, version, category, op, created_at) VALUES (?, ?, ?, ?, ?)'),
    update: db.prepare('UPDATE report_ops SET version = ?, op = ?, created_at = ? WHERE id = ?'),
    remove: db.prepare('DELETE FROM report_ops WHERE id = ?'),
  };
}

function stmts(db: SqliteDatabase) {
  let s = cache.get(db);
  if (!s) cache.set(db, (s = prepare(db)));
  return s;
}

export function queueOperation(db: SqliteDatabase, recordId: number, version: number, category: string, op: ReportOp, at: string): void {
  const s = stmts(db);
  const open = s.open.get(recordId) as { id: number; op: ReportOp } | undefined;
  const reported = s.everBatched.get(recordId) !== undefined || s.history.get(recordId) !== undefined;
  if (!open) {
    // A record that never left the office needs no withdrawal to be reported.
    if (op === 'withdraw' && !reported) return;
    s.insert.run(recordId, version, category, reported || op !== 'update' ? op : 'add', at);
    return;
  }
  if (op === 'withdraw' && !reported) {
    s.remove.run(open.id);
    return;
  }
  // A record the platform has never seen stays an `add` whatever happens before the next batch.
  const merged: ReportOp = reported ? op : 'add';
  s.update.run(version, merged, at, open.id);
}

export function pendingOperationCount(db: SqliteDatabase): number {
  return (db.prepare('SELECT count(*) AS n FROM report_ops WHERE batch_id IS NULL').get() as { n: number }).n;
}
