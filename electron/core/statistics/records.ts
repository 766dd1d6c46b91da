/**
 * The record figures of a month, per category (docs/statistics.md defines each):
 * decisions made (by decision date), operations reported (in batches signed in the
 * month), accepted and rejected (the receipts of those batches), late first reports
 * of 双公示 records, and decisions still unreported at the month's end.
 *
 * Every figure is one SQL statement over dated events — a record's entry time, its
 * decision date as it was then (decision_date_changes), the signing time of each
 * batch, the receipts, a withdrawal version's time — never over a current state, so
 * a past month gives the same figures whenever it is asked. The same statements
 * give the counts (for the page, the report and the CLI) and the records behind
 * each count (the records list's `statistic` filter).
 */
import type { CategoryFigures, RecordFigure } from '../../contract/statistics';
import type { batches, receiptResults, records, reportOps } from '../../../drizzle/schema';
import { listCategories } from '../catalog/registry';
import { chinaDate } from '../calendar';
import type { SqliteDatabase } from '../store/database';
import { statement, statementFamily, type Row } from '../store/sql';
import { lateDecisionsUpTo, timelinessRanges, TIMELY_CATEGORIES } from '../timeliness/clock';
import { inMonthSql, monthBounds, type MonthBounds, type MonthWindow } from './month';

/** A statement selecting record ids (`id`) with its named parameters (all prefixed `st_`). */
export interface FigureSql {
  sql: string;
  params: Record<string, unknown>;
}

type Params = Record<string, unknown>;

/** The decision date a record had at `asOf` (a later correction is undone); '' when it had none. */
const decisionDateAsOf = (asOf: string) =>
  `coalesce((SELECT coalesce(c.before, '') FROM decision_date_changes c WHERE c.record_id = r.id AND c.at >= ${asOf} ORDER BY c.at, c.id LIMIT 1), r.decision_date)`;

/** In a batch signed before `asOf`. */
const SIGNED = `EXISTS (SELECT 1 FROM report_ops o JOIN batches b ON b.id = o.batch_id WHERE o.record_id = r.id AND b.state = 'approved' AND b.decided_at < @st_asOf)`;
/** Imported as history the platform already had (已在平台公示过的历史记录): never ours to report. */
const HISTORY = `EXISTS (SELECT 1 FROM record_versions v WHERE v.record_id = r.id AND v.version = 1 AND v.action = 'history')`;
/** Withdrawn before it was ever sent: nothing to report (records/queue.ts sends no withdrawal for it). */
const WITHDRAWN_UNSENT = `(r.state = 'withdrawn' AND EXISTS (SELECT 1 FROM record_versions v WHERE v.record_id = r.id AND v.state = 'withdrawn' AND v.at < @st_asOf) AND NOT ${SIGNED})`;

/*
 * The SQL text depends only on how many values each list holds (and, for the late
 * reports, how many batches were signed); the values are named parameters. So each
 * figure is a statement family over those counts, and the statement test prepares
 * samples with none, one and several of each.
 */

/** `(@st_c0, @st_c1 …)`: a list of `n` named parameters; never empty (`('')` matches nothing). */
function inList(name: string, n: number): string {
  if (n === 0) return "('')";
  return `(${Array.from({ length: n }, (_, i) => `@st_${name}${i}`).join(', ')})`;
}

function listParams(name: string, values: readonly string[], params: Params): void {
  values.forEach((v, i) => (params[`st_${name}${i}`] = v));
}

function baseParams(w: MonthWindow, categories: readonly string[]): Params {
  const params: Params = { st_from: w.from, st_to: w.to, st_start: w.start, st_end: w.end, st_asOf: w.asOf, st_overdueTo: timelinessRanges(w.asOfDay).overdueTo };
  listParams('c', categories, params);
  listParams('t', TIMELY_CATEGORIES, params);
  return params;
}

