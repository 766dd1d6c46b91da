/**
 * 月度报送情况: a month's figures for the department head to sign and file, as a
 * PDF through the printing engine (charts as vector graphics, tables repeating
 * their headers, page numbers, the print log) and as an .xlsx with the same tables.
 * A past month's figures come from dated events and do not change when printed
 * again; only the warnings are as of the printing.
 */
import type { CaseKind } from '../../contract/cases';
import type { CategoryFigures, MonthReport, YearTrend } from '../../contract/statistics';
import { CASE_KIND_LABELS, OUTCOME_LABELS } from '../cases/labels';
import { getDepartment } from '../department/service';
import { writeXlsx, type OutCell } from '../io/xlsx-writer';
import type { Block, PrintDocument, TableColumn } from '../print/model';
import { chinaDate, chinaDateTime } from '../print/time';
import type { SqliteDatabase } from '../store/database';
import { monthFigures, yearTrend } from './figures';
import { CASE_FIGURE_LABELS, monthText, percentText, RECORD_FIGURE_LABELS, WARNING_LABELS } from './labels';
import { parseMonth } from './month';
import { currentWarnings } from './warnings';

export function monthReport(db: SqliteDatabase, month: string, now: Date): MonthReport {
  const figures = monthFigures(db, month, now);
  const department = getDepartment(db);
  return { ...figures, department: { name: department.name, uscc: department.uscc }, warnings: currentWarnings(db, now), generatedAt: now.toISOString() };
}

const COLORS = { reported: '#1677ff', accepted: '#52c41a', rejected: '#ff4d4f', late: '#fa8c16', decided: '#8c8c8c', compliance: '#13a8a8', lateRate: '#d4380d' };

const CATEGORY_COLUMNS = ['decided', 'reported', 'accepted', 'rejected', 'awaitingReceipt', 'late', 'unreported', 'overdueUnreported'] as const;

/** The per-category table: one row per category and the total; counts of records (决定数, 未报送) and of operations (the rest). */
export function categoryTable(report: Pick<MonthReport, 'categories' | 'total'>): { header: string[]; rows: OutCell[][] } {
  const header = ['类别', ...CATEGORY_COLUMNS.map((k) => RECORD_FIGURE_LABELS[k]), RECORD_FIGURE_LABELS.complianceRate, RECORD_FIGURE_LABELS.lateRate];
  const row = (f: CategoryFigures): OutCell[] => [f.name, ...CATEGORY_COLUMNS.map((k) => f[k]), percentText(f.complianceRate), percentText(f.lateRate)];
  return { header, rows: [...report.categories.map(row), row(report.total)] };
}

const CASE_ROWS = ['received', 'accepted', 'refused', 'decided', 'onTime', 'decidedLate', 'overdue'] as const;

export function caseTable(report: Pick<MonthReport, 'cases'>): { header: string[]; rows: OutCell[][] } {
  const kinds: CaseKind[] = ['objection', 'repair'];
  const rows: OutCell[][] = CASE_ROWS.map((k) => [CASE_FIGURE_LABELS[k], ...kinds.map((kind) => report.cases[kind][k])]);
  const days = (kind: CaseKind, which: 'median' | 'max') => {
    const d = report.cases[kind].daysToDecide[which];
    return d === null ? '—' : String(d);
  };
  rows.push(['办理用时中位数（工作日）', ...kinds.map((k) => days(k, 'median'))]);
  rows.push(['办理用时最长（工作日）', ...kinds.map((k) => days(k, 'max'))]);
  for (const outcome of ['correct', 'revoke', 'maintain', 'repair', 'deny'] as const) {
    const counts = kinds.map((k) => report.cases[k].outcomes[outcome] ?? 0);
    if (counts.some((n) => n > 0)) rows.push([`处理结果：${OUTCOME_LABELS[outcome]}`, ...counts]);
  }
  return { header: ['项目', ...kinds.map((k) => CASE_KIND_LABELS[k])], rows };
}

const asText = (rows: OutCell[][]) => rows.map((r) => r.map((c) => (c === null ? '' : String(c))));

/** A table whose number columns are right-aligned (`text` names the columns of words). */
function tableBlock(t: { header: string[]; rows: OutCell[][] }, widths: number[], empty?: string, text: number[] = [0]): Block {
  const columns: TableColumn[] = t.header.map((title, i) => ({ title, width: widths[i] ?? 1, align: text.includes(i) ? 'left' : 'right' }));
  return { kind: 'table', columns, rows: asText(t.rows), empty };
}

/** Where the figures stop: the month's end, or the time of printing while the month runs. */
function asOfText(report: MonthReport): string {
  const last = chinaDate(new Date(Date.parse(report.asOf) - 1).toISOString());
  return report.complete ? `${last} 24:00（月末；此后的事件不计入，平台回执除外）` : `${chinaDateTime(report.generatedAt)}（本月尚未结束）`;
}

