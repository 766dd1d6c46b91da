/**
 * Fields that contradict each other (issue 17), as data in the category's rules:
 * an amount written in 处罚内容 against 罚款金额 (“amount-in-text”), 罚款 without an
 * amount, dates out of order. The same rules run at entry, at import and on a proposed
 * correction (test/cases/refusals.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../electron/contract';
import { validateRecord } from '../../electron/core/catalog';
import { PENALTY } from '../../electron/core/catalog/categories/penalty';
import { clerkDesk, penaltyRow, value } from '../helpers';

const check = (row: Record<string, unknown>) => validateRecord('penalty', row, { today: '2026-03-10' });

describe('consistency rules', () => {
  it('are data in the category definition', () => {
    expect(PENALTY.rules).toContainEqual({ kind: 'amount-in-text', text: 'CF_NR', amount: 'CF_NR_FK' });
    expect(PENALTY.rules).toContainEqual({ kind: 'date-order', from: 'CF_JDRQ', to: 'CF_GSJZQ' });
  });

  it('an amount in 处罚内容 must be 罚款金额; 罚款 needs an amount; dates in order', () => {
    expect(check(penaltyRow()).ok).toBe(true);
    // Arabic and Chinese numerals, 元 and 万元, spaces and full-width digits are all read.
    for (const written of ['罚款人民币3700元', '罚款人民币叁仟柒佰元整', '处以罚款0.37万元', '处３７００元罚款']) {
      expect(check(penaltyRow({ CF_NR: written, CF_NR_FK: '0.37' })).ok, written).toBe(true);
    }
    const contradiction = check(penaltyRow({ CF_NR: '罚款人民币3700元', CF_NR_FK: '0.3' }));
    expect(contradiction.errors).toEqual([
      expect.objectContaining({ field: 'CF_NR', code: 'amount-in-text', message: expect.stringMatching(/“处罚内容”.*0\.37 万元（3700 元）.*“罚款金额（万元）”为 0\.3 万元.*请一并更正两者/) }),
    ]);
    // A text naming no amount, or two different ones, is not read (nothing to compare).
    expect(check(penaltyRow({ CF_NR: '警告并罚款', CF_NR_FK: '0.3' })).ok).toBe(true);
    expect(check(penaltyRow({ CF_NR: '罚款3000元，另罚款2000元', CF_NR_FK: '0.3' })).ok).toBe(true);
    // 罚款 without an amount; a 公示截止期 before the decision.
    expect(check(penaltyRow({ CF_NR: '罚款', CF_NR_FK: '' })).errors.map((e) => `${e.field}:${e.code}`)).toEqual(['CF_NR_FK:required']);
    expect(check(penaltyRow({ CF_GSJZQ: '2026-01-01' })).errors.map((e) => `${e.field}:${e.code}`)).toEqual(['CF_GSJZQ:date-order']);
  });

  it('refuses a contradicting record at entry and a contradicting row at import, naming the field', async () => {
    const core = await clerkDesk();
    const entry = await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_NR: '罚款人民币3700元', CF_NR_FK: '0.3' }) });
    expect(entry.ok).toBe(false);
    if (!entry.ok) expect(entry.error.message).toContain('“处罚内容”（CF_NR）与“罚款金额（万元）”矛盾');
    const header = ['行政相对人名称', '行政相对人类别', '统一社会信用代码', '行政处罚决定书文号', '违法行为类型', '违法事实', '处罚依据', '处罚类别', '处罚内容', '罚款金额（万元）', '处罚决定日期', '处罚有效期', '处罚机关', '处罚机关统一社会信用代码', '数据来源单位', '数据来源单位统一社会信用代码'];
    const r = penaltyRow();
    const row = (no: string, content: string, amount: string) =>
      [r.CF_XDR_MC, r.CF_XDR_LB, r.CF_XDR_SHXYM, no, r.CF_WFXW, r.CF_SY, r.CF_YJ, r.CF_CFLB, content, amount, r.CF_JDRQ, r.CF_YXQ, r.CF_CFJG, r.CF_CFJGDM, r.CF_SJLY, r.CF_SJLYDM].join(',');
    const csv = ['\ufeff' + header.join(','), row('栾市监罚〔2026〕91号', '罚款人民币五千元', '0.5'), row('栾市监罚〔2026〕92号', '罚款人民币3700元', '0.3')].join('\r\n');
    const summary = value<ImportSummary>(await core.invoke('import.run', { category: 'penalty', fileName: 'a.csv', content: Buffer.from(csv, 'utf8').toString('base64') }));
    expect(summary).toMatchObject({ imported: 1, rejected: 1 });
    expect(summary.errors[0]).toMatchObject({ row: 3, field: 'CF_NR' });
  });
});
