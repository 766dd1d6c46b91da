/**
 * 行政许可 layouts older than today's (domain.md §2b): the 2016 双公示 standard and
 * the exports of the 2019–2021 systems.
 */
import { identity2016, identity2019 } from './shared';
import type { TemplateGeneration } from './types';

export const LICENSE_2016: TemplateGeneration = {
  key: 'license-2016',
  category: 'license',
  name: '2016 版双公示模板',
  rank: 2,
  columns: [
    { code: 'XK_WSH', label: '行政许可决定书文号', to: { field: 'XK_WSH' } },
    // The 2016 standard named the approval item; today's standard asks for the decision document's name.
    { code: 'XK_XMMC', label: '项目名称', to: { field: 'XK_XKWS' } },
    { code: 'XK_SPLB', label: '审批类别', to: { field: 'XK_XKLB' } },
    { code: 'XK_NR', label: '许可内容', to: { field: 'XK_NR' } },
    ...identity2016('XK'),
    { code: 'XK_JDRQ', label: '许可决定日期', to: { field: 'XK_JDRQ' } },
    { code: 'XK_JZQ', label: '许可截止期', to: { field: 'XK_YXQZI' } },
    { code: 'XK_XZJG', label: '许可机关', to: { field: 'XK_XKJG' } },
    { code: 'XK_ZT', label: '当前状态', to: { field: 'XK_ZT' } },
    { code: 'BZ', label: '备注', to: { field: 'BZ' } },
  ],
  rules: [
    // The 2016 standard had a 许可截止期 only: validity starts with the decision.
    { id: 'valid-from-decision', kind: 'copy', from: 'XK_JDRQ', to: 'XK_YXQZ' },
  ],
};

export const LICENSE_2019_EXPORT: TemplateGeneration = {
  key: 'license-2019-export',
  category: 'license',
  name: '2019–2021 年系统导出格式',
  rank: 1,
  columns: identity2019('XK'),
  rules: [],
};
