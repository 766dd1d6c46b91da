/**
 * Issue 18, finding 5: receipts anyone can write — the first receipt imported won
 * and nothing showed it came from the platform. Receipts gain a signed form
 * (`credit-desk-receipt/2`: the same content with an SM2 signature by a platform
 * key pinned like the shared lists' keys); `receipt pack` makes one. An unsigned
 * receipt still imports, but only for an approver who confirms it, and the trail
 * marks it unauthenticated.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchView, ReceiptPreview, ReceiptSummary, RecordDetail } from '../../electron/contract';
import { packReceipt } from '../../electron/core/batches/receipt';
import { fingerprint, generateSigningKey } from '../../electron/core/batches/sm2';
import { as, auditRows, clerkDesk, errorOf, penaltyRow, tempFolder, value, withRaw } from '../helpers';
import { opensslKey } from '../lists/helpers';
import { runInProcess } from '../cli/in-process';
import { signReceiptText } from '../receipts';

type Core = Awaited<ReturnType<typeof clerkDesk>>;

/** A signed batch of one record; the platform's key (made by OpenSSL) pinned by the administrator; the clerk logged in. */
async function answeredDesk(): Promise<{ core: Core; batch: BatchView; receipt: string; platform: ReturnType<typeof opensslKey>; recordId: number }> {
  const core = await clerkDesk();
  const recordId = value<{ recordId: number }>(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() })).recordId;
  const prepared = value<BatchView>(await core.invoke('batches.prepare', {}));
  await as(core, 'boss', 'boss-pass-1');
  value(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
  const batch = value<BatchView>(await core.invoke('batches.approve', { batchId: prepared.batchId, password: 'boss-pass-1' }));
  const platform = opensslKey();
  await as(core, 'admin', 'admin-pass-1');
  value(await core.invoke('lists.pin', { pem: platform.publicPem, label: '区信用信息共享平台' }));
  await as(core, 'clerk1', 'clerk-pass-1');
  const opId = await withRaw(core, (db) => db.prepare('SELECT id FROM report_ops WHERE batch_id = ?').pluck().get(batch.batchId) as number);
  const receipt = JSON.stringify({ format: 'credit-desk-receipt/1', batchId: batch.publicId, results: [{ opId: `${batch.publicId.split('-')[0]}-${opId}`, status: 'accepted' }] });
  return { core, batch, receipt, platform, recordId };
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

async function tablesOf(core: Core) {
  return withRaw(core, (db) => ({
    results: db.prepare('SELECT count(*) FROM receipt_results').pluck().get(),
    records: db.prepare('SELECT state FROM records').pluck().all(),
  }));
}

describe('signed receipts', () => {
  it('a receipt signed by the pinned platform key imports for a clerk; the preview names the signer and the trail records it', async () => {
    const { core, batch, receipt, platform, recordId } = await answeredDesk();
    const signed = packReceipt(receipt, platform.privatePem);
    const preview = value<ReceiptPreview>(await core.invoke('receipts.preview', { fileName: 'r.json', content: b64(signed) }));
    expect(preview.signer).toMatchObject({ label: '区信用信息共享平台' });
    const summary = value<ReceiptSummary>(await core.invoke('receipts.import', { fileName: 'r.json', content: b64(signed) }));
    expect(summary).toMatchObject({ accepted: 1, signed: true });
    expect(value<RecordDetail>(await core.invoke('records.get', { recordId })).state).toBe('accepted');
    const entry = auditRows(core.dbPath).find((e) => e.method === 'receipts.import' && e.outcome === 'ok');
    expect(entry?.detail).toMatchObject({ batchId: batch.publicId, signed: true, keyFingerprint: preview.signer!.fingerprint });
  });

  it('refuses a receipt signed by a key nobody pinned, and one changed after signing; nothing changes', async () => {
    const { core, receipt, platform } = await answeredDesk();
    const before = await tablesOf(core);
    const stranger = generateSigningKey();
    const byStranger = errorOf(await core.invoke('receipts.import', { fileName: 'r.json', content: b64(signReceiptText(receipt, stranger)) }));
    expect(byStranger.code).toBe('BAD_FILE');
    expect(byStranger.message).toContain(fingerprint(stranger.publicKey));
    expect(byStranger.message).toContain('不是已固定的平台公钥');
    const envelope = JSON.parse(packReceipt(receipt, platform.privatePem)) as { receipt: string };
    envelope.receipt = envelope.receipt.replace('accepted', 'rejected');
    const changed = errorOf(await core.invoke('receipts.import', { fileName: 'r.json', content: b64(JSON.stringify(envelope)) }));
    expect(changed.code).toBe('BAD_FILE');
    expect(changed.message).toContain('签名不成立');
    expect(await tablesOf(core)).toEqual(before);
  });

  it('an unsigned receipt: refused to a clerk, asked of an approver, imported once confirmed and marked unauthenticated', async () => {
    const { core, receipt } = await answeredDesk();
    const before = await tablesOf(core);
    const clerk = errorOf(await core.invoke('receipts.import', { fileName: 'r.json', content: b64(receipt), confirmUnsigned: true }));
    expect(clerk.code).toBe('FORBIDDEN');
    expect(clerk.message).toContain('审核人');
    expect(auditRows(core.dbPath).at(-1)).toMatchObject({ actor: 'clerk1', method: 'receipts.import', outcome: 'denied', detail: { reason: 'unsigned-receipt' } });
    await as(core, 'boss', 'boss-pass-1');
    const preview = value<ReceiptPreview>(await core.invoke('receipts.preview', { fileName: 'r.json', content: b64(receipt) }));
    expect(preview.signer).toBeNull();
    expect(errorOf(await core.invoke('receipts.import', { fileName: 'r.json', content: b64(receipt) })).code).toBe('CONFIRMATION_REQUIRED');
    expect(await tablesOf(core)).toEqual(before);
    const summary = value<ReceiptSummary>(await core.invoke('receipts.import', { fileName: 'r.json', content: b64(receipt), confirmUnsigned: true }));
    expect(summary).toMatchObject({ accepted: 1, signed: false });
    expect(auditRows(core.dbPath).find((e) => e.method === 'receipts.import' && e.outcome === 'ok')).toMatchObject({
      actor: 'boss',
      detail: expect.objectContaining({ signed: false, unauthenticated: true }),
    });
  });

  it('receipt pack signs a receipt on the platform side (through the output guard); receipt import takes it, and an unsigned one only with --confirm-unsigned by an approver', async () => {
    const { core, receipt, platform } = await answeredDesk();
    core.close();
    const folder = tempFolder();
    const plain = join(folder, '回执.json');
    writeFileSync(plain, receipt);
    const out = join(folder, '回执-签名.json');
    const packed = await runInProcess(['receipt', 'pack', '--receipt', plain, '--key', platform.keyFile, '--out', out]);
    expect(packed.code, packed.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ format: 'credit-desk-receipt/2' });
    expect((await runInProcess(['receipt', 'pack', '--receipt', plain, '--key', platform.keyFile, '--out', out])).code).toBe(2); // exists
    const unsigned = await runInProcess(['receipt', 'import', plain, '--db', core.dbPath, '--as', 'boss'], { CREDIT_DESK_PASSWORD: 'boss-pass-1' });
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toContain('--confirm-unsigned');
    const imported = await runInProcess(['receipt', 'import', out, '--db', core.dbPath, '--as', 'clerk1'], { CREDIT_DESK_PASSWORD: 'clerk-pass-1' });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('平台签名');
  });
});
