/**
 * Sanction feedback (联合奖惩反馈): a measure recorded against a check is queued,
 * frozen into the next batch as a `sanction-feedback` operation, appears in the
 * batch's data/feedback.jsonl and .xlsx, the batch verifies (also with OpenSSL),
 * a receipt answers it, and a returned batch gives it back to the queue while
 * keeping its history.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BatchOperationView, BatchView, CheckResultView, FeedbackView, FilePayload, ReceiptSummary } from '../../electron/contract';
import { rebuildArchive } from '../../electron/core/batches/archive';
import { verifyBatchFile } from '../../electron/core/batches/verify';
import { penaltyRow, tempFolder, value, withRaw } from '../helpers';
import { as, entry, importList, listDesk, NOW, opensslKey, packed, unzip, type PlatformKey } from '../lists/helpers';
import { platformReceipt } from '../receipts';

let platform: PlatformKey;
beforeAll(() => {
  platform = opensslKey();
});

const COMPANY = '91130111MA0A1B2C2U';
const PERSON_ID = '11010519491231002X';

async function feedbackDesk() {
  const core = await listDesk({ now: () => NOW });
  value(await core.invoke('lists.pin', { pem: platform.publicPem, label: '平台' }));
  value(await importList(core, await packed({ key: platform, entries: [entry({ code: COMPANY }), entry({ name: '王某某', code: PERSON_ID, listType: '失信被执行人' })] })));
  await as(core, 'boss');
  value(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
  await as(core, 'clerk1');
  return core;
}

type Desk = Awaited<ReturnType<typeof feedbackDesk>>;

async function exportBatch(core: Desk, batchId: number, folder: string): Promise<string> {
  const file = value<FilePayload>(await core.invoke('batches.export', { batchId }));
  const path = join(folder, file.fileName);
  writeFileSync(path, Buffer.from(file.content, 'base64'));
  return path;
}

describe('sanction feedback', () => {
  it('goes into the next batch as a sanction-feedback operation, the batch verifies, and the receipt answers it', async () => {
    const core = await feedbackDesk();
    const folder = tempFolder();
    const checked = value<CheckResultView>(await core.invoke('checks.run', { subject: COMPANY, matter: '政府采购' }));
    const person = value<CheckResultView>(await core.invoke('checks.run', { subject: PERSON_ID, matter: '行政许可' }));
    const fb = value<FeedbackView>(await core.invoke('checks.feedback', { checkNo: checked.checkNo, measure: '限制参与政府采购', note: '不予参加本次采购，已书面告知' }));
    expect(fb).toMatchObject({ measure: '限制参与政府采购', status: 'queued', by: 'clerk1', batchSequence: null });
    value(await core.invoke('checks.feedback', { checkNo: person.checkNo, measure: '不予受理', note: '' }));
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));

    const pending = value<{ counts: Record<string, Record<string, number>>; total: number }>(await core.invoke('batches.pending', {}));
    expect(pending).toEqual({ counts: { penalty: { add: 1 }, feedback: { 'sanction-feedback': 2 } }, total: 3 });
    const batch = value<BatchView>(await core.invoke('batches.prepare', {}));
    expect(batch.operations).toBe(3);
    expect(value<CheckResultView>(await core.invoke('checks.get', { checkNo: checked.checkNo })).feedback[0]).toMatchObject({ status: 'prepared', batchSequence: 1 });

    const ops = value<{ total: number; items: BatchOperationView[] }>(await core.invoke('batches.operations', { batchId: batch.batchId }));
    expect(ops.total).toBe(3);
    expect(ops.items.map((o) => [o.op, o.category])).toEqual([
      ['add', 'penalty'],
      ['sanction-feedback', 'feedback'],
      ['sanction-feedback', 'feedback'],
    ]);
    expect(ops.items[2]).toMatchObject({ checkNo: person.checkNo, decisionNo: person.checkNo, opId: expect.stringMatching(/^91350200776049653A-F\d+$/) });
    expect(ops.items[2].changes.find((c) => c.field === 'code')?.after).toBe('1101**********002X');
    const page2 = value<{ total: number; items: BatchOperationView[] }>(await core.invoke('batches.operations', { batchId: batch.batchId, offset: 2, limit: 5 }));
    expect(page2.items.map((o) => o.checkNo)).toEqual([person.checkNo]);
    const onlyFeedback = value<{ total: number; items: BatchOperationView[] }>(await core.invoke('batches.operations', { batchId: batch.batchId, category: 'feedback' }));
    expect(onlyFeedback.total).toBe(2);

    await as(core, 'boss');
    value(await core.invoke('batches.approve', { batchId: batch.batchId, password: 'boss-pass-1' }));
    const path = await exportBatch(core, batch.batchId, folder);
    const keyPem = (value<{ pem: string }>(await core.invoke('keys.exportPublic', { keyId: 1 }))).pem;
    const verified = await verifyBatchFile(path, { publicKeys: [keyPem] });
    expect(verified).toMatchObject({ ok: true });
    expect(verified.manifest!.counts).toEqual({ penalty: { add: 1 }, feedback: { 'sanction-feedback': 2 } });

    // A rebuild from the database gives the stored archive's bytes (batches approved before archives were stored are rebuilt).
    const rebuilt = join(folder, 'rebuilt.zip');
    await withRaw(core, (db) => rebuildArchive(db, batch.batchId, rebuilt));
    expect(readFileSync(rebuilt).equals(readFileSync(path))).toBe(true);

    const members = await unzip(path);
    expect([...members.keys()]).toEqual(['manifest.json', 'manifest.sig', 'signer.pem', 'data/feedback.jsonl', 'data/feedback.xlsx', 'data/penalty.jsonl', 'data/penalty.xlsx']);
    const lines = members.get('data/feedback.jsonl')!.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      op: 'sanction-feedback',
      checkNo: checked.checkNo,
      matter: '政府采购',
      subject: { name: '石家庄市栾城区失信商贸有限公司', code: COMPANY },
      measure: '限制参与政府采购',
      note: '不予参加本次采购，已书面告知',
      appliedBy: 'clerk1',
      hits: [{ source: 'list', listId: 'LC-SXZT', list: '严重失信主体名单（栾城区）', version: 1, basis: entry().basis }],
    });
    // The platform needs the person's number: in clear in the file, as record operations carry it.
    expect(lines[1]).toMatchObject({ subject: { code: PERSON_ID }, measure: '不予受理' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(members.get('data/feedback.xlsx')! as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('操作类型');
    expect(sheet.getRow(2).getCell(2).value).toBe(lines[0].opId);
    expect(sheet.getRow(2).getCell(8).value).toBe('限制参与政府采购');

    // OpenSSL checks the signature and the feedback member's digest.
    const dir = join(folder, 'openssl');
    mkdirSync(join(dir, 'data'), { recursive: true });
    for (const [name, bytes] of members) writeFileSync(join(dir, name), bytes);
    const out = execFileSync(
      'openssl',
      ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678'],
      { cwd: dir },
    ).toString();
    expect(out).toContain('Signature Verified Successfully');
    const sm3 = execFileSync('openssl', ['dgst', '-sm3', '-r', join(dir, 'data', 'feedback.jsonl')]).toString().split(' ')[0];
    expect(verified.manifest!.members.find((m) => m.path === 'data/feedback.jsonl')!.sm3).toBe(sm3);

    // The receipt answers the feedback operations too.
    await as(core, 'clerk1');
    const allOps = value<{ items: BatchOperationView[] }>(await core.invoke('batches.operations', { batchId: batch.batchId })).items;
    const receipt = {
      format: 'credit-desk-receipt/1',
      batchId: verified.manifest!.batchId,
      results: allOps.map((o, i) => (i === 2 ? { opId: o.opId, status: 'rejected', code: '2001', message: '措施名称不规范' } : { opId: o.opId, status: 'accepted' })),
    };
    const r = value<ReceiptSummary>(await core.invoke('receipts.import', { fileName: 'receipt.json', content: platformReceipt(core.dbPath, receipt) }));
    expect(r).toMatchObject({ accepted: 2, rejected: 1 });
    expect(value<CheckResultView>(await core.invoke('checks.get', { checkNo: checked.checkNo })).feedback[0]).toMatchObject({ status: 'accepted', batchSequence: 1 });
    expect(value<CheckResultView>(await core.invoke('checks.get', { checkNo: person.checkNo })).feedback[0]).toMatchObject({
      status: 'rejected',
      receipt: { code: '2001', message: '措施名称不规范' },
    });
  });

  it('a returned batch gives its feedback back to the queue and keeps it in its history', async () => {
    const core = await feedbackDesk();
    const checked = value<CheckResultView>(await core.invoke('checks.run', { subject: COMPANY, matter: '行政许可' }));
    value(await core.invoke('checks.feedback', { checkNo: checked.checkNo, measure: '从严审核', note: '补充核验材料' }));
    const first = value<BatchView>(await core.invoke('batches.prepare', {}));
    await as(core, 'boss');
    value(await core.invoke('batches.reject', { batchId: first.batchId, reason: '反馈说明不完整' }));
    const history = value<{ total: number; items: BatchOperationView[] }>(await core.invoke('batches.operations', { batchId: first.batchId }));
    expect(history.items.map((o) => o.op)).toEqual(['sanction-feedback']);
    await as(core, 'clerk1');
    expect(value<{ total: number }>(await core.invoke('batches.pending', {})).total).toBe(1);
    expect(value<CheckResultView>(await core.invoke('checks.get', { checkNo: checked.checkNo })).feedback[0].status).toBe('queued');
    const second = value<BatchView>(await core.invoke('batches.prepare', {}));
    expect(second.counts).toEqual({ feedback: { 'sanction-feedback': 1 } });
    const ops = value<{ items: BatchOperationView[] }>(await core.invoke('batches.operations', { batchId: second.batchId })).items;
    expect(ops[0].opId).not.toBe(history.items[0].opId);
    // Feedback is evidence: never changed, never deleted; a frozen operation stays with its batch.
    await withRaw(core, (db) => {
      expect(() => db.prepare('UPDATE check_feedback SET measure = ?').run('x')).toThrow(/never changes/);
      expect(() => db.prepare('UPDATE feedback_ops SET batch_id = NULL').run()).toThrow(/frozen into a batch once/);
    });
  });
});
