/**
 * validateRecord: every rule of issue 3 item 2, with valid and invalid examples
 * from shared/reference/domain.md.
 */
import { describe, expect, it } from 'vitest';
import { fieldOrder, validateRecord, type ValidateOptions, type ValidationResult } from '../../electron/core/catalog';
import {
  AUTHORITY_CODE,
  blacklistRow,
  commitmentRow,
  ID_VALID,
  licenseRow,
  penaltyRow,
  personPenaltyRow,
  redlistRow,
  TODAY,
  USCC_PILOT,
  USCC_VALID,
} from './fixtures';
import { idCardCheckChar as idCheck } from '../../electron/core/identifiers/idcard';
import { usccCheckChar as usccCheck } from '../../electron/core/identifiers/uscc';

function check(category: string, row: Record<string, unknown> | unknown[], options: ValidateOptions = {}): ValidationResult {
  return validateRecord(category, row, { today: TODAY, ...options });
}
/** `FIELD:code` of every error. */
function errs(r: ValidationResult): string[] {
  return r.errors.map((e) => `${e.field}:${e.code}`);
}
function warns(r: ValidationResult): string[] {
  return r.warnings.map((e) => `${e.field}:${e.code}`);
}
function expectValid(r: ValidationResult) {
  expect(r.errors, JSON.stringify(r.errors, null, 1)).toEqual([]);
  expect(r.ok).toBe(true);
}

describe('valid records of every shipped category', () => {
  it('行政许可', () => {
    const r = check('license', licenseRow());
    expectValid(r);
    expect(r.warnings).toEqual([]);
    expect(r.values).toMatchObject({ XK_XDR_SHXYM: '91350200776049653A', XK_JDRQ: '2025-01-02', XK_XKLB: '普通', XK_ZT: '1', BZ: null });
  });
  it('行政处罚 (法人)', () => {
    const r = check('penalty', penaltyRow());
    expectValid(r);
    expect(r.values).toMatchObject({ CF_CFLB: ['罚款'], CF_NR_FK: '0.5', CF_JDRQ: '2025-03-15', CF_XDR_ZJHM: null });
  });
  it('行政处罚 (自然人)', () => {
    expectValid(check('penalty', personPenaltyRow()));
  });
  it('守信激励名单', () => {
    const r = check('redlist', redlistRow());
    expectValid(r);
    expect(r.values.HMD_LRRQ).toBe('2025-04-01');
  });
  it('严重失信主体名单', () => {
    expectValid(check('blacklist', blacklistRow()));
  });
  it('信用承诺', () => {
    for (const kind of ['审批替代型', '主动型', '行业自律型', '信用修复型']) {
      expectValid(check('commitment', commitmentRow({ CN_CNLX: kind })));
    }
    for (const state of ['履约中', '已履约', '未履约']) {
      expectValid(check('commitment', commitmentRow({ CN_LYZT: state })));
    }
  });
  it('every valid domain.md USCC example is accepted as a subject code', () => {
    for (const code of USCC_VALID) expectValid(check('penalty', penaltyRow({ CF_XDR_SHXYM: code })));
  });
});

describe('normalised values', () => {
  it('trims text, upper-cases the USCC and the ID number, reads mixed inputs', () => {
    const r = check(
      'penalty',
      personPenaltyRow({
        CF_XDR_MC: '  张三\u3000',
        CF_XDR_ZJHM: ' 11010519491231002x ',
        CF_JDRQ: 45658,
        CF_YXQ: new Date(Date.UTC(2099, 11, 31)),
        CF_NR_FK: 0.5,
        CF_WSH: 20250012,
      }),
    );
    expectValid(r);
    expect(r.values).toMatchObject({ CF_XDR_MC: '张三', CF_XDR_ZJHM: ID_VALID, CF_JDRQ: '2025-01-01', CF_YXQ: '2099-12-31', CF_NR_FK: '0.5', CF_WSH: '20250012' });
    const lower = check('penalty', penaltyRow({ CF_XDR_SHXYM: '91440101ma5cjq4n59' }));
    expect(lower.values.CF_XDR_SHXYM).toBe('91440101MA5CJQ4N59');
  });

  it('keeps every field in values, null when empty', () => {
    const r = check('penalty', penaltyRow());
    expect(Object.keys(r.values)).toEqual(fieldOrder('penalty'));
    expect(r.values.CF_GSJZQ).toBeNull();
  });

  it('accepts a positional row (array in field order) with the same result', () => {
    const row = penaltyRow({ CF_CFLB: '2；5', CF_NR: '罚款并吊销食品经营许可证' });
    const positional = fieldOrder('penalty').map((c) => row[c]);
    const a = check('penalty', row);
    const b = check('penalty', positional);
    expect(b).toEqual(a);
    expect(b.values.CF_CFLB).toEqual(['罚款', '吊销许可证件']);
  });
});

