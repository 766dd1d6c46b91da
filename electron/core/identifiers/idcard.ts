/**
 * 居民身份证号 (GB 11643-1999): ISO 7064 MOD 11-2 check and a real birth date.
 * Reference: shared/reference/domain.md §3.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdCardProblem = 'format' | 'birth-date' | 'check';

export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

export function checkIdCard(input: string, today: Date = new Date()): { ok: boolean; problem?: IdCardProblem } {
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = Date.UTC(y, m - 1, d);
  if (y < 1900 || !isRealDate(y, m, d) || birth > today.getTime()) return { ok: false, problem: 'birth-date' };
  if (idCardCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'check' };
  return { ok: true };
}

export const ID_CARD_PROBLEM_MESSAGES: Record<IdCardProblem, string> = {
  format: '身份证号应为18位，前17位为数字，末位为数字或X',
  'birth-date': '身份证号中的出生日期不是真实日期',
  check: '身份证号校验位错误',
};

/** Masked form shown by default: first 4 and last 4 characters, e.g. 1101**********002X. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}
