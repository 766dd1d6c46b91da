/**
 * Issue 19 in Chromium, each at 1366×768 and 1280×720 in one browser session:
 *  - each role's 待办 after a scripted day (a batch waiting, a case waiting for
 *    approval, a record the platform rejected) holds exactly that role's items;
 *  - the audit page of a department that has done every kind of work shows no ASCII
 *    identifier, no `key:` pair and no JSON (every row's text, every page);
 *  - an administrator installs a 2027 calendar in 系统设置 → 日历与规则 after a
 *    preview, and an open case's due date moves.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BatchOperationView, BatchView, CaseDetail, CalendarYearView } from '../../electron/contract';
import { busyDay, PEOPLE } from '../audit/busy-day';
import { auditTextProblems } from '../audit/words';
import { penaltyRow, tempFolder } from '../helpers';
import { platformReceipt } from '../receipts';
import { ADMIN, as, browserDesks, CLERK, DEPARTMENT, logIn, OFFICE_SCREEN, scrollsSideways, shot } from './helpers';

const SMALL_SCREEN = { width: 1280, height: 720 };
const SCREENS = [OFFICE_SCREEN, SMALL_SCREEN] as const;
const APPROVER = { login: 'boss', name: '赵国强', password: 'boss-pass-1' };
const ARCHIVIST = { login: 'archive', name: '周档案', password: 'archive-pass-1' };
const AUDITOR = { login: 'audit', name: '孙审计', password: 'audit-pass-1' };

async function logOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '登录' }).waitFor();
}

/** The keys of the 待办 items shown (todo-review, todo-case …), sorted; null without a 待办 card. */
async function todoKeys(page: Page): Promise<string[] | null> {
  const card = page.getByTestId('todos');
  if ((await card.count()) === 0) return null;
  return (await card.locator('[data-testid^="todo-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(5)))).sort();
}

describe('issue 19: everyday use, second round', () => {
  const openDesk = browserDesks();

  it('each role’s 待办 holds exactly what that person can act on, each item opening where it is done', async () => {
    const desk = await openDesk({ viewport: OFFICE_SCREEN });
    const { page } = desk;
    await desk.invoke('setup.initialize', { department: DEPARTMENT, admin: ADMIN });
    for (const [who, roles] of [
      [CLERK, ['clerk']],
      [APPROVER, ['approver']],
      [ARCHIVIST, ['archivist']],
      [AUDITOR, ['auditor']],
    ] as const) {
      await desk.invoke('users.add', { ...who, roles });
    }
    // The scripted day: batch 1 signed and a record rejected by the platform; batch 2 waiting; a case waiting for approval.
    await as(desk, APPROVER);
    await desk.invoke('keys.generate', { password: APPROVER.password });
    await as(desk, CLERK);
    await desk.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号' }) });
    const first = await desk.invoke<BatchView>('batches.prepare');
    await as(desk, APPROVER);
    await desk.invoke('batches.approve', { batchId: first.batchId, password: APPROVER.password });
    await as(desk, CLERK);
    const signed = await desk.invoke<BatchView>('batches.get', { batchId: first.batchId });
    const ops = await desk.invoke<{ items: BatchOperationView[] }>('batches.operations', { batchId: first.batchId });
    const receipt = { format: 'credit-desk-receipt/1', batchId: signed.publicId, results: ops.items.map((o) => ({ opId: o.opId, status: 'rejected', code: '1001', message: '名称与统一社会信用代码不匹配' })) };
    await desk.invoke('receipts.import', { fileName: '回执.json', content: platformReceipt(desk.bridge.dbPath, receipt) });
    const second = await desk.invoke<{ recordId: number }>('records.create', {
      category: 'penalty',
      values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕2号', CF_XDR_MC: '石家庄市栾城区第二商贸有限公司', CF_XDR_SHXYM: '91230500MA1B3N1N2M' }),
    });
    const c = await desk.invoke<CaseDetail>('cases.register', { kind: 'objection', recordIds: [second.recordId], applicant: { name: '石家庄市栾城区第二商贸有限公司' }, channel: 'window', grounds: '罚款金额有误' });
    await desk.invoke('cases.accept', { caseId: c.caseId });
    await desk.invoke('cases.propose', { caseId: c.caseId, outcome: 'maintain', reason: '经核查记录无误，维持' });
    await desk.invoke<BatchView>('batches.prepare');
    await desk.invoke('auth.logout');

    // The administrator's own: next year's calendar once November has come (and not yet installed), a backup folder.
    const now = new Date(Date.now() + 8 * 3600_000);
    const calendarDue = now.getUTCMonth() >= 10;
    const expected: Record<string, string[] | null> = {
      [CLERK.login]: ['rectify'],
      [APPROVER.login]: ['case', 'review'],
      [ARCHIVIST.login]: null,
      [AUDITOR.login]: null,
      [ADMIN.login]: calendarDue ? ['backup', 'calendar'] : ['backup'],
    };
    for (const screen of SCREENS) {
      await page.setViewportSize(screen);
      await page.goto(desk.bridge.url);
      for (const who of [CLERK, APPROVER, ARCHIVIST, AUDITOR, ADMIN]) {
        await page.getByRole('heading', { name: '登录' }).waitFor();
        await logIn(page, who.login, who.password);
        await page.getByText(`您好，${who.name}`).waitFor();
        if (expected[who.login]) await page.getByTestId('todos').locator('[data-testid^="todo-"]').first().waitFor();
        else await page.getByTestId(who.login === AUDITOR.login ? 'recent-denials' : 'find-subject').waitFor();
        expect(await todoKeys(page), `${who.login} at ${screen.width}`).toEqual(expected[who.login]);
        // The clerks' reporting clock and 待整改 are not shown to those who cannot act on them.
        if (who.login !== CLERK.login && who.login !== APPROVER.login) expect(await page.getByTestId('timeliness-card').count()).toBe(0);
        expect(await scrollsSideways(page)).toBe(false);
        await shot(page, `issue19-02-todos-${who.login}-${screen.width}`, { fullPage: false });
        await logOut(page);
      }
    }
    // Each item opens the place where it is done.
    await logIn(page, APPROVER.login, APPROVER.password);
    const caseItem = page.getByTestId('todo-case');
    await caseItem.getByText(`待您批准：异议 ${c.caseNo}（石家庄市栾城区第二商贸有限公司）`).waitFor();
    await caseItem.click();
    await page.waitForURL(new RegExp(`#/objections/${c.caseId}$`));
    await page.getByTestId('case-approve').waitFor();
    await logOut(page);
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByTestId('todo-rectify').click();
    await page.getByRole('tab', { name: '待整改', selected: true }).waitFor();
    // Item 8: at 1280×720 the penalty list leaves 行政相对人 room for a name (not three characters a line).
    await page.setViewportSize(SMALL_SCREEN);
    await page.goto(`${desk.bridge.url}#/records/penalty/all`);
    const name = page.getByTestId('records-table').locator('td.record-subject-cell').first();
    await name.waitFor();
    expect((await name.boundingBox())!.width).toBeGreaterThanOrEqual(160);
    expect(await scrollsSideways(page)).toBe(false);
    // Every column fits: the list itself does not scroll sideways either.
    expect(await page.getByTestId('records-table').locator('.ant-table-content, .ant-table-body').first().evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await shot(page, 'issue19-08-penalty-list-1280', { fullPage: false });
    await logOut(page);
    await logIn(page, ARCHIVIST.login, ARCHIVIST.password);
    await page.getByRole('menuitem', { name: '信用记录' }).click();
    await page.getByTestId('records-table').waitFor();
    expect(await page.getByTestId('rectify-filter').count()).toBe(0);
    expect(desk.problems).toEqual([]);
  });

  it('the audit page of a department that did every kind of work: no ASCII identifier, no key: pair, no JSON in any row', async () => {
    const desk = await openDesk({ viewport: OFFICE_SCREEN });
    const { page } = desk;
    await desk.invoke('setup.initialize', { department: DEPARTMENT, admin: PEOPLE.admin });
    const { logins } = await busyDay(
      (method, input) => desk.invoke(method, input ?? {}),
      async (method, input) => desk.invoke(method, input ?? {}).then(
        () => false,
        () => true,
      ),
      (who) => as(desk, who),
      async () => {
        await desk.invoke('auth.logout').catch(() => undefined);
        await desk.invoke('auth.login', { login: 'boss', password: 'not-the-password' }).catch(() => undefined);
      },
    );
    const versions = [
      ...(await desk.invoke<{ version: string }[]>('rules.list')).map((r) => r.version),
      ...(await desk.invoke<CalendarYearView[]>('calendar.list')).flatMap((y) => y.versions),
    ];
    await desk.invoke('auth.logout');
    await page.reload();
    await logIn(page, PEOPLE.auditor.login, PEOPLE.auditor.password);
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const pager = page.locator('.ant-pagination');
    const problems: string[] = [];
    let rows = 0;
    for (const screen of SCREENS) {
      await page.setViewportSize(screen);
      await pager.locator('.ant-pagination-item-1').click();
      for (let p = 1; ; p++) {
        await pager.locator(`.ant-pagination-item-${p}.ant-pagination-item-active`).waitFor();
        const texts = await table.locator('tbody tr.ant-table-row').allInnerTexts();
        rows += texts.length;
        for (const text of texts) for (const problem of auditTextProblems(text.replace(/\s+/g, ' '), [...logins, ...versions])) problems.push(`${problem}: ${text.replace(/\s+/g, ' ')}`);
        if (p === 1) await shot(page, `issue19-03-audit-${screen.width}`, { fullPage: false });
        const next = pager.locator('.ant-pagination-next');
        if ((await next.getAttribute('aria-disabled')) === 'true') break;
        await next.click();
      }
      expect(await scrollsSideways(page)).toBe(false);
    }
    expect(rows).toBeGreaterThan(2 * 90);
    expect(problems).toEqual([]);
    expect(desk.problems).toEqual([]);
  });

  it('an administrator installs a 2027 calendar in 日历与规则 after a preview, and an open case’s due date moves', async () => {
    // The office's day is 2026-12-28: an objection received today is due in 2027, counted on weekends only.
    const desk = await openDesk({ viewport: OFFICE_SCREEN, now: () => new Date('2026-12-28T02:00:00Z') });
    const { page } = desk;
    await desk.invoke('setup.initialize', { department: DEPARTMENT, admin: ADMIN });
    await desk.invoke('users.add', { ...CLERK, roles: ['clerk'] });
    await as(desk, CLERK);
    const record = await desk.invoke<{ recordId: number }>('records.create', { category: 'penalty', values: penaltyRow() });
    const c = await desk.invoke<CaseDetail>('cases.register', { kind: 'objection', recordIds: [record.recordId], applicant: { name: '石家庄市栾城区恒瑞商贸有限公司' }, channel: 'window', grounds: '罚款金额有误' });
    expect(c.due).toBe('2027-01-04');
    await desk.invoke('auth.logout');
    const file = join(tempFolder(), '2027年工作日历.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'credit-desk-calendar/1',
        region: 'CN',
        year: 2027,
        version: 'test-2027.1',
        source: '测试用 2027 年安排（非真实通知）',
        holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
        workdays: [],
      }),
    );
    await page.reload();
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    await page.setViewportSize(SMALL_SCREEN);
    await page.getByRole('menuitem', { name: '系统设置' }).click();
    await page.getByRole('tab', { name: '日历与规则' }).click();
    const tab = page.getByTestId('rules-tab');
    await tab.getByTestId('calendar-missing').getByText('尚未安装 2027 年的工作日历').waitFor();
    // Every rule family rules.list names, each under its name.
    await tab.getByTestId('rules-case-rules').getByText('案件规则（办理期限与修复材料）').waitFor();
    await tab.getByTestId('rules-penalty-publication').getByText('公示期限规则（行政处罚）').waitFor();
    await shot(page, 'issue19-04-rules-1280', { fullPage: false });
    await page.setViewportSize(OFFICE_SCREEN);
    await tab.locator('input[type="file"]').setInputFiles(file);
    const preview = page.getByTestId('rules-preview');
    await preview.getByText('安装后，1 件未办结案件中有 1 件的办理期限会变动：').waitFor();
    const moved = preview.getByTestId('rules-preview-moved');
    await moved.getByText(`异议 ${c.caseNo}`).waitFor();
    expect((await moved.locator('tbody tr').innerText()).replace(/\s+/g, ' ')).toContain('2027-01-04 2027-01-05');
    await shot(page, 'issue19-04-rules-preview-1366', { fullPage: false });
    await page.getByRole('dialog').getByRole('button', { name: '安装' }).click();
    await page.locator('.ant-message').getByText('已安装 2027 年工作日历 test-2027.1；1 件案件的办理期限已重新计算。').waitFor();
    await tab.getByTestId('calendar-years').getByText('test-2027.1').waitFor();
    expect(await tab.getByTestId('calendar-missing').count()).toBe(0);
    await logOut(page);
    // The clerk's case list: the due date moved, no longer an estimate.
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByRole('menuitem', { name: '异议处理' }).click();
    await page.getByRole('row').filter({ hasText: c.caseNo }).getByText('2027-01-05').waitFor();
    await as(desk, CLERK);
    expect((await desk.invoke<CaseDetail>('cases.get', { caseId: c.caseId })).due).toBe('2027-01-05');
    expect(desk.problems).toEqual([]);
  });
});