describe('统一社会信用代码', () => {
  it('a failed check is an error marked overridable (the pilot code 91350100M0001TGQXM)', () => {
    const r = check('penalty', penaltyRow({ CF_XDR_SHXYM: USCC_PILOT }));
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([
      expect.objectContaining({ field: 'CF_XDR_SHXYM', code: 'uscc-check', overridable: true }),
    ]);
    expect(r.errors[0].message).toMatch(/^“统一社会信用代码”（CF_XDR_SHXYM）校验位错误/);
    expect(r.values.CF_XDR_SHXYM).toBe(USCC_PILOT); // kept for an approver to accept
  });

  it('an approver override with a reason turns it into a warning; without a reason it stays an error', () => {
    const row = penaltyRow({ CF_XDR_SHXYM: USCC_PILOT });
    const accepted = check('penalty', row, { overrides: [{ field: 'CF_XDR_SHXYM', code: 'uscc-check', reason: '早期试点代码，经核实营业执照' }] });
    expectValid(accepted);
    expect(accepted.warnings).toEqual([
      expect.objectContaining({ field: 'CF_XDR_SHXYM', code: 'uscc-check', overrideReason: '早期试点代码，经核实营业执照' }),
    ]);
    const noReason = check('penalty', row, { overrides: [{ field: 'CF_XDR_SHXYM', code: 'uscc-check', reason: '  ' }] });
    expect(errs(noReason)).toEqual(['CF_XDR_SHXYM:uscc-check']);
    const otherField = check('penalty', row, { overrides: [{ field: 'CF_CFJGDM', code: 'uscc-check', reason: '理由' }] });
    expect(errs(otherField)).toEqual(['CF_XDR_SHXYM:uscc-check']);
  });

  it('the embedded 组织机构代码 check failure is also an overridable uscc-check', () => {
    // 91350200 + 77604965 + '4' (org check should be 3) + a correct 18th character
    const first17 = '91350200776049654';
    const r = check('penalty', penaltyRow({ CF_XDR_SHXYM: first17 + usccCheck(first17) }));
    expect(r.errors).toEqual([expect.objectContaining({ field: 'CF_XDR_SHXYM', code: 'uscc-check', overridable: true })]);
    expect(r.errors[0].message).toContain('组织机构代码');
  });

  it('wrong length or letters are format errors, not overridable', () => {
    const short = check('penalty', penaltyRow({ CF_XDR_SHXYM: '9135020077604965' }));
    expect(short.errors).toEqual([expect.objectContaining({ field: 'CF_XDR_SHXYM', code: 'uscc-format' })]);
    expect(short.errors[0].overridable).toBeUndefined();
    expect(errs(check('penalty', penaltyRow({ CF_XDR_SHXYM: '91350200776049653O' })))).toEqual(['CF_XDR_SHXYM:uscc-format']);
    // an override cannot accept a format error
    const o = check('penalty', penaltyRow({ CF_XDR_SHXYM: '9135020077604965' }), { overrides: [{ field: 'CF_XDR_SHXYM', code: 'uscc-format', reason: 'x' }] });
    expect(o.ok).toBe(false);
  });

  it('authority codes are checked too', () => {
    const r = check('license', licenseRow({ XK_XKJGDM: USCC_PILOT, XK_LYDWDM: '11111' }));
    expect(errs(r)).toEqual(['XK_XKJGDM:uscc-check', 'XK_LYDWDM:uscc-format']);
  });

  it('a code beginning with 92 must be filed as 个体工商户', () => {
    // 92 + 350200 + a valid org code, with a correct check character
    const code92 = '92350200MA1B3N1N2';
    const full = code92 + usccCheck(code92);
    const wrong = check('penalty', penaltyRow({ CF_XDR_SHXYM: full, CF_XDR_LB: '法人及非法人组织' }));
    expect(errs(wrong)).toEqual(['CF_XDR_LB:uscc-subject-type']);
    expect(wrong.errors[0].message).toContain('个体工商户');
    expectValid(check('penalty', penaltyRow({ CF_XDR_SHXYM: full, CF_XDR_LB: '个体工商户' })));
    // as 自然人 it is wrong as well
    expect(errs(check('penalty', personPenaltyRow({ CF_XDR_SHXYM: full })))).toEqual(['CF_XDR_LB:uscc-subject-type']);
  });

  it('an 个体工商户 whose code does not start with 92 is a warning only', () => {
    const r = check('penalty', penaltyRow({ CF_XDR_LB: '个体工商户' }));
    expectValid(r);
    expect(warns(r)).toEqual(['CF_XDR_SHXYM:uscc-subject-type']);
  });
});


