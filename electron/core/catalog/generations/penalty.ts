/**
 * 行政处罚 layouts older than today's (domain.md §2b): the 2016 双公示 standard and
 * the exports of the 2019–2021 systems.
 */
import { identity2016, identity2019 } from './shared';
import type { TemplateGeneration } from './types';

export const PENALTY_2016: TemplateGeneration = {
  key: 'penalty-2016',
  category: 'penalty',
  name: '2016 版双公示模板',
  rank: 2,
  columns: [
    { code: 'CF_WSH', label: '行政处罚决定书文号', to: { field: 'CF_WSH' } },
    // The 2016 standard named the decision; today's standard asks for the kind of violation in its place.
    { code: 'CF_CFMC', label: '处罚名称', to: { field: 'CF_WFXW' } },
    { code: 'CF_CFLB1', label: '处罚类别1', to: { field: 'CF_CFLB', part: 1 } },
    { code: 'CF_CFLB2', label: '处罚类别2', to: { field: 'CF_CFLB', part: 2 } },
    { code: 'CF_SY', label: '处罚事由', to: { field: 'CF_SY' } },
    { code: 'CF_YJ', label: '处罚依据', to: { field: 'CF_YJ' } },
    ...identity2016('CF'),
    { code: 'CF_JG', label: '处罚结果', to: { field: 'CF_NR' } },
    { code: 'CF_JDRQ', label: '处罚决定日期', to: { field: 'CF_JDRQ' } },
    { code: 'CF_XZJG', label: '处罚机关', to: { field: 'CF_CFJG' } },
    { code: 'CF_ZT', label: '当前状态', to: { status: true } },
    { code: 'BZ', label: '备注', to: { field: 'BZ' } },
  ],
  rules: [
    // The 2016 standard had no amount column: the amount is read from 处罚结果 where it is unambiguous.
    { id: 'fine-from-result', kind: 'fine-from-text', fineField: 'CF_NR_FK', textField: 'CF_NR', kindsField: 'CF_CFLB' },
    // Nor a 处罚有效期: the decision's publication end by the rule table stands in for it.
    { id: 'valid-until-publication-end', kind: 'publication-end', field: 'CF_YXQ' },
  ],
};

export const PENALTY_2019_EXPORT: TemplateGeneration = {
  key: 'penalty-2019-export',
  category: 'penalty',
  name: '2019–2021 年系统导出格式',
  rank: 1,
  columns: identity2019('CF'),
  rules: [],
};
