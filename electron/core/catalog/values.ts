/**
 * Parsing of raw cell values (strings, numbers, JS Dates, Excel serial dates,
 * exceljs cell objects) into normalised strings. Allocation-light: the common
 * cases return the input string or one new string, failures return shared
 * constants.
 */

/** A parse failure: a stable code and a Chinese reason (without the field name). */
export class Fail {
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {}
}

export const FAIL_VALUE = new Fail('value-invalid', '值无法识别');
export const FAIL_DATE_FORMAT = new Fail('date-invalid', '不是有效日期，应为YYYY-MM-DD、YYYY/MM/DD或Excel日期');
export const FAIL_DATE_IMPOSSIBLE = new Fail('date-invalid', '不是真实存在的日期');
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;
export const FAIL_DATE_RANGE = new Fail('date-out-of-range', `年份应在${MIN_YEAR}至${MAX_YEAR}之间`);
export const FAIL_DECIMAL = new Fail('decimal-invalid', '不是有效数值');
export const FAIL_NEGATIVE = new Fail('decimal-negative', '不能为负数');

/** A primitive cell value: what exceljs, a CSV reader or a form may hand over. */
export type Cell = string | number | boolean | Date | null;

/**
 * Flatten a raw value to a primitive. Understands exceljs cell objects
 * (`{richText}`, `{text, hyperlink}`, `{formula, result}`, `{error}`).
 * Returns null for empty, `FAIL_VALUE` for anything unreadable.
 */