describe('subject types and required identity fields', () => {
  it('法人及非法人组织 requires the USCC', () => {
    const r = check('penalty', penaltyRow({ CF_XDR_SHXYM: '' }));
    expect(errs(r)).toEqual(['CF_XDR_SHXYM:required']);
    expect(r.errors[0].message).toBe('“统一社会信用代码”（CF_XDR_SHXYM）必填（“行政相对人类别”为“法人及非法人组织”时）');
  });

  it('自然人 needs 证件类型 and 证件号码 and does not need a USCC', () => {
    expectValid(check('penalty', personPenaltyRow()));
    const r = check('penalty', personPenaltyRow({ CF_XDR_ZJLX: '', CF_XDR_ZJHM: '' }));
    expect(errs(r)).toEqual(['CF_XDR_ZJLX:required', 'CF_XDR_ZJHM:required']);
    expect(r.errors[0].message).toContain('“行政相对人类别”为“自然人”');
    expect(errs(check('penalty', personPenaltyRow({ CF_XDR_ZJHM: '' })))).toEqual(['CF_XDR_ZJHM:required']);
  });

  it('个体工商户 without a code: allowed (domain: "that have one"), with a warning unless an ID is given', () => {
    const r = check('penalty', penaltyRow({ CF_XDR_LB: '个体工商户', CF_XDR_SHXYM: '' }));
    expectValid(r);
    expect(warns(r)).toEqual(['CF_XDR_SHXYM:one-of']);
    const withId = check('penalty', penaltyRow({ CF_XDR_LB: '个体工商户', CF_XDR_SHXYM: '', CF_XDR_ZJLX: '身份证', CF_XDR_ZJHM: ID_VALID }));
    expectValid(withId);
    expect(withId.warnings).toEqual([]);
  });

  it('行政相对人类别 must be from the list (aliases accepted)', () => {
    expect(check('penalty', penaltyRow({ CF_XDR_LB: '法人及其他组织' })).values.CF_XDR_LB).toBe('法人及非法人组织');
    const r = check('penalty', penaltyRow({ CF_XDR_LB: '企业' }));
    expect(errs(r)).toEqual(['CF_XDR_LB:code-unknown']);
    expect(r.errors[0].message).toContain('法人及非法人组织、自然人、个体工商户');
  });

  it('a legal representative ID number needs its type, and is checked when it is a 身份证', () => {
    expect(errs(check('penalty', penaltyRow({ CF_FR_ZJHM: ID_VALID })))).toEqual(['CF_FR_ZJLX:required']);
    expectValid(check('penalty', penaltyRow({ CF_FR_ZJLX: '身份证', CF_FR_ZJHM: ID_VALID })));
    expect(errs(check('penalty', penaltyRow({ CF_FR_ZJLX: '居民身份证', CF_FR_ZJHM: '110105194912310021' })))).toEqual(['CF_FR_ZJHM:idcard-check']);
  });
});

