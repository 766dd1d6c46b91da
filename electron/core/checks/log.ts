/**
 * The check log: every check with its number (核查编号), who made it, about whom,
 * for what matter, when, what it found and against which list versions. Rows never
 * change (triggers); a past check is shown from its row, as it was. Sanction
 * feedback recorded against a check waits in feedback_ops for the next batch.
 */
import type { CheckedVersion, CheckHit, CheckResultView, CheckSummaryView, FeedbackView, Matter } from '../../contract/checks';
import { CoreError } from '../errors';
import { displayCode } from '../lists/format';
import type { SqliteDatabase } from '../store/database';
import type { SubjectKind } from './check';

/** The year of a moment in China Standard Time. */
export const cstYear = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).getUTCFullYear();

/** Hands out check numbers HC<year>-000001 … in order, continuing the year's last. */
export function checkNumbers(db: SqliteDatabase, at: string): () => string {
  const prefix = `HC${cstYear(at)}-`;
  const last = db.prepare('SELECT max(check_no) AS n FROM credit_checks WHERE check_no >= ? AND check_no < ?').get(prefix, `${prefix}\uffff`) as { n: string | null };
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

const inserts = new WeakMap<SqliteDatabase, { run(...params: unknown[]): { lastInsertRowid: number | bigint } }>();

export function insertCheck(db: SqliteDatabase, c: NewCheck): number {
  let stmt = inserts.get(db);
  if (!stmt) {
    stmt = db.prepare(
      `INSERT INTO credit_checks (check_no, at, by, matter, query, subject_name, subject_code, subject_kind, clean, hit_count, hits, versions, run_id, run_row)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    inserts.set(db, stmt);
  }
  return Number(
    stmt.run(
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

interface CheckRow {
  id: number;
  checkNo: string;
  at: string;
  by: string;
  matter: Matter;
  query: string;
  subjectName: string | null;
  subjectCode: string | null;
  subjectKind: SubjectKind;
  clean: number;
  hitCount: number;
  hits: string;
  versions: string;
  runId: number | null;
}

const COLUMNS = `c.id, c.check_no AS checkNo, c.at, c.by, c.matter, c.query, c.subject_name AS subjectName, c.subject_code AS subjectCode,
  c.subject_kind AS subjectKind, c.clean, c.hit_count AS hitCount, c.hits, c.versions, c.run_id AS runId`;

/** What a person typed is shown masked when it was an ID number. */
const shownQuery = (r: CheckRow) => (r.subjectKind === 'id' && r.query.trim().toUpperCase() === r.subjectCode ? displayCode(r.subjectCode) ?? '' : r.query);

export function checkRow(db: SqliteDatabase, checkNo: string): CheckRow {
  const row = db.prepare(`SELECT ${COLUMNS} FROM credit_checks c WHERE c.check_no = ?`).get(checkNo) as CheckRow | undefined;
  if (!row) throw new CoreError('NOT_FOUND', `找不到核查编号为 ${checkNo} 的核查记录。`);
  return row;
}

export function feedbackOf(db: SqliteDatabase, checkId: number): FeedbackView[] {
  const rows = db
    .prepare(
      `SELECT f.id, f.measure, f.note, f.at, f.by,
         (SELECT o.id FROM feedback_ops o WHERE o.feedback_id = f.id ORDER BY o.id DESC LIMIT 1) AS opId
       FROM check_feedback f WHERE f.check_id = ? ORDER BY f.id`,
    )
    .all(checkId) as { id: number; measure: string; note: string; at: string; by: string; opId: number }[];
  const op = db.prepare(
    `SELECT o.batch_id AS batchId, b.state, b.sequence, r.status, r.code, r.message FROM feedback_ops o
     LEFT JOIN batches b ON b.id = o.batch_id LEFT JOIN feedback_receipts r ON r.batch_id = o.batch_id AND r.op_id = o.id WHERE o.id = ?`,
  );
  return rows.map((f) => {
    const o = op.get(f.opId) as { batchId: number | null; state: string | null; sequence: number | null; status: 'accepted' | 'rejected' | null; code: string | null; message: string | null };
    const status: FeedbackView['status'] = o.status ?? (o.batchId === null ? 'queued' : o.state === 'approved' ? 'sent' : 'prepared');
    return {
      feedbackId: f.id,
      measure: f.measure,
      note: f.note,
      at: f.at,
      by: f.by,
      status,
      batchSequence: o.sequence,
      receipt: o.status ? { code: o.code, message: o.message } : null,
    };
  });
}

export function checkView(db: SqliteDatabase, row: CheckRow): CheckResultView {
  const hits = (JSON.parse(row.hits) as CheckHit[]).map((h) => ({ ...h, code: displayCode(h.code) }));
  const byName = (db.prepare('SELECT name FROM users WHERE login = ?').pluck().get(row.by) as string | undefined) ?? row.by;
  return {
    checkNo: row.checkNo,
    at: row.at,
    by: row.by,
    byName,
    matter: row.matter,
    query: shownQuery(row),
    subject: { name: row.subjectName, code: displayCode(row.subjectCode), kind: row.subjectKind },
    clean: row.clean === 1,
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
  const where: string[] = [];
  const params: Record<string, unknown> = { offset: q.offset, limit: q.limit };
  if (q.by) {
    where.push('c.by = @by');
    params.by = q.by;
  }
  if (q.runId !== undefined) {
    where.push('c.run_id = @runId');
    params.runId = q.runId;
  }
  const text = q.query?.trim();
  if (text) {
    // A check number, a code (exact) or part of the subject's name.
    where.push(`(c.check_no = @exact OR c.subject_code = @exact OR c.subject_name LIKE @like ESCAPE '\\')`);
    params.exact = text.toUpperCase();
    params.like = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM credit_checks c ${filter}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT c.check_no AS checkNo, c.at, c.by, c.matter, c.subject_name AS subjectName, c.subject_code AS subjectCode, c.clean,
         c.hit_count AS hitCount, c.run_id AS runId, (SELECT count(*) FROM check_feedback f WHERE f.check_id = c.id) AS feedbackCount
       FROM credit_checks c ${filter} ORDER BY c.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as (Omit<CheckSummaryView, 'clean'> & { clean: number })[];
  return { total, items: rows.map((r) => ({ ...r, subjectCode: displayCode(r.subjectCode), clean: r.clean === 1 })) };
}

/** Records a measure applied (or an incentive granted) on the strength of a check, and queues it for the platform. */
export function addFeedback(db: SqliteDatabase, checkId: number, measure: string, note: string, by: string, at: string): number {
  const id = Number(db.prepare('INSERT INTO check_feedback (check_id, measure, note, at, by) VALUES (?, ?, ?, ?, ?)').run(checkId, measure, note, at, by).lastInsertRowid);
  db.prepare('INSERT INTO feedback_ops (feedback_id, created_at) VALUES (?, ?)').run(id, at);
  return id;
}
