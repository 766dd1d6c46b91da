/**
 * 行政处罚 (双公示). Field codes and order as domain.md §2; publication clock §4.
 */
import type { CategoryDefinition } from '../types';
import { identityFields, identityRules, LEN, legalRepresentativeFields, REMARK_FIELD, sourceFields, subjectFields } from './identity';

const P = 'CF';

export const PENALTY: CategoryDefinition = {
  key: 'penalty',
  name: '行政处罚',
  nameEn: 'Administrative penalty',
  codePrefix: P,
  fields: [
    ...identityFields(P),
    { code: 'CF_WSH', label: '行政处罚决定书文号', labelEn: 'Penalty decision number', type: { kind: 'text' }, required: 'always', maxLength: LEN.docNo },
    { code: 'CF_WFXW', label: '违法行为类型', labelEn: 'Type of violation', type: { kind: 'text' }, required: 'always', maxLength: LEN.longText },
    { code: 'CF_SY', label: '违法事实', labelEn: 'Facts of the violation', type: { kind: 'text' }, required: 'always', maxLength: LEN.longText },
    { code: 'CF_YJ', label: '处罚依据', labelEn: 'Legal basis', type: { kind: 'text' }, required: 'always', maxLength: LEN.longText },
    {
      code: 'CF_CFLB',
      label: '处罚类别',
      labelEn: 'Penalty kinds',
      type: { kind: 'multi-code', codeList: 'penalty-kind', legacyContext: ['CF_NR', 'CF_NR_ZKDX'] },
      required: 'always',
      maxLength: LEN.shortText,
      help: '一个或多个，用“;”“；”或“、”分隔；旧代码 1 警告、2 罚款、3 没收、4 责令停产停业、5 暂扣或吊销证照、6 行政拘留、9 其他 自动转换',
    },
    { code: 'CF_NR', label: '处罚内容', labelEn: 'Penalty content', type: { kind: 'text' }, required: 'always', maxLength: LEN.longText },
    {
      code: 'CF_NR_FK',
      label: '罚款金额（万元）',
      labelEn: 'Fine (10,000 yuan)',
      type: { kind: 'decimal', places: 6, unit: '万元' },
      required: { when: { field: 'CF_CFLB', has: '罚款' } },
      headerAliases: ['罚款金额'],
      help: '单位万元，最多6位小数；处罚类别含罚款时必填',
    },
    {
      code: 'CF_NR_WFFF',
      label: '没收违法所得、没收非法财物的金额（万元）',
      labelEn: 'Confiscated amount (10,000 yuan)',
      type: { kind: 'decimal', places: 6, unit: '万元' },
      required: 'never',
      headerAliases: ['没收违法所得、没收非法财物的金额', '没收金额'],
    },
    { code: 'CF_NR_ZKDX', label: '暂扣或吊销证照名称及编号', labelEn: 'Suspended or revoked licence', type: { kind: 'text' }, required: 'never', maxLength: LEN.shortText },
    { code: 'CF_JDRQ', label: '处罚决定日期', labelEn: 'Decision date', type: { kind: 'date' }, required: 'always', warnIfFuture: true },
    { code: 'CF_YXQ', label: '处罚有效期', labelEn: 'Penalty valid until', type: { kind: 'date' }, required: 'always' },
    { code: 'CF_GSJZQ', label: '公示截止期', labelEn: 'Publication ends', type: { kind: 'date' }, required: 'never', help: '不填时按公示期限规则计算' },
    { code: 'CF_CFJG', label: '处罚机关', labelEn: 'Penalising authority', type: { kind: 'text' }, required: 'always', maxLength: LEN.name, prefill: 'department-name' },
    {
      code: 'CF_CFJGDM',
      label: '处罚机关统一社会信用代码',
      labelEn: 'Penalising authority credit code',
      type: { kind: 'uscc' },
      required: 'always',
      maxLength: 18,
      prefill: 'department-uscc',
    },
    ...sourceFields('CF_SJLY', '数据来源单位', false),
    REMARK_FIELD,
  ],
  rules: [
    ...identityRules(P),
    { kind: 'date-order', from: 'CF_JDRQ', to: 'CF_GSJZQ' },
    // domain.md does not say 处罚有效期 must follow the decision date; flag it, do not block.
    { kind: 'date-order', from: 'CF_JDRQ', to: 'CF_YXQ', severity: 'warning' },
    // An amount written in 处罚内容 must be 罚款金额's (issue 17: a correction of one alone left the record contradicting itself).
    { kind: 'amount-in-text', text: 'CF_NR', amount: 'CF_NR_FK' },
  ],
  decisionNumberField: 'CF_WSH',
  summaryFields: ['CF_CFLB', 'CF_NR'],
  decisionDateField: 'CF_JDRQ',
  subject: subjectFields(P),
  legalRepresentative: legalRepresentativeFields(P),
  publication: { ruleTable: 'penalty-publication', kindsField: 'CF_CFLB', fineField: 'CF_NR_FK', deadlineField: 'CF_GSJZQ' },
  repairable: true,
  authority: { name: 'CF_CFJG', code: 'CF_CFJGDM' },
};
