/**
 * A calendar month in the department's time zone (default Asia/Shanghai), and the instant its figures are taken
 * at: the month's end once it is over (so a past month's report never changes),
 * now while it runs. Timestamps in the store are ISO UTC strings, so a month is a
 * range of them; decision dates are `YYYY-MM-DD`, so it is a range of those too.
 */
import { MONTH_PATTERN } from '../../contract/statistics';
import { zonedDayStart } from '../../contract/zone';
import { chinaDate } from '../calendar';
import { CoreError } from '../errors';
import { inRangeSql } from '../store/date-range';

export interface MonthWindow {
  month: string;
  /** First and last day, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** The month's first instant and the next month's, ISO UTC (the end exclusive). */
  start: string;
  end: string;
  /** Events before this instant count (exclusive): the month's end, or just after now. */
  asOf: string;
  /** The day whose start `asOf` is, or today: a record due before it is late. */
  asOfDay: string;
  /** The month has ended. */
  complete: boolean;
  /** The month has not begun. */
  future: boolean;
}

/** A timestamp column in the month and before `asOf`, for a statement: bind `monthBounds(w)` (or the names given). */
export function inMonthSql(column: string, start = '?', end = '?', asOf = '?'): string {
  return inRangeSql(column, start, end, asOf);
}

export type MonthBounds = [start: string, end: string, asOf: string];

export const monthBounds = (w: MonthWindow): MonthBounds => [w.start, w.end, w.asOf];

/** `YYYY-MM` checked, with a Chinese message. */
export function parseMonth(month: string): { year: number; month: number } {
  if (!MONTH_PATTERN.test(month)) throw new CoreError('BAD_INPUT', `月份格式应为 YYYY-MM（如 2026-02）：${month}`);
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

export function monthWindow(month: string, now: Date): MonthWindow {
  const { year, month: m } = parseMonth(month);
  // The zone's own midnights (chinaDate and zonedDayStart follow the department's zone).
  const startMs = Date.parse(zonedDayStart(`${month}-01`));
  const endMs = Date.parse(zonedDayStart(new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 10)));
  const last = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
  const complete = now.getTime() >= endMs;
  const asOfMs = complete ? endMs : now.getTime() + 1;
  return {
    month,
    from: `${month}-01`,
    to: last,
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    asOf: new Date(asOfMs).toISOString(),
    asOfDay: complete ? chinaDate(new Date(endMs)) : chinaDate(now),
    complete,
    future: now.getTime() < startMs,
  };
}

/** The month (`YYYY-MM`) of an instant, in the department's time zone. */
export function monthOf(now: Date): string {
  return chinaDate(now).slice(0, 7);
}

/** The month before `month`, `n` times. */
export function monthBefore(month: string, n = 1): string {
  const { year, month: m } = parseMonth(month);
  const d = new Date(Date.UTC(year, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}
