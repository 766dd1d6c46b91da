/**
 * The working-day calendar: official holidays and adjusted working weekends as
 * versioned data per year (years.ts), and periods counted in working days
 * (working-days.ts).
 *
 *   isWorkingDay('2026-02-14')            → true  (a Saturday worked instead, 春节)
 *   addWorkingDays('2026-02-13', 5)       → { date: '2026-02-26', versions: ['cn-2026.1'], estimated: false, … }
 *   workingDaysBetween(today, due)         → working days left (0 on the due day, negative when overdue)
 *   chinaDate(new Date())                  → today's date in China Standard Time
 */
export { addDays, chinaDate, dayNumber, isYmd, ymdOf } from './dates';
export {
  addWorkingDays,
  describeDay,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  workingDaysBetween,
  workingDaysBetweenDetailed,
  type CalendarUse,
  type DueDate,
} from './working-days';
export {
  CALENDAR_FORMAT,
  calendarProblems,
  calendarYear,
  calendarYearSchema,
  hasCalendarVersion,
  listCalendarVersions,
  listCalendarYears,
  registerCalendarYear,
  type CalendarYear,
  type DayInfo,
  type DayKind,
} from './years';
