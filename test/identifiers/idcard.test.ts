/**
 * 居民身份证号 (GB 11643-1999): ISO 7064 MOD 11-2 and a real birth date;
 * masking. Example from shared/reference/domain.md §3.
 */
import { describe, expect, it } from 'vitest';
import { checkIdCard, idCardCheckChar, isRealDate, maskIdNumber } from '../../electron/core/identifiers/idcard';

const TODAY = new Date('2026-11-26T00:00:00Z');

/** A valid number for a birth date, by computing the check character. */
function make(area: string, birth: string, seq: string): string {
  const first17 = area + birth + seq;
  return first17 + idCardCheckChar(first17);
}

describe('checkIdCard', () => {
  it('accepts the example 11010519491231002X, also with a lower-case x', () => {
    expect(checkIdCard('11010519491231002X', TODAY)).toEqual({ ok: true });
    expect(checkIdCard('11010519491231002x', TODAY)).toEqual({ ok: true });
    expect(idCardCheckChar('11010519491231002')).toBe('X');
  });

  it('accepts a numeric check character', () => {
    const id = make('130111', '19850607', '123');
    expect(/\d$/.test(id) || id.endsWith('X')).toBe(true);
    expect(checkIdCard(id, TODAY).ok).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(checkIdCard('110105194912310021', TODAY)).toEqual({ ok: false, problem: 'check' });
  });

  it('rejects birth dates that do not exist (including 2 月 30 日 and 19000229)', () => {
    expect(checkIdCard(make('110105', '19490230', '002'), TODAY)).toEqual({ ok: false, problem: 'birth-date' });
    expect(checkIdCard(make('110105', '19001301', '002'), TODAY)).toEqual({ ok: false, problem: 'birth-date' });
    expect(checkIdCard(make('110105', '19000229', '002'), TODAY)).toEqual({ ok: false, problem: 'birth-date' });
    expect(checkIdCard(make('110105', '20000229', '002'), TODAY)).toEqual({ ok: true }); // 2000 is a leap year
  });

  it('rejects a birth date after today and before 1900', () => {
    expect(checkIdCard(make('110105', '20261127', '002'), TODAY)).toEqual({ ok: false, problem: 'birth-date' });
    expect(checkIdCard(make('110105', '20261126', '002'), TODAY)).toEqual({ ok: true });
    expect(checkIdCard(make('110105', '18991231', '002'), TODAY)).toEqual({ ok: false, problem: 'birth-date' });
  });

  it('rejects the wrong format (15-digit old numbers, letters, lengths)', () => {
    expect(checkIdCard('110105491231002', TODAY)).toEqual({ ok: false, problem: 'format' });
    expect(checkIdCard('1101051949123100XX', TODAY)).toEqual({ ok: false, problem: 'format' });
    expect(checkIdCard('11010519491231002X1', TODAY)).toEqual({ ok: false, problem: 'format' });
  });

  it('isRealDate knows month lengths and leap years', () => {
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2025, 2, 29)).toBe(false);
    expect(isRealDate(2026, 2, 30)).toBe(false);
    expect(isRealDate(2026, 4, 31)).toBe(false);
    expect(isRealDate(2026, 12, 31)).toBe(true);
    expect(isRealDate(2026, 13, 1)).toBe(false);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber('E12345678')).toBe('E123*5678');
    expect(maskIdNumber('12345678')).toBe('********');
  });
});
