/** Contract handlers for the working-day calendar. */
import type { CalendarYearView } from '../../contract/cases';
import { actorAt, recomputeOpenDueDates } from '../cases/service';
import { CoreError } from '../errors';
import type { Handlers } from '../handlers';
import { eq } from 'drizzle-orm';
import { ruleTables } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { dayNumber, ymdOf } from './dates';
import { installCalendarYear, CALENDAR_KIND } from './store';
import { addWorkingDays } from './working-days';
import { calendarYear, listCalendarVersions, listCalendarYears } from './years';
import { isWorkingDay } from './working-days';

type CalendarHandlers = Pick<Handlers, 'calendar.due' | 'calendar.show' | 'calendar.list' | 'calendar.install'>;

function yearView(db: SqliteDatabase, year: number): CalendarYearView {
  const table = calendarYear(year);
  let workingDays = 0;
  for (let d = dayNumber(`${year}-01-01`); d <= dayNumber(`${year}-12-31`); d++) if (isWorkingDay(ymdOf(d))) workingDays++;
  const installed = new Set(
    orm(db)
      .select({ version: ruleTables.version })
      .from(ruleTables)
      .where(eq(ruleTables.kind, CALENDAR_KIND))
      .all()
      .map((r) => r.version),
  );
  return {
    year,
    version: table?.version ?? null,
    source: table?.source ?? null,
    holidays: table?.holidays ?? [],
    workdays: table?.workdays ?? [],
    workingDays,
    versions: listCalendarVersions()
      .filter((t) => t.year === year)
      .map((t) => t.version),
    installed: table ? installed.has(table.version) : false,
  };
}

export const calendarHandlers: CalendarHandlers = {
  'calendar.due': (_ctx, { from, days }) => {
    let r;
    try {
      r = addWorkingDays(from, days);
    } catch (err) {
      throw new CoreError('BAD_INPUT', (err as Error).message);
    }
    return { due: r.date, calendar: { versions: r.versions, yearsWithoutData: r.yearsWithoutData, estimated: r.estimated } };
  },

  'calendar.show': ({ desk }, { year }) => yearView(desk.db, year),

  'calendar.list': ({ desk }) => listCalendarYears().map((t) => yearView(desk.db, t.year)),

  'calendar.install': ({ desk }, { table }) =>
    desk.write({ method: 'calendar.install', target: `calendar:${String(table.year ?? '')}`, detail: { version: table.version ?? null } }, (db) => {
      const installed = installCalendarYear(db, table, desk.login!, desk.now().toISOString());
      // Open cases' due dates now rest on the new data (an estimate for a year without data becomes exact).
      const moved = recomputeOpenDueDates(db, actorAt(desk.login!, desk.now()));
      return { ...installed, casesMoved: moved.length };
    }),
};
