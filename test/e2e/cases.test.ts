/**
 * 异议处理 end to end in Chromium: a clerk registers an objection with an
 * attachment (the record shows 异议中), proposes a correction; an approver sees
 * the case in 工作台's due-soon list and approves it; the record has its new
 * version. Dates follow today's real date and the official calendar.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CaseDetail, RecordDetail } from '../../electron/contract';
import { addWorkingDays, chinaDate } from '../../electron/core/calendar';
import { penaltyRow, tempFolder } from '../helpers';
import { pdfBytes } from '../cases/fixtures';
import { ADMIN, browserDesks, CLERK, logIn, setUpThroughCore, shot, type Desk } from './helpers';

const APPROVER = { login: 'boss', name: '赵国强', password: 'boss-pass-1' };

async function as(desk: Desk, who: { login: string; password: string }) {
  await desk.invoke('auth.logout').catch(() => undefined);
  await desk.invoke('auth.login', { login: who.login, password: who.password });
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '登录' }).waitFor();
}

describe('异议处理', () => {
  const openDesk = browserDesks();

  it('a clerk registers an objection with an attachment and proposes 更正; an approver sees it due soon on 工作台 and approves', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await setUpThroughCore(desk);
    await as(desk, ADMIN);
    await desk.invoke('users.add', { ...APPROVER, roles: ['approver'] });
    await as(desk, CLERK);
    const { recordId } = await desk.invoke<{ recordId: number }>('records.create', {
      category: 'penalty',
      values: penaltyRow({ CF_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司', CF_WSH: '栾市监罚〔2026〕12号' }),
    });
    await desk.invoke('auth.logout');
    // Received so that it falls due on the next working day: it belongs in 工作台's due-soon list.
    const today = chinaDate(new Date());
    const due = addWorkingDays(today, 1).date;
    const received = addWorkingDays(due, -5).date;
    const pdf = join(tempFolder(), '处罚决定书.pdf');
    writeFileSync(pdf, pdfBytes('decision'));

    // --- The clerk registers the objection ---------------------------------------------------
    await page.reload();
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    await page.getByRole('menuitem', { name: '异议处理' }).click();
    await page.getByRole('heading', { name: '异议处理' }).waitFor();
    await page.getByTestId('cases-table').getByText('没有案件').waitFor();
    await page.getByRole('button', { name: '登记异议' }).click();
    await page.getByRole('heading', { name: '登记异议' }).waitFor();
    const records = page.getByTestId('case-records');
    await records.click();
    await page.keyboard.type('恒瑞');
    await page.locator('.ant-select-item-option').filter({ hasText: '栾市监罚〔2026〕12号' }).click();
    await page.keyboard.press('Escape');
    // Who objects and their code come from the record chosen (the record's subject).
    expect(await page.getByLabel('异议人').inputValue()).toBe('石家庄市栾城区恒瑞商贸有限公司');
    expect(await page.getByLabel('统一社会信用代码/证件号码').inputValue()).toBe('91350200776049653A');
    await page.getByLabel('联系方式').fill('0311-88886666');
    await page.getByText('信函', { exact: true }).click();
    const receivedInput = page.getByLabel('收到日期');
    await receivedInput.click();
    await receivedInput.fill(received);
    await page.keyboard.press('Enter');
    await page.getByLabel('异议理由').fill('处罚决定书载明罚款人民币三千元，公示信息为五千元，请予更正。');
    await page.locator('input[type="file"]').setInputFiles(pdf);
    await page.getByText('处罚决定书.pdf').waitFor();
    await shot(page, 'cases-01-register');
    await page.getByTestId('case-register-submit').click();

    // --- The case page: its clock on the official calendar ------------------------------------
    const year = today.slice(0, 4);
    await page.getByText(`已登记 YY-${year}-0001`).waitFor();
    await page.getByTestId('case-title').getByText(`异议 YY-${year}-0001`).waitFor();
    expect((await page.getByTestId('case-due').innerText()).trim()).toBe(due);
    await page.getByTestId('case-facts').getByText('cases-2025.1').waitFor();
    await page.getByTestId('case-attachments').getByText('处罚决定书.pdf').waitFor();
    await page.getByTestId('case-records-table').getByTestId('objection-mark').waitFor();
    await shot(page, 'cases-02-registered');

    // The record carries 异议中 in the record list too.
    await page.getByRole('menuitem', { name: '信用记录' }).click();
    await page.getByRole('tab', { name: /行政处罚/ }).click();
    await page.getByTestId('records-table').getByTestId('objection-mark').waitFor();
    await shot(page, 'cases-02b-record-list-marked');
    await page.getByRole('menuitem', { name: '异议处理' }).click();
    await page.getByTestId('cases-table').getByText('还剩 1 个工作日').waitFor();
    await shot(page, 'cases-02c-list');
    await page.getByTestId('case-open').first().click();
    await page.getByTestId('case-title').waitFor();

    // --- 受理 and a proposed correction --------------------------------------------------------
    await page.getByTestId('case-accept').click();
    await page.getByText('已受理，转入核查').waitFor();
    // A step that needs a reason asks for one before anything is sent; cancelled, nothing changes.
    await page.getByTestId('case-extend').click();
    const reasonDialog = page.getByRole('dialog');
    await reasonDialog.getByText(/每件案件只能延期一次/).waitFor();
    await reasonDialog.getByLabel('延期理由').fill('短');
    await reasonDialog.getByRole('button', { name: /^延\s?期$/ }).click();
    await reasonDialog.getByText('请说明理由（至少 2 个字）').waitFor();
    await reasonDialog.getByRole('button', { name: /^取\s?消$/ }).click();
    await reasonDialog.waitFor({ state: 'hidden' });
    await page.getByTestId('case-propose').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('更正', { exact: true }).click();
    await dialog.getByTestId('propose-field').click();
    await page.keyboard.type('罚款金额');
    await page.locator('.ant-select-item-option').filter({ hasText: '罚款金额（万元）' }).first().click();
    await dialog.getByTestId('propose-value').fill('0.3');
    // The dialog shows what the field holds now.
    await dialog.getByTestId('propose-current').getByText('现值：0.5').waitFor();
    // 罚款金额 alone would contradict 处罚内容: the other field is corrected too.
    await dialog.getByRole('button', { name: '再更正一个字段' }).click();
    await dialog.getByTestId('propose-field').nth(1).click();
    await page.keyboard.type('处罚内容');
    await page.locator('.ant-select-item-option').filter({ hasText: '处罚内容' }).first().click();
    await dialog.getByTestId('propose-current').nth(1).getByText('现值：罚款人民币五千元').waitFor();
    await dialog.getByTestId('propose-value').nth(1).fill('罚款人民币三千元');
    await dialog.getByLabel('理由（将写入决定书）').fill('经调取处罚决定书原件核对，罚款金额为人民币三千元，公示信息录入有误。');
    await shot(page, 'cases-03-propose');
    await dialog.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('处理意见已提交，等待审核人批准').waitFor();
    const proposal = page.getByTestId('case-proposal');
    await proposal.getByTestId('case-proposal-changes').getByText('0.5').waitFor();
    await proposal.getByTestId('case-proposal-changes').getByText('0.3').waitFor();
    // The clerk may not approve: no such button here.
    expect(await page.getByTestId('case-approve').count()).toBe(0);
    await shot(page, 'cases-04-proposed');
    await logOut(page);

    // --- The approver: 工作台 shows it due soon; approve ----------------------------------------
    await logIn(page, APPROVER.login, APPROVER.password);
    await page.getByText(`您好，${APPROVER.name}`).waitFor();
    const cases = page.getByTestId('dashboard-cases');
    await cases.getByTestId('dashboard-due-soon').getByText(`YY-${year}-0001`).waitFor();
    await cases.getByTestId('dashboard-due-soon').getByText('还剩 1 个工作日').waitFor();
    expect((await cases.getByTestId('stat-cases-awaiting').innerText()).trim()).toContain('1');
    await shot(page, 'cases-05-dashboard-due-soon');
    await cases.getByTestId('dashboard-due-soon').getByText(`YY-${year}-0001`).click();
    await page.getByTestId('case-title').waitFor();
    await page.getByText('请核对处理意见及其对记录的改动').waitFor();
    await page.getByTestId('case-approve').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '批准' }).click();
    await page.getByText('已批准，决定已生效').waitFor();
    await page.getByTestId('case-decision').getByText(/已决定：更正（赵国强，\d{4}-\d{2}-\d{2}）/).waitFor();
    await page.getByTestId('case-timeline').getByText('批准').waitFor();
    await shot(page, 'cases-06-approved');

    // The decision letter, previewed as printed, then saved (a print number in the print log).
    const letters = page.getByTestId('case-letters');
    await letters.getByText('异议处理决定书').waitFor();
    await letters.getByRole('button', { name: '打印' }).last().click();
    await page.locator('[data-testid="preview-page"][data-drawn="true"]').first().waitFor({ timeout: 60_000 });
    await shot(page, 'cases-07-decision-letter');
    // The preview takes no print number; saving the PDF takes one, once (a line in the print log).
    await Promise.all([page.waitForEvent('download'), page.getByTestId('print-save').click()]);
    await page.getByTestId('print-facts').getByText(/P\d{4}-\d{6}/).waitFor();

    // The record: a new version with the case number as its reason, no longer marked.
    const record = await desk.invoke<RecordDetail>('records.get', { recordId });
    expect(record).toMatchObject({ version: 2, openMarks: 0, state: 'pending' });
    expect(record.fields.CF_NR_FK).toBe('0.3');
    const detail = await desk.invoke<CaseDetail>('cases.get', { caseId: 1 });
    expect(detail.steps.map((s) => [s.action, s.by])).toEqual([
      ['register', CLERK.login],
      ['accept', CLERK.login],
      ['propose', CLERK.login],
      ['approve', APPROVER.login],
    ]);
    expect(detail.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    // The letter is in the print log (read by the administrator: approvers do not read the log).
    await as(desk, ADMIN);
    const log = await desk.invoke<{ items: { title: string; target: string; printedBy: string }[] }>('print.log', { kind: 'letter' });
    expect(log.items.map((e) => [e.title, e.target, e.printedBy])).toEqual([['异议处理决定书', 'case:1', APPROVER.login]]);
    expect(desk.problems).toEqual([]);
  });
});
