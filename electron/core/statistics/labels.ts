/**
 * The figures' and warnings' names on paper, in the workbook and on the command
 * line. Plain data: the command line reads them without loading the core.
 */
import type { CaseFigure, RecordFigure, WarningKind } from '../../contract/statistics';

export const RECORD_FIGURE_LABELS: Record<RecordFigure | 'complianceRate' | 'lateRate', string> = {
  decided: '决定数',
  reported: '报送',
  accepted: '接收',
  rejected: '退回',
  awaitingReceipt: '待回执',
  late: '迟报',
  unreported: '未报送',
  overdueUnreported: '其中逾期',
  complianceRate: '合规率',
  lateRate: '迟报率',
};

export const CASE_FIGURE_LABELS: Record<CaseFigure, string> = {
  received: '收到',
  accepted: '受理',
  refused: '不予受理',
  decided: '办结',
  onTime: '按期办结',
  decidedLate: '超期办结',
  overdue: '月末超期未办结',
};

export const WARNING_LABELS: Record<WarningKind, string> = {
  'records-due-soon': '即将迟报',
  'records-overdue': '已迟报未报送',
  'rejection-rate': '退回率上升',
  'cases-due-soon': '案件临近期限',
  'cases-overdue': '案件超期',
  'list-stale': '共享名单未更新',
  'backup-stale': '备份过期',
  'key-sheet-missing': '签名公钥未登记',
};

/** A rate (0–1) as people read it; — where there is nothing to divide. */
export function percentText(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** `2026-02` → 2026年2月 */
export function monthText(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
