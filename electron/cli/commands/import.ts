import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { ImportColumnView, ImportInspection, ImportPlanView, ImportRuleView, ImportSummary } from '../../contract/records';
import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { fields, table } from '../text';
import { CATEGORY_OPTION, categoryName, categoryOf, count, progressLine } from './records-options';
import { checkOutput, writeOutput } from '../output';

/** Exit code when some rows were rejected and the valid ones imported. */
export const EXIT_ROWS_REJECTED = 3;
/** Errors listed in the text output; the rest are counted. */
const SHOWN_ERRORS = 50;

export const importCommand = defineCommand({
  name: ['import'],
  summary: '从 .xlsx、.xls 或 .csv 文件导入信用记录（录入员、审核人）',
  details: [
    '文件第 1 行为列名（中文名称或字段代码均可，列的顺序不限；列名上方可有标题行）；其余每行一条记录。CSV 可为 UTF-8 或 GBK/GB18030 编码。',
    '表格的格式在读取记录前按列名识别：现行标准模板、2016 版双公示模板或 2019–2021 年系统导出的表格；旧格式的列按规则转换为现行字段，每条规则及其应用行数列在结果中。',
    '列名更像另一个信息类别的表格时，不导入并提示应选的类别。加 --preview 只显示识别结果和列的对应，不导入。',
    '每一行都按目录校验；未通过的行连同行号（列名行为第 1 行）、字段代码和原因一一列出。',
    '默认导入有效的行、拒绝无效的行；加 --all-or-nothing 则只要有一行无效就什么也不导入。',
    '同一类别、同一主体、同一文号的记录已存在时计为“重复”，不再导入；加 --update 则内容有变化的记录保存为新版本。',
    '加 --already-reported 则把记录作为已在平台公示过的历史记录保存：已接收（公示已结束的为公示期满，当前状态为无效的为已撤回），不排入报送队列；不能与 --update 同用。',
    '',
    '退出码：0 全部导入；3 部分行被拒绝（其余有效行已导入）；1 整体失败、未导入任何记录（文件无法读取、按 --all-or-nothing 未导入、密码错误等）；2 用法错误。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    category: { ...CATEGORY_OPTION, required: true },
    'all-or-nothing': { type: 'boolean', description: '有任何一行未通过校验时，什么也不导入（退出码 1）' },
    update: { type: 'boolean', description: '已存在的记录（同一主体、同一文号）内容有变化时，保存为新版本' },
    'already-reported': { type: 'boolean', description: '已在平台公示过的历史记录：保存为已接收／公示期满／已撤回，不再报送' },
    preview: { type: 'boolean', description: '只识别表格格式、显示列的对应和缺少的必填列，不导入' },
    'error-report': { type: 'string', value: '文件.xlsx', description: '把未通过校验的行（原始内容加错误说明）另存为此 Excel 文件' },
    report: { type: 'string', value: '文件.xlsx', description: '把迁移报告（识别的格式、列的对应、转换规则及应用行数、导入和拒绝的行）另存为此 Excel 文件' },
  },
  positionals: [{ name: 'file', value: '文件', description: '要导入的 .xlsx、.xls 或 .csv 文件', required: true }],
  fieldOptions: { category: 'category' },
  examples: [
    `${PASSWORD_ENV}=… credit-desk import --db 信用.db --as lisi --category penalty 行政处罚2026.xlsx`,
    `${PASSWORD_ENV}=… credit-desk import --db 信用.db --as lisi --category license --all-or-nothing --json 许可.csv`,
    `${PASSWORD_ENV}=… credit-desk import --db 信用.db --as lisi --category penalty --already-reported --report 迁移报告.xlsx 处罚2016.xls`,
  ],

  async run(ctx) {
    const { args, io } = ctx;
    const category = categoryOf(args.need('category'));
    const path = resolve(args.positional('file')!);
    const ext = extname(path).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.xls' && ext !== '.csv') throw usage(`只能导入 .xlsx、.xls 或 .csv 文件：${path}`);
    if (!existsSync(path) || !statSync(path).isFile()) throw usage(`文件不存在：${path}`);
    const outputPath = (option: 'error-report' | 'report', what: string) => {
      if (args.get(option) === undefined) return undefined;
      const out = checkOutput(args.need(option), `--${option}`);
      if (extname(out).toLowerCase() !== '.xlsx') throw usage(`${what}须保存为 .xlsx 文件：${out}`);
      return out;
    };
    const reportPath = outputPath('error-report', '错误报告');
    const migrationPath = outputPath('report', '迁移报告');
    const alreadyReported = args.flag('already-reported');
    if (alreadyReported && args.flag('update')) throw usage('--already-reported 不能与 --update 同用：历史记录按平台已有的内容保存，不改动已存在的记录。');
    checkActingPassword(ctx);

    if (args.flag('preview')) {
      return actAs(ctx, async (desk) => {
        const inspection = await desk.call('import.inspect', { category, fileName: basename(path), content: readFileSync(path).toString('base64') });
        const labels = await fieldLabels(desk, category);
        return { data: { ...inspection, file: path }, text: describePlan(inspection, labels) };
      });
    }

    return actAs(ctx, async (desk) => {
      const progress = progressLine(io, (e) =>
        e.total ? `正在导入 ${path}：已处理 ${count(e.done)} 行（约 ${count(e.total)} 行中的 ${Math.min(99, Math.floor((100 * e.done) / e.total))}%）…` : `正在导入 ${path}：已处理 ${count(e.done)} 行…`,
      );
      let summary: ImportSummary;
      try {
        summary = await desk.call(
          'import.runFile',
          { category, path, allOrNothing: args.flag('all-or-nothing'), update: args.flag('update'), alreadyReported },
          { onProgress: progress.onProgress },
        );
      } finally {
        progress.end();
      }
      let reportSaved: string | null = null;
      if (reportPath !== undefined && summary.rejected > 0) {
        const report = await desk.call('import.errorReport', { importId: summary.importId });
        writeOutput(reportPath, Buffer.from(report.content, 'base64'), '--error-report');
        reportSaved = reportPath;
      }
      let migrationSaved: string | null = null;
      if (migrationPath !== undefined) {
        const report = await desk.call('import.migrationReport', { importId: summary.importId });
        writeOutput(migrationPath, Buffer.from(report.content, 'base64'), '--report');
        migrationSaved = migrationPath;
      }
      const labels = await fieldLabels(desk, category);

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
        generation: summary.generation,
        alreadyReported: summary.alreadyReported,
        queued: summary.queued,
        inferred: summary.inferred,
        rules: summary.rules,
        history: summary.history,
        columns: summary.columns,
        ...(reportSaved ? { errorReport: reportSaved } : {}),
        ...(migrationSaved ? { migrationReport: migrationSaved } : {}),
      };
      const text = describe(summary, path, labels, reportSaved, migrationSaved);
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

async function fieldLabels(desk: { call: (m: 'catalog.get', i: Record<string, never>) => Promise<{ categories: { key: string; fields: { code: string; label: string }[] }[] }> }, category: string) {
  const labels = new Map<string, string>();
  const catalog = await desk.call('catalog.get', {});
  for (const f of catalog.categories.find((c) => c.key === category)?.fields ?? []) labels.set(f.code, f.label);
  return labels;
}

const COLUMN_STATUS: Record<ImportColumnView['status'], string> = {
  field: '现行字段',
  mapped: '按旧模板转换',
  status: '当前状态',
  ignored: '忽略',
  unknown: '未识别',
  repeated: '重复',
};

/** The columns and the required fields without one: what an import of the file will do with them. */
function columnLines(p: Pick<ImportPlanView, 'columns' | 'missing'>, labels: Map<string, string>): string[] {
  const field = (code: string | null) => (code ? `${labels.get(code) ?? code}（${code}）` : '');
  const lines = [
    '列的对应：',
    table(
      ['列', '表头', '处理', '对应字段', '说明'],
      p.columns.filter((c) => c.header !== '').map((c) => [columnName(c.index), c.header, COLUMN_STATUS[c.status], field(c.field), c.note ?? '']),
    ),
  ];
  if (p.missing.length) {
    lines.push('', '文件没有的必填列：', ...p.missing.map((m) => `  ${field(m.field)}：${m.rule ? `由规则 ${m.rule} 填写` : '没有规则可以填写，每行都将被拒绝'}`));
  }
  return lines;
}

/** The mapping rules, with the rows each applied to when imported. */
function ruleLines(rules: ImportRuleView[]): string[] {
  if (rules.length === 0) return [];
  return [
    '转换规则：',
    ...rules.map((r) => {
      const outcomes = r.outcomes ? `：${Object.entries(r.outcomes).map(([k, v]) => `${k} ${count(v)}`).join('，')}` : '';
      return `  ${r.id}${r.count === undefined ? '' : `（${count(r.count)} 行${outcomes}）`}：${r.description}`;
    }),
  ];
}

/** A name inside a Chinese sentence: a space before leading digits (“按 2016 版双公示模板导入”). */
const spaced = (name: string) => (/^[0-9A-Za-z]/.test(name) ? ` ${name}` : name);

function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function describePlan(p: ImportInspection, labels: Map<string, string>): string {
  const lines = [`按${spaced(p.generation.name)}识别：${categoryName(p.category)}（${p.category}），列名在第 ${p.headerRow} 行。未导入任何记录（--preview）。`];
  if (p.suggestion) lines.push('', `注意：${p.suggestion.message}`);
  lines.push('', ...columnLines(p, labels), '', ...ruleLines(p.rules));
  return lines.join('\n');
}

function describe(s: ImportSummary, path: string, labels: Map<string, string>, reportSaved: string | null, migrationSaved: string | null): string {
  const head = s.rolledBack
    ? `未导入任何记录：有 ${count(s.rejected)} 行未通过校验（--all-or-nothing）。`
    : `导入完成：${categoryName(s.category)}（${s.category}），按${spaced(s.generation.name)}导入${s.alreadyReported ? '，作为已在平台公示过的历史记录' : ''}。`;
  const lines = [
    head,
    '',
    fields([
      ['文件', path],
      ['数据行', count(s.totalRows)],
      ['新增', count(s.imported)],
      ...(s.history
        ? ([
            ['  其中已接收', count(s.history.accepted)],
            ['  其中公示期满', count(s.history.expired)],
            ['  其中已撤回', count(s.history.withdrawn)],
          ] as [string, string][])
        : []),
      ['更新（新版本）', count(s.updated)],
      ['重复（已存在，未导入）', count(s.duplicates)],
      ['拒绝（未通过校验）', count(s.rejected)],
      ['排入报送队列', count(s.queued)],
      ['用时', `${(s.tookMs / 1000).toFixed(1)} 秒`],
    ]),
  ];
  if (s.unknownColumns.length > 0) lines.push('', `未识别的列（已忽略）：${s.unknownColumns.join('、')}`);
  // An older layout: every column and rule is shown; today's template: only the rules that filled something.
  if (s.generation.key !== `${s.category}-current`) lines.push('', ...columnLines({ columns: s.columns, missing: [] }, labels), '', ...ruleLines(s.rules));
  else if (s.rules.some((r) => r.count)) lines.push('', ...ruleLines(s.rules.filter((r) => r.count)));
  if (migrationSaved) lines.push('', `迁移报告已保存：${migrationSaved}`);
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
