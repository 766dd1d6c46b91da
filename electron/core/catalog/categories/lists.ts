/**
 * 守信激励名单 (red list), 严重失信主体名单 (black list) and 信用承诺 (credit commitment).
 *
 * domain.md §2 gives their content but no standard column codes, so this product
 * chose codes in the 双公示 style: a category prefix, then pinyin initials of the
 * Chinese label, with the shared identity block (`{prefix}_XDR_MC` …, `BZ`):
 *
 *   HMD_  红名单 (守信激励名单)
 *     HMD_MDMC 名单名称 · HMD_RDWH 认定文书号 · HMD_LRYY 列入原因 · HMD_RDYJ 认定依据 ·
 *     HMD_LRRQ 列入日期 · HMD_YXQZ 有效期至 · HMD_RDDW 认定单位 · HMD_RDDWDM 认定单位统一社会信用代码 ·
 *     HMD_ZT 当前状态 · HMD_SJLY 数据来源单位 · HMD_SJLYDM 数据来源单位统一社会信用代码
 *   SXMD_ 失信名单 (严重失信主体名单)
 *     SXMD_MDMC 名单名称 · SXMD_RDWH 认定文书号 · SXMD_RDYJ 认定依据 · SXMD_SXXW 失信行为 ·
 *     SXMD_CJCS 惩戒措施 · SXMD_LRRQ 列入日期 · SXMD_YCTJ 移出条件 · SXMD_YCRQ 移出日期 ·
 *     SXMD_RDDW 认定单位 · SXMD_RDDWDM 认定单位统一社会信用代码 · SXMD_ZT 当前状态 ·
 *     SXMD_SJLY 数据来源单位 · SXMD_SJLYDM 数据来源单位统一社会信用代码
 *   CN_   承诺 (信用承诺)
 *     CN_CNBH 承诺书编号 · CN_CNLX 承诺类型 · CN_CNSX 承诺事项 · CN_CNNR 承诺内容 ·
 *     CN_CNRQ 承诺日期 · CN_YXQZ 承诺有效期至 · CN_SLDW 承诺受理单位 ·
 *     CN_SLDWDM 承诺受理单位统一社会信用代码 · CN_LYZT 履约状态 · CN_ZT 当前状态 ·
 *     CN_SJLY 数据来源单位 · CN_SJLYDM 数据来源单位统一社会信用代码
 *
 * The decision number used for duplicate detection is the 认定文书号 (lists) and
 * the 承诺书编号 (commitments); the decision date is the 列入日期 / 承诺日期.
 */
import type { CategoryDefinition, FieldDefinition } from '../types';
import { identityFields, identityRules, LEN, legalRepresentativeFields, REMARK_FIELD, sourceFields, subjectFields } from './identity';

function text(code: string, label: string, labelEn: string, required: boolean, maxLength: number, help?: string): FieldDefinition {
  return { code, label, labelEn, type: { kind: 'text' }, required: required ? 'always' : 'never', maxLength, help };
}
function date(code: string, label: string, labelEn: string, required: boolean, help?: string): FieldDefinition {
  return { code, label, labelEn, type: { kind: 'date' }, required: required ? 'always' : 'never', help };
}
/** The deciding unit's 统一社会信用代码: usually the department's own (a new record starts with it). */
function unitUscc(code: string, label: string, labelEn: string): FieldDefinition {
  return { code, label, labelEn, type: { kind: 'uscc' }, required: 'always', maxLength: 18, prefill: 'department-uscc' };
}
/** The deciding unit's name: usually the department itself. */
function unit(code: string, label: string, labelEn: string): FieldDefinition {
  return { ...text(code, label, labelEn, true, LEN.name), prefill: 'department-name' };
}
function status(code: string): FieldDefinition {
  return { code, label: '当前状态', labelEn: 'Current status', type: { kind: 'code', codeList: 'record-status' }, required: 'never' };
}

export const REDLIST: CategoryDefinition = {
  key: 'redlist',
  name: '守信激励名单',
  nameEn: 'Red list (trustworthy subjects)',
  codePrefix: 'HMD',
  fields: [
    ...identityFields('HMD'),
    text('HMD_MDMC', '名单名称', 'List name', true, LEN.shortText, '如：纳税信用A级纳税人、诚信典型'),
    text('HMD_RDWH', '认定文书号', 'Listing decision number', true, LEN.docNo),
    text('HMD_LRYY', '列入原因', 'Reason for listing', true, LEN.longText),
    text('HMD_RDYJ', '认定依据', 'Legal basis', true, LEN.longText),
    { ...date('HMD_LRRQ', '列入日期', 'Listing date', true), warnIfFuture: true },
    date('HMD_YXQZ', '有效期至', 'Valid until', false, '不早于列入日期'),
    unit('HMD_RDDW', '认定单位', 'Listing unit'),
    unitUscc('HMD_RDDWDM', '认定单位统一社会信用代码', 'Listing unit credit code'),
    status('HMD_ZT'),
    ...sourceFields('HMD_SJLY', '数据来源单位', true),
    REMARK_FIELD,
  ],
  rules: [...identityRules('HMD'), { kind: 'date-order', from: 'HMD_LRRQ', to: 'HMD_YXQZ' }],
  decisionNumberField: 'HMD_RDWH',
  summaryFields: ['HMD_MDMC', 'HMD_LRYY'],
  decisionDateField: 'HMD_LRRQ',
  authority: { name: 'HMD_RDDW', code: 'HMD_RDDWDM' },
  subject: subjectFields('HMD'),
  legalRepresentative: legalRepresentativeFields('HMD'),
};

