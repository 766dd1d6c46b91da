/**
 * 统一社会信用代码 (GB 32100-2015) and the 组织机构代码 embedded in it (GB 11714).
 * Algorithms and examples: shared/reference/domain.md §3.
 */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // 31 characters: no I O S V Z
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccProblem =
  | 'length' // not 18 characters
  | 'charset' // a character outside the 31-character alphabet
  | 'check' // the 18th character does not match
  | 'org-check'; // the embedded 组织机构代码's check character does not match

export interface UsccCheck {
  ok: boolean;
  problem?: UsccProblem;
  /** The check character the first 17 positions call for, when computable. */
  expected?: string;
}

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  const check = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[check];
}

/** 组织机构代码 check: positions 1–8 weighted, 11 − (Σ mod 11); 10 → X, 11 → 0. */
export function orgCodeCheckChar(first8: string): string | null {
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

export function checkUscc(input: string): UsccCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, problem: 'length' };
  for (const c of code) if (!USCC_ALPHABET.includes(c)) return { ok: false, problem: 'charset' };
  const expected = usccCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return { ok: false, problem: 'check', expected };
  const org = code.slice(8, 17);
  if (orgCodeCheckChar(org.slice(0, 8)) !== org[8]) return { ok: false, problem: 'org-check' };
  return { ok: true };
}

export const USCC_PROBLEM_MESSAGES: Record<UsccProblem, string> = {
  length: '统一社会信用代码应为18位',
  charset: '统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）',
  check: '统一社会信用代码校验位错误',
  'org-check': '统一社会信用代码中的组织机构代码校验位错误',
};

export function usccMessage(check: UsccCheck): string | null {
  return check.ok || !check.problem ? null : USCC_PROBLEM_MESSAGES[check.problem];
}
