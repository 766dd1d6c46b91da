/**
 * 统一社会信用代码 (GB 32100-2015) and its embedded 组织机构代码 (GB 11714):
 * examples from shared/reference/domain.md §3.
 */
import { describe, expect, it } from 'vitest';
import { checkUscc, orgCodeCheckChar, usccCheckChar, usccMessage } from '../../electron/core/identifiers/uscc';

const VALID = ['91350200776049653A', '913502000728319549', '91230500MA1B3N1N2M', '91440101MA5CJQ4N59'];

describe('checkUscc', () => {
  it.each(VALID)('accepts the valid example %s', (code) => {
    expect(checkUscc(code)).toEqual({ ok: true });
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('accepts lower case and surrounding blanks (normalised before checking)', () => {
    expect(checkUscc(' 91350200776049653a ').ok).toBe(true);
    expect(checkUscc('91230500ma1b3n1n2m').ok).toBe(true);
  });

  it('rejects the early pilot code 91350100M0001TGQXM on the check character', () => {
    const r = checkUscc('91350100M0001TGQXM');
    expect(r).toMatchObject({ ok: false, problem: 'check' });
    expect(r.expected).toBe(usccCheckChar('91350100M0001TGQX'));
    expect(usccMessage(r)).toContain('校验位');
  });

  it('rejects a changed check character', () => {
    expect(checkUscc('91350200776049653B')).toMatchObject({ ok: false, problem: 'check', expected: 'A' });
    expect(checkUscc('913502000728319540')).toMatchObject({ ok: false, problem: 'check', expected: '9' });
  });

  it('rejects a code whose embedded 组织机构代码 check fails even when the 18th character matches', () => {
    // 77604965 + '4' (wrong org check; the right one is 3), then a correct 18th character.
    const first17 = '9135020077604965' + '4';
    const code = first17 + usccCheckChar(first17);
    expect(checkUscc(code)).toEqual({ ok: false, problem: 'org-check' });
    expect(orgCodeCheckChar('77604965')).toBe('3');
  });

  it('rejects wrong lengths', () => {
    expect(checkUscc('91350200776049653')).toEqual({ ok: false, problem: 'length' });
    expect(checkUscc('91350200776049653AA')).toEqual({ ok: false, problem: 'length' });
    expect(checkUscc('')).toEqual({ ok: false, problem: 'length' });
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the excluded letter %s', (letter) => {
    expect(checkUscc('9135020077604965' + letter + 'A')).toEqual({ ok: false, problem: 'charset' });
  });

  it('maps check value 31 to 0, and the org check 10 to X and 11 to 0', () => {
    expect(usccCheckChar('91130111100000411')).toBe('0');
    expect(checkUscc('911301111000004110')).toEqual({ ok: true });
    expect(orgCodeCheckChar('00000006')).toBe('X'); // Σ = 12 ≡ 1 → 11 − 1 = 10 → X
    expect(orgCodeCheckChar('00000000')).toBe('0'); // Σ = 0 → 11 → 0
    expect(orgCodeCheckChar('07283195')).toBe('4');
    expect(orgCodeCheckChar('MA1B3N1N')).toBe('2');
  });
});
