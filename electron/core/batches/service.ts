/**
 * Batches: prepare (freeze every queued operation), approve (sign) or send
 * back, cancel. The person who prepared a batch cannot approve it. A frozen
 * batch never changes: its operations point at immutable record versions, and
 * a record changed after preparation queues a new operation for the next batch.
 */
import { desc, eq } from 'drizzle-orm';
import { batches, reportOps } from '../../../drizzle/schema';
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { statement, type Row } from '../store/sql';
import { FEEDBACK_CATEGORY, FEEDBACK_OP, feedbackCount, freezeFeedback, requeueFeedback } from './feedback';

export type BatchState = 'prepared' | 'approved' | 'returned' | 'cancelled';

type BatchCounts = Record<string, Record<string, number>>;

/** What the core reads of a batch (its manifest and signature are read where they are needed). */
const BATCH_COLUMNS = {
  id: batches.id,
  sequence: batches.sequence,
  state: batches.state,
  preparedAt: batches.preparedAt,
  preparedBy: batches.preparedBy,
  counts: batches.counts,
  operations: batches.operations,
  decidedAt: batches.decidedAt,
  decidedBy: batches.decidedBy,
  reason: batches.reason,
  manifestSm3: batches.manifestSm3,
  signingKeyId: batches.signingKeyId,
  receiptAt: batches.receiptAt,
};

type StoredBatch = Pick<typeof batches.$inferSelect, keyof typeof BATCH_COLUMNS>;

export type BatchRow = Omit<StoredBatch, 'state' | 'counts'> & { state: BatchState; counts: BatchCounts };

const toRow = (r: StoredBatch): BatchRow => ({ ...r, counts: JSON.parse(r.counts) as BatchCounts });

export function getBatch(db: SqliteDatabase, id: number): BatchRow {
  const row = orm(db).select(BATCH_COLUMNS).from(batches).where(eq(batches.id, id)).get();
  if (!row) throw new CoreError('NOT_FOUND', `找不到编号为 ${id} 的批次。`);
  return toRow(row);
}

export function listBatches(db: SqliteDatabase): BatchRow[] {
  return orm(db).select(BATCH_COLUMNS).from(batches).orderBy(desc(batches.id)).all().map(toRow);
}

// Preparing a batch (bench section C, prepare) and releasing one: SQL over every queued
// operation, kept prepared.
const lastApprovedBatch = statement<Pick<Row<typeof batches>, 'sequence' | 'manifest_sm3'>>(
  'batches.lastApproved',
  `SELECT sequence, manifest_sm3 FROM batches WHERE state = 'approved' ORDER BY sequence DESC LIMIT 1`,
);
type OpCount = Pick<Row<typeof reportOps>, 'category' | 'op'> & { n: number };
const queuedCounts = statement<OpCount>('batches.queuedCounts', 'SELECT category, op, count(*) AS n FROM report_ops WHERE batch_id IS NULL GROUP BY category, op');
const batchCounts = statement<OpCount, [number]>('batches.counts', 'SELECT category, op, count(*) AS n FROM report_ops WHERE batch_id = ? GROUP BY category, op');
const openBatch = statement<Pick<Row<typeof batches>, 'id' | 'sequence'>>('batches.open', `SELECT id, sequence FROM batches WHERE state = 'prepared'`);
const insertBatch = statement<never, [sequence: number, at: string, by: string, counts: string, operations: number]>(
  'batches.insert',
  `INSERT INTO batches (sequence, state, prepared_at, prepared_by, counts, operations) VALUES (?, 'prepared', ?, ?, ?, ?)`,
);
const freezeOps = statement<never, [batchId: number]>('batches.freezeOps', 'UPDATE report_ops SET batch_id = ? WHERE batch_id IS NULL');

export function lastApproved(db: SqliteDatabase): { sequence: number; manifestSm3: string | null } | undefined {
  const row = lastApprovedBatch.get(db);
  return row && { sequence: row.sequence, manifestSm3: row.manifest_sm3 };
}

export function countsOf(db: SqliteDatabase, batchId: number | null): { counts: BatchRow['counts']; total: number } {
  const rows = batchId === null ? queuedCounts.all(db) : batchCounts.all(db, batchId);
  const counts: BatchRow['counts'] = {};
  let total = 0;
  for (const r of rows) {
    (counts[r.category] ??= {})[r.op] = r.n;
    total += r.n;
  }
  const feedback = feedbackCount(db, batchId);
  if (feedback > 0) {
    counts[FEEDBACK_CATEGORY] = { [FEEDBACK_OP]: feedback };
    total += feedback;
  }
  return { counts, total };
}

