/**
 * What the approver is shown before signing (batches.operations) is what the
 * batch file carries: an add shows every field it sends (also a record the
 * platform sent back and the clerk corrected), an update the fields that differ
 * from what the platform last accepted, a withdrawal the clerk's reason. And a
 * receipt is previewed before it is applied.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchOperationView, BatchView, FilePayload, ReceiptPreview, RecordDetail } from '../../electron/contract';
import { exportColumns } from '../../electron/core/catalog/records';
import { clerkDesk, penaltyRow, tempFolder, value } from '../helpers';
import { platformReceipt } from '../receipts';
import { unzip } from '../zip';

type Core = Awaited<ReturnType<typeof clerkDesk>>;

async function as(core: Core, login: string, password: string) {
  value(await core.invoke('auth.logout', {}));
  value(await core.invoke('auth.login', { login, password }));
}

const create = async (core: Core, no: number, extra: Record<string, unknown> = {}) =>
  value<{ recordId: number }>(
    await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: `栾市监罚〔2026〕${no}号`, CF_XDR_MC: `栾城区第${no}商贸有限公司`, ...extra }) }),
  ).recordId;

const ops = async (core: Core, batchId: number) => value<{ items: BatchOperationView[] }>(await core.invoke('batches.operations', { batchId, limit: 500 })).items;

function receiptOf(batch: BatchView, items: BatchOperationView[], rejected: Record<string, [string, string]>) {
  return {
    format: 'credit-desk-receipt/1',
    batchId: batch.publicId,
    results: items.map((o) =>
      rejected[o.decisionNo] ? { opId: o.opId, status: 'rejected', code: rejected[o.decisionNo][0], message: rejected[o.decisionNo][1] } : { opId: o.opId, status: 'accepted' },
    ),
  };
}


async function jsonl(zipPath: string): Promise<{ opId: string; op: string; fields: Record<string, string | null> }[]> {
  const lines: string[] = [];
  for (const [name, data] of await unzip(zipPath)) if (name.endsWith('.jsonl')) lines.push(...data.toString('utf8').split('\n').filter(Boolean));
  return lines.map((l) => JSON.parse(l) as { opId: string; op: string; fields: Record<string, string | null> });
}

describe('the review shows what is signed', () => {
  it('add: every field; update: the diff against what the platform accepted; withdraw: the reason — and the file carries exactly the fields shown', async () => {
    const core = await clerkDesk();
    const a = await create(core, 1);
    const b = await create(core, 2);
    const c = await create(core, 3);
    const first = value<BatchView>(await core.invoke('batches.prepare', {}));
    await as(core, 'boss', 'boss-pass-1');
    value(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
    value(await core.invoke('batches.approve', { batchId: first.batchId, password: 'boss-pass-1' }));
    const firstOps = await ops(core, first.batchId);
    value(await core.invoke('receipts.import', { fileName: 'r.json', content: platformReceipt(core.dbPath, receiptOf(first, firstOps, { '栾市监罚〔2026〕1号': ['1001', '名称与统一社会信用代码不匹配'] })) }));

    // The clerk corrects the rejected record (one field), corrects an accepted one, withdraws another.
    await as(core, 'clerk1', 'clerk-pass-1');
    const fix = (id: number, values: Record<string, unknown>, reason: string) =>
      core.invoke('records.update', { recordId: id, baseVersion: 1, values: penaltyRow(values), reason }).then(value);
    await fix(a, { CF_WSH: '栾市监罚〔2026〕1号', CF_XDR_MC: '栾城区第一商贸有限公司' }, '按平台意见更正名称');
    await fix(b, { CF_WSH: '栾市监罚〔2026〕2号', CF_XDR_MC: '栾城区第2商贸有限公司', CF_NR_FK: '0.9', CF_NR: '罚款人民币九千元' }, '按复核决定更正罚款金额');
    value(await core.invoke('records.withdraw', { recordId: c, reason: '处罚决定已被复议机关撤销' }));
    const second = value<BatchView>(await core.invoke('batches.prepare', {}));
    expect(second).toMatchObject({ sequence: 2, attempt: 1 });
    const review = await ops(core, second.batchId);
    const byNo = (no: number) => review.find((o) => o.decisionNo === `栾市监罚〔2026〕${no}号`)!;
    const columns = exportColumns('penalty').map((col) => col.code);

    // The rejected record, corrected: the platform never accepted it, so it goes as an add of all its fields.
    const added = byNo(1);
    expect(added).toMatchObject({ op: 'add', version: 2, baseline: null, reason: '按平台意见更正名称' });
    expect(added.changes.map((ch) => ch.field)).toEqual(columns);
    expect(added.changes.find((ch) => ch.field === 'CF_XDR_MC')).toMatchObject({ before: null, after: '栾城区第一商贸有限公司' });
    expect(added.changes.find((ch) => ch.field === 'CF_NR_WFFF')).toMatchObject({ after: null }); // empty, and shown as empty
    expect(added.fields.map((f) => f.field)).toEqual(columns);

    // The accepted record, corrected: only what differs from the accepted version 1.
    const updated = byNo(2);
    expect(updated).toMatchObject({ op: 'update', version: 2, baseline: { version: 1, sequence: 1, status: 'accepted' }, reason: '按复核决定更正罚款金额' });
    expect(updated.changes).toEqual([
      { field: 'CF_NR', label: '处罚内容', before: '罚款人民币五千元', after: '罚款人民币九千元' },
      { field: 'CF_NR_FK', label: '罚款金额（万元）', before: '0.5', after: '0.9' },
    ]);
    expect(updated.fields).toHaveLength(columns.length);

    // The withdrawal: its reason, no field changes, the full record on offer.
    const withdrawn = byNo(3);
    expect(withdrawn).toMatchObject({ op: 'withdraw', reason: '处罚决定已被复议机关撤销', changes: [], baseline: null });
    expect(withdrawn.fields.find((f) => f.field === 'CF_WSH')?.value).toBe('栾市监罚〔2026〕3号');

    // Signed and exported: every operation's fields in the file are the fields shown.
    await as(core, 'boss', 'boss-pass-1');
    value(await core.invoke('batches.approve', { batchId: second.batchId, password: 'boss-pass-1' }));
    const file = value<FilePayload>(await core.invoke('batches.export', { batchId: second.batchId }));
    const zip = join(tempFolder(), file.fileName);
    writeFileSync(zip, Buffer.from(file.content, 'base64'));
    const lines = await jsonl(zip);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const shown = review.find((o) => o.opId === line.opId)!;
      expect(Object.fromEntries(shown.fields.map((f) => [f.field, f.value]))).toEqual(line.fields);
      if (line.op === 'add') expect(Object.fromEntries(shown.changes.map((ch) => [ch.field, ch.after]))).toEqual(line.fields);
    }
    expect(readFileSync(zip).length).toBeGreaterThan(0);
  });

  it('an update of a record whose batch has no receipt yet is compared with what was sent', async () => {
    const core = await clerkDesk();
    const d = await create(core, 7);
    const first = value<BatchView>(await core.invoke('batches.prepare', {}));
    await as(core, 'boss', 'boss-pass-1');
    value(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
    value(await core.invoke('batches.approve', { batchId: first.batchId, password: 'boss-pass-1' }));
    await as(core, 'clerk1', 'clerk-pass-1');
    value(await core.invoke('records.update', { recordId: d, baseVersion: 1, values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕7号', CF_XDR_MC: '栾城区第7商贸有限公司', CF_NR_FK: '0.7', CF_NR: '罚款人民币七千元' }), reason: '更正金额' }));
    const second = value<BatchView>(await core.invoke('batches.prepare', {}));
    const [op] = await ops(core, second.batchId);
    expect(op).toMatchObject({ op: 'update', baseline: { version: 1, sequence: 1, status: 'sent' } });
    expect(op.changes.map((ch) => ch.field)).toEqual(['CF_NR', 'CF_NR_FK']);
  });

  it('a receipt is previewed first: counts and the first rejections, nothing changed until it is imported', async () => {
    const core = await clerkDesk();
    for (let i = 1; i <= 4; i++) await create(core, 10 + i);
    const batch = value<BatchView>(await core.invoke('batches.prepare', {}));
    await as(core, 'boss', 'boss-pass-1');
    value(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
    value(await core.invoke('batches.approve', { batchId: batch.batchId, password: 'boss-pass-1' }));
    const items = await ops(core, batch.batchId);
    const receipt = receiptOf(batch, items.slice(0, 3), { '栾市监罚〔2026〕12号': ['1001', '名称与统一社会信用代码不匹配'] });
    const preview = value<ReceiptPreview>(await core.invoke('receipts.preview', { fileName: '回执.json', content: platformReceipt(core.dbPath, receipt) }));
    expect(preview).toMatchObject({ batchId: batch.batchId, publicId: batch.publicId, sequence: 1, operations: 4, accepted: 2, rejected: 1, unanswered: 1 });
    expect(preview.rejections).toEqual([
      { opId: items[1].opId, subjectName: '栾城区第12商贸有限公司', decisionNo: '栾市监罚〔2026〕12号', code: '1001', message: '名称与统一社会信用代码不匹配' },
    ]);
    // Nothing applied yet.
    expect(value<BatchView>(await core.invoke('batches.get', { batchId: batch.batchId })).receipt).toBeNull();
    expect(value<RecordDetail>(await core.invoke('records.get', { recordId: items[1].recordId })).state).toBe('reported');
    // A receipt naming an operation of another batch is refused by the preview already.
    const foreign = { ...receipt, results: [{ opId: `${batch.publicId.slice(0, 18)}-999`, status: 'accepted' }] };
    const refused = await core.invoke('receipts.preview', { fileName: '回执.json', content: platformReceipt(core.dbPath, foreign) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    // Confirmed: applied.
    value(await core.invoke('receipts.import', { fileName: '回执.json', content: platformReceipt(core.dbPath, receipt) }));
    expect(value<RecordDetail>(await core.invoke('records.get', { recordId: items[1].recordId })).state).toBe('rejected');
    const again = await core.invoke('receipts.preview', { fileName: '回执.json', content: platformReceipt(core.dbPath, receipt) });
    expect(again).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
