/**
 * Bringing a department's history in (issue 14): workbooks of the 2016 双公示
 * standard and of 2019–2021 system exports, as .xlsx and as real BIFF8 .xls,
 * through the contract; every mapping rule, the inferred subject types, history
 * stored as the platform has it (nothing queued), the category check and the
 * column preview (issue 12 item 8).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  FilePayload,
  ImportInspection,
  ImportSummary,
  RecordDetail,
  RecordVersionView,
  SearchResult,
} from '../../electron/contract/records';
import { importThreading } from '../../electron/core/records/import';
import { clerkDesk, DEPARTMENT, value } from '../helpers';
import {
  fileBytes,
  LICENSE_2016_LABELS,
  license2016Rows,
  OTHER_AUTHORITY,
  PENALTY_2016_CODES,
  PENALTY_2016_LABELS,
  PENALTY_2019_HEADER,
  penalty2016Rows,
  penalty2019,
  PERSON_ID,
  uscc,
  xlsxBytes,
  type Format,
} from './history-fixtures';

/** A fixed “today”, so that which publications have ended does not depend on the day the tests run. */
const TODAY = new Date('2026-01-15T08:00:00Z');
type Desk = Awaited<ReturnType<typeof clerkDesk>>;

const desk = () => clerkDesk({ now: () => TODAY });

async function importBytes(core: Desk, category: string, fileName: string, bytes: Buffer, options: Record<string, unknown> = {}): Promise<ImportSummary> {
  return value<ImportSummary>(await core.invoke('import.run', { category, fileName, content: bytes.toString('base64'), ...options }));
}

async function recordByNumber(core: Desk, decisionNo: string): Promise<RecordDetail> {
  const found = value<SearchResult>(await core.invoke('records.search', { query: decisionNo }));
  expect(found.items.length).toBe(1);
  return value<RecordDetail>(await core.invoke('records.get', { recordId: found.items[0].recordId }));
}

const errorKeys = (s: ImportSummary) => s.errors.map((e) => `${e.row}:${e.field}:${e.code}`).sort();

