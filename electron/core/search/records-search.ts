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
import type { RecordSortKey } from '../../contract/records';
import type { SqliteDatabase } from '../store/database';
import { normaliseDecisionNumber } from '../catalog/records';
import { matchExpression, normalizeName } from './grams';

export const COUNT_CAP = 10_000;

/** Above this many hits, a prefix branch reads records newest first instead of sorting its hits. */
const BRANCH_SORT_LIMIT = 2_000;

/** How many of the newest records a common decision-number prefix looks at before sorting its hits. */
const NEWEST_WINDOW = 10_000;

export interface RecordQuery {
  query?: string;
  category?: string;
  state?: string;
  subjectId?: number;
  /** Decision dates from/to, YYYY-MM-DD inclusive. */
  from?: string;
  to?: string;
  /** Any of these categories (the timeliness lists: 行政许可 and 行政处罚). */
  categories?: string[];
  /** Records the platform has not had yet: 草稿 or 待报送, and never in a signed batch. */
  awaitingFirstReport?: boolean;
  /** Only these records (a selection in the list, for export). */
  recordIds?: number[];
  /** Only the records a statement selects as `id`: those behind a figure of the 统计 page (statistics/records.ts). */
  idsFrom?: { sql: string; params: Record<string, unknown> };
  /** Without it: newest entered first. */
  sort?: { key: RecordSortKey; order: 'asc' | 'desc' };
  offset?: number;
  limit?: number;
}

/** The columns a list may be sorted by; every order ends with the id, so pages never overlap. */
const SORT_COLUMNS: Record<RecordSortKey, string> = {
  decisionDate: 'r.decision_date',
  recordId: 'r.id',
  subjectName: 'r.subject_name',
  publicationEnds: 'r.publication_ends',
  updatedAt: 'r.updated_at',
};

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
  /** The subject's kind of code: 'uscc', 'id' (a person's ID number, masked when shown) or 'name'. */
  subjectCodeType: string;
}

export interface RecordPage {
  total: number;
  totalCapped: boolean;
  items: RecordRow[];
  /** The sort asked for was not applied: more hits than COUNT_CAP, listed newest first. */
  unsorted?: boolean;
}

const COLUMNS = `r.id, r.category, r.subject_id AS subjectId, r.subject_name AS subjectName, r.subject_code AS subjectCode,
  r.decision_no AS decisionNo, r.decision_date AS decisionDate, r.state, r.version,
  r.publication_ends AS publicationEnds, r.open_marks AS openMarks, r.updated_at AS updatedAt,
  (SELECT s.code_type FROM subjects s WHERE s.id = r.subject_id) AS subjectCodeType`;

/** How many leading characters of a personal ID number its masked form shows (maskIdNumber). */
export const VISIBLE_ID_CHARS = 4;

/** The record's subject is a person identified by an ID number (masked when shown). */
const IS_ID_SUBJECT = `EXISTS (SELECT 1 FROM subjects s WHERE s.id = r.subject_id AND s.code_type = 'id')`;

/** Upper bound of a prefix range: 'ABC' → 'ABC\uffff'. */
const prefixEnd = (prefix: string) => `${prefix}\uffff`;

/** The FROM and WHERE of a record query, shared by the paged search and the export. */
function buildQuery(q: RecordQuery): { branches: string[]; params: Record<string, unknown> } {
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
  if (q.categories?.length) {
    where.push(`r.category IN (${q.categories.map((_, i) => `@category${i}`).join(', ')})`);
    q.categories.forEach((c, i) => (params[`category${i}`] = c));
  }
  if (q.awaitingFirstReport) {
    where.push(
      `r.state IN ('draft', 'pending') AND NOT EXISTS (SELECT 1 FROM report_ops o JOIN batches b ON b.id = o.batch_id WHERE o.record_id = r.id AND b.state = 'approved')`,
    );
  }
  if (q.from) {
    where.push('r.decision_date >= @from');
    params.from = q.from;
  }
  if (q.to) {
    where.push('r.decision_date <= @to');
    params.to = q.to;
  }
  if (q.recordIds) {
    // Integers from the contract's schema: safe to write into the statement.
    where.push(`r.id IN (${q.recordIds.map((id) => Math.trunc(Number(id))).join(',') || 'NULL'})`);
  }

  if (q.idsFrom) {
    where.push(`r.id IN (${q.idsFrom.sql})`);
    Object.assign(params, q.idsFrom.params);
  }

  const text = q.query?.trim() ?? '';
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const and = where.length ? `AND ${where.join(' AND ')}` : '';
  if (!text) return { branches: [`SELECT r.id AS id FROM {from} ${filter}`], params };
  const prefix = text.toUpperCase();
  params.prefix = prefix;
  params.prefixEnd = prefixEnd(prefix);
  params.decisionPrefix = normaliseDecisionNumber(text);
  params.decisionPrefixEnd = prefixEnd(params.decisionPrefix as string);
  // `{from}` becomes `records r` or, for a prefix matching thousands, `records r NOT INDEXED`
  // (then the newest records are read first and the page fills quickly).
  // A personal ID number is shown masked (its first and last VISIBLE_ID_CHARS characters): a
  // longer prefix must not find it, or its hidden digits could be recovered one search at a
  // time. It is found by its whole number only (and that search is audited).
  const personal = prefix.length > VISIBLE_ID_CHARS ? `AND (r.subject_code = @prefix OR NOT ${IS_ID_SUBJECT})` : '';
  const branches = [
    `SELECT r.id AS id FROM {from} WHERE r.subject_code >= @prefix AND r.subject_code < @prefixEnd ${personal} ${and}`,
    `SELECT r.id AS id FROM {from} WHERE r.decision_key >= @decisionPrefix AND r.decision_key < @decisionPrefixEnd ${and}`,
  ];
  const match = matchExpression(text);
  if (match && normalizeName(text).length >= 2) {
    params.match = match;
    // Without filters the name index alone answers, newest first, without touching records.
    branches.unshift(
      where.length
        ? `SELECT s.rowid AS id FROM record_search s JOIN records r ON r.id = s.rowid WHERE record_search MATCH @match ${and}`
        : `SELECT rowid AS id FROM record_search WHERE record_search MATCH @match`,
    );
  }
  return { branches, params };
}

