/**
 * Issue 12, item 4 (and the auditor's 工作台, item 12), at 1366×768: the audit
 * trail in Chinese — every action by its label, targets as people read them
 * (第 1 批 …-000001, a record's 文书号, a person's 姓名), details as labelled text —
 * filtered by person, action, outcome and dates, and the filtered trail exported
 * to a real .xlsx.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchView } from '../../electron/contract';
import { nextDay, zonedDate } from '../../electron/contract/zone';
import { penaltyRow, tempFolder } from '../helpers';
import { ADMIN, as, browserDesks, CLERK, logIn, OFFICE_SCREEN, scrollsSideways, setUpThroughCore, shot, toLogin } from './helpers';

const APPROVER = { login: 'boss', name: '赵国强', password: 'boss-pass-1' };
const AUDITOR = { login: 'audit', name: '孙审计', password: 'audit-pass-1' };

describe('the audit trail speaks Chinese', () => {
  const openDesk = browserDesks();

  it('labels, targets and details in words; filters by person, action, outcome and dates; exports the filtered trail', async () => {
    const desk = await openDesk({ viewport: OFFICE_SCREEN });
    const { page } = desk;
    const folder = tempFolder();
    await setUpThroughCore(desk);
    await as(desk, ADMIN);
    await desk.invoke('users.add', { ...APPROVER, roles: ['approver'] });
    await desk.invoke('users.add', { ...AUDITOR, roles: ['auditor'] });
    await as(desk, CLERK);
    const id = (await desk.invoke<{ recordId: number }>('records.create', { category: 'penalty', values: penaltyRow() })).recordId;
    await desk.invoke('records.update', { recordId: id, baseVersion: 1, values: penaltyRow({ CF_NR_FK: '0.8', CF_NR: '罚款人民币八千元' }), reason: '按复核决定更正罚款金额' });
    const batch = await desk.invoke<BatchView>('batches.prepare', {});
    await desk.invoke('users.list').catch(() => undefined); // refused: a clerk
    await as(desk, APPROVER);
    await desk.invoke('batches.reject', { batchId: batch.batchId, reason: '决定日期与文书不符' });
    await desk.invoke('auth.logout');
    await desk.invoke('auth.login', { login: 'boss', password: 'not-the-password' }).catch(() => undefined); // refused
    await toLogin(desk);

    // The auditor's 工作台: the latest refusals first.
    await logIn(page, AUDITOR.login, AUDITOR.password);
    const denials = page.getByTestId('recent-denials');
    await denials.getByText(/李晓梅 · 查看用户列表/).waitFor();
    await denials.getByText(/赵国强 · 登录（原因：密码错误）/).waitFor();
    await shot(page, 'issue12-12-auditor-dashboard', { fullPage: false });
    await denials.getByText(/全部 2 条/).click();
    await page.waitForURL(/#\/audit\?outcome=denied$/);
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr.ant-table-row').nth(1).waitFor();
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(2);

    // The whole trail: no method names, no raw targets, no JSON.
    await page.getByTestId('audit-filters').getByRole('button', { name: '清除筛选' }).click();
    await table.getByText('退回批次').waitFor();
    const actions = await table.getByTestId('audit-action').allInnerTexts();
    expect(actions.length).toBeGreaterThan(10);
    for (const a of actions) expect(a).not.toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    const targets = await table.getByTestId('audit-target').allInnerTexts();
    for (const tgt of targets) expect(tgt).not.toMatch(/^(batch|record|user):/);
    expect(targets).toContain('第 1 批 91350200776049653A-000001（已退回的一次）');
    expect(targets).toContain('栾市监罚〔2026〕12号（石家庄市栾城区恒瑞商贸有限公司）');
    expect(targets).toContain('赵国强（boss）');
    const rejectRow = table.locator('tr.ant-table-row').filter({ hasText: '退回批次' });
    expect((await rejectRow.getByTestId('audit-details').innerText()).replace(/\s+/g, '')).toBe('批次：第1批原因：决定日期与文书不符');
    await rejectRow.getByTestId('audit-actor').getByText('赵国强').waitFor();
    expect(await table.innerText()).not.toMatch(/[{}"]/);
    expect(await scrollsSideways(page)).toBe(false);
    await shot(page, 'issue12-04-audit-all');

    // Filters: a person, an action, an outcome, a date range.
    const filters = page.getByTestId('audit-filters');
    await filters.getByTestId('audit-filter-actor').click();
    await page.locator('.ant-select-dropdown:visible').getByText('李晓梅（clerk1）').click();
    await table.locator('tr.ant-table-row').first().getByTestId('audit-actor').getByText('李晓梅').waitFor();
    const byClerk = await table.getByTestId('audit-actor').allInnerTexts();
    expect(byClerk.every((a) => a.startsWith('李晓梅'))).toBe(true);
    await filters.getByTestId('audit-filter-action').click();
    await page.keyboard.type('更正记录');
    await page.locator('.ant-select-dropdown:visible').getByText('更正记录', { exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-table"] tbody tr.ant-table-row').length === 1);
    expect(await table.getByTestId('audit-action').allInnerTexts()).toEqual(['更正记录']);
    expect((await table.getByTestId('audit-details').innerText()).replace(/\s+/g, '')).toBe('原因：按复核决定更正罚款金额更正所依据的版本：第1版');
    await shot(page, 'issue12-04-audit-filtered');

    // Export of the filtered trail: the same words in a real .xlsx.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^审计日志-\d{8}\.xlsx$/);
    const path = join(folder, download.suggestedFilename());
    await download.saveAs(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(2);
    expect((ws.getRow(2).values as unknown[]).slice(3, 9)).toEqual([
      '李晓梅',
      'clerk1',
      '更正记录',
      '栾市监罚〔2026〕12号（石家庄市栾城区恒瑞商贸有限公司）',
      '成功',
      '原因：按复核决定更正罚款金额；更正所依据的版本：第 1 版',
    ]);

    // Outcome and dates.
    await filters.getByRole('button', { name: '清除筛选' }).click();
    await filters.getByTestId('audit-filter-outcome').click();
    await page.locator('.ant-select-dropdown:visible').getByText('拒绝', { exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-table"] tbody tr.ant-table-row').length === 2);
    // The department's days (China time), whatever the machine's zone: after 16:00 UTC it is already tomorrow there.
    const today = zonedDate(new Date());
    const tomorrow = nextDay(today);
    const range = filters.getByTestId('audit-filter-dates');
    await range.locator('input').first().click();
    await range.locator('input').first().fill(tomorrow);
    await range.locator('input').last().click();
    await range.locator('input').last().fill(tomorrow);
    await page.keyboard.press('Enter');
    await table.locator('.ant-empty').waitFor();
    await range.locator('input').first().click();
    await range.locator('input').first().fill(today);
    await range.locator('input').last().click();
    await range.locator('input').last().fill(today);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-table"] tbody tr.ant-table-row').length === 2);
    await shot(page, 'issue12-04-audit-denied-today');
    expect(desk.problems).toEqual([]);
  });
});
