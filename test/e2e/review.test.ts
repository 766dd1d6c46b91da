/**
 * Issue 12, items 1, 2, 3, 6 and 9, at 1366×768 (and 1920×1080): the approver
 * sees what is signed (every field of an add, an update's diff against what the
 * platform accepted, a withdrawal's reason, coded values in words); a batch sent
 * back is prepared again under its number, shown once in the list with its earlier
 * preparation beneath it, and the clerk sees the return and its reason where they
 * work; a receipt is previewed and applied only when confirmed; a record's history
 * shows its batches and the platform's answers beside its versions.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchOperationView, BatchView, Catalog } from '../../electron/contract';
import { penaltyRow, tempFolder } from '../helpers';
import { ADMIN, as, browserDesks, CLERK, LARGE_SCREEN, logIn, OFFICE_SCREEN, scrollsSideways, setUpThroughCore, shot, toLogin } from './helpers';
import { platformReceipt } from '../receipts';

const APPROVER = { login: 'boss', name: '赵国强', password: 'boss-pass-1' };

const licenceRow = (values: Record<string, unknown> = {}) => ({
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
  XK_ZT: '1',
  XK_LYDW: '石家庄市栾城区市场监督管理局',
  XK_LYDWDM: '913502000728319549',
  ...values,
});

describe('the approver and the batches', () => {
  const openDesk = browserDesks();

  it('review shows what is signed; a returned batch keeps its number; receipts are confirmed; history tells the whole story', async () => {
    const desk = await openDesk({ viewport: OFFICE_SCREEN });
    const { page } = desk;
    await setUpThroughCore(desk);
    await as(desk, ADMIN);
    await desk.invoke('users.add', { ...APPROVER, roles: ['approver'] });

    // Batch 1 through the core: three penalties; the platform sends the first back.
    await as(desk, CLERK);
    const codes = ['91350200776049653A', '913502000728319549', '91230500MA1B3N1N2M'];
    const ids: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const values = penaltyRow({ CF_WSH: `栾市监罚〔2026〕${i}号`, CF_XDR_MC: `石家庄市栾城区第${i}商贸有限公司`, CF_XDR_SHXYM: codes[i - 1] });
      ids.push((await desk.invoke<{ recordId: number }>('records.create', { category: 'penalty', values })).recordId);
    }
    const first = await desk.invoke<BatchView>('batches.prepare', {});
    await as(desk, APPROVER);
    await desk.invoke('keys.generate', { password: APPROVER.password });
    await desk.invoke('batches.approve', { batchId: first.batchId, password: APPROVER.password });
    const firstOps = (await desk.invoke<{ items: BatchOperationView[] }>('batches.operations', { batchId: first.batchId })).items;
    const receipt1 = {
      format: 'credit-desk-receipt/1',
      batchId: first.publicId,
      results: firstOps.map((o) =>
        o.recordId === ids[0] ? { opId: o.opId, status: 'rejected', code: '1001', message: '名称与统一社会信用代码不匹配' } : { opId: o.opId, status: 'accepted' },
      ),
    };
    await desk.invoke('receipts.import', { fileName: 'r1.json', content: platformReceipt(desk.bridge.dbPath, receipt1) });

    // The clerk corrects the rejected record, corrects an accepted one, withdraws one, adds a licence; batch 2 is sent back.
    await as(desk, CLERK);
    await desk.invoke('records.update', {
      recordId: ids[0],
      baseVersion: 1,
      values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号', CF_XDR_MC: '石家庄市栾城区第一商贸有限公司', CF_XDR_SHXYM: codes[0] }),
      reason: '按平台意见更正名称',
    });
    await desk.invoke('records.update', {
      recordId: ids[1],
      baseVersion: 1,
      values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕2号', CF_XDR_MC: '石家庄市栾城区第2商贸有限公司', CF_XDR_SHXYM: codes[1], CF_NR_FK: '0.9', CF_NR: '罚款人民币九千元' }),
      reason: '按复核决定更正罚款金额',
    });
    await desk.invoke('records.withdraw', { recordId: ids[2], reason: '处罚决定已被复议机关撤销' });
    await desk.invoke('records.create', { category: 'license', values: licenceRow() });
    const second = await desk.invoke<BatchView>('batches.prepare', {});
    await as(desk, APPROVER);
    await desk.invoke('batches.reject', { batchId: second.batchId, reason: '许可证书信息不全，请补充后重新准备' });
    await toLogin(desk);

    // --- The clerk sees the return and its reason where they work ---------------------------
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    const returned = page.getByTestId('todo-returned');
    await returned.getByText('第 2 批被 赵国强 退回').waitFor();
    await returned.getByText(/许可证书信息不全，请补充后重新准备/).waitFor();
    await shot(page, 'issue12-02-clerk-dashboard-returned', { fullPage: false });
    await returned.click();
    await page.waitForURL(/#\/batches\/2\/1$/);
    await page.getByRole('heading', { name: '第 2 批' }).waitFor();
    await page.getByRole('menuitem', { name: '报送批次' }).click();
    await page.getByRole('tab', { name: '待报送', selected: true }).waitFor();
    await page.getByTestId('returned-batch').getByText(/第 2 批已由 赵国强 于 .* 退回：许可证书信息不全，请补充后重新准备/).waitFor();
    await shot(page, 'issue12-02-pending-returned', { fullPage: false });

    // Prepared again: the same number, its second preparation.
    await page.getByRole('button', { name: '准备批次' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '准备批次' }).click();
    await page.getByRole('heading', { name: '第 2 批 · 第 2 次准备' }).waitFor();
    expect(page.url()).toMatch(/#\/batches\/2$/);
    await page.getByTestId('batch-attempts').getByText('第 1 次（已退回）').waitFor();

    // The list: one row per number, its earlier preparation beneath it; it fits 1366 px.
    await page.getByRole('button', { name: '返回批次列表' }).click();
    const table = page.getByTestId('batches-table');
    await table.getByTestId('batch-attempt').waitFor();
    const topRows = table.locator('tr.ant-table-row-level-0');
    expect(await topRows.count()).toBe(2);
    expect((await topRows.allInnerTexts()).map((r) => r.split('\n')[0].trim())).toEqual(['第 2 批（第 2 次准备）', '第 1 批']);
    const attemptRow = table.locator('tr.ant-table-row-level-1');
    expect(await attemptRow.count()).toBe(1);
    await attemptRow.getByText('已退回').waitFor();
    await attemptRow.getByText(/许可证书信息不全/).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    expect(await table.locator('.ant-table-content').evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    // A batch number is never broken mid-code.
    for (const box of await table.locator('.batch-public-id').all()) expect((await box.boundingBox())!.height).toBeLessThan(24);
    await shot(page, 'issue12-02-batch-list-1366');
    await page.setViewportSize(LARGE_SCREEN);
    await shot(page, 'issue12-02-batch-list-1920');
    await page.setViewportSize(OFFICE_SCREEN);
    await page.getByRole('button', { name: '退出登录' }).click();

    // --- The approver: 待您审核 1 批 → the review shows what is signed -------------------------
    await logIn(page, APPROVER.login, APPROVER.password);
    await page.getByTestId('todo-review').getByText('待您审核 1 批').waitFor();
    await shot(page, 'issue12-12-approver-dashboard', { fullPage: false });
    await page.getByTestId('todo-review').click();
    await page.getByRole('heading', { name: '第 2 批 · 第 2 次准备' }).waitFor();
    const catalog = await desk.invoke<Catalog>('catalog.get');
    const penaltyColumns = catalog.categories.find((c) => c.key === 'penalty')!.exportColumns.length;
    const licenceColumns = catalog.categories.find((c) => c.key === 'license')!.exportColumns.length;
    const ops = page.getByTestId('operations-table');
    const row = (no: string) => ops.locator('tr.ant-table-row').filter({ hasText: no });
    // The corrected rejected record goes as an add: every field, not "1 个字段".
    await row('栾市监罚〔2026〕1号').getByText(`首次报送：全部 ${penaltyColumns} 个字段`).waitFor();
    await row('栾市监罚〔2026〕1号').getByText('第 2 版').waitFor();
    expect(await ops.innerText()).not.toMatch(/\bv\d/);
    // The update: the diff against what the platform accepted, and the full record on request.
    const update = ops.getByTestId('batch-diff').filter({ hasText: '按复核决定更正罚款金额' });
    await update.getByTestId('batch-diff-against').getByText('与平台已接收的第 1 版（第 1 批）相比：').waitFor();
    expect(await update.locator('table.batch-diff tbody tr').count()).toBe(2);
    await update.getByTestId('batch-full-toggle').click();
    expect(await update.getByTestId('batch-full-record').locator('.batch-diff-pair').count()).toBe(penaltyColumns);
    // The withdrawal: its reason.
    await ops.getByTestId('batch-op-reason').filter({ hasText: '处罚决定已被复议机关撤销' }).waitFor();
    // Adds open on request: every field, coded values in words.
    await page.getByRole('button', { name: '全部展开' }).click();
    const penaltyAdd = ops.getByTestId('batch-diff').filter({ hasText: '按平台意见更正名称' });
    expect(await penaltyAdd.getByTestId('batch-add-fields').locator('.batch-diff-pair').count()).toBe(penaltyColumns);
    await penaltyAdd.getByText('石家庄市栾城区第一商贸有限公司').waitFor();
    const licence = ops.getByTestId('batch-diff').filter({ hasText: '栾市监许〔2026〕8号' });
    expect(await licence.getByTestId('batch-add-fields').locator('.batch-diff-pair').count()).toBe(licenceColumns);
    await licence.locator('.batch-diff-pair').filter({ hasText: '当前状态' }).getByText('有效（1）').waitFor();
    await shot(page, 'issue12-01-review-1366');
    await page.setViewportSize(LARGE_SCREEN);
    await shot(page, 'issue12-01-review-1920');
    await page.setViewportSize(OFFICE_SCREEN);
    await page.getByRole('button', { name: '全部收起' }).click();
    // The facts say 批次摘要, on one line; labels do not wrap mid-word.
    await page.getByRole('button', { name: '审核通过并签名' }).click();
    let dialog = page.getByRole('dialog', { name: /审核通过并签名：第 2 批/ });
    await dialog.getByLabel('您的登录密码').fill(APPROVER.password);
    await dialog.getByRole('button', { name: '签名', exact: true }).click();
    await page.locator('.ant-message').getByText('第 2 批已审核签发').waitFor();
    const facts = page.getByTestId('batch-facts');
    await facts.getByText('批次摘要').waitFor();
    expect(await facts.innerText()).not.toContain('SM3');
    // Each label's text is on one line (审核签发, not 审核签/发).
    const labelLines = await facts.locator('.ant-descriptions-item-label').evaluateAll((cells) =>
      cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return [cell.textContent, new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size] as const;
      }),
    );
    for (const [label, lines] of labelLines) expect(lines, label ?? '').toBe(1);

    // --- The receipt: previewed, applied only when confirmed ------------------------------------
    const batch2 = (await desk.invoke<BatchView[]>('batches.list')).find((b) => b.state === 'approved' && b.sequence === 2)!;
    const ops2 = (await desk.invoke<{ items: BatchOperationView[] }>('batches.operations', { batchId: batch2.batchId })).items;
    const receipt2 = {
      format: 'credit-desk-receipt/1',
      batchId: batch2.publicId,
      results: ops2.map((o) =>
        o.category === 'license' ? { opId: o.opId, status: 'rejected', code: '2002', message: '许可机关代码与登记不符' } : { opId: o.opId, status: 'accepted' },
      ),
    };
    // Unsigned (issue 18): the approver sees that nothing shows it came from the platform; 确认导入 waits for the tick.
    const unsignedPath = join(tempFolder(), `${batch2.publicId}-未签名回执.json`);
    writeFileSync(unsignedPath, JSON.stringify(receipt2));
    await page.getByTestId('receipt-file').setInputFiles(unsignedPath);
    dialog = page.getByRole('dialog', { name: '核对平台回执' });
    await dialog.getByTestId('receipt-unsigned').getByText('这份回执没有平台签名，无法证明来自平台。').waitFor();
    expect(await dialog.getByTestId('receipt-confirm').isDisabled()).toBe(true);
    await dialog.getByTestId('receipt-unsigned-confirm').check();
    expect(await dialog.getByTestId('receipt-confirm').isDisabled()).toBe(false);
    await shot(page, 'trust2-receipt-unsigned', { fullPage: false });
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // As the platform sends it: signed by its pinned key.
    const receiptPath = join(tempFolder(), `${batch2.publicId}-回执.json`);
    writeFileSync(receiptPath, Buffer.from(platformReceipt(desk.bridge.dbPath, receipt2), 'base64'));
    await page.getByTestId('receipt-file').setInputFiles(receiptPath);
    dialog = page.getByRole('dialog', { name: '核对平台回执' });
    const preview = dialog.getByTestId('receipt-preview');
    await preview.getByText(batch2.publicId, { exact: true }).waitFor();
    expect(await preview.getByTestId('preview-accepted').innerText()).toBe('3');
    expect(await preview.getByTestId('preview-rejected').innerText()).toBe('1');
    await preview.getByTestId('preview-rejections').getByText('2002').waitFor();
    await preview.getByTestId('preview-rejections').getByText('石家庄市栾城区德润食品有限公司').waitFor();
    await shot(page, 'issue12-03-receipt-preview', { fullPage: false });
    // Cancelled: nothing applied.
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await desk.invoke<BatchView>('batches.get', { batchId: batch2.batchId })).receipt).toBeNull();
    await page.getByTestId('batch-facts').getByText('尚未导入').waitFor();
    // Confirmed: applied.
    await page.getByTestId('receipt-file').setInputFiles(receiptPath);
    await page.getByRole('dialog', { name: '核对平台回执' }).getByTestId('receipt-confirm').click();
    dialog = page.getByRole('dialog', { name: '导入平台回执' });
    await dialog.getByText(`回执已导入：${batch2.publicId}`).waitFor();
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    expect((await desk.invoke<BatchView>('batches.get', { batchId: batch2.batchId })).receipt).toEqual({ accepted: 3, rejected: 1 });

    // --- The record's whole story: versions, batches and the platform's answers -----------------
    await page.goto(`${desk.bridge.url}#/records/penalty/all/${ids[0]}`);
    const drawer = page.getByTestId('record-drawer');
    await drawer.getByRole('tab', { name: '变更历史' }).click();
    const history = drawer.getByTestId('record-history');
    await history.getByTestId('record-event-accepted').waitFor();
    const steps = await history.locator('[data-testid^="record-event-"], [data-testid^="record-version-"]').evaluateAll((els) =>
      els.filter((el) => !el.getAttribute('data-testid')!.startsWith('record-version-reason')).map((el) => `${el.getAttribute('data-testid')} ${(el.textContent ?? '').replace(/\s+/g, '')}`),
    );
    expect(steps.map((s) => s.split(' ')[0])).toEqual([
      'record-event-accepted',
      'record-event-approved',
      'record-event-batched',
      'record-event-returned',
      'record-event-batched',
      'record-version-2',
      'record-event-rejected',
      'record-event-approved',
      'record-event-batched',
      'record-version-1',
    ]);
    expect(steps[3]).toContain('第2批被退回：许可证书信息不全，请补充后重新准备');
    expect(steps[6]).toContain('平台退回1001名称与统一社会信用代码不匹配');
    expect(steps[8]).toContain('编入第1批（新增·第1版）');
    await shot(page, 'issue12-09-history-story', { fullPage: false });
    expect(desk.problems).toEqual([]);
  });
});
