/**
 * The administrator's settings: roles, disabling a user (a reason and the
 * administrator's password; it re-keys the database), re-enabling, setting
 * another person's password (changed at their next login), the last login,
 * the last-administrator guard, the department profile and idle lock.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, browserDesks, CLERK, logIn, setUpThroughCore, shot } from './helpers';

/** The 请修改密码 page after an administrator set the password. */
async function changePassword(page: Page, given: string, chosen: string): Promise<void> {
  await page.getByLabel('原密码').fill(given);
  await page.getByLabel('新密码').fill(chosen);
  await page.getByLabel('确认密码').fill(chosen);
  await page.getByRole('button', { name: '修改密码' }).click();
}

describe('administration', () => {
  const openDesk = browserDesks();

  it('changes roles, refuses to demote the last administrator, and disables a user with re-keying', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await page.setViewportSize({ width: 1366, height: 768 });
    await setUpThroughCore(desk);
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    await page.goto(`${desk.bridge.url}#/settings/users`);
    const table = page.getByTestId('users-table');
    const clerkRow = table.getByRole('row').filter({ hasText: CLERK.login });
    const adminRow = table.getByRole('row').filter({ hasText: ADMIN.login });

    // 最后登录: the administrator just logged in; the clerk never has.
    await table.getByRole('columnheader', { name: '最后登录' }).waitFor();
    await adminRow.getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).waitFor();
    await clerkRow.getByText('从未登录').waitFor();

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
    // Not oneself: no 停用, no 设置密码 in one's own row.
    expect(await adminRow.getByRole('button', { name: '停用' }).count()).toBe(0);
    expect(await adminRow.getByRole('button', { name: '设置密码' }).count()).toBe(0);

    // Disabling explains the re-key and needs a reason and the administrator's password.
    await clerkRow.getByRole('button', { name: '停用' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByText('重新加密整个数据库').waitFor();
    await dialog.getByRole('button', { name: '停用并重新加密' }).click();
    await dialog.getByText('请说明停用原因（至少 2 个字）').waitFor();
    await dialog.getByText('请输入密码').waitFor();
    await dialog.getByLabel('停用原因').fill('调离本部门');
    await dialog.getByLabel('您的密码').fill('not-my-password');
    await dialog.getByRole('button', { name: '停用并重新加密' }).click();
    await dialog.getByText('您的密码不正确。').waitFor();
    await shot(page, '21-disable-confirm');
    // A wrong password changed nothing.
    expect((await desk.invoke<{ login: string; active: boolean }[]>('users.list')).find((u) => u.login === CLERK.login)?.active).toBe(true);
    await dialog.getByLabel('您的密码').fill(ADMIN.password);
    await dialog.getByRole('button', { name: '停用并重新加密' }).click();
    await page.getByText(`已停用 ${CLERK.login}，数据库已用新密钥重新加密`).waitFor();
    await clerkRow.getByText(/\d{4}-\d{2}-\d{2} 停用/).waitFor();
    await clerkRow.getByText('原因：调离本部门').waitFor();
    expect(await clerkRow.getByRole('button').allInnerTexts()).toEqual(['重新启用']);
    await shot(page, '22-user-disabled');

    // The disabled clerk's password no longer opens anything; the administrator's still does.
    await page.getByRole('button', { name: '退出登录' }).click();
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByRole('alert').filter({ hasText: /登录名或密码不正确。|该用户已停用，无法登录。/ }).waitFor();
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    expect(desk.problems).toEqual([]);
  });

  it('re-enables a disabled user and sets another person\'s password; the user must change it at the next login', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await page.setViewportSize({ width: 1366, height: 768 });
    await setUpThroughCore(desk);
    await desk.invoke('auth.login', { login: ADMIN.login, password: ADMIN.password });
    await desk.invoke('users.disable', { login: CLERK.login, reason: '调离本部门', password: ADMIN.password });
    await desk.invoke('auth.logout');
    await page.reload();
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    await page.goto(`${desk.bridge.url}#/settings/users`);
    const table = page.getByTestId('users-table');
    const clerkRow = table.getByRole('row').filter({ hasText: CLERK.login });

    // Re-enable: a password the administrator sets (checked as any new password), confirmed with theirs.
    await clerkRow.getByRole('button', { name: '重新启用' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByText('须在登录后立即修改密码').waitFor();
    await dialog.getByLabel('新密码').fill('short');
    await dialog.getByLabel('确认密码').fill('short');
    await dialog.getByLabel('您的密码').fill(ADMIN.password);
    await dialog.getByRole('button', { name: '重新启用' }).click();
    await dialog.getByText('密码至少需要 10 位').waitFor();
    await dialog.getByLabel('新密码').fill('given-pass-01');
    await dialog.getByLabel('确认密码').fill('given-pass-01');
    await shot(page, '25-enable-user');
    await dialog.getByRole('button', { name: '重新启用' }).click();
    await page.getByText(`已重新启用 ${CLERK.name}（${CLERK.login}），请当面告知其新密码`).waitFor();
    await clerkRow.getByText('在用').waitFor();
    await clerkRow.getByText('待改密码').waitFor();
    await shot(page, '26-user-enabled');

    // The clerk logs in with it and is sent to change it before anything else.
    await page.getByRole('button', { name: '退出登录' }).click();
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByRole('alert').filter({ hasText: '登录名或密码不正确。' }).waitFor(); // the password before the disable is gone
    await logIn(page, CLERK.login, 'given-pass-01');
    await page.getByRole('heading', { name: '请修改密码' }).waitFor();
    await shot(page, '27-must-change-after-enable');
    await changePassword(page, 'given-pass-01', 'clerk-own-pass-2');
    await page.getByText(`您好，${CLERK.name}`).waitFor();

    // The administrator sees the last login, and sets the clerk's password (a forgotten one).
    await page.getByRole('button', { name: '退出登录' }).click();
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    await page.goto(`${desk.bridge.url}#/settings/users`);
    await clerkRow.getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).waitFor();
    expect(await clerkRow.getByText('待改密码').count()).toBe(0);
    await clerkRow.getByRole('button', { name: '设置密码' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByText('签名密钥将不能再签名').waitFor();
    await dialog.getByLabel('新密码').fill('reset-pass-03');
    await dialog.getByLabel('确认密码').fill('reset-pass-03');
    await dialog.getByLabel('您的密码').fill('not-my-password');
    await dialog.getByRole('button', { name: '设置密码' }).click();
    await dialog.getByText('您的密码不正确。').waitFor();
    await dialog.getByLabel('您的密码').fill(ADMIN.password);
    await shot(page, '28-reset-password');
    await dialog.getByRole('button', { name: '设置密码' }).click();
    await page.getByText(`已为 ${CLERK.name}（${CLERK.login}）设置新密码，其下次登录时须修改`).waitFor();
    await clerkRow.getByText('待改密码').waitFor();
    await shot(page, '29-users-after-reset');

    // The clerk's own password stopped working; the one set must be changed at login.
    await page.getByRole('button', { name: '退出登录' }).click();
    await logIn(page, CLERK.login, 'clerk-own-pass-2');
    await page.getByRole('alert').filter({ hasText: '登录名或密码不正确。' }).waitFor();
    await logIn(page, CLERK.login, 'reset-pass-03');
    await page.getByRole('heading', { name: '请修改密码' }).waitFor();
    await changePassword(page, 'reset-pass-03', 'clerk-own-pass-4');
    await page.getByText(`您好，${CLERK.name}`).waitFor();

    // Each step is in the audit trail, the disable with its reason.
    await desk.invoke('auth.logout');
    await desk.invoke('auth.login', { login: ADMIN.login, password: ADMIN.password });
    const audit = await desk.invoke<{ items: { method: string; outcome: string; target: string | null; detail: unknown }[] }>('audit.list', { limit: 200 });
    const ok = (method: string) => audit.items.filter((e) => e.method === method && e.outcome === 'ok' && e.target === `user:${CLERK.login}`);
    expect(ok('users.disable')[0]?.detail).toMatchObject({ reason: '调离本部门' });
    expect(ok('users.enable')).toHaveLength(1);
    expect(ok('users.resetPassword')).toHaveLength(1);
    expect(audit.items.some((e) => e.method === 'users.resetPassword' && e.outcome === 'error')).toBe(true); // the wrong password
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
    await page.locator('#idle-lock').getByRole('button', { name: '保存' }).click();
    await page.getByText('自动锁定时间已保存').waitFor();
    expect(await desk.invoke('settings.get')).toEqual({ idleLockMinutes: 15, idSearchBurst: { count: 20, minutes: 10 }, timeZone: 'Asia/Shanghai' });
    await shot(page, '24-idle-lock');
    expect(desk.problems).toEqual([]);
  });
});