describe('身份证号 (GB 11643) when 证件类型 is 身份证', () => {
  it('accepts 11010519491231002X', () => {
    expectValid(check('penalty', personPenaltyRow()));
  });
  it('rejects a wrong check character', () => {
    const r = check('penalty', personPenaltyRow({ CF_XDR_ZJHM: '110105194912310021' }));
    expect(errs(r)).toEqual(['CF_XDR_ZJHM:idcard-check']);
    expect(r.errors[0].message).toBe('“证件号码”（CF_XDR_ZJHM）不是有效的身份证号：校验位错误');
  });
  it('rejects a birth date that does not exist', () => {
    // 1949-02-30 with a correct check character
    const first17 = '11010519490230002';
    const id = first17 + idCheck(first17);
    expect(errs(check('penalty', personPenaltyRow({ CF_XDR_ZJHM: id })))).toEqual(['CF_XDR_ZJHM:idcard-birth-date']);
  });
  it('rejects the wrong format', () => {
    expect(errs(check('penalty', personPenaltyRow({ CF_XDR_ZJHM: '110105491231002' })))).toEqual(['CF_XDR_ZJHM:idcard-format']);
  });
  it('does not apply the GB 11643 check to other ID types', () => {
    expectValid(check('penalty', personPenaltyRow({ CF_XDR_ZJLX: '护照号', CF_XDR_ZJHM: 'E12345678' })));
    expectValid(check('penalty', personPenaltyRow({ CF_XDR_ZJLX: '港澳居民来往内地通行证', CF_XDR_ZJHM: 'H12345678' })));
  });
  it('证件类型 其他 must name the kind: 其他-…', () => {
    const r = check('penalty', personPenaltyRow({ CF_XDR_ZJLX: '其他-军官证', CF_XDR_ZJHM: '军字第123号' }));
    expectValid(r);
    expect(r.values.CF_XDR_ZJLX).toBe('其他-军官证');
    expect(check('penalty', personPenaltyRow({ CF_XDR_ZJLX: '其他（军官证）', CF_XDR_ZJHM: '1' })).values.CF_XDR_ZJLX).toBe('其他-军官证');
    expect(errs(check('penalty', personPenaltyRow({ CF_XDR_ZJLX: '其他', CF_XDR_ZJHM: '1' })))).toEqual(['CF_XDR_ZJLX:code-detail-required']);
    expect(errs(check('penalty', personPenaltyRow({ CF_XDR_ZJLX: '其他-', CF_XDR_ZJHM: '1' })))).toEqual(['CF_XDR_ZJLX:code-detail-required']);
    expect(errs(check('penalty', personPenaltyRow({ CF_XDR_ZJLX: '驾驶证', CF_XDR_ZJHM: '1' })))).toEqual(['CF_XDR_ZJLX:code-unknown']);
  });
});


describe('required fields per category', () => {
  const cases: [string, () => Record<string, unknown>, string[]][] = [
    ['license', licenseRow, ['XK_XDR_MC', 'XK_XDR_LB', 'XK_XKWS', 'XK_XKLB', 'XK_NR', 'XK_JDRQ', 'XK_YXQZ', 'XK_YXQZI', 'XK_XKJG', 'XK_XKJGDM', 'XK_LYDW', 'XK_LYDWDM']],
    ['penalty', penaltyRow, ['CF_XDR_MC', 'CF_XDR_LB', 'CF_WSH', 'CF_WFXW', 'CF_SY', 'CF_YJ', 'CF_CFLB', 'CF_NR', 'CF_JDRQ', 'CF_YXQ', 'CF_CFJG', 'CF_CFJGDM', 'CF_SJLYDM']],
    ['redlist', redlistRow, ['HMD_XDR_MC', 'HMD_MDMC', 'HMD_RDWH', 'HMD_LRYY', 'HMD_RDYJ', 'HMD_LRRQ', 'HMD_RDDW', 'HMD_RDDWDM', 'HMD_SJLY', 'HMD_SJLYDM']],
    ['blacklist', blacklistRow, ['SXMD_XDR_MC', 'SXMD_MDMC', 'SXMD_RDWH', 'SXMD_RDYJ', 'SXMD_SXXW', 'SXMD_CJCS', 'SXMD_LRRQ', 'SXMD_RDDW', 'SXMD_RDDWDM', 'SXMD_SJLYDM']],
    ['commitment', commitmentRow, ['CN_XDR_MC', 'CN_CNBH', 'CN_CNLX', 'CN_CNSX', 'CN_CNNR', 'CN_CNRQ', 'CN_SLDW', 'CN_SLDWDM', 'CN_LYZT', 'CN_SJLYDM']],
  ];
  for (const [category, make, required] of cases) {
    it(`${category}: each required field, when blank, is a 'required' error naming the field`, () => {
      for (const field of required) {
        const r = check(category, make(), {});
        expectValid(r);
        const blank = check(category, { ...make(), [field]: '   ' });
        expect(errs(blank), field).toContain(`${field}:required`);
        expect(blank.errors.find((e) => e.field === field)!.message).toMatch(new RegExp(`^“.+”（${field}）必填`));
      }
    });
  }

  it('optional fields may be blank', () => {
    expectValid(check('license', licenseRow({ XK_XKZS: '', XK_XKBH: '', XK_ZT: '', XK_FRDB: '' })));
    expectValid(check('penalty', penaltyRow({ CF_SJLY: '', CF_NR_WFFF: '', CF_NR_ZKDX: '', CF_GSJZQ: '' })));
    expectValid(check('redlist', redlistRow({ HMD_YXQZ: '' })));
    expectValid(check('blacklist', blacklistRow({ SXMD_YCTJ: '', SXMD_YCRQ: '' })));
    expectValid(check('commitment', commitmentRow({ CN_YXQZ: '' })));
  });

  it('the exact message for a missing 决定书文号', () => {
    const r = check('penalty', penaltyRow({ CF_WSH: '' }));
    expect(r.errors).toEqual([{ field: 'CF_WSH', code: 'required', message: '“行政处罚决定书文号”（CF_WSH）必填' }]);
  });

  it('行政许可决定文书号 falls back to the 许可编号, with a warning', () => {
    const r = check('license', licenseRow({ XK_WSH: '' }));
    expectValid(r);
    expect(r.values.XK_WSH).toBe('JY13501020000001');
    expect(warns(r)).toEqual(['XK_WSH:filled-from']);
    expect(errs(check('license', licenseRow({ XK_WSH: '', XK_XKBH: '' })))).toEqual(['XK_WSH:required']);
  });

  it('draft mode turns missing required values into warnings but keeps other errors', () => {
    const r = check('penalty', { CF_XDR_MC: '某公司', CF_JDRQ: '2026-02-30' }, { mode: 'draft' });
    expect(errs(r)).toEqual(['CF_JDRQ:date-invalid']);
    expect(warns(r)).toContain('CF_WSH:required');
  });
});