describe.each([
  ['xlsx', 'in the core thread', Number.POSITIVE_INFINITY],
  ['xls', 'in the core thread', Number.POSITIVE_INFINITY],
  ['xlsx', 'in a worker thread', 0],
  ['xls', 'in a worker thread', 0],
] as const)('a 2016 行政处罚 workbook (.%s, parsed %s)', (format: Format, _where, workerFromBytes) => {
  const usual = importThreading.workerFromBytes;
  beforeAll(() => void (importThreading.workerFromBytes = workerFromBytes));
  afterAll(() => void (importThreading.workerFromBytes = usual));
  const file = () => fileBytes(format, PENALTY_2016_CODES, penalty2016Rows());

  it('is recognised as the 2016 standard and mapped onto today’s fields, rule by rule, as new records', async () => {
    const core = await desk();
    const s = await importBytes(core, 'penalty', `处罚2016.${format}`, await file());
    expect(s.generation).toEqual({ key: 'penalty-2016', name: '2016 版双公示模板' });
    expect(s).toMatchObject({ totalRows: 8, imported: 4, rejected: 4, alreadyReported: false, history: null, queued: 4, unknownColumns: [] });
    expect(errorKeys(s)).toEqual([
      '5:CF_CFJGDM:required',
      '5:CF_SJLYDM:required',
      '6:CF_NR_FK:required',
      '7:CF_XDR_LB:required',
      '9:CF_ZT:status-invalid',
    ]);
    const message = (row: number, field: string) => s.errors.find((e) => e.row === row && e.field === field)!.message;
    expect(message(5, 'CF_CFJGDM')).toContain(`（${OTHER_AUTHORITY}）不是本部门`);
    expect(message(6, 'CF_NR_FK')).toContain('未能从“处罚内容”中读出唯一的罚款金额');
    expect(message(7, 'CF_XDR_LB')).toContain('没有统一社会信用代码或证件号码可据以推定');
    expect(message(9, 'CF_ZT')).toContain('已在平台公示过的历史记录');

    // Counted over the imported rows: 2, 3, 4 and 8.
    expect(s.inferred).toEqual({
      'subject-type': 4,
      'authority-code': 4,
      'source-unit': 4,
      'penalty-kind-code': 4,
      'fine-from-result': 2,
      'valid-until-publication-end': 4,
    });
    expect(s.rules.find((r) => r.id === 'subject-type')!.outcomes).toEqual({ 法人及非法人组织: 2, 个体工商户: 1, 自然人: 1 });
    expect(s.columns.filter((c) => c.status === 'ignored').map((c) => c.header)).toEqual(['DFBM', 'SJC']);
    expect(s.columns.find((c) => c.header === 'CF_ZT')!.status).toBe('status');
    expect(s.columns.find((c) => c.header === 'CF_CFMC')).toMatchObject({ status: 'mapped', field: 'CF_WFXW' });

    // Row 2: every column where today's template keeps it, the rules' values beside them.
    const r2 = await recordByNumber(core, '栾市监罚〔2025〕101号');
    expect(r2.state).toBe('pending');
    expect(r2.fields).toMatchObject({
      CF_XDR_LB: '法人及非法人组织',
      CF_XDR_SHXYM: uscc('91', 1),
      CF_XDR_ZZJG: '30000007-1',
      CF_XDR_GSZC: '130111000012345',
      CF_FRDB: '张三',
      CF_WFXW: '对销售过期食品的处罚', // 处罚名称
      CF_SY: '经查，当事人销售超过保质期的食品。', // 处罚事由
      CF_CFLB: ['罚款'], // old code 2
      CF_NR: '罚款人民币5000元', // 处罚结果
      CF_NR_FK: '0.5', // read from it, in 万元
      CF_JDRQ: '2025-11-03',
      CF_CFJG: DEPARTMENT.name, // 处罚机关
      CF_CFJGDM: DEPARTMENT.uscc, // the department's code: it is the department
      CF_SJLY: DEPARTMENT.name,
      CF_SJLYDM: DEPARTMENT.uscc,
    });
    // No 处罚有效期 in 2016: the publication end from the rule table stands in.
    expect(r2.fields.CF_YXQ).toBe(r2.publication!.publicationEnds);
    expect(r2.fields.CF_GSJZQ).toBe(r2.publication!.publicationEnds);
    expect(r2.fields).not.toHaveProperty('DFBM');

    expect((await recordByNumber(core, '栾市监罚〔2025〕102号')).fields.CF_XDR_LB).toBe('个体工商户');
    const person = await recordByNumber(core, '栾市监罚〔2025〕103号');
    expect(person.fields).toMatchObject({ CF_XDR_LB: '自然人', CF_XDR_ZJLX: '身份证', CF_CFLB: ['罚款', '没收违法所得'], CF_NR_FK: '2' });
    const unmasked = value<{ fields: Record<string, string | null> }>(await core.invoke('records.unmask', { recordId: person.recordId, reason: '核对导入' }));
    expect(unmasked.fields.CF_XDR_ZJHM).toBe(PERSON_ID);

    expect(value<{ total: number }>(await core.invoke('batches.pending', {})).total).toBe(4);
  });

  it('as history already published: accepted, 公示期满 or 已撤回, a version saying where it came from, nothing queued', async () => {
    const core = await desk();
    const s = await importBytes(core, 'penalty', `处罚2016.${format}`, await file(), { alreadyReported: true });
    expect(s).toMatchObject({ imported: 5, rejected: 3, alreadyReported: true, queued: 0, history: { accepted: 3, expired: 1, withdrawn: 1 } });
    expect(errorKeys(s).map((k) => k.split(':')[0])).toEqual(['5', '5', '6', '7']);

    // batch prepare finds no operation.
    expect(value<{ total: number }>(await core.invoke('batches.pending', {})).total).toBe(0);
    const prepare = await core.invoke('batches.prepare', {});
    expect(prepare).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (!prepare.ok) expect(prepare.error.message).toContain('没有待报送的操作');

    expect((await recordByNumber(core, '栾市监罚〔2025〕101号')).state).toBe('accepted');
    expect((await recordByNumber(core, '栾市监罚〔2019〕8号')).state).toBe('expired');
    const withdrawn = await recordByNumber(core, '栾市监罚〔2024〕9号');
    expect(withdrawn.state).toBe('withdrawn');
    const history = value<RecordVersionView[]>(await core.invoke('records.history', { recordId: withdrawn.recordId }));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ version: 1, action: 'history', state: 'withdrawn', by: 'clerk1' });
    expect(history[0].reason).toBe(`已在平台公示过的历史记录：处罚2016.${format} 第 9 行（2016 版双公示模板）`);
  });
});

