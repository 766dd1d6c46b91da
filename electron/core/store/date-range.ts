/**
 * Date-range filters over stored instants (ISO UTC text, which sorts in time order).
 * People pick calendar days in the department's zone, both ends inclusive; the store
 * compares instants, start inclusive and end exclusive, so a day ends where the next
 * one begins. One helper for the query builder and one for hand-written statements.
 */
import { and, gte, lt, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { nextDay, zonedDayStart } from '../../contract/zone';

/** Instants `[start, end)`, ISO UTC; a missing end is no bound. */
export interface InstantRange {
  start?: string;
  end?: string;
}

/** The instants the department's days `from`–`to` (YYYY-MM-DD, inclusive) cover. */
export function dayRange(from?: string, to?: string): InstantRange {
  return { start: from ? zonedDayStart(from) : undefined, end: to ? zonedDayStart(nextDay(to)) : undefined };
}

/** `column` in the range, as a query-builder condition (undefined: no bound at all). */
export function inRange(column: SQLiteColumn, range: InstantRange): SQL | undefined {
  return and(range.start ? gte(column, range.start) : undefined, range.end ? lt(column, range.end) : undefined);
}

/**
 * `column` from `start` (inclusive) to before each of `ends`, for a hand-written
 * statement, with the placeholders given (`?` or `@name`).
 */
export function inRangeSql(column: string, start = '?', ...ends: string[]): string {
  return [`${column} >= ${start}`, ...(ends.length ? ends : ['?']).map((end) => `${column} < ${end}`)].join(' AND ');
}
