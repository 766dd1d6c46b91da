/**
 * The manual's pictures, from the real screens: walks each role through the app on
 * demo data at 1366×768 and saves the screenshots the manual uses into
 * docs/manual/images (committed, so a build without tests has them; this test
 * overwrites them). A changed screen changes its picture; a picture on the list
 * (test/manual/shots.ts) that the walk did not make fails here.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDepartment, DEMO_USERS } from '../../electron/core/demo/department';
import type { Result } from '../../electron/contract';
import { startBridge, type Bridge } from '../bridge/server';
import { MANUAL_IMAGES_DIR, MANUAL_SHOTS, type ManualShot } from '../manual/shots';
import { DEPARTMENT, FAST_KDF, launchBrowser, OFFICE_SCREEN } from './helpers';

const made = new Set<ManualShot>();
let browser: Browser;
let bridge: Bridge;
let page: Page;
let dir: string;
const problems: string[] = [];

const user = (role: string) => DEMO_USERS.find((u) => u.roles.includes(role as never))!;

async function invoke<T>(method: string, input?: unknown): Promise<T> {
  const result = (await bridge.core.invoke(method, input)) as Result<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Logs the core's one session in as the demo person of `role` and shows `hash`. */
async function as(role: string, hash = '#/'): Promise<void> {
  // Out first, and the page shows the login screen: the last person's page makes no more calls.
  await bridge.core.invoke('auth.logout', {});
  await page.reload();
  await page.getByRole('heading', { name: '登录' }).waitFor();
  const who = user(role);
  await invoke('auth.login', { login: who.login, password: who.password });
  // The page shares the core's session: read it again, at the page asked for.
  await page.evaluate((h) => (window.location.hash = h), hash);
  await page.reload();
  await page.locator('.ant-layout-sider').waitFor();
}

async function go(hash: string): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await page.waitForTimeout(150);
}

/** The window as people see it (the viewport, not the whole scrolled page), resting. */
async function picture(name: ManualShot): Promise<void> {
  // Loaded: no skeleton or spinner left (the page's data has arrived).
  await page.locator('.ant-skeleton-active, .ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(MANUAL_IMAGES_DIR, `${name}.png`) });
  made.add(name);
}

beforeAll(async () => {
  mkdirSync(MANUAL_IMAGES_DIR, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'credit-desk-manual-'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the manual’s pictures', () => {
  it('setting up a new department', async () => {
    const empty = await startBridge({ dbPath: join(dir, 'empty.db'), kdfCost: FAST_KDF });
    const context = await browser.newContext({ viewport: OFFICE_SCREEN, locale: 'zh-CN', reducedMotion: 'reduce' });
    page = await context.newPage();
    try {
      await page.goto(empty.url);
      await page.getByLabel('单位名称').fill(DEPARTMENT.name);
      await page.getByLabel('统一社会信用代码').fill(DEPARTMENT.uscc);
      await page.getByLabel('行政区划代码').fill(DEPARTMENT.regionCode);
      await picture('setup-department');
    } finally {
      await context.close();
      await empty.close();
    }
  });

  it('walks each role through its pages on demo data (1366×768)', async () => {
    const dbPath = join(dir, 'demo.db');
    await createDemoDepartment({ dbPath, kdfCost: FAST_KDF }, DEMO_USERS[0], { records: 300, recordOptions: { seed: 21 } });
    bridge = await startBridge({ dbPath, kdfCost: FAST_KDF });
    const context = await browser.newContext({ viewport: OFFICE_SCREEN, locale: 'zh-CN', reducedMotion: 'reduce' });
    page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));

    // Before login.
    await page.goto(bridge.url);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByLabel('登录名').fill(user('clerk').login);
    await picture('login');

    // 录入员: the dashboard, records, a new record, the import, what is to be reported, a check, objections.
    await as('clerk');
    const penalty = await invoke<{ items: { recordId: number }[] }>('records.search', { category: 'penalty', limit: 2 });
    await invoke('cases.register', {
      kind: 'objection',
      recordIds: [penalty.items[0].recordId],
      applicant: { name: '当事人（演示）' },
      channel: 'window',
      grounds: '认为罚款金额录入有误（演示）',
    });
    await page.reload();
    await page.locator('.ant-layout-sider').waitFor();
    await picture('clerk-dashboard');
    await go('#/records/penalty');
    await page.locator('.ant-table-row').first().waitFor();
    await picture('records-list');
    await go('#/records/penalty/new');
    await page.locator('form').first().waitFor();
    await picture('record-form');
    await go('#/records/penalty/import');
    await picture('import');
    await go('#/batches/pending');
    await picture('batches-pending');
    await go('#/checks/one');
    await picture('check-one');
    await go('#/objections');
    await page.locator('.ant-table-row').first().waitFor();
    await picture('objections');
    await invoke('batches.prepare');

    // 审核人: the dashboard, the signing key, a batch to review.
    await as('approver');
    await picture('approver-dashboard');
    await go('#/batches/keys');
    await picture('keys');
    await go('#/batches/1');
    await page.locator('.ant-table-row').first().waitFor();
    await picture('batch-review');

    // 档案员: the dashboard, a subject, its credit file in the preview, the print log.
    await as('archivist');
    await picture('archivist-dashboard');
    const subjects = await invoke<{ items: { subjectId: number }[] }>('subjects.search', { limit: 1 });
    await go(`#/subjects/${subjects.items[0].subjectId}`);
    await page.getByTestId('print-credit-file').waitFor();
    await picture('credit-file');
    await page.getByTestId('print-credit-file').click();
    await page.locator('.ant-modal .ant-btn-primary').last().click();
    await page.locator('[data-testid="preview-page"][data-drawn="true"]').first().waitFor({ timeout: 30_000 });
    await picture('print-preview');
    // Saved, it takes its print number (the preview takes none): the print log has a line.
    await Promise.all([page.waitForEvent('download'), page.getByTestId('print-save').click()]);
    await page.getByTestId('print-facts').getByText(/P\d{4}-\d{6}/).waitFor();
    await page.keyboard.press('Escape');
    await go('#/prints');
    await page.locator('.ant-table-row').first().waitFor();
    await picture('print-log');

    // 审计员: the dashboard and the trail.
    await as('auditor');
    await picture('auditor-dashboard');
    await go('#/audit');
    await page.locator('.ant-table-row').first().waitFor();
    await picture('audit');

    // 系统管理员: the dashboard, users, backup, diagnostics; help and 关于.
    await as('admin');
    await picture('admin-dashboard');
    await go('#/settings/users');
    await page.locator('.ant-table-row').first().waitFor();
    await picture('users');
    await go('#/settings/backup');
    await picture('backup');
    await go('#/settings/diagnostics');
    await page.getByTestId('diagnostics').waitFor();
    await picture('diagnostics');
    await go('#/settings/backup');
    await page.keyboard.press('F1');
    await page.getByTestId('help-section-admin-backup').waitFor();
    await page.getByTestId('help-search').locator('input').fill('备份');
    await page.getByTestId('help-hits').waitFor();
    await picture('help');
    await page.keyboard.press('Escape');
    await page.getByTestId('open-about').click();
    await page.getByTestId('about-version').waitFor();
    await picture('about');

    expect(problems).toEqual([]);
  });

  it('made every picture on the list, each a 1366×768 PNG', () => {
    expect(MANUAL_SHOTS.filter((name) => !made.has(name))).toEqual([]);
    for (const name of MANUAL_SHOTS) {
      const size = statSync(join(MANUAL_IMAGES_DIR, `${name}.png`)).size;
      expect(size, name).toBeGreaterThan(10_000);
    }
  });
});
