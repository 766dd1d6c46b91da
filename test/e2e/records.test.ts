/**
 * 信用记录 end to end: a clerk imports an .xlsx with invalid rows, sees the error
 * table, downloads the error report, enters the corrected record in the form
 * (inline validation, publication clock), corrects it again with a reason, finds
 * it by a 2-character search and sees its history. A second test covers the
 * rest of a clerk's day: 工作台 counts, 待整改 with the platform's reason, a
 * name conflict on the subject page, unmasking an ID number, withdrawal,
 * column settings and export.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BatchOperationView, BatchView } from '../../electron/contract';
import { generatePenaltyWorkbook } from '../bench/fixtures';
import { penaltyRow, tempFolder } from '../helpers';
import { ADMIN, browserDesks, choose, CLERK, date, logIn, setUpThroughCore, shot, type Desk } from './helpers';
import { platformReceipt } from '../receipts';

const APPROVER = { login: 'boss', name: '赵国强', password: 'boss-pass-1' };

/** The columns of the import file: Chinese labels and one field code, in the clerks' own order, plus a column the catalogue does not know. */
const HEADER = ['行政相对人名称', '行政相对人类别', 'CF_XDR_SHXYM', '法定代表人', '行政处罚决定书文号', '违法行为类型', '违法事实', '处罚依据', '处罚类别', '处罚内容', '罚款金额（万元）', '处罚决定日期', '处罚有效期', '处罚机关', '处罚机关统一社会信用代码', '数据来源单位', '数据来源单位统一社会信用代码', '内部备注'];
const CODES = ['CF_XDR_MC', 'CF_XDR_LB', 'CF_XDR_SHXYM', 'CF_FRDB', 'CF_WSH', 'CF_WFXW', 'CF_SY', 'CF_YJ', 'CF_CFLB', 'CF_NR', 'CF_NR_FK', 'CF_JDRQ', 'CF_YXQ', 'CF_CFJG', 'CF_CFJGDM', 'CF_SJLY', 'CF_SJLYDM'];

const cells = (values: Record<string, unknown>, note = '') => [...CODES.map((c) => values[c] ?? null), note];

