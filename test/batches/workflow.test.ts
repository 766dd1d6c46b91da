/**
 * The whole reporting loop through the contract: prepare → approve (sign) →
 * export → verify (also with OpenSSL) → receipt → 待整改 → next batch; and
 * every kind of tampering caught with its own reason.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import type { BatchOperationView, BatchView, FilePayload, ReceiptSummary, RecordDetail, SigningKeyView, VerifyReport } from '../../electron/contract';
import { verifyBatchFile } from '../../electron/core/batches/verify';
import { generateSigningKey, publicKeyPem, signSm2 } from '../../electron/core/batches/sm2';
import { clerkDesk, penaltyRow, tempFolder, value, withRaw } from '../helpers';
import { platformReceipt } from '../receipts';
import { unzip } from '../zip';

type Core = Awaited<ReturnType<typeof clerkDesk>>;

async function as(core: Core, login: string, password: string) {
  value(await core.invoke('auth.logout', {}));
  value(await core.invoke('auth.login', { login, password }));
}

/** A desk with three penalties entered by the clerk, an approver key, and batch 1 prepared. */
async function preparedDesk() {
  const core = await clerkDesk();
  const ids: number[] = [];
  for (let i = 1; i <= 3; i++) {
    const created = value<{ recordId: number }>(
      await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: `栾市监罚〔2026〕${i}号`, CF_XDR_MC: `栾城区第${i}商贸有限公司` }) }),
    );
    ids.push(created.recordId);
  }
  const batch = value<BatchView>(await core.invoke('batches.prepare', {}));
  await as(core, 'boss', 'boss-pass-1');
  const key = value<SigningKeyView>(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
  return { core, ids, batch, key };
}

async function approveAndExport(core: Core, batchId: number, folder = tempFolder()) {
  value(await core.invoke('batches.approve', { batchId, password: 'boss-pass-1' }));
  const file = value<FilePayload>(await core.invoke('batches.export', { batchId }));
  const path = join(folder, file.fileName);
  writeFileSync(path, Buffer.from(file.content, 'base64'));
  return { path, file };
}


async function rezip(path: string, members: Map<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of members) zip.addBuffer(data, name, { mtime: new Date('2026-01-01T00:00:00Z') });
  zip.end();
  await new Promise<void>((resolve) => zip.outputStream.pipe(createWriteStream(path)).on('close', () => resolve()));
}

