/**
 * Raw cell values → normalised strings: dates (YYYY-MM-DD, YYYY/MM/DD, Excel
 * serial dates, JS Dates), amounts, text, exceljs cell objects.
 */
import { describe, expect, it } from 'vitest';
import { dateToExcelSerial, excelSerialToDate, parseDate, parseDecimal, parseText } from '../../electron/core/catalog';
import { Fail } from '../../electron/core/catalog/values';

const code = (r: unknown) => (r instanceof Fail ? r.code : r);

describe('dates', () => {
  it('keeps YYYY-MM-DD and converts YYYY/MM/DD', () => {
    expect(parseDate('2025-01-01')).toBe('2025-01-01');
    expect(parseDate(' 2025/01/31 ')).toBe('2025-01-31');
    expect(parseDate('2025/1/5')).toBe('2025-01-05');
    expect(parseDate('2025.03.15')).toBe('2025-03-15');
    expect(parseDate('2025年3月5日')).toBe('2025-03-05');
    expect(parseDate('2025-03-15 10:30:00')).toBe('2025-03-15');
  });

  it('rejects impossible dates such as 2026-02-30', () => {
    expect(code(parseDate('2026-02-30'))).toBe('date-invalid');
    expect(code(parseDate('2026/02/30'))).toBe('date-invalid');
    expect(code(parseDate('2025-02-29'))).toBe('date-invalid');
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(code(parseDate('2026-04-31'))).toBe('date-invalid');
    expect(code(parseDate('2026-13-01'))).toBe('date-invalid');
    expect(code(parseDate('2026-00-10'))).toBe('date-invalid');
    expect(code(parseDate('2026-01-00'))).toBe('date-invalid');
  });

  it('rejects other formats and mixed separators', () => {
    for (const s of ['20250101', '01/02/2025', '2025-01/01', 'abc', '2025-1', '二〇二五年一月一日']) {
      expect(code(parseDate(s)), s).toBe('date-invalid');
    }
    expect(code(parseDate(true))).toBe('date-invalid');
  });

  it('rejects years out of range', () => {
    expect(code(parseDate('1899-12-31'))).toBe('date-out-of-range');
    expect(code(parseDate('2200-01-01'))).toBe('date-out-of-range');
    expect(parseDate('2099-12-31')).toBe('2099-12-31');
  });

  it('reads Excel serial dates (1900 date system): 45658 = 2025-01-01', () => {
    expect(excelSerialToDate(45658)).toBe('2025-01-01');
    expect(parseDate(45658)).toBe('2025-01-01');
    expect(parseDate(45658.75)).toBe('2025-01-01'); // time of day dropped
    expect(parseDate(46112)).toBe('2026-03-31');
    expect(parseDate(1)).toBe('1900-01-01');
    expect(parseDate(59)).toBe('1900-02-28');
    expect(code(parseDate(60))).toBe('date-invalid'); // Excel's fictitious 1900-02-29
    expect(parseDate(61)).toBe('1900-03-01');
    expect(parseDate(36526)).toBe('2000-01-01');
    expect(code(parseDate(0))).toBe('date-invalid');
    expect(code(parseDate(-5))).toBe('date-invalid');
    expect(code(parseDate(Number.NaN))).toBe('date-invalid');
    expect(code(parseDate(3_000_000))).toBe('date-out-of-range');
  });

  it('round-trips serials', () => {
    for (const d of ['1900-01-01', '1900-02-28', '1900-03-01', '2000-02-29', '2025-01-01', '2026-12-31']) {
      expect(excelSerialToDate(dateToExcelSerial(d))).toBe(d);
    }
    expect(dateToExcelSerial('2025-01-01')).toBe(45658);
  });

  it('reads JS Date objects as UTC (exceljs) or local calendar dates', () => {
    expect(parseDate(new Date(Date.UTC(2025, 0, 1)))).toBe('2025-01-01');
    expect(parseDate(new Date(2025, 5, 30), 'local')).toBe('2025-06-30');
    expect(code(parseDate(new Date('nonsense')))).toBe('date-invalid');
  });

  it('treats blanks as empty', () => {
    expect(parseDate('')).toBeNull();
    expect(parseDate('   ')).toBeNull();
    expect(parseDate(null)).toBeNull();
    expect(parseDate(undefined)).toBeNull();
  });

  it('reads exceljs cell objects', () => {
    expect(parseDate({ formula: 'DATE(2025,1,1)', result: 45658 })).toBe('2025-01-01');
    expect(parseDate({ richText: [{ text: '2025-' }, { text: '01-02' }] })).toBe('2025-01-02');
    expect(code(parseDate({ error: '#N/A' }))).toBe('value-invalid');
  });
});

describe('amounts (万元, up to 6 decimals)', () => {
  it('normalises valid amounts to strings', () => {
    expect(parseDecimal('12.5', 6)).toBe('12.5');
    expect(parseDecimal(' 012.500000 ', 6)).toBe('12.5');
    expect(parseDecimal('0.000001', 6)).toBe('0.000001');
    expect(parseDecimal('100', 6)).toBe('100');
    expect(parseDecimal('1,234.5', 6)).toBe('1234.5');
    expect(parseDecimal('.5', 6)).toBe('0.5');
    expect(parseDecimal('5.', 6)).toBe('5');
    expect(parseDecimal('0', 6)).toBe('0');
    expect(parseDecimal('-0', 6)).toBe('0');
  });

  it('accepts numbers, rounding away float noise but not real extra decimals', () => {
    expect(parseDecimal(0.5, 6)).toBe('0.5');
    expect(parseDecimal(3, 6)).toBe('3');
    expect(parseDecimal(0.1 + 0.2, 6)).toBe('0.3');
    expect(parseDecimal(1.123456, 6)).toBe('1.123456');
    expect(code(parseDecimal(1.1234567, 6))).toBe('decimal-places');
    expect(code(parseDecimal(1e-7, 6))).toBe('decimal-places');
  });

  it('rejects more than 6 decimals', () => {
    expect(code(parseDecimal('0.0000001', 6))).toBe('decimal-places');
    expect(code(parseDecimal('1.1234567', 6))).toBe('decimal-places');
    expect(parseDecimal('1.1234560', 6)).toBe('1.123456'); // trailing zero is not a decimal
  });

  it('rejects negatives', () => {
    expect(code(parseDecimal('-1', 6))).toBe('decimal-negative');
    expect(code(parseDecimal('－0.5', 6))).toBe('decimal-negative');
    expect(code(parseDecimal(-0.01, 6))).toBe('decimal-negative');
  });

  it('rejects non-numbers', () => {
    for (const s of ['abc', '1.2.3', '1e3', '五万', '12万元', '1,23', '.', '+5', 'NaN']) {
      expect(code(parseDecimal(s, 6)), s).toBe('decimal-invalid');
    }
    expect(code(parseDecimal(Number.POSITIVE_INFINITY, 6))).toBe('decimal-invalid');
    expect(code(parseDecimal(new Date(), 6))).toBe('decimal-invalid');
  });
});

describe('text', () => {
  it('trims (including full-width blanks) and empties to null', () => {
    expect(parseText('  某公司 ')).toBe('某公司');
    expect(parseText('\u3000某公司\u3000')).toBe('某公司');
    expect(parseText('\t\n')).toBeNull();
    expect(parseText(12345)).toBe('12345');
    expect(parseText({ text: '链接文字', hyperlink: 'http://x' })).toBe('链接文字');
    expect(code(parseText({ foo: 1 }))).toBe('value-invalid');
  });
});
