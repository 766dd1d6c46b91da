/**
 * The timeliness lists: 双公示 records awaiting their first report (still 草稿 or
 * 待报送 and never in a signed batch) that are due within 2 working days or already
 * late, and how many operations of a batch bring records to the platform late.
 */
import type { TimelinessSummary, TimelyRecord } from '../../contract/timeliness';
import { chinaDate, workingDaysBetween } from '../calendar';
import { summaryView } from '../records/view';
import { searchRecords } from '../search/records-search';
import type { SqliteDatabase } from '../store/database';
import { statement } from '../store/sql';
import { dueDate, lateDecisionsUpTo, TIMELY_CATEGORIES, timelinessRanges, type TimelinessRanges } from './clock';

/** A record search narrowed to records awaiting their first report, due soon or overdue. */
export function timelinessFilter(which: 'soon' | 'overdue', ranges: TimelinessRanges, q: { from?: string; to?: string } = {}) {
  const max = (a: string | undefined, b: string | undefined) => (a && b ? (a > b ? a : b) : (a ?? b));
  const min = (a: string | undefined, b: string | undefined) => (a && b ? (a < b ? a : b) : (a ?? b));
  const range = which === 'overdue' ? { from: undefined, to: ranges.overdueTo } : { from: ranges.soonFrom ?? undefined, to: ranges.soonTo ?? undefined };
  const empty = which === 'soon' && ranges.soonFrom === null;
  return {
    categories: [...TIMELY_CATEGORIES],
    awaitingFirstReport: true,
    // No decision date is due soon (e.g. just after a long holiday): a range that matches nothing.
    from: empty ? '9999-12-31' : max(q.from, range.from),
    to: empty ? '0000-01-01' : min(q.to, range.to),
  };
}

function timely(db: SqliteDatabase, which: 'soon' | 'overdue', ranges: TimelinessRanges, limit: number): { count: number; items: TimelyRecord[] } {
  const page = searchRecords(db, { ...timelinessFilter(which, ranges), limit });
  const items = page.items.map((row) => {
    const due = dueDate(row.decisionDate!).date;
    return { ...summaryView(row), dueDate: due, workingDaysLeft: workingDaysBetween(ranges.today, due) };
  });
  // The most urgent first: the oldest decisions.
  items.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.recordId - b.recordId);
  return { count: page.total, items };
}

export function timelinessSummary(db: SqliteDatabase, now: Date, limit = 10, soonDays?: number): TimelinessSummary {
  const ranges = timelinessRanges(chinaDate(now), soonDays);
  return {
    today: ranges.today,
    dueSoon: timely(db, 'soon', ranges, limit),
    overdue: timely(db, 'overdue', ranges, limit),
    calendar: { versions: ranges.versions, estimated: ranges.estimated },
  };
}

// Counted for every batch shown or built (batches/handlers.ts): kept prepared.
const lateOps = statement<{ n: number }, [number, ...string[]]>(
  'timeliness.lateOperations',
  `SELECT count(*) AS n FROM report_ops o JOIN records r ON r.id = o.record_id
   WHERE o.batch_id = ? AND o.op = 'add' AND o.category IN (${TIMELY_CATEGORIES.map(() => '?').join(', ')}) AND r.decision_date <= ?`,
);

/**
 * Operations of a batch that bring a 双公示 record to the platform for the first time
 * after its due date, `reference` being the day the batch was (or would be) signed.
 */
export function lateOperations(db: SqliteDatabase, batchId: number, reference: string): number {
  const lateTo = lateDecisionsUpTo(reference);
  return lateOps.get(db, batchId, ...TIMELY_CATEGORIES, lateTo)!.n;
}
