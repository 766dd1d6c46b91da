/**
 * 报送批次 end to end: a clerk prepares a batch in the browser, an approver
 * generates a signing key, reviews the diff and signs with the password, exports
 * the file (a real download), the CLI verifier passes it, and the platform's
 * receipt puts a rejected record in 待整改. The history before the test (an
 * earlier batch signed by another approver) is made through the core.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BatchOperationView, BatchView } from '../../electron/contract';
import { penaltyRow, tempFolder } from '../helpers';
import { ADMIN, browserDesks, CLERK, logIn, setUpThroughCore, shot, type Desk } from './helpers';
import { platformReceipt } from '../receipts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const APPROVER = { login: 'boss', name: '赵国强', password: 'boss-pass-1' };
const DEPUTY = { login: 'deputy', name: '钱副局', password: 'deputy-pass-1' };
const BOTH = { login: 'both', name: '孙兼任', password: 'both-pass-1' };

/** Logs the core's one session in as someone (the page shares it: reload it afterwards). */
async function as(desk: Desk, who: { login: string; password: string }) {
  await desk.invoke('auth.logout').catch(() => undefined);
  await desk.invoke('auth.login', { login: who.login, password: who.password });
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '登录' }).waitFor();
}

/** The built CLI (browser tests run after the build), as a platform would run it on the file that left the office. */
function cliVerify(file: string, ...extra: string[]): { status: number; json: Record<string, unknown> } {
  try {
    const out = execFileSync(process.execPath, ['out/main/cli.js', 'verify', file, ...extra, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, json: JSON.parse(out) as Record<string, unknown> };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { status: e.status, json: JSON.parse(e.stdout) as Record<string, unknown> };
  }
}

describe('报送批次', () => {
  const openDesk = browserDesks();

  it('clerk prepares → approver generates a key, reviews the diff and signs → export → the CLI verifies the file → receipt', async () => {
    const desk = await openDesk();
    const { page } = desk;
    const folder = tempFolder();
    await setUpThroughCore(desk);

    // History through the core: batch 1 (three penalties) signed by a deputy approver;
    // then one correction, one withdrawal and two new penalties wait for batch 2.
    await as(desk, ADMIN);
    await desk.invoke('users.add', { ...APPROVER, roles: ['approver'] });
    await desk.invoke('users.add', { ...DEPUTY, roles: ['approver'] });
    await as(desk, CLERK);
    const ids: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const r = await desk.invoke<{ recordId: number }>('records.create', {
        category: 'penalty',
        values: penaltyRow({ CF_WSH: `栾市监罚〔2026〕${i}号`, CF_XDR_MC: `石家庄市栾城区第${i}商贸有限公司` }),
      });
      ids.push(r.recordId);
    }
    await desk.invoke('batches.prepare', {});
    await as(desk, DEPUTY);
    await desk.invoke('keys.generate', { password: DEPUTY.password });
    const first = (await desk.invoke<BatchView[]>('batches.list'))[0];
    await desk.invoke('batches.approve', { batchId: first.batchId, password: DEPUTY.password });
    await as(desk, CLERK);
    await desk.invoke('records.update', {
      recordId: ids[0],
      baseVersion: 1,
      values: penaltyRow({
        CF_WSH: '栾市监罚〔2026〕1号',
        CF_XDR_MC: '石家庄市栾城区第1商贸有限公司',
        CF_NR_FK: '0.9',
        CF_NR: '罚款人民币九千元',
      }),
      reason: '按复核决定更正罚款金额',
    });
    await desk.invoke('records.withdraw', { recordId: ids[2], reason: '决定已被撤销' });
    for (let i = 4; i <= 5; i++) {
      await desk.invoke('records.create', {
        category: 'penalty',
        values: penaltyRow({ CF_WSH: `栾市监罚〔2026〕${i}号`, CF_XDR_MC: `石家庄市栾城区第${i}商贸有限公司` }),
      });
    }
    await desk.invoke('auth.logout');
    await page.reload();
    await page.getByRole('heading', { name: '登录' }).waitFor();

    // --- The clerk: 待报送 → 准备批次 -------------------------------------------------
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    await page.getByRole('menuitem', { name: '报送批次' }).click();
    await page.getByRole('tab', { name: '待报送', selected: true }).waitFor();
    const counts = page.getByTestId('pending-counts');
    await counts.getByText('行政处罚').waitFor();
    expect(await page.getByTestId('pending-total').innerText()).toContain('4');
    const header = await counts.locator('thead th').allInnerTexts();
    expect(header.map((h) => h.trim())).toEqual(['类别', '新增', '更正', '撤回', '合计']);
    expect((await counts.locator('tbody tr').first().locator('td').allInnerTexts()).map((s) => s.trim())).toEqual(['行政处罚', '2', '1', '1', '4']);
    await shot(page, 'batches-01-pending');

    await page.getByRole('button', { name: '准备批次' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.locator('.ant-modal-confirm-title').getByText('把 4 条待报送操作编成新的批次？').waitFor();
    await confirm.getByRole('button', { name: '准备批次' }).click();
    await page.getByText('已准备第 2 批（4 条操作），等待审核人审核').waitFor();
    await page.getByRole('heading', { name: '第 2 批' }).waitFor();
    expect(page.url()).toMatch(/#\/batches\/\d+$/);
    await page.getByText('此批次正在等待审核人审核签名。').waitFor();
    // A clerk may cancel, never approve.
    const actions = page.getByTestId('batch-actions');
    expect((await actions.getByRole('button').allInnerTexts()).map((s) => s.trim())).toEqual(['撤销批次']);
    await page.getByTestId('operations-table').getByText('栾市监罚〔2026〕4号').waitFor();
    await shot(page, 'batches-02-prepared-by-clerk');
    await logOut(page);

    // --- The approver: no key yet → 签名密钥 → 生成 -------------------------------------
    await logIn(page, APPROVER.login, APPROVER.password);
    await page.getByText(`您好，${APPROVER.name}`).waitFor();
    await page.getByRole('menuitem', { name: '报送批次' }).click();
    await page.getByTestId('open-batch').getByText(/第 2 批（4 条操作）由 李晓梅 于 .* 准备，等待您审核签名。/).waitFor();
    await page.getByRole('tab', { name: '签名密钥' }).click();
    await page.getByTestId('my-key').getByText('您还没有签名密钥').waitFor();
    await shot(page, 'batches-03-no-key');
    await page.getByRole('button', { name: '生成签名密钥' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('您的登录密码').fill('not-my-password');
    await dialog.getByRole('button', { name: '生成' }).click();
    await dialog.getByText('密码不正确。').waitFor();
    await dialog.getByLabel('您的登录密码').fill(APPROVER.password);
    await dialog.getByRole('button', { name: '生成' }).click();
    dialog = page.getByRole('dialog', { name: '签名密钥已生成' });
    const fingerprint = (await dialog.getByTestId('public-fingerprint').innerText()).trim();
    expect(fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    await shot(page, 'batches-04-key-generated');
    const [pemDownload] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '下载公钥文件' }).click()]);
    expect(pemDownload.suggestedFilename()).toMatch(/^boss-sm2-\d+\.pem$/);
    const pemPath = join(folder, pemDownload.suggestedFilename());
    await pemDownload.saveAs(pemPath);
    expect(readFileSync(pemPath, 'utf8')).toContain('-----BEGIN PUBLIC KEY-----');
    // The registration sheet is for paper.
    await page.emulateMedia({ media: 'print' });
    await page.locator('.print-sheet').getByText(fingerprint).waitFor();
    await shot(page, 'batches-05-key-sheet-print');
    await page.emulateMedia({ media: 'screen' });
    await dialog.getByRole('button', { name: '完成' }).click();
    await page.getByTestId('my-key').getByText(fingerprint).waitFor();
    await page.getByTestId('my-key').getByRole('button', { name: '轮换密钥' }).waitFor();
    await shot(page, 'batches-06-keys');

    // --- Review: the batch, its operations and their diffs ---------------------------------
    await page.getByRole('tab', { name: '批次' }).click();
    await page.getByTestId('open-batch').getByRole('button', { name: '去审核' }).click();
    await page.getByRole('heading', { name: '第 2 批' }).waitFor();
    const ops = page.getByTestId('operations-table');
    const updateRow = ops.getByRole('row').filter({ hasText: '更正' }).filter({ hasText: '栾市监罚〔2026〕1号' });
    await updateRow.getByText(/项变更：处罚内容、罚款金额（万元）/).waitFor();
    // The correction's diff is open: before → after, the changed fields only.
    const diff = ops.getByTestId('batch-diff').filter({ hasText: '罚款人民币九千元' });
    await diff.locator('.batch-diff-before').getByText('罚款人民币五千元').waitFor();
    await diff.locator('.batch-diff-after').getByText('罚款人民币九千元').waitFor();
    await diff.locator('.batch-diff-after').getByText('0.9').waitFor();
    expect(await diff.locator('tbody tr').count()).toBe(2);
    await ops.getByTestId('batch-diff').filter({ hasText: '平台将撤下这条记录，不再公示。' }).filter({ hasText: '决定已被撤销' }).waitFor();
    // An add lists every field once opened.
    await page.getByRole('button', { name: '全部展开' }).click();
    const added = ops.getByTestId('batch-diff').filter({ hasText: '栾市监罚〔2026〕4号' });
    await added.getByText('石家庄市栾城区第4商贸有限公司').waitFor();
    await shot(page, 'batches-07-review');
    await page.getByRole('button', { name: '全部收起' }).click();

    // --- Approve: a wrong password first, then the right one -----------------------------
    await page.getByRole('button', { name: '审核通过并签名' }).click();
    dialog = page.getByRole('dialog', { name: /审核通过并签名：第 2 批/ });
    await dialog.getByText(fingerprint).waitFor();
    await dialog.getByLabel('您的登录密码').fill('wrong-password');
    await dialog.getByRole('button', { name: '签名', exact: true }).click();
    await dialog.getByText('密码不正确，签名密钥未能解锁。请输入您本人的登录密码。').waitFor();
    await shot(page, 'batches-08-approve-wrong-password');
    await dialog.getByLabel('您的登录密码').fill(APPROVER.password);
    await dialog.getByRole('button', { name: '签名', exact: true }).click();
    await page.locator('.ant-message').getByText('第 2 批已审核签发').waitFor();
    const facts = page.getByTestId('batch-facts');
    await facts.getByText('已签发').waitFor();
    await facts.getByText(fingerprint).waitFor();
    const approved = (await desk.invoke<BatchView[]>('batches.list'))[0];
    expect(approved).toMatchObject({ sequence: 2, state: 'approved', decidedBy: APPROVER.login, signerFingerprint: fingerprint });
    await facts.getByText(approved.manifestSm3!).waitFor();
    await shot(page, 'batches-09-approved');

    // --- Export: a real download named <USCC>-<seq>-<YYYYMMDD>.zip ------------------------
    const [zipDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出批次文件' }).click()]);
    expect(zipDownload.suggestedFilename()).toBe(approved.fileName);
    expect(zipDownload.suggestedFilename()).toMatch(/^91350200776049653A-000002-\d{8}\.zip$/);
    const zipPath = join(folder, zipDownload.suggestedFilename());
    await zipDownload.saveAs(zipPath);
    await page.getByText(`已导出 ${approved.fileName}`).waitFor();

    // The real CLI verifier, as the platform runs it: with and without the registered key.
    const plain = cliVerify(zipPath);
    expect(plain.status).toBe(0);
    expect(plain.json).toMatchObject({ ok: true, batchId: approved.publicId, sequence: 2, operations: 4, signerFingerprint: fingerprint, manifestSm3: approved.manifestSm3 });
    const withKey = cliVerify(zipPath, '--pubkey', pemPath);
    expect(withKey.status).toBe(0);
    expect(withKey.json).toMatchObject({ ok: true, signerChecked: true });

    // The department head checks the file before sending it, in the window.
    await page.getByTestId('batch-actions').getByRole('button', { name: '校验批次文件' }).click();
    dialog = page.getByRole('dialog', { name: '校验批次文件' });
    await dialog.getByTestId('verify-file').setInputFiles(zipPath);
    await dialog.getByTestId('verify-result').getByText('校验通过：文件完整，签名有效。').waitFor();
    await dialog.getByTestId('verify-match').getByText('这正是本工作台签发的第 2 批（批次摘要相同），签名人是本部门的审核人。').waitFor();
    await shot(page, 'batches-10-verify');
    // A changed byte is caught (zip's stored CRC or the digest, whichever the reader meets first).
    const bytes = readFileSync(zipPath);
    const tampered = join(folder, 'tampered.zip');
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(tampered, bytes);
    await dialog.getByTestId('verify-file').setInputFiles(tampered);
    await dialog.getByTestId('verify-result').getByText(/^校验未通过：/).waitFor();
    await shot(page, 'batches-11-verify-tampered');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

    // --- The platform's receipt: one operation rejected ---------------------------------
    const batchOps = await desk.invoke<{ items: BatchOperationView[] }>('batches.operations', { batchId: approved.batchId });
    const refusedOp = batchOps.items.find((o) => o.decisionNo === '栾市监罚〔2026〕4号')!;
    const receipt = {
      format: 'credit-desk-receipt/1',
      batchId: approved.publicId,
      results: batchOps.items.map((o) =>
        o.opId === refusedOp.opId
          ? { opId: o.opId, status: 'rejected', code: '1001', message: '名称与统一社会信用代码不匹配' }
          : { opId: o.opId, status: 'accepted' },
      ),
    };
    // As the platform sends it: signed by its key, which the department pinned (issue 18).
    const receiptPath = join(folder, `${approved.publicId}-receipt.json`);
    writeFileSync(receiptPath, Buffer.from(platformReceipt(desk.bridge.dbPath, receipt), 'base64'));
    await page.getByTestId('receipt-file').setInputFiles(receiptPath);
    await page.getByRole('dialog', { name: '核对平台回执' }).getByTestId('receipt-signed').getByText('回执有平台签名：测试平台').waitFor();
    await page.getByRole('dialog', { name: '核对平台回执' }).getByTestId('receipt-confirm').click();
    dialog = page.getByRole('dialog', { name: '导入平台回执' });
    await dialog.getByText(`回执已导入：${approved.publicId}`).waitFor();
    const summary = dialog.getByTestId('receipt-summary');
    await summary.locator('td').last().waitFor();
    expect((await summary.locator('td').allInnerTexts()).map((s) => s.trim())).toEqual([receiptPath.split('/').pop(), approved.publicId, '3', '1', '3']); // the withdrawn record stays withdrawn
    await shot(page, 'batches-12-receipt');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await ops.getByTestId('op-rejection').getByText('名称与统一社会信用代码不匹配').waitFor();
    await page.getByTestId('batch-facts').getByText('退回 1', { exact: true }).waitFor();
    await shot(page, 'batches-13-receipt-in-batch');

    // Imported twice: refused with the core's reason, nothing changes.
    await page.getByRole('button', { name: '返回批次列表' }).click();
    await page.getByTestId('receipt-file').setInputFiles(receiptPath);
    dialog = page.getByRole('dialog', { name: '导入平台回执' });
    await dialog.getByText('回执未导入').waitFor();
    await dialog.getByTestId('receipt-error').getByText('这份回执的结果此前都已导入过，没有新的结果。').waitFor();
    await shot(page, 'batches-14-receipt-twice');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    const history = page.getByTestId('batches-table');
    await history.getByRole('row').filter({ hasText: '第 2 批' }).getByText('接收 3').waitFor();
    await history.getByRole('row').filter({ hasText: '第 1 批' }).getByText(DEPUTY.name).waitFor();
    await shot(page, 'batches-15-history');

    // 待整改: the rejected record with the platform's code and message.
    await page.getByRole('tab', { name: '待整改' }).click();
    const rectify = page.getByTestId('rectify-table');
    await rectify.getByText('栾市监罚〔2026〕4号').waitFor();
    await rectify.getByTestId('record-rejection').getByText('名称与统一社会信用代码不匹配').waitFor();
    await rectify.getByText('1001').waitFor();
    await shot(page, 'batches-16-rectify');
    // It leads to the record on the records page (filtered to 被退回, its detail open).
    await rectify.getByRole('button', { name: '查看' }).click();
    expect(page.url()).toContain(`#/records/penalty/rejected/${refusedOp.recordId}`);
    await page.getByText('名称与统一社会信用代码不匹配').first().waitFor();
    await shot(page, 'batches-17-rectify-record');
    expect(desk.problems).toEqual([]);
  });

  it('keeps the rules: the preparer cannot sign, an approver without a key is sent to 签名密钥, a batch is sent back with a reason', async () => {
    const desk = await openDesk();
    const { page } = desk;
    await setUpThroughCore(desk);
    await as(desk, ADMIN);
    await desk.invoke('users.add', { ...BOTH, roles: ['clerk', 'approver'] });
    await desk.invoke('users.add', { ...APPROVER, roles: ['approver'] });
    await as(desk, BOTH);
    await desk.invoke('records.create', { category: 'penalty', values: penaltyRow() });
    await desk.invoke('keys.generate', { password: BOTH.password });
    await desk.invoke('auth.logout');
    await page.reload();
    await page.getByRole('heading', { name: '登录' }).waitFor();

    // Clerk and approver at once: prepares, and is told someone else must sign.
    await logIn(page, BOTH.login, BOTH.password);
    await page.getByText(`您好，${BOTH.name}`).waitFor();
    await page.getByRole('menuitem', { name: '报送批次' }).click();
    await page.getByRole('button', { name: '准备批次' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '准备批次' }).click();
    await page.getByRole('heading', { name: '第 1 批' }).waitFor();
    await page.getByText('此批次由您本人准备，须由另一位审核人审核签发。').waitFor();
    expect(await page.getByRole('button', { name: '审核通过并签名' }).isDisabled()).toBe(true);
    await shot(page, 'batches-20-own-batch');
    await logOut(page);

    // An approver without a key: the detail says so and leads to 签名密钥; the dialog too.
    await logIn(page, APPROVER.login, APPROVER.password);
    await page.getByText(`您好，${APPROVER.name}`).waitFor();
    await page.getByRole('menuitem', { name: '报送批次' }).click();
    await page.getByRole('tab', { name: '批次' }).click();
    await page.getByTestId('batches-table').getByText('第 1 批').click();
    await page.getByRole('heading', { name: '第 1 批' }).waitFor();
    await page.getByText('您还没有签名密钥').first().waitFor();
    await page.getByRole('button', { name: '审核通过并签名' }).click();
    let dialog = page.getByRole('dialog', { name: /审核通过并签名/ });
    await dialog.getByText('审核签发前，请先在“签名密钥”中生成您的签名密钥，并把公钥登记到平台。').waitFor();
    expect(await dialog.getByRole('button', { name: '签名', exact: true }).isDisabled()).toBe(true);
    await shot(page, 'batches-21-no-key');
    await dialog.getByRole('button', { name: '去生成签名密钥' }).click();
    await page.getByRole('tab', { name: '签名密钥', selected: true }).waitFor();
    expect(page.url()).toContain('#/batches/keys');

    // Generate, then rotate: the old key is retired but its public key stays listed.
    await page.getByRole('button', { name: '生成签名密钥' }).click();
    dialog = page.getByRole('dialog', { name: '生成签名密钥' });
    await dialog.getByLabel('您的登录密码').fill(APPROVER.password);
    await dialog.getByRole('button', { name: '生成' }).click();
    dialog = page.getByRole('dialog', { name: '签名密钥已生成' });
    const firstKey = (await dialog.getByTestId('public-fingerprint').innerText()).trim();
    await dialog.getByRole('button', { name: '完成' }).click();
    await page.getByRole('button', { name: '轮换密钥' }).click();
    dialog = page.getByRole('dialog', { name: '轮换签名密钥' });
    await dialog.getByText('旧公钥会保留，已签发的旧批次仍可校验').waitFor();
    await dialog.getByLabel('您的登录密码').fill(APPROVER.password);
    await shot(page, 'batches-23-rotate');
    await dialog.getByRole('button', { name: '生成新密钥' }).click();
    dialog = page.getByRole('dialog', { name: '签名密钥已生成' });
    const secondKey = (await dialog.getByTestId('public-fingerprint').innerText()).trim();
    expect(secondKey).not.toBe(firstKey);
    await dialog.getByRole('button', { name: '完成' }).click();
    const retired = page.getByTestId('keys-table').getByRole('row').filter({ hasText: firstKey });
    await retired.getByText(/\d{4}-\d{2}-\d{2} 停用（保留公钥）/).waitFor();
    await page.getByTestId('my-key').getByText(secondKey).waitFor();
    await shot(page, 'batches-24-rotated');

    // Send it back with a reason: its operation is pending again.
    await page.goBack();
    await page.getByRole('heading', { name: '第 1 批' }).waitFor();
    await page.getByRole('button', { name: '退回' }).click();
    dialog = page.getByRole('dialog', { name: '退回第 1 批' });
    await dialog.getByRole('button', { name: '退回' }).click();
    await dialog.getByText('请说明原因（至少 2 个字）').waitFor();
    await dialog.getByLabel('退回原因（录入员会看到）').fill('决定日期与文书不符，请核对');
    await dialog.getByRole('button', { name: '退回' }).click();
    await page.locator('.ant-message').getByText('第 1 批已退回').waitFor();
    await page.getByText(/第 1 批已由 赵国强 于 .* 退回：决定日期与文书不符，请核对/).waitFor();
    await page.getByTestId('batch-released').waitFor();
    // What the batch held is still listed.
    await page.getByTestId('operations-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, 'batches-22-returned');
    expect(await desk.invoke('batches.pending')).toMatchObject({ total: 1 });
    expect(desk.problems).toEqual([]);
  });
});
