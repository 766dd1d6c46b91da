/**
 * The check log: every check with its number (核查编号), who made it, about whom,
 * for what matter, when, what it found and against which list versions. Rows never
 * change (triggers); a past check is shown from its row, as it was. Sanction
 * feedback recorded against a check waits in feedback_ops for the next batch.
 */
import { and, count, desc, eq, gte, lt, max, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { batches, checkFeedback, creditChecks, feedbackOps, feedbackReceipts, users } from '../../../drizzle/schema';
import type { CheckedVersion, CheckHit, CheckResultView, CheckSummaryView, FeedbackView, Matter } from '../../contract/checks';
import { CoreError } from '../errors';
import { displayCode } from '../lists/format';
import type { SqliteDatabase } from '../store/database';
import { orm, preparedQuery } from '../store/orm';
import { statement, type Row } from '../store/sql';
import type { SubjectKind } from './check';

/** The year of a moment in China Standard Time. */
export const cstYear = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).getUTCFullYear();

// The check log's reads that every check runs (bench section E, single checks): kept prepared.
const lastCheckNo = preparedQuery((o) =>
  o
    .select({ n: max(creditChecks.checkNo) })
    .from(creditChecks)
    .where(and(gte(creditChecks.checkNo, sql.placeholder('from')), lt(creditChecks.checkNo, sql.placeholder('to'))))
    .prepare(),
);
const checkByNo = preparedQuery((o) => o.select().from(creditChecks).where(eq(creditChecks.checkNo, sql.placeholder('checkNo'))).prepare());
const userName = preparedQuery((o) => o.select({ name: users.name }).from(users).where(eq(users.login, sql.placeholder('login'))).prepare());
const feedbackRows = preparedQuery((o) => {
  // Each feedback with its latest sending (a returned batch's feedback is queued again as a new op).
  const later = alias(feedbackOps, 'later');
  const lastOp = o.select({ id: later.id }).from(later).where(eq(later.feedbackId, checkFeedback.id)).orderBy(desc(later.id)).limit(1);
  return o
    .select({
      id: checkFeedback.id,
      measure: checkFeedback.measure,
      note: checkFeedback.note,
      at: checkFeedback.at,
      by: checkFeedback.by,
      batchId: feedbackOps.batchId,
      state: batches.state,
      sequence: batches.sequence,
      status: feedbackReceipts.status,
      code: feedbackReceipts.code,
      message: feedbackReceipts.message,
    })
    .from(checkFeedback)
    .leftJoin(feedbackOps, eq(feedbackOps.id, lastOp))
    .leftJoin(batches, eq(batches.id, feedbackOps.batchId))
    .leftJoin(feedbackReceipts, and(eq(feedbackReceipts.batchId, feedbackOps.batchId), eq(feedbackReceipts.opId, feedbackOps.id)))
    .where(eq(checkFeedback.checkId, sql.placeholder('checkId')))
    .orderBy(checkFeedback.id)
    .prepare();
});

/** Hands out check numbers HC<year>-000001 … in order, continuing the year's last. */
export function checkNumbers(db: SqliteDatabase, at: string): () => string {
  const prefix = `HC${cstYear(at)}-`;
  const last = lastCheckNo(db).get({ from: prefix, to: `${prefix}\uffff` })!;
  let next = last.n ? Number(last.n.slice(prefix.length)) + 1 : 1;
  return () => `${prefix}${String(next++).padStart(6, '0')}`;
}

export interface NewCheck {
  checkNo: string;
  at: string;
  by: string;
  matter: Matter;
  query: string;
  subjectName: string | null;
  subjectCode: string | null;
  subjectKind: SubjectKind;
  hits: CheckHit[];
  versions: CheckedVersion[];
  /** The versions as stored: the same JSON for every check of one call. */
  versionsJson?: string;
  runId?: number | null;
  runRow?: number | null;
}

type C = Row<typeof creditChecks>;

/**
 * One row per applicant in a check of many (bench section E): a prepared statement, with
 * positional parameters (binding an object of named ones cost about 2 µs more a row).
 */
const insertCheckRow = statement<
  never,
  [C['check_no'], C['at'], C['by'], C['matter'], C['query'], C['subject_name'], C['subject_code'], C['subject_kind'], C['clean'], C['hit_count'], C['hits'], C['versions'], C['run_id'], C['run_row']]
