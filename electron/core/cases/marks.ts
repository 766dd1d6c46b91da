/**
 * The 异议中 mark: while an objection is open, each record it concerns carries
 * it (records.open_marks), shown wherever the record is and reported to the
 * platform — `mark-objection` when the first open objection arrives,
 * `clear-objection` when the last one closes (records/queue.ts).
 */
import { eq, sql } from 'drizzle-orm';
import { records } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { queueMarkOperation } from '../records/queue';

/** The record's head; the caller holds a record of the case, so it exists. */
function recordHead(db: SqliteDatabase, recordId: number) {
  return orm(db)
    .select({ version: records.version, category: records.category, openMarks: records.openMarks })
    .from(records)
    .where(eq(records.id, recordId))
    .get()!;
}

function addMark(db: SqliteDatabase, recordId: number, delta: 1 | -1): void {
  orm(db)
    .update(records)
    .set({ openMarks: sql`${records.openMarks} + ${delta}` })
    .where(eq(records.id, recordId))
    .run();
}

export function markObjection(db: SqliteDatabase, recordId: number, at: string): void {
  const r = recordHead(db, recordId);
  addMark(db, recordId, 1);
  if (r.openMarks === 0) queueMarkOperation(db, recordId, r.version, r.category, 'mark-objection', at);
}

export function clearObjection(db: SqliteDatabase, recordId: number, at: string): void {
  const r = recordHead(db, recordId);
  if (r.openMarks <= 0) return;
  addMark(db, recordId, -1);
  if (r.openMarks === 1) queueMarkOperation(db, recordId, r.version, r.category, 'clear-objection', at);
}
