/**
 * Issue 19: drafts of open forms are kept in the encrypted database, per person and
 * form; only their own person reads them; replaced as they type, removed when saved
 * or discarded, gone after seven days; too large a draft is refused with a message.
 */
import { describe, expect, it } from 'vitest';
import type { DraftSummary, DraftView } from '../../electron/contract';
import { auditRows, clerkDesk, errorOf, value, withRaw } from '../helpers';

describe('drafts', () => {
  it('per person and form; replaced, discarded, expired; not in the audit trail', async () => {
    let now = new Date('2026-12-01T02:00:00Z');
    const core = await clerkDesk({ now: () => now });
    const before = auditRows(core.dbPath).length;
    const form = 'record:new:penalty';
    expect(value(await core.invoke('drafts.get', { form }))).toBeNull();
    value(await core.invoke('drafts.save', { form, title: '新增行政处罚', data: { values: { CF_XDR_MC: '石家庄市栾城区恒' } } }));
    now = new Date('2026-12-01T02:00:05Z');
    const saved = value<{ expiresAt: string }>(await core.invoke('drafts.save', { form, title: '新增行政处罚', data: { values: { CF_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司' } } }));
    expect(saved.expiresAt).toBe('2026-12-08T02:00:05.000Z');
    value(await core.invoke('drafts.save', { form: 'check:one', title: '核查单个主体', data: { subject: '9135' } }));
    expect(value<DraftView>(await core.invoke('drafts.get', { form }))).toMatchObject({ title: '新增行政处罚', data: { values: { CF_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司' } } });
    expect(value<DraftSummary[]>(await core.invoke('drafts.list', {})).map((d) => d.form).sort()).toEqual(['check:one', form]);

    // Another person sees none of them, and cannot discard them.
    value(await core.invoke('auth.logout', {}));
    value(await core.invoke('auth.login', { login: 'boss', password: 'boss-pass-1' }));
    expect(value(await core.invoke('drafts.get', { form }))).toBeNull();
    expect(value(await core.invoke('drafts.list', {}))).toEqual([]);
    expect(value(await core.invoke('drafts.discard', { form }))).toEqual({ discarded: false });
    value(await core.invoke('auth.logout', {}));
    value(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-1' }));

    expect(value(await core.invoke('drafts.discard', { form }))).toEqual({ discarded: true });
    expect(value(await core.invoke('drafts.get', { form }))).toBeNull();
    // Seven days after its last change a draft is gone.
    now = new Date('2026-12-08T02:00:06Z');
    await core.invoke('auth.logout', {});
    value(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-1' }));
    expect(value(await core.invoke('drafts.list', {}))).toEqual([]);
    await withRaw(core, (db) => expect((db.prepare('SELECT count(*) AS n FROM form_drafts').get() as { n: number }).n).toBe(0));

    // Bad input changes nothing.
    expect(errorOf(await core.invoke('drafts.save', { form: 'Record New', title: 'x', data: {} })).message).toMatch(/表单名称不正确/);
    const big = errorOf(await core.invoke('drafts.save', { form, title: '新增行政处罚', data: { text: 'x'.repeat(300_000) } }));
    expect(big).toMatchObject({ code: 'BAD_INPUT' });
    expect(big.message).toMatch(/草稿太大/);
    expect(value(await core.invoke('drafts.list', {}))).toEqual([]);
    // Typing is not the department's data: the trail gained only the logins and logouts.
    expect(new Set(auditRows(core.dbPath).slice(before).map((r) => r.method))).toEqual(new Set(['auth.logout', 'auth.login']));
  });
});