>(
  'checks.insert',
  `INSERT INTO credit_checks (check_no, at, by, matter, query, subject_name, subject_code, subject_kind, clean, hit_count, hits, versions, run_id, run_row)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);

export function insertCheck(db: SqliteDatabase, c: NewCheck): number {
  return Number(
    insertCheckRow.run(
      db,
      c.checkNo,
      c.at,
      c.by,
      c.matter,
      c.query,
      c.subjectName,
      c.subjectCode,
      c.subjectKind,
      c.hits.length === 0 ? 1 : 0,
      c.hits.length,
      c.hits.length === 0 ? '[]' : JSON.stringify(c.hits),
      c.versionsJson ?? JSON.stringify(c.versions),
      c.runId ?? null,
      c.runRow ?? null,
    ).lastInsertRowid,
  );
}

export type CheckRow = typeof creditChecks.$inferSelect;

/** What a person typed is shown masked when it was an ID number. */
const shownQuery = (r: CheckRow) => (r.subjectKind === 'id' && r.query.trim().toUpperCase() === r.subjectCode ? displayCode(r.subjectCode) ?? '' : r.query);

export function checkRow(db: SqliteDatabase, checkNo: string): CheckRow {
  const row = checkByNo(db).get({ checkNo });
  if (!row) throw new CoreError('NOT_FOUND', `找不到核查编号为 ${checkNo} 的核查记录。`);
  return row;
}

export function feedbackOf(db: SqliteDatabase, checkId: number): FeedbackView[] {
  const rows = feedbackRows(db).all({ checkId });
  return rows.map((f) => {
    const status: FeedbackView['status'] = f.status ?? (f.batchId === null ? 'queued' : f.state === 'approved' ? 'sent' : 'prepared');
    return {
      feedbackId: f.id,
      measure: f.measure,
      note: f.note,
      at: f.at,
      by: f.by,
      status,
      batchSequence: f.sequence,
      receipt: f.status ? { code: f.code, message: f.message } : null,
    };
  });
}

export function checkView(db: SqliteDatabase, row: CheckRow): CheckResultView {
  const hits = (JSON.parse(row.hits) as CheckHit[]).map((h) => ({ ...h, code: displayCode(h.code) }));
  const byName = userName(db).get({ login: row.by })?.name ?? row.by;
  return {
    checkNo: row.checkNo,
    at: row.at,
    by: row.by,
    byName,
    matter: row.matter,
    query: shownQuery(row),
    subject: { name: row.subjectName, code: displayCode(row.subjectCode), kind: row.subjectKind },
    clean: row.clean,
    hits,
    versions: JSON.parse(row.versions) as CheckedVersion[],
    ownRecords: true,
    feedback: feedbackOf(db, row.id),
    runId: row.runId,
  };
}

export function listChecks(
  db: SqliteDatabase,
  q: { by?: string; query?: string; runId?: number; offset: number; limit: number },
): { total: number; items: CheckSummaryView[] } {
  const where: SQL[] = [];
  if (q.by) where.push(eq(creditChecks.by, q.by));
  if (q.runId !== undefined) where.push(eq(creditChecks.runId, q.runId));
  const text = q.query?.trim();
  if (text) {
    // A check number, a code (exact) or part of the subject's name.
    const exact = text.toUpperCase();
    const like = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push(or(eq(creditChecks.checkNo, exact), eq(creditChecks.subjectCode, exact), sql`${creditChecks.subjectName} LIKE ${like} ESCAPE '\\'`)!);
  }
  const filter = and(...where);
  const total = orm(db).select({ n: count() }).from(creditChecks).where(filter).get()!.n;
  const rows = orm(db)
    .select({
      checkNo: creditChecks.checkNo,
      at: creditChecks.at,
      by: creditChecks.by,
      matter: creditChecks.matter,
      subjectName: creditChecks.subjectName,
      subjectCode: creditChecks.subjectCode,
      clean: creditChecks.clean,
      hitCount: creditChecks.hitCount,
      runId: creditChecks.runId,
      feedbackCount: orm(db).$count(checkFeedback, eq(checkFeedback.checkId, creditChecks.id)),
    })
    .from(creditChecks)
    .where(filter)
    .orderBy(desc(creditChecks.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  return { total, items: rows.map((r) => ({ ...r, subjectCode: displayCode(r.subjectCode) })) };
}

/** Records a measure applied (or an incentive granted) on the strength of a check, and queues it for the platform. */
export function addFeedback(db: SqliteDatabase, checkId: number, measure: string, note: string, by: string, at: string): number {
  const id = Number(orm(db).insert(checkFeedback).values({ checkId, measure, note, at, by }).run().lastInsertRowid);
  orm(db).insert(feedbackOps).values({ feedbackId: id, createdAt: at }).run();
  return id;
}
