import { describe, expect, it } from 'vitest';
import type { RecordDetail, RecordVersionView, SearchResult, SubjectDetail, ValidationView } from '../../electron/contract/records';
import { clerkDesk, penaltyRow, value } from '../helpers';

type Created = { recordId: number; version: number; state: string };

describe('entering and correcting records', () => {
  it('saves a valid penalty as pending, with its publication clock', async () => {
    const core = await clerkDesk();
    const created = value<Created>(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
    expect(created).toMatchObject({ version: 1, state: 'pending' });
    const detail = value<RecordDetail>(await core.invoke('records.get', { recordId: created.recordId }));
    expect(detail).toMatchObject({ state: 'pending', subjectName: '石家庄市栾城区恒瑞商贸有限公司', decisionNo: '栾市监罚〔2026〕12号' });
    expect(detail.publication).toMatchObject({ ruleVersion: expect.any(String) });
    expect(detail.publication!.publicationEnds > '2026-03-02').toBe(true);
    // 公示截止期 filled from the clock when left empty.
    expect(detail.fields.CF_GSJZQ).toBe(detail.publication!.publicationEnds);
  });

  it('refuses an invalid record naming the field and the reason, and saves nothing', async () => {
    const core = await clerkDesk();
    const result = await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '', CF_JDRQ: '2026-02-30' }) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_RECORD');
    const errors = (result.error.details as { errors: { field: string; message: string }[] }).errors;
    expect(errors.map((e) => e.field).sort()).toEqual(['CF_JDRQ', 'CF_WSH']);
    expect(errors.find((e) => e.field === 'CF_WSH')!.message).toContain('行政处罚决定书文号');
    const search = value<SearchResult>(await core.invoke('records.search', { category: 'penalty' }));
    expect(search.total).toBe(0);
  });

  it('keeps a draft when asked, even when incomplete', async () => {
    const core = await clerkDesk();
    const created = value<Created>(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_SY: '' }), draft: true }));
    expect(created.state).toBe('draft');
  });

  it('refuses a duplicate, pointing to the existing record', async () => {
    const core = await clerkDesk();
    const first = value<Created>(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
    // The same decision written with other brackets is the same decision.
    const again = await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚[2026]12号' }) });
    expect(again).toMatchObject({ ok: false, error: { code: 'DUPLICATE', details: { recordId: first.recordId } } });
  });

  it('records every correction as a new version with a field-by-field diff', async () => {
    const core = await clerkDesk();
    const { recordId } = value<Created>(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
    const updated = value<Created & { changed: boolean }>(
      await core.invoke('records.update', { recordId, baseVersion: 1, values: penaltyRow({ CF_NR_FK: '0.8', CF_NR: '罚款人民币八千元' }), reason: '金额录入错误' }),
    );
    expect(updated).toMatchObject({ version: 2, changed: true, state: 'pending' });
    const stale = await core.invoke('records.update', { recordId, baseVersion: 1, values: penaltyRow(), reason: '过期的修改' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const history = value<RecordVersionView[]>(await core.invoke('records.history', { recordId }));
    expect(history.map((h) => h.version)).toEqual([2, 1]);
    expect(history[0]).toMatchObject({ reason: '金额录入错误', by: 'clerk1', action: 'edit' });
    expect(history[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'CF_NR_FK', before: '0.5', after: '0.8' },
        { field: 'CF_NR', before: '罚款人民币五千元', after: '罚款人民币八千元' },
      ]),
    );
    expect(history[1].action).toBe('create');
  });

  it('withdraws without deleting', async () => {
    const core = await clerkDesk();
    const { recordId } = value<Created>(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
    value(await core.invoke('records.withdraw', { recordId, reason: '决定已被撤销' }));
    const detail = value<RecordDetail>(await core.invoke('records.get', { recordId }));
    expect(detail.state).toBe('withdrawn');
    const history = value<RecordVersionView[]>(await core.invoke('records.history', { recordId }));
    expect(history[0]).toMatchObject({ state: 'withdrawn', reason: '决定已被撤销' });
  });
});

describe('identifier checks and the approver override', () => {
  const pilot = penaltyRow({ CF_XDR_SHXYM: '91350100M0001TGQXM', CF_XDR_MC: '早期试点企业有限公司' });

  it('a failed 统一社会信用代码 check blocks the clerk', async () => {
    const core = await clerkDesk();
    const check = value<ValidationView>(await core.invoke('records.validate', { category: 'penalty', values: pilot }));
    expect(check.errors).toContainEqual(expect.objectContaining({ field: 'CF_XDR_SHXYM', code: 'uscc-check', overridable: true }));
    const override = [{ field: 'CF_XDR_SHXYM', code: 'uscc-check', reason: '早期试点代码，经登记机关确认' }];
    expect(await core.invoke('records.create', { category: 'penalty', values: pilot, overrides: override })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('an approver may accept it with a recorded reason', async () => {
    const core = await clerkDesk();
    value(await core.invoke('auth.logout', {}));
    value(await core.invoke('auth.login', { login: 'boss', password: 'boss-pass-1' }));
    const override = [{ field: 'CF_XDR_SHXYM', code: 'uscc-check', reason: '早期试点代码，经登记机关确认' }];
    const { recordId } = value<Created>(await core.invoke('records.create', { category: 'penalty', values: pilot, overrides: override }));
    const detail = value<RecordDetail>(await core.invoke('records.get', { recordId }));
    expect(detail.overrides).toEqual([expect.objectContaining({ field: 'CF_XDR_SHXYM', reason: '早期试点代码，经登记机关确认', by: 'boss' })]);
  });
});

describe('subjects and personal data', () => {
  const person = (o: Record<string, unknown> = {}) =>
    penaltyRow({ CF_XDR_MC: '王小明', CF_XDR_LB: '自然人', CF_XDR_SHXYM: '', CF_FRDB: '', CF_XDR_ZJLX: '身份证', CF_XDR_ZJHM: '11010519491231002X', CF_NR_FK: '0.01', CF_NR: '罚款人民币一百元', ...o });

  it('masks ID numbers everywhere until a permitted user unmasks them, which is audited', async () => {
    const core = await clerkDesk();
    const { recordId } = value<Created>(await core.invoke('records.create', { category: 'penalty', values: person() }));
    const detail = value<RecordDetail>(await core.invoke('records.get', { recordId }));
    expect(detail.fields.CF_XDR_ZJHM).toBe('1101**********002X');
    expect(detail.subjectCode).toBe('1101**********002X');
    const history = value<RecordVersionView[]>(await core.invoke('records.history', { recordId }));
    expect(JSON.stringify(history)).not.toContain('11010519491231002X');
    const found = value<SearchResult>(await core.invoke('records.search', { query: '王小明' }));
    expect(JSON.stringify(found)).not.toContain('11010519491231002X');
    const unmasked = value<{ fields: Record<string, string> }>(await core.invoke('records.unmask', { recordId, reason: '核对身份' }));
    expect(unmasked.fields.CF_XDR_ZJHM).toBe('11010519491231002X');
    value(await core.invoke('auth.logout', {}));
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    const audit = value<{ items: { method: string; actor: string; target: string }[] }>(await core.invoke('audit.list', { limit: 100 }));
    expect(audit.items).toContainEqual(expect.objectContaining({ method: 'records.unmask', actor: 'clerk1', target: `record:${recordId}` }));
  });

  it('masks other kinds of ID number too (a passport), in lists and in the record', async () => {
    const core = await clerkDesk();
    const { recordId } = value<Created>(
      await core.invoke('records.create', { category: 'penalty', values: person({ CF_XDR_MC: '李护照', CF_XDR_ZJLX: '护照', CF_XDR_ZJHM: 'E12345678' }) }),
    );
    const found = value<SearchResult>(await core.invoke('records.search', { query: '护照' }));
    expect(found.items.map((i) => i.recordId)).toEqual([recordId]);
    expect(found.items[0].subjectCode).toBe('E123*5678');
    const detail = value<RecordDetail>(await core.invoke('records.get', { recordId }));
    expect(detail.subjectCode).toBe('E123*5678');
    expect(JSON.stringify(detail)).not.toContain('E12345678');
  });

  it('flags the same code arriving with another name instead of merging silently', async () => {
    const core = await clerkDesk();
    const a = value<Created>(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
    const b = value<Created>(
      await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_XDR_MC: '石家庄恒瑞贸易有限公司', CF_WSH: '栾市监罚〔2026〕13号' }) }),
    );
    const first = value<RecordDetail>(await core.invoke('records.get', { recordId: a.recordId }));
    const second = value<RecordDetail>(await core.invoke('records.get', { recordId: b.recordId }));
    expect(second.subjectId).toBe(first.subjectId);
    expect(second.subjectName).toBe('石家庄恒瑞贸易有限公司');
    const subject = value<SubjectDetail>(await core.invoke('subjects.get', { subjectId: first.subjectId }));
    expect(subject.name).toBe('石家庄市栾城区恒瑞商贸有限公司');
    expect(subject.conflicts).toEqual([expect.objectContaining({ recordId: b.recordId, name: '石家庄恒瑞贸易有限公司' })]);
    expect(subject.recordCount).toBe(2);
  });
});

describe('search', () => {
  it('finds records by 2 characters of a name, a code prefix or a decision number prefix, with filters', async () => {
    const core = await clerkDesk();
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
    value(
      await core.invoke('records.create', {
        category: 'penalty',
        values: penaltyRow({ CF_XDR_MC: '正定县华鑫建材有限公司', CF_XDR_SHXYM: '91230500MA1B3N1N2M', CF_WSH: '正市监罚〔2025〕7号', CF_JDRQ: '2025-06-01', CF_YXQ: '2026-06-01' }),
      }),
    );
    const names = async (input: Record<string, unknown>) =>
      value<SearchResult>(await core.invoke('records.search', input)).items.map((i) => i.subjectName);
    expect(await names({ query: '恒瑞' })).toEqual(['石家庄市栾城区恒瑞商贸有限公司']);
    expect(await names({ query: '华鑫' })).toEqual(['正定县华鑫建材有限公司']);
    expect(await names({ query: '有限公司' })).toHaveLength(2);
    expect(await names({ query: '瑞华' })).toEqual([]);
    expect(await names({ query: '91230500' })).toEqual(['正定县华鑫建材有限公司']);
    expect(await names({ query: '正市监罚' })).toEqual(['正定县华鑫建材有限公司']);
    expect(await names({ query: '有限', from: '2026-01-01' })).toEqual(['石家庄市栾城区恒瑞商贸有限公司']);
    expect(await names({ query: '有限', state: 'draft' })).toEqual([]);
    expect(await names({ category: 'license' })).toEqual([]);
    const one = value<SearchResult>(await core.invoke('records.search', { query: '有限', limit: 1 }));
    expect(one).toMatchObject({ total: 2, totalCapped: false });
    expect(one.items).toHaveLength(1);
    const next = value<SearchResult>(await core.invoke('records.search', { query: '有限', limit: 1, offset: 1 }));
    expect(next.items.map((i) => i.recordId)).not.toEqual(one.items.map((i) => i.recordId));
    expect(next.items).toHaveLength(1);
  });

  it('shows an all-digit 统一社会信用代码 in clear: only real ID numbers are masked', async () => {
    const core = await clerkDesk();
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_XDR_SHXYM: '913502000728319549', CF_XDR_MC: '厦门数字代码有限公司' }) }));
    const found = value<SearchResult>(await core.invoke('records.search', { query: '数字' }));
    expect(found.items[0].subjectCode).toBe('913502000728319549');
  });
});
