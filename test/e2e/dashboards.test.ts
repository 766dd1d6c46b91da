/**
 * Issue 12, items 12 and 13, at 1366×768: one 工作台 per role, to-dos first — a
 * fresh department's getting-started list for the administrator, the clerk's
 * work without the database's structure or audit counts, the approver's batches
 * waiting, the archivist's subject search — and menus that show only pages that
 * work, for the roles that use them (no 即将提供 placeholders).
 */
import { describe, expect, it } from 'vitest';
import { penaltyRow } from '../helpers';
import { ADMIN, as, browserDesks, CLERK, logIn, menuItems, OFFICE_SCREEN, shot } from './helpers';

const APPROVER = { login: 'boss', name: '赵国强', password: 'boss-pass-1' };
const ARCHIVIST = { login: 'archive', name: '周档案', password: 'archive-pass-1' };
const AUDITOR = { login: 'audit', name: '孙审计', password: 'audit-pass-1' };

describe('one 工作台 per role', () => {
  const openDesk = browserDesks();

  it('a fresh department gets a getting-started list; each role its own to-dos and menu', async () => {
    const desk = await openDesk({ viewport: OFFICE_SCREEN });
    const { page } = desk;
    await desk.invoke('setup.initialize', { department: { name: '石家庄市栾城区市场监督管理局', uscc: '91350200776049653A', regionCode: '130111' }, admin: ADMIN });
    await desk.invoke('auth.logout');
    await page.reload();
    await logIn(page, ADMIN.login, ADMIN.password);

    // A fresh department: three steps, none done; the administrator's menu has no records or batch pages.
    const start = page.getByTestId('getting-started');
    await start.getByText('开始使用').waitFor();
    for (const step of ['users', 'key', 'records']) await start.getByTestId(`start-${step}`).waitFor();
    expect(await menuItems(page)).toEqual(['工作台', '信用核查', '打印记录', '审计日志', '系统设置']);
    await page.getByTestId('stat-schema').waitFor(); // the administrator's facts
    await shot(page, 'issue12-12-admin-fresh', { fullPage: false });
    await start.getByText('添加用户', { exact: true }).click();
    await page.waitForURL(/#\/settings\/users$/);

    // Users added, an approver's key, records: the steps tick off and the list goes away.
    await as(desk, ADMIN);
    for (const [who, roles] of [
      [CLERK, ['clerk']],
      [APPROVER, ['approver']],
      [ARCHIVIST, ['archivist']],
      [AUDITOR, ['auditor']],
    ] as const) {
      await desk.invoke('users.add', { ...who, roles });
    }
    await page.goto(`${desk.bridge.url}#/dashboard`);
    await start.getByTestId('start-users-done').waitFor();
    await start.getByTestId('start-key').waitFor();
    await shot(page, 'issue12-12-admin-step-done', { fullPage: false });
    await as(desk, APPROVER);
    await desk.invoke('keys.generate', { password: APPROVER.password });
    await as(desk, CLERK);
    await desk.invoke('records.create', { category: 'penalty', values: penaltyRow() });
    await desk.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕13号' }) });
    await as(desk, ADMIN);
    await page.reload();
    await page.getByTestId('stat-users').waitFor();
    expect(await page.getByTestId('getting-started').count()).toBe(0);
    await page.getByRole('button', { name: '退出登录' }).click();

    // The clerk: to-dos first; no structure version or audit count.
    await logIn(page, CLERK.login, CLERK.password);
    const todos = page.getByTestId('todos');
    await todos.getByTestId('todo-pending').getByText('待报送：2 条操作等待编入批次').waitFor();
    const order = await page.evaluate(() => {
      const t = document.querySelector('[data-testid="todos"]')!.getBoundingClientRect().top;
      const r = document.querySelector('[data-testid="dashboard-records"]')!.getBoundingClientRect().top;
      return t < r;
    });
    expect(order).toBe(true);
    expect(await page.getByTestId('stat-schema').count()).toBe(0);
    expect(await page.getByTestId('stat-audit').count()).toBe(0);
    expect(await page.getByText('数据库结构版本').count()).toBe(0);
    expect(await menuItems(page)).toEqual(['工作台', '信用记录', '信用主体', '信用核查', '异议处理', '信用修复', '报送批次', '统计分析', '系统设置']);
    await shot(page, 'issue12-12-clerk', { fullPage: false });
    await todos.getByTestId('todo-pending').click();
    await page.getByRole('tab', { name: '待报送', selected: true }).waitFor();
    await page.getByRole('button', { name: '准备批次' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '准备批次' }).click();
    await page.getByRole('heading', { name: '第 1 批' }).waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();

    // The approver: 待您审核 1 批, first.
    await logIn(page, APPROVER.login, APPROVER.password);
    await page.getByTestId('todo-review').getByText('待您审核 1 批').waitFor();
    await page.getByTestId('todo-review').getByText(/第 1 批（2 条操作），李晓梅 于 .* 准备/).waitFor();
    expect(await menuItems(page)).toEqual(['工作台', '信用记录', '信用主体', '信用核查', '异议处理', '信用修复', '报送批次', '统计分析', '系统设置']);
    await shot(page, 'issue12-12-approver', { fullPage: false });
    await page.getByRole('button', { name: '退出登录' }).click();

    // The archivist: a subject search to start from; no to-do list of other people's work.
    await logIn(page, ARCHIVIST.login, ARCHIVIST.password);
    const find = page.getByTestId('find-subject');
    await find.locator('input').fill('恒瑞');
    await find.getByRole('button', { name: '查找' }).click();
    await page.getByTestId('subjects-table').getByText('石家庄市栾城区恒瑞商贸有限公司').waitFor();
    expect(await page.getByTestId('subject-search').locator('input').inputValue()).toBe('恒瑞');
    await page.getByRole('menuitem', { name: '工作台' }).click();
    expect(await page.getByTestId('todos').count()).toBe(0);
    expect(await menuItems(page)).toEqual(['工作台', '信用记录', '信用主体', '异议处理', '信用修复', '报送批次', '打印记录', '系统设置']);
    await shot(page, 'issue12-12-archivist', { fullPage: false });
    await page.getByRole('button', { name: '退出登录' }).click();

    // The auditor: recent refusals; the audit trail and batches, no placeholders.
    await logIn(page, AUDITOR.login, AUDITOR.password);
    await page.getByTestId('recent-denials').waitFor();
    expect(await menuItems(page)).toEqual(['工作台', '信用核查', '报送批次', '统计分析', '打印记录', '审计日志', '系统设置']);
    for (const name of ['异议处理', '信用修复']) expect(await page.getByRole('menuitem', { name }).count()).toBe(0);
    expect(await page.getByText('即将提供').count()).toBe(0);
    await shot(page, 'issue12-13-auditor-menu', { fullPage: false });
    expect(desk.problems).toEqual([]);
  });
});
