/**
 * Where a figure leads: the records list narrowed to the records behind it (the same
 * list and filters as ever), or the case list narrowed to the cases. Plain functions:
 * 工作台 uses them without loading the 统计 page (or its chart library).
 */
import type { CaseFigure, CaseKind, RecordFigure, WarningLink } from '../../../../electron/contract';

/** A category's figures of that month (the month's own, or the trend's). */
type FigureRow = { category: string } & Partial<Record<RecordFigure, number>>;
import { zonedDate } from '../../../../electron/contract/zone';
import { navigate } from '../../lib/hashRoute';
import { openRecordsBehind, openTimelinessList } from '../records/RecordList';

/** The current month in China Standard Time, `YYYY-MM` (the core counts months so). */
export function currentMonth(now = Date.now()): string {
  return zonedDate(now).slice(0, 7);
}

/**
 * Opens the records behind `figure` of `month`: in `category`, or (for a total) in the
 * first category that has some; the tabs count each category's share.
 */
export function openFigure(login: string, figure: RecordFigure, month: string, category: string | undefined, rows: readonly FigureRow[]): void {
  const target = category ?? rows.find((r) => (r[figure] ?? 0) > 0)?.category ?? rows[0]?.category;
  if (target) openRecordsBehind(login, target, { figure, month });
}

export function openCases(kind: CaseKind, figure: CaseFigure, month: string): void {
  window.location.hash = `#/${kind === 'objection' ? 'objections' : 'repairs'}?figure=${figure}&month=${month}`;
}

/** Follows a warning's link (records list, case list, 共享名单, 备份, 签名密钥). */
export function openWarning(login: string, link: WarningLink): void {
  switch (link.page) {
    case 'records':
      if (link.statistic) openRecordsBehind(login, link.category ?? link.statistic.category ?? 'penalty', { figure: link.statistic.figure, month: link.statistic.month });
      else if (link.timeliness) openTimelinessList(login, link.category ?? 'penalty', link.timeliness);
      return;
    case 'cases': {
      const page = link.kind === 'repair' ? 'repairs' : 'objections';
      window.location.hash = link.overdue ? `#/${page}?due=overdue` : `#/${page}?due=soon&within=${link.dueWithin ?? 1}`;
      return;
    }
    case 'lists':
      return navigate('checks', 'lists');
    case 'backup':
      return navigate('settings', 'backup');
    case 'keys':
      return navigate('batches', 'keys');
  }
}
