/**
 * The monthly report (月度报送情况) and the warnings (预警) from the command line:
 * `report month --month YYYY-MM` prints the month's figures per category, its cases,
 * checks and the warnings as of now (docs/statistics.md defines each figure);
 * `--out F.pdf` prints the report through the printing engine (print log, print
 * number), `--out F.xlsx` writes the same tables as a workbook. `report warnings`
 * prints the current warnings.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { CaseFigures, MonthReport, WarningView } from '../../contract/statistics';
import { CASE_FIGURE_LABELS, monthText, percentText, RECORD_FIGURE_LABELS, WARNING_LABELS } from '../../core/statistics/labels';
import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { fields, localTime, table } from '../text';
import { refusalsExit1 } from './batch';
import { outTarget, printed, savedFile } from './print';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** What `report month --json` prints (README: the keys the district's figures need). */
export function reportJson(r: MonthReport) {
  const cases = (c: CaseFigures) => ({ received: c.received, decided: c.decided, onTime: c.onTime, overdue: c.overdue });
  return {
    month: r.month,
    asOf: r.asOf,
    complete: r.complete,
    categories: r.categories.map((c) => ({
      category: c.category,
      decided: c.decided,
      reported: c.reported,
      accepted: c.accepted,
      rejected: c.rejected,
      late: c.late,
      unreported: c.unreported,
      overdueUnreported: c.overdueUnreported,
      complianceRate: c.complianceRate,
      lateRate: c.lateRate,
    })),
    cases: { objection: cases(r.cases.objection), repair: cases(r.cases.repair) },
    checks: { checks: r.checks.checks, hits: r.checks.hits, feedback: r.checks.feedback },
    warnings: r.warnings.map((w) => ({ kind: w.kind, count: w.count })),
  };
}

function describeWarnings(warnings: WarningView[]): string {
  if (warnings.length === 0) return '没有预警。';
  return table(
    ['预警', '数量', '说明'],
    warnings.map((w) => [WARNING_LABELS[w.kind], String(w.count), w.message]),
  );
}

function describeReport(r: MonthReport): string {
  const keys = ['decided', 'reported', 'accepted', 'rejected', 'awaitingReceipt', 'late', 'unreported', 'overdueUnreported'] as const;
  const rows = [...r.categories, r.total].map((c) => [c.name, ...keys.map((k) => String(c[k])), percentText(c.complianceRate), percentText(c.lateRate)]);
  const caseKeys = ['received', 'accepted', 'refused', 'decided', 'onTime', 'decidedLate', 'overdue'] as const;
  return [
    fields([
      ['单位', `${r.department.name}（${r.department.uscc}）`],
      ['统计月份', monthText(r.month)],
      ['数据截至', r.complete ? `${localTime(r.asOf)}（月末）` : `${localTime(r.generatedAt)}（本月尚未结束）`],
    ]),
    '',
    table(['类别', ...keys.map((k) => RECORD_FIGURE_LABELS[k]), '合规率', '迟报率'], rows),
    '',
    r.rejectionReasons.length ? table(['规则代码', '退回原因', '操作数'], r.rejectionReasons.map((x) => [x.code || '—', x.message, String(x.count)])) : '本月签发的批次没有被退回的记录。',
    '',
    table(
      ['案件', ...caseKeys.map((k) => CASE_FIGURE_LABELS[k])],
      (['objection', 'repair'] as const).map((kind) => [kind === 'objection' ? '异议' : '信用修复', ...caseKeys.map((k) => String(r.cases[kind][k]))]),
    ),
    '',
    `信用核查 ${r.checks.checks} 次，其中有发现 ${r.checks.hits} 次；联合奖惩反馈 ${r.checks.feedback} 条。`,
    '',
    describeWarnings(r.warnings),
  ].join('\n');
}

export const reportMonthCommand = defineCommand({
  name: ['report', 'month'],
  summary: '月度报送情况：按类别的决定、报送、接收、退回、迟报、未报送，案件与核查，预警；可打印 PDF 或导出 .xlsx',
  details: [
    '各项口径见 docs/statistics.md：决定数、未报送按记录计（按决定日期），报送、接收、退回、迟报按报送操作计（按批次签发日期）；合规率 = 接收 ÷ 报送，迟报率 = 迟报 ÷ 报送（报送为 0 时为 null）。',
    '已结束月份的数字截至月末，何时打印都相同（回执晚到的除外：接收、退回随回执导入而更新）；预警为打印时的情况。',
    '--out 以 .pdf 结尾时打印 PDF（记入打印记录，有打印编号）；以 .xlsx 结尾时导出相同的表格。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    month: { type: 'string', value: 'YYYY-MM', required: true, description: '统计月份，如 2026-02' },
    out: { type: 'string', value: '文件.pdf|文件.xlsx', description: '写入报告：.pdf 打印（记入打印记录），.xlsx 导出表格；为文件夹时写入 PDF' },
  },
  examples: [
    `${PASSWORD_ENV}=… credit-desk report month --db 信用.db --as boss --month 2026-02 --json`,
    `${PASSWORD_ENV}=… credit-desk report month --db 信用.db --as boss --month 2026-02 --out 月度报送情况.pdf`,
  ],

  async run(ctx) {
    const { args } = ctx;
    const month = args.need('month').trim();
    if (!MONTH.test(month)) throw usage(`--month 应为 YYYY-MM（如 2026-02），实为 ${month}`);
    const out = args.get('out');
    let format: 'pdf' | 'xlsx' | null = null;
    let where: ((fileName: string) => string) | null = null;
    if (out !== undefined) {
      const folder = existsSync(resolve(out)) && statSync(resolve(out)).isDirectory();
      const ext = extname(out).toLowerCase();
      if (!folder && ext !== '.pdf' && ext !== '.xlsx') throw usage(`--out 应以 .pdf 或 .xlsx 结尾（实为 ${out}）`);
      format = ext === '.xlsx' && !folder ? 'xlsx' : 'pdf';
      where = outTarget(out);
    }
    checkActingPassword(ctx);
    return refusalsExit1(
      actAs(ctx, async (desk) => {
        const report = await desk.call('statistics.report', { month });
        const data: Record<string, unknown> = reportJson(report);
        let text = describeReport(report);
        if (format === 'pdf' && where) {
          const done = printed(await desk.call('print.monthlyReport', { month }), where, '月度报送情况');
          data.file = done.data;
          text = `${text}\n\n${done.text}`;
        } else if (format === 'xlsx' && where) {
          const saved = savedFile(await desk.call('statistics.reportXlsx', { month }), where);
          data.file = saved;
          text = `${text}\n\n已导出月度报送情况：${saved.path}`;
        }
        return { data, text };
      }),
    );
  },
});

export const reportWarningsCommand = defineCommand({
  name: ['report', 'warnings'],
  summary: '当前的预警：即将迟报、已迟报未报送、退回率上升、案件临近期限或超期、共享名单未更新、备份过期、签名公钥未登记',
  details: '各项预警的阈值为本部门设置（statistics.configureWarnings，系统设置 → 预警）。',
  options: { db: DB_OPTION, as: AS_OPTION },
  examples: [`${PASSWORD_ENV}=… credit-desk report warnings --db 信用.db --as boss --json`],

  async run(ctx) {
    checkActingPassword(ctx);
    return actAs(ctx, async (desk) => {
      const warnings = await desk.call('statistics.warnings', {});
      return {
        data: { warnings: warnings.map((w) => ({ kind: w.kind, count: w.count, message: w.message, link: w.link, items: w.items })) },
        text: describeWarnings(warnings),
      };
    });
  },
});
