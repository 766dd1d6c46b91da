/**
 * Printing end to end, as an archivist works: find a subject, preview its
 * credit file (pages drawn by pdf.js in the page, no PDF plugin), save it (a
 * real download, read back with poppler), send it to the print dialog, find the
 * print in the print log and check the saved file against it; print a batch
 * approval sheet and a key registration sheet. The archivist sees no edit
 * actions anywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BatchView, PrintLogEntry } from '../../electron/contract';
import { sm3Hex } from '../../electron/core/batches/sm2';
import { penaltyRow, tempFolder } from '../helpers';
import { pdfText, squash } from '../print/pdf-tools';
import { ADMIN, browserDesks, CLERK, logIn, menuItems, setUpThroughCore, shot, type Desk } from './helpers';

const ARCHIVIST = { login: 'zhao', name: '赵档案', password: 'zhao-pass-1' };
const APPROVER = { login: 'boss', name: '钱局长', password: 'boss-pass-1' };
const COMPANY = '石家庄市栾城区恒瑞商贸有限公司';

async function as(desk: Desk, who: { login: string; password: string }) {
  await desk.invoke('auth.logout').catch(() => undefined);
  await desk.invoke('auth.login', { login: who.login, password: who.password });
}

/** Waits until the preview has drawn its first page and returns how many pages it has. */
async function previewed(page: Page): Promise<number> {
  await page.locator('[data-testid="preview-page"][data-drawn="true"]').first().waitFor({ timeout: 60_000 });
  return page.locator('[data-testid="preview-page"]').count();
}

describe('打印', () => {
  const openDesk = browserDesks();

  it('an archivist previews, saves and prints a credit file; it is in the print log; batch and key sheets print too; no edit actions', async () => {
    const desk = await openDesk();
    const { page } = desk;
    const folder = tempFolder();
    await setUpThroughCore(desk);
    await as(desk, ADMIN);
    await desk.invoke('users.add', { ...ARCHIVIST, roles: ['archivist'] });
    await desk.invoke('users.add', { ...APPROVER, roles: ['approver'] });
    await as(desk, CLERK);
    for (let i = 1; i <= 60; i++) {
      await desk.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: `栾市监罚〔2026〕${i}号`, CF_XDR_MC: COMPANY, CF_FRDB: '王䶮' }) });
    }
    await desk.invoke('batches.prepare', {});
    await as(desk, APPROVER);
    await desk.invoke('keys.generate', { password: APPROVER.password });
    const batch = (await desk.invoke<BatchView[]>('batches.list'))[0];
    await desk.invoke('batches.approve', { batchId: batch.batchId, password: APPROVER.password });
    await desk.invoke('auth.logout');
    await page.reload();
    await logIn(page, ARCHIVIST.login, ARCHIVIST.password);
    await page.getByRole('heading', { name: `您好，${ARCHIVIST.name}` }).waitFor();
    expect(await menuItems(page)).toContain('打印记录');

    // Find the subject; its page offers printing and no editing.
    await page.locator('.ant-menu-item', { hasText: '信用主体' }).click();
    await page.getByTestId('subject-search').locator('input').fill('恒瑞');
    await page.getByTestId('subjects-table').getByText(COMPANY).click();
    await page.getByTestId('subject-name').filter({ hasText: COMPANY }).waitFor();
    await expect(page.locator('.page').getByRole('button', { name: /编辑|修改|更正|新增|导入|撤回/ }).count()).resolves.toBe(0);
    await page.getByTestId('print-credit-file').click();
    await page.getByTestId('print-with-history').check();
    await page.getByRole('button', { name: '生成并预览' }).click();
    const pages = await previewed(page);
    expect(pages).toBeGreaterThan(2);
    // The preview takes no print number (issue 19): it is marked 预览 and not in the print log.
    const facts = await page.getByTestId('print-facts').innerText();
    expect(facts).toContain('预览（未编号）');
    expect(facts).toContain(`共 ${pages} 页`);
    expect((await desk.invoke<{ total: number }>('print.log', {})).total).toBe(0);
    await shot(page, 'print-1-credit-file-preview');

    // Save: the document is printed now, under its number.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-save').click()]);
    const printNo = /P\d{4}-\d{6}/.exec(await page.getByTestId('print-facts').innerText())![0];
    const saved = join(folder, download.suggestedFilename());
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toBe(`信用档案-${COMPANY}-${printNo}.pdf`);
    const bytes = readFileSync(saved);
    const text = squash(pdfText(bytes));
    expect(text).toContain(COMPANY);
    expect(text).toContain('王䶮');
    expect(text).toContain(printNo);
    for (let i = 1; i <= 60; i++) expect(text).toContain(`栾市监罚〔2026〕${i}号`);

    // Print: every page goes to the system print dialog as an image, and only those pages.
    await page.evaluate(() => {
      const w = window as unknown as { printedPages: number; print: () => void };
      w.printedPages = -1;
      w.print = () => {
        w.printedPages = document.querySelectorAll('.print-sheets img').length;
        window.dispatchEvent(new Event('afterprint'));
      };
    });
    await page.getByTestId('print-print').click();
    await page.waitForFunction(() => (window as unknown as { printedPages: number }).printedPages >= 0, null, { timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { printedPages: number }).printedPages)).toBe(pages);
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

    // The print log has it; the saved file checks out against it.
    await page.locator('.ant-menu-item', { hasText: '打印记录' }).click();
    const row = page.getByTestId('print-log').locator('tr', { hasText: printNo });
    await row.waitFor();
    expect(await row.innerText()).toContain('信用档案');
    expect(await row.innerText()).toContain(COMPANY);
    await page.getByTestId('print-lookup').click();
    await page.getByTestId('lookup-print-no').fill(printNo);
    await page.locator('.ant-modal input[type=file]').setInputFiles(saved);
    await page.getByTestId('lookup-check').click();
    await page.getByText('该 PDF 正是这次打印的文件。').waitFor();
    await shot(page, 'print-2-log-lookup');
    await page.keyboard.press('Escape');
    const logged = await desk.invoke<{ items: PrintLogEntry[] }>('print.log', { query: printNo });
    expect(logged.items[0]).toMatchObject({ printNo, sm3: sm3Hex(bytes), options: { withHistory: true }, masked: true, printedBy: ARCHIVIST.login });

    // A batch approval sheet: the archivist prints it, and may not approve or export.
    await page.locator('.ant-menu-item', { hasText: '报送批次' }).click();
    await page.goto(`${desk.bridge.url}#/batches/${batch.batchId}`);
    await page.getByTestId('batch-facts').waitFor();
    const actions = await page.getByTestId('batch-actions').innerText();
    expect(actions).not.toMatch(/审核签发|退回|导出/);
    await page.getByTestId('print-batch-sheet').click();
    await previewed(page);
    expect(await page.getByTestId('print-facts').innerText()).toContain('预览（未编号）');
    await shot(page, 'print-3-batch-sheet');
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

    // A key registration sheet from the key list.
    await page.goto(`${desk.bridge.url}#/batches/keys`);
    await page.getByTestId('print-key-sheet').first().click();
    await previewed(page);
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    // Only what was saved or printed has a number: the sheets were only previewed.
    const kinds = (await desk.invoke<{ items: PrintLogEntry[] }>('print.log', {})).items.map((e) => e.kind);
    expect(kinds).toEqual(['credit-file']);

    expect(desk.problems).toEqual([]);
  });
});
