/**
 * The queue of operations for the platform. Every reportable change calls
 * `queueOperation` in the transaction that makes it, so nothing reportable can
 * change without producing one. Only the latest unbatched operation of a record
 * is kept: a record added and then corrected before any batch is still one `add`.
 *
 * The 异议中 mark travels apart from the record's content: `mark-objection` and
 * `clear-objection` (queueMarkOperation) queue beside the content operation, so a
 * correction decided on an objection reaches the platform as `update` followed by
 * `clear-objection`. A mark set and cleared before any batch leaves nothing to send.
 */
import type { SqliteDatabase } from '../store/database';

export type ReportOp = 'add' | 'update' | 'withdraw' | 'end-publication';
export type MarkOp = 'mark-objection' | 'clear-objection';

/** Operations about a record's content (at most one of them waits per record). */
export const CONTENT_OPS: readonly ReportOp[] = ['add', 'update', 'withdraw', 'end-publication'];
export const MARK_OPS: readonly MarkOp[] = ['mark-objection', 'clear-objection'];
/** Every operation a batch may carry (docs/batch-format.md). */
export const ALL_OPS: readonly string[] = [...CONTENT_OPS, ...MARK_OPS];

const cache = new WeakMap<SqliteDatabase, ReturnType<typeof prepare>>();

function prepare(db: SqliteDatabase) {
  return {
    open: db.prepare(`SELECT id, op FROM report_ops WHERE record_id = ? AND batch_id IS NULL AND op IN ('add', 'update', 'withdraw', 'end-publication')`),
    openMark: db.prepare(`SELECT id, op FROM report_ops WHERE record_id = ? AND batch_id IS NULL AND op IN ('mark-objection', 'clear-objection')`),
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
    // A record that never left the office needs no withdrawal (or end of publication) to be reported.
    if ((op === 'withdraw' || op === 'end-publication') && !reported) return;
    s.insert.run(recordId, version, category, reported || op !== 'update' ? op : 'add', at);
    return;
  }
  if ((op === 'withdraw' || op === 'end-publication') && !reported) {
    s.remove.run(open.id);
    return;
  }
  // A record the platform has never seen stays an `add` whatever happens before the next batch.
  const merged: ReportOp = reported ? op : 'add';
  s.update.run(version, merged, at, open.id);
}

/**
 * Queues the 异议中 mark's change. A waiting operation of the opposite kind
 * cancels out (the platform never saw the mark); one of the same kind moves to
 * the record's current version.
 */
export function queueMarkOperation(db: SqliteDatabase, recordId: number, version: number, category: string, op: MarkOp, at: string): void {
  const s = stmts(db);
  const open = s.openMark.get(recordId) as { id: number; op: MarkOp } | undefined;
  if (!open) {
    s.insert.run(recordId, version, category, op, at);
    return;
  }
  if (open.op !== op) s.remove.run(open.id);
  else s.update.run(version, op, at, open.id);
}

export function pendingOperationCount(db: SqliteDatabase): number {
  return (db.prepare('SELECT count(*) AS n FROM report_ops WHERE batch_id IS NULL').get() as { n: number }).n;
}
