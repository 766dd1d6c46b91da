/**
 * A month's figures, assembled from the one function per figure (records.ts,
 * cases.ts, the check log here): what the 统计 page, the monthly report and
 * `report month` all show.
 */
import type { CategoryFigures, CheckFigures, MonthFigures, TrendFigures, YearTrend } from '../../contract/statistics';
import type { SqliteDatabase } from '../store/database';
import { statement } from '../store/sql';
import { timelinessRanges } from '../timeliness/clock';
import { caseFigures } from './cases';
import { inMonthSql, monthBounds, monthWindow, type MonthBounds, type MonthWindow } from './month';
import { categoryFigures, rejectionReasons, sumFigures } from './records';

const checkCounts = statement<{ checks: number; hits: number }, MonthBounds>(
  'statistics.checks',
  `SELECT count(*) AS checks, coalesce(sum(clean = 0), 0) AS hits FROM credit_checks WHERE ${inMonthSql('at')}`,
);
const feedbackCount = statement<{ n: number }, MonthBounds>('statistics.feedback', `SELECT count(*) AS n FROM check_feedback WHERE ${inMonthSql('at')}`);

/** Credit checks made in the month, those that found something, and sanction feedback recorded. */
export function checkFigures(db: SqliteDatabase, w: MonthWindow): CheckFigures {
  const row = checkCounts.get(db, ...monthBounds(w)) ?? { checks: 0, hits: 0 };
  const feedback = feedbackCount.value<number>(db, ...monthBounds(w)) ?? 0;
  return { ...row, feedback };
}

function calendarOf(w: MonthWindow): MonthFigures['calendar'] {
  const r = timelinessRanges(w.asOfDay);
  return { versions: r.versions, estimated: r.estimated };
}

export function monthFigures(db: SqliteDatabase, month: string, now: Date): MonthFigures {
  const w = monthWindow(month, now);
  const categories = categoryFigures(db, w);
  return {
    month,
    asOf: w.asOf,
    complete: w.complete,
    categories,
    total: sumFigures(categories),
    rejectionReasons: w.future ? [] : rejectionReasons(db, w),
    cases: { objection: caseFigures(db, 'objection', w), repair: caseFigures(db, 'repair', w) },
    checks: w.future ? { checks: 0, hits: 0, feedback: 0 } : checkFigures(db, w),
    calendar: calendarOf(w),
  };
}

const trendOf = ({ category, name, reported, accepted, rejected, awaitingReceipt, late, complianceRate, lateRate }: CategoryFigures): TrendFigures => ({
  category,
  name,
  reported,
  accepted,
  rejected,
  awaitingReceipt,
  late,
  complianceRate,
  lateRate,
});

/**
 * Each month of a year (up to month `upTo`, 1–12): the reporting figures per category
 * (operations, receipts, lateness; the decisions are the month's own view). Months not
 * begun yet are all zero and flagged.
 */
export function yearTrend(db: SqliteDatabase, year: number, now: Date, upTo = 12): YearTrend {
  const months = Array.from({ length: upTo }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    const w = monthWindow(month, now);
    const categories = categoryFigures(db, w, false);
    return { month, complete: w.complete, future: w.future, categories: categories.map(trendOf), total: trendOf(sumFigures(categories)) };
  });
  return { year, months };
}