/** Rows 2–7: four valid rows, row 4 with an impossible date, row 6 without a decision number and with a bad check digit. */
async function mixedXlsx(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('行政处罚');
  ws.addRow(HEADER);
  ws.addRow(cells(penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号' }), '已核对'));
  ws.addRow(cells(penaltyRow({ CF_WSH: '栾市监罚〔2026〕2号', CF_XDR_MC: '正定县华鑫建材有限公司', CF_XDR_SHXYM: '91230500MA1B3N1N2M', CF_FRDB: '刘洋' })));
  ws.addRow(cells(penaltyRow({ CF_WSH: '栾市监罚〔2026〕3号', CF_XDR_MC: '石家庄市栾城区德润食品有限公司', CF_XDR_SHXYM: '913502000728319549', CF_JDRQ: '2026-02-30' })));
  ws.addRow(cells(penaltyRow({ CF_WSH: '栾市监罚〔2026〕4号', CF_XDR_MC: '广州市天河区百味餐饮管理有限公司', CF_XDR_SHXYM: '91440101MA5CJQ4N59', CF_CFLB: '2', CF_JDRQ: '2026/03/05' })));
  ws.addRow(cells(penaltyRow({ CF_WSH: '', CF_XDR_MC: '石家庄市栾城区顺达物流有限公司', CF_XDR_SHXYM: '91350200776049653B' })));
  ws.addRow(cells(penaltyRow({ CF_WSH: '栾市监罚〔2026〕6号', CF_XDR_MC: '正定县华鑫建材有限公司', CF_XDR_SHXYM: '91230500MA1B3N1N2M', CF_CFLB: '警告；罚款' })));
  await wb.xlsx.writeFile(path);
}

/** Logs the core's one session in as someone (the page shares it: reload it afterwards). */
async function as(desk: Desk, who: { login: string; password: string }) {
  await desk.invoke('auth.logout').catch(() => undefined);
  await desk.invoke('auth.login', { login: who.login, password: who.password });
}

/** A form field by its field code (antd gives each control the field's name as id). */
const field = (page: Page, code: string) => page.locator(`#${code}`);

describe('信用记录', () => {
  const openDesk = browserDesks();

  it('import with errors → error report → corrected in the form → corrected again with a reason → found by 2 characters → history', async () => {
    const desk = await openDesk();
    const { page } = desk;
    const folder = tempFolder();
    await setUpThroughCore(desk);
    const file = join(folder, '2026年3月行政处罚.xlsx');
    await mixedXlsx(file);

    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    await page.getByTestId('stat-records').getByText('0').waitFor();
    await page.getByRole('menuitem', { name: '信用记录' }).click();
    await page.getByRole('tab', { name: /行政许可/ }).waitFor();
    // Each tab: the category's name and its count.
    expect((await page.getByTestId('category-tabs').getByRole('tab').allInnerTexts()).map((s) => s.trim().replace(/\s*[\d,]+$/, ''))).toEqual([
      '行政许可',
      '行政处罚',
      '守信激励名单',
      '严重失信主体名单',
      '信用承诺',
    ]);
    await page.getByRole('tab', { name: /行政处罚/ }).click();
    await page.waitForURL(/#\/records\/penalty\/all$/);
    await shot(page, 'records-01-empty-list');

    // --- Import: category + file → check → options → run → result ------------------------
    await page.getByRole('button', { name: '导入' }).click();
    await page.getByRole('heading', { name: '导入信用记录' }).waitFor();
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-download').click()]);
    expect(template.suggestedFilename()).toBe('行政处罚-导入模板.xlsx');
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-file-name').getByText('2026年3月行政处罚.xlsx').waitFor();
    await shot(page, 'records-02-import-file');
    await page.getByRole('button', { name: '下一步' }).click();
    // Checked before anything is read: today's template, one column it does not know.
    await page.getByTestId('import-generation').getByText('按现行标准模板导入').waitFor();
    await page.getByTestId('import-columns').locator('tr', { hasText: '内部备注' }).getByText('无法识别').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('导入有效行').waitFor();
    expect(await page.getByLabel('导入有效行').isChecked()).toBe(true);
    expect(await page.getByLabel('已存在时更新').isChecked()).toBe(false);
    await shot(page, 'records-03-import-options');
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByTestId('import-result-title').getByText('已导入 4 条；2 行有错误未导入').waitFor();
    for (const [key, n] of [['totalRows', '6'], ['imported', '4'], ['updated', '0'], ['duplicates', '0'], ['rejected', '2']]) {
      expect((await page.getByTestId(`import-count-${key}`).locator('.ant-statistic-content').innerText()).trim()).toBe(n);
    }
    await page.getByTestId('unknown-columns').getByText('内部备注').waitFor();
    const errors = page.getByTestId('import-errors');
    const rows = (await errors.locator('tbody tr.ant-table-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^4 处罚决定日期 ?CF_JDRQ .*不是真实存在的日期：2026-02-30/);
    expect(rows.slice(1).join('\n')).toMatch(/^6 行政处罚决定书文号 ?CF_WSH .*必填/m);
    expect(rows.slice(1).join('\n')).toMatch(/^6 统一社会信用代码 ?CF_XDR_SHXYM .*校验位错误/m);
    await shot(page, 'records-04-import-result');

    // The error report: the rejected rows as they were, plus an error column.
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('error-report-download').click()]);
    expect(report.suggestedFilename()).toBe('2026年3月行政处罚-错误报告.xlsx');
    const reportPath = join(folder, report.suggestedFilename());
    await report.saveAs(reportPath);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(reportPath);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header[0]).toBe('原行号');
    expect(header.at(-1)).toBe('错误说明');
    expect(header).toContain('行政处罚决定书文号');
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(2).getCell(1).value).toBe(4);
    expect(String(ws.getRow(2).getCell(header.length).value)).toContain('“处罚决定日期”（CF_JDRQ）不是真实存在的日期');
    expect(ws.getRow(3).getCell(1).value).toBe(6);
    expect(String(ws.getRow(3).getCell(header.length).value)).toMatch(/CF_WSH.*必填.*；.*CF_XDR_SHXYM.*校验位错误|CF_XDR_SHXYM.*校验位错误.*；.*CF_WSH.*必填/);
    expect(ws.getRow(2).getCell(2).value).toBe('石家庄市栾城区德润食品有限公司');

    await page.getByRole('button', { name: '查看记录' }).click();
    await page.waitForURL(/#\/records\/penalty\/all$/);
    const table = page.getByTestId('records-table');
    await table.getByText('正定县华鑫建材有限公司').first().waitFor();
    await page.locator('.ant-pagination').getByText('共 4 条').waitFor();
    await shot(page, 'records-05-list-after-import');

    // --- The rejected row 4, entered in the form: inline checks, the publication clock -----
    await page.getByRole('button', { name: '新增记录' }).click();
    await page.getByRole('heading', { name: '新增行政处罚记录' }).waitFor();
    await field(page, 'CF_XDR_MC').fill('石家庄市栾城区德润食品有限公司');
    await choose(page, 'CF_XDR_LB', '法人及非法人组织');
    await field(page, 'CF_XDR_SHXYM').fill('913502000728319548'); // a typo in the check character
    await page.getByTestId('field-issue-CF_XDR_SHXYM').getByText(/校验位错误（按前17位应为“9”）/).waitFor();
    await shot(page, 'records-06-form-inline-error');
    await field(page, 'CF_XDR_SHXYM').fill('913502000728319549');
    await page.getByTestId('field-issue-CF_XDR_SHXYM').waitFor({ state: 'detached' });
    await field(page, 'CF_FRDB').fill('王立新');
    await field(page, 'CF_WSH').fill('栾市监罚〔2026〕3号');
    await field(page, 'CF_WFXW').fill('销售过期食品');
    await field(page, 'CF_SY').fill('经查，当事人于2026年2月销售超过保质期的食品。');
    await field(page, 'CF_YJ').fill('《中华人民共和国食品安全法》第一百二十四条');
    await choose(page, 'CF_CFLB', '罚款');
    await field(page, 'CF_NR').fill('罚款人民币五千元');
    // 罚款 needs an amount: the core says so under the field once it has been touched.
    await field(page, 'CF_NR_FK').fill('');
    await field(page, 'CF_NR_FK').fill('0.5');
    await date(page, 'CF_JDRQ', '2026-03-02');
    await date(page, 'CF_YXQ', '2027-03-02');
    await field(page, 'CF_CFJG').fill('石家庄市栾城区市场监督管理局');
    await field(page, 'CF_CFJGDM').fill('913502000728319549');
    await field(page, 'CF_SJLY').fill('石家庄市栾城区市场监督管理局');
    await field(page, 'CF_SJLYDM').fill('913502000728319549');
    const summary = page.getByTestId('validation-summary');
    await summary.getByText('校验通过，可以保存').waitFor();
    const clock = page.getByTestId('publication-clock');
    await clock.getByText('一般', { exact: true }).waitFor();
    expect((await clock.getByTestId('publication-ends').innerText()).trim()).toBe('2027-03-02');
    await clock.getByText('2026-06-03').waitFor();
    await clock.getByText('xyxf-2025.1').waitFor();
    await shot(page, 'records-07-form-valid');
    await page.getByRole('button', { name: '保存并待报送' }).click();
    await page.getByText('记录已保存，等待报送').waitFor();
    let drawer = page.getByTestId('record-drawer');
    await drawer.getByTestId('record-title').getByText('石家庄市栾城区德润食品有限公司').waitFor();
    await drawer.getByTestId('record-state').getByText('待报送').waitFor();
    await drawer.getByTestId('record-fields').getByText('栾市监罚〔2026〕3号').waitFor();
    await shot(page, 'records-08-saved-detail');

    // --- Corrected again, with a reason: a new version -----------------------------------
    await drawer.getByRole('button', { name: '更正' }).click();
    await page.getByRole('heading', { name: /更正记录：石家庄市栾城区德润食品有限公司/ }).waitFor();
    await page.getByTestId('validation-summary').getByText('校验通过，可以保存').waitFor();
    await field(page, 'CF_NR_FK').fill('0.8');
    await field(page, 'CF_NR').fill('罚款人民币八千元');
    await page.getByRole('button', { name: '保存更正' }).click();
    await page.getByText('请说明原因（至少 2 个字）').waitFor(); // no reason, no save
    await page.getByLabel('更正原因').fill('按复核决定更正罚款金额');
    await shot(page, 'records-09-edit-with-reason');
    await page.getByRole('button', { name: '保存更正' }).click();
    await page.getByText('已保存为第 2 版').waitFor();
    await page.getByTestId('record-drawer').getByTestId('record-fields').getByText('罚款人民币八千元').waitFor();
    await page.locator('.ant-drawer-close').click();

    // --- Found by a 2-character search; its history shows the change ------------------------
    await page.getByRole('menuitem', { name: '工作台' }).click();
    await page.getByTestId('stat-records').getByText('5').waitFor();
    await page.getByTestId('stat-pending').getByText('5').waitFor();
    await shot(page, 'records-10-dashboard');
    await page.getByTestId('count-penalty-pending').click();
    await page.waitForURL(/#\/records\/penalty\/pending$/);
    await page.getByTestId('record-search').locator('input').fill('德润');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="records-table"] tbody tr.ant-table-row').length === 1);
    expect(await table.locator('tbody tr.ant-table-row').first().innerText()).toContain('栾市监罚〔2026〕3号');
    await shot(page, 'records-11-search-2-chars');
    await table.getByTestId('record-open').first().click();
    drawer = page.getByTestId('record-drawer');
    await drawer.getByRole('tab', { name: '变更历史' }).click();
    const v2 = drawer.getByTestId('record-version-2');
    await v2.getByText('按复核决定更正罚款金额').waitFor();
    await v2.getByText(CLERK.name).waitFor();
    const diff = v2.getByTestId('record-diff');
    const diffRows = (await diff.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(diffRows).toEqual(['处罚内容 罚款人民币五千元 → 罚款人民币八千元', '罚款金额（万元） 0.5 → 0.8']);
    await drawer.getByTestId('record-version-1').getByText('新建').waitFor();
    await shot(page, 'records-12-history');
    expect(desk.problems).toEqual([]);
  });

  it('an approver accepts a pilot code with a reason; a stale correction is refused and reloads; English', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await setUpThroughCore(desk);
    await as(desk, ADMIN);
    await desk.invoke('users.add', { ...APPROVER, roles: ['approver'] });
    await desk.invoke('auth.logout');
    await page.reload();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await logIn(page, APPROVER.login, APPROVER.password);
    await page.getByText(`您好，${APPROVER.name}`).waitFor();
    await page.goto(`${desk.bridge.url}#/records/penalty/new`);
    await page.getByRole('heading', { name: '新增行政处罚记录' }).waitFor();

    // A code that fails the check: an error for everyone; an approver may accept it with a reason.
    await field(page, 'CF_XDR_MC').fill('石家庄市栾城区早期试点商贸有限公司');
    await choose(page, 'CF_XDR_LB', '法人及非法人组织');
    await field(page, 'CF_XDR_SHXYM').fill('91350200776049653B');
    await page.getByTestId('field-issue-CF_XDR_SHXYM').getByText(/校验位错误/).waitFor();
    const override = page.getByTestId('override-CF_XDR_SHXYM');
    await override.getByLabel('以审核人身份放行此项（如早期试点代码）').check();
    await override.getByLabel('放行理由').fill('早期试点代码，经登记机关核实合法');
    await page.getByTestId('field-issue-CF_XDR_SHXYM').getByText(/已由审核人放行：早期试点代码，经登记机关核实合法/).waitFor();
    await field(page, 'CF_WSH').fill('栾市监罚〔2026〕31号');
    await shot(page, 'records-30-approver-override');
    await page.getByRole('button', { name: '保存为草稿' }).click();
    await page.getByText('草稿已保存').waitFor();
    const drawer = page.getByTestId('record-drawer');
    await page.locator('.ant-drawer-header').getByTestId('record-state').getByText('草稿').waitFor();
    await drawer.getByRole('tab', { name: '放行记录（1）' }).click();
    await drawer.getByText('早期试点代码，经登记机关核实合法').waitFor();
    await shot(page, 'records-31-override-in-detail');

    // Someone else corrects it meanwhile: saving the stale form is refused; 重新加载 shows the new version.
    await drawer.getByRole('button', { name: '更正' }).click();
    await page.getByRole('heading', { name: /更正记录：石家庄市栾城区早期试点商贸有限公司/ }).waitFor();
    expect(await page.getByTestId('override-CF_XDR_SHXYM').getByRole('checkbox').isChecked()).toBe(true);
    const recordId = Number(/#\/records\/edit\/(\d+)/.exec(page.url())![1]);
    await desk.invoke('records.update', {
      recordId,
      baseVersion: 1,
      values: { CF_XDR_MC: '石家庄市栾城区早期试点商贸有限公司', CF_XDR_LB: '法人及非法人组织', CF_XDR_SHXYM: '91350200776049653B', CF_WSH: '栾市监罚〔2026〕31号', CF_FRDB: '周立' },
      reason: '补充法定代表人',
      overrides: [{ field: 'CF_XDR_SHXYM', code: 'uscc-check', reason: '早期试点代码，经登记机关核实合法' }],
    });
    await field(page, 'CF_WFXW').fill('销售过期食品');
    await page.getByLabel('更正原因').fill('补充违法行为类型');
    await page.getByRole('button', { name: '保存为草稿' }).click();
    await page.getByTestId('save-conflict').getByText(/已被他人更正/).waitFor();
    await shot(page, 'records-32-conflict');
    await page.getByTestId('save-conflict').getByRole('button', { name: '重新加载' }).click();
    await page.getByText('行政处罚 · 第 2 版').waitFor();
    expect(await field(page, 'CF_FRDB').inputValue()).toBe('周立');

    // The same screens in English: labels from the catalogue, state names from the locale.
    await page.getByText('English', { exact: true }).click();
    await page.goto(`${desk.bridge.url}#/records/penalty/all`);
    await page.getByRole('tab', { name: /Administrative penalty/ }).waitFor();
    await page.getByTestId('records-table').getByText('Draft').waitFor();
    await shot(page, 'records-33-english');
    await page.getByText('中文', { exact: true }).click();
    expect(desk.problems).toEqual([]);
  });

  it('a large import shows how far it has come, and its result', async () => {
    const desk = await openDesk();
    const { page } = desk;
    const folder = tempFolder();
    await setUpThroughCore(desk);
    const file = join(folder, '2026年行政处罚（全年）.xlsx');
    await generatePenaltyWorkbook(file, 40_000);

    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    await page.getByRole('menuitem', { name: '信用记录' }).click();
    await page.getByRole('tab', { name: /行政处罚/ }).click();
    await page.getByRole('button', { name: '导入' }).click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-file-name').getByText('2026年行政处罚（全年）.xlsx').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByTestId('import-generation').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '开始导入' }).click();
    // A percentage and an estimate of the rows, while it runs.
    await page.getByTestId('import-percent').waitFor();
    await page.getByTestId('import-running').getByText(/已处理 [\d,]+ 行，共约 [\d,]+ 行/).waitFor();
    await shot(page, 'records-40-import-progress');
    await page.getByTestId('import-result-title').getByText('导入完成：40,000 条记录').waitFor({ timeout: 120_000 });
    await shot(page, 'records-41-import-large-result');
    expect(desk.problems).toEqual([]);
  });

  it('工作台 counts, 待整改 with the platform’s reason, a name conflict, unmasking, withdrawal, column settings and export', async () => {
    const desk = await openDesk();
    const { page } = desk;
    const folder = tempFolder();
    await setUpThroughCore(desk);

    // History through the core: three penalties reported in a signed batch; the platform sends one back.
    await as(desk, ADMIN);
    await desk.invoke('users.add', { ...APPROVER, roles: ['approver'] });
    await as(desk, CLERK);
    const created: number[] = [];
    for (const values of [
      penaltyRow({ CF_WSH: '栾市监罚〔2026〕21号' }),
      penaltyRow({ CF_WSH: '栾市监罚〔2026〕22号', CF_XDR_MC: '石家庄市栾城区恒瑞商贸公司' }), // same code, another name
      penaltyRow({
        CF_WSH: '栾市监罚〔2026〕23号',
        CF_XDR_MC: '张小明',
        CF_XDR_LB: '自然人',
        CF_XDR_SHXYM: null,
        CF_FRDB: null,
        CF_XDR_ZJLX: '身份证',
        CF_XDR_ZJHM: '11010519491231002X',
      }),
    ]) {
      created.push((await desk.invoke<{ recordId: number }>('records.create', { category: 'penalty', values })).recordId);
    }
    await desk.invoke('batches.prepare', {});
    await as(desk, APPROVER);
    await desk.invoke('keys.generate', { password: APPROVER.password });
    const batch = (await desk.invoke<BatchView[]>('batches.list'))[0];
    await desk.invoke('batches.approve', { batchId: batch.batchId, password: APPROVER.password });
    const ops = await desk.invoke<{ items: BatchOperationView[] }>('batches.operations', { batchId: batch.batchId });
    const receipt = {
      format: 'credit-desk-receipt/1',
      batchId: batch.publicId,
      results: ops.items.map((o) =>
        o.decisionNo === '栾市监罚〔2026〕21号'
          ? { opId: o.opId, status: 'rejected', code: '1001', message: '名称与统一社会信用代码不匹配' }
          : { opId: o.opId, status: 'accepted' },
      ),
    };
    await desk.invoke('receipts.import', { fileName: 'receipt.json', content: platformReceipt(desk.bridge.dbPath, receipt) });
    await desk.invoke('auth.logout');
    await page.reload();
    await page.getByRole('heading', { name: '登录' }).waitFor();

    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    const dash = page.getByTestId('dashboard-records');
    await dash.getByTestId('stat-records').getByText('3').waitFor();
    await dash.getByTestId('stat-rejected').getByText('1').waitFor();
    await dash.getByTestId('stat-conflicts').getByText('1').waitFor();
    await dash.getByTestId('count-penalty-accepted').getByText('2').waitFor();
    await shot(page, 'records-20-dashboard');

    // 待整改: the rejected record with the platform's code and reason.
    await dash.getByTestId('stat-rejected').click();
    await page.waitForURL(/#\/records\/penalty\/rejected$/);
    const table = page.getByTestId('records-table');
    await table.getByText('栾市监罚〔2026〕21号').waitFor();
    await table.getByTestId('record-rejection').getByText('名称与统一社会信用代码不匹配').waitFor();
    await table.getByText('1001').waitFor();
    await shot(page, 'records-21-rectify');
    await table.getByTestId('record-open').click();
    let drawer = page.getByTestId('record-drawer');
    await drawer.getByTestId('detail-rejection').getByText('平台退回：名称与统一社会信用代码不匹配').waitFor();
    await shot(page, 'records-22-rejected-detail');
    await drawer.locator('.ant-drawer-close').click();

    // Column settings are remembered.
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.waitForURL(/#\/records\/penalty\/all$/);
    await table.getByText('栾市监罚〔2026〕23号').waitFor();
    await page.getByRole('button', { name: '列设置' }).click();
    const settings = page.getByTestId('column-settings');
    await settings.getByLabel('编号').check();
    await settings.getByLabel('最后更新').check();
    await settings.getByLabel('公示截止期').uncheck();
    await page.keyboard.press('Escape');
    const COLUMNS_CHOSEN = ['编号', '行政相对人', '信用代码/证件号码', '行政处罚决定书文号', '处罚决定日期', '状态', '最后更新', '操作'];
    const headers = async () => (await table.locator('thead th').allInnerTexts()).map((s) => s.trim()).filter(Boolean);
    expect(await headers()).toEqual(COLUMNS_CHOSEN);
    await page.reload();
    await table.getByText('栾市监罚〔2026〕23号').waitFor();
    expect(await headers()).toEqual(COLUMNS_CHOSEN);
    // A person's ID number is masked in the list.
    await table.getByText('1101**********002X').waitFor();
    await shot(page, 'records-23-columns');

    // Export of the filtered list: a real .xlsx download in the standard columns.
    await page.getByTestId('export-button').hover();
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByText('导出为 Excel（.xlsx）').click()]);
    expect(exported.suggestedFilename()).toMatch(/^行政处罚-\d{8}\.xlsx$/);
    const exportPath = join(folder, exported.suggestedFilename());
    await exported.saveAs(exportPath);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exportPath);
    expect(wb.worksheets[0].rowCount).toBe(4);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1, 3)).toEqual(['行政相对人名称', '行政相对人类别']);
    await page.getByText('已导出 3 条记录').waitFor();

    // The person's record: masked until 显示 (audited), then withdrawn with a reason.
    await table.getByRole('row').filter({ hasText: '张小明' }).getByTestId('record-open').click();
    drawer = page.getByTestId('record-drawer');
    const idField = drawer.locator('[data-field="CF_XDR_ZJHM"]');
    await idField.getByText('1101**********002X').waitFor();
    await shot(page, 'records-24-masked');
    await drawer.getByRole('button', { name: '显示' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '显示' }).click();
    await idField.getByText('11010519491231002X').waitFor();
    await drawer.getByText('个人证件号码已完整显示（已记入审计日志）').waitFor();
    await shot(page, 'records-25-unmasked');
    await drawer.getByRole('button', { name: '撤回' }).click();
    const dialog = page.getByRole('dialog', { name: /撤回记录 栾市监罚〔2026〕23号/ });
    await dialog.getByLabel('撤回原因').fill('处罚决定已被复议机关撤销');
    await shot(page, 'records-26-withdraw');
    await dialog.getByRole('button', { name: '撤回' }).click();
    await page.getByText('已撤回：张小明').waitFor();
    await page.locator('.ant-drawer-header').getByTestId('record-state').getByText('已撤回').waitFor();
    await drawer.getByRole('tab', { name: '变更历史' }).click();
    const last = drawer.getByTestId('record-version-2');
    await last.getByText('处罚决定已被复议机关撤销').waitFor();
    expect((await last.getByTestId('record-diff').locator('tbody tr').innerText()).replace(/\s+/g, ' ').trim()).toBe('状态 已接收 → 已撤回');
    await shot(page, 'records-27-withdrawn-history');
    await drawer.locator('.ant-drawer-close').click();

    // 信用主体: the name conflict, and every record of the subject.
    await page.getByRole('menuitem', { name: '信用主体' }).click();
    await page.getByTestId('subjects-table').getByText('张小明').waitFor();
    await page.getByTestId('conflicts-filter').click();
    await page.waitForURL(/#\/subjects\/conflicts$/);
    const subjects = page.getByTestId('subjects-table');
    await subjects.getByTestId('conflict-tag').waitFor();
    expect(await subjects.locator('tbody tr.ant-table-row').count()).toBe(1);
    await shot(page, 'records-28-subjects-conflicts');
    await subjects.getByText('石家庄市栾城区恒瑞商贸有限公司').click();
    await page.getByTestId('subject-name').getByText('石家庄市栾城区恒瑞商贸有限公司').waitFor();
    await page.getByTestId('subject-conflicts').getByText('石家庄市栾城区恒瑞商贸公司').waitFor();
    const subjectRecords = page.getByTestId('subject-records');
    await subjectRecords.getByText('栾市监罚〔2026〕21号').waitFor();
    await subjectRecords.getByText('栾市监罚〔2026〕22号').waitFor();
    await shot(page, 'records-29-subject-page');

    // The unmasking is in the audit trail.
    await as(desk, ADMIN);
    const audit = await desk.invoke<{ items: { method: string; actor: string | null; target: string | null }[] }>('audit.list', { limit: 200 });
    expect(audit.items.filter((e) => e.method === 'records.unmask')).toEqual([
      expect.objectContaining({ actor: CLERK.login, target: `record:${created[2]}` }),
    ]);
    expect(desk.problems).toEqual([]);
  });
});
