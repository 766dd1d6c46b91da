/**
 * 行政许可 (双公示). Field codes and order exactly as domain.md §2.
 */
import type { CategoryDefinition } from '../types';
import { identityFields, identityRules, LEN, legalRepresentativeFields, REMARK_FIELD, sourceFields, subjectFields } from './identity';

const P = 'XK';

export const LICENSE: CategoryDefinition = {
  key: 'license',
  name: '行政许可',
  nameEn: 'Administrative licensing',
  codePrefix: P,
  fields: [
    ...identityFields(P),
    {
      code: 'XK_XKWS',
      label: '行政许可决定文书名称',
      labelEn: 'Licensing decision document name',
      type: { kind: 'text' },
      required: 'always',
      maxLength: LEN.shortText,
    },
    {
      code: 'XK_WSH',
      label: '行政许可决定文书号',
      labelEn: 'Licensing decision document number',
      type: { kind: 'text' },
      required: 'always',
      maxLength: LEN.docNo,
      fillFrom: 'XK_XKBH',
      help: '没有文书号的，填写许可编号',
    },
    {
      code: 'XK_XKLB',
      label: '许可类别',
      labelEn: 'Licence kind',
      type: { kind: 'code', codeList: 'license-kind' },
      required: 'always',
      maxLength: LEN.codeDetail,
      help: '普通、特许、认可、核准、登记或“其他-类别名称”',
    },
    { code: 'XK_XKZS', label: '许可证书名称', labelEn: 'Licence certificate name', type: { kind: 'text' }, required: 'never', maxLength: LEN.shortText },
    { code: 'XK_XKBH', label: '许可编号', labelEn: 'Licence number', type: { kind: 'text' }, required: 'never', maxLength: LEN.docNo },
    { code: 'XK_NR', label: '许可内容', labelEn: 'Licence content', type: { kind: 'text' }, required: 'always', maxLength: LEN.longText },
    {
      code: 'XK_JDRQ',
      label: '许可决定日期',
      labelEn: 'Decision date',
      type: { kind: 'date' },
      required: 'always',
      warnIfFuture: true,
    },
    { code: 'XK_YXQZ', label: '有效期自', labelEn: 'Valid from', type: { kind: 'date' }, required: 'always' },
    { code: 'XK_YXQZI', label: '有效期至', labelEn: 'Valid until', type: { kind: 'date' }, required: 'always', help: '不早于有效期自' },
    { code: 'XK_XKJG', label: '许可机关', labelEn: 'Licensing authority', type: { kind: 'text' }, required: 'always', maxLength: LEN.name, prefill: 'department-name' },
    {
      code: 'XK_XKJGDM',
      label: '许可机关统一社会信用代码',
      labelEn: 'Licensing authority credit code',
      type: { kind: 'uscc' },
      required: 'always',
      maxLength: 18,
      prefill: 'department-uscc',
    },
    { code: 'XK_ZT', label: '当前状态', labelEn: 'Current status', type: { kind: 'code', codeList: 'record-status' }, required: 'never' },
    ...sourceFields('XK_LYDW', '数据来源单位', true),
    REMARK_FIELD,
  ],
  rules: [...identityRules(P), { kind: 'date-order', from: 'XK_YXQZ', to: 'XK_YXQZI' }],
  decisionNumberField: 'XK_WSH',
  summaryFields: ['XK_XKLB', 'XK_NR'],
  decisionDateField: 'XK_JDRQ',
  authority: { name: 'XK_XKJG', code: 'XK_XKJGDM' },
  subject: subjectFields(P),
  legalRepresentative: legalRepresentativeFields(P),
};
