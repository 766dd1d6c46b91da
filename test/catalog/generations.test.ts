/**
 * The template generations as data: every column and rule points at a field its
 * category has; header normalisation; the fine read from a 2016 处罚结果.
 */
import { describe, expect, it } from 'vitest';
import { headerKey } from '../../electron/core/catalog/compile';
import { fineFromText, generationsFor } from '../../electron/core/catalog/generations';
import { chineseNumeral, shiftLeft } from '../../electron/core/catalog/generations/fine-text';
import { getCompiledCategory, listCategories } from '../../electron/core/catalog/registry';
import { planImport } from '../../electron/core/records/import-plan';

describe('generation definitions', () => {
  it('name only fields their category has, in columns and in rules; keys are unique', () => {
    const keys = new Set<string>();
    for (const { key: category } of listCategories()) {
      const fields = new Set(getCompiledCategory(category).fields.map((f) => f.code));
      for (const g of generationsFor(category)) {
        expect(keys.has(g.key), g.key).toBe(false);
        keys.add(g.key);
        for (const c of g.columns) {
          const t = c.to;
          if ('field' in t) expect(fields.has(t.field), `${g.key} ${c.label} → ${t.field}`).toBe(true);
          if ('idTypeField' in t) expect(fields.has(t.idTypeField), `${g.key} ${c.label} → ${t.idTypeField}`).toBe(true);
        }
        for (const r of g.rules) {
          const named = Object.entries(r)
            .filter(([k]) => k !== 'id' && k !== 'kind')
            .map(([, v]) => String(v));
          for (const f of named) expect(fields.has(f), `${g.key} rule ${r.id}: ${f}`).toBe(true);
        }
      }
    }
    expect([...keys]).toEqual(expect.arrayContaining(['penalty-current', 'penalty-2016', 'penalty-2019-export', 'license-2016', 'license-2019-export']));
  });

  it('every required field of the 2016 layouts either has a column or a rule that fills it', () => {
    for (const [category, header] of [
      ['penalty', ['CF_WSH', 'CF_CFMC', 'CF_CFLB1', 'CF_SY', 'CF_YJ', 'CF_XDR_MC', 'CF_XDR_SHXYM', 'CF_JG', 'CF_JDRQ', 'CF_XZJG']],
      ['license', ['XK_WSH', 'XK_XMMC', 'XK_SPLB', 'XK_NR', 'XK_XDR_MC', 'XK_XDR_SHXYM', 'XK_JDRQ', 'XK_JZQ', 'XK_XZJG']],
    ] as const) {
      const plan = planImport(category, header);
      expect(plan.generation.key).toBe(`${category}-2016`);
      expect(plan.missing.filter((m) => m.rule === null)).toEqual([]);
    }
  });
});

describe('header matching', () => {
  it('ignores spaces, * marks, a trailing colon, bracket styles and case', () => {
    const k = headerKey('行政相对人代码_1（统一社会信用代码）');
    for (const h of [' 行政相对人代码_1 (统一社会信用代码)：', '*行政相对人代码_1【统一社会信用代码】:', '行政相对人代码_1〔统一社会信用代码〕']) expect(headerKey(h)).toBe(k);
    expect(headerKey('cf_wsh')).toBe('CF_WSH');
  });
});

describe('the fine in a 2016 处罚结果', () => {
  it('reads the one amount next to 罚款, in yuan or 万元, in digits or Chinese numerals, as 万元', () => {
    expect(fineFromText('罚款人民币5000元')).toBe('0.5');
    expect(fineFromText('处以罚款0.5万元')).toBe('0.5');
    expect(fineFromText('责令改正，处5000元罚款')).toBe('0.5');
    expect(fineFromText('罚款人民币伍仟元整')).toBe('0.5');
    expect(fineFromText('警告，并处罚款人民币贰万元')).toBe('2');
    expect(fineFromText('罚款：1,200.50元')).toBe('0.12005');
    expect(fineFromText('罚款 ５０００ 元')).toBe('0.5');
    expect(fineFromText('没收违法所得1000元，罚款5000元')).toBe('0.5');
    expect(fineFromText('罚款5000元（即罚款人民币伍仟元）')).toBe('0.5');
  });

  it('refuses to guess: no amount, two different amounts, a zero, an unusual numeral', () => {
    for (const text of ['警告', '罚款若干', '罚款5000元，罚款3000元', '罚款0元', '罚款一万五元', '罚款五五元', 42, null]) expect(fineFromText(text), String(text)).toBeNull();
  });

  it('Chinese numerals only when written as usual; decimal shifts are exact', () => {
    expect(chineseNumeral('一万零五百')).toBe('10500');
    expect(chineseNumeral('壹万贰仟叁佰')).toBe('12300');
    expect(chineseNumeral('两千')).toBe('2000');
    expect(chineseNumeral('一万五')).toBeNull();
    expect(shiftLeft('5', 4)).toBe('0.0005');
    expect(shiftLeft('12345.67', 4)).toBe('1.234567');
    expect(shiftLeft('10000', 4)).toBe('1');
  });
});
