/**
 * Calendar dates as whole day numbers (days since 1970-01-01), so that walking
 * a working-day clock is integer arithmetic: no time of day, no time zone, no
 * daylight saving. Dates cross every boundary as `YYYY-MM-DD`.
 */
import { zonedDate } from '../../contract/zone';

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → day number; throws on anything that is not a real date. */
export function dayNumber(ymd: string): number {
  const m = YMD.exec(ymd);
  if (!m) throw new RangeError(`日期格式应为 YYYY-MM-DD：${ymd}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`不是有效日期：${ymd}`);
  }
  return ms / 86_400_000;
}

/** Day number → `YYYY-MM-DD`. */
export function ymdOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Whether `ymd` is a real `YYYY-MM-DD` date. */
export function isYmd(ymd: string): boolean {
  try {
    dayNumber(ymd);
    return true;
  } catch {
    return false;
  }
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function yearOf(day: number): number {
  return new Date(day * 86_400_000).getUTCFullYear();
}

/** `ymd` plus `n` calendar days. */
export function addDays(ymd: string, n: number): string {
  return ymdOf(dayNumber(ymd) + n);
}

/**
 * The calendar date in China Standard Time (UTC+8, no daylight saving) of an
 * instant: legal time limits are counted in the office's days, whatever the
 * PC's time zone is set to.
 */
export function chinaDate(at: Date): string {
  return zonedDate(at); // the department's zone: China Standard Time unless 系统设置 says otherwise
}