describe('code lists', () => {
  it('许可类别: the five named kinds, and 其他 must name the kind', () => {
    for (const k of ['普通', '特许', '认可', '核准', '登记']) expectValid(check('license', licenseRow({ XK_XKLB: k })));
    const named = check('license', licenseRow({ XK_XKLB: '其他：备案类' }));
    expectValid(named);
    expect(named.values.XK_XKLB).toBe('其他-备案类');
    const bare = check('license', licenseRow({ XK_XKLB: '其他' }));
    expect(errs(bare)).toEqual(['XK_XKLB:code-detail-required']);
    expect(bare.errors[0].message).toBe('“许可类别”（XK_XKLB）选择“其他”时须写明具体名称，如“其他-名称”');
    expect(errs(check('license', licenseRow({ XK_XKLB: '审批' })))).toEqual(['XK_XKLB:code-unknown']);
  });

  it('当前状态: stored as the platform code, names accepted', () => {
    expect(check('license', licenseRow({ XK_ZT: '有效' })).values.XK_ZT).toBe('1');
    expect(check('license', licenseRow({ XK_ZT: 2 })).values.XK_ZT).toBe('2');
    expect(errs(check('license', licenseRow({ XK_ZT: '3' })))).toEqual(['XK_ZT:code-unknown']);
  });

  it('承诺类型 and 履约状态 reject unknown values', () => {
    expect(errs(check('commitment', commitmentRow({ CN_CNLX: '被动型' })))).toEqual(['CN_CNLX:code-unknown']);
    expect(errs(check('commitment', commitmentRow({ CN_LYZT: '不知道' })))).toEqual(['CN_LYZT:code-unknown']);
  });

  it('处罚类别: every 2021 name is accepted', () => {
    const all = ['警告', '通报批评', '罚款', '没收违法所得', '没收非法财物', '暂扣许可证件', '降低资质等级', '吊销许可证件', '限制开展生产经营活动', '责令停产停业', '责令关闭', '限制从业', '行政拘留', '其他'];
    const r = check('penalty', penaltyRow({ CF_CFLB: all.join('；') }));
    expectValid(r);
    expect(r.values.CF_CFLB).toEqual(all);
  });

  it('处罚类别: one or more, separated by ; ； or 、 (blanks and repeats ignored)', () => {
    expect(check('penalty', penaltyRow({ CF_CFLB: '警告;罚款' })).values.CF_CFLB).toEqual(['警告', '罚款']);
    expect(check('penalty', penaltyRow({ CF_CFLB: '警告；罚款' })).values.CF_CFLB).toEqual(['警告', '罚款']);
    expect(check('penalty', penaltyRow({ CF_CFLB: '警告、罚款、没收违法所得' })).values.CF_CFLB).toEqual(['警告', '罚款', '没收违法所得']);
    expect(check('penalty', penaltyRow({ CF_CFLB: ' 警告 ;； 罚款 、罚款;' })).values.CF_CFLB).toEqual(['警告', '罚款']);
    const r = check('penalty', penaltyRow({ CF_CFLB: '罚款、罚金、拘役' }));
    expect(errs(r)).toEqual(['CF_CFLB:code-unknown']);
    expect(r.errors[0].message).toContain('“罚金”、“拘役”');
    expect(errs(check('penalty', penaltyRow({ CF_CFLB: ' ; 、' })))).toEqual(['CF_CFLB:required']);
  });

  it('处罚类别: the older numeric codes map to today\'s names', () => {
    const map: [string, string[]][] = [
      ['1', ['警告']],
      ['2', ['罚款']],
      ['4', ['责令停产停业']],
      ['6', ['行政拘留']],
      ['9', ['其他']],
    ];
    for (const [code, names] of map) {
      const r = check('penalty', penaltyRow({ CF_CFLB: code }));
      expect(r.values.CF_CFLB, code).toEqual(names);
      expect(r.warnings, code).toEqual([]);
    }
    expect(check('penalty', penaltyRow({ CF_CFLB: 2 })).values.CF_CFLB).toEqual(['罚款']);
    expect(check('penalty', penaltyRow({ CF_CFLB: '1;2' })).values.CF_CFLB).toEqual(['警告', '罚款']);
    expect(check('penalty', penaltyRow({ CF_CFLB: '罚款、1' })).values.CF_CFLB).toEqual(['罚款', '警告']);
    expect(errs(check('penalty', penaltyRow({ CF_CFLB: '7' })))).toEqual(['CF_CFLB:code-unknown']);
  });

  it('old code 3 没收 → 没收违法所得 / 没收非法财物 by the 处罚内容, else 没收违法所得 with a warning', () => {
    const fine = { CF_NR_FK: '0.1' };
    expect(check('penalty', penaltyRow({ CF_CFLB: '3', CF_NR: '没收违法所得1200元', ...fine })).values.CF_CFLB).toEqual(['没收违法所得']);
    expect(check('penalty', penaltyRow({ CF_CFLB: '3', CF_NR: '没收非法财物（假冒商品200件）' })).values.CF_CFLB).toEqual(['没收非法财物']);
    expect(check('penalty', penaltyRow({ CF_CFLB: '3', CF_NR: '没收违法所得和非法财物' })).values.CF_CFLB).toEqual(['没收违法所得', '没收非法财物']);
    const vague = check('penalty', penaltyRow({ CF_CFLB: '3', CF_NR: '予以没收' }));
    expectValid(vague);
    expect(vague.values.CF_CFLB).toEqual(['没收违法所得']);
    expect(warns(vague)).toEqual(['CF_CFLB:code-legacy-ambiguous']);
    expect(vague.warnings[0].message).toContain('旧代码“3”（没收）');
    expect(check('penalty', penaltyRow({ CF_CFLB: '没收', CF_NR: '没收违法所得' })).values.CF_CFLB).toEqual(['没收违法所得']);
  });

  it('old code 5 暂扣或吊销证照 → 吊销许可证件 / 暂扣许可证件 by the 处罚内容 or 证照名称, else 暂扣许可证件 with a warning', () => {
    expect(check('penalty', penaltyRow({ CF_CFLB: '5', CF_NR: '吊销食品经营许可证' })).values.CF_CFLB).toEqual(['吊销许可证件']);
    expect(check('penalty', penaltyRow({ CF_CFLB: '5', CF_NR: '暂扣许可证三个月' })).values.CF_CFLB).toEqual(['暂扣许可证件']);
    expect(
      check('penalty', penaltyRow({ CF_CFLB: '5', CF_NR: '见决定书', CF_NR_ZKDX: '吊销《食品经营许可证》JY1350102' })).values.CF_CFLB,
    ).toEqual(['吊销许可证件']);
    const vague = check('penalty', penaltyRow({ CF_CFLB: '5', CF_NR: '见决定书' }));
    expect(vague.values.CF_CFLB).toEqual(['暂扣许可证件']);
    expect(warns(vague)).toEqual(['CF_CFLB:code-legacy-ambiguous']);
    expect(check('penalty', penaltyRow({ CF_CFLB: '2;5', CF_NR: '罚款5000元并吊销营业执照' })).values.CF_CFLB).toEqual(['罚款', '吊销许可证件']);
  });
});

