/**
 * 统计 end to end in Chromium at 1366×768: a department signs a batch today with two
 * 行政处罚 reported late (decided three weeks ago) and one on time; the department head
 * opens 统计, clicks the 迟报 bar of this month in the year's trend and lands on the
 * records list showing exactly those two records; a warning on 工作台 (a record late
 * and still unreported) leads to exactly that record. An auditor sees the figures and
 * cannot open records.
 */
import { describe, expect, it } from 'vitest';
import type { BatchView } from '../../electron/contract';
import { addDays, chinaDate } from '../../electron/core/calendar';
import { penaltyRow } from '../helpers';
import { ADMIN, browserDesks, CLERK, logIn, menuItems, OFFICE_SCREEN, scrollsSideways, setUpThroughCore, shot, type Desk } from './helpers';

const BOSS = { login: 'boss', name: '赵国强', password: 'boss-pass-1' };
const AUDITOR = { login: 'audit', name: '孙审计', password: 'audit-pass-1' };

async function as(desk: Desk, who: { login: string; password: string }) {
  await desk.invoke('auth.logout').catch(() => undefined);
  await desk.invoke('auth.login', { login: who.login, password: who.password });
}

const penalty = (n: number, decided: string) => penaltyRow({ CF_WSH: `栾市监罚〔2026〕${n}号`, CF_JDRQ: decided, CF_YXQ: addDays(decided, 700) });

describe('统计', () => {
  const openDesk = browserDesks();

  it('the head clicks the 迟报 bar of this month and lands on exactly those records; a warning on 工作台 leads to its record', async () => {
    const desk = await openDesk({ viewport: OFFICE_SCREEN });
    const { page } = desk;
    await setUpThroughCore(desk);
    await as(desk, ADMIN);
    await desk.invoke('users.add', { ...BOSS, roles: ['approver'] });
    await desk.invoke('users.add', { ...AUDITOR, roles: ['auditor'] });

    // Today's batch: two penalties decided 21 days ago (past their 7 working days: late), one decided today.
    const today = chinaDate(new Date());
    const old = addDays(today, -21);
    await as(desk, CLERK);
    const create = async (n: number, decided: string) => (await desk.invoke<{ recordId: number }>('records.create', { category: 'penalty', values: penalty(n, decided) })).recordId;
    await create(101, old);
    await create(102, old);
    await create(103, today);
    const batch = await desk.invoke<BatchView>('batches.prepare');
    await as(desk, BOSS);
    await desk.invoke('keys.generate', { password: BOSS.password });
    await desk.invoke('batches.approve', { batchId: batch.batchId, password: BOSS.password });
    // Entered after the batch: late and still unreported.
    await as(desk, CLERK);
    await create(104, old);
    await desk.invoke('auth.logout');
    await page.reload();

    // --- The head's 工作台: the warnings and the month so far ------------------------------------
    await logIn(page, BOSS.login, BOSS.password);
    await page.getByText(`您好，${BOSS.name}`).waitFor();
    const warnings = page.getByTestId('warnings-panel');
    await warnings.getByTestId('warning-records-overdue').getByText('1 条双公示记录已超过 7 个工作日仍未报送（迟报）').waitFor();
    await warnings.getByTestId('warning-key-sheet-missing').waitFor();
    const soFar = page.getByTestId('month-so-far');
    expect((await soFar.getByTestId('so-far-late').innerText()).replace(/\s+/g, '')).toBe('迟报2');
    expect((await soFar.getByTestId('so-far-reported').innerText()).replace(/\s+/g, '')).toBe('报送3');
    await shot(page, 'statistics-01-dashboard');

    // --- 统计: the 迟报 bar of this month in the trend ------------------------------------------
    expect(await menuItems(page)).toContain('统计分析');
    await page.getByRole('menuitem', { name: '统计分析' }).click();
    const trend = page.getByTestId('trend-chart');
    const month = today.slice(0, 7);
    const lateBar = trend.getByTestId(`bar-late-${month}`);
    await lateBar.waitFor();
    expect((await page.getByTestId('fig-penalty-late').innerText()).trim()).toBe('2');
    expect((await page.getByTestId('fig-penalty-reported').innerText()).trim()).toBe('3');
    expect(await scrollsSideways(page)).toBe(false);
    await shot(page, 'statistics-02-page', { fullPage: false });
    await shot(page, 'statistics-03-page-full');
    await lateBar.click();

    // The records list, 行政处罚, narrowed to the records behind the bar: exactly 101 and 102.
    await page.getByTestId('statistic-filter').getByText(`统计：${month} · 迟报`).waitFor();
    const table = page.getByTestId('records-table');
    await table.getByText('栾市监罚〔2026〕101号').waitFor();
    const numbers = async () => (await table.locator('tbody tr.ant-table-row').allInnerTexts()).map((r) => /栾市监罚〔2026〕\d+号/.exec(r)?.[0]).sort();
    expect(await numbers()).toEqual(['栾市监罚〔2026〕101号', '栾市监罚〔2026〕102号']);
    expect((await page.getByTestId('tab-count-penalty').innerText()).trim()).toBe('2');
    await shot(page, 'statistics-04-late-records', { fullPage: false });
    // Taking the filter away shows every record again.
    await page.getByTestId('statistic-filter').locator('.ant-tag-close-icon').click();
    await table.getByText('栾市监罚〔2026〕104号').waitFor();

    // --- A warning on 工作台 leads to its record ---------------------------------------------
    await page.getByRole('menuitem', { name: '工作台' }).click();
    await page.getByTestId('warning-open-records-overdue').click();
    await page.getByTestId('timeliness-filter').getByText('已超过报送时限').waitFor();
    await table.getByText('栾市监罚〔2026〕104号').waitFor();
    expect(await numbers()).toEqual(['栾市监罚〔2026〕104号']);
    await shot(page, 'statistics-05-warning-records', { fullPage: false });

    // --- An auditor sees the figures, not the records ----------------------------------------------
    await page.getByRole('button', { name: '退出登录' }).click();
    await logIn(page, AUDITOR.login, AUDITOR.password);
    await page.getByText(`您好，${AUDITOR.name}`).waitFor();
    await page.getByRole('menuitem', { name: '统计分析' }).click();
    await page.getByText('您的角色不能查看记录明细：审计员可查看数字和审计日志。').waitFor();
    expect((await page.getByTestId('fig-penalty-late').innerText()).trim()).toBe('2');
    expect(await page.getByTestId('fig-penalty-late').evaluate((e) => e.tagName)).toBe('SPAN');
    await shot(page, 'statistics-06-auditor', { fullPage: false });
    expect(desk.problems).toEqual([]);
  }, 180_000);
});