describe('preparing, approving and exporting a batch', () => {
  it('the preparer cannot approve their own batch', async () => {
    const core = await clerkDesk();
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
    // A person holding both roles prepares, then tries to approve.
    await as(core, 'admin', 'admin-pass-1');
    value(await core.invoke('users.add', { login: 'both', name: '兼任', roles: ['clerk', 'approver'], password: 'both-pass-1' }));
    await as(core, 'both', 'both-pass-1');
    const batch = value<BatchView>(await core.invoke('batches.prepare', {}));
    value(await core.invoke('keys.generate', { password: 'both-pass-1' }));
    expect(await core.invoke('batches.approve', { batchId: batch.batchId, password: 'both-pass-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('produces a file that verifies, also with OpenSSL, and exports byte-identically', async () => {
    const { core, batch } = await preparedDesk();
    expect(batch).toMatchObject({ sequence: 1, state: 'prepared', operations: 3, counts: { penalty: { add: 3 } } });
    const ops = value<{ total: number; items: BatchOperationView[] }>(await core.invoke('batches.operations', { batchId: batch.batchId }));
    expect(ops.total).toBe(3);
    expect(ops.items[0].changes.find((c) => c.field === 'CF_WSH')).toMatchObject({ before: null, after: '栾市监罚〔2026〕1号' });
    const folder = tempFolder();
    const { path, file } = await approveAndExport(core, batch.batchId, folder);
    expect(file.fileName).toMatch(/^91350200776049653A-000001-\d{8}\.zip$/);
    const verified = await verifyBatchFile(path);
    expect(verified).toMatchObject({ ok: true, manifest: { sequence: 1, operations: 3, previousManifestSm3: '' } });
    // OpenSSL 3 checks the signature over the exact manifest bytes.
    const members = await unzip(path);
    expect([...members.keys()]).toEqual(['manifest.json', 'manifest.sig', 'signer.pem', 'data/penalty.jsonl', 'data/penalty.xlsx']);
    for (const name of ['manifest.json', 'manifest.sig', 'signer.pem']) writeFileSync(join(folder, name), members.get(name)!);
    const out = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678'], { cwd: folder });
    expect(out.toString()).toContain('Signature Verified Successfully');
    const lines = members.get('data/penalty.jsonl')!.toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ op: 'add', version: 1, fields: { CF_WSH: '栾市监罚〔2026〕1号', CF_XDR_SHXYM: '91350200776049653A' } });
    // Export again: the same bytes.
    const again = value<FilePayload>(await core.invoke('batches.export', { batchId: batch.batchId }));
    expect(createHash('sha256').update(Buffer.from(again.content, 'base64')).digest('hex')).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    // The records are on their way.
    const detail = value<RecordDetail>(await core.invoke('records.get', { recordId: lines[0].recordId }));
    expect(detail.state).toBe('reported');
  });

  it('a record changed after preparation goes into the next batch; the frozen batch never changes', async () => {
    const { core, ids, batch } = await preparedDesk();
    await as(core, 'clerk1', 'clerk-pass-1');
    value(await core.invoke('records.update', { recordId: ids[0], baseVersion: 1, values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号', CF_XDR_MC: '栾城区第1商贸有限公司', CF_NR_FK: '0.9', CF_NR: '罚款人民币九千元' }), reason: '金额更正' }));
    expect(value<{ total: number }>(await core.invoke('batches.pending', {})).total).toBe(1);
    await as(core, 'boss', 'boss-pass-1');
    const { path } = await approveAndExport(core, batch.batchId);
    const lines = (await unzip(path)).get('data/penalty.jsonl')!.toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.find((l) => l.recordId === ids[0])).toMatchObject({ version: 1, fields: { CF_NR_FK: '0.5' } });
    await as(core, 'clerk1', 'clerk-pass-1');
    const next = value<BatchView>(await core.invoke('batches.prepare', {}));
    expect(next).toMatchObject({ sequence: 2, counts: { penalty: { update: 1 } } });
  });

  it('cancelling returns the operations to the queue and gives the sequence number back', async () => {
    const { core, batch } = await preparedDesk();
    await as(core, 'clerk1', 'clerk-pass-1');
    value(await core.invoke('batches.cancel', { batchId: batch.batchId, reason: '漏了两条' }));
    expect(value<{ total: number }>(await core.invoke('batches.pending', {})).total).toBe(3);
    const again = value<BatchView>(await core.invoke('batches.prepare', {}));
    expect(again).toMatchObject({ sequence: 1, operations: 3 });
  });
  it('a batch sent back keeps the list of what it held, as it was, while its operations return to the queue', async () => {
    const { core, ids, batch } = await preparedDesk();
    value(await core.invoke('batches.reject', { batchId: batch.batchId, reason: '第1条金额有误' }));
    await as(core, 'clerk1', 'clerk-pass-1');
    // The clerk corrects one record: its queued operation now carries version 2.
    value(await core.invoke('records.update', { recordId: ids[0], baseVersion: 1, values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号', CF_XDR_MC: '栾城区第1商贸有限公司', CF_NR_FK: '0.9', CF_NR: '罚款人民币九千元' }), reason: '金额更正' }));
    const next = value<BatchView>(await core.invoke('batches.prepare', {}));
    expect(next).toMatchObject({ sequence: 1, operations: 3 });

    const returned = value<{ total: number; items: BatchOperationView[] }>(await core.invoke('batches.operations', { batchId: batch.batchId, offset: 0, limit: 50 }));
    expect(returned.total).toBe(3);
    expect(returned.items.map((i) => [i.recordId, i.version, i.op])).toEqual(ids.map((id) => [id, 1, 'add']));
    const resent = value<{ total: number; items: BatchOperationView[] }>(await core.invoke('batches.operations', { batchId: next.batchId, offset: 0, limit: 50 }));
    expect(resent.items.find((i) => i.recordId === ids[0])).toMatchObject({ version: 2, op: 'add' });

    // The kept list never changes.
    await withRaw(core, (db) => {
      expect(db.prepare('SELECT count(*) FROM released_batch_ops WHERE batch_id = ?').pluck().get(batch.batchId)).toBe(3);
      expect(() => db.prepare('DELETE FROM released_batch_ops').run()).toThrow(/never change/);
      expect(() => db.prepare('UPDATE released_batch_ops SET version = 9').run()).toThrow(/never change/);
    });
  });
});

describe('tampering is caught, each with its own reason', () => {
  async function exported() {
    const { core, batch } = await preparedDesk();
    const folder = tempFolder();
    const { path } = await approveAndExport(core, batch.batchId, folder);
    return { core, path, folder, members: await unzip(path) };
  }

  it('one byte of a member', async () => {
    const { path, members } = await exported();
    const data = Buffer.from(members.get('data/penalty.jsonl')!);
    data[10] ^= 1;
    members.set('data/penalty.jsonl', data);
    await rezip(path, members);
    expect(await verifyBatchFile(path)).toMatchObject({ ok: false, code: 'MEMBER_DIGEST' });
  });

  it('a member removed, or one added', async () => {
    const { path, folder, members } = await exported();
    const removed = new Map(members);
    removed.delete('data/penalty.xlsx');
    await rezip(path, removed);
    expect(await verifyBatchFile(path)).toMatchObject({ ok: false, code: 'MEMBER_MISSING' });
    const added = new Map(members);
    added.set('data/extra.jsonl', Buffer.from('{}\n'));
    const p2 = join(folder, 'added.zip');
    await rezip(p2, added);
    expect(await verifyBatchFile(p2)).toMatchObject({ ok: false, code: 'MEMBER_EXTRA' });
  });

  it('the manifest edited', async () => {
    const { path, members } = await exported();
    members.set('manifest.json', Buffer.from(members.get('manifest.json')!.toString().replace('"operations": 3', '"operations": 2')));
    await rezip(path, members);
    expect(await verifyBatchFile(path)).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
  });

  it('a manifest re-signed with an unknown key', async () => {
    const { core, path, members } = await exported();
    const mallory = generateSigningKey();
    members.set('manifest.sig', signSm2(members.get('manifest.json')!, mallory));
    members.set('signer.pem', Buffer.from(publicKeyPem(mallory.publicKey)));
    await rezip(path, members);
    const keys = value<SigningKeyView[]>(await core.invoke('keys.list', {}));
    const pem = value<{ pem: string }>(await core.invoke('keys.exportPublic', { keyId: keys[0].keyId })).pem;
    expect(await verifyBatchFile(path)).toMatchObject({ ok: true }); // self-consistent…
    expect(await verifyBatchFile(path, { publicKeys: [pem] })).toMatchObject({ ok: false, code: 'UNKNOWN_SIGNER' }); // …but not ours
  });

  it('a replayed older batch given as the next', async () => {
    const { core, path: first, folder } = await exported();
    await as(core, 'clerk1', 'clerk-pass-1');
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕9号' }) }));
    const second = value<BatchView>(await core.invoke('batches.prepare', {}));
    await as(core, 'boss', 'boss-pass-1');
    const { path: next } = await approveAndExport(core, second.batchId, folder);
    expect(await verifyBatchFile(next, { previous: first })).toMatchObject({ ok: true, manifest: { sequence: 2 } });
    expect(await verifyBatchFile(first, { previous: first })).toMatchObject({ ok: false, code: 'SEQUENCE_BREAK' });
    expect(await verifyBatchFile(first, { previous: next })).toMatchObject({ ok: false, code: 'SEQUENCE_BREAK' });
  });

  it('unsafe or malformed archives', async () => {
    const { path, folder, members } = await exported();
    const evil = new Map(members);
    evil.set('../escape.txt', Buffer.from('x'));
    const p = join(folder, 'evil.zip');
    await rezip(p, evil).catch(() => undefined);
    const r = await verifyBatchFile(p);
    expect(r.ok).toBe(false);
    expect(['UNSAFE_ARCHIVE', 'MALFORMED']).toContain(r.code);
    const truncated = join(folder, 'truncated.zip');
    writeFileSync(truncated, readFileSync(path).subarray(0, 200));
    expect(await verifyBatchFile(truncated)).toMatchObject({ ok: false, code: 'MALFORMED' });
  });
});

describe('receipts', () => {
  it('a round trip puts a rejected record back in the clerk’s queue and the fix into the next batch', async () => {
    const { core, ids, batch } = await preparedDesk();
    const { path } = await approveAndExport(core, batch.batchId);
    const manifest = JSON.parse((await unzip(path)).get('manifest.json')!.toString());
    const lines = (await unzip(path)).get('data/penalty.jsonl')!.toString().trim().split('\n').map((l) => JSON.parse(l));
    const receipt = {
      format: 'credit-desk-receipt/1',
      batchId: manifest.batchId,
      results: lines.map((l, i) => (i === 1 ? { opId: l.opId, status: 'rejected', code: '1001', message: '名称与统一社会信用代码不匹配' } : { opId: l.opId, status: 'accepted' })),
    };
    const content = platformReceipt(core.dbPath, receipt);
    await as(core, 'clerk1', 'clerk-pass-1');
    // Unknown batch, foreign opId: refused, nothing changes.
    const unknown = platformReceipt(core.dbPath, { ...receipt, batchId: 'X-000009' });
    expect((await core.invoke('receipts.import', { fileName: 'r.json', content: unknown })).ok).toBe(false);
    const foreign = platformReceipt(core.dbPath, { ...receipt, results: [{ opId: 'nope-1', status: 'accepted' }] });
    expect((await core.invoke('receipts.import', { fileName: 'r.json', content: foreign })).ok).toBe(false);
    const summary = value<ReceiptSummary>(await core.invoke('receipts.import', { fileName: 'r.json', content }));
    expect(summary).toMatchObject({ accepted: 2, rejected: 1, recordsUpdated: 3 });
    expect((await core.invoke('receipts.import', { fileName: 'r.json', content }))).toMatchObject({ ok: false, error: { message: expect.stringContaining('没有新的结果') } }); // twice
    const rejectedId = lines[1].recordId as number;
    const rejected = value<RecordDetail>(await core.invoke('records.get', { recordId: rejectedId }));
    expect(rejected).toMatchObject({ state: 'rejected', rejection: { code: '1001', message: '名称与统一社会信用代码不匹配' } });
    expect(value<RecordDetail>(await core.invoke('records.get', { recordId: ids[0] })).state).toBe('accepted');
    const queue = value<{ items: { recordId: number }[] }>(await core.invoke('records.search', { state: 'rejected' }));
    expect(queue.items.map((i) => i.recordId)).toEqual([rejectedId]);
    // The clerk fixes it: it goes into the next batch (as an add: the platform never took it).
    value(
      await core.invoke('records.update', {
        recordId: rejectedId,
        baseVersion: 1,
        values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕2号', CF_XDR_MC: '栾城区第2商贸有限责任公司' }),
        reason: '按平台回执更正名称',
      }),
    );
    const next = value<BatchView>(await core.invoke('batches.prepare', {}));
    expect(next).toMatchObject({ sequence: 2, operations: 1, counts: { penalty: { add: 1 } } });
  });

  it('a partial receipt does not block the complete one that follows; a contradicting one changes nothing', async () => {
    const { core, batch } = await preparedDesk();
    const { path } = await approveAndExport(core, batch.batchId);
    const manifest = JSON.parse((await unzip(path)).get('manifest.json')!.toString());
    const lines = (await unzip(path)).get('data/penalty.jsonl')!.toString().trim().split('\n').map((l) => JSON.parse(l));
    const receipt = (results: unknown[]) => ({ fileName: 'r.json', content: platformReceipt(core.dbPath, { format: 'credit-desk-receipt/1', batchId: manifest.batchId, results }) });
    const all = lines.map((l) => ({ opId: l.opId, status: 'accepted' }));
    await as(core, 'clerk1', 'clerk-pass-1');
    expect(value<ReceiptSummary>(await core.invoke('receipts.import', receipt(all.slice(0, 1))))).toMatchObject({ accepted: 1, alreadyImported: 0 });
    // The complete receipt repeats the first result (unchanged) and adds the others.
    const contradicting = [{ ...all[0], status: 'rejected', code: '1001', message: '不符' }, ...all.slice(1)];
    expect(await core.invoke('receipts.import', receipt(contradicting))).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('不同') } });
    expect(value<ReceiptSummary>(await core.invoke('receipts.import', receipt(all)))).toMatchObject({ accepted: 2, rejected: 0, alreadyImported: 1 });
    const view = value<BatchView>(await core.invoke('batches.get', { batchId: batch.batchId }));
    expect(view.receipt).toEqual({ accepted: 3, rejected: 0 });
    expect(await core.invoke('receipts.import', receipt(all))).toMatchObject({ ok: false, error: { message: expect.stringContaining('没有新的结果') } });
  });
});

describe('verifying in the app', () => {
  it('a department with no signing key of its own cannot call a batch valid: the signer is unknown', async () => {
    const { core, batch } = await preparedDesk();
    const { path } = await approveAndExport(core, batch.batchId);
    const other = await clerkDesk(); // another department's desk: no signing keys
    const report = value<VerifyReport>(await other.invoke('batches.verify', { fileName: 'b.zip', content: readFileSync(path).toString('base64') }));
    expect(report).toMatchObject({ ok: false, code: 'UNKNOWN_SIGNER', reason: expect.stringContaining('还没有登记任何签名密钥') });
    // Its own department knows the key: valid, and the first batch has no previous to chain to.
    expect(value<VerifyReport>(await core.invoke('batches.verify', { fileName: 'b.zip', content: readFileSync(path).toString('base64') }))).toMatchObject({ ok: true, previousChecked: true });
  });

  it('checks the chain to the department’s previous batch when it holds it', async () => {
    const { core, batch } = await preparedDesk();
    await approveAndExport(core, batch.batchId);
    await as(core, 'clerk1', 'clerk-pass-1');
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕77号' }) }));
    const second = value<BatchView>(await core.invoke('batches.prepare', {}));
    await as(core, 'boss', 'boss-pass-1');
    const { path } = await approveAndExport(core, second.batchId);
    const content = readFileSync(path).toString('base64');
    expect(value<VerifyReport>(await core.invoke('batches.verify', { fileName: 'b.zip', content }))).toMatchObject({ ok: true, sequence: 2, previousChecked: true });
    await withRaw(core, (db) => db.prepare(`UPDATE batches SET manifest_sm3 = ? WHERE sequence = 1`).run('0'.repeat(64)));
    expect(value<VerifyReport>(await core.invoke('batches.verify', { fileName: 'b.zip', content }))).toMatchObject({ ok: false, code: 'PREVIOUS_DIGEST' });
  });
});