describe('dates', () => {
  it('YYYY-MM-DD, YYYY/MM/DD and Excel serial dates are accepted and written YYYY-MM-DD', () => {
    const r = check('license', licenseRow({ XK_JDRQ: '2025/01/02', XK_YXQZ: 45659, XK_YXQZI: new Date(Date.UTC(2030, 0, 1)) }));
    expectValid(r);
    expect(r.values).toMatchObject({ XK_JDRQ: '2025-01-02', XK_YXQZ: '2025-01-02', XK_YXQZI: '2030-01-01' });
  });

  it('2026-02-30 is an error naming the field', () => {
    const r = check('penalty', penaltyRow({ CF_JDRQ: '2026-02-30' }));
    expect(r.errors).toEqual([{ field: 'CF_JDRQ', code: 'date-invalid', message: '“处罚决定日期”（CF_JDRQ）不是真实存在的日期：2026-02-30' }]);
    expect(errs(check('penalty', penaltyRow({ CF_JDRQ: '15/03/2025' })))).toEqual(['CF_JDRQ:date-invalid']);
  });

  it('有效期至 ≥ 有效期自', () => {
    expectValid(check('license', licenseRow({ XK_YXQZ: '2025-01-02', XK_YXQZI: '2025-01-02' })));
    const r = check('license', licenseRow({ XK_YXQZ: '2025-03-01', XK_YXQZI: '2025-02-28' }));
    expect(errs(r)).toEqual(['XK_YXQZI:date-order']);
    expect(r.errors[0].message).toBe('“有效期至”（XK_YXQZI）不得早于“有效期自”：2025-02-28 早于 2025-03-01');
  });

  it('list and commitment end dates may not precede their start', () => {
    expect(errs(check('redlist', redlistRow({ HMD_YXQZ: '2025-03-31' })))).toEqual(['HMD_YXQZ:date-order']);
    expect(errs(check('blacklist', blacklistRow({ SXMD_YCRQ: '2024-01-01' })))).toEqual(['SXMD_YCRQ:date-order']);
    expect(errs(check('commitment', commitmentRow({ CN_YXQZ: '2025-05-31' })))).toEqual(['CN_YXQZ:date-order']);
  });

  it('公示截止期 before the decision is an error; 处罚有效期 before it a warning', () => {
    expect(errs(check('penalty', penaltyRow({ CF_GSJZQ: '2025-03-14' })))).toEqual(['CF_GSJZQ:date-order']);
    const r = check('penalty', penaltyRow({ CF_YXQ: '2025-03-01' }));
    expectValid(r);
    expect(warns(r)).toEqual(['CF_YXQ:date-order']);
  });

  it('a decision date after today is a warning', () => {
    const r = check('penalty', penaltyRow({ CF_JDRQ: '2026-11-27' }));
    expectValid(r);
    expect(warns(r)).toEqual(['CF_JDRQ:date-future']);
    expect(check('penalty', penaltyRow({ CF_JDRQ: TODAY })).warnings).toEqual([]);
  });
});

