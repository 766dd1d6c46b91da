/**
 * Issue 18, finding 9: full ID numbers as an oracle. Searching by a whole ID
 * number was audited but unlimited. After a configurable number of distinct
 * ID-number searches by one person in a window (default 20 in 10 minutes), each
 * further new number needs a reason; the refusals and the reasons are in the
 * trail, and the auditor's page lists the bursts.
 */
import { describe, expect, it } from 'vitest';
import type { IdSearchBurst } from '../../electron/contract/audit';
import { as, auditRows, clerkDesk, errorOf, newCore, value } from '../helpers';

function clock(start = '2026-11-26T02:00:00Z') {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

/** Distinct, well-formed 18-character numbers (the search checks the form, not the check digit). */
const idNumber = (i: number) => `110105199001${String(1000 + i).padStart(4, '0')}1X`.slice(0, 17) + 'X';

describe('searches by ID number are bounded', () => {
  it('the 21st distinct number within 10 minutes needs a reason; a number already searched does not; after the window it is free again', async () => {
    const time = clock();
    const core = await clerkDesk({ now: time.now });
    for (let i = 0; i < 20; i++) {
      value(await core.invoke('records.search', { query: idNumber(i) }));
      time.advance(20_000);
    }
    const refused = errorOf(await core.invoke('records.search', { query: idNumber(20) }));
    expect(refused.code).toBe('REASON_REQUIRED');
    expect(refused.message).toContain('20 个不同的身份证号');
    // The subjects search and the category counts are held the same way.
    expect(errorOf(await core.invoke('subjects.search', { query: idNumber(21) })).code).toBe('REASON_REQUIRED');
    expect(errorOf(await core.invoke('records.countByCategory', { query: idNumber(22) })).code).toBe('REASON_REQUIRED');
    // One already searched is no new number; other searches are not touched.
    value(await core.invoke('records.search', { query: idNumber(3) }));
    value(await core.invoke('records.search', { query: '恒瑞' }));
    // With a reason it goes ahead, and the reason is in the trail.
    value(await core.invoke('records.search', { query: idNumber(20), reason: '核实申请人提交的材料' }));
    const trail = auditRows(core.dbPath).filter((e) => e.target === 'id-number');
    expect(trail.filter((e) => e.outcome === 'denied').map((e) => [e.method, e.detail?.reason])).toEqual([
      ['records.search', 'id-search-burst'],
      ['subjects.search', 'id-search-burst'],
      ['records.search', 'id-search-burst'],
    ]);
    expect(trail.at(-1)).toMatchObject({ outcome: 'ok', detail: expect.objectContaining({ burst: true, distinct: 21, searchReason: '核实申请人提交的材料' }) });
    expect(JSON.stringify(trail)).not.toContain(idNumber(20)); // masked, with a keyed digest to tell numbers apart
    // Ten minutes after the first ones, the window has room again.
    time.advance(10 * 60_000);
    value(await core.invoke('records.search', { query: idNumber(30) }));
  });

  it('logging in again does not reset the count (a script that logs in for every search gains nothing)', async () => {
    const time = clock();
    const core = await clerkDesk({ now: time.now });
    for (let i = 0; i < 20; i++) value(await core.invoke('subjects.search', { query: idNumber(i) }));
    const again = newCore({ dbPath: core.dbPath, now: time.now });
    value(await again.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-1' }));
    expect(errorOf(await again.invoke('subjects.search', { query: idNumber(99) })).code).toBe('REASON_REQUIRED');
  });

  it('the limit is a setting of the administrator’s, and the auditor sees the bursts', async () => {
    const time = clock();
    const core = await clerkDesk({ now: time.now });
    await as(core, 'admin', 'admin-pass-1');
    value(await core.invoke('settings.update', { idSearchBurst: { count: 2, minutes: 5 } }));
    value(await core.invoke('users.add', { login: 'aud', name: '审计员', roles: ['auditor'], password: 'aud-pass-123' }));
    await as(core, 'clerk1', 'clerk-pass-1');
    value(await core.invoke('records.search', { query: idNumber(1) }));
    value(await core.invoke('records.search', { query: idNumber(2) }));
    expect(errorOf(await core.invoke('records.search', { query: idNumber(3) })).code).toBe('REASON_REQUIRED');
    value(await core.invoke('records.search', { query: idNumber(3), reason: '协查函要求核实' }));
    await as(core, 'aud', 'aud-pass-123');
    const bursts = value<IdSearchBurst[]>(await core.invoke('audit.idSearchBursts', {}));
    expect(bursts.map((b) => [b.login, b.name, b.refused, b.distinct, b.reason])).toEqual([
      ['clerk1', '录入员甲', false, 3, '协查函要求核实'],
      ['clerk1', '录入员甲', true, 3, null],
    ]);
    expect(bursts[0].idNumber).not.toBe(idNumber(3));
  });
});
