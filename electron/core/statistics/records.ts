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
import { listCategories } from '../catalog/registry';
import { chinaDate } from '../calendar';
import type { SqliteDatabase } from '../store/database';
import { lateDecisionsUpTo, timelinessRanges, TIMELY_CATEGORIES } from '../timeliness/clock';
import type { MonthWindow } from './month';

/** A statement selecting record ids (`id`) with its named parameters (all prefixed `st_`). */
export interface FigureSql {
  sql: string;
  params: Record<string, unknown>;
}

/** The decision date a record had at `asOf` (a later correction is undone); '' when it had none. */
const decisionDateAsOf = (asOf: string) =>
  `coalesce((SELECT coalesce(c.before, '') FROM decision_date_changes c WHERE c.record_id = r.id AND c.at >= ${asOf} ORDER BY c.at, c.id LIMIT 1), r.decision_date)`;

/** In a batch signed before `asOf`. */
const SIGNED = `EXISTS (SELECT 1 FROM report_ops o JOIN batches b ON b.id = o.batch_id WHERE o.record_id = r.id AND b.state = 'approved' AND b.decided_at < @st_asOf)`;
/** Imported as history the platform already had (已在平台公示过的历史记录): never ours to report. */
const HISTORY = `EXISTS (SELECT 1 FROM record_versions v WHERE v.record_id = r.id AND v.version = 1 AND v.action = 'history')`;
/** Withdrawn before it was ever sent: nothing to report (records/queue.ts sends no withdrawal for it). */
const WITHDRAWN_UNSENT = `(r.state = 'withdrawn' AND EXISTS (SELECT 1 FROM record_versions v WHERE v.record_id = r.id AND v.state = 'withdrawn' AND v.at < @st_asOf) AND NOT ${SIGNED})`;

function inList(name: string, values: readonly string[], params: Record<string, unknown>): string {
  if (values.length === 0) return "('')";
  values.forEach((v, i) => (params[`st_${name}${i}`] = v));
  return `(${values.map((_, i) => `@st_${name}${i}`).join(', ')})`;
}

function baseParams(w: MonthWindow): Record<string, unknown> {
  return { st_from: w.from, st_to: w.to, st_start: w.start, st_end: w.end, st_asOf: w.asOf, st_overdueTo: timelinessRanges(w.asOfDay).overdueTo };
}

