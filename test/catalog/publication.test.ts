/**
 * Publication clock for 行政处罚 (domain.md §4): class, 公示截止期, earliest repair
 * date, special fields, overrides, the versioned rule table.
 */
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  classifyPenalty,
  computePublication,
  earliestRepairDate,
  getRuleTable,
  listRuleTables,
  PENALTY_RULES_2026,
  publicationDeadline,
  publicationForRecord,
  registerRuleTable,
  ruleTableInForce,
  validateRecord,
  type PenaltyDecision,
} from '../../electron/core/catalog';
import { penaltyRow, TODAY } from './fixtures';

const ORG = '法人及非法人组织' as const;
const PERSON = '自然人' as const;
const V = 'xyxf-2025.1';

function clock(d: Partial<PenaltyDecision>) {
  return computePublication({ decisionDate: '2025-03-15', kinds: [], subjectType: ORG, ...d }, { asOf: TODAY });
}

describe('the rule table is versioned data', () => {
  it('《信用修复管理办法》(2025), in force 2026-04-01', () => {
    expect(PENALTY_RULES_2026).toMatchObject({ version: V, effectiveFrom: '2026-04-01', family: 'penalty-publication' });
    expect(PENALTY_RULES_2026.source).toContain('信用修复管理办法');
    expect(PENALTY_RULES_2026.classes).toMatchObject({
      轻微: { minMonths: 0, maxMonths: 3, publishedByDefault: false },
      一般: { minMonths: 3, maxMonths: 12 },
      严重: { minMonths: 12, maxMonths: 36 },
    });
    expect(PENALTY_RULES_2026.classification.severeFineMinYuan[ORG]).toBe(1_000_000);
    expect(ruleTableInForce('2026-04-01').version).toBe(V);
    expect(getRuleTable(V)).toBe(PENALTY_RULES_2026);
  });

  it('every computed result records the version used', () => {
    expect(clock({ kinds: ['警告'] }).ruleVersion).toBe(V);
    expect(classifyPenalty({ decisionDate: '2025-03-15', kinds: ['罚款'], fineWanYuan: '1' }).ruleVersion).toBe(V);
    expect(publicationDeadline({ decisionDate: '2025-03-15', kinds: ['警告'] })).toEqual({ date: '2025-06-15', ruleVersion: V });
    expect(earliestRepairDate({ decisionDate: '2025-03-15', kinds: ['吊销许可证件'] })).toEqual({ date: '2026-03-16', ruleVersion: V });
  });
});

describe('class derived from the decision', () => {
  it('警告 or 通报批评 alone → 轻微', () => {
    expect(clock({ kinds: ['警告'] }).class).toBe('轻微');
    expect(clock({ kinds: ['通报批评'] }).class).toBe('轻微');
    expect(clock({ kinds: ['警告', '通报批评'] }).class).toBe('轻微');
  });

  it('简易程序 fines: ≤200 yuan for a 自然人, ≤3,000 yuan for an organisation → 轻微', () => {
    expect(clock({ kinds: ['罚款'], fineWanYuan: '0.02', subjectType: PERSON }).class).toBe('轻微');
    expect(clock({ kinds: ['罚款'], fineWanYuan: '0.020001', subjectType: PERSON }).class).toBe('一般');
    expect(clock({ kinds: ['罚款'], fineWanYuan: '0.3', subjectType: ORG }).class).toBe('轻微');
    expect(clock({ kinds: ['罚款'], fineWanYuan: '0.300001', subjectType: ORG }).class).toBe('一般');
    expect(clock({ kinds: ['警告', '罚款'], fineWanYuan: '0.01', subjectType: PERSON }).class).toBe('轻微');
    // 个体工商户 use the 200-yuan limit (configurable in the table)
    expect(clock({ kinds: ['罚款'], fineWanYuan: '0.03', subjectType: '个体工商户' }).class).toBe('一般');
    // unknown subject type: the smaller limit
    expect(clock({ kinds: ['罚款'], fineWanYuan: '0.03', subjectType: null }).class).toBe('一般');
  });

  it('larger fines, 没收 and other kinds → 一般', () => {
    expect(clock({ kinds: ['罚款'], fineWanYuan: '5' }).class).toBe('一般');
    expect(clock({ kinds: ['没收违法所得'] }).class).toBe('一般');
    expect(clock({ kinds: ['没收非法财物'] }).class).toBe('一般');
    expect(clock({ kinds: ['暂扣许可证件'] }).class).toBe('一般');
    expect(clock({ kinds: ['责令停产停业'] }).class).toBe('一般');
    expect(clock({ kinds: ['其他-责令改正'] }).class).toBe('一般');
    expect(clock({ kinds: ['罚款'], fineWanYuan: null }).class).toBe('一般');
    expect(clock({ kinds: [] }).class).toBe('一般');
  });

  it('吊销许可证件, 限制从业, 责令关闭 and very large fines (≥ 100万元) → 严重', () => {
    expect(clock({ kinds: ['吊销许可证件'] }).class).toBe('严重');
    expect(clock({ kinds: ['限制从业'] }).class).toBe('严重');
    expect(clock({ kinds: ['责令关闭'] }).class).toBe('严重');
    expect(clock({ kinds: ['罚款'], fineWanYuan: '100' }).class).toBe('严重');
    expect(clock({ kinds: ['罚款'], fineWanYuan: '99.999999' }).class).toBe('一般');
  });

  it('several 处罚类别: the most severe (longest) applies, with reasons', () => {
    const c = clock({ kinds: ['警告', '没收违法所得'] });
    expect(c.class).toBe('一般');
    const s = clock({ kinds: ['罚款', '警告', '吊销许可证件'], fineWanYuan: '0.1' });
    expect(s.class).toBe('严重');
    expect(s.reasons.join('\n')).toContain('处罚类别含“吊销许可证件” → 严重');
    expect(s.reasons.join('\n')).toContain('罚款1000元，不超过简易程序限额3000元（法人及非法人组织） → 轻微');
  });
});

