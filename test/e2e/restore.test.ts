/**
 * Issue 18, finding 1, in the window: 系统设置 → 备份 → 恢复 asks for the
 * administrator's password, then shows what the restore would discard (counted by
 * the core) and who stays disabled, and goes ahead only once that is ticked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, as, browserDesks, CLERK, logIn, OFFICE_SCREEN, setUpThroughCore, shot } from './helpers';
import { penaltyRow } from '../helpers';

const folder = mkdtempSync(join(tmpdir(), 'credit-desk-e2e-backups-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('restore in 系统设置 → 备份', () => {
  const openDesk = browserDesks();

  it('shows what would be lost and who stays disabled, and restores only once that is confirmed', async () => {
    const desk = await openDesk({ viewport: OFFICE_SCREEN });
    const { page } = desk;
    await setUpThroughCore(desk);
    // Before the backup: a second clerk; after it: that clerk disabled and a record added.
    await as(desk, ADMIN);
    await desk.invoke('users.add', { login: 'leaver', name: '调离者', roles: ['clerk'], password: 'leaver-pass-1' });
    await desk.invoke('backup.configure', { folder, scheduled: false });
    await desk.invoke('backup.create', {});
    await desk.invoke('users.disable', { login: 'leaver', reason: '调离', password: ADMIN.password });
    await as(desk, CLERK);
    await desk.invoke('records.create', { category: 'penalty', values: penaltyRow() });
    await desk.invoke('auth.logout');
    await page.reload();
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    await page.goto(`${desk.bridge.url}#/settings/backup`);

    await page.getByTestId('backups-table').getByRole('button', { name: '恢复' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('您的密码（备份时的密码）').fill(ADMIN.password);
    await dialog.getByRole('button', { name: '校验并恢复' }).click();
    const plan = dialog.getByTestId('restore-plan');
    await plan.waitFor();
    await plan.getByText('恢复将丢弃备份之后的改动').waitFor();
    await plan.getByText('备份之后停用的账户（leaver）保持停用', { exact: false }).waitFor();
    expect(await plan.locator('.ant-descriptions-item-label', { hasText: '信用记录' }).locator('xpath=following-sibling::td[1]').innerText()).toBe('1');
    await shot(page, '60-restore-plan');

    // Not without ticking the confirmation.
    await dialog.getByRole('button', { name: '确认丢弃并恢复' }).click();
    await dialog.getByText('请勾选确认').waitFor();
    await dialog.getByTestId('restore-confirm').check();
    await dialog.getByRole('button', { name: '确认丢弃并恢复' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor({ timeout: 60_000 });

    // The restored department: the record after the backup is gone, the leaver stays out.
    await logIn(page, 'leaver', 'leaver-pass-1');
    await page.getByText(/已停用|登录名或密码不正确/).waitFor();
    await as(desk, CLERK);
    expect(((await desk.invoke('records.search', { query: '恒瑞' })) as { total: number }).total).toBe(0);
    expect(desk.problems).toEqual([]);
  });
});
