/**
 * Help in the window (Chromium, the real renderer through the test bridge): 本页帮助
 * opens the manual at the section for the page shown, from several pages and
 * before login; a two-character search finds its section and opens it; 关于 shows
 * the versions, the data folder and the shipped licences in full. 打印手册 prints it.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, browserDesks, logIn, setUpThroughCore } from './helpers';

/** The section the drawer shows at the top of its body (the one it scrolled to). */
async function sectionInView(page: Page, id: string): Promise<void> {
  const section = page.getByTestId(`help-section-${id}`);
  await section.waitFor();
  await expect
    .poll(async () => {
      const [box, body] = await Promise.all([section.boundingBox(), page.getByTestId('help-body').boundingBox()]);
      return box && body ? Math.abs(box.y - body.y) < 40 : false;
    })
    .toBe(true);
}

async function closeHelp(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId('help-body').waitFor({ state: 'hidden' });
}

describe('帮助', () => {
  const openDesk = browserDesks();

  it('本页帮助 opens the right section from the login screen and three pages; F1 does the same', async () => {
    const desk = await openDesk({ viewport: { width: 1366, height: 768 } });
    await setUpThroughCore(desk);
    const { page } = desk;

    // Before login: how to log in.
    await page.getByRole('button', { name: '本页帮助' }).click();
    await sectionInView(page, 'login');
    await closeHelp(page);

    await logIn(page, ADMIN.login, ADMIN.password);
    await page.locator('.ant-layout-sider').waitFor();

    const pages: [string, string][] = [
      ['#/settings/backup', 'admin-backup'],
      ['#/settings/users', 'admin-users'],
      ['#/audit', 'auditor-audit'],
    ];
    for (const [hash, id] of pages) {
      await page.evaluate((h) => (window.location.hash = h), hash);
      await page.getByRole('button', { name: '本页帮助' }).click();
      await sectionInView(page, id);
      // The side list of the manual marks it too.
      await expect.poll(() => page.locator('.help-nav .ant-menu-item-selected').innerText()).not.toBe('');
      await closeHelp(page);
    }

    await page.evaluate(() => (window.location.hash = '#/settings/users'));
    await page.keyboard.press('F1');
    await sectionInView(page, 'admin-users');
    expect(desk.problems).toEqual([]);
  });

  it('a two-character search finds its section and opens it; a link leads to another section', async () => {
    const desk = await openDesk();
    await setUpThroughCore(desk);
    const { page } = desk;
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.locator('.ant-layout-sider').waitFor();
    await page.getByRole('button', { name: '本页帮助' }).click();
    await page.getByTestId('help-search').locator('input').fill('备份');
    await page.getByTestId('help-hits').waitFor();
    // The section whose title has the word comes first.
    await expect.poll(() => page.locator('.help-hit').first().getAttribute('data-testid')).toBe('help-hit-admin-backup');
    expect(await page.locator('.help-hit').count()).toBeGreaterThan(3);
    await page.getByTestId('help-hit-admin-backup').click();
    await sectionInView(page, 'admin-backup');

    await page.getByTestId('help-search').locator('input').fill('密码');
    await page.getByTestId('help-hit-lost-password').click();
    await sectionInView(page, 'lost-password');

    await page.getByTestId('help-search').locator('input').fill('没有这个词');
    await page.getByText('手册中没有“没有这个词”').waitFor();

    // A link inside the manual: 首次设置 → 忘记密码.
    await page.getByTestId('help-search').locator('input').fill('');
    await page.locator('.help-nav').getByText('首次设置', { exact: true }).click();
    await page.locator('.help-nav').getByText('登录', { exact: true }).click();
    await sectionInView(page, 'login');
    await page.locator('[data-help-link="lost-password"]').first().click();
    await sectionInView(page, 'lost-password');
    // Pictures from the real screens are in the build.
    await page.locator('.help-nav').getByText('备份与恢复', { exact: true }).click();
    const picture = page.getByTestId('help-section-admin-backup').locator('img');
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1366);

    // 打印手册: the preview draws the core's PDF without a number; saving it takes one.
    await page.getByTestId('help-print').click();
    await page.locator('[data-testid="preview-page"][data-drawn="true"]').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('print-facts').innerText()).toMatch(/共 \d{2} 页/);
    await Promise.all([page.waitForEvent('download'), page.getByTestId('print-save').click()]);
    await expect.poll(() => page.getByTestId('print-facts').innerText()).toMatch(/P\d{4}-\d{6}.*共 \d{2} 页/);
    expect(desk.problems).toEqual([]);
  });

  it('关于 shows the version, the schema, the data folder and every shipped licence in full', async () => {
    const desk = await openDesk();
    await setUpThroughCore(desk);
    const { page } = desk;
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByTestId('open-about').click();
    await expect.poll(() => page.getByTestId('about-version').innerText()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await page.getByTestId('about-schema').innerText()).toMatch(/本部门数据库 \d+（程序支持 \d+）/);
    expect(await page.getByTestId('about-folder').innerText()).toMatch(/credit-desk-e2e-\w+$/);
    // In a browser nothing can open a folder window: it says where the folder is.
    await page.getByTestId('open-folder').click();
    await page.getByText('请在文件管理器中打开').waitFor();
    await page.getByRole('tab', { name: '开源许可' }).click();
    await page.getByTestId('licence-list').waitFor();
    expect(await page.getByTestId('licence-list').locator('.ant-list-item').count()).toBeGreaterThan(100);
    await page.getByPlaceholder('按名称或许可筛选').fill('pdfkit');
    await page.getByTestId('licence-list').getByText('许可全文').first().click();
    await expect.poll(() => page.getByTestId('licence-text').innerText()).toMatch(/Permission is hereby granted|MIT License/);
    expect(desk.problems).toEqual([]);
  });
});