export const BLACKLIST: CategoryDefinition = {
  key: 'blacklist',
  name: '严重失信主体名单',
  nameEn: 'Black list (seriously untrustworthy subjects)',
  codePrefix: 'SXMD',
  fields: [
    ...identityFields('SXMD'),
    text('SXMD_MDMC', '名单名称', 'List name', true, LEN.shortText, '如：重大税收违法失信主体'),
    text('SXMD_RDWH', '认定文书号', 'Listing decision number', true, LEN.docNo),
    text('SXMD_RDYJ', '认定依据', 'Legal basis', true, LEN.longText),
    text('SXMD_SXXW', '失信行为', 'Untrustworthy conduct', true, LEN.longText),
    text('SXMD_CJCS', '惩戒措施', 'Disciplinary measures', true, LEN.longText),
    { ...date('SXMD_LRRQ', '列入日期', 'Listing date', true), warnIfFuture: true },
    text('SXMD_YCTJ', '移出条件', 'Removal conditions', false, LEN.longText),
    date('SXMD_YCRQ', '移出日期', 'Removal date', false, '不早于列入日期'),
    unit('SXMD_RDDW', '认定单位', 'Listing unit'),
    unitUscc('SXMD_RDDWDM', '认定单位统一社会信用代码', 'Listing unit credit code'),
    status('SXMD_ZT'),
    ...sourceFields('SXMD_SJLY', '数据来源单位', true),
    REMARK_FIELD,
  ],
  rules: [...identityRules('SXMD'), { kind: 'date-order', from: 'SXMD_LRRQ', to: 'SXMD_YCRQ' }],
  decisionNumberField: 'SXMD_RDWH',
  summaryFields: ['SXMD_MDMC', 'SXMD_SXXW'],
  decisionDateField: 'SXMD_LRRQ',
  subject: subjectFields('SXMD'),
  legalRepresentative: legalRepresentativeFields('SXMD'),
  repairable: true,
  authority: { name: 'SXMD_RDDW', code: 'SXMD_RDDWDM' },
  removal: { listedOn: 'SXMD_LRRQ', condition: 'SXMD_YCTJ', date: 'SXMD_YCRQ' },
  help: '谁认定、谁修复：由认定单位办理信用修复',
};

export const COMMITMENT: CategoryDefinition = {
  key: 'commitment',
  name: '信用承诺',
  nameEn: 'Credit commitment',
  codePrefix: 'CN',
  fields: [
    ...identityFields('CN'),
    text('CN_CNBH', '承诺书编号', 'Commitment number', true, LEN.docNo),
    {
      code: 'CN_CNLX',
      label: '承诺类型',
      labelEn: 'Commitment kind',
      type: { kind: 'code', codeList: 'commitment-kind' },
      required: 'always',
      help: '审批替代型、主动型、行业自律型或信用修复型',
    },
    text('CN_CNSX', '承诺事项', 'Matter committed to', true, LEN.shortText),
    text('CN_CNNR', '承诺内容', 'Commitment content', true, LEN.longText),
    { ...date('CN_CNRQ', '承诺日期', 'Commitment date', true), warnIfFuture: true },
    date('CN_YXQZ', '承诺有效期至', 'Commitment valid until', false, '不早于承诺日期'),
    unit('CN_SLDW', '承诺受理单位', 'Receiving unit'),
    unitUscc('CN_SLDWDM', '承诺受理单位统一社会信用代码', 'Receiving unit credit code'),
    {
      code: 'CN_LYZT',
      label: '履约状态',
      labelEn: 'Fulfilment status',
      type: { kind: 'code', codeList: 'fulfilment-status' },
      required: 'always',
    },
    status('CN_ZT'),
    ...sourceFields('CN_SJLY', '数据来源单位', true),
    REMARK_FIELD,
  ],
  rules: [...identityRules('CN'), { kind: 'date-order', from: 'CN_CNRQ', to: 'CN_YXQZ' }],
  decisionNumberField: 'CN_CNBH',
  summaryFields: ['CN_CNLX', 'CN_CNSX'],
  decisionDateField: 'CN_CNRQ',
  subject: subjectFields('CN'),
  legalRepresentative: legalRepresentativeFields('CN'),
};