// The earliest repair date is the day after the minimum period's last day: decision date + the
// minimum months is that last day (民法典 第二百零一条、第二百零二条), repair “after the minimum”.
describe('公示截止期 and the earliest repair date', () => {
  it('轻微: not published in principle, at most 3 months, repair once the duty is fulfilled', () => {
    const c = clock({ kinds: ['警告'] });
    expect(c).toMatchObject({ publishedByDefault: false, publicationEnds: '2025-06-15', minimumEnds: '2025-03-15', earliestRepair: '2025-03-15' });
    expect(clock({ kinds: ['警告'], dutyFulfilledOn: '2025-03-20' }).earliestRepair).toBe('2025-03-20');
  });

  it('一般: at most 1 year, repair after 3 months', () => {
    expect(clock({ kinds: ['罚款'], fineWanYuan: '5' })).toMatchObject({ publishedByDefault: true, publicationEnds: '2026-03-15', earliestRepair: '2025-06-16', minMonths: 3, maxMonths: 12 });
  });

  it('严重: at most 3 years, repair after 1 year', () => {
    expect(clock({ kinds: ['吊销许可证件'] })).toMatchObject({ publicationEnds: '2028-03-15', earliestRepair: '2026-03-16', minMonths: 12, maxMonths: 36 });
  });

  it('the duty fulfilled after the minimum moves the earliest repair; before it does not', () => {
    expect(clock({ kinds: ['没收违法所得'], dutyFulfilledOn: '2025-09-01' }).earliestRepair).toBe('2025-09-01');
    expect(clock({ kinds: ['没收违法所得'], dutyFulfilledOn: '2025-04-01' }).earliestRepair).toBe('2025-06-16');
  });

  it('end of month: 2025-01-31 + 1 month = 2025-02-28 (dayjs)', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', 0)).toBe('2025-03-31');
    expect(clock({ decisionDate: '2025-01-31', kinds: ['没收违法所得'] })).toMatchObject({ earliestRepair: '2025-05-01', publicationEnds: '2026-01-31' });
    expect(clock({ decisionDate: '2025-11-30', kinds: ['警告'] }).publicationEnds).toBe('2026-02-28');
    expect(clock({ decisionDate: '2025-08-31', kinds: ['没收违法所得'] }).earliestRepair).toBe('2025-12-01');
    expect(clock({ decisionDate: '2024-02-29', kinds: ['责令关闭'] })).toMatchObject({ earliestRepair: '2025-03-01', publicationEnds: '2027-02-28' });
  });

  it('accepts YYYY/MM/DD decision dates; rejects impossible ones', () => {
    expect(clock({ decisionDate: '2025/03/15', kinds: ['警告'] }).publicationEnds).toBe('2025-06-15');
    expect(() => clock({ decisionDate: '2026-02-30', kinds: ['警告'] })).toThrow(/不是有效日期/);
  });
});

