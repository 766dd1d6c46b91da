import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import type { ImportSummary } from '../../contract/records';
import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { fields, table } from '../text';
import { CATEGORY_OPTION, categoryName, categoryOf, count, progressLine } from './records-options';

/** Exit code when some rows were rejected and the valid ones imported. */
export const EXIT_ROWS_REJECTED = 3;
/** Errors listed in the text output; the rest are counted. */
const SHOWN_ERRORS = 50;

export const importCommand = defineCommand({
  name: ['import'],
  summary: '从 .xlsx 或 .csv 文件导入信用记录（录入员、审核人）',
  details: [
    '文件第 1 行为列名（中文名称或字段代码均可，列的顺序不限）；其余每行一条记录。CSV 可为 UTF-8 或 GBK/GB18030 编码。',
    '每一行都按目录校验；未通过的行连同行号（列名行为第 1 行）、字段代码和原因一一列出。',
    '默认导入有效的行、拒绝无效的行；加 --all-or-nothing 则只要有一行无效就什么也不导入。',
    '同一类别、同一主体、同一文号的记录已存在时计为“重复”，不再导入；加 --update 则内容有变化的记录保存为新版本。',
    '',
    '退出码：0 全部导入；3 部分行被拒绝（其余有效行已导入）；1 整体失败、未导入任何记录（文件无法读取、按 --all-or-nothing 未导入、密码错误等）；2 用法错误。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    category: { ...CATEGORY_OPTION, required: true },
    'all-or-nothing': { type: 'boolean', description: '有任何一行未通过校验时，什么也不导入（退出码 1）' },
    update: { type: 'boolean', description: '已存在的记录（同一主体、同一文号）内容有变化时，保存为新版本' },
    'error-report': { type: 'string', value: '文件.xlsx', description: '把未通过校验的行（原始内容加错误说明）另存为此 Excel 文件' },
  },
  positionals: [{ name: 'file', value: '文件', description: '要导入的 .xlsx 或 .csv 文件', required: true }],
  fieldOptions: { category: 'category' },
  examples: [
    `${PASSWORD_ENV}=… credit-desk import --db 信用.db --as lisi --category penalty 行政处罚2026.xlsx`,
    `${PASSWORD_ENV}=… credit-desk import --db 信用.db --as lisi --category license --all-or-nothing --json 许可.csv`,
  ],

  async run(ctx) {
    const { args, io } = ctx;
    const category = categoryOf(args.need('category'));
    const path = resolve(args.positional('file')!);
    const ext = extname(path).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.csv') throw usage(`只能导入 .xlsx 或 .csv 文件：${path}`);
    if (!existsSync(path) || !statSync(path).isFile()) throw usage(`文件不存在：${path}`);
    const reportPath = args.get('error-report') === undefined ? undefined : resolve(args.need('error-report'));
    if (reportPath !== undefined) {
      if (extname(reportPath).toLowerCase() !== '.xlsx') throw usage(`错误报告须保存为 .xlsx 文件：${reportPath}`);
      if (!existsSync(dirname(reportPath))) throw usage(`目录不存在：${dirname(reportPath)}`);
    }
    checkActingPassword(ctx);

    return actAs(ctx, async (desk) => {
      const progress = progressLine(io, (e) =>
        e.total ? `正在导入 ${path}：已处理 ${count(e.done)} 行（约 ${count(e.total)} 行中的 ${Math.min(99, Math.floor((100 * e.done) / e.total))}%）…` : `正在导入 ${path}：已处理 ${count(e.done)} 行…`,
      );
      let summary: ImportSummary;
      try {
        summary = await desk.call(
          'import.runFile',
          { category, path, allOrNothing: args.flag('all-or-nothing'), update: args.flag('update') },
          { onProgress: progress.onProgress },
        );
      } finally {
        progress.end();
      }
      let reportSaved: string | null = null;
      if (reportPath !== undefined && summary.rejected > 0) {
        const report = await desk.call('import.errorReport', { importId: summary.importId });
        writeFileSync(reportPath, Buffer.from(report.content, 'base64'));
        reportSaved = reportPath;
      }
      const labels = new Map<string, string>();
      const catalog = await desk.call('catalog.get', {});
      for (const f of catalog.categories.find((c) => c.key === category)?.fields ?? []) labels.set(f.code, f.label);

      const data = {
        imported: summary.imported,
        updated: summary.updated,
        duplicates: summary.duplicates,
        rejected: summary.rejected,
        errors: summary.errors.map((e) => ({ row: e.row, field: e.field, code: e.code, message: e.message })),
        totalRows: summary.totalRows,
        rolledBack: summary.rolledBack,
        unknownColumns: summary.unknownColumns,
        category: summary.category,
        file: path,
        importId: summary.importId,
        tookMs: summary.tookMs,
        ...(reportSaved ? { errorReport: reportSaved } : {}),
      };
      const text = describe(summary, path, labels, reportSaved);
      if (summary.rolledBack) {
        return {
          data,
          text,
          exitCode: 1,
          problem: { code: 'ROLLED_BACK', message: `${count(summary.rejected)} 行未通过校验；按 --all-or-nothing 的要求，未导入任何记录。` },
        };
      }
      if (summary.rejected > 0) {
        return {
          data,
          text,
          exitCode: EXIT_ROWS_REJECTED,
          problem: { code: 'ROWS_REJECTED', message: `${count(summary.rejected)} 行未通过校验，未导入；其余有效行已导入。` },
        };
      }
      return { data, text };
    });
  },
});

function describe(s: ImportSummary, path: string, labels: Map<string, string>, reportSaved: string | null): string {
  const head = s.rolledBack
    ? `未导入任何记录：有 ${count(s.rejected)} 行未通过校验（--all-or-nothing）。`
    : `导入完成：${categoryName(s.category)}（${s.category}）。`;
  const lines = [
    head,
    '',
    fields([
      ['文件', path],
      ['数据行', count(s.totalRows)],
      ['新增', count(s.imported)],
      ['更新（新版本）', count(s.updated)],
      ['重复（已存在，未导入）', count(s.duplicates)],
      ['拒绝（未通过校验）', count(s.rejected)],
      ['用时', `${(s.tookMs / 1000).toFixed(1)} 秒`],
    ]),
  ];
  if (s.unknownColumns.length > 0) lines.push('', `未识别的列（已忽略）：${s.unknownColumns.join('、')}`);
  if (s.errors.length > 0) {
    const shown = s.errors.slice(0, SHOWN_ERRORS);
    lines.push(
      '',
      `未通过校验的行：共 ${count(s.rejected)} 行、${count(s.errors.length)} 处错误${s.errors.length > SHOWN_ERRORS ? `，以下为前 ${SHOWN_ERRORS} 处` : ''}：`,
      table(
        ['行号', '字段', '原因'],
        shown.map((e) => [String(e.row), labels.has(e.field) ? `${labels.get(e.field)}（${e.field}）` : e.field, e.message]),
      ),
    );
    if (s.errors.length > SHOWN_ERRORS) lines.push(`……另有 ${count(s.errors.length - SHOWN_ERRORS)} 处错误未列出（--json 输出全部错误）。`);
    lines.push(reportSaved ? `错误报告已保存：${reportSaved}` : '加 --error-report 文件.xlsx 可把这些行连同错误说明另存为 Excel 文件，改正后重新导入。');
  }
  return lines.join('\n');
}