/** FROM and WHERE of the records decided in the month (as known at `asOf`), in the `n` categories `@st_c…`. */
function decidedFrom(n: number): string {
  const cats = inList('c', n);
  const dd = decisionDateAsOf('@st_asOf');
  // Candidates by today's decision date (an index range), plus any record whose date changed since;
  // CROSS JOIN keeps them the outer loop (otherwise SQLite may walk the category's whole index).
  return `FROM (SELECT id FROM records WHERE category IN ${cats} AND decision_date BETWEEN @st_from AND @st_to
      UNION SELECT record_id FROM decision_date_changes WHERE at >= @st_asOf) AS candidate CROSS JOIN records r ON r.id = candidate.id
    WHERE r.category IN ${cats} AND r.created_at < @st_asOf AND ${dd} BETWEEN @st_from AND @st_to AND NOT ${WITHDRAWN_UNSENT}`;
}

function unreportedWhere(): string {
  return `NOT ${SIGNED} AND NOT ${HISTORY}`;
}

function overdueWhere(): string {
  const timely = inList('t', TIMELY_CATEGORIES.length);
  const dd = decisionDateAsOf('@st_asOf');
  return `${unreportedWhere()} AND r.category IN ${timely} AND ${dd} <= @st_overdueTo`;
}

type BatchRow = Row<typeof batches>;

/** Batches signed in the month (before `asOf`). */
const signedInMonth = statement<Pick<BatchRow, 'id' | 'prepared_at'> & { decided_at: string }, MonthBounds>(
  'statistics.signedBatches',
  `SELECT id, prepared_at, decided_at FROM batches
       WHERE state = 'approved' AND ${inMonthSql('decided_at')} ORDER BY decided_at, id`,
);

/** The 双公示 categories among `categories`: those whose first reports can be late. */
const timelyAmong = (categories: readonly string[]) => TIMELY_CATEGORIES.filter((c) => categories.includes(c));

/**
 * The late first reports of the month's `i`th batch: an `add` of a 双公示 record (of the
 * `timely` categories `@st_lc…`) whose decision date (as sent: as it was when the batch
 * was prepared) is on or before the last one a batch signed that day brings late
 * (timeliness/clock.ts).
 */
function lateBranch(i: number, timely: number, select: string): string {
  // nullif: a record without a decision date is never late (and the date is looked up once).
  const dd = decisionDateAsOf(`@st_p${i}`);
  return `SELECT ${select} FROM report_ops o CROSS JOIN records r ON r.id = o.record_id
      WHERE o.batch_id = @st_b${i} AND o.op = 'add' AND o.category IN ${inList('lc', timely)} AND nullif(${dd}, '') <= @st_l${i}`;
}

/** The month's signed batches when some of `categories` can be late (none otherwise), their parameters added. */
function lateBatches(db: SqliteDatabase, w: MonthWindow, categories: readonly string[], params: Params): number {
  const timely = timelyAmong(categories);
  if (timely.length === 0) return 0;
  listParams('lc', timely, params);
  const signed = signedInMonth.all(db, ...monthBounds(w));
  signed.forEach((b, i) => {
    params[`st_b${i}`] = b.id;
    params[`st_p${i}`] = b.prepared_at;
    params[`st_l${i}`] = lateDecisionsUpTo(chinaDate(new Date(b.decided_at)));
  });
  return signed.length;
}

/**
 * The record operations of the batches signed in the month, with their receipt result:
 * any (or none), or only those the platform `accepted` / `rejected`. The joins are in
 * this order (CROSS JOIN): the month's few batches first, never the whole receipt table.
 */
function opsFrom(n: number, answer: 'any' | 'accepted' | 'rejected' = 'any'): string {
  const cats = inList('c', n);
  const receipt =
    answer === 'any'
      ? 'LEFT JOIN receipt_results rr ON rr.batch_id = o.batch_id AND rr.op_id = o.id'
      : `CROSS JOIN receipt_results rr ON rr.batch_id = o.batch_id AND rr.op_id = o.id AND rr.status = '${answer}'`;
  return `FROM batches b CROSS JOIN report_ops o ON o.batch_id = b.id ${receipt}
    WHERE b.state = 'approved' AND ${inMonthSql('b.decided_at', '@st_start', '@st_end', '@st_asOf')} AND o.category IN ${cats}`;
}

