/**
 * Login, lock and unlock, the recovery-code reset and the language switch.
 * The department is set up through the core; the page starts at the login screen.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, browserDesks, CLERK, DEPARTMENT, logIn, menuItems, setUpThroughCore, shot } from './helpers';

describe('session', () => {
  const openDesk = browserDesks();

  it('says a wrong password in Chinese, then throttles with a countdown', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await setUpThroughCore(desk);
    await shot(page, '11-login');

    await logIn(page, ADMIN.login, 'not-the-password');
    await page.getByRole('alert').getByText('登录名或密码不正确。').waitFor();
    await shot(page, '12-login-wrong-password');

    // Three failures are free; the fourth must wait, and the form says how long.
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('alert').getByText('登录名或密码不正确。').waitFor();
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('alert').getByText('登录名或密码不正确。').waitFor();
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('alert').getByText(/尝试次数过多，请 \d+ 秒后再试。/).waitFor();
    await page.getByRole('button', { name: /秒后可以再试/ }).waitFor();
    await shot(page, '13-login-throttled');
    expect(desk.problems).toEqual([]);
  });

  it('locks from the header, shows the unlock screen, and unlocks to the same page', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await setUpThroughCore(desk);
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.getByRole('button', { name: '校验审计链' }).click();
    await page.getByTestId('audit-verify-result').getByText(/审计链完整：已校验 \d+ 条记录/).waitFor();
    await shot(page, '14-audit');

    await page.getByRole('button', { name: '锁定' }).click();
    await page.getByRole('heading', { name: '工作台已锁定' }).waitFor();
    expect(await page.getByLabel('登录名').inputValue()).toBe(ADMIN.login);
    await shot(page, '15-locked');
    // Locked means locked: the core answers session methods with LOCKED.
    const locked = await page.evaluate(() => window.creditDesk!.invoke('info.get', undefined));
    expect(locked).toMatchObject({ ok: false, error: { code: 'LOCKED' } });

    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: '解锁' }).click();
    await page.getByRole('button', { name: '校验审计链' }).waitFor();
    expect(page.url()).toContain('#/audit');

    // A reload keeps the page and the session.
    await page.reload();
    await page.getByRole('button', { name: '校验审计链' }).waitFor();
    expect(desk.problems).toEqual([]);
  });

  it('shows the unlock screen when a call finds the session locked elsewhere', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await setUpThroughCore(desk);
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    await desk.invoke('auth.lock'); // the same session, locked from outside the page
    await page.getByRole('menuitem', { name: '系统设置' }).click();
    await page.getByRole('tab', { name: '安全' }).click(); // reads settings.get: the answer is LOCKED
    await page.getByRole('heading', { name: '工作台已锁定' }).waitFor();
    expect(await page.getByLabel('登录名').inputValue()).toBe(CLERK.login);
    expect(desk.problems).toEqual([]);
  });

  it('resets a forgotten password with the recovery code', async () => {
    const desk = await openDesk();
    const { page } = desk;
    const { recoveryCode } = await setUpThroughCore(desk);
    await page.getByRole('button', { name: '忘记密码？' }).click();
    await page.getByRole('heading', { name: '用恢复码重设密码' }).waitFor();
    await page.getByLabel('登录名').fill(CLERK.login);
    await page.getByLabel('恢复码').fill('AAAAA-BBBBB-CCCCC-DDDDD-EEEEE');
    await page.getByLabel('新密码').fill('clerk-new-pass');
    await page.getByLabel('确认密码').fill('clerk-new-pass');
    await page.getByRole('button', { name: '重设密码并登录' }).click();
    await page.getByRole('alert').getByText('恢复码不正确。').waitFor();
    await shot(page, '16-reset-wrong-code');

    await page.getByLabel('恢复码').fill(recoveryCode.toLowerCase());
    await page.getByRole('button', { name: '重设密码并登录' }).click();
    await page.getByText(`您好，${CLERK.name}`).waitFor();

    await page.getByRole('button', { name: '退出登录' }).click();
    await logIn(page, CLERK.login, 'clerk-new-pass');
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    expect(desk.problems).toEqual([]);
  });

  it('changes the password in the dialog', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await setUpThroughCore(desk);
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByRole('button', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('原密码').fill('wrong-old-pass');
    await dialog.getByLabel('新密码').fill('clerk-pass-2');
    await dialog.getByLabel('确认密码').fill('clerk-pass-2');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await dialog.getByText('原密码不正确').waitFor();
    await shot(page, '17-change-password-wrong-old');
    await dialog.getByLabel('原密码').fill(CLERK.password);
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码已修改，下次登录请使用新密码').waitFor();

    await page.getByRole('button', { name: '退出登录' }).click();
    await logIn(page, CLERK.login, 'clerk-pass-2');
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    expect(desk.problems).toEqual([]);
  });

  it('switches to English and back, and remembers the choice', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await setUpThroughCore(desk);
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    await page.getByText('English', { exact: true }).click();
    await page.getByText(`Hello, ${ADMIN.name}`).waitFor();
    expect(await menuItems(page)).toEqual(['Desk', 'Credit checks', 'Print log', 'Audit trail', 'Settings']);
    await page.getByTestId('department-name').getByText(DEPARTMENT.name).waitFor();
    await shot(page, '18-english');
    await page.reload();
    await page.getByText(`Hello, ${ADMIN.name}`).waitFor();
    await page.getByText('中文', { exact: true }).click();
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    expect(desk.problems).toEqual([]);
  });

  it('locks itself after idle time and shows the unlock screen on the core’s event', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await setUpThroughCore(desk);
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    await desk.invoke('settings.update', { idleLockMinutes: 1 }); // the shortest the contract allows
    await desk.invoke('session.get'); // the core re-arms its idle timer with the new setting on the next call
    // No activity in the page: the core's idle timer fires after a minute and sends `locked`.
    await page.getByRole('heading', { name: '工作台已锁定' }).waitFor({ timeout: 90_000 });
    expect(await page.getByLabel('登录名').inputValue()).toBe(ADMIN.login);
    expect(desk.problems).toEqual([]);
  });
});
