/**
 * Shared pieces of the browser tests: Chromium, a fresh department database
 * per test behind the test bridge, screenshots and the common UI steps.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startBridge, type Bridge } from '../bridge/server';
import type { Result } from '../../electron/contract';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS_DIR = fileURLToPath(new URL('../../test-results/e2e', import.meta.url));
/** A low scrypt cost keeps logins fast in tests (the product uses its default). */
export const FAST_KDF = { N: 1024, r: 8, p: 1 };

export const DEPARTMENT = {
  name: '石家庄市栾城区市场监督管理局',
  uscc: '91350200776049653A',
  regionCode: '130111',
  contactPerson: '张三',
  contactPhone: '0311-85012345',
};
export const ADMIN = { login: 'admin', name: '王建国', password: 'admin-pass-1' };
export const CLERK = { login: 'clerk1', name: '李晓梅', password: 'clerk-pass-1' };

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Desk {
  bridge: Bridge;
  context: BrowserContext;
  page: Page;
  /** Page errors and CSP violations seen so far; a test ends by expecting none. */
  problems: string[];
  /** Calls the core directly (as whoever is logged in in the page: there is one session). */
  invoke<T = unknown>(method: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** A common office screen (the measure), and a large one. */
export const OFFICE_SCREEN = { width: 1366, height: 768 };
export const LARGE_SCREEN = { width: 1920, height: 1080 };

export interface DeskOptions {
  /** The window's size (default 1366×800). */
  viewport?: { width: number; height: number };
  /**
   * New accounts change their password at first login (issue 18); by default the accounts
   * `users.add` makes (through the core or the UI) are let off that, for tests not about it.
   */
  firstLogin?: boolean;
  /** The core's clock (a test that needs a given day). */
  now?: () => Date;
}

/** A new empty department database behind a bridge, and a browser page on it. */
export async function openDesk(browser: Browser, options: DeskOptions = {}): Promise<Desk> {
  const dir = mkdtempSync(join(tmpdir(), 'credit-desk-e2e-'));
  const bridge = await startBridge({ dbPath: join(dir, 'department.db'), kdfCost: FAST_KDF, letOffFirstLoginChange: !options.firstLogin, now: options.now });
  // Reduced motion turns antd's animations off (the app honours the system setting), so a
  // click never lands on a dialog that is still zooming in.
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1366, height: 800 },
    locale: 'zh-CN',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' || /Content Security Policy|Warning:/.test(text)) problems.push(`console.${msg.type()}: ${text}`);
  });
  await page.goto(bridge.url);
  return {
    bridge,
    context,
    page,
    problems,
    async invoke<T>(method: string, input?: unknown) {
      const result = (await bridge.core.invoke(method, input)) as Result<T>;
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    async close() {
      await context.close();
      await bridge.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  // Let antd's motion (modals, messages) settle so the picture shows the resting state.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: options.fullPage ?? true });
}

/** Sets the department up through the core (for tests that start at the login screen). */
export async function setUpThroughCore(desk: Desk): Promise<{ recoveryCode: string }> {
  const done = await desk.invoke<{ recoveryCode: string }>('setup.initialize', { department: DEPARTMENT, admin: ADMIN });
  await desk.invoke('users.add', { ...CLERK, roles: ['clerk'] });
  await desk.invoke('auth.logout');
  await desk.page.reload();
  await desk.page.getByRole('heading', { name: '登录' }).waitFor();
  return done;
}

export async function logIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** The side menu's entries, in order. */
export async function menuItems(page: Page): Promise<string[]> {
  const items = page.locator('.ant-layout-sider .ant-menu-item');
  return (await items.allInnerTexts()).map((s) => s.trim());
}

/**
 * Registers the browser's lifecycle for a describe block: one browser for the
 * block, a fresh desk per test, a FAILED-*.png screenshot when a test fails.
 */
export function browserDesks(): (options?: DeskOptions) => Promise<Desk> {
  let browser: Browser;
  let desk: Desk | null = null;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async ({ task }) => {
    if (desk && task.result?.state === 'fail') await shot(desk.page, `FAILED-${task.name.slice(0, 40)}`);
    await desk?.close();
    desk = null;
  });
  return async (options?: DeskOptions) => (desk = await openDesk(browser, options));
}

/** Logs the core's one session in as someone (the page shares it: reload it afterwards). */
export async function as(desk: Desk, who: { login: string; password: string }): Promise<void> {
  await desk.invoke('auth.logout').catch(() => undefined);
  await desk.invoke('auth.login', { login: who.login, password: who.password });
}

/** Logs out through the core and shows the login screen. */
export async function toLogin(desk: Desk): Promise<void> {
  await desk.invoke('auth.logout').catch(() => undefined);
  await desk.page.reload();
  await desk.page.getByRole('heading', { name: '登录' }).waitFor();
}

/** The page scrolls sideways (something is wider than the window). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/**
 * Waits until the code list of the field `code` is open on a highlighted option, as a person sees
 * it before pressing Enter. An Enter before the list has mounted does nothing (rc-select), and a
 * Tab after it then picks the option and keeps the focus: one CI run met exactly that.
 */
export async function codeListOnOption(page: Page, code: string): Promise<void> {
  await page.waitForFunction((id) => {
    const el = document.getElementById(id);
    const active = el?.getAttribute('aria-activedescendant');
    return el?.getAttribute('aria-expanded') === 'true' && document.getElementById(`${id}_list`) !== null && !!active && document.getElementById(active) !== null;
  }, code);
}

/** Picks an option of a code list by typing it (the search filters, Enter takes the first match). */
export async function choose(page: Page, code: string, text: string): Promise<void> {
  const box = page.locator(`#${code}`);
  await box.click();
  await box.fill(text);
  await codeListOnOption(page, code);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

/** Types a date into a date field and takes it with Enter. */
export async function date(page: Page, code: string, ymd: string): Promise<void> {
  const box = page.locator(`#${code}`);
  await box.click();
  await box.fill(ymd);
  await page.keyboard.press('Enter');
}
