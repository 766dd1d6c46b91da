/**
 * Acceptance: first-run setup through the UI → the administrator adds a clerk →
 * log out → the clerk logs in and is offered no administrator pages, and the
 * core itself refuses an administrator method called from the page.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, browserDesks, CLERK, DEPARTMENT, logIn, menuItems, shot } from './helpers';

const ALL_MENU = ['工作台', '信用记录', '信用主体', '信用核查', '异议处理', '信用修复', '报送批次', '统计分析', '打印记录', '审计日志', '系统设置'];

describe('setup, users and roles', () => {
  const openDesk = browserDesks();

  it('sets up, adds a clerk, and the clerk gets no administrator pages or methods', async () => {
    const desk = await openDesk();
    const { page } = desk;

    // Step 1: the department.
    await page.getByRole('heading', { name: '建立本单位的信用工作台' }).waitFor();
    expect(await page.getByLabel('行政区划代码').inputValue()).toBe('130111');
    await page.getByLabel('单位名称').fill(DEPARTMENT.name);
    await page.getByLabel('统一社会信用代码').fill('91350200776049653B'); // wrong check character
    await page.getByLabel('联系人').fill(DEPARTMENT.contactPerson);
    await page.getByLabel('联系电话').fill(DEPARTMENT.contactPhone);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('统一社会信用代码校验位错误，请核对').waitFor();
    await shot(page, '01-setup-department-invalid-uscc');
    await page.getByLabel('统一社会信用代码').fill(DEPARTMENT.uscc.toLowerCase());
    await page.getByRole('button', { name: '下一步' }).click();

    // Step 2: the administrator.
    await page.getByText('系统管理员负责添加用户').waitFor();
    await page.getByLabel('登录名').fill(ADMIN.login);
    await page.getByLabel('姓名').fill(ADMIN.name);
    await page.getByLabel('密码', { exact: true }).fill('short');
    await page.getByLabel('确认密码').fill('shorter');
    await page.getByRole('button', { name: '创建数据库' }).click();
    await page.getByText('密码至少需要 10 位').waitFor();
    await page.getByText('两次输入的密码不一致').waitFor();
    await shot(page, '02-setup-admin-invalid');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('确认密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '创建数据库' }).click();

    // Step 3: the recovery code, shown once; continuing needs the tick.
    const codeBox = page.getByTestId('recovery-code');
    await codeBox.waitFor();
    expect((await codeBox.innerText()).trim()).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    const enter = page.getByRole('button', { name: '进入工作台' });
    expect(await enter.isDisabled()).toBe(true);
    await shot(page, '03-setup-recovery-code');
    // On paper only the recovery sheet appears.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#root').isVisible()).toBe(false);
    await page.locator('.print-sheet').getByText(DEPARTMENT.name).waitFor();
    await shot(page, '03b-setup-recovery-code-print');
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: '复制' }).click();
    await page.getByText('已复制到剪贴板').waitFor();
    await page.getByLabel('我已妥善保存恢复码').check();
    expect(await enter.isEnabled()).toBe(true);
    await enter.click();

    // The desk, as administrator: no records or batch pages (an administrator neither
    // reads credit records nor reports them), real facts on 工作台.
    await page.getByTestId('department-name').getByText(DEPARTMENT.name).waitFor();
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    expect(await menuItems(page)).toEqual(ALL_MENU.filter((m) => !['信用记录', '信用主体', '异议处理', '信用修复', '报送批次', '统计分析'].includes(m)));
    expect(await page.getByTestId('current-user').innerText()).toContain('系统管理员');
    await page.getByTestId('stat-users').getByText('共 1 名').waitFor();
    await shot(page, '04-admin-dashboard');

    // Add a clerk in 系统设置 → 用户管理.
    await page.getByRole('menuitem', { name: '系统设置' }).click();
    await page.getByRole('tab', { name: '用户管理' }).click();
    await page.getByTestId('users-table').getByText(ADMIN.login).waitFor();
    await page.getByRole('button', { name: '添加用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('登录名').fill(CLERK.login);
    await dialog.getByLabel('姓名').fill(CLERK.name);
    await dialog.getByLabel('录入员').check();
    await dialog.getByLabel('密码', { exact: true }).fill(CLERK.password);
    await dialog.getByLabel('确认密码').fill(CLERK.password);
    await shot(page, '06-add-clerk');
    await dialog.getByRole('button', { name: '添加用户' }).click();
    await page.getByText(`已添加用户 ${CLERK.login}`).waitFor();
    const clerkRow = page.getByTestId('users-table').getByRole('row').filter({ hasText: CLERK.login });
    await clerkRow.getByText('录入员').waitFor();
    expect(await clerkRow.innerText()).toContain(CLERK.name);
    await shot(page, '07-users');

    // Log out; log in as the clerk.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();

    // No administrator entries: no 审计日志, and 系统设置 without 用户管理 or edit forms.
    expect(await menuItems(page)).toEqual(ALL_MENU.filter((m) => m !== '打印记录' && m !== '审计日志'));
    await shot(page, '08-clerk-dashboard');
    await page.getByRole('menuitem', { name: '系统设置' }).click();
    await page.getByRole('tab', { name: '单位信息' }).waitFor();
    expect(await page.getByRole('tab').allInnerTexts()).toEqual(['单位信息', '安全']);
    await page.getByText('只有系统管理员可以修改这些信息。').waitFor();
    expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);
    await shot(page, '09-clerk-settings');

    // Typing an administrator address gives the refusal, not the page.
    await page.goto(`${desk.bridge.url}#/settings/users`);
    await page.getByRole('tab', { name: '单位信息' }).waitFor();
    expect(await page.getByTestId('users-table').count()).toBe(0);
    await page.goto(`${desk.bridge.url}#/audit`);
    await page.getByText('您没有执行此操作的权限。').waitFor();
    await shot(page, '10-clerk-audit-forbidden');

    // And the core refuses an administrator method called straight from the page.
    const denied = await page.evaluate(() => window.creditDesk!.invoke('users.list', undefined));
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const allowed = await page.evaluate(() => window.creditDesk!.invoke('session.get', undefined));
    expect(allowed).toMatchObject({ ok: true, value: { login: CLERK.login, roles: ['clerk'] } });

    expect(desk.problems).toEqual([]);
  });
});
