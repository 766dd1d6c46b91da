/**
 * The 异议中 mark: while an objection is open, each record it concerns carries
 * it (records.open_marks), shown wherever the record is and reported to the
 * platform — `mark-objection` when the first open objection arrives,
 * `clear-objection` when the last one closes (records/queue.ts).
 */
import type { SqliteDatabase } from '../store/database';
import { queueMarkOperation } from '../records/queue';

function recordHead(db: SqliteDatabase, recordId: number): { version: number; category: string; openMarks: number } {
  return db.prepare('SELECT version, category, open_marks AS openMarks FROM records WHERE id = ?').get(recordId) as {
    version: number;
    category: string;
    openMarks: number;
  };
}

export function markObjection(db: SqliteDatabase, recordId: number, at: string): void {
  const r = recordHead(db, recordId);
  db.prepare('UPDATE records SET open_marks = open_marks + 1 WHERE id = ?').run(recordId);
  if (r.openMarks === 0) queueMarkOperation(db, recordId, r.version, r.category, 'mark-objection', at);
}

export function clearObjection(db: SqliteDatabase, recordId: number, at: string): void {
  const r = recordHead(db, recordId);
  if (r.openMarks <= 0) return;
  db.prepare('UPDATE records SET open_marks = open_marks - 1 WHERE id = ?').run(recordId);
  if (r.openMarks === 1) queueMarkOperation(db, recordId, r.version, r.category, 'clear-objection', at);
}