export function monthlyReportDocument(report: MonthReport, trend: YearTrend): PrintDocument {
  const title = '月度报送情况';
  const withData = report.categories.filter((c) => c.decided + c.reported + c.unreported > 0);
  const shown = withData.length ? withData : report.categories;
  const months = trend.months.filter((m) => !m.future);
  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        { label: '单位', value: report.department.name },
        { label: '统一社会信用代码', value: report.department.uscc },
        { label: '统计月份', value: monthText(report.month) },
        { label: '数据截至', value: asOfText(report) },
        {
          label: '口径',
          value:
            '决定数、未报送按记录计（按决定日期）；报送、接收、退回、待回执、迟报按报送操作计（按批次签发日期）。合规率 = 接收 ÷ 报送；迟报率 = 迟报 ÷ 报送。迟报：双公示记录在决定之日起第 7 个工作日之后才签发报送（按国务院办公厅节假日安排计算工作日）。',
          wide: true,
        },
        { label: '工作日历', value: `${report.calendar.versions.join('、') || '—'}${report.calendar.estimated ? '（含无日历数据的年份，按周末估算）' : ''}`, wide: true },
      ],
    },
    { kind: 'heading', text: '一、报送情况（按类别）' },
    tableBlock(categoryTable(report), [2.2, 1, 1, 1, 1, 1, 1, 1, 1, 1.2, 1.2]),
    {
      kind: 'chart',
      title: `${monthText(report.month)}各类别报送情况`,
      categories: shown.map((c) => c.name),
      bars: [
        { name: '决定数', values: shown.map((c) => c.decided), color: COLORS.decided },
        { name: '报送', values: shown.map((c) => c.reported), color: COLORS.reported },
        { name: '接收', values: shown.map((c) => c.accepted), color: COLORS.accepted },
        { name: '退回', values: shown.map((c) => c.rejected), color: COLORS.rejected },
        { name: '迟报', values: shown.map((c) => c.late), color: COLORS.late },
      ],
    },
    {
      kind: 'chart',
      title: `${trend.year}年各月报送量、合规率与迟报率（全部类别）`,
      categories: months.map((m) => `${Number(m.month.slice(5, 7))}月`),
      bars: [
        { name: '报送', values: months.map((m) => m.total.reported), color: COLORS.reported },
        { name: '迟报', values: months.map((m) => m.total.late), color: COLORS.late },
      ],
      lines: [
        { name: '合规率', values: months.map((m) => m.total.complianceRate), color: COLORS.compliance },
        { name: '迟报率', values: months.map((m) => m.total.lateRate), color: COLORS.lateRate },
      ],
    },
    { kind: 'heading', text: '二、平台退回原因' },
    tableBlock(
      { header: ['规则代码', '退回原因', '操作数'], rows: report.rejectionReasons.map((r) => [r.code || '—', r.message || '（平台未说明）', r.count]) },
      [1.2, 5, 1],
      '本月签发的批次没有被平台退回的记录。',
      [0, 1],
    ),
    { kind: 'heading', text: '三、异议处理与信用修复' },
    tableBlock(caseTable(report), [3, 1, 1]),
    { kind: 'heading', text: '四、信用核查' },
    tableBlock(
      {
        header: ['项目', '数量'],
        rows: [
          ['核查次数', report.checks.checks],
          ['其中有发现的核查', report.checks.hits],
          ['联合奖惩反馈', report.checks.feedback],
        ],
      },
      [3, 1],
    ),
    { kind: 'heading', text: `五、预警（截至打印时 ${chinaDateTime(report.generatedAt)}）` },
    tableBlock(
      { header: ['预警', '数量', '说明'], rows: report.warnings.map((w) => [WARNING_LABELS[w.kind], w.count, w.message]) },
      [1.6, 0.8, 5],
      '没有预警。',
      [0, 2],
    ),
    { kind: 'signatures', lines: ['制表人', '部门负责人'] },
  ];
  return {
    kind: 'monthly-report',
    title,
    subtitle: `${report.department.name} · ${monthText(report.month)}`,
    target: `report:${report.month}`,
    targetLabel: monthText(report.month),
    masked: true,
    options: { month: report.month, asOf: report.asOf, complete: report.complete },
    blocks,
  };
}

export function monthlyReportTrend(db: SqliteDatabase, month: string, now: Date): YearTrend {
  const { year, month: m } = parseMonth(month);
  return yearTrend(db, year, now, m);
}

/** The same tables as the PDF, a sheet each. */
export async function writeMonthlyReportXlsx(report: MonthReport, path: string): Promise<void> {
  const c = categoryTable(report);
  const cases = caseTable(report);
  await writeXlsx(path, {
    before: [
      {
        sheetName: '报送情况',
        columns: [{ header: '统计月份', width: 12 }, ...c.header.map((h, i) => ({ header: h, width: i === 0 ? 18 : 10 }))],
        rows: c.rows.map((r) => [report.month, ...r]),
      },
      {
        sheetName: '退回原因',
        columns: [
          { header: '规则代码', width: 12 },
          { header: '退回原因', width: 60 },
          { header: '操作数', width: 10 },
        ],
        rows: report.rejectionReasons.map((r) => [r.code, r.message, r.count]),
      },
      { sheetName: '异议与修复', columns: cases.header.map((h, i) => ({ header: h, width: i === 0 ? 28 : 12 })), rows: cases.rows },
      {
        sheetName: '信用核查',
        columns: [
          { header: '项目', width: 24 },
          { header: '数量', width: 10 },
        ],
        rows: [
          ['核查次数', report.checks.checks],
          ['其中有发现的核查', report.checks.hits],
          ['联合奖惩反馈', report.checks.feedback],
        ],
      },
    ],
    sheetName: '预警',
    columns: [
      { header: '预警', width: 18 },
      { header: '数量', width: 10 },
      { header: '说明', width: 80 },
    ],
    rows: report.warnings.map((w) => [WARNING_LABELS[w.kind], w.count, w.message]),
    fixedDate: new Date(report.generatedAt),
    creator: report.department.name,
  });
}
