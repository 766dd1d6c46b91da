/**
 * The timeliness clock: 双公示 records (行政许可, 行政处罚) must reach the platform within
 * 7 working days of the decision, on the official calendar. Due dates across 春节 2026
 * (2月15日–23日 off, 2月14日 and 2月28日 worked) and 国庆/中秋 2026 (9月25日–27日 and 10月1日–7日
 * off, 9月20日 and 10月10日 worked); the 工作台 lists (due within 2 working days, already late)
 * and the records list's filter through the contract with the desk's clock set to those
 * days; reported, withdrawn and non-双公示 records stay out; a batch counts its late
 * operations as of its signing.
 */
import { describe, expect, it } from 'vitest';
import type { BatchView, SearchResult, TimelinessSummary } from '../../electron/contract';
import { dueDate, lateDecisionsUpTo, timelinessRanges } from '../../electron/core/timeliness/clock';
import { licenseRow, blacklistRow } from '../catalog/fixtures';
import { newCore, penaltyRow, setUp, value } from '../helpers';

describe('due dates on the working-day calendar', () => {
  it('counts 7 working days after the decision across 春节, 中秋 and 国庆, adjusted working weekends included', () => {
    expect(dueDate('2026-02-11').date).toBe('2026-02-27'); // 2月14日 (Sat) worked, 15–23 off
    expect(dueDate('2026-02-12').date).toBe('2026-02-28'); // 2月28日 (Sat) worked
    expect(dueDate('2026-02-06').date).toBe('2026-02-24');
    expect(dueDate('2026-09-28').date).toBe('2026-10-13'); // 10月1日–7日 off, 10月10日 (Sat) worked
    expect(dueDate('2026-09-17').date).toBe('2026-09-28'); // 9月20日 (Sun) worked, 9月25日–27日 off
    expect(dueDate('2026-09-25').date).toBe('2026-10-12'); // decided on a holiday: the count starts after it
    expect(dueDate('2026-02-11').versions).toEqual(['cn-2026.1']);
  });

  it('finds the overdue and due-soon decision dates as contiguous ranges', () => {
    // 2026-02-25: due 02-25 … 02-27 is "soon" (0–2 working days left), before 02-25 is late.
    expect(timelinessRanges('2026-02-25')).toMatchObject({ overdueTo: '2026-02-08', soonFrom: '2026-02-09', soonTo: '2026-02-11', estimated: false });
    // 2026-02-28, the Saturday worked: 02-11's due date (02-27) has passed.
    expect(timelinessRanges('2026-02-28')).toMatchObject({ overdueTo: '2026-02-11', soonFrom: '2026-02-12', soonTo: '2026-02-23' });
    // 2026-10-10, the Saturday worked after 国庆.
    expect(timelinessRanges('2026-10-10')).toMatchObject({ overdueTo: '2026-09-22', soonFrom: '2026-09-23', soonTo: '2026-09-28' });
    // A batch signed on 2026-02-27 brings decisions of 02-10 and before late (due 02-26 at the latest).
    expect(lateDecisionsUpTo('2026-02-27')).toBe('2026-02-10');
  });
});

/** A desk whose clock the test sets, with a clerk and an approver. */
async function clockDesk() {
  let now = new Date('2026-02-25T02:00:00Z');
  const core = newCore({ now: () => now });
  await setUp(core);
  value(await core.invoke('users.add', { login: 'clerk1', name: '录入员甲', roles: ['clerk'], password: 'clerk-pass-1' }));
  value(await core.invoke('users.add', { login: 'boss', name: '部门负责人', roles: ['approver'], password: 'boss-pass-1' }));
  let current = { login: 'admin', password: 'admin-pass-1' };
  const as = async (login: string, password: string) => {
    await core.invoke('auth.logout', {});
    value(await core.invoke('auth.login', { login, password }));
    current = { login, password };
  };
  await as('clerk1', 'clerk-pass-1');
  /** Moves the desk's clock; a jump of days locks the session (idle), so the same person logs in again. */
  const setNow = async (iso: string) => {
    now = new Date(iso);
    await as(current.login, current.password);
  };
  return { core, as, setNow };
}

const penalty = (n: number, decided: string) => penaltyRow({ CF_WSH: `栾市监罚〔2026〕${n}号`, CF_JDRQ: decided, CF_YXQ: '2027-12-31' });

