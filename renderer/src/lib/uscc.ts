/**
 * 统一社会信用代码 check (GB 32100-2015), for immediate feedback in forms.
 * It mirrors electron/core/identifiers/uscc.ts, which the core enforces; the
 * renderer may not import core code, so keep the two in step (or move the
 * check into electron/contract, where both could share it).
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccProblem = 'length' | 'charset' | 'check' | 'org-check';

function orgCheckChar(first8: string): string | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8[i];
    const v = /[0-9]/.test(c) ? Number(c) : /[A-Z]/.test(c) ? c.charCodeAt(0) - 55 : NaN;
    if (Number.isNaN(v)) return null;
    sum += v * ORG_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The first problem with a code, or null when it is valid. */
export function usccProblem(input: string): UsccProblem | null {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return 'length';
  for (const c of code) if (!ALPHABET.includes(c)) return 'charset';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(code[i]) * WEIGHTS[i];
  if (code[17] !== ALPHABET[(31 - (sum % 31)) % 31]) return 'check';
  if (orgCheckChar(code.slice(8, 16)) !== code[16]) return 'org-check';
  return null;
}