/** What a figure's SQL text depends on: how many categories, 双公示 categories among them, and late batches. */
export interface FigureShape {
  figure: RecordFigure;
  categories: number;
  timely: number;
  batches: number;
}

/** The statement selecting (as `id`) the records behind a figure. */
export function figureText({ figure, categories, timely, batches }: FigureShape): string {
  switch (figure) {
    case 'decided':
      return `SELECT r.id AS id ${decidedFrom(categories)}`;
    case 'unreported':
      return `SELECT r.id AS id ${decidedFrom(categories)} AND ${unreportedWhere()}`;
    case 'overdueUnreported':
      return `SELECT r.id AS id ${decidedFrom(categories)} AND ${overdueWhere()}`;
    case 'reported':
      return `SELECT o.record_id AS id ${opsFrom(categories)}`;
    case 'accepted':
      return `SELECT o.record_id AS id ${opsFrom(categories, 'accepted')}`;
    case 'rejected':
      return `SELECT o.record_id AS id ${opsFrom(categories, 'rejected')}`;
    case 'awaitingReceipt':
      return `SELECT o.record_id AS id ${opsFrom(categories)} AND rr.status IS NULL`;
    case 'late': {
      const branches = Array.from({ length: batches }, (_, i) => lateBranch(i, timely, 'o.record_id AS id'));
      return branches.length ? branches.join(' UNION ALL ') : 'SELECT NULL AS id WHERE 0';
    }
  }
}

const FIGURES: RecordFigure[] = ['decided', 'unreported', 'overdueUnreported', 'reported', 'accepted', 'rejected', 'awaitingReceipt', 'late'];

/** Shapes covering every fragment of the figures' SQL (no, one and several values of each list). */
export const FIGURE_SAMPLES: FigureShape[] = FIGURES.flatMap((figure) =>
  [0, 1, 3].map((n) => ({ figure, categories: n, timely: n === 0 ? 0 : Math.min(n, TIMELY_CATEGORIES.length), batches: n })),
);

/** A figure's statement as its shape (for `figureText` and the families built on it) and its parameters. */
export function figureQuery(db: SqliteDatabase, figure: RecordFigure, w: MonthWindow, categories: readonly string[]): { shape: FigureShape; params: Params } {
  const params = baseParams(w, categories);
  const batches = figure === 'late' ? lateBatches(db, w, categories, params) : 0;
  return { shape: { figure, categories: categories.length, timely: timelyAmong(categories).length, batches }, params };
}

/** The records behind a figure: a statement selecting their ids. */
export function recordFigureSql(db: SqliteDatabase, figure: RecordFigure, w: MonthWindow, categories: readonly string[]): FigureSql {
  const { shape, params } = figureQuery(db, figure, w, categories);
  return { sql: figureText(shape), params };
}

export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function emptyFigures(category: string, name: string): CategoryFigures {
  return {
    category,
    name,
    decided: 0,
    reported: 0,
    accepted: 0,
    rejected: 0,
    awaitingReceipt: 0,
    late: 0,
    unreported: 0,
    overdueUnreported: 0,
    complianceRate: null,
    lateRate: null,
  };
}

/** Sums figures (the `total` row) and computes its rates. */
export function sumFigures(rows: readonly CategoryFigures[], category = 'total', name = '合计'): CategoryFigures {
  const t = emptyFigures(category, name);
  for (const r of rows) {
    for (const k of ['decided', 'reported', 'accepted', 'rejected', 'awaitingReceipt', 'late', 'unreported', 'overdueUnreported'] as const) t[k] += r[k];
  }
  return withRates(t);
}

function withRates(f: CategoryFigures): CategoryFigures {
  return { ...f, complianceRate: rate(f.accepted, f.reported), lateRate: rate(f.late, f.reported) };
}

/**
 * Every category's figures for the month, in the catalogue's order; with `decisions`
 * false only the reporting figures (the trend: operations, receipts, lateness).
 */
