/**
 * The case page's letters in Chromium (issue 17): the administrator sets the letter
 * settings (机关代字, 复议机关, 法院, a 发文字号 pattern); a repair that arrived without
 * all its materials shows its 补正材料通知书 with the 发文字号 in the letters card; the
 * letter is previewed as printed; its service is recorded in a dialog; a further 补正
 * lists several items with a date and issues the next number; the 案件审批表 prints; the
 * record's 信用修复告知书 prints from the record drawer; the batch review says which
 * operations are for public display. Screenshots at 1366×768.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CaseDetail, PrintPayload } from '../../electron/contract';
import { chinaDate } from '../../electron/core/calendar';
import { penaltyRow } from '../helpers';
import { pdfBytes } from '../cases/fixtures';
import { pdfText, squash } from '../print/pdf-tools';
import { ADMIN, as, browserDesks, CLERK, logIn, setUpThroughCore, shot } from './helpers';

/** The core's answer to the page's next call of `method` (the bridge posts every call to /__invoke). */
function invoked(page: Page, method: string) {
  return page.waitForResponse((r) => r.url().includes('/__invoke') && (r.request().postData() ?? '').includes(`"method":"${method}"`), { timeout: 60_000 });
}

async function previewDrawn(page: Page) {
  await page.locator('[data-testid="preview-page"][data-drawn="true"]').first().waitFor({ timeout: 60_000 });
}

async function closePreview(page: Page) {
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="preview-page"]').first().waitFor({ state: 'detached' });
}

