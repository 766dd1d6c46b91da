/**
 * One time zone for everything shown or printed: the department's (系统设置, default
 * Asia/Shanghai), whatever the PC's own zone is. The screens, the printed documents,
 * the audit trail's day filter, backup and batch file names and the legal clocks all
 * read times through these functions, in the core and in the window alike.
 *
 * China has kept UTC+8 without daylight saving since 1991, so the default zone takes
 * a fixed-offset fast path (a 2,000-record credit file formats thousands of times);
 * any other zone goes through Intl (full ICU in Node, Chromium and Electron).
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
let zone = DEFAULT_TIME_ZONE;
let formatter: Intl.DateTimeFormat | null = null;

/** Whether a name is a time zone Intl knows (`Asia/Shanghai`, `Asia/Urumqi` …). */
export function isTimeZone(name: string): boolean {
  // Known without asking Intl, whose first zone look-up loads ICU's zone data (tens of ms at each login).
  if (name === DEFAULT_TIME_ZONE) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Sets the department's zone for this process (at login; an unknown name keeps the default). */
export function setDepartmentTimeZone(name: string | null | undefined): void {
  const next = name && isTimeZone(name) ? name : DEFAULT_TIME_ZONE;
  if (next === zone) return;
  zone = next;
  formatter = null;
}

export function departmentTimeZone(): string {
  return zone;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm:ss` of an instant, in the department's zone. */
function wallClock(ms: number): string {
  if (zone === DEFAULT_TIME_ZONE) return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19);
  formatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${pad(Number(p.hour) % 24)}:${p.minute}:${p.second}`;
}

function instant(at: string | Date | number): number {
  return typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
}

/** `YYYY-MM-DD HH:mm:ss` in the department's zone ('' for nothing, the text itself when it is not a time). */
export function zonedDateTime(at: string | Date | number | null | undefined, precision: 'minute' | 'second' = 'second'): string {
  if (at === null || at === undefined || at === '') return '';
  const ms = instant(at);
  if (Number.isNaN(ms)) return String(at);
  return wallClock(ms)
    .slice(0, precision === 'minute' ? 16 : 19)
    .replace('T', ' ');
}

/** `YYYY-MM-DD` in the department's zone: the department's calendar day of an instant. */
export function zonedDate(at: string | Date | number | null | undefined): string {
  if (at === null || at === undefined || at === '') return '';
  const ms = instant(at);
  if (Number.isNaN(ms)) return String(at);
  return wallClock(ms).slice(0, 10);
}

/** The instant (ISO, UTC) a department's calendar day `YYYY-MM-DD` begins. */
export function zonedDayStart(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  if (zone === DEFAULT_TIME_ZONE) return new Date(guess - SHANGHAI_OFFSET_MS).toISOString();
  // The zone's offset at that moment, found from the wall clock it shows (twice: around a change of offset).
  let at = guess;
  for (let i = 0; i < 2; i++) {
    const shown = Date.parse(`${wallClock(at)}Z`);
    at = guess - (shown - at);
  }
  return new Date(at).toISOString();
}

/** The day after `YYYY-MM-DD`. */
export function nextDay(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
