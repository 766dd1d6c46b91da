import { extname, resolve } from 'node:path';
import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { fields } from '../text';
import { CATEGORY_OPTION, categoryName, categoryOf, count, FILTER_OPTIONS, filtersOf, progressLine, QUERY_ARGUMENT } from './records-options';
import { checkOutput, produceOutput } from '../output';

export const exportCommand = defineCommand({
  name: ['export'],
  summary: '把一个类别中符合条件的信用记录导出为标准模板的 .xlsx 或 .csv 文件（录入员、审核人、档案员）',
  details: [
    '列为该类别标准模板的列（中文列名），日期写作 YYYY-MM-DD；CSV 为带 BOM 的 UTF-8，Excel 可直接打开。',
    '以 = + - @ 开头的单元格会被处理，防止在电子表格中被当作公式执行。',
    '文件格式由 --out 的扩展名决定；不覆盖已有的文件（除非 --force），从不写入部门数据库及其附属文件。',
    '个人证件号码默认遮盖（只显示前 4 位和后 4 位）；有查看完整证件号码权限的人可用 --unmask 并以 --reason 说明原因导出完整号码，原因和导出的记录记入审计日志。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    category: { ...CATEGORY_OPTION, required: true },
    out: { type: 'string', value: '文件.xlsx|文件.csv', description: '导出到此文件', required: true },
    unmask: { type: 'boolean', description: '导出完整的个人证件号码（须有权限，并以 --reason 说明原因）' },
    reason: { type: 'string', value: '原因', description: '导出完整证件号码的原因（与 --unmask 一起）' },
    ...FILTER_OPTIONS,
  },
  positionals: [QUERY_ARGUMENT],
  fieldOptions: { category: 'category', state: 'state', from: 'from', to: 'to', path: 'out', reason: 'reason' },
  examples: [`${PASSWORD_ENV}=… credit-desk export --db 信用.db --as lisi --category penalty --state pending --out 待报送处罚.xlsx`],

  async run(ctx) {
    const { args, io } = ctx;
    const category = categoryOf(args.need('category'));
    const filters = filtersOf(args);
    const query = args.positional('query')?.trim();
    const path = resolve(args.need('out'));
    checkOutput(path);
    const ext = extname(path).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.csv') throw usage(`--out 的扩展名应为 .xlsx 或 .csv：${path}`);
    const format = ext === '.csv' ? 'csv' : 'xlsx';
    const unmask = args.flag('unmask');
    const reason = args.get('reason');
    if (unmask && !reason) throw usage('--unmask 须以 --reason 说明导出完整证件号码的原因。');
    if (reason && !unmask) throw usage('--reason 只与 --unmask 一起使用。');
    checkActingPassword(ctx);

    return actAs(ctx, async (desk) => {
      const progress = progressLine(io, (e) => `正在导出：已写入 ${count(e.done)} 条…`);
      let result;
      try {
        result = await produceOutput(path, (temp) =>
          desk.call('export.runFile', { category, format, path: temp, unmask, reason, ...(query ? { query } : {}), ...filters }, { onProgress: progress.onProgress }),
        );
      } finally {
        progress.end();
      }
      const text = [
        `已导出 ${count(result.rows)} 条${categoryName(category)}记录。`,
        '',
        fields([
          ['文件', path],
          ['格式', format === 'csv' ? 'CSV（UTF-8，带 BOM）' : 'Excel（.xlsx）'],
          ['证件号码', unmask ? `完整（原因：${reason}，已记入审计日志）` : '已遮盖'],
          ['条件', [query ? `查询词“${query}”` : '', filters.state ? `状态 ${filters.state}` : '', filters.from ? `自 ${filters.from}` : '', filters.to ? `至 ${filters.to}` : ''].filter(Boolean).join('，') || '全部'],
        ]),
      ].join('\n');
      return { data: { path, rows: result.rows, format, category, personalData: unmask ? 'clear' : 'masked' }, text };
    });
  },
});