describe('文书 on the case page', () => {
  const openDesk = browserDesks();

  it('letter settings; the 补正材料通知书 with its 发文字号, previewed, served; a further 补正; the 案件审批表; the 信用修复告知书; display in the review', async () => {
    const desk = await openDesk({ viewport: { width: 1366, height: 768 } });
    const { page } = desk;
    await setUpThroughCore(desk);
    const year = chinaDate(new Date()).slice(0, 4);

    // --- The administrator's letter settings -------------------------------------------------
    await page.reload();
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByText(`您好，${ADMIN.name}`).waitFor();
    await page.getByRole('menuitem', { name: '系统设置' }).click();
    await page.getByRole('tab', { name: '单位信息' }).click();
    const settings = page.getByTestId('department-letters');
    await settings.getByLabel('机关代字').fill('栾市监');
    await settings.getByLabel('行政复议机关').fill('石家庄市栾城区人民政府');
    await settings.getByLabel('人民法院').fill('石家庄市栾城区人民法院');
    await settings.getByTestId('docno-materials').fill('栾市监信补字〔{year}〕{n}号');
    await shot(page, 'letters-01-settings');
    await page.getByRole('button', { name: /^保\s?存$/ }).click();
    await page.getByText('单位信息已保存').waitFor();
    const dept = await desk.invoke<{ shortName: string; docNoPatterns: Record<string, string> }>('department.get');
    expect(dept).toMatchObject({ shortName: '栾市监', docNoPatterns: { materials: '栾市监信补字〔{year}〕{n}号' } });

    // --- A repair with one of three materials (through the core: the form is tested in cases.test) ---
    await as(desk, ADMIN);
    await desk.invoke('users.add', { login: 'archive', name: '周档案', roles: ['archivist'], password: 'archive-pass-1' });
    await as(desk, CLERK);
    const { recordId } = await desk.invoke<{ recordId: number }>('records.create', {
      category: 'penalty',
      values: penaltyRow({ CF_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司', CF_WSH: `栾市监罚〔${Number(year) - 1}〕8号`, CF_JDRQ: `${Number(year) - 1}-03-02`, CF_YXQ: `${year}-03-02` }),
    });
    const c = await desk.invoke<CaseDetail>('cases.register', {
      kind: 'repair',
      recordIds: [recordId],
      applicant: { name: '石家庄市栾城区恒瑞商贸有限公司' },
      channel: 'window',
      grounds: '已缴清罚款，申请信用修复',
      attachments: [{ fileName: '申请表.pdf', content: pdfBytes('form').toString('base64'), item: '信用修复申请表' }],
    });
    const docNo = `栾市监信补字〔${year}〕1号`;
    expect(c.letters.map((l) => l.docNo)).toEqual([docNo]);
    await desk.invoke('auth.logout');
    await page.reload();
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByRole('menuitem', { name: '信用修复' }).click();
    await page.getByTestId('case-open').first().click();
    const letters = page.getByTestId('case-letters');
    await letters.getByText(docNo).waitFor();
    await letters.getByText('未登记送达').waitFor();
    await page.getByTestId('case-materials').getByText('信用修复申请表').waitFor();
    await shot(page, 'letters-02-case-page');

    // Previewed as printed: the PDF carries the number and the missing items.
    const printed = invoked(page, 'print.letter');
    await letters.getByRole('button', { name: '打印' }).click();
    await previewDrawn(page);
    const body = (await (await printed).json()) as { ok: boolean; value: PrintPayload };
    const text = squash(pdfText(Buffer.from(body.value.content, 'base64')));
    for (const s of [docNo, '补正材料通知书', '信用修复承诺书', '履行法定义务的证明材料', '联系人：张三']) expect(text).toContain(s);
    await shot(page, 'letters-03-preview');
    await closePreview(page);

    // Service, recorded in a dialog.
    await letters.getByRole('button', { name: '登记送达' }).click();
    const serve = page.getByRole('dialog');
    await serve.getByText(`登记送达：补正材料通知书 ${docNo}`).waitFor();
    await serve.getByLabel('受送达人').fill('张经理');
    await shot(page, 'letters-04-serve');
    await serve.getByRole('button', { name: /^保\s?存$/ }).click();
    await page.getByText('已登记送达').first().waitFor();
    await letters.getByText(/直接送达 · \d{4}-\d{2}-\d{2} · 张经理/).waitFor();

    // A further 补正: several items at once with a date; the next number.
    await page.getByTestId('case-request-materials').click();
    const request = page.getByRole('dialog');
    await request.getByText('要求补正材料').first().waitFor();
    await request.getByLabel('需要补正的内容').fill('缴款凭证不清晰，承诺书未盖章');
    await shot(page, 'letters-05-request');
    await request.getByRole('button', { name: '要求补正' }).click();
    await letters.getByText(`栾市监信补字〔${year}〕2号`).waitFor();
    await shot(page, 'letters-06-second-notice');

    // The 案件审批表 (internal): channel, steps and letters.
    const sheetDone = invoked(page, 'print.caseSheet');
    await page.getByTestId('case-sheet').click();
    await previewDrawn(page);
    const sheet = (await (await sheetDone).json()) as { ok: boolean; value: PrintPayload };
    const sheetText = squash(pdfText(Buffer.from(sheet.value.content, 'base64')));
    for (const s of ['案件审批表', '收到渠道', '窗口', '直接送达', '李晓梅']) expect(sheetText).toContain(s);
    await closePreview(page);

    // The record's 信用修复告知书 from the record drawer.
    await page.getByTestId('case-records-table').getByText('石家庄市栾城区恒瑞商贸有限公司').click();
    const drawer = page.getByTestId('record-drawer');
    const noticeDone = invoked(page, 'print.repairNotice');
    await drawer.getByTestId('record-repair-notice').click();
    await previewDrawn(page);
    const notice = (await (await noticeDone).json()) as { ok: boolean; value: PrintPayload };
    expect(notice.value.docNo).toBe(`栾市监信告〔${year}〕1号`);
    await shot(page, 'letters-07-repair-notice');
    await closePreview(page);
    await page.keyboard.press('Escape');

    // --- The batch review shows which operations are for public display ------------------------
    await as(desk, CLERK);
    await desk.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: `栾市监罚〔${year}〕9号`, CF_CFLB: '警告', CF_NR: '警告', CF_NR_FK: '' }) });
    // A fine of class 一般 decided a month ago: displayed until a year after its decision.
    const decided = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    await desk.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: `栾市监罚〔${year}〕10号`, CF_JDRQ: decided, CF_YXQ: `${Number(decided.slice(0, 4)) + 1}${decided.slice(4)}` }) });
    const batch = await desk.invoke<{ sequence: number }>('batches.prepare');
    await page.reload();
    await page.getByRole('menuitem', { name: '报送批次' }).click();
    await page.goto(page.url().replace(/#.*$/, `#/batches/${batch.sequence}`));
    const ops = page.getByTestId('operations-table');
    await ops.getByText('仅共享，不公开').first().waitFor();
    await ops.getByText(/公开显示至 \d{4}-\d{2}-\d{2}/).first().waitFor();
    await shot(page, 'letters-08-review-display');
    expect(desk.problems).toEqual([]);
  });
});