/**
 * Each way of matching (name, code prefix, decision-number prefix) is asked
 * for its newest `offset + limit` ids only, and the branches are merged here:
 * a query matching most of a million records still reads only a page of each.
 */
export function searchRecords(db: SqliteDatabase, q: RecordQuery): RecordPage {
  const limit = Math.min(Math.max(q.limit ?? 20, 1), 500);
  const offset = Math.max(q.offset ?? 0, 0);
  const { branches, params } = buildQuery(q);
  const indexed = branches.map((b) => b.replace('{from}', 'records r'));
  const capped = indexed.map((b) => `SELECT id FROM (${b} LIMIT ${COUNT_CAP + 1})`).join(' UNION ');
  const n = (db.prepare(`SELECT count(*) AS n FROM (${capped})`).get(params) as { n: number }).n;
  const sorted = q.sort && !(q.sort.key === 'recordId' && q.sort.order === 'desc');
  if (sorted && (!q.query?.trim() || n <= COUNT_CAP)) {
    // Sorted by a column: without a text query the filters alone select (the list's
    // default order, decision date, has an index per category); with one, at most
    // COUNT_CAP hits are sorted.
    const dir = q.sort!.order === 'asc' ? 'ASC' : 'DESC';
    const order = `${SORT_COLUMNS[q.sort!.key]} ${dir}, r.id ${dir}`;
    const from = q.query?.trim() ? `records r WHERE r.id IN (${indexed.join(' UNION ')})` : indexed[0].replace('SELECT r.id AS id FROM records r', 'records r');
    const items = db.prepare(`SELECT ${COLUMNS} FROM ${from} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as RecordRow[];
    return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, items };
  }
  const ids = new Set<number>();
  const k = offset + limit;
  const newest = (sql: string, extra: Record<string, unknown> = {}) =>
    db.prepare(`${sql} ORDER BY id DESC LIMIT @k`).all({ ...params, ...extra, k }) as { id: number }[];
  const scan = (b: string) => b.replace('FROM records r', 'FROM records r NOT INDEXED');
  for (const b of indexed) {
    const many = b.includes('@prefix') || b.includes('@decisionPrefix') || !q.query
      ? (db.prepare(`SELECT count(*) AS n FROM (${b} LIMIT ${BRANCH_SORT_LIMIT + 1})`).get(params) as { n: number }).n > BRANCH_SORT_LIMIT
      : false;
    let rows: { id: number }[];
    if (!many) rows = newest(b);
    else if (!b.includes('@decisionPrefix')) {
      // Sorting every hit of a common prefix ("9113…") by id costs more than reading
      // records newest first until the page is full.
      rows = newest(scan(b));
    } else {
      // Decision numbers cluster by year: an older year's prefix has thousands of hits
      // and none among the newest records, where a newest-first scan would read most of
      // the table (measured: 0.5–1.4 s over a million). So the newest records are read
      // first, and when they do not fill the page, the prefix's index entries, which
      // hold the ids, are sorted instead (measured: 35 ms for 100,000 hits).
      const maxId = (db.prepare('SELECT max(id) FROM records').pluck().get() as number | null) ?? 0;
      rows = newest(`${scan(b)} AND r.id > @floor`, { floor: maxId - NEWEST_WINDOW });
      if (rows.length < k) rows = newest(b.replace('FROM records r', 'FROM records r INDEXED BY records_decision_key'));
    }
    for (const r of rows) ids.add(r.id);
  }
  const page = [...ids].sort((a, b) => b - a).slice(offset, offset + limit);
  const items = page.length
    ? (db.prepare(`SELECT ${COLUMNS} FROM records r WHERE r.id IN (${page.map(() => '?').join(',')}) ORDER BY r.id DESC`).all(...page) as RecordRow[])
    : [];
  return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, items, ...(sorted ? { unsorted: true } : {}) };
}

/** Every matching record id, oldest first (for export). */
export function iterateRecordIds(db: SqliteDatabase, q: RecordQuery): IterableIterator<{ id: number }> {
  const { branches, params } = buildQuery(q);
  const union = branches.map((b) => b.replace('{from}', 'records r')).join(' UNION ');
  return db.prepare(`SELECT id FROM (${union}) ORDER BY id`).iterate(params) as IterableIterator<{ id: number }>;
}
