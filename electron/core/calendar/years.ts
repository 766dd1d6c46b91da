/**
 * The official working-day calendar as data: one table per year, as the State
 * Council's yearly holiday notice sets it (domain.md §6): the days off
 * (放假, including the weekends inside a holiday) and the weekend days worked
 * instead (调休上班). 2025 and 2026 ship with the product; an administrator
 * installs a later year (or a corrected version of a year) from a JSON file of
 * the same shape (`calendar install`). Versions are never replaced: the newest
 * version of a year is used, and every computed date names the versions it used.
 */
import { z } from 'zod';
import cn2025 from './data/cn-2025.json';
import cn2026 from './data/cn-2026.json';
import { dayNumber, weekday, yearOf, ymdOf } from './dates';

export const CALENDAR_FORMAT = 'credit-desk-calendar/1';

export interface CalendarYear {
  format: typeof CALENDAR_FORMAT;
  /** Always `CN`: the national calendar (local governments do not move working days). */
  region: 'CN';
  year: number;
  /** Stable id recorded on every date computed with it, e.g. `cn-2026.1`. */
  version: string;
  /** The notice, with its number and date. */
  source: string;
  notes?: string;
  /** Days off, each range inclusive and within the year. */
  holidays: { name: string; from: string; to: string }[];
  /** Saturdays and Sundays that are working days (调休上班). */
  workdays: { name: string; date: string }[];
}

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const calendarYearSchema = z.object({
  format: z.literal(CALENDAR_FORMAT),
  region: z.literal('CN'),
  year: z.number().int().min(2000).max(2200),
  version: z.string().trim().min(1).max(40),
  source: z.string().trim().min(1).max(500),
  notes: z.string().max(2000).optional(),
  holidays: z.array(z.object({ name: z.string().trim().min(1).max(40), from: ymd, to: ymd })).min(1),
  workdays: z.array(z.object({ name: z.string().trim().min(1).max(40), date: ymd })),
});

/** A year's table turned into day numbers for fast look-ups. */
interface CompiledYear {
  table: CalendarYear;
  off: Map<number, string>;
  worked: Map<number, string>;
}

/**
 * Checks a table beyond its shape: real dates inside its year, ranges in order,
 * worked days on weekends and never inside a holiday. Returns the problems in
 * Chinese (empty when none).
 */
export function calendarProblems(table: CalendarYear): string[] {
  const problems: string[] = [];
  const inYear = (date: string, what: string): number | null => {
    let day: number;
    try {
      day = dayNumber(date);
    } catch {
      problems.push(`${what}：${date} 不是有效日期`);
      return null;
    }
    if (yearOf(day) !== table.year) problems.push(`${what}：${date} 不在 ${table.year} 年内`);
    return day;
  };
  const off = new Set<number>();
  for (const h of table.holidays) {
    const from = inYear(h.from, `${h.name}放假起`);
    const to = inYear(h.to, `${h.name}放假止`);
    if (from === null || to === null) continue;
    if (from > to) problems.push(`${h.name}：放假起 ${h.from} 晚于放假止 ${h.to}`);
    for (let d = from; d <= to; d++) off.add(d);
  }
  for (const w of table.workdays) {
    const day = inYear(w.date, w.name);
    if (day === null) continue;
    const wd = weekday(day);
    if (wd !== 0 && wd !== 6) problems.push(`${w.name}：${w.date} 不是周六或周日，无需调休上班`);
    if (off.has(day)) problems.push(`${w.name}：${w.date} 同时是放假日`);
  }
  return problems;
}

function compile(table: CalendarYear): CompiledYear {
  const off = new Map<number, string>();
  for (const h of table.holidays) for (let d = dayNumber(h.from); d <= dayNumber(h.to); d++) off.set(d, h.name);
  const worked = new Map<number, string>();
  for (const w of table.workdays) worked.set(dayNumber(w.date), w.name);
  return { table, off, worked };
}

/** Every registered version, in registration order (built-in first, then installed). */
const versions: CompiledYear[] = [];
/** The version in use per year: the last registered. */
const current = new Map<number, CompiledYear>();
let builtIn = false;
/** The built-in years are validated and compiled at the first use of the registry, not at every start (issue 22 item 7). */
function withBuiltIns(): void {
  if (builtIn) return;
  builtIn = true;
  registerCalendarYear(cn2025);
  registerCalendarYear(cn2026);
}

