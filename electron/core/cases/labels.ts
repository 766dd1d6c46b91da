/**
 * Case words for people (states, kinds, outcomes, channels, steps). Plain data: the
 * command line reads them without loading the case service.
 */
import type { CaseState, CaseKind, CaseOutcome, CaseChannel } from '../../contract/cases';

/** Attachments: the largest file a case takes (cases/attachments.ts checks it). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  registered: '已登记',
  investigating: '核查中',
  proposed: '拟处理',
  decided: '已决定',
  answered: '已答复',
  refused: '不予受理',
};

export const CASE_KIND_LABELS: Record<CaseKind, string> = { objection: '异议', repair: '信用修复' };

export const OUTCOME_LABELS: Record<CaseOutcome, string> = {
  correct: '更正',
  revoke: '撤销',
  maintain: '维持',
  repair: '同意修复',
  deny: '不予修复',
};

export const CHANNEL_LABELS: Record<CaseChannel, string> = { window: '窗口', letter: '信函', platform: '平台转办', phone: '电话' };

export const ACTION_LABELS: Record<string, string> = {
  register: '登记',
  accept: '受理',
  refuse: '不予受理',
  attach: '添加附件',
  'request-materials': '要求补正材料',
  'materials-complete': '材料齐全',
  extend: '延期',
  propose: '拟处理',
  approve: '批准',
  return: '退回',
  answer: '答复',
  recompute: '重新计算期限',
  forward: '转送认定机关',
};
