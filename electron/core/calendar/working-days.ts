/**
 * Counting periods in working days on the official calendar (domain.md §6).
 *
 * 民法典 第201条: the day of the event is not counted; a period of N working
 * days ends on the N-th working day after it. So `addWorkingDays('2026-02-13', 1)`
 * (a Friday before 春节) is 2026-02-14, the Saturday worked instead, and
 * `workingDaysBetween(a, addWorkingDays(a, n).date) === n`.
 *
 * A period that runs into a year the product has no calendar for counts only
 * weekends as days off there, and says so (`estimated`, `yearsWithoutData`)
 * wherever its date is shown, until an administrator installs that year.
 */
import { dayNumber, yearOf, ymdOf } from './dates';
import { dayInfo, workingDay, type DayInfo } from './years';

/** Which calendar data a computed date rests on. */
export interface CalendarUse {
  /** Calendar versions used (e.g. ["cn-2026.1"]), in date order. */
  versions: string[];
  /** Years crossed that have no calendar: there only weekends were treated as days off. */
  yearsWithoutData: number[];
  /** True when `yearsWithoutData` is not empty: the date may move once that year is installed. */
  estimated: boolean;
}

export interface DueDate extends CalendarUse {
  /** `YYYY-MM-DD`. */
  date: string;
}

class Use {
  private readonly versions: string[] = [];
  private readonly missing: number[] = [];

  note(day: number, version: string | null): void {
    if (version === null) {
      const year = yearOf(day);
      if (!this.missing.includes(year)) this.missing.push(year);
    } else if (!this.versions.includes(version)) this.versions.push(version);
  }

  result(): CalendarUse {
    return { versions: [...this.versions], yearsWithoutData: [...this.missing], estimated: this.missing.length > 0 };
  }
}

/** Whether `date` (`YYYY-MM-DD`) is a working day. */
export function isWorkingDay(date: string): boolean {
  return workingDay(dayNumber(date)).working;
}

/** What a day is: workday, weekend, holiday (with its name) or an adjusted working weekend day. */
export function describeDay(date: string): DayInfo {
  return dayInfo(dayNumber(date));
}

/**
 * The N-th working day after `from` (`from` itself not counted). n = 0 gives
 * `from`; a negative n counts backwards (the N-th working day before it).
 */
export function addWorkingDays(from: string, n: number): DueDate {
  if (!Number.isInteger(n)) throw new RangeError(`工作日数应为整数：${n}`);
  const use = new Use();
  let day = dayNumber(from);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    const w = workingDay(day);
    use.note(day, w.version);
    if (w.working) left--;
  }
  return { date: ymdOf(day), ...use.result() };
}

/**
 * Working days in the period after `a` up to and including `b`: how many
 * working days are left from today `a` until a due date `b` (0 on the due date
 * itself, negative once it has passed: −1 the first working day after it).
 */
export function workingDaysBetween(a: string, b: string): number {
  return countBetween(a, b).days;
}

/** workingDaysBetween with the calendar versions it used. */
export function workingDaysBetweenDetailed(a: string, b: string): CalendarUse & { days: number } {
  return countBetween(a, b);
}

function countBetween(a: string, b: string): CalendarUse & { days: number } {
  const from = dayNumber(a);
  const to = dayNumber(b);
  const use = new Use();
  const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let days = 0;
  for (let day = lo + 1; day <= hi; day++) {
    const w = workingDay(day);
    use.note(day, w.version);
    if (w.working) days++;
  }
  return { days: sign * days || 0, ...use.result() };
}

/** The first working day on or after `date`. */
export function nextWorkingDayOnOrAfter(date: string): string {
  let day = dayNumber(date);
  while (!workingDay(day).working) day++;
  return ymdOf(day);
}

