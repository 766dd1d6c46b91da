/**
 * The administrator's settings: roles, disabling a user (which re-keys the
 * database), the last-administrator guard, the department profile and idle lock.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, browserDesks, CLERK, logIn, setUpThroughCore, shot } from './helpers';

describe('administration', () => {
  const openDesk = browserDesks();

  it('changes roles, refuses to demote the last administrator, and disables a user with re-keying', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await setUpThroughCore(desk);
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    await page.goto(`${desk.bridge.url}#/settings/users`);
    const table = page.getByTestId('users-table');
    const clerkRow = table.getByRole('row').filter({ hasText: CLERK.login });
    const adminRow = table.getByRole('row').filter({ hasText: ADMIN.login });

    // Give the clerk a second role.
    await clerkRow.getByRole('button', { name: '修改角色' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('审核人').check();
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText(`${CLERK.name} 的角色已更新`).waitFor();
    await clerkRow.getByText('审核人').waitFor();

    // The only administrator cannot lose the role.
    await adminRow.getByRole('button', { name: '修改角色' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('系统管理员').uncheck();
    await dialog.getByLabel('审计员').check();
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('这是唯一在用的系统管理员，不能停用或取消其管理员角色。').waitFor();
    await shot(page, '20-last-admin');
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(await adminRow.getByRole('button', { name: '停用' }).count()).toBe(0); // not oneself

    // Disabling explains the re-key, then runs it.
    await clerkRow.getByRole('button', { name: '停用' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByText('重新加密整个数据库').waitFor();
    await shot(page, '21-disable-confirm');
    await dialog.getByRole('button', { name: '停用并重新加密' }).click();
    await page.getByText(`已停用 ${CLERK.login}，数据库已用新密钥重新加密`).waitFor();
    await clerkRow.getByText(/\d{4}-\d{2}-\d{2} 停用/).waitFor();
    expect(await clerkRow.getByRole('button').count()).toBe(0);
    await shot(page, '22-user-disabled');

    // The disabled clerk's password no longer opens anything; the administrator's still does.
    await page.getByRole('button', { name: '退出登录' }).click();
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByRole('alert').filter({ hasText: /登录名或密码不正确。|该用户已停用，无法登录。/ }).waitFor();
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    expect(desk.problems).toEqual([]);
  });

  it('edits the department profile and the idle-lock minutes', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await setUpThroughCore(desk);
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    await page.getByRole('menuitem', { name: '系统设置' }).click();

    await page.getByLabel('单位名称').fill('石家庄市栾城区应急管理局');
    await page.getByLabel('统一社会信用代码').fill('913502000728319549');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('单位信息已保存').waitFor();
    await page.getByTestId('department-name').getByText('石家庄市栾城区应急管理局').waitFor();
    await shot(page, '23-department-edit');

    await page.getByRole('tab', { name: '安全' }).click();
    const minutes = page.getByLabel('无操作自动锁定');
    expect(await minutes.inputValue()).toBe('10');
    await minutes.fill('15');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('自动锁定时间已保存').waitFor();
    expect(await desk.invoke('settings.get')).toEqual({ idleLockMinutes: 15 });
    await shot(page, '24-idle-lock');
    expect(desk.problems).toEqual([]);
  });
});
