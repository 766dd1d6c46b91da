/**
 * The verifier reads the operations: every one of the six the format defines is
 * accepted, an unknown one is refused even in a consistently re-signed file,
 * and the lines must add up to the manifest's counts. A batch sent back keeps
 * the content and mark operations apart.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import type { BatchOperationView, BatchView, CaseDetail } from '../../electron/contract';
import type { Manifest } from '../../electron/core/batches/format';
import { generateSigningKey, publicKeyPem, signSm2, sm3Hex } from '../../electron/core/batches/sm2';
import { BATCH_OPERATIONS, verifyBatchFile } from '../../electron/core/batches/verify';
import { value } from '../helpers';
import { acceptAll, as, caseDesk, createPenalty, nextBatch, PNG, unzip } from './fixtures';

async function rezip(path: string, members: Map<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of members) zip.addBuffer(data, name, { mtime: new Date('2026-01-01T00:00:00Z') });
  zip.end();
  await new Promise<void>((resolve) => zip.outputStream.pipe(createWriteStream(path)).on('close', () => resolve()));
}

/** Rewrites a member, fixes the manifest's digests (and counts, if given) and signs it again with a fresh key. */
async function forge(path: string, member: string, edit: (text: string) => string, counts?: Manifest['counts']) {
  const members = await unzip(path);
  const data = Buffer.from(edit(members.get(member)!.toString('utf8')), 'utf8');
  members.set(member, data);
  const manifest = JSON.parse(members.get('manifest.json')!.toString('utf8')) as Manifest;
  const m = manifest.members.find((x) => x.path === member)!;
  Object.assign(m, { size: data.length, sm3: sm3Hex(data), sha256: createHash('sha256').update(data).digest('hex') });
  if (counts) manifest.counts = counts;
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const key = generateSigningKey();
  members.set('manifest.json', bytes);
  members.set('manifest.sig', signSm2(bytes, key));
  members.set('signer.pem', Buffer.from(publicKeyPem(key.publicKey)));
  await rezip(path, members);
}

describe('the verifier and the operations', () => {
  it('accepts all six operations in one category; refuses an unknown one and counts that do not add up', async () => {
    const { core } = await caseDesk();
    const ids = [await createPenalty(core, 1), await createPenalty(core, 2), await createPenalty(core, 3), await createPenalty(core, 4, { CF_JDRQ: '2025-06-02', CF_YXQ: '2026-06-02' })];
    const first = await nextBatch(core);
    await acceptAll(core, first.batch.batchId, first.batch.publicId, first.lines('penalty').map((l) => l.opId));
    // Batch 2: the mark of an open objection. Batch 3: its correction and clear, a repair, a new record, a withdrawal.
    const a = value<CaseDetail>(await core.invoke('cases.register', { kind: 'objection', recordIds: [ids[0]], applicant: { name: '甲' }, channel: 'window', grounds: '有异议' }));
    const second = await nextBatch(core);
    expect(second.lines('penalty').map((l) => l.op)).toEqual(['mark-objection']);

    value(await core.invoke('cases.propose', { caseId: a.caseId, outcome: 'correct', reason: '更正金额', set: { CF_NR_FK: '0.4', CF_NR: '罚款人民币四千元' } }));
    const repair = value<CaseDetail>(
      await core.invoke('cases.register', {
        kind: 'repair',
        recordIds: [ids[3]],
        applicant: { name: '乙' },
        channel: 'window',
        grounds: '申请修复',
        attachments: ['信用修复申请表', '信用修复承诺书', '履行法定义务的证明材料'].map((item, i) => ({ fileName: `${i}.png`, content: PNG.toString('base64'), item })),
      }),
    );
    value(await core.invoke('cases.propose', { caseId: repair.caseId, outcome: 'repair', reason: '符合条件' }));
    await createPenalty(core, 5);
    value(await core.invoke('records.withdraw', { recordId: ids[2], reason: '决定已撤销' }));
    await as(core, 'deputy');
    value(await core.invoke('cases.approve', { caseId: a.caseId }));
    value(await core.invoke('cases.approve', { caseId: repair.caseId }));
    const third = await nextBatch(core);
    const ops = third.lines('penalty').map((l) => l.op);
    expect([...ops].sort()).toEqual(['add', 'clear-objection', 'end-publication', 'update', 'withdraw']);
    expect(new Set([...ops, 'mark-objection'])).toEqual(new Set(BATCH_OPERATIONS));
    expect(await verifyBatchFile(third.path)).toMatchObject({ ok: true, manifest: { counts: { penalty: { add: 1, update: 1, withdraw: 1, 'end-publication': 1, 'clear-objection': 1 } } } });
    // The Excel member names each operation in Chinese.
    const ops2 = value<{ items: BatchOperationView[] }>(await core.invoke('batches.operations', { batchId: third.batch.batchId }));
    expect(ops2.items.map((o) => o.op).sort()).toEqual([...ops].sort());

    await forge(second.path, 'data/penalty.jsonl', (t) => t.replace('"op":"mark-objection"', '"op":"delete-record"'));
    expect(await verifyBatchFile(second.path)).toMatchObject({ ok: false, code: 'MALFORMED', reason: expect.stringContaining('“delete-record”不是本格式定义的操作') });
    await forge(third.path, 'data/penalty.jsonl', (t) => t.replace('"op":"withdraw"', '"op":"add"'));
    expect(await verifyBatchFile(third.path)).toMatchObject({ ok: false, code: 'MALFORMED', reason: expect.stringContaining('与清单的 counts 不符') });
  });

  it('a batch sent back: its mark returns to the queue beside the content operation; opposite marks cancel out', async () => {
    const { core } = await caseDesk();
    const recordId = await createPenalty(core, 1);
    const first = await nextBatch(core);
    await acceptAll(core, first.batch.batchId, first.batch.publicId, first.lines('penalty').map((l) => l.opId));
    const c = value<CaseDetail>(await core.invoke('cases.register', { kind: 'objection', recordIds: [recordId], applicant: { name: '甲' }, channel: 'window', grounds: '有异议' }));
    const prepared = value<BatchView>(await core.invoke('batches.prepare', {}));
    expect(prepared.counts).toEqual({ penalty: { 'mark-objection': 1 } });
    // While the batch waits, the objection is decided 维持: the clear is queued.
    value(await core.invoke('cases.propose', { caseId: c.caseId, outcome: 'maintain', reason: '维持' }));
    await as(core, 'boss');
    value(await core.invoke('cases.approve', { caseId: c.caseId }));
    // boss sends the batch back: the mark and its clear never reached the platform, so both go.
    value(await core.invoke('batches.reject', { batchId: prepared.batchId, reason: '请核对后重新报送' }));
    expect(value<{ total: number }>(await core.invoke('batches.pending', {})).total).toBe(0);
  });
});