describe('history once imported', () => {
  it('a correction of a history record is reported as an update, a withdrawal as a withdrawal (the platform has it)', async () => {
    const core = await desk();
    await importBytes(core, 'penalty', '处罚2016.xlsx', await xlsxBytes(PENALTY_2016_CODES, penalty2016Rows()), { alreadyReported: true });
    const accepted = await recordByNumber(core, '栾市监罚〔2025〕101号');
    const { fields } = value<{ fields: Record<string, string | null> }>(await core.invoke('records.unmask', { recordId: accepted.recordId, reason: '核对金额' }));
    value(
      await core.invoke('records.update', {
        recordId: accepted.recordId,
        baseVersion: accepted.version,
        values: { ...accepted.fields, ...fields, CF_NR_FK: '0.6', CF_NR: '罚款人民币6000元' },
        reason: '金额更正',
        submit: true,
      }),
    );
    const other = await recordByNumber(core, '栾市监罚〔2025〕102号');
    value(await core.invoke('records.withdraw', { recordId: other.recordId, reason: '决定已撤销' }));
    expect(value<{ counts: Record<string, Record<string, number>> }>(await core.invoke('batches.pending', {})).counts).toEqual({ penalty: { update: 1, withdraw: 1 } });
  });

  it('history and “update existing records” together are refused before anything is read', async () => {
    const core = await desk();
    const r = await core.invoke('import.run', {
      category: 'penalty',
      fileName: 'x.xlsx',
      content: (await xlsxBytes(PENALTY_2016_CODES, penalty2016Rows())).toString('base64'),
      alreadyReported: true,
      update: true,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(value<SearchResult>(await core.invoke('records.search', { category: 'penalty' })).total).toBe(0);
  });

  it('the same rows by their 2016 labels, with a title row above the header, import the same; row numbers stay Excel’s', async () => {
    const core = await desk();
    const bytes = await xlsxBytes(PENALTY_2016_LABELS, penalty2016Rows(), [['行政处罚信息（2016 版双公示）'], []]);
    const s = await importBytes(core, 'penalty', '处罚2016-中文列名.xlsx', bytes);
    expect(s.generation.key).toBe('penalty-2016');
    expect(s).toMatchObject({ imported: 4, rejected: 4 });
    // The header is row 3 now: every row number moved by two.
    expect([...new Set(s.errors.map((e) => e.row))]).toEqual([7, 8, 9, 11]);
  });
});

describe.each(['xlsx', 'xls'] as const)('a 2016 行政许可 workbook (.%s)', (format) => {
  it('maps 项目名称, 审批类别 and 许可截止期, starts validity with the decision, refuses what cannot be mapped', async () => {
    const core = await desk();
    const s = await importBytes(core, 'license', `许可2016.${format}`, await fileBytes(format, LICENSE_2016_LABELS, license2016Rows()), { alreadyReported: true });
    expect(s.generation).toEqual({ key: 'license-2016', name: '2016 版双公示模板' });
    expect(s).toMatchObject({ imported: 3, rejected: 2, queued: 0, history: { accepted: 2, expired: 0, withdrawn: 1 } });
    expect(errorKeys(s)).toEqual(['5:XK_YXQZI:date-order', '6:XK_XKLB:code-detail-required']);
    expect(s.inferred).toMatchObject({ 'subject-type': 3, 'valid-from-decision': 3, 'authority-code': 3, 'source-unit': 3 });
    expect(s.rules.find((r) => r.id === 'subject-type')!.outcomes).toEqual({ 法人及非法人组织: 1, 自然人: 1, 个体工商户: 1 });
    const r = await recordByNumber(core, '栾市监许〔2025〕1号');
    expect(r).toMatchObject({ state: 'accepted' });
    expect(r.fields).toMatchObject({
      XK_XKWS: '食品经营许可', // 项目名称
      XK_XKLB: '普通', // 审批类别
      XK_YXQZ: '2025-03-02', // = 许可决定日期
      XK_YXQZI: '2030-03-01', // 许可截止期
      XK_XKJG: DEPARTMENT.name,
      XK_XKJGDM: DEPARTMENT.uscc,
      XK_LYDW: DEPARTMENT.name,
      XK_LYDWDM: DEPARTMENT.uscc,
      XK_ZT: '1',
    });
    expect((await recordByNumber(core, '栾市监许〔2024〕3号')).state).toBe('withdrawn');
    expect(value<{ total: number }>(await core.invoke('batches.pending', {})).total).toBe(0);
  });
});

describe('an export of a 2019–2021 system', () => {
  it('imports 5 of 5 rows that today’s template alone refused: numbered code labels, 法定代表人身份证号, no 行政相对人类别', async () => {
    const core = await desk();
    const rows = [
      penalty2019(1),
      penalty2019(2, { '行政相对人代码_1（统一社会信用代码）': uscc('92', 52), 行政相对人名称: '栾城区周八小吃店' }),
      penalty2019(3, { '行政相对人代码_2（工商注册号）': '130111000099999', '行政相对人代码_6（社会组织登记证号）': '51130111MJ0000001' }),
      penalty2019(4),
      penalty2019(5),
    ];
    const s = await importBytes(core, 'penalty', '导出.xlsx', await xlsxBytes(PENALTY_2019_HEADER, rows));
    expect(s.generation).toEqual({ key: 'penalty-2019-export', name: '2019–2021 年系统导出格式' });
    expect(s).toMatchObject({ imported: 5, rejected: 0, unknownColumns: [] });
    expect(s.columns.filter((c) => c.status === 'ignored').map((c) => c.header)).toEqual(['序号', '数据导出时间']);
    expect(s.rules.find((r) => r.id === 'subject-type')).toMatchObject({ count: 5, outcomes: { 法人及非法人组织: 4, 个体工商户: 1 } });
    const r3 = await recordByNumber(core, '栾市监罚〔2021〕3号');
    expect(r3.fields).toMatchObject({ CF_XDR_GSZC: '130111000099999', CF_XDR_SHZZ: '51130111MJ0000001', CF_FR_ZJLX: '身份证', CF_XDR_LB: '法人及非法人组织' });
  });

  it('a refused row names the file’s own column it came from', async () => {
    const core = await desk();
    const s = await importBytes(core, 'penalty', '导出.xlsx', await xlsxBytes(PENALTY_2019_HEADER, [penalty2019(1, { 法定代表人身份证号: '110105194912310021' })]));
    expect(s.errors).toEqual([expect.objectContaining({ row: 2, field: 'CF_FR_ZJHM', code: 'idcard-check' })]);
    expect(s.errors[0].message).toContain('（文件中的列：“法定代表人身份证号”）');
  });
});

describe('header matching', () => {
  it('tolerates full- and half-width brackets, spaces, a trailing colon, codes inside labels', async () => {
    const core = await desk();
    const header = PENALTY_2019_HEADER.map((h, i) =>
      i === 2 ? ' 行政相对人代码_1 (统一社会信用代码)：' : i === 9 ? '法定代表人身份证号:' : i === 10 ? '决定书文号(CF_WSH)' : h,
    );
    const s = await importBytes(core, 'penalty', '导出.xlsx', await xlsxBytes(header, [penalty2019(1)]));
    expect(s).toMatchObject({ imported: 1, unknownColumns: [] });
    expect(s.generation.key).toBe('penalty-2019-export');
  });
});

describe('the category check and the column preview (issue 12 item 8)', () => {
  it('a 行政许可 file chosen as 行政处罚 is refused with “这像是行政许可的表格”, not a row error each, and nothing is written', async () => {
    const core = await desk();
    const bytes = await xlsxBytes(LICENSE_2016_LABELS, license2016Rows());
    const r = await core.invoke('import.run', { category: 'penalty', fileName: '许可.xlsx', content: bytes.toString('base64') });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_FILE', details: { suggestedCategory: 'license' } } });
    if (!r.ok) expect(r.error.message).toMatch(/^这像是“行政许可”的表格/);
    expect(value<SearchResult>(await core.invoke('records.search', {})).total).toBe(0);
    const inspection = value<ImportInspection>(await core.invoke('import.inspect', { category: 'penalty', fileName: '许可.xlsx', content: bytes.toString('base64') }));
    expect(inspection.suggestion).toMatchObject({ category: 'license' });
  });

  it('previews the generation, every column, the required fields that have no column and the rule that fills each, writing nothing', async () => {
    const core = await desk();
    const bytes = await xlsxBytes([...PENALTY_2016_CODES, '内部编号'], penalty2016Rows(), [['行政处罚信息表']]);
    const i = value<ImportInspection>(await core.invoke('import.inspect', { category: 'penalty', fileName: '处罚.xlsx', content: bytes.toString('base64') }));
    expect(i).toMatchObject({ fileName: '处罚.xlsx', format: 'xlsx', category: 'penalty', headerRow: 2, suggestion: null });
    expect(i.generation.key).toBe('penalty-2016');
    const status = Object.fromEntries(i.columns.map((c) => [c.header, c.status]));
    expect(status).toMatchObject({ CF_WSH: 'field', CF_CFMC: 'mapped', CF_CFLB1: 'mapped', CF_XDR_SFZ: 'mapped', CF_ZT: 'status', DFBM: 'ignored', 内部编号: 'unknown' });
    expect(i.columns.find((c) => c.header === 'CF_CFLB2')!.note).toContain('处罚类别');
    expect(i.missing).toEqual([
      { field: 'CF_XDR_LB', rule: 'subject-type' },
      { field: 'CF_YXQ', rule: 'valid-until-publication-end' },
      { field: 'CF_CFJGDM', rule: 'authority-code' },
      { field: 'CF_SJLYDM', rule: 'source-unit' },
    ]);
    expect(i.rules.map((r) => r.id)).toEqual(['subject-type', 'authority-code', 'source-unit', 'penalty-kind-code', 'fine-from-result', 'valid-until-publication-end']);
    expect(i.rules[0].description).toContain('92 开头');
    expect(value<SearchResult>(await core.invoke('records.search', {})).total).toBe(0);
  });

  it('today’s template is today’s generation, with nothing missing; a file of a wrong kind gets a clear refusal', async () => {
    const core = await desk();
    const header = ['行政相对人名称', '行政相对人类别', '统一社会信用代码', '行政处罚决定书文号', '违法行为类型', '违法事实', '处罚依据', '处罚类别', '处罚内容', '罚款金额（万元）', '处罚决定日期', '处罚有效期', '处罚机关', '处罚机关统一社会信用代码', '数据来源单位', '数据来源单位统一社会信用代码'];
    const i = value<ImportInspection>(await core.invoke('import.inspect', { category: 'penalty', fileName: 'a.xlsx', content: (await xlsxBytes(header, [])).toString('base64') }));
    expect(i).toMatchObject({ generation: { key: 'penalty-current', name: '现行标准模板' }, missing: [], suggestion: null });
    expect(i.columns.every((c) => c.status === 'field')).toBe(true);
    const pdf = await core.invoke('import.inspect', { category: 'penalty', fileName: 'a.pdf', content: 'AAAA' });
    expect(pdf).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
  });
});

describe('the migration report', () => {
  it('per file: the generation, columns mapped and ignored, rules with counts, rows imported and refused, as .xlsx', async () => {
    const core = await desk();
    const s = await importBytes(core, 'penalty', '处罚2016.xlsx', await xlsxBytes(PENALTY_2016_CODES, penalty2016Rows()), { alreadyReported: true });
    const report = value<FilePayload>(await core.invoke('import.migrationReport', { importId: s.importId }));
    expect(report.fileName).toBe('处罚2016-迁移报告.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(report.content, 'base64') as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '列对应', '转换规则', '被拒绝的行']);
    const pairs = (name: string) => (wb.getWorksheet(name)!.getSheetValues().slice(2) as unknown[][]).map((r) => r.slice(1));
    const overview = Object.fromEntries(pairs('概况').map(([k, v]) => [k, v]));
    expect(overview).toMatchObject({ 识别为: '2016 版双公示模板', 新增导入: 5, '拒绝（未导入）': 3, 排入报送队列的操作: 0, '其中 公示期满': 1, '其中 已撤回': 1 });
    expect(overview['导入方式']).toContain('历史记录');
    const columns = pairs('列对应');
    expect(columns.find((r) => r[1] === 'CF_JG')).toEqual(['N', 'CF_JG', '按旧模板转换', '处罚内容（CF_NR）']);
    expect(columns.find((r) => r[1] === 'CF_SY')![2]).toBe('按现行字段导入'); // 处罚事由 is today's CF_SY
    expect(columns.find((r) => r[1] === 'SJC')![2]).toBe('已知列，不导入');
    const rules = pairs('转换规则');
    expect(rules.find((r) => r[0] === '从处罚结果读出罚款金额')![2]).toBe(2);
    expect(rules.map((r) => r[0]).join()).not.toMatch(/[a-z]+-[a-z]+/); // rule names, not ids (issue 19, item 11)
    expect(rules.find((r) => r[0] === '按代码推定行政相对人类别')![3]).toBe('法人及非法人组织 3 行；个体工商户 1 行；自然人 1 行');
    expect(pairs('被拒绝的行').map((r) => r[0])).toEqual([5, 6, 7]);
  });
});