describe('amounts and the 罚款 rule', () => {
  it('a 罚款 category requires 罚款金额', () => {
    const r = check('penalty', penaltyRow({ CF_NR_FK: '' }));
    expect(errs(r)).toEqual(['CF_NR_FK:required']);
    expect(r.errors[0].message).toBe('“罚款金额（万元）”（CF_NR_FK）必填（“处罚类别”含“罚款”时）');
    expect(errs(check('penalty', penaltyRow({ CF_CFLB: '警告;罚款', CF_NR_FK: null })))).toEqual(['CF_NR_FK:required']);
    expect(errs(check('penalty', penaltyRow({ CF_CFLB: '2', CF_NR_FK: undefined })))).toEqual(['CF_NR_FK:required']);
    expectValid(check('penalty', penaltyRow({ CF_CFLB: '警告', CF_NR_FK: '' })));
  });

  it('amounts in 万元 up to 6 decimals; more decimals, negatives and non-numbers are errors', () => {
    expect(check('penalty', penaltyRow({ CF_NR_FK: '12.345678' })).values.CF_NR_FK).toBe('12.345678');
    expect(check('penalty', penaltyRow({ CF_NR_FK: 0.02 })).values.CF_NR_FK).toBe('0.02');
    expect(errs(check('penalty', penaltyRow({ CF_NR_FK: '12.3456789' })))).toEqual(['CF_NR_FK:decimal-places']);
    expect(errs(check('penalty', penaltyRow({ CF_NR_FK: '-1' })))).toEqual(['CF_NR_FK:decimal-negative']);
    const nan = check('penalty', penaltyRow({ CF_NR_FK: '五千元' }));
    expect(errs(nan)).toEqual(['CF_NR_FK:decimal-invalid']);
    expect(nan.errors[0].message).toBe('“罚款金额（万元）”（CF_NR_FK）不是有效数值（单位万元）：五千元');
    expect(errs(check('penalty', penaltyRow({ CF_NR_WFFF: 'x' })))).toEqual(['CF_NR_WFFF:decimal-invalid']);
  });
});

