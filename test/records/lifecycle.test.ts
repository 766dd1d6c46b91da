/**
 * The end of publication (domain.md §4: "publication stops automatically at the
 * maximum"): a record the platform accepted becomes `expired` once its 公示截止期
 * has passed, when the next session opens; in a version of its own, audited.
 */
import { describe, expect, it } from 'vitest';
import type { BatchOperationView, BatchView } from '../../electron/contract/batches';
import type { RecordDetail, RecordVersionView } from '../../electron/contract/records';
import { clerkDesk, penaltyRow, value } from '../helpers';
import { platformReceipt } from '../receipts';

type Core = Awaited<ReturnType<typeof clerkDesk>>;

async function as(core: Core, login: string, password: string) {
  value(await core.invoke('auth.logout', {}));
  value(await core.invoke('auth.login', { login, password }));
}

/** Reports every pending record and has the platform accept them all (or reject them). */
async function reportAndAccept(core: Core, status: 'accepted' | 'rejected' = 'accepted') {
  const batch = value<BatchView>(await core.invoke('batches.prepare', {}));
  await as(core, 'boss', 'boss-pass-1');
  value(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
  value(await core.invoke('batches.approve', { batchId: batch.batchId, password: 'boss-pass-1' }));
  const ops = value<{ items: BatchOperationView[] }>(await core.invoke('batches.operations', { batchId: batch.batchId }));
  const receipt = { format: 'credit-desk-receipt/1', batchId: batch.publicId, results: ops.items.map((o) => (status === 'accepted' ? { opId: o.opId, status } : { opId: o.opId, status, code: '1001', message: '名称与代码不匹配' })) };
  value(await core.invoke('receipts.import', { fileName: 'receipt.json', content: platformReceipt(core.dbPath, receipt) }));
  await as(core, 'clerk1', 'clerk-pass-1');
}

const get = async (core: Core, recordId: number) => value<RecordDetail>(await core.invoke('records.get', { recordId }));

describe('end of publication', () => {
  it('an accepted penalty whose 公示截止期 has passed expires when a session opens', async () => {
    const core = await clerkDesk();
    // 一般 (a fine): published for at most a year from the decision.
    const ended = value<{ recordId: number }>(
      await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2024〕1号', CF_JDRQ: '2024-01-02', CF_YXQ: '2025-01-02' }) }),
    ).recordId;
    const running = value<{ recordId: number }>(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() })).recordId;
    // A 公示截止期 entered on the record, earlier than the clock's, is the one that counts.
    const entered = value<{ recordId: number }>(
      await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2025〕9号', CF_JDRQ: '2026-01-05', CF_YXQ: '2027-01-05', CF_GSJZQ: '2026-04-05' }) }),
    ).recordId;
    const enteredBefore = await get(core, entered);
    expect(enteredBefore.publication!.publicationEnds > new Date().toISOString().slice(0, 10)).toBe(true);
    expect(enteredBefore.publicationEnds).toBe('2026-04-05');
    await reportAndAccept(core);
    // Entered after the batch: still pending, whatever its dates.
    const unreported = value<{ recordId: number }>(
      await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2024〕2号', CF_JDRQ: '2024-01-03', CF_YXQ: '2025-01-03' }) }),
    ).recordId;
    // Accepted already expired at the clerk's login after the receipt.
    expect((await get(core, ended)).state).toBe('expired');
    expect((await get(core, running)).state).toBe('accepted');
    expect((await get(core, entered)).state).toBe('expired');
    expect((await get(core, unreported)).state).toBe('pending');

    const detail = await get(core, ended);
    const history = value<RecordVersionView[]>(await core.invoke('records.history', { recordId: ended }));
    expect(history[0]).toMatchObject({ version: detail.version, state: 'expired', action: 'state', by: 'system' });
    expect(history[0].reason).toBe(`公示期满（公示截止期 ${detail.publication!.publicationEnds}）`);
    expect(detail.publication!.publicationEnds < new Date().toISOString().slice(0, 10)).toBe(true);
    // Expired is final for corrections; nothing was queued for the platform.
    const edit = await core.invoke('records.update', { recordId: ended, baseVersion: detail.version, values: penaltyRow({ CF_WSH: '栾市监罚〔2024〕1号', CF_JDRQ: '2024-01-02', CF_YXQ: '2025-01-02', CF_NR_FK: '0.6', CF_NR: '罚款人民币六千元' }), reason: '更正金额' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(value<{ total: number }>(await core.invoke('batches.pending', {})).total).toBe(1); // the unreported one

    // Logging in again changes nothing more; the expiry is in the audit trail once.
    await as(core, 'clerk1', 'clerk-pass-1');
    expect((await get(core, ended)).version).toBe(detail.version);
    await as(core, 'admin', 'admin-pass-1');
    const audit = value<{ items: { method: string; actor: string; detail: { count: number; recordIds: number[] } }[] }>(await core.invoke('audit.list', { limit: 200 }));
    const expiries = audit.items.filter((e) => e.method === 'records.expire');
    expect(expiries).toEqual([expect.objectContaining({ actor: 'system', detail: { count: 2, recordIds: [ended, entered] } })]);
  });
});

describe('correcting without changes', () => {
  it('a rejected record submitted again as it is returns to the queue; saved without submitting, nothing happens', async () => {
    const core = await clerkDesk();
    const { recordId } = value<{ recordId: number }>(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
    await reportAndAccept(core, 'rejected');
    const rejected = await get(core, recordId);
    expect(rejected.state).toBe('rejected');
    const saved = value<{ changed: boolean; state: string }>(
      await core.invoke('records.update', { recordId, baseVersion: rejected.version, values: penaltyRow(), reason: '再看一遍' }),
    );
    expect(saved).toMatchObject({ changed: false, state: 'rejected' });
    const submitted = value<{ changed: boolean; state: string; version: number }>(
      await core.invoke('records.update', { recordId, baseVersion: rejected.version, values: penaltyRow(), reason: '平台已更正名称库，原样重报', submit: true }),
    );
    expect(submitted).toMatchObject({ changed: true, state: 'pending', version: rejected.version + 1 });
    expect(value<{ total: number }>(await core.invoke('batches.pending', {})).total).toBe(1);
  });

  it('a withdrawn record cannot be corrected, changed or not', async () => {
    const core = await clerkDesk();
    const { recordId } = value<{ recordId: number }>(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
    const { version } = value<{ version: number }>(await core.invoke('records.withdraw', { recordId, reason: '决定已撤销' }));
    for (const values of [penaltyRow(), penaltyRow({ CF_NR_FK: '0.6', CF_NR: '罚款人民币六千元' })]) {
      const r = await core.invoke('records.update', { recordId, baseVersion: version, values, reason: '更正', submit: true });
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
  });
});
