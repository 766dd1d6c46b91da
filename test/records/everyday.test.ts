/**
 * The core of the everyday screens: a record's way to the platform beside its
 * versions, a clerk's request for an approver's acceptance, withdrawing several
 * records at once, sorted lists, counts per category for a search, settling a
 * name conflict, and the department filled into a new record.
 */
import { describe, expect, it } from 'vitest';
import type {
  BatchOperationView,
  BatchView,
  Catalog,
  OverrideRequestItem,
  RecordDetail,
  RecordEvent,
  SearchResult,
  SubjectDetail,
  SubjectSummary,
} from '../../electron/contract';
import { clerkDesk, penaltyRow, value } from '../helpers';
import { platformReceipt } from '../receipts';

type Core = Awaited<ReturnType<typeof clerkDesk>>;

async function as(core: Core, login: string, password: string) {
  value(await core.invoke('auth.logout', {}));
  value(await core.invoke('auth.login', { login, password }));
}

const create = async (core: Core, values: Record<string, unknown>) =>
  value<{ recordId: number }>(await core.invoke('records.create', { category: 'penalty', values: penaltyRow(values) })).recordId;

describe('a record’s whole story', () => {
  it('lists its batches and the platform’s answers in order: batched → sent back → batched again → signed → rejected', async () => {
    const core = await clerkDesk();
    const id = await create(core, { CF_WSH: '栾市监罚〔2026〕1号' });
    const first = value<BatchView>(await core.invoke('batches.prepare', {}));
    await as(core, 'boss', 'boss-pass-1');
    value(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
    value(await core.invoke('batches.reject', { batchId: first.batchId, reason: '决定日期与文书不符' }));
    await as(core, 'clerk1', 'clerk-pass-1');
    const again = value<BatchView>(await core.invoke('batches.prepare', {}));
    expect(again).toMatchObject({ sequence: 1, attempt: 2 });
    await as(core, 'boss', 'boss-pass-1');
    value(await core.invoke('batches.approve', { batchId: again.batchId, password: 'boss-pass-1' }));
    const [op] = value<{ items: BatchOperationView[] }>(await core.invoke('batches.operations', { batchId: again.batchId })).items;
    const receipt = { format: 'credit-desk-receipt/1', batchId: again.publicId, results: [{ opId: op.opId, status: 'rejected', code: '1001', message: '名称与代码不符' }] };
    value(await core.invoke('receipts.import', { fileName: 'r.json', content: platformReceipt(core.dbPath, receipt) }));

    const events = value<RecordEvent[]>(await core.invoke('records.events', { recordId: id }));
    expect(events.map((e) => [e.kind, e.sequence, e.batchId])).toEqual([
      ['batched', 1, first.batchId],
      ['returned', 1, first.batchId],
      ['batched', 1, again.batchId],
      ['approved', 1, again.batchId],
      ['rejected', 1, again.batchId],
    ]);
    expect(events[1]).toMatchObject({ by: 'boss', reason: '决定日期与文书不符' });
    expect(events[4]).toMatchObject({ by: null, code: '1001', reason: '名称与代码不符', publicId: '91350200776049653A-000001', version: 1 });
  });
});

describe('a clerk asks an approver to accept a pilot code', () => {
  it('keeps the record as a draft with the request; the approver sees it and accepting settles it', async () => {
    const core = await clerkDesk();
    const pilot = penaltyRow({ CF_WSH: '栾市监罚〔2026〕31号', CF_XDR_SHXYM: '91350200776049653B' });
    // Without a request the failed check blocks even a clerk's draft.
    expect(await core.invoke('records.create', { category: 'penalty', values: pilot, draft: true })).toMatchObject({ ok: false, error: { code: 'INVALID_RECORD' } });
    // A request is refused when another (non-overridable) problem remains.
    const alsoWrong = await core.invoke('records.create', { category: 'penalty', values: { ...pilot, CF_JDRQ: '2026-02-30' }, overrideRequest: { note: '' } });
    expect(alsoWrong).toMatchObject({ ok: false, error: { code: 'INVALID_RECORD' } });
    // And when there is nothing to accept.
    expect(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕32号' }), overrideRequest: { note: '' } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    const saved = value<{ recordId: number; state: string }>(
      await core.invoke('records.create', { category: 'penalty', values: pilot, overrideRequest: { note: '早期试点代码，营业执照上即为此码' } }),
    );
    expect(saved.state).toBe('draft');
    const detail = value<RecordDetail>(await core.invoke('records.get', { recordId: saved.recordId }));
    expect(detail.overrideRequest).toMatchObject({ note: '早期试点代码，营业执照上即为此码', by: 'clerk1', issues: [{ field: 'CF_XDR_SHXYM', code: 'uscc-check' }] });
    expect(value<{ total: number }>(await core.invoke('batches.pending', {})).total).toBe(0); // a draft waits outside the queue

    // Only approvers list the requests.
    expect(await core.invoke('records.overrideRequests', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await as(core, 'boss', 'boss-pass-1');
    const waiting = value<OverrideRequestItem[]>(await core.invoke('records.overrideRequests', {}));
    expect(waiting.map((w) => [w.recordId, w.request.note])).toEqual([[saved.recordId, '早期试点代码，营业执照上即为此码']]);
    value(
      await core.invoke('records.update', {
        recordId: saved.recordId,
        baseVersion: 1,
        values: pilot,
        reason: '审核人放行试点代码',
        submit: true,
        overrides: [{ field: 'CF_XDR_SHXYM', code: 'uscc-check', reason: '早期试点代码，经登记机关核实合法' }],
      }),
    );
    expect(value<OverrideRequestItem[]>(await core.invoke('records.overrideRequests', {}))).toEqual([]);
    const accepted = value<RecordDetail>(await core.invoke('records.get', { recordId: saved.recordId }));
    expect(accepted).toMatchObject({ state: 'pending', overrideRequest: null });
    expect(accepted.overrides).toHaveLength(1);
  });
});

describe('lists', () => {
  it('withdraws several records with one reason, in one go; sorts by decision date; counts a search per category', async () => {
    const core = await clerkDesk();
    const a = await create(core, { CF_WSH: '栾市监罚〔2026〕1号', CF_JDRQ: '2026-01-05' });
    const b = await create(core, { CF_WSH: '栾市监罚〔2026〕2号', CF_JDRQ: '2026-03-01', CF_XDR_MC: '石家庄市栾城区德润食品有限公司', CF_XDR_SHXYM: '913502000728319549' });
    const c = await create(core, { CF_WSH: '栾市监罚〔2026〕3号', CF_JDRQ: '2026-02-10' });
    value(
      await core.invoke('records.create', {
        category: 'license',
        values: {
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
          XK_LYDW: '石家庄市栾城区市场监督管理局',
          XK_LYDWDM: '913502000728319549',
        },
      }),
    );

    const search = async (q: Record<string, unknown>) => value<SearchResult>(await core.invoke('records.search', { category: 'penalty', ...q }));
    const order = async (q: Record<string, unknown>) => (await search(q)).items.map((r) => r.recordId);
    expect(await order({})).toEqual([c, b, a]); // newest entered first, as before
    expect(await order({ sort: { key: 'decisionDate', order: 'desc' } })).toEqual([b, c, a]);
    expect(await order({ sort: { key: 'decisionDate', order: 'asc' } })).toEqual([a, c, b]);
    expect(await order({ sort: { key: 'decisionDate', order: 'desc' }, limit: 1, offset: 1 })).toEqual([c]);
    expect(await order({ query: '恒瑞', sort: { key: 'decisionDate', order: 'asc' } })).toEqual([a, c]);

    // The search has no hit among the licences' subjects for 恒瑞, one for 德润 in each category.
    const counts = value<Record<string, { total: number }>>(await core.invoke('records.countByCategory', { query: '德润' }));
    expect(counts).toMatchObject({ penalty: { total: 1 }, license: { total: 1 }, redlist: { total: 0 } });
    expect(value<Record<string, { total: number }>>(await core.invoke('records.countByCategory', { query: '恒瑞' })).license.total).toBe(0);

    const done = value<{ withdrawn: number[]; skipped: number[] }>(await core.invoke('records.withdrawMany', { recordIds: [a, c], reason: '决定已被撤销' }));
    expect(done).toEqual({ withdrawn: [a, c], skipped: [] });
    expect(value<{ withdrawn: number[]; skipped: number[] }>(await core.invoke('records.withdrawMany', { recordIds: [a, b], reason: '重复录入' }))).toEqual({ withdrawn: [b], skipped: [a] });
    // An unknown record stops the whole request: nothing is withdrawn.
    const d = await create(core, { CF_WSH: '栾市监罚〔2026〕4号' });
    expect(await core.invoke('records.withdrawMany', { recordIds: [d, 99_999], reason: '测试' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(value<RecordDetail>(await core.invoke('records.get', { recordId: d })).state).toBe('pending');

    // Export of selected records only.
    const file = value<{ rows: number }>(await core.invoke('export.run', { category: 'penalty', recordIds: [b, d] }));
    expect(file.rows).toBe(2);
  });
});

describe('name conflicts', () => {
  it('确认更名: the new name becomes the subject’s, the old one is kept; a corrected code settles its conflict', async () => {
    const core = await clerkDesk();
    await create(core, { CF_WSH: '栾市监罚〔2026〕1号' });
    const renamed = await create(core, { CF_WSH: '栾市监罚〔2026〕2号', CF_XDR_MC: '石家庄市栾城区恒瑞商贸集团有限公司' });
    const typo = await create(core, { CF_WSH: '栾市监罚〔2026〕3号', CF_XDR_MC: '正定县华鑫建材有限公司' }); // wrong code: another company's
    const stats = async () => value<{ openNameConflicts: number }>(await core.invoke('records.stats', {})).openNameConflicts;
    expect(await stats()).toBe(2);
    const subject = value<{ items: SubjectSummary[] }>(await core.invoke('subjects.search', { conflictsOnly: true })).items[0];
    const before = value<SubjectDetail>(await core.invoke('subjects.get', { subjectId: subject.subjectId }));
    expect(before.conflicts.map((x) => [x.recordId, x.decisionNo])).toEqual([
      [renamed, '栾市监罚〔2026〕2号'],
      [typo, '栾市监罚〔2026〕3号'],
    ]);

    const after = value<SubjectDetail>(await core.invoke('subjects.rename', { subjectId: subject.subjectId, conflictId: before.conflicts[0].id }));
    expect(after.name).toBe('石家庄市栾城区恒瑞商贸集团有限公司');
    expect(after.formerNames).toEqual([{ name: '石家庄市栾城区恒瑞商贸有限公司', until: expect.any(String), by: 'clerk1' }]);
    expect(after.conflicts.map((x) => x.recordId)).toEqual([typo]);
    // Found under its new name.
    const found = value<{ items: SubjectSummary[] }>(await core.invoke('subjects.search', { query: '集团' })).items;
    expect(found.map((s) => s.subjectId)).toEqual([subject.subjectId]);
    // Settled once: the same conflict cannot be renamed again.
    expect(await core.invoke('subjects.rename', { subjectId: subject.subjectId, conflictId: before.conflicts[0].id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // 代码有误: the clerk corrects the record's code; the conflict settles itself.
    value(
      await core.invoke('records.update', {
        recordId: typo,
        baseVersion: 1,
        values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕3号', CF_XDR_MC: '正定县华鑫建材有限公司', CF_XDR_SHXYM: '91230500MA1B3N1N2M' }),
        reason: '统一社会信用代码填错',
      }),
    );
    expect(await stats()).toBe(0);
    expect(value<SubjectDetail>(await core.invoke('subjects.get', { subjectId: subject.subjectId })).conflicts).toEqual([]);
  });
});

describe('a new record starts with the department', () => {
  it('marks the authority and data-source fields of every category for the department’s name and code', async () => {
    const core = await clerkDesk();
    const catalog = value<Catalog>(await core.invoke('catalog.get', {}));
    const prefilled = Object.fromEntries(catalog.categories.map((c) => [c.key, c.fields.filter((f) => f.prefill).map((f) => `${f.code}:${f.prefill}`)]));
    expect(prefilled.penalty).toEqual(['CF_CFJG:department-name', 'CF_CFJGDM:department-uscc', 'CF_SJLY:department-name', 'CF_SJLYDM:department-uscc']);
    expect(prefilled.license).toEqual(['XK_XKJG:department-name', 'XK_XKJGDM:department-uscc', 'XK_LYDW:department-name', 'XK_LYDWDM:department-uscc']);
    for (const c of catalog.categories) expect(prefilled[c.key].length, c.key).toBe(4);
  });
});
