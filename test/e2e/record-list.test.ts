/**
 * Issue 12, items 7 and 10, at 1366×768 (and 1920×1080): the records list sorts
 * (decision date newest first by default), selects rows for batch actions
 * (withdraw with one reason, export the selection), counts every category for
 * real (1,200, not 99+), says in which category a search has hits, marks the hits,
 * keeps the header and menu in place, and answers /, Ctrl+F, Ctrl+N and Esc. A
 * name conflict is settled by confirming the renaming or correcting the code.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../electron/contract';
import { generatePenaltyWorkbook } from '../bench/fixtures';
import { penaltyRow, tempFolder } from '../helpers';
import { as, browserDesks, CLERK, LARGE_SCREEN, logIn, OFFICE_SCREEN, setUpThroughCore, shot, toLogin } from './helpers';

const LICENCE = {
  XK_XDR_MC: '石家庄市栾城区德润食品有限公司',
  XK_XDR_LB: '法人及非法人组织',
  XK_XDR_SHXYM: '913502000728319549',
  XK_FRDB: '王立新',
  XK_XKWS: '食品经营许可决定书',
  XK_WSH: '栾市监许〔2026〕8号',
  XK_XKLB: '普通',
  XK_NR: '食品销售',
  XK_JDRQ: '2026-01-10',
  XK_YXQZ: '2026-01-10',
  XK_YXQZI: '2031-01-09',
  XK_XKJG: '石家庄市栾城区市场监督管理局',
  XK_XKJGDM: '913502000728319549',
  XK_LYDW: '石家庄市栾城区市场监督管理局',
  XK_LYDWDM: '913502000728319549',
};

const dates = (texts: string[]) => texts.map((s) => s.trim()).filter((s) => /^\d{4}-\d{2}-\d{2}$/.test(s));

describe('the records list', () => {
  const openDesk = browserDesks();

  it('sorts, selects, counts, finds across categories, marks hits, stays put and answers the keyboard', async () => {
    const desk = await openDesk({ viewport: OFFICE_SCREEN });
    const { page } = desk;
    const folder = tempFolder();
    await setUpThroughCore(desk);
    await as(desk, CLERK);
    const workbook = join(folder, '处罚.xlsx');
    await generatePenaltyWorkbook(workbook, 1200);
    const imported = await desk.invoke<{ imported: number }>('import.run', {
      category: 'penalty',
      fileName: '处罚.xlsx',
      content: readFileSync(workbook).toString('base64'),
    });
    expect(imported.imported).toBe(1200);
    await desk.invoke('records.create', { category: 'license', values: LICENCE });
    await toLogin(desk);
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    await page.getByRole('menuitem', { name: '信用记录' }).click();
    await page.getByRole('tab', { name: /行政处罚/ }).click();
    await page.waitForURL(/#\/records\/penalty\/all$/);
    const table = page.getByTestId('records-table');
    await table.locator('tbody tr.ant-table-row').nth(5).waitFor();

    // Real counts on the tabs, written one way.
    expect(await page.getByTestId('tab-count-penalty').innerText()).toBe('1,200');
    expect(await page.getByTestId('tab-count-license').innerText()).toBe('1');
    await page.locator('.ant-pagination').getByText('共 1,200 条').waitFor();

    // Newest decisions first by default; the column sorts both ways.
    const dateHeader = table.locator('thead th').filter({ hasText: '处罚决定日期' });
    expect(await dateHeader.getAttribute('aria-sort')).toBe('descending');
    // The fifth cell: checkbox, name, code, decision number, decision date.
    const shownDates = async () => dates(await table.locator('tbody tr.ant-table-row td:nth-child(5)').allInnerTexts());
    const desc = await shownDates();
    expect(desc.length).toBe(20);
    expect([...desc].sort().reverse()).toEqual(desc);
    const newest = (await desk.invoke<SearchResult>('records.search', { category: 'penalty', sort: { key: 'decisionDate', order: 'desc' }, limit: 1 })).items[0].decisionDate;
    expect(desc[0]).toBe(newest);
    await dateHeader.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="records-table"] thead th[aria-sort="ascending"]') !== null);
    // The header turns at once; the rows follow when the core answers (not after a fixed pause).
    await expect
      .poll(async () => {
        const shown = await shownDates();
        return shown.length === 20 && shown.join() === [...shown].sort().join() && shown[0] < desc[0];
      })
      .toBe(true);
    const asc = await shownDates();
    expect([...asc].sort()).toEqual(asc);
    expect(asc[0] < desc[0]).toBe(true);
    await shot(page, 'issue12-07-list-sorted', { fullPage: false });

    // The header and the side menu stay put while the list scrolls; so do the column headers.
    await page.mouse.move(700, 500);
    await page.mouse.wheel(0, 900);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    expect((await page.locator('.shell-header').boundingBox())!.y).toBe(0);
    expect((await page.locator('.shell-sider').boundingBox())!.y).toBe(0);
    expect(await page.getByRole('menuitem', { name: '信用记录' }).isVisible()).toBe(true);
    expect(Math.round((await table.locator('.ant-table-sticky-holder').boundingBox())!.y)).toBe(64);
    await shot(page, 'issue12-07-sticky-scrolled', { fullPage: false });
    await page.evaluate(() => window.scrollTo(0, 0));

    // Row checkboxes: export the selection, withdraw it with one reason.
    const rows = table.locator('tbody tr.ant-table-row');
    const pickedNos = [await rows.nth(0).locator('td').nth(3).innerText(), await rows.nth(1).locator('td').nth(3).innerText()];
    await rows.nth(0).locator('.ant-checkbox-input').check();
    await rows.nth(1).locator('.ant-checkbox-input').check();
    const bar = page.getByTestId('selection-bar');
    await bar.getByText('已选 2 条').waitFor();
    await shot(page, 'issue12-07-selection', { fullPage: false });
    await bar.getByTestId('export-selected').hover();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('导出为 Excel（.xlsx）').click()]);
    const exported = join(folder, download.suggestedFilename());
    await download.saveAs(exported);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exported);
    expect(wb.worksheets[0].rowCount).toBe(3);
    const noColumn = (wb.worksheets[0].getRow(1).values as unknown[]).indexOf('行政处罚决定书文号');
    const exportedNos = [2, 3].map((r) => String(wb.worksheets[0].getRow(r).getCell(noColumn).value));
    expect(exportedNos.sort()).toEqual([...pickedNos].map((s) => s.trim()).sort());
    await bar.getByTestId('withdraw-selected').click();
    const dialog = page.getByRole('dialog', { name: '撤回所选的 2 条记录？' });
    await dialog.getByRole('button', { name: '撤回' }).click();
    await dialog.getByText('请说明原因（至少 2 个字）').waitFor(); // no reason, no unhandled error
    await dialog.getByLabel('撤回原因').fill('重复录入，已另行登记');
    await dialog.getByRole('button', { name: '撤回' }).click();
    await page.getByText('已撤回 2 条记录').waitFor();
    expect((await desk.invoke<SearchResult>('records.search', { category: 'penalty', state: 'withdrawn' })).total).toBe(2);
    await bar.waitFor({ state: 'detached' });

    // `/` searches; a search with no hit here says where the hits are; hits are marked.
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="record-search"]') !== null)).toBe(true);
    await page.keyboard.type('德润');
    const elsewhere = page.getByTestId('hits-elsewhere');
    await elsewhere.getByText('“行政处罚”中没有与“德润”相符的记录。其他类别中有：').waitFor();
    expect(await page.getByTestId('tab-count-penalty').innerText()).toBe('0');
    await shot(page, 'issue12-07-hits-elsewhere', { fullPage: false });
    await elsewhere.getByTestId('hits-in-license').getByText('行政许可中有 1 条').click();
    await page.waitForURL(/#\/records\/license\/all$/);
    expect(await page.getByTestId('record-search').locator('input').inputValue()).toBe('德润');
    await table.locator('mark.search-hit').getByText('德润').first().waitFor();
    await shot(page, 'issue12-07-highlight', { fullPage: false });

    // Ctrl+F searches too; Esc closes a record's drawer; Ctrl+N starts a new record.
    await table.getByTestId('record-open').first().click();
    await page.getByTestId('record-drawer').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('record-drawer').waitFor({ state: 'detached' });
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('Control+f');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="record-search"]') !== null)).toBe(true);
    await page.setViewportSize(LARGE_SCREEN);
    await shot(page, 'issue12-07-list-1920', { fullPage: false });
    await page.setViewportSize(OFFICE_SCREEN);
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('Control+n');
    await page.getByRole('heading', { name: '新增行政许可记录' }).waitFor();
    expect(desk.problems).toEqual([]);
  });

  it('a name conflict is settled: 确认更名 keeps the old name as a former name; 代码有误 opens the record to correct', async () => {
    const desk = await openDesk({ viewport: OFFICE_SCREEN });
    const { page } = desk;
    await setUpThroughCore(desk);
    await as(desk, CLERK);
    await desk.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号' }) });
    await desk.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕2号', CF_XDR_MC: '石家庄市栾城区恒瑞商贸集团有限公司' }) });
    const typo = (
      await desk.invoke<{ recordId: number }>('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕3号', CF_XDR_MC: '正定县华鑫建材有限公司' }) })
    ).recordId;
    await toLogin(desk);
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByTestId('todo-conflicts').getByText('名称冲突：2 处').click();
    await page.waitForURL(/#\/subjects\/conflicts$/);
    await page.getByTestId('subjects-table').getByText('石家庄市栾城区恒瑞商贸有限公司').click();
    const conflicts = page.getByTestId('subject-conflicts');
    await conflicts.getByText('石家庄市栾城区恒瑞商贸集团有限公司').waitFor();
    await shot(page, 'issue12-10-conflicts', { fullPage: false });

    const renamed = conflicts.getByRole('row').filter({ hasText: '恒瑞商贸集团' });
    await renamed.getByRole('button', { name: '确认更名' }).click();
    await page.getByRole('tooltip').getByText('确认主体已更名为“石家庄市栾城区恒瑞商贸集团有限公司”？').waitFor();
    await page.getByRole('tooltip').getByRole('button', { name: '确认更名' }).click();
    await page.getByText('已更名为：石家庄市栾城区恒瑞商贸集团有限公司').waitFor();
    await page.getByTestId('subject-name').getByText('石家庄市栾城区恒瑞商贸集团有限公司').waitFor();
    await page.getByTestId('former-names').getByText(/石家庄市栾城区恒瑞商贸有限公司（至 \d{4}-\d{2}-\d{2}）/).waitFor();
    expect(await conflicts.getByRole('row').filter({ hasText: '恒瑞商贸集团' }).count()).toBe(0);
    await shot(page, 'issue12-10-renamed', { fullPage: false });
    // The renaming is in the audit trail under its own name.
    await as(desk, { login: 'admin', password: 'admin-pass-1' });
    const audit = await desk.invoke<{ items: { method: string; actionLabel: string; actor: string | null }[] }>('audit.list', { method: 'subjects.rename' });
    expect(audit.items).toEqual([expect.objectContaining({ actionLabel: '确认主体更名', actor: CLERK.login })]);
    await as(desk, CLERK);

    // The other name was a wrong code: the record opens for correction.
    await conflicts.getByRole('row').filter({ hasText: '正定县华鑫建材有限公司' }).getByRole('button', { name: '代码有误' }).click();
    await page.waitForURL(new RegExp(`#/records/edit/${typo}$`));
    await page.getByRole('heading', { name: /更正记录：正定县华鑫建材有限公司/ }).waitFor();
    expect(desk.problems).toEqual([]);
  });
});