export function cellValue(raw: unknown): Cell | Fail {
  if (raw === null || raw === undefined) return null;
  switch (typeof raw) {
    case 'string':
    case 'number':
    case 'boolean':
      return raw;
    case 'bigint':
      return String(raw);
    case 'object': {
      if (raw instanceof Date) return raw;
      const o = raw as Record<string, unknown>;
      if (Array.isArray(o.richText)) {
        let s = '';
        for (const part of o.richText as { text?: unknown }[]) if (part && typeof part.text === 'string') s += part.text;
        return s;
      }
      if ('error' in o) return FAIL_VALUE;
      if ('result' in o) return cellValue(o.result);
      if ('formula' in o || 'sharedFormula' in o) return null; // a formula with no cached result
      if (typeof o.text === 'string') return o.text;
      return FAIL_VALUE;
    }
    default:
      return FAIL_VALUE;
  }
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

export function formatYmd(y: number, m: number, d: number): string {
  return y + '-' + pad2(m) + '-' + pad2(d);
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function checkYmd(y: number, m: number, d: number): string | Fail {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return FAIL_DATE_IMPOSSIBLE;
  if (y < MIN_YEAR || y > MAX_YEAR) return FAIL_DATE_RANGE;
  return formatYmd(y, m, d);
}

/** Civil date from days since 1970-01-01 (H. Hinnant's algorithm; no allocation). */
function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Days from 1970-01-01 back to 1899-12-30, the effective epoch of Excel's 1900 system. */
const EXCEL_EPOCH_DAYS = -25569;

/**
 * Excel serial date (1900 date system) → `YYYY-MM-DD`. Serial 1 is 1900-01-01;
 * serial 60 is Excel's fictitious 1900-02-29 (Lotus bug) and is rejected; the time
 * of day (fraction) is dropped. 45658 → 2025-01-01.
 */
export function excelSerialToDate(serial: number): string | Fail {
  if (!Number.isFinite(serial) || serial < 1) return FAIL_DATE_FORMAT;
  const whole = Math.floor(serial);
  if (whole === 60) return FAIL_DATE_IMPOSSIBLE;
  const days = whole < 60 ? EXCEL_EPOCH_DAYS + whole + 1 : EXCEL_EPOCH_DAYS + whole;
  const [y, m, d] = civilFromDays(days);
  return checkYmd(y, m, d);
}

/** `YYYY-MM-DD` → Excel serial (1900 date system), for templates and tests. */
export function dateToExcelSerial(ymd: string): number {
  const [y, m, d] = ymd.split('-').map(Number);
  const days = Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
  const serial = days - EXCEL_EPOCH_DAYS;
  return serial < 61 ? serial - 1 : serial;
}

const DATE_SEP = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)?$/;
const DATE_CN = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

const YMD_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * A date string: `YYYY-MM-DD` (fast path), `YYYY/MM/DD`, `YYYY.MM.DD`, one-digit
 * month/day, `YYYY年M月D日`, optionally followed by a time of day (dropped).
 */
export function parseDateString(s: string): string | Fail {
  if (s.length === 10) {
    const c4 = s.charCodeAt(4);
    if ((c4 === 45 || c4 === 47) && s.charCodeAt(7) === c4) {
      let ok = true;
      for (let k = 0; k < 8; k++) if (!isDigit(s.charCodeAt(YMD_DIGITS[k]))) ok = false;
      if (ok) {
        const y = +s.slice(0, 4);
        const m = (s.charCodeAt(5) - 48) * 10 + s.charCodeAt(6) - 48;
        const d = (s.charCodeAt(8) - 48) * 10 + s.charCodeAt(9) - 48;
        const r = checkYmd(y, m, d);
        return c4 === 45 && typeof r === 'string' ? s : r;
      }
    }
  }
  const mm = DATE_SEP.exec(s);
  if (mm) return checkYmd(+mm[1], +mm[3], +mm[4]);
  const cn = DATE_CN.exec(s);
  if (cn) return checkYmd(+cn[1], +cn[2], +cn[3]);
  return FAIL_DATE_FORMAT;
}

/** Any raw value for a date field → `YYYY-MM-DD`, null (empty) or a failure. */
export function parseDate(raw: unknown, dateObjects: 'utc' | 'local' = 'utc'): string | null | Fail {
  const v = typeof raw === 'string' ? raw : cellValue(raw);
  if (v === null || v instanceof Fail) return v;
  if (typeof v === 'string') {
    const s = trimOrNull(v);
    return s === null ? null : parseDateString(s);
  }
  if (typeof v === 'number') return excelSerialToDate(v);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return FAIL_DATE_FORMAT;
    return dateObjects === 'local'
      ? checkYmd(v.getFullYear(), v.getMonth() + 1, v.getDate())
      : checkYmd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  return FAIL_DATE_FORMAT;
}

/** Whitespace as String.prototype.trim sees it. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c <= 32 && (c === 32 || (c >= 9 && c <= 13));
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Trimmed string, or null when blank; returns the input itself when there is nothing to trim. */
export function trimOrNull(s: string): string | null {
  const n = s.length;
  if (n === 0) return null;
  if (!isSpace(s.charCodeAt(0)) && !isSpace(s.charCodeAt(n - 1))) return s;
  const t = s.trim();
  return t === '' ? null : t;
}

/** Any raw value for a text field → trimmed string or null. */
export function parseText(raw: unknown): string | null | Fail {
  if (typeof raw === 'string') return trimOrNull(raw);
  const v = cellValue(raw);
  if (v === null || v instanceof Fail) return v;
  if (typeof v === 'string') return trimOrNull(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : FAIL_VALUE;
  if (typeof v === 'boolean') return String(v);
  if (Number.isNaN(v.getTime())) return FAIL_VALUE;
  return formatYmd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
}

const DECIMAL = /^(\d*)(?:\.(\d*))?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/** Largest accepted integer part (digits): 10^15 万元 is far beyond any real amount. */
const MAX_INT_DIGITS = 15;

function placesFail(places: number): Fail {
  return new Fail('decimal-places', `最多保留${places}位小数`);
}

function normaliseDecimal(int: string, frac: string, places: number): string | Fail {
  let i = 0;
  while (i < int.length - 1 && int.charCodeAt(i) === 48) i++;
  if (i > 0) int = int.slice(i);
  if (int === '') int = '0';
  let e = frac.length;
  while (e > 0 && frac.charCodeAt(e - 1) === 48) e--;
  if (e !== frac.length) frac = frac.slice(0, e);
  if (frac.length > places) return placesFail(places);
  if (int.length > MAX_INT_DIGITS) return FAIL_DECIMAL;
  return frac === '' ? int : int + '.' + frac;
}

/**
 * A non-negative decimal with at most `places` decimals → normalised string
 * (no leading zeros, no trailing fractional zeros): `' 12.500 '` → `'12.5'`.
 * Accepts numbers (float noise such as 0.30000000000000004 is rounded away when
 * it is below `places`), plain digit strings and thousands-grouped strings.
 */
export function parseDecimal(raw: unknown, places: number): string | null | Fail {
  const v = cellValue(raw);
  if (v === null || v instanceof Fail) return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return FAIL_DECIMAL;
    if (v < 0) return FAIL_NEGATIVE;
    if (v >= 1e15) return FAIL_DECIMAL;
    const s = String(v);
    if (s.indexOf('e') < 0) {
      const dot = s.indexOf('.');
      if (dot < 0) return s;
      if (s.length - dot - 1 <= places) return s;
    }
    const scale = POW10[places] ?? 10 ** places;
    const rounded = Math.round(v * scale) / scale;
    if (Math.abs(rounded - v) > Math.max(1e-12, Math.abs(v) * 8 * Number.EPSILON)) return placesFail(places);
    const fixed = rounded.toFixed(places);
    const dot = fixed.indexOf('.');
    return dot < 0 ? fixed : normaliseDecimal(fixed.slice(0, dot), fixed.slice(dot + 1), places);
  }
  if (typeof v !== 'string') return FAIL_DECIMAL;
  let s = v.trim();
  if (s === '') return null;
  let negative = false;
  if (s.charCodeAt(0) === 45 /* - */ || s.charCodeAt(0) === 0xff0d /* － */) {
    negative = true;
    s = s.slice(1).trim();
  }
  if (s.indexOf(',') >= 0) {
    if (!GROUPED.test(s)) return FAIL_DECIMAL;
    s = s.replace(/,/g, '');
  }
  const m = DECIMAL.exec(s);
  if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) return FAIL_DECIMAL;
  const out = normaliseDecimal(m[1], m[2] ?? '', places);
  if (negative && typeof out === 'string' && out !== '0') return FAIL_NEGATIVE;
  return out;
}

/** A normalised decimal string → integer count of 10^-places units (exact below 2^53 units). */
export function decimalToUnits(s: string, places: number): number {
  const dot = s.indexOf('.');
  const int = dot < 0 ? s : s.slice(0, dot);
  const frac = dot < 0 ? '' : s.slice(dot + 1);
  return Number(int) * 10 ** places + Number((frac + '0'.repeat(places)).slice(0, places) || '0');
}
