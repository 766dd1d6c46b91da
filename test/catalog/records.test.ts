/**
 * Subject and duplicate keys, personal-data fields, import header matching and
 * export columns.
 */
import { describe, expect, it } from 'vitest';
import {
  duplicateKey,
  exportColumns,
  fieldOrder,
  getCategory,
  matchHeaders,
  maskPersonalData,
  normaliseDecisionNumber,
  personalDataFields,
  positionalRow,
  rowFromCells,
  subjectKey,
  validateRecord,
} from '../../electron/core/catalog';
import { ID_VALID, licenseRow, penaltyRow, personPenaltyRow, TODAY } from './fixtures';

const values = (category: string, row: Record<string, unknown>) => validateRecord(category, row, { today: TODAY }).values;

describe('subject and duplicate keys', () => {
  it('one subject per USCC, else per ID number', () => {
    expect(subjectKey('penalty', values('penalty', penaltyRow()))).toEqual({ kind: 'uscc', value: '91440101MA5CJQ4N59' });
    expect(subjectKey('penalty', values('penalty', personPenaltyRow({ CF_XDR_ZJHM: '11010519491231002x' })))).toEqual({ kind: 'id', value: `身份证:${ID_VALID}` });
    expect(subjectKey('penalty', values('penalty', penaltyRow({ CF_XDR_LB: '个体工商户', CF_XDR_SHXYM: '' })))).toEqual({ kind: 'name', value: '石家庄市栾城区某某商贸有限公司' });
  });

  it('category + decision number + subject; bracket and width variants of the 文号 are the same decision', () => {
    const a = duplicateKey('penalty', values('penalty', penaltyRow({ CF_WSH: '栾市监罚〔2025〕12号' })));
    const b = duplicateKey('penalty', values('penalty', penaltyRow({ CF_WSH: '栾市监罚[2025] 12号' })));
    const c = duplicateKey('penalty', values('penalty', penaltyRow({ CF_WSH: '栾市监罚（２０２５）12号' })));
    expect(a).toBe('penalty|栾市监罚(2025)12号|uscc:91440101MA5CJQ4N59');
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(duplicateKey('penalty', values('penalty', penaltyRow({ CF_WSH: '栾市监罚〔2025〕13号' })))).not.toBe(a);
    expect(duplicateKey('penalty', values('penalty', penaltyRow({ CF_XDR_SHXYM: '91350200776049653A' })))).not.toBe(a);
    expect(normaliseDecisionNumber('abc【2025】1号')).toBe('ABC(2025)1号');
  });

  it('uses the 许可编号 when a licence has no 文书号', () => {
    expect(duplicateKey('license', values('license', licenseRow({ XK_WSH: '' })))).toBe('license|JY13501020000001|uscc:91350200776049653A');
  });

  it('is null without a decision number', () => {
    expect(duplicateKey('penalty', values('penalty', penaltyRow({ CF_WSH: '' })))).toBeNull();
  });
});

describe('personal data', () => {
  it('lists the ID numbers of natural persons and legal representatives', () => {
    expect(personalDataFields('penalty')).toEqual(['CF_FR_ZJHM', 'CF_XDR_ZJHM']);
    expect(personalDataFields('license')).toEqual(['XK_FR_ZJHM', 'XK_XDR_ZJHM']);
    for (const c of ['redlist', 'blacklist', 'commitment']) expect(personalDataFields(c)).toHaveLength(2);
  });

  it('masks them', () => {
    const v = values('penalty', personPenaltyRow({ CF_FR_ZJLX: '身份证', CF_FR_ZJHM: ID_VALID }));
    const masked = maskPersonalData('penalty', v);
    expect(masked.CF_XDR_ZJHM).toBe('1101**********002X');
    expect(masked.CF_FR_ZJHM).toBe('1101**********002X');
    expect(masked.CF_XDR_MC).toBe('张三');
    expect(v.CF_XDR_ZJHM).toBe(ID_VALID); // the original is untouched
  });
});

describe('import headers', () => {
  it('match by Chinese label or field code, in any order, ignoring blanks, * marks and parenthesis width', () => {
    const m = matchHeaders('penalty', [
      'CF_WSH',
      '*行政相对人名称',
      ' 罚款金额(万元) ',
      'cf_xdr_lb',
      '处罚类别（CF_CFLB）',
      '经办人',
      '',
      '行政处罚决定书文号',
    ]);
    expect(m.columns).toEqual(['CF_WSH', 'CF_XDR_MC', 'CF_NR_FK', 'CF_XDR_LB', 'CF_CFLB', null, null, null]);
    expect(m.unknown).toEqual([{ index: 5, header: '经办人' }]);
    expect(m.repeated).toEqual([{ index: 7, header: '行政处罚决定书文号', field: 'CF_WSH' }]);
    expect(m.missingRequired).toEqual(['CF_WFXW', 'CF_SY', 'CF_YJ', 'CF_NR', 'CF_JDRQ', 'CF_YXQ', 'CF_CFJG', 'CF_CFJGDM', 'CF_SJLYDM']);
    expect(m.messages[0]).toBe('第6列表头“经办人”不是“行政处罚”的字段，已忽略');
    const order = fieldOrder('penalty');
    expect(m.positions[0]).toBe(order.indexOf('CF_WSH'));
  });

  it('build keyed and positional rows that validate alike', () => {
    const codes = fieldOrder('penalty');
    const row = penaltyRow();
    const headers = [...codes].reverse().map((c) => getCategory('penalty').fields.find((f) => f.code === c)!.label);
    const cells = [...codes].reverse().map((c) => row[c]);
    const m = matchHeaders('penalty', headers);
    expect(m.missingRequired).toEqual([]);
    const keyed = validateRecord('penalty', rowFromCells(m.columns, cells), { today: TODAY });
    const positional = validateRecord('penalty', positionalRow(m.positions, m.fieldCount, cells), { today: TODAY });
    expect(keyed.ok).toBe(true);
    expect(positional).toEqual(keyed);
  });

  it('the 许可编号 column makes the 文书号 column optional', () => {
    const labels = getCategory('license').fields.map((f) => f.label).filter((l) => l !== '行政许可决定文书号');
    expect(matchHeaders('license', labels).missingRequired).toEqual([]);
  });
});

describe('export columns', () => {
  it('follow the standard order, with code-list options for dropdowns', () => {
    const cols = exportColumns('penalty');
    expect(cols.map((c) => c.code)).toEqual(fieldOrder('penalty'));
    expect(cols.find((c) => c.code === 'CF_XDR_LB')).toMatchObject({ label: '行政相对人类别', required: true, options: ['法人及非法人组织', '自然人', '个体工商户'] });
    expect(cols.find((c) => c.code === 'CF_NR_FK')!.required).toBe('conditional');
    expect(cols.find((c) => c.code === 'CF_XDR_ZJLX')!.options).toContain('其他-');
    expect(exportColumns('license').find((c) => c.code === 'XK_ZT')!.options).toEqual(['有效', '无效']);
  });
});
