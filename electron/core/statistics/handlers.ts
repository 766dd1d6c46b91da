/** Contract handlers for statistics, warnings and the monthly report. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Handlers } from '../handlers';
import { CoreError } from '../errors';
import { printDocument } from '../print/service';
import { monthFigures, yearTrend } from './figures';
import { monthWindow } from './month';
import { monthlyReportDocument, monthlyReportTrend, monthReport, writeMonthlyReportXlsx } from './report';
import { putWarningSettings, warningSettings } from './settings';
import { currentWarnings } from './warnings';

type StatisticsHandlers = Pick<
  Handlers,
  | 'statistics.month'
  | 'statistics.year'
  | 'statistics.report'
  | 'statistics.warnings'
  | 'statistics.warningSettings'
  | 'statistics.configureWarnings'
  | 'print.monthlyReport'
  | 'statistics.reportXlsx'
>;

/** A report of a month not begun would be all zeros: refused with a message instead. */
function reportMonth(month: string, now: Date): string {
  if (monthWindow(month, now).future) throw new CoreError('BAD_INPUT', `${month} 尚未开始，没有可以报告的数字。`);
  return month;
}

export const statisticsHandlers: StatisticsHandlers = {
  'statistics.month': ({ desk }, { month }) => monthFigures(desk.db, month, desk.now()),

  'statistics.year': ({ desk }, { year }) => yearTrend(desk.db, year, desk.now()),

  'statistics.report': ({ desk }, { month }) => monthReport(desk.db, reportMonth(month, desk.now()), desk.now()),

  'statistics.warnings': ({ desk }) => currentWarnings(desk.db, desk.now()),

  'statistics.warningSettings': ({ desk }) => warningSettings(desk.db),

  'statistics.configureWarnings': ({ desk }, values) =>
    desk.write({ method: 'statistics.configureWarnings', target: 'settings:warnings', detail: { before: warningSettings(desk.db), after: values } }, (db) =>
      putWarningSettings(db, values, desk.login!, desk.now().toISOString()),
    ),

  'print.monthlyReport': ({ desk }, { month }) => {
    const now = desk.now();
    const report = monthReport(desk.db, reportMonth(month, now), now);
    return printDocument(desk, monthlyReportDocument(report, monthlyReportTrend(desk.db, month, now)), 'print.monthlyReport');
  },

  'statistics.reportXlsx': async ({ desk }, { month }) => {
    const now = desk.now();
    const report = monthReport(desk.db, reportMonth(month, now), now);
    const folder = mkdtempSync(join(tmpdir(), 'credit-desk-report-'));
    try {
      const path = join(folder, 'report.xlsx');
      await writeMonthlyReportXlsx(report, path);
      const content = readFileSync(path);
      desk.audit({ actor: desk.login, method: 'statistics.reportXlsx', target: `report:${month}`, outcome: 'ok', detail: { month, bytes: content.length } });
      return { fileName: `月度报送情况-${month}.xlsx`, content: content.toString('base64') };
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