export function categoryFigures(db: SqliteDatabase, w: MonthWindow, decisions = true): CategoryFigures[] {
  const defs = listCategories();
  const keys = defs.map((d) => d.key);
  const rows = new Map(defs.map((d) => [d.key, emptyFigures(d.key, d.name)]));
  if (w.future) return [...rows.values()];
  if (decisions) decisionFigures(db, w, keys, rows);
  reportingFigures(db, w, keys, rows);
  return [...rows.values()].map(withRates);
}

type RecordCategory = Pick<Row<typeof records>, 'category'>;
type OpCategory = Pick<Row<typeof reportOps>, 'category'>;

const decidedByCategory = statementFamily<number, RecordCategory & { decided: number; unreported: number; overdueUnreported: number }, [Params]>(
  'statistics.decided',
  (n) =>
    `SELECT r.category AS category, count(*) AS decided,
         coalesce(sum(${unreportedWhere()}), 0) AS unreported,
         coalesce(sum(${overdueWhere()}), 0) AS overdueUnreported
       ${decidedFrom(n)} GROUP BY r.category`,
  [0, 1, 3],
);

const opsByCategory = statementFamily<number, OpCategory & { reported: number; accepted: number; rejected: number }, [Params]>(
  'statistics.reported',
  (n) =>
    `SELECT o.category AS category, count(*) AS reported, coalesce(sum(rr.status = 'accepted'), 0) AS accepted,
         coalesce(sum(rr.status = 'rejected'), 0) AS rejected ${opsFrom(n)} GROUP BY o.category`,
  [0, 1, 3],
);

/** One batch's late first reports per category (`i`: the batch's place in the month, `timely`: how many 双公示 categories). */
const lateByCategory = statementFamily<{ i: number; timely: number }, OpCategory & { n: number }, [Params]>(
  'statistics.late',
  ({ i, timely }) => `SELECT category, count(*) AS n FROM (${lateBranch(i, timely, 'o.category AS category')}) GROUP BY category`,
  [
    { i: 0, timely: 1 },
    { i: 2, timely: 3 },
  ],
);

const rejectionsByReason = statementFamily<number, Pick<Row<typeof receiptResults>, 'code' | 'message'> & { code: string; message: string; count: number }, [Params]>(
  'statistics.rejectionReasons',
  // Grouped by the platform's rule code (its message may name the record); a reason without a code by its message.
  (n) =>
    `SELECT coalesce(rr.code, '') AS code, min(coalesce(rr.message, '')) AS message, count(*) AS count ${opsFrom(n, 'rejected')}
       GROUP BY CASE WHEN coalesce(rr.code, '') <> '' THEN rr.code ELSE '#' || coalesce(rr.message, '') END ORDER BY count(*) DESC, code, message LIMIT 50`,
  [0, 1, 3],
);

function decisionFigures(db: SqliteDatabase, w: MonthWindow, keys: string[], rows: Map<string, CategoryFigures>): void {
  const decided = decidedByCategory(keys.length).all(db, baseParams(w, keys));
  for (const d of decided) Object.assign(rows.get(d.category) ?? {}, d);
}

function reportingFigures(db: SqliteDatabase, w: MonthWindow, keys: string[], rows: Map<string, CategoryFigures>): void {
  const ops = opsByCategory(keys.length).all(db, baseParams(w, keys));
  for (const o of ops) {
    const row = rows.get(o.category);
    if (!row) continue;
    Object.assign(row, o, { awaitingReceipt: o.reported - o.accepted - o.rejected });
  }

  const p3 = baseParams(w, keys);
  const timely = timelyAmong(keys).length;
  const batches = lateBatches(db, w, keys, p3);
  for (let i = 0; i < batches; i++) {
    for (const l of lateByCategory({ i, timely }).all(db, p3)) {
      const row = rows.get(l.category);
      if (row) row.late += l.n;
    }
  }
}

/** The platform's reasons for the month's rejections, most frequent first. */
export function rejectionReasons(db: SqliteDatabase, w: MonthWindow): { code: string; message: string; count: number }[] {
  const keys = listCategories().map((d) => d.key);
  return rejectionsByReason(keys.length).all(db, baseParams(w, keys));
}