/** Adds a version of a year's table (validated). Throws with a Chinese message when it is not acceptable. */
export function registerCalendarYear(raw: unknown): CalendarYear {
  withBuiltIns();
  const parsed = calendarYearSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`日历格式有误：${parsed.error.issues.map((i) => `${i.path.join('.') || '文件'}：${i.message}`).join('；')}`);
  }
  const table = parsed.data as CalendarYear;
  const problems = calendarProblems(table);
  if (problems.length > 0) throw new Error(`日历有误：${problems.join('；')}`);
  if (versions.some((v) => v.table.version === table.version)) throw new Error(`日历版本“${table.version}”已存在；版本一经使用不可替换，请使用新的版本号。`);
  const compiled = compile(table);
  versions.push(compiled);
  current.set(table.year, compiled);
  return table;
}

export function hasCalendarVersion(version: string): boolean {
  withBuiltIns();
  return versions.some((v) => v.table.version === version);
}

/** The version in use for each year that has data, oldest year first. */
export function listCalendarYears(): CalendarYear[] {
  withBuiltIns();
  return [...current.values()].map((c) => c.table).sort((a, b) => a.year - b.year);
}

/** Every version ever registered, including those a newer version of the same year replaced. */
export function listCalendarVersions(): CalendarYear[] {
  withBuiltIns();
  return versions.map((v) => v.table);
}

/** The table in use for a year, or undefined when the product has no data for it. */
export function calendarYear(year: number): CalendarYear | undefined {
  withBuiltIns();
  return current.get(year)?.table;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted-workday';

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  /** The holiday or adjusted working day's name (春节, 春节调休上班 …). */
  name?: string;
  /** The calendar version that decided it; null for a year without data (weekends only). */
  version: string | null;
}

/** What one day is. In a year without data only weekends are days off. */
export function dayInfo(day: number): DayInfo {
  withBuiltIns();
  const c = current.get(yearOf(day));
  const date = ymdOf(day);
  const version = c?.table.version ?? null;
  const holiday = c?.off.get(day);
  if (holiday !== undefined) return { date, working: false, kind: 'holiday', name: holiday, version };
  const worked = c?.worked.get(day);
  if (worked !== undefined) return { date, working: true, kind: 'adjusted-workday', name: worked, version };
  const wd = weekday(day);
  return wd === 0 || wd === 6 ? { date, working: false, kind: 'weekend', version } : { date, working: true, kind: 'workday', version };
}

/** Fast path of dayInfo(day).working, and the year's version (null: no data). */
export function workingDay(day: number): { working: boolean; version: string | null } {
  withBuiltIns();
  const c = current.get(yearOf(day));
  if (c) {
    if (c.off.has(day)) return { working: false, version: c.table.version };
    if (c.worked.has(day)) return { working: true, version: c.table.version };
  }
  const wd = weekday(day);
  return { working: wd !== 0 && wd !== 6, version: c?.table.version ?? null };
}


/**
 * Runs `fn` as if `raw` (a year's table, validated as registering would) were installed,
 * then puts the registry back: what installing it would change, without installing it
 * (rules/preview.ts). Synchronous, so no other call sees the borrowed year.
 */
export function withCalendarYear<T>(raw: unknown, fn: (table: CalendarYear) => T): T {
  withBuiltIns();
  const parsed = calendarYearSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`日历格式有误：${parsed.error.issues.map((i) => `${i.path.join('.') || '文件'}：${i.message}`).join('；')}`);
  }
  const table = parsed.data as CalendarYear;
  const problems = calendarProblems(table);
  if (problems.length > 0) throw new Error(`日历有误：${problems.join('；')}`);
  if (versions.some((v) => v.table.version === table.version)) throw new Error(`日历版本“${table.version}”已存在；版本一经使用不可替换，请使用新的版本号。`);
  const before = current.get(table.year);
  current.set(table.year, compile(table));
  try {
    return fn(table);
  } finally {
    if (before) current.set(table.year, before);
    else current.delete(table.year);
  }
}
