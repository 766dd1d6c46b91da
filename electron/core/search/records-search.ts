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
import type { RecordSortKey, RecordStateName } from '../../contract/records';
import type { records, subjects } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { statement, statementFamily } from '../store/sql';
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

/**
 * A record as lists show it (camelCase aliases of the schema's columns), with its subject's kind
 * of code: 'uscc', 'id' (a person's ID number, masked when shown) or 'name'.
 */
export type RecordRow = Pick<
  typeof records.$inferSelect,
  'id' | 'category' | 'subjectId' | 'subjectName' | 'subjectCode' | 'decisionNo' | 'decisionDate' | 'version' | 'publicationEnds' | 'openMarks' | 'updatedAt'
> & { state: RecordStateName; subjectCodeType: (typeof subjects.$inferSelect)['codeType'] };

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
    // A parameter, not written into the statement: each selection would otherwise be a statement of its own.
    where.push('r.id IN (SELECT value FROM json_each(@recordIds))');
    params.recordIds = JSON.stringify(q.recordIds.map((id) => Math.trunc(Number(id))));
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
  // records.personal_code marks those codes on the record itself, and the partial index
  // records_public_code holds the others: a prefix reads no subject row.
  const codes =
    prefix.length > VISIBLE_ID_CHARS
      ? [
          `SELECT r.id AS id FROM {from} WHERE r.personal_code = 0 AND r.subject_code >= @prefix AND r.subject_code < @prefixEnd ${and}`,
          `SELECT r.id AS id FROM {from} WHERE r.subject_code = @prefix ${and}`,
        ]
      : [`SELECT r.id AS id FROM {from} WHERE r.subject_code >= @prefix AND r.subject_code < @prefixEnd ${and}`];
  const branches = [
    ...codes,
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

type Params = [Record<string, unknown>];
/** How a branch is asked for its newest ids (searchRecords). */
type BranchRead = 'newest' | 'scan' | 'scanAbove' | 'byDecisionKey' | 'count';
type BranchShape = { q: RecordQuery; branch: number; read: BranchRead };

const indexedBranches = (q: RecordQuery) => buildQuery(q).branches.map((b) => b.replace('{from}', 'records r'));
const scan = (b: string) => b.replace('FROM records r', 'FROM records r NOT INDEXED');

/** Queries whose statements together hold every fragment buildQuery and searchRecords emit (for the statement test). */
const SAMPLES: RecordQuery[] = [
  {},
  { query: '有限', sort: { key: 'recordId', order: 'asc' } },
  { query: '9' },
  {
    query: '有限公司甲',
    category: 'penalty',
    state: 'pending',
    subjectId: 1,
    categories: ['penalty', 'license'],
    awaitingFirstReport: true,
    from: '2024-01-01',
    to: '2024-12-31',
    recordIds: [1, 2],
    idsFrom: { sql: 'SELECT id FROM records', params: {} },
    sort: { key: 'decisionDate', order: 'desc' },
  },
  ...(Object.keys(SORT_COLUMNS) as RecordSortKey[]).map((key): RecordQuery => ({ category: 'penalty', sort: { key, order: 'asc' } })),
];
/** The ways searchRecords reads a branch: a scan only of records, the two decision-number reads only of that prefix. */
const readsOf = (b: string): BranchRead[] =>
  b.includes('@decisionPrefix') ? ['newest', 'count', 'scan', 'scanAbove', 'byDecisionKey'] : b.includes('FROM records r') ? ['newest', 'count', 'scan'] : ['newest', 'count'];
const BRANCH_SAMPLES: BranchShape[] = SAMPLES.flatMap((q) => indexedBranches(q).flatMap((b, branch) => readsOf(b).map((read) => ({ q, branch, read }))));

const countHits = statementFamily<RecordQuery, { n: number }, Params>(
  'search.count',
  (q) => `SELECT count(*) AS n FROM (${indexedBranches(q).map((b) => `SELECT id FROM (${b} LIMIT ${COUNT_CAP + 1})`).join(' UNION ')})`,
  SAMPLES,
);
/** A page sorted by a column: without a text query the filters alone select; with one, the hits. */
const sortedPage = statementFamily<RecordQuery, RecordRow, Params>(
  'search.sortedPage',
  (q) => {
    const indexed = indexedBranches(q);
    const dir = q.sort?.order === 'asc' ? 'ASC' : 'DESC';
    const order = `${SORT_COLUMNS[q.sort?.key ?? 'recordId']} ${dir}, r.id ${dir}`;
    const from = q.query?.trim() ? `records r WHERE r.id IN (${indexed.join(' UNION ')})` : indexed[0].replace('SELECT r.id AS id FROM records r', 'records r');
    return `SELECT ${COLUMNS} FROM ${from} ORDER BY ${order} LIMIT @limit OFFSET @offset`;
  },
  SAMPLES,
);
const branchIds = statementFamily<BranchShape, Pick<RecordRow, 'id'>, Params>(
  'search.branch',
  ({ q, branch, read }) => {
    const b = indexedBranches(q)[branch];
    if (read === 'count') return `SELECT count(*) AS n FROM (${b} LIMIT ${BRANCH_SORT_LIMIT + 1})`;
    const sql =
      read === 'newest'
        ? b
        : read === 'scan'
          ? scan(b)
          : read === 'scanAbove'
            ? `${scan(b)} AND r.id > @floor`
            : b.replace('FROM records r', 'FROM records r INDEXED BY records_decision_key');
    return `${sql} ORDER BY id DESC LIMIT @k`;
  },
  BRANCH_SAMPLES,
);
const maxRecordId = statement<{ id: number | null }>('search.maxRecordId', 'SELECT max(id) AS id FROM records');
const recordsByIds = statementFamily<number, RecordRow, number[]>(
  'search.recordsByIds',
  (n) => `SELECT ${COLUMNS} FROM records r WHERE r.id IN (${Array<string>(n).fill('?').join(',')}) ORDER BY r.id DESC`,
  [1, 2],
);
const allIds = statementFamily<RecordQuery, Pick<RecordRow, 'id'>, Params>(
  'search.allIds',
  (q) => `SELECT id FROM (${indexedBranches(q).join(' UNION ')}) ORDER BY id`,
  SAMPLES,
);

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
  const n = countHits(q).value<number>(db, params) ?? 0;
  const sorted = q.sort && !(q.sort.key === 'recordId' && q.sort.order === 'desc');
  if (sorted && (!q.query?.trim() || n <= COUNT_CAP)) {
    // Sorted by a column: without a text query the filters alone select (the list's
    // default order, decision date, has an index per category); with one, at most
    // COUNT_CAP hits are sorted.
    const items = sortedPage(q).all(db, { ...params, limit, offset });
    return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, items };
  }
  const ids = new Set<number>();
  const k = offset + limit;
  const newest = (branch: number, read: BranchRead, extra: Record<string, unknown> = {}) => branchIds({ q, branch, read }).all(db, { ...params, ...extra, k });
  for (const [branch, b] of indexed.entries()) {
    const many = b.includes('@prefix') || b.includes('@decisionPrefix') || !q.query
      ? (branchIds({ q, branch, read: 'count' }).value<number>(db, params) ?? 0) > BRANCH_SORT_LIMIT
      : false;
    let rows: Pick<RecordRow, 'id'>[];
    if (!many) rows = newest(branch, 'newest');
    else if (!b.includes('@decisionPrefix')) {
      // Sorting every hit of a common prefix ("9113…") by id costs more than reading
      // records newest first until the page is full.
      rows = newest(branch, 'scan');
    } else {
      // Decision numbers cluster by year: an older year's prefix has thousands of hits
      // and none among the newest records, where a newest-first scan would read most of
      // the table (measured: 0.5–1.4 s over a million). So the newest records are read
      // first, and when they do not fill the page, the prefix's index entries, which
      // hold the ids, are sorted instead (measured: 35 ms for 100,000 hits).
      const maxId = maxRecordId.value<number | null>(db) ?? 0;
      rows = newest(branch, 'scanAbove', { floor: maxId - NEWEST_WINDOW });
      if (rows.length < k) rows = newest(branch, 'byDecisionKey');
    }
    for (const r of rows) ids.add(r.id);
  }
  const page = [...ids].sort((a, b) => b - a).slice(offset, offset + limit);
  const items = page.length
    ? recordsByIds(page.length).all(db, ...page)
    : [];
  return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, items, ...(sorted ? { unsorted: true } : {}) };
}

/** Every matching record id, oldest first (for export). */
export function iterateRecordIds(db: SqliteDatabase, q: RecordQuery): IterableIterator<{ id: number }> {
  return allIds(q).iterate(db, buildQuery(q).params);
}