describe('max lengths', () => {
  it('text longer than the field allows is an error', () => {
    const r = check('penalty', penaltyRow({ CF_XDR_MC: '某'.repeat(201) }));
    expect(errs(r)).toEqual(['CF_XDR_MC:too-long']);
    expect(r.errors[0].message).toBe('“行政相对人名称”（CF_XDR_MC）超过最大长度200个字符（当前201个）');
    expectValid(check('penalty', penaltyRow({ CF_XDR_MC: '某'.repeat(200) })));
    expect(errs(check('penalty', penaltyRow({ BZ: 'x'.repeat(513) })))).toEqual(['BZ:too-long']);
    expect(errs(check('penalty', penaltyRow({ CF_SY: 'x'.repeat(4001) })))).toEqual(['CF_SY:too-long']);
    expect(errs(check('license', licenseRow({ XK_XKLB: '其他-' + '类'.repeat(100) })))).toEqual(['XK_XKLB:too-long']);
  });
});

describe('messages and ordering', () => {
  it('every message is Chinese and names the field label and code', () => {
    const r = check('penalty', { CF_XDR_LB: '自然人', CF_XDR_ZJLX: '身份证', CF_XDR_ZJHM: '123', CF_JDRQ: 'x', CF_NR_FK: '-1', CF_CFLB: '罚款', CF_CFJGDM: USCC_PILOT, CF_SJLYDM: AUTHORITY_CODE });
    expect(r.ok).toBe(false);
    for (const e of r.errors) expect(e.message, e.field).toMatch(new RegExp(`^“[^”]+”（${e.field}）`));
    // in field order
    const order = fieldOrder('penalty');
    const positions = r.errors.map((e) => order.indexOf(e.field));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('an error on a field suppresses "required" for it', () => {
    expect(errs(check('penalty', penaltyRow({ CF_JDRQ: 'soon' })))).toEqual(['CF_JDRQ:date-invalid']);
  });
});

describe('robustness', () => {
  it('never throws on random and malformed values, and reports every failure as an error', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
    const junk = (): unknown =>
      pick<() => unknown>([
        () => '',
        () => '   ',
        () => 'x'.repeat(Math.floor(rnd() * 5000)),
        () => String(rnd()),
        () => rnd() * 1e6 - 5e5,
        () => Math.floor(rnd() * 80000),
        () => Number.NaN,
        () => Number.POSITIVE_INFINITY,
        () => new Date(rnd() * 4e12),
        () => new Date('bad'),
        () => true,
        () => null,
        () => undefined,
        () => ({ richText: [{ text: '警告' }, { text: '；2' }] }),
        () => ({ formula: 'A1', result: 45658 }),
        () => ({ error: '#REF!' }),
        () => ({ some: 'object' }),
        () => [1, 2],
        () => '=HYPERLINK("http://x")',
        () => '其他-',
        () => '1;2;3;4;5;6;9;8',
        () => '2026-02-30',
        () => '\u0000\uffff',
        () => 10n,
      ])();
    for (const category of ['license', 'penalty', 'redlist', 'blacklist', 'commitment']) {
      const order = fieldOrder(category);
      for (let i = 0; i < 300; i++) {
        const row: Record<string, unknown> = {};
        for (const f of order) if (rnd() < 0.7) row[f] = junk();
        const r = check(category, row);
        expect(Object.keys(r.values)).toEqual(order);
        expect(r.ok).toBe(r.errors.length === 0);
        for (const e of [...r.errors, ...r.warnings]) {
          expect(order).toContain(e.field);
          expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
        }
      }
    }
  });
});
