/**
 * A record's way to the platform, for its history beside its versions: each
 * batch that held it (also one sent back or cancelled), the batch's signing, and
 * the platform's answer from the receipt.
 */
import type { RecordEvent } from '../../contract/records';
import { batchIdOf } from '../batches/format';
import { getDepartment } from '../department/service';
import type { SqliteDatabase } from '../store/database';
import { statement, type Row } from '../store/sql';
import type { batches, receiptResults, reportOps } from '../../../drizzle/schema';

type EventRow = Pick<Row<typeof reportOps>, 'version' | 'op'> &
  Pick<Row<typeof batches>, 'sequence' | 'state' | 'reason'> &
  Pick<Row<typeof receiptResults>, 'code' | 'message'> & {
    batchId: number;
    opId: number;
    attempt: number;
    preparedAt: string;
    preparedBy: string;
    decidedAt: string | null;
    decidedBy: string | null;
    receiptAt: string | null;
    status: 'accepted' | 'rejected' | null;
  };

const eventsOf = statement<EventRow, [{ id: number }]>(
  'records.events',
  `SELECT o.batch_id AS batchId, o.op_id AS opId, o.version, o.op, b.sequence, b.state, b.prepared_at AS preparedAt, b.prepared_by AS preparedBy,
     b.decided_at AS decidedAt, b.decided_by AS decidedBy, b.reason, b.receipt_at AS receiptAt, rr.status, rr.code, rr.message,
     (SELECT count(*) FROM batches p WHERE p.sequence = b.sequence AND p.id <= b.id) AS attempt
   FROM (SELECT batch_id, id AS op_id, version, op FROM report_ops WHERE record_id = @id AND batch_id IS NOT NULL
         UNION ALL SELECT batch_id, op_id, version, op FROM released_batch_ops WHERE record_id = @id) o
   JOIN batches b ON b.id = o.batch_id
   LEFT JOIN receipt_results rr ON rr.batch_id = o.batch_id AND rr.op_id = o.op_id
   ORDER BY b.id`,
);

const ORDER: Record<RecordEvent['kind'], number> = { batched: 0, approved: 1, returned: 1, cancelled: 1, accepted: 2, rejected: 2 };

export function recordEvents(db: SqliteDatabase, recordId: number): RecordEvent[] {
  const uscc = getDepartment(db).uscc;
  const rows = eventsOf.all(db, { id: recordId });
  const events: RecordEvent[] = [];
  for (const r of rows) {
    const base = { batchId: r.batchId, sequence: r.sequence, attempt: r.attempt, publicId: batchIdOf(uscc, r.sequence), version: r.version, op: r.op };
    events.push({ ...base, at: r.preparedAt, kind: 'batched', by: r.preparedBy, reason: null, code: null });
    if (r.decidedAt && (r.state === 'approved' || r.state === 'returned' || r.state === 'cancelled')) {
      events.push({ ...base, at: r.decidedAt, kind: r.state === 'approved' ? 'approved' : r.state, by: r.decidedBy, reason: r.state === 'approved' ? null : r.reason, code: null });
    }
    if (r.status && r.receiptAt) {
      events.push({ ...base, at: r.receiptAt, kind: r.status, by: null, reason: r.message, code: r.code });
    }
  }
  return events.sort((a, b) => a.at.localeCompare(b.at) || ORDER[a.kind] - ORDER[b.kind]);
}