/** Freezes every queued operation into a new batch with the next sequence number. */
export function prepareBatch(db: SqliteDatabase, by: string, at: string): BatchRow {
  const open = openBatch.get(db);
  if (open) throw new CoreError('BAD_INPUT', `第 ${open.sequence} 批尚待审核：请先审核、退回或撤销它，再准备新的批次。`, { batchId: open.id });
  const { counts, total } = countsOf(db, null);
  if (total === 0) throw new CoreError('BAD_INPUT', '没有待报送的操作：自上次报送以来没有新增、更正或撤回的记录，也没有联合奖惩反馈。');
  const sequence = (lastApproved(db)?.sequence ?? 0) + 1;
  const id = Number(insertBatch.run(db, sequence, at, by, JSON.stringify(counts), total).lastInsertRowid);
  freezeOps.run(db, id);
  freezeFeedback(db, id);
  return getBatch(db, id);
}

const keepReleased = statement<never, [batchId: number]>(
  'batches.keepReleased',
  `INSERT INTO released_batch_ops (batch_id, op_id, record_id, version, category, op)
     SELECT batch_id, id, record_id, version, category, op FROM report_ops WHERE batch_id = ?`,
);
const opsOfBatch = statement<Pick<Row<typeof reportOps>, 'id' | 'record_id' | 'op'>, [batchId: number]>(
  'batches.opsToRelease',
  'SELECT id, record_id, op FROM report_ops WHERE batch_id = ?',
);
// The content of a record and its 异议中 mark queue apart (records/queue.ts): each returned
// operation gives way only to a newer one of its own kind.
const newerContentOp = statement<Pick<Row<typeof reportOps>, 'id'>, [recordId: number]>(
  'batches.newerContentOp',
  `SELECT id FROM report_ops WHERE record_id = ? AND batch_id IS NULL AND op IN ('add', 'update', 'withdraw', 'end-publication')`,
);
const newerMarkOp = statement<Pick<Row<typeof reportOps>, 'id' | 'op'>, [recordId: number]>(
  'batches.newerMarkOp',
  `SELECT id, op FROM report_ops WHERE record_id = ? AND batch_id IS NULL AND op IN ('mark-objection', 'clear-objection')`,
);
const everReported = statement<{ 1: number }, [recordId: number]>(
  'batches.everReported',
  `SELECT 1 FROM report_ops o JOIN batches b ON b.id = o.batch_id WHERE o.record_id = ? AND b.state = 'approved' LIMIT 1`,
);
const requeueOp = statement<never, [opId: number]>('batches.requeueOp', 'UPDATE report_ops SET batch_id = NULL WHERE id = ?');
const dropOp = statement<never, [opId: number]>('batches.dropOp', 'DELETE FROM report_ops WHERE id = ?');
const setOpKind = statement<never, [op: string, opId: number]>('batches.setOpKind', 'UPDATE report_ops SET op = ? WHERE id = ?');
const decideBatch = statement<never, [state: string, at: string, by: string, reason: string, batchId: number]>(
  'batches.release',
  'UPDATE batches SET state = ?, decided_at = ?, decided_by = ?, reason = ? WHERE id = ?',
);

/**
 * Returns a prepared batch's operations to the queue (cancel by a clerk, send
 * back by an approver). Where the record changed meanwhile, the newer queued
 * operation supersedes the returned one. A copy of what the batch held stays
 * with it (released_batch_ops), so its history still lists them.
 */
export function releaseBatch(db: SqliteDatabase, batchId: number, state: 'cancelled' | 'returned', by: string, at: string, reason: string): BatchRow {
  const batch = getBatch(db, batchId);
  if (batch.state !== 'prepared') throw new CoreError('BAD_INPUT', `第 ${batch.sequence} 批已${STATE_NAMES[batch.state]}，不能再${state === 'cancelled' ? '撤销' : '退回'}。`);
  // What the batch held, kept for its history before the operations go back to the queue.
  keepReleased.run(db, batchId);
  for (const op of opsOfBatch.all(db, batchId)) {
    if (op.op === 'mark-objection' || op.op === 'clear-objection') {
      const laterMark = newerMarkOp.get(db, op.record_id);
      if (!laterMark) requeueOp.run(db, op.id);
      else {
        // The opposite change since: neither reached the platform, so both go. The same change: the newer one stays.
        if (laterMark.op !== op.op) dropOp.run(db, laterMark.id);
        dropOp.run(db, op.id);
      }
      continue;
    }
    const later = newerContentOp.get(db, op.record_id);
    if (!later) {
      requeueOp.run(db, op.id);
      continue;
    }
    // The platform never saw this record: whatever happened since, it is still an `add`.
    if (op.op === 'add' && !everReported.get(db, op.record_id)) setOpKind.run(db, 'add', later.id);
    dropOp.run(db, op.id);
  }
  // Feedback operations stay with this batch (its history); the feedback is queued again.
  requeueFeedback(db, batchId, at);
  decideBatch.run(db, state, at, by, reason, batchId);
  return getBatch(db, batchId);
}

export { STATE_NAMES } from './format';
import { STATE_NAMES } from './format';
