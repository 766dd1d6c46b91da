/**
 * Calendar years an administrator installs (`calendar install`) live in the
 * department database beside the rule tables (rule_tables, kind
 * `work-calendar`), and are registered again whenever the database is opened
 * (rules/service.ts loadStoredRuleTables). Installing is audited by the caller.
 */
import { CoreError } from '../errors';
import { ruleTables } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { calendarYear, hasCalendarVersion, registerCalendarYear, type CalendarYear } from './years';

export const CALENDAR_KIND = 'work-calendar';

/** A stored year, registered unless this process knows its version already. */
export function loadStoredCalendar(body: string): void {
  const table = JSON.parse(body) as CalendarYear;
  if (!hasCalendarVersion(table.version)) registerCalendarYear(table);
}

export interface InstalledCalendar {
  year: number;
  version: string;
  source: string;
  /** The version of the same year it replaces, if any. */
  replaces: string | null;
}

/** Validates, registers and stores a year's table. BAD_INPUT (nothing changed) when it is not acceptable. */
export function installCalendarYear(db: SqliteDatabase, body: unknown, by: string, at: string): InstalledCalendar {
  const version = (body as { version?: unknown } | null)?.version;
  if (typeof version === 'string' && hasCalendarVersion(version.trim())) {
    throw new CoreError('BAD_INPUT', `日历版本“${version.trim()}”已存在；版本一经使用不可替换，请使用新的版本号。`);
  }
  const year = (body as { year?: unknown } | null)?.year;
  const replaces = typeof year === 'number' ? (calendarYear(year)?.version ?? null) : null;
  let table: CalendarYear;
  try {
    table = registerCalendarYear(body);
  } catch (err) {
    throw new CoreError('BAD_INPUT', (err as Error).message);
  }
  orm(db)
    .insert(ruleTables)
    .values({ kind: CALENDAR_KIND, version: table.version, effectiveFrom: `${table.year}-01-01`, body: JSON.stringify(table), installedAt: at, installedBy: by })
    .run();
  return { year: table.year, version: table.version, source: table.source, replaces };
}