/** FROM and WHERE of the records decided in the month (as known at `asOf`), in `categories`. */
function decidedFrom(categories: readonly string[], params: Record<string, unknown>): string {
  const cats = inList('c', categories, params);
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

function overdueWhere(params: Record<string, unknown>): string {
  const timely = inList('t', TIMELY_CATEGORIES, params);
  const dd = decisionDateAsOf('@st_asOf');
  return `${unreportedWhere()} AND r.category IN ${timely} AND ${dd} <= @st_overdueTo`;
}

/** Batches signed in the month (before `asOf`). */
export function signedBatches(db: SqliteDatabase, w: MonthWindow): { id: number; preparedAt: string; decidedAt: string }[] {
  return db
    .prepare(
      `SELECT id, prepared_at AS preparedAt, decided_at AS decidedAt FROM batches
       WHERE state = 'approved' AND decided_at >= ? AND decided_at < ? AND decided_at < ? ORDER BY decided_at, id`,
    )
    .all(w.start, w.end, w.asOf) as { id: number; preparedAt: string; decidedAt: string }[];
}

/**
 * The late first reports of the month's batches: an `add` of a 双公示 record whose
 * decision date (as sent: as it was when the batch was prepared) is on or before the
 * last one a batch signed that day brings late (timeliness/clock.ts).
 */
function lateBranches(db: SqliteDatabase, w: MonthWindow, categories: readonly string[], params: Record<string, unknown>, select: string): string[] {
  const timely = TIMELY_CATEGORIES.filter((c) => categories.includes(c));
  if (timely.length === 0) return [];
  const cats = inList('lc', timely, params);
  return signedBatches(db, w).map((b, i) => {
    params[`st_b${i}`] = b.id;
    params[`st_p${i}`] = b.preparedAt;
    params[`st_l${i}`] = lateDecisionsUpTo(chinaDate(new Date(b.decidedAt)));
    // nullif: a record without a decision date is never late (and the date is looked up once).
    const dd = decisionDateAsOf(`@st_p${i}`);
    return `SELECT ${select} FROM report_ops o CROSS JOIN records r ON r.id = o.record_id
      WHERE o.batch_id = @st_b${i} AND o.op = 'add' AND o.category IN ${cats} AND nullif(${dd}, '') <= @st_l${i}`;
  });
}

/**
 * The record operations of the batches signed in the month, with their receipt result:
 * any (or none), or only those the platform `accepted` / `rejected`. The joins are in
 * this order (CROSS JOIN): the month's few batches first, never the whole receipt table.
 */
function opsFrom(categories: readonly string[], params: Record<string, unknown>, answer: 'any' | 'accepted' | 'rejected' = 'any'): string {
  const cats = inList('c', categories, params);
  const receipt =
    answer === 'any'
      ? 'LEFT JOIN receipt_results rr ON rr.batch_id = o.batch_id AND rr.op_id = o.id'
      : `CROSS JOIN receipt_results rr ON rr.batch_id = o.batch_id AND rr.op_id = o.id AND rr.status = '${answer}'`;
  return `FROM batches b CROSS JOIN report_ops o ON o.batch_id = b.id ${receipt}
    WHERE b.state = 'approved' AND b.decided_at >= @st_start AND b.decided_at < @st_end AND b.decided_at < @st_asOf AND o.category IN ${cats}`;
}

/** The records behind a figure: a statement selecting their ids. */
export function recordFigureSql(db: SqliteDatabase, figure: RecordFigure, w: MonthWindow, categories: readonly string[]): FigureSql {
  const params = baseParams(w);
  switch (figure) {
    case 'decided':
      return { sql: `SELECT r.id AS id ${decidedFrom(categories, params)}`, params };
    case 'unreported':
      return { sql: `SELECT r.id AS id ${decidedFrom(categories, params)} AND ${unreportedWhere()}`, params };
    case 'overdueUnreported':
      return { sql: `SELECT r.id AS id ${decidedFrom(categories, params)} AND ${overdueWhere(params)}`, params };
    case 'reported':
      return { sql: `SELECT o.record_id AS id ${opsFrom(categories, params)}`, params };
    case 'accepted':
      return { sql: `SELECT o.record_id AS id ${opsFrom(categories, params, 'accepted')}`, params };
    case 'rejected':
      return { sql: `SELECT o.record_id AS id ${opsFrom(categories, params, 'rejected')}`, params };
    case 'awaitingReceipt':
      return { sql: `SELECT o.record_id AS id ${opsFrom(categories, params)} AND rr.status IS NULL`, params };
    case 'late': {
      const branches = lateBranches(db, w, categories, params, 'o.record_id AS id');
      return { sql: branches.length ? branches.join(' UNION ALL ') : 'SELECT NULL AS id WHERE 0', params };
    }
  }
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

function decisionFigures(db: SqliteDatabase, w: MonthWindow, keys: string[], rows: Map<string, CategoryFigures>): void {
  const p1 = baseParams(w);
  const decided = db
    .prepare(
      `SELECT r.category AS category, count(*) AS decided,
         coalesce(sum(${unreportedWhere()}), 0) AS unreported,
         coalesce(sum(${overdueWhere(p1)}), 0) AS overdueUnreported
       ${decidedFrom(keys, p1)} GROUP BY r.category`,
    )
    .all(p1) as { category: string; decided: number; unreported: number; overdueUnreported: number }[];
  for (const d of decided) Object.assign(rows.get(d.category) ?? {}, d);
}

function reportingFigures(db: SqliteDatabase, w: MonthWindow, keys: string[], rows: Map<string, CategoryFigures>): void {
  const p2 = baseParams(w);
  const ops = db
    .prepare(
      `SELECT o.category AS category, count(*) AS reported, coalesce(sum(rr.status = 'accepted'), 0) AS accepted,
         coalesce(sum(rr.status = 'rejected'), 0) AS rejected ${opsFrom(keys, p2)} GROUP BY o.category`,
    )
    .all(p2) as { category: string; reported: number; accepted: number; rejected: number }[];
  for (const o of ops) {
    const row = rows.get(o.category);
    if (!row) continue;
    Object.assign(row, o, { awaitingReceipt: o.reported - o.accepted - o.rejected });
  }

  const p3 = baseParams(w);
  for (const branch of lateBranches(db, w, keys, p3, 'o.category AS category')) {
    const late = db.prepare(`SELECT category, count(*) AS n FROM (${branch}) GROUP BY category`).all(p3) as { category: string; n: number }[];
    for (const l of late) {
      const row = rows.get(l.category);
      if (row) row.late += l.n;
    }
  }
}

/** The platform's reasons for the month's rejections, most frequent first. */
export function rejectionReasons(db: SqliteDatabase, w: MonthWindow): { code: string; message: string; count: number }[] {
  const params = baseParams(w);
  const keys = listCategories().map((d) => d.key);
  return db
    .prepare(
      // Grouped by the platform's rule code (its message may name the record); a reason without a code by its message.
      `SELECT coalesce(rr.code, '') AS code, min(coalesce(rr.message, '')) AS message, count(*) AS count ${opsFrom(keys, params, 'rejected')}
       GROUP BY CASE WHEN coalesce(rr.code, '') <> '' THEN rr.code ELSE '#' || coalesce(rr.message, '') END ORDER BY count(*) DESC, code, message LIMIT 50`,
    )
    .all(params) as { code: string; message: string; count: number }[];
}
