/**
 * The timeliness clock (及时性): 双公示 records — 行政许可 and 行政处罚 — must reach the
 * platform within 7 working days of the decision (domain.md §1), counted on the
 * official working-day calendar (electron/core/calendar: holidays and adjusted
 * working weekends; 民法典 第201条, the decision day not counted).
 *
 * The due date only grows with the decision date, so "due within 2 working days" and
 * "already late" are each a contiguous range of decision dates: they are found once
 * per call by walking back from today, and the database is asked by date range.
 */
import { addDays, addWorkingDays, workingDaysBetween, type DueDate } from '../calendar';

/** The 双公示 categories the clock applies to. */
export const TIMELY_CATEGORIES = ['license', 'penalty'] as const;
/** Working days after the decision within which the record must reach the platform. */
export const REPORT_WITHIN_WORKING_DAYS = 7;
/** "Due soon": this many working days or fewer left (0 = due today). */
export const DUE_SOON_WORKING_DAYS = 2;

/** A long holiday (春节, 国庆) with its weekends stays well inside this many calendar days. */
const LOOKBACK_DAYS = 60;

export function dueDate(decisionDate: string): DueDate {
  return addWorkingDays(decisionDate, REPORT_WITHIN_WORKING_DAYS);
}

export interface TimelinessRanges {
  today: string;
  /** Decisions on or before this date are past their due date. */
  overdueTo: string;
  /** Decisions in [soonFrom, soonTo] are due within DUE_SOON_WORKING_DAYS working days (null when none). */
  soonFrom: string | null;
  soonTo: string | null;
  /** Calendar versions the dates rest on, and whether a year without calendar data was crossed. */
  versions: string[];
  estimated: boolean;
}

/**
 * The decision-date ranges that are overdue and due soon, as of `today` (YYYY-MM-DD, China time);
 * "soon" is `soonDays` working days or fewer left (a warning threshold the department sets).
 */
export function timelinessRanges(today: string, soonDays: number = DUE_SOON_WORKING_DAYS): TimelinessRanges {
  let overdueTo: string | null = null;
  let soonFrom: string | null = null;
  let soonTo: string | null = null;
  const versions = new Set<string>();
  let estimated = false;
  for (let back = 0; back <= LOOKBACK_DAYS; back++) {
    const decided = addDays(today, -back);
    const due = dueDate(decided);
    due.versions.forEach((v) => versions.add(v));
    estimated ||= due.estimated;
    const left = workingDaysBetween(today, due.date);
    if (left < 0) {
      overdueTo = decided;
      break;
    }
    if (left <= soonDays) {
      soonTo ??= decided;
      soonFrom = decided;
    }
  }
  if (overdueTo === null) throw new Error(`no overdue decision date within ${LOOKBACK_DAYS} days of ${today}`);
  return { today, overdueTo, soonFrom, soonTo, versions: [...versions].sort(), estimated };
}

/**
 * The latest decision date whose due date is before `reference` (a day the record
 * reached, or would reach, the platform): decisions on or before it were reported late.
 */
export function lateDecisionsUpTo(reference: string): string {
  for (let back = 0; back <= LOOKBACK_DAYS; back++) {
    const decided = addDays(reference, -back);
    if (dueDate(decided).date < reference) return decided;
  }
  throw new Error(`no late decision date within ${LOOKBACK_DAYS} days of ${reference}`);
}