describe('special fields (特种设备、安全生产、消防): a longer minimum of 1 year', () => {
  it('raises the minimum of 一般 decisions to 12 months', () => {
    const c = clock({ kinds: ['罚款'], fineWanYuan: '5', specialField: 'fire-safety' });
    expect(c).toMatchObject({ class: '一般', minMonths: 12, maxMonths: 12, earliestRepair: '2026-03-16', publicationEnds: '2026-03-15', specialField: 'fire-safety' });
    expect(c.reasons.join()).toContain('消防领域最短公示12个月');
    expect(clock({ kinds: ['没收违法所得'], specialField: '特种设备' }).earliestRepair).toBe('2026-03-16');
    expect(clock({ kinds: ['没收违法所得'], specialField: 'work-safety' }).earliestRepair).toBe('2026-03-16');
  });
  it('leaves 轻微 and 严重 as they are', () => {
    expect(clock({ kinds: ['警告'], specialField: 'fire-safety' })).toMatchObject({ minMonths: 0, maxMonths: 3 });
    expect(clock({ kinds: ['吊销许可证件'], specialField: 'fire-safety' })).toMatchObject({ minMonths: 12, maxMonths: 36 });
  });
  it('an unknown special field is an error', () => {
    expect(() => clock({ kinds: ['警告'], specialField: 'food' })).toThrow(/未知的特殊领域/);
  });
});

describe('overriding the class', () => {
  it('with a reason: the class changes, the derived class and the reason are kept', () => {
    const c = clock({ kinds: ['吊销许可证件'], override: { class: '一般', reason: '经集体讨论，情节较轻' } });
    expect(c).toMatchObject({ class: '一般', derivedClass: '严重', overrideReason: '经集体讨论，情节较轻', publicationEnds: '2026-03-15', ruleVersion: V });
  });
  it('without a reason: refused', () => {
    expect(() => clock({ kinds: ['吊销许可证件'], override: { class: '一般', reason: ' ' } })).toThrow(/须填写理由/);
  });
});

describe('a new rule table version', () => {
  it('is picked by date; old versions stay available; invalid tables are refused', () => {
    const next = { ...PENALTY_RULES_2026, version: 'test-2027.1', effectiveFrom: '2027-01-01', classes: { ...PENALTY_RULES_2026.classes, 一般: { ...PENALTY_RULES_2026.classes.一般, maxMonths: 6 } } };
    registerRuleTable(next);
    expect(listRuleTables().map((t) => t.version)).toEqual([V, 'test-2027.1']);
    expect(ruleTableInForce('2026-12-31').version).toBe(V);
    expect(ruleTableInForce('2027-01-01').version).toBe('test-2027.1');
    const d: PenaltyDecision = { decisionDate: '2027-02-01', kinds: ['没收违法所得'] };
    expect(computePublication(d, { asOf: '2027-02-01' })).toMatchObject({ ruleVersion: 'test-2027.1', publicationEnds: '2027-08-01' });
    expect(computePublication(d, { ruleVersion: V })).toMatchObject({ ruleVersion: V, publicationEnds: '2028-02-01' });
    expect(() => registerRuleTable(next)).toThrow(/已存在/);
    expect(() => registerRuleTable({ ...next, version: 'bad', classes: { ...next.classes, 严重: { ...next.classes.严重, minMonths: 40 } } })).toThrow(/最短公示期长于最长公示期/);
    expect(() => registerRuleTable({ ...next, version: 'bad2', effectiveFrom: '2027/01/01' })).toThrow(/定义有误/);
  });
});

describe('publicationForRecord', () => {
  it('reads the decision date, 处罚类别, fine and subject type named by the definition', () => {
    const r = validateRecord('penalty', penaltyRow({ CF_CFLB: '2、5', CF_NR: '罚款并吊销许可证', CF_NR_FK: '0.5', CF_JDRQ: '2025-01-31' }), { today: TODAY });
    expect(r.ok).toBe(true);
    const c = publicationForRecord('penalty', r.values, { asOf: TODAY })!;
    expect(c).toMatchObject({ class: '严重', publicationEnds: '2028-01-31', earliestRepair: '2026-02-01', ruleVersion: V });
    const small = validateRecord('penalty', penaltyRow({ CF_NR_FK: '0.3' }), { today: TODAY });
    expect(publicationForRecord('penalty', small.values, { asOf: TODAY })!.class).toBe('轻微');
  });
  it('is null for categories without publication rules', () => {
    expect(publicationForRecord('license', {})).toBeNull();
  });
});