describe('the timeliness lists', () => {
  it('lists records due within 2 working days and those already late, across 春节; the records list filters by it', async () => {
    const { core, as, setNow } = await clockDesk();
    const create = async (category: string, values: Record<string, unknown>) => value<{ recordId: number }>(await core.invoke('records.create', { category, values })).recordId;
    // Reported in time: its batch is signed before it would be late; then never listed.
    const reported = await create('penalty', penalty(1, '2026-02-03'));
    value(await core.invoke('batches.prepare', {}));
    await as('boss', 'boss-pass-1');
    value(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
    const first = value<BatchView[]>(await core.invoke('batches.list', {}))[0];
    value(await core.invoke('batches.approve', { batchId: first.batchId, password: 'boss-pass-1' }));
    await as('clerk1', 'clerk-pass-1');

    const late = await create('penalty', penalty(2, '2026-02-06')); // due 02-24
    const today = await create('penalty', penalty(3, '2026-02-09')); // due 02-25
    const soon = await create('license', licenseRow({ XK_WSH: '栾审许〔2026〕1号', XK_JDRQ: '2026-02-11', XK_YXQZ: '2026-02-11' })); // due 02-27
    const later = await create('penalty', penalty(4, '2026-02-12')); // due 02-28
    const withdrawn = await create('penalty', penalty(5, '2026-01-05'));
    value(await core.invoke('records.withdraw', { recordId: withdrawn, reason: '决定已撤销' }));
    await create('blacklist', blacklistRow({ SXMD_LRRQ: '2026-01-05' })); // not 双公示
    // A correction of the reported record is 待报送 again, but it reached the platform long ago.
    value(await core.invoke('records.update', { recordId: reported, baseVersion: 1, values: penalty(1, '2026-02-03'), reason: '更正备注', submit: true }));

    const s = value<TimelinessSummary>(await core.invoke('timeliness.summary', {}));
    expect(s.today).toBe('2026-02-25');
    expect(s.calendar).toEqual({ versions: ['cn-2026.1'], estimated: false });
    expect(s.overdue.count).toBe(1);
    expect(s.overdue.items.map((r) => [r.recordId, r.dueDate, r.workingDaysLeft])).toEqual([[late, '2026-02-24', -1]]);
    expect(s.dueSoon.count).toBe(2);
    expect(s.dueSoon.items.map((r) => [r.recordId, r.dueDate, r.workingDaysLeft])).toEqual([
      [today, '2026-02-25', 0],
      [soon, '2026-02-27', 2],
    ]);
    const filtered = value<SearchResult>(await core.invoke('records.search', { timeliness: 'soon' }));
    expect(filtered.items.map((r) => r.recordId).sort()).toEqual([today, soon].sort());
    const penaltiesOverdue = value<SearchResult>(await core.invoke('records.search', { category: 'penalty', timeliness: 'overdue' }));
    expect(penaltiesOverdue.items.map((r) => r.recordId)).toEqual([late]);

    // Saturday 2026-02-28 is worked: the licence due 02-27 is now late, the penalty due 02-28 is due today.
    await setNow('2026-02-28T02:00:00Z');
    const sat = value<TimelinessSummary>(await core.invoke('timeliness.summary', {}));
    expect(sat.overdue.items.map((r) => [r.recordId, r.workingDaysLeft])).toEqual([
      [late, -4],
      [today, -3],
      [soon, -1],
    ]);
    expect(sat.dueSoon.items.map((r) => [r.recordId, r.dueDate, r.workingDaysLeft])).toEqual([[later, '2026-02-28', 0]]);
  });

  it('lists records across 中秋 and 国庆, the Saturday worked after them counted', async () => {
    const { core, setNow } = await clockDesk();
    await setNow('2026-10-09T02:00:00Z');
    const create = async (n: number, decided: string) => value<{ recordId: number }>(await core.invoke('records.create', { category: 'penalty', values: penalty(n, decided) })).recordId;
    const a = await create(1, '2026-09-22'); // due 10-09
    const b = await create(2, '2026-09-25'); // decided on 中秋: due 10-12
    const c = await create(3, '2026-09-28'); // due 10-13
    const fri = value<TimelinessSummary>(await core.invoke('timeliness.summary', {}));
    expect(fri.overdue.count).toBe(0);
    expect(fri.dueSoon.items.map((r) => [r.recordId, r.workingDaysLeft])).toEqual([
      [a, 0],
      [b, 2],
    ]);
    await setNow('2026-10-10T02:00:00Z'); // Saturday, worked
    const sat = value<TimelinessSummary>(await core.invoke('timeliness.summary', {}));
    expect(sat.overdue.items.map((r) => r.recordId)).toEqual([a]);
    expect(sat.dueSoon.items.map((r) => [r.recordId, r.dueDate, r.workingDaysLeft])).toEqual([
      [b, '2026-10-12', 1],
      [c, '2026-10-13', 2],
    ]);
  });

  it('a batch counts the operations it brings to the platform late, as of its signing', async () => {
    const { core, as, setNow } = await clockDesk();
    await setNow('2026-02-26T02:00:00Z');
    for (const [n, decided] of [
      [1, '2026-02-06'], // due 02-24: late
      [2, '2026-02-10'], // due 02-26: in time today
      [3, '2026-02-12'], // due 02-28
    ] as const) {
      value(await core.invoke('records.create', { category: 'penalty', values: penalty(n, decided) }));
    }
    value(await core.invoke('records.create', { category: 'blacklist', values: blacklistRow({ SXMD_LRRQ: '2026-01-05' }) }));
    const prepared = value<BatchView>(await core.invoke('batches.prepare', {}));
    expect(prepared.late).toEqual({ count: 1, reference: '2026-02-26' });
    // Signed the next day: the one due 02-26 is late too.
    await setNow('2026-02-27T02:00:00Z');
    await as('boss', 'boss-pass-1');
    value(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
    const approved = value<BatchView>(await core.invoke('batches.approve', { batchId: prepared.batchId, password: 'boss-pass-1' }));
    expect(approved.late).toEqual({ count: 2, reference: '2026-02-27' });
    // The figure stays as of the signing day.
    await setNow('2026-03-20T02:00:00Z');
    expect(value<BatchView>(await core.invoke('batches.get', { batchId: prepared.batchId })).late).toEqual({ count: 2, reference: '2026-02-27' });
  });
});
