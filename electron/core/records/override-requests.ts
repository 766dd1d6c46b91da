/**
 * A clerk cannot accept a failed identifier check (an early pilot 统一社会信用代码
 * …); only an approver can, with a recorded reason. So the clerk keeps the record
 * as a draft and asks: the request waits on the record (records.override_request)
 * until the record is saved again without an open problem — by the approver
 * accepting it, or by a correction that fixes it.
 */
import type { OverrideRequest } from '../../contract/records';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { SqliteDatabase } from '../store/database';
import { records } from '../../../drizzle/schema';
import { orm } from '../store/orm';
import { statement } from '../store/sql';
import type { RecordRow } from '../search/records-search';

const waiting = statement<RecordRow & { request: string }>(
  'records.overrideRequests',
  `SELECT r.id, r.category, r.subject_id AS subjectId, r.subject_name AS subjectName, r.subject_code AS subjectCode,
     r.decision_no AS decisionNo, r.decision_date AS decisionDate, r.state, r.version, r.publication_ends AS publicationEnds,
     r.open_marks AS openMarks, r.updated_at AS updatedAt, r.override_request AS request,
     (SELECT s.code_type FROM subjects s WHERE s.id = r.subject_id) AS subjectCodeType
   FROM records r WHERE r.override_request IS NOT NULL`,
);

export function requestOverride(db: SqliteDatabase, recordId: number, request: OverrideRequest): void {
  orm(db).update(records).set({ overrideRequest: JSON.stringify(request) }).where(eq(records.id, recordId)).run();
}

export function clearOverrideRequest(db: SqliteDatabase, recordId: number): void {
  orm(db)
    .update(records)
    .set({ overrideRequest: null })
    .where(and(eq(records.id, recordId), isNotNull(records.overrideRequest)))
    .run();
}

export function overrideRequestOf(db: SqliteDatabase, recordId: number): OverrideRequest | null {
  const row = orm(db).select({ r: records.overrideRequest }).from(records).where(eq(records.id, recordId)).get();
  return row?.r ? (JSON.parse(row.r) as OverrideRequest) : null;
}

/** Records waiting for an approver, oldest request first. */
export function listOverrideRequests(db: SqliteDatabase): (RecordRow & { request: OverrideRequest })[] {
  return waiting
    .all(db)
    .map((r) => ({ ...r, request: JSON.parse(r.request) as OverrideRequest }))
    .sort((a, b) => a.request.at.localeCompare(b.request.at));
}
