/**
 * Issue 12, item 14, at 1366×768: consistent words (登录名; 更正 for a record's
 * content), numbers one way (1,200), categories in the catalogue's order,
 * people by 姓名, room between an inline error and the next label, and no
 * unhandled error when 撤回 is confirmed without a reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generatePenaltyWorkbook } from '../bench/fixtures';
import { penaltyRow, tempFolder } from '../helpers';
import { as, browserDesks, CLERK, logIn, OFFICE_SCREEN, setUpThroughCore, shot, toLogin } from './helpers';

/** The gap between a field's error text and the label of the field below it (px). */
function gapBelowError(page: Page, code: string): Promise<number> {
  return page.evaluate((c) => {
    const item = document.getElementById(c)!.closest('.ant-form-item')!;
    const explain = item.querySelector('.ant-form-item-explain')!.getBoundingClientRect();
    const below = [...document.querySelectorAll('.record-form .ant-form-item-label')]
      .map((l) => l.getBoundingClientRect())
      .filter((r) => r.top >= explain.top && Math.abs(r.left - explain.left) < 4)
      .sort((a, b) => a.top - b.top)[0];
    return below.top - explain.bottom;
  }, code);
}

describe('words and small things', () => {
  const openDesk = browserDesks();

  it('登录名, 更正, 1,200, the catalogue’s order, 姓名, room under an error, no unhandled rejection', async () => {
    const desk = await openDesk({ viewport: OFFICE_SCREEN });
    const { page } = desk;
    const folder = tempFolder();
    await setUpThroughCore(desk);
    await as(desk, CLERK);
    const workbook = join(folder, '处罚.xlsx');
    await generatePenaltyWorkbook(workbook, 1200);
    await desk.invoke('import.run', { category: 'penalty', fileName: '处罚.xlsx', content: readFileSync(workbook).toString('base64') });
    await desk.invoke('records.create', {
      category: 'blacklist',
      values: {
        SXMD_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司',
        SXMD_XDR_LB: '法人及非法人组织',
        SXMD_XDR_SHXYM: '91350200776049653A',
        SXMD_FRDB: '张三',
        SXMD_MDMC: '重大税收违法失信主体',
        SXMD_RDWH: '冀税稽〔2026〕1号',
        SXMD_RDYJ: '《重大税收违法失信主体信息公布管理办法》',
        SXMD_SXXW: '虚开增值税专用发票',
        SXMD_CJCS: '限制高消费',
        SXMD_LRRQ: '2026-02-01',
        SXMD_RDDW: '国家税务总局石家庄市税务局',
        SXMD_RDDWDM: '913502000728319549',
        SXMD_SJLY: '国家税务总局石家庄市税务局',
        SXMD_SJLYDM: '913502000728319549',
      },
    });
    const person = (await desk.invoke<{ recordId: number }>('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕99号' }) })).recordId;
    await toLogin(desk);

    // 登录名, in the login error as in the field.
    await logIn(page, CLERK.login, 'not-the-password');
    await page.getByRole('alert').getByText('登录名或密码不正确。').waitFor();
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();

    // Numbers one way; categories in the catalogue's order (行政处罚 before 严重失信主体名单).
    await page.getByRole('menuitem', { name: '报送批次' }).click();
    const counts = page.getByTestId('pending-counts');
    await counts.getByText('行政处罚').waitFor();
    const rows = (await counts.locator('tbody tr.ant-table-row').allInnerTexts()).map((r) => r.split(/\s+/).filter(Boolean));
    expect(rows.map((r) => r[0])).toEqual(['行政处罚', '严重失信主体名单']);
    expect(rows[0]).toEqual(['行政处罚', '1,201', '1,201']);
    await shot(page, 'issue12-14-pending-counts', { fullPage: false });
    await page.getByRole('button', { name: '准备批次' }).click();
    await page.getByRole('dialog').locator('.ant-modal-confirm-title').getByText('把 1,202 条待报送操作编成新的批次？').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '准备批次' }).click();
    await page.getByText('已准备第 1 批（1,202 条操作），等待审核人审核').waitFor();
    const facts = page.getByTestId('batch-facts');
    await facts.getByText('1,202 条操作').waitFor();
    await facts.getByText('严重失信主体名单', { exact: true }).waitFor();
    expect((await facts.innerText()).indexOf('行政处罚')).toBeLessThan((await facts.innerText()).indexOf('严重失信主体名单'));
    // People by 姓名, the login beside it.
    await facts.getByText('李晓梅').waitFor();
    await facts.getByText('（clerk1）').waitFor();
    await page.getByRole('button', { name: '返回批次列表' }).click();
    await page.getByTestId('batches-table').getByText('李晓梅').waitFor();
    await shot(page, 'issue12-14-batch-list', { fullPage: false });
    // Cancel the batch: the records can be corrected again.
    await page.getByTestId('batches-table').getByText('第 1 批').click();
    await page.getByRole('button', { name: '撤销批次' }).click();
    await page.getByRole('dialog').getByLabel('撤销原因').fill('先更正一条');
    await page.getByRole('dialog').getByRole('button', { name: '撤销批次' }).click();
    await page.locator('.ant-message').getByText('第 1 批已撤销').waitFor();

    // 更正: one word for changing a record's content; 撤回 with no reason raises nothing unhandled.
    await page.goto(`${desk.bridge.url}#/records/penalty/all/${person}`);
    const drawer = page.getByTestId('record-drawer');
    await drawer.getByRole('button', { name: '更正' }).waitFor();
    expect(await drawer.getByRole('button', { name: '修改' }).count()).toBe(0);
    await drawer.getByRole('button', { name: '撤回' }).click();
    const dialog = page.getByRole('dialog', { name: /撤回记录/ });
    await dialog.getByRole('button', { name: '撤回' }).click();
    await dialog.getByText('请说明原因（至少 2 个字）').waitFor();
    await page.waitForTimeout(500);
    expect(desk.problems).toEqual([]);
    await dialog.getByRole('button', { name: '取消' }).click();
    await drawer.getByRole('button', { name: '更正' }).click();
    await page.getByRole('heading', { name: /更正记录：/ }).waitFor();
    await page.getByLabel('更正原因').waitFor();

    // Room between a field's error and the next label; the field code once, quietly, beside the label.
    await page.locator('#CF_XDR_SHXYM').fill('91350200776049653B');
    await page.getByTestId('field-issue-CF_XDR_SHXYM').waitFor();
    expect(await gapBelowError(page, 'CF_XDR_SHXYM')).toBeGreaterThanOrEqual(8);
    expect(await page.getByTestId('field-issue-CF_XDR_SHXYM').innerText()).not.toContain('CF_XDR_SHXYM');
    await page.locator('.field-code').filter({ hasText: 'CF_XDR_SHXYM' }).waitFor();
    await shot(page, 'issue12-14-error-spacing', { fullPage: false });
    expect(desk.problems).toEqual([]);
  });
});
