/**
 * A fill rule's short name for people (the import's check step, its summary, the
 * audit trail): the rule ids (`subject-type` …) are the program's, never shown.
 */
import type { FillRule } from './types';

const BY_KIND: Record<FillRule['kind'], string> = {
  'subject-type': '按代码推定行政相对人类别',
  'department-code': '填本部门统一社会信用代码',
  'department-unit': '填本部门为数据来源单位',
  'fine-from-text': '从处罚结果读出罚款金额',
  copy: '取另一栏的值',
  'publication-end': '取公示截止期',
  'legacy-codes': '旧代码转换为现行名称',
};

/** Names that say more than the kind does. */
const BY_ID: Record<string, string> = {
  'valid-from-decision': '有效期自取许可决定日期',
  'valid-until-publication-end': '处罚有效期取公示截止期',
  'penalty-kind-code': '旧处罚类别代码转换为现行名称',
};

export function ruleName(rule: Pick<FillRule, 'id' | 'kind'>): string {
  return BY_ID[rule.id] ?? BY_KIND[rule.kind];
}
