/**
 * Importing real .xlsx and .csv files through the contract: row errors with
 * spreadsheet row numbers, one transaction, duplicates on re-import, updates,
 * the downloadable error report.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilePayload, ImportSummary, RecordVersionView, SearchResult } from '../../electron/contract/records';
import { getCategory, registerCategory } from '../../electron/core/catalog/registry';
import { importThreading } from '../../electron/core/records/import';
import { clerkDesk, penaltyRow, value } from '../helpers';

const HEADER = ['行政相对人名称', '行政相对人类别', 'CF_XDR_SHXYM', '法定代表人', '行政处罚决定书文号', '违法行为类型', '违法事实', '处罚依据', '处罚类别', '处罚内容', '罚款金额（万元）', '处罚决定日期', '处罚有效期', '处罚机关', '处罚机关统一社会信用代码', '数据来源单位', '数据来源单位统一社会信用代码'];
const CODES = ['CF_XDR_MC', 'CF_XDR_LB', 'CF_XDR_SHXYM', 'CF_FRDB', 'CF_WSH', 'CF_WFXW', 'CF_SY', 'CF_YJ', 'CF_CFLB', 'CF_NR', 'CF_NR_FK', 'CF_JDRQ', 'CF_YXQ', 'CF_CFJG', 'CF_CFJGDM', 'CF_SJLY', 'CF_SJLYDM'];

function rowCells(values: Record<string, unknown>): unknown[] {
  return CODES.map((c) => values[c] ?? null);
}

/** Rows 2–7 of a mixed file: four valid rows and two with errors (rows 4 and 6). */
function mixedRows(): unknown[][] {
  return [
    rowCells(penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号' })),
    rowCells(penaltyRow({ CF_WSH: '栾市监罚〔2026〕2号', CF_XDR_MC: '正定县华鑫建材有限公司', CF_XDR_SHXYM: '91230500MA1B3N1N2M' })),
    rowCells(penaltyRow({ CF_WSH: '栾市监罚〔2026〕3号', CF_JDRQ: '2026-02-30' })), // row 4: impossible date
    rowCells(penaltyRow({ CF_WSH: '栾市监罚〔2026〕4号', CF_CFLB: '2', CF_JDRQ: '2026/03/05' })), // old numeric code, slash date
    rowCells(penaltyRow({ CF_WSH: '', CF_XDR_SHXYM: '91350200776049653B' })), // row 6: missing number, bad check digit
    rowCells(penaltyRow({ CF_WSH: '栾市监罚〔2026〕6号', CF_CFLB: '警告；罚款' })),
  ];
}

async function xlsx(rows: unknown[][], header = HEADER, extraColumn = false): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('行政处罚');
  ws.addRow(extraColumn ? [...header, '内部备注'] : header);
  for (const r of rows) ws.addRow(extraColumn ? [...r, '不导入'] : r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function relogin(core: Awaited<ReturnType<typeof clerkDesk>>, login: string, password: string) {
  value(await core.invoke('auth.logout', {}));
  value(await core.invoke('auth.login', { login, password }));
}

async function importXlsx(core: Awaited<ReturnType<typeof clerkDesk>>, content: string, options: Record<string, unknown> = {}) {
  return value<ImportSummary>(await core.invoke('import.run', { category: 'penalty', fileName: '处罚.xlsx', content, ...options }));
}

// Every case runs twice: parsed in the core's thread (small files) and in the import worker (large files).
describe.each([
  ['in the core thread', Number.POSITIVE_INFINITY],
  ['in a worker thread', 0],
])('import, parsed %s', (_where, workerFromBytes) => {
  const usual = importThreading.workerFromBytes;
  beforeAll(() => void (importThreading.workerFromBytes = workerFromBytes));
  afterAll(() => void (importThreading.workerFromBytes = usual));

  it('imports the valid rows and reports each rejected row by row number and field', async () => {
    const core = await clerkDesk();
    const summary = await importXlsx(core, await xlsx(mixedRows(), HEADER, true));
    expect(summary).toMatchObject({ totalRows: 6, imported: 4, rejected: 2, duplicates: 0, updated: 0, rolledBack: false });
    expect(summary.unknownColumns).toEqual(['内部备注']);
    const errs = summary.errors.map((e) => `${e.row}:${e.field}:${e.code}`).sort();
    expect(errs).toEqual(['4:CF_JDRQ:date-invalid', '6:CF_WSH:required', '6:CF_XDR_SHXYM:uscc-check']);
    expect(summary.errors.find((e) => e.row === 4)!.message).toContain('处罚决定日期');
    const found = value<SearchResult>(await core.invoke('records.search', { category: 'penalty' }));
    expect(found.total).toBe(4);
  });

  it('importing the same file twice gives the same errors and no duplicates', async () => {
    const core = await clerkDesk();
    const file = await xlsx(mixedRows());
    const first = await importXlsx(core, file);
    const second = await importXlsx(core, file);
    expect(second.errors).toEqual(first.errors);
    expect(second).toMatchObject({ imported: 0, duplicates: 4, rejected: 2 });
    expect(value<SearchResult>(await core.invoke('records.search', { category: 'penalty' })).total).toBe(4);
  });

  it('cancelled after its first chunk is written, an import rolls back whole', async () => {
    const core = await clerkDesk();
    const rows = Array.from({ length: 5000 }, (_, i) => rowCells(penaltyRow({ CF_WSH: `栾市监罚〔2026〕${i + 1}号` })));
    const content = await xlsx(rows);
    const progress: { done: number; total: number | null }[] = [];
    const off = core.onEvent((e) => {
      if (e.type !== 'progress' || e.callId !== 'big-import') return;
      progress.push({ done: e.done, total: e.total });
      core.cancel('big-import');
    });
    const result = await core.invoke('import.run', { category: 'penalty', fileName: '处罚.xlsx', content }, 'big-import');
    off();
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0].done).toBeGreaterThan(0);
    // The share of the sheet read gives an estimate of the 5,000 rows.
    expect(progress[0].total).toBeGreaterThanOrEqual(progress[0].done);
    expect(progress[0].total).toBeGreaterThan(3500);
    expect(progress[0].total).toBeLessThan(6500);
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(value<SearchResult>(await core.invoke('records.search', { category: 'penalty' })).total).toBe(0);
  });

  it('all-or-nothing writes nothing when a row is rejected', async () => {
    const core = await clerkDesk();
    const summary = await importXlsx(core, await xlsx(mixedRows()), { allOrNothing: true });
    expect(summary).toMatchObject({ rolledBack: true, imported: 0, rejected: 2 });
    expect(value<SearchResult>(await core.invoke('records.search', { category: 'penalty' })).total).toBe(0);
  });

  it('--update records a new version only where the content differs', async () => {
    const core = await clerkDesk();
    await importXlsx(core, await xlsx(mixedRows()));
    const changed = mixedRows();
    changed[0][CODES.indexOf('CF_NR_FK')] = '0.7';
    changed[0][CODES.indexOf('CF_NR')] = '罚款人民币七千元'; // 处罚内容 names the amount: corrected together
    const summary = await importXlsx(core, await xlsx(changed), { update: true });
    expect(summary).toMatchObject({ imported: 0, updated: 1, duplicates: 3, rejected: 2 });
    const id = value<SearchResult>(await core.invoke('records.search', { query: '栾市监罚〔2026〕1号' })).items[0].recordId;
    const history = value<RecordVersionView[]>(await core.invoke('records.history', { recordId: id }));
    expect(history[0]).toMatchObject({ version: 2, action: 'import', changes: [{ field: 'CF_NR', before: '罚款人民币五千元', after: '罚款人民币七千元' }, { field: 'CF_NR_FK', before: '0.5', after: '0.7' }] });
  });

  it('--update leaves a record past pending alone when its row is unchanged', async () => {
    const core = await clerkDesk();
    const file = await xlsx(mixedRows());
    await importXlsx(core, file);
    // Reported: the batch holding them is approved.
    const batch = value<{ batchId: number }>(await core.invoke('batches.prepare', {}));
    await relogin(core, 'boss', 'boss-pass-1');
    value(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
    value(await core.invoke('batches.approve', { batchId: batch.batchId, password: 'boss-pass-1' }));
    await relogin(core, 'clerk1', 'clerk-pass-1');
    const reported = value<SearchResult>(await core.invoke('records.search', { category: 'penalty' }));
    expect(reported.items.map((i) => i.state)).toEqual(['reported', 'reported', 'reported', 'reported']);
    const again = await importXlsx(core, file, { update: true });
    expect(again).toMatchObject({ imported: 0, updated: 0, duplicates: 4, rejected: 2 });
    const after = value<SearchResult>(await core.invoke('records.search', { category: 'penalty' }));
    expect(after.items.map((i) => [i.state, i.version])).toEqual(reported.items.map((i) => [i.state, i.version]));
    expect(value<{ total: number }>(await core.invoke('batches.pending', {})).total).toBe(0);
  });

  it('--update rejects the row of a withdrawn record instead of failing the import', async () => {
    const core = await clerkDesk();
    await importXlsx(core, await xlsx(mixedRows()));
    const first = value<SearchResult>(await core.invoke('records.search', { query: '栾市监罚〔2026〕1号' })).items[0].recordId;
    value(await core.invoke('records.withdraw', { recordId: first, reason: '决定已撤销' }));
    // Unchanged, the withdrawn record's row is only a duplicate.
    expect(await importXlsx(core, await xlsx(mixedRows()), { update: true })).toMatchObject({ imported: 0, updated: 0, duplicates: 4, rejected: 2 });
    const changed = mixedRows();
    changed[0][CODES.indexOf('CF_NR_FK')] = '0.7'; // row 2: the withdrawn record
    changed[0][CODES.indexOf('CF_NR')] = '罚款人民币七千元';
    changed[1][CODES.indexOf('CF_NR_FK')] = '0.9'; // row 3: an ordinary one
    changed[1][CODES.indexOf('CF_NR')] = '罚款人民币九千元';
    const summary = await importXlsx(core, await xlsx(changed), { update: true });
    expect(summary).toMatchObject({ imported: 0, updated: 1, duplicates: 2, rejected: 3, rolledBack: false });
    const refused = summary.errors.find((e) => e.row === 2)!;
    expect(refused).toMatchObject({ field: 'CF_WSH', code: 'not-editable' });
    expect(refused.message).toContain(`编号 ${first}`);
    expect(refused.message).toContain('已撤回');
    const history = value<RecordVersionView[]>(await core.invoke('records.history', { recordId: first }));
    expect(history.map((h) => h.state)).toEqual(['withdrawn', 'pending']);
    // The error report carries the refused row, rebuilt in the file's columns.
    const report = value<FilePayload>(await core.invoke('import.errorReport', { importId: summary.importId }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(report.content, 'base64') as never);
    const rows = wb.worksheets[0].getSheetValues().slice(2) as unknown[][];
    const row2 = rows.find((r) => r[1] === 2)!;
    expect(row2).toBeDefined();
    expect(row2).toContain('栾市监罚〔2026〕1号');
    expect(row2).toContain('0.7');
    expect(String(row2[row2.length - 1])).toContain('已撤回');
  });

  it('offers the rejected rows as an .xlsx error report with the original cells and an error column', async () => {
    const core = await clerkDesk();
    const summary = await importXlsx(core, await xlsx(mixedRows()));
    const report = value<FilePayload>(await core.invoke('import.errorReport', { importId: summary.importId }));
    expect(report.fileName).toBe('处罚-错误报告.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(report.content, 'base64') as never);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe('原行号');
    expect(header[header.length - 1]).toBe('错误说明');
    expect(ws.getRow(2).getCell(1).value).toBe(4);
    expect(String(ws.getRow(2).getCell(header.length).value)).toContain('处罚决定日期');
    expect(ws.getRow(3).getCell(1).value).toBe(6);
    expect(ws.rowCount).toBe(3);
  });

  it('reads CSV files (GB18030 detection is covered in test/io)', async () => {
    const core = await clerkDesk();
    const lines = [HEADER.join(','), ...mixedRows().slice(0, 2).map((r) => r.map((c) => `"${String(c ?? '')}"`).join(','))];
    const utf8 = Buffer.from('\ufeff' + lines.join('\r\n'), 'utf8');
    const summary = value<ImportSummary>(await core.invoke('import.run', { category: 'penalty', fileName: 'a.csv', content: utf8.toString('base64') }));
    expect(summary).toMatchObject({ imported: 2, rejected: 0 });
  });

  it('refuses a file it cannot read with a clear message and writes nothing', async () => {
    const core = await clerkDesk();
    const result = await core.invoke('import.run', { category: 'penalty', fileName: 'x.xlsx', content: Buffer.from('not a zip at all').toString('base64') });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/Excel|xlsx/);
    const wrongType = await core.invoke('import.run', { category: 'penalty', fileName: 'x.pdf', content: 'AAAA' });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
    expect(value<SearchResult>(await core.invoke('records.search', { category: 'penalty' })).total).toBe(0);
  });

  it('hands out a blank template with dropdowns for code lists', async () => {
    const core = await clerkDesk();
    const template = value<FilePayload>(await core.invoke('templates.get', { category: 'penalty' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(template.content, 'base64') as never);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toContain('行政相对人类别');
    const col = header.indexOf('行政相对人类别') + 1;
    const validation = ws.getRow(2).getCell(col).dataValidation;
    expect(validation?.type).toBe('list');
    expect(String(validation?.formulae?.[0] ?? '')).toContain('自然人');
  });
});

describe('import of a large file', () => {
  it('a category with a custom rule, which cannot be copied to the worker, is parsed in the core thread', async () => {
    const penalty = getCategory('penalty');
    const usual = importThreading.workerFromBytes;
    registerCategory(
      {
        ...penalty,
        rules: [
          ...(penalty.rules ?? []),
          { kind: 'custom', id: 'test-fine', check: (values) => (values.CF_NR_FK === '0.77' ? [{ field: 'CF_NR_FK', code: 'custom', message: '测试用规则：罚款金额不能是 0.77' }] : null) },
        ],
      },
      { replace: true },
    );
    importThreading.workerFromBytes = 0;
    try {
      const core = await clerkDesk();
      const summary = await importXlsx(core, await xlsx([rowCells(penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号' })), rowCells(penaltyRow({ CF_WSH: '栾市监罚〔2026〕2号', CF_NR_FK: '0.77', CF_NR: '罚款人民币七千七百元' }))]));
      expect(summary).toMatchObject({ imported: 1, rejected: 1 });
      expect(summary.errors).toEqual([expect.objectContaining({ row: 3, field: 'CF_NR_FK', message: '测试用规则：罚款金额不能是 0.77' })]);
    } finally {
      importThreading.workerFromBytes = usual;
      registerCategory(penalty, { replace: true });
    }
  });
});
