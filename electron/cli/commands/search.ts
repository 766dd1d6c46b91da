import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { table } from '../text';
import { CATEGORY_OPTION, categoryName, categoryOf, count, FILTER_OPTIONS, filtersOf, integerOf, QUERY_ARGUMENT, STATE_LABELS } from './records-options';

export const searchCommand = defineCommand({
  name: ['search'],
  summary: '查找信用记录：按主体名称、代码或文号，并可按类别、状态、日期筛选（录入员、审核人、档案员）',
  details: [
    '查询词可以是主体名称中任意 2 个及以上连续的字（如“恒瑞”“栾城区恒瑞商贸”），',
    '也可以是统一社会信用代码、证件号码或决定书文号的开头部分（如“911301”“栾市监罚〔2026〕”）。',
    '给出至少一个筛选条件时可以不写查询词。结果按录入先后倒序排列，每页默认 20 条。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    category: CATEGORY_OPTION,
    ...FILTER_OPTIONS,
    limit: { type: 'string', value: '条数', description: '每页条数（1–500，默认 20）' },
    offset: { type: 'string', value: '条数', description: '跳过前面若干条（翻页用，默认 0）' },
  },
  positionals: [QUERY_ARGUMENT],
  fieldOptions: { category: 'category', state: 'state', from: 'from', to: 'to', limit: 'limit', offset: 'offset' },
  examples: [
    `${PASSWORD_ENV}=… credit-desk search --db 信用.db --as lisi 恒瑞`,
    `${PASSWORD_ENV}=… credit-desk search --db 信用.db --as lisi --category penalty --state rejected --json`,
  ],

  async run(ctx) {
    const { args } = ctx;
    const category = args.get('category') === undefined ? undefined : categoryOf(args.need('category'));
    const filters = filtersOf(args);
    const query = args.positional('query')?.trim();
    if (!query && category === undefined && Object.keys(filters).length === 0) {
      throw usage('请给出查询词，或至少一个筛选条件（--category、--state、--from、--to）。');
    }
    if (query !== undefined && query.length > 100) throw usage('查询词不能超过 100 个字符。');
    const limit = integerOf('limit', args.get('limit'), 1, 500) ?? 20;
    const offset = integerOf('offset', args.get('offset'), 0, 1_000_000_000) ?? 0;
    checkActingPassword(ctx);

    return actAs(ctx, async (desk) => {
      const result = await desk.call('records.search', { ...(query ? { query } : {}), ...(category ? { category } : {}), ...filters, limit, offset });
      const items = result.items.map((r) => ({
        recordId: r.recordId,
        category: r.category,
        subjectName: r.subjectName,
        subjectCode: r.subjectCode,
        decisionNo: r.decisionNo,
        state: r.state,
      }));
      const data = { total: result.total, tookMs: result.tookMs, items, totalCapped: result.totalCapped, offset, limit };
      if (result.items.length === 0) {
        const text = result.total > 0 ? `共 ${count(result.total)} 条，本页（从第 ${offset + 1} 条起）没有记录。` : '没有找到符合条件的记录。';
        return { data, text };
      }
      const rows = result.items.map((r) => [
        String(r.recordId),
        categoryName(r.category),
        r.subjectName,
        r.subjectCode ?? '—',
        r.decisionNo,
        r.decisionDate ?? '—',
        STATE_LABELS[r.state] ?? r.state,
      ]);
      const total = result.totalCapped ? `${count(result.total)} 条以上` : `${count(result.total)} 条`;
      const text = [
        table(['编号', '类别', '主体名称', '代码', '文号', '决定日期', '状态'], rows),
        '',
        `共 ${total}，显示第 ${count(offset + 1)}–${count(offset + result.items.length)} 条；查询用时 ${result.tookMs} 毫秒。`,
      ].join('\n');
      return { data, text };
    });
  },
});
