/**
 * Record search: any part (2+ characters) of a subject's name, or a prefix of a
 * code or decision number, combined with filters; paged, newest first.
 *
 * Counting is capped (COUNT_CAP): a query such as "有限" matches most of a
 * department's records, and an exact count of 750,000 FTS hits costs more than
 * the whole 50 ms budget while telling the user nothing useful. Totals at or
 * below the cap are exact; above it the result says `totalCapped: true` and
 * the UI shows "10,000+".
 */
import type { SqliteDatabase } from '../store/database';
import { normaliseDecisionNumber } from '../catalog/records';
import { matchExpression, normalizeName } from './grams';

export const COUNT_CAP = 10_000;

export interface RecordQuery {
  query?: string;
  category?: string;
  state?: string;
  subjectId?: number;
  /** Decision dates from/to, YYYY-MM-DD inclusive. */
  from?: string;
  to?: string;
  offset?: number;
  limit?: number;
}

export interface RecordRow {
  id: number;
  category: string;
  subjectId: number;
  subjectName: string;
  subjectCode: string | null;
  decisionNo: string;
  decisionDate: string | null;
  state: string;
  version: number;
  publicationEnds: string | null;
  openMarks: number;
  updatedAt: string;
}

export interface RecordPage {
  total: number;
  totalCapped: boolean;
  items: RecordRow[];
}

const COLUMNS = `r.id, r.category, r.subject_id AS subjectId, r.subject_name AS subjectName, r.subject_code AS subjectCode,
  r.decision_no AS decisionNo, r.decision_date AS decisionDate, r.state, r.version,
  r.publication_ends AS publicationEnds, r.open_marks AS openMarks, r.updated_at AS updatedAt`;

/** Upper bound of a prefix range: 'ABC' → 'ABC\uffff'. */
const prefixEnd = (prefix: string) => `${prefix}\uffff`;

/** The FROM and WHERE of a record query, shared by the paged search and the export. */
function buildQuery(q: RecordQuery): { source: string; filter: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.category) {
    where.push('r.category = @category');
    params.category = q.category;
  }
  if (q.state) {
    where.push('r.state = @state');
    params.state = q.state;
  }
  if (q.subjectId !== undefined) {
    where.push('r.subject_id = @subjectId');
    params.subjectId = q.subjectId;
  }
  if (q.from) {
    where.push('r.decision_date >= @from');
    params.from = q.from;
  }
  if (q.to) {
    where.push('r.decision_date <= @to');
    params.to = q.to;
  }

  const text = q.query?.trim() ?? '';
  let source = 'records r';
  if (text) {
    const match = matchExpression(text);
    const prefix = text.toUpperCase();
    params.prefix = prefix;
    params.prefixEnd = prefixEnd(prefix);
    params.decisionPrefix = normaliseDecisionNumber(text);
    params.decisionPrefixEnd = prefixEnd(params.decisionPrefix as string);
    const parts = [
      `SELECT id FROM records WHERE subject_code >= @prefix AND subject_code < @prefixEnd`,
      `SELECT id FROM records WHERE decision_key >= @decisionPrefix AND decision_key < @decisionPrefixEnd`,
    ];
    if (match && normalizeName(text).length >= 2) {
      params.match = match;
      parts.unshift(`SELECT rowid AS id FROM record_search WHERE record_search MATCH @match`);
    }
    source = `(${parts.join(' UNION ALL ')}) hits JOIN records r ON r.id = hits.id`;
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return { source, filter, params };
}

export function searchRecords(db: SqliteDatabase, q: RecordQuery): RecordPage {
  const limit = Math.min(Math.max(q.limit ?? 20, 1), 500);
  const offset = Math.max(q.offset ?? 0, 0);
  const { source, filter, params } = buildQuery(q);
  // A record can match by name and by code at once: DISTINCT keeps it once.
  const countSql = `SELECT count(*) AS n FROM (SELECT DISTINCT r.id FROM ${source} ${filter} LIMIT ${COUNT_CAP + 1})`;
  const n = (db.prepare(countSql).get(params) as { n: number }).n;
  const pageSql = `SELECT DISTINCT ${COLUMNS} FROM ${source} ${filter} ORDER BY r.id DESC LIMIT @limit OFFSET @offset`;
  const items = db.prepare(pageSql).all({ ...params, limit, offset }) as RecordRow[];
  return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, items };
}

/** Every matching record id, oldest first (for export). */
export function iterateRecordIds(db: SqliteDatabase, q: RecordQuery): IterableIterator<{ id: number }> {
  const { source, filter, params } = buildQuery(q);
  return db.prepare(`SELECT DISTINCT r.id FROM ${source} ${filter} ORDER BY r.id`).iterate(params) as IterableIterator<{ id: number }>;
}
