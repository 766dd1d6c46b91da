/**
 * Batches: prepare (freeze every queued operation), approve (sign) or send
 * back, cancel. The person who prepared a batch cannot approve it. A frozen
 * batch never changes: its operations point at immutable record versions, and
 * a record changed after preparation queues a new operation for the next batch.
 */
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';
import { FEEDBACK_CATEGORY, FEEDBACK_OP, feedbackCount, freezeFeedback, requeueFeedback } from './feedback';

export type BatchState = 'prepared' | 'approved' | 'returned' | 'cancelled';

export interface BatchRow {
  id: number;
  sequence: number;
  state: BatchState;
  preparedAt: string;
  preparedBy: string;
  counts: Record<string, Record<string, number>>;
  operations: number;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
  manifestSm3: string | null;
  signingKeyId: number | null;
  receiptAt: string | null;
}

const SELECT = `SELECT id, sequence, state, prepared_at AS preparedAt, prepared_by AS preparedBy, counts, operations,
  decided_at AS decidedAt, decided_by AS decidedBy, reason, manifest_sm3 AS manifestSm3, signing_key_id AS signingKeyId,
  receipt_at AS receiptAt FROM batches`;

type RawBatch = Omit<BatchRow, 'counts'> & { counts: string };
const toRow = (r: RawBatch): BatchRow => ({ ...r, counts: JSON.parse(r.counts) as BatchRow['counts'] });

export function getBatch(db: SqliteDatabase, id: number): BatchRow {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as RawBatch | undefined;
  if (!row) throw new CoreError('NOT_FOUND', `找不到编号为 ${id} 的批次。`);
  return toRow(row);
}

export function listBatches(db: SqliteDatabase): BatchRow[] {
  return (db.prepare(`${SELECT} ORDER BY id DESC`).all() as RawBatch[]).map(toRow);
}

export function lastApproved(db: SqliteDatabase): { sequence: number; manifestSm3: string } | undefined {
  return db.prepare(`SELECT sequence, manifest_sm3 AS manifestSm3 FROM batches WHERE state = 'approved' ORDER BY sequence DESC LIMIT 1`).get() as
    | { sequence: number; manifestSm3: string }
    | undefined;
}

export function countsOf(db: SqliteDatabase, batchId: number | null): { counts: BatchRow['counts']; total: number } {
  const rows = (
    batchId === null
      ? db.prepare('SELECT category, op, count(*) AS n FROM report_ops WHERE batch_id IS NULL GROUP BY category, op').all()
      : db.prepare('SELECT category, op, count(*) AS n FROM report_ops WHERE batch_id = ? GROUP BY category, op').all(batchId)
  ) as { category: string; op: string; n: number }[];
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
  const open = db.prepare(`SELECT id, sequence FROM batches WHERE state = 'prepared'`).get() as { id: number; sequence: number } | undefined;
  if (open) throw new CoreError('BAD_INPUT', `第 ${open.sequence} 批尚待审核：请先审核、退回或撤销它，再准备新的批次。`, { batchId: open.id });
  const { counts, total } = countsOf(db, null);
  if (total === 0) throw new CoreError('BAD_INPUT', '没有待报送的操作：自上次报送以来没有新增、更正或撤回的记录，也没有联合奖惩反馈。');
  const sequence = (lastApproved(db)?.sequence ?? 0) + 1;
  const id = Number(
    db
      .prepare(`INSERT INTO batches (sequence, state, prepared_at, prepared_by, counts, operations) VALUES (?, 'prepared', ?, ?, ?, ?)`)
      .run(sequence, at, by, JSON.stringify(counts), total).lastInsertRowid,
  );
  db.prepare('UPDATE report_ops SET batch_id = ? WHERE batch_id IS NULL').run(id);
  freezeFeedback(db, id);
  return getBatch(db, id);
}

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
  db.prepare(
    `INSERT INTO released_batch_ops (batch_id, op_id, record_id, version, category, op)
     SELECT batch_id, id, record_id, version, category, op FROM report_ops WHERE batch_id = ?`,
  ).run(batchId);
  const ops = db.prepare('SELECT id, record_id AS recordId, op FROM report_ops WHERE batch_id = ?').all(batchId) as { id: number; recordId: number; op: string }[];
  // The content of a record and its 异议中 mark queue apart (records/queue.ts): each returned
  // operation gives way only to a newer one of its own kind.
  const newer = db.prepare(`SELECT id FROM report_ops WHERE record_id = ? AND batch_id IS NULL AND op IN ('add', 'update', 'withdraw', 'end-publication')`);
  const newerMark = db.prepare(`SELECT id, op FROM report_ops WHERE record_id = ? AND batch_id IS NULL AND op IN ('mark-objection', 'clear-objection')`);
  const reported = db.prepare(
    `SELECT 1 FROM report_ops o JOIN batches b ON b.id = o.batch_id WHERE o.record_id = ? AND b.state = 'approved' LIMIT 1`,
  );
  const requeue = db.prepare('UPDATE report_ops SET batch_id = NULL WHERE id = ?');
  const drop = db.prepare('DELETE FROM report_ops WHERE id = ?');
  const setOp = db.prepare('UPDATE report_ops SET op = ? WHERE id = ?');
  for (const op of ops) {
    if (op.op === 'mark-objection' || op.op === 'clear-objection') {
      const laterMark = newerMark.get(op.recordId) as { id: number; op: string } | undefined;
      if (!laterMark) requeue.run(op.id);
      else {
        // The opposite change since: neither reached the platform, so both go. The same change: the newer one stays.
        if (laterMark.op !== op.op) drop.run(laterMark.id);
        drop.run(op.id);
      }
      continue;
    }
    const later = newer.get(op.recordId) as { id: number } | undefined;
    if (!later) {
      requeue.run(op.id);
      continue;
    }
    // The platform never saw this record: whatever happened since, it is still an `add`.
    if (op.op === 'add' && !reported.get(op.recordId)) setOp.run('add', later.id);
    drop.run(op.id);
  }
  // Feedback operations stay with this batch (its history); the feedback is queued again.
  requeueFeedback(db, batchId, at);
  db.prepare('UPDATE batches SET state = ?, decided_at = ?, decided_by = ?, reason = ? WHERE id = ?').run(state, at, by, reason, batchId);
  return getBatch(db, batchId);
}

export { STATE_NAMES } from './format';
import { STATE_NAMES } from './format';
