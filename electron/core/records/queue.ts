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
import type { reportOps } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { statement, type Row } from '../store/sql';

export type ReportOp = 'add' | 'update' | 'withdraw' | 'end-publication';
export type MarkOp = 'mark-objection' | 'clear-objection';

/** Operations about a record's content (at most one of them waits per record). */
export const CONTENT_OPS: readonly ReportOp[] = ['add', 'update', 'withdraw', 'end-publication'];
export const MARK_OPS: readonly MarkOp[] = ['mark-objection', 'clear-objection'];
/** Every operation a batch may carry (docs/batch-format.md). */
export const ALL_OPS: readonly string[] = [...CONTENT_OPS, ...MARK_OPS];

type OpRow<O> = Pick<Row<typeof reportOps>, 'id'> & { op: O };

const openContentOp = statement<OpRow<ReportOp>, [recordId: number]>(
  'queue.openContentOp',
  `SELECT id, op FROM report_ops WHERE record_id = ? AND batch_id IS NULL AND op IN ('add', 'update', 'withdraw', 'end-publication')`,
);
const openMarkOp = statement<OpRow<MarkOp>, [recordId: number]>(
  'queue.openMarkOp',
  `SELECT id, op FROM report_ops WHERE record_id = ? AND batch_id IS NULL AND op IN ('mark-objection', 'clear-objection')`,
);
// The platform has (or is about to have) this record: an add or update sent in a
// batch that its receipt did not reject.
const everBatched = statement<{ 1: number }, [recordId: number]>(
  'queue.everBatched',
  `SELECT 1 FROM report_ops o LEFT JOIN receipt_results rr ON rr.batch_id = o.batch_id AND rr.op_id = o.id
   WHERE o.record_id = ? AND o.batch_id IS NOT NULL AND o.op IN ('add', 'update') AND (rr.status IS NULL OR rr.status = 'accepted') LIMIT 1`,
);
// History imported as already published on the platform: the platform has it without any batch of ours.
const history = statement<{ 1: number }, [recordId: number]>(
  'queue.history',
  `SELECT 1 FROM record_versions WHERE record_id = ? AND version = 1 AND action = 'history'`,
);
const insert = statement<never, [recordId: number, version: number, category: string, op: string, createdAt: string]>(
  'queue.insert',
  'INSERT INTO report_ops (record_id, version, category, op, created_at) VALUES (?, ?, ?, ?, ?)',
);
const update = statement<never, [version: number, op: string, createdAt: string, id: number]>(
  'queue.update',
  'UPDATE report_ops SET version = ?, op = ?, created_at = ? WHERE id = ?',
);
const remove = statement<never, [id: number]>('queue.remove', 'DELETE FROM report_ops WHERE id = ?');
const pendingCount = statement<{ n: number }>('queue.pendingCount', 'SELECT count(*) AS n FROM report_ops WHERE batch_id IS NULL');

export function queueOperation(db: SqliteDatabase, recordId: number, version: number, category: string, op: ReportOp, at: string): void {
  const open = openContentOp.get(db, recordId);
  const reported = everBatched.get(db, recordId) !== undefined || history.get(db, recordId) !== undefined;
  if (!open) {
    // A record that never left the office needs no withdrawal (or end of publication) to be reported.
    if ((op === 'withdraw' || op === 'end-publication') && !reported) return;
    insert.run(db, recordId, version, category, reported || op !== 'update' ? op : 'add', at);
    return;
  }
  if ((op === 'withdraw' || op === 'end-publication') && !reported) {
    remove.run(db, open.id);
    return;
  }
  // A record the platform has never seen stays an `add` whatever happens before the next batch.
  const merged: ReportOp = reported ? op : 'add';
  update.run(db, version, merged, at, open.id);
}

/**
 * Queues the 异议中 mark's change. A waiting operation of the opposite kind
 * cancels out (the platform never saw the mark); one of the same kind moves to
 * the record's current version.
 */
export function queueMarkOperation(db: SqliteDatabase, recordId: number, version: number, category: string, op: MarkOp, at: string): void {
  const open = openMarkOp.get(db, recordId);
  if (!open) {
    insert.run(db, recordId, version, category, op, at);
    return;
  }
  if (open.op !== op) remove.run(db, open.id);
  else update.run(db, version, op, at, open.id);
}

export function pendingOperationCount(db: SqliteDatabase): number {
  return pendingCount.value<number>(db) ?? 0;
}
