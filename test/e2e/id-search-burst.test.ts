/**
 * Issue 18, finding 9, in the window: past the limit of distinct ID numbers, a
 * search asks for a reason (and goes on with it); the auditor's 工作台 shows it.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, as, browserDesks, CLERK, logIn, OFFICE_SCREEN, setUpThroughCore, shot, toLogin } from './helpers';

const AUDITOR = { login: 'aud', name: '钱审计', password: 'aud-pass-123' };
const id = (i: number) => `11010519900110${String(10 + i)}1X`;

describe('searches by ID number beyond the limit', () => {
  const openDesk = browserDesks();

  it('ask for a reason in the window and show on the auditor’s 工作台', async () => {
    const desk = await openDesk({ viewport: OFFICE_SCREEN });
    const { page } = desk;
    await setUpThroughCore(desk);
    await as(desk, ADMIN);
    await desk.invoke('settings.update', { idSearchBurst: { count: 2, minutes: 10 } });
    await desk.invoke('users.add', { ...AUDITOR, roles: ['auditor'] });
    await as(desk, CLERK);
    await desk.invoke('records.search', { query: id(1) });
    await desk.invoke('records.search', { query: id(2) });
    await toLogin(desk);

    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    await page.locator('.ant-menu-item', { hasText: '信用记录' }).click();
    await page.getByTestId('record-search').locator('input').fill(id(3));
    const dialog = page.getByRole('dialog', { name: '请说明理由' });
    await dialog.getByTestId('reason-question').getByText('上限 2 个', { exact: false }).waitFor();
    await shot(page, 'trust2-id-search-reason', { fullPage: false });
    await dialog.getByTestId('reason-input').fill('核实申请人提交的身份证明');
    await dialog.getByRole('button', { name: '继续' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('.ant-alert-error').count()).toBe(0);

    await toLogin(desk);
    await logIn(page, AUDITOR.login, AUDITOR.password);
    // (The clerk was logged out behind the window's back, which kept the page: go to 工作台.)
    await page.locator('.ant-menu-item', { hasText: '工作台' }).click();
    const card = page.getByTestId('id-search-bursts');
    await card.getByText('核实申请人提交的身份证明', { exact: false }).waitFor();
    await card.getByText(CLERK.name, { exact: false }).first().waitFor();
    await shot(page, 'trust2-auditor-id-bursts', { fullPage: false });
    expect(desk.problems).toEqual([]);
  });
});
