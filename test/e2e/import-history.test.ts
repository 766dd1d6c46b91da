/**
 * The import wizard with a department's history (issue 14 item 6, issue 12 item 8),
 * in Chromium at 1366 px: a 2016 双公示 workbook saved by Excel 97-2003 (.xls) is
 * recognised before anything is read, its column mapping and the required fields
 * it lacks are shown, it is imported as history already published (nothing
 * queued), with the rules applied and a migration report; a 行政许可 file chosen
 * as 行政处罚 says so and switches with one click.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../helpers';
import { LICENSE_2016_LABELS, license2016Rows, PENALTY_2016_CODES, penalty2016Rows, xlsBytes } from '../records/history-fixtures';
import { browserDesks, CLERK, DEPARTMENT, logIn, setUpThroughCore, shot, SHOTS_DIR } from './helpers';

describe('导入历史记录', () => {
  const openDesk = browserDesks();

  it('a 2016 .xls is recognised, its mapping shown, and imported as history already published: nothing queued', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await setUpThroughCore(desk);
    const file = join(tempFolder(), '2018年行政处罚（双公示）.xls');
    writeFileSync(file, xlsBytes(PENALTY_2016_CODES, penalty2016Rows(DEPARTMENT.name)));

    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    await page.getByRole('menuitem', { name: '信用记录' }).click();
    await page.getByRole('tab', { name: /行政处罚/ }).click();
    await page.getByRole('button', { name: '导入' }).click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-file-name').getByText('2018年行政处罚（双公示）.xls').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();

    // --- 核对表格: the generation, the mapping, the missing required fields ---------------
    await page.getByTestId('import-generation').getByText('按 2016 版双公示模板导入').waitFor();
    const columns = page.getByTestId('import-columns');
    const row = async (header: string) => (await columns.locator('tr.ant-table-row', { hasText: header }).first().innerText()).replace(/\s+/g, ' ').trim();
    expect(await row('CF_CFMC')).toMatch(/^B CF_CFMC 转换 违法行为类型 ?CF_WFXW/);
    expect(await row('CF_XDR_SFZ')).toContain('证件类型”填“身份证”');
    expect(await row('DFBM')).toMatch(/忽略 现行标准没有此项/);
    expect(await row('CF_ZT')).toContain('当前状态');
    const missing = (await page.getByTestId('import-missing').innerText()).replace(/\s+/g, ' ');
    expect(missing).toContain('行政相对人类别');
    expect(missing).toContain('按规则填写（按代码推定行政相对人类别）');
    expect(missing).not.toMatch(/[a-z]+-[a-z]+/); // no rule ids (issue 19, item 11)
    expect(missing).toContain('处罚有效期');
    await page.getByTestId('import-rule-list').getByText(/92 开头的为个体工商户/).waitFor();
    await shot(page, 'history-01-import-check');
    // At 1366×768 the check is taller than the window: its buttons stay on screen.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: join(SHOTS_DIR, 'history-01b-import-check-1366x768.png') });
    const next = await page.getByRole('button', { name: '下一步' }).boundingBox();
    expect(next!.y + next!.height).toBeLessThanOrEqual(768);

    // --- 导入方式: history, shown before anything is written -------------------------------
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('已在平台公示过的历史记录').check();
    await page.getByTestId('import-summary-line').getByText(/作为已在平台公示过的历史记录导入“行政处罚”，不排入报送队列/).waitFor();
    expect(await page.getByLabel('已存在时更新').isDisabled()).toBe(true);
    await shot(page, 'history-02-import-options');
    await page.getByRole('button', { name: '导入为历史记录' }).click();

    // --- 结果 -------------------------------------------------------------------------
    await page.getByTestId('import-result-title').getByText('已导入 5 条；3 行有错误未导入').waitFor();
    await page.getByTestId('import-result-generation').getByText(/按 2016 版双公示模板导入，已在平台公示过的历史记录，未排入报送队列/).waitFor();
    const count = async (key: string) => Number((await page.getByTestId(`import-count-${key}`).locator('.ant-statistic-content').innerText()).replace(/,/g, ''));
    expect(await count('queued')).toBe(0);
    expect(await count('withdrawn')).toBe(1);
    expect((await count('accepted')) + (await count('expired'))).toBe(4);
    const rules = (await page.getByTestId('import-rules').innerText()).replace(/\s+/g, ' ');
    expect(rules).toMatch(/行政相对人类别.*5 法人及非法人组织 3，个体工商户 1，自然人 1/);
    await shot(page, 'history-03-import-result');
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('migration-report-download').click()]);
    expect(report.suggestedFilename()).toBe('2018年行政处罚（双公示）-迁移报告.xlsx');

    // Nothing waits for a batch; the records read as the platform has them.
    expect((await desk.invoke<{ total: number }>('batches.pending')).total).toBe(0);
    await page.getByRole('button', { name: '查看记录' }).click();
    await page.getByText('栾市监罚〔2024〕9号').waitFor();
    await page.locator('.ant-table-row', { hasText: '栾市监罚〔2024〕9号' }).getByText('已撤回').waitFor();
    await shot(page, 'history-04-records');
    expect(desk.problems).toEqual([]);
  });

  it('a 行政许可 workbook chosen as 行政处罚 says “这像是行政许可的表格” and switches with one click', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await setUpThroughCore(desk);
    const file = join(tempFolder(), '许可2017.xls');
    writeFileSync(file, xlsBytes(LICENSE_2016_LABELS, license2016Rows(DEPARTMENT.name)));
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    await page.getByRole('menuitem', { name: '信用记录' }).click();
    await page.getByRole('tab', { name: /行政处罚/ }).click();
    await page.getByRole('button', { name: '导入' }).click();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByTestId('import-suggestion').getByText(/^这像是“行政许可”的表格/).waitFor();
    expect(await page.getByRole('button', { name: '下一步' }).isDisabled()).toBe(true);
    await shot(page, 'history-10-wrong-category');
    await page.getByRole('button', { name: '改为“行政许可”' }).click();
    await page.getByTestId('import-suggestion').waitFor({ state: 'detached' });
    await page.getByTestId('import-generation').getByText('按 2016 版双公示模板导入').waitFor();
    await page.getByTestId('import-columns').locator('tr', { hasText: '项目名称' }).getByText('行政许可决定文书名称').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByTestId('import-summary-line').getByText(/导入“行政许可”/).waitFor();
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByTestId('import-result-title').getByText('已导入 3 条；2 行有错误未导入').waitFor();
    expect(await page.getByTestId('import-count-queued').locator('.ant-statistic-content').innerText()).toBe('3');
    await shot(page, 'history-11-license-result');
    expect(desk.problems).toEqual([]);
  });
});
