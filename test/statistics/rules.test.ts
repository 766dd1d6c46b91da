/**
 * The statistics' rules around the figures: who may see them, bad input refused in
 * Chinese with nothing changed, the warnings' thresholds as settings (audited), and
 * the decision-date history the figures rest on (kept by a trigger, never changed).
 */
import { describe, expect, it } from 'vitest';
import type { WarningSettings } from '../../electron/contract';
import { errorOf, newCore, penaltyRow, setUp, value, withRaw, auditRows } from '../helpers';

async function desk() {
  const now = new Date('2026-03-10T02:00:00Z');
  const core = newCore({ now: () => now });
  await setUp(core);
  for (const [login, roles] of [
    ['clerk1', ['clerk']],
    ['boss', ['approver']],
    ['audit', ['auditor']],
    ['arch', ['archivist']],
  ] as const) {
    value(await core.invoke('users.add', { login, name: login, roles: [...roles], password: `${login}-pass-1` }));
  }
  const as = async (login: string) => {
    await core.invoke('auth.logout', {});
    value(await core.invoke('auth.login', { login, password: login === 'admin' ? 'admin-pass-1' : `${login}-pass-1` }));
  };
  return { core, as };
}

describe('statistics: rules', () => {
  it('shows the figures to clerks, approvers and auditors, not archivists; refuses bad months in Chinese and prints nothing', async () => {
    const { core, as } = await desk();
    for (const who of ['clerk1', 'boss', 'audit']) {
      await as(who);
      expect(value<{ month: string }>(await core.invoke('statistics.month', { month: '2026-02' })).month).toBe('2026-02');
    }
    await as('arch');
    expect(errorOf(await core.invoke('statistics.month', { month: '2026-02' })).code).toBe('FORBIDDEN');
    await as('boss');
    expect(errorOf(await core.invoke('statistics.month', { month: '2026-13' }))).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('月份格式应为 YYYY-MM') });
    const future = errorOf(await core.invoke('print.monthlyReport', { month: '2026-04' }));
    expect(future).toMatchObject({ code: 'BAD_INPUT', message: '2026-04 尚未开始，没有可以报告的数字。' });
    expect(errorOf(await core.invoke('statistics.reportXlsx', { month: '2026-05' })).code).toBe('BAD_INPUT');
    await withRaw(core, (db) => expect(db.prepare('SELECT count(*) FROM print_log').pluck().get()).toBe(0));
    // The running month is a report too: its figures as of now.
    const running = value<{ complete: boolean; asOf: string }>(await core.invoke('statistics.report', { month: '2026-03' }));
    expect(running.complete).toBe(false);
    expect(running.asOf).toBe('2026-03-10T02:00:00.001Z');
  });

  it('keeps the warnings thresholds as department settings, audited; refuses an out-of-range one and changes nothing', async () => {
    const { core, as } = await desk();
    await as('clerk1');
    expect(errorOf(await core.invoke('statistics.configureWarnings', { backupMaxAgeDays: 7 })).code).toBe('FORBIDDEN');
    await as('boss');
    expect(value<WarningSettings>(await core.invoke('statistics.warningSettings', {}))).toEqual({
      recordsDueWithinWorkingDays: 2,
      casesDueWithinWorkingDays: 1,
      rejectionRiseMargin: 0,
      rejectionMinAnswered: 10,
      listMaxAgeDays: 31,
      backupMaxAgeDays: 3,
    });
    expect(errorOf(await core.invoke('statistics.configureWarnings', { recordsDueWithinWorkingDays: 9 })).code).toBe('BAD_INPUT');
    expect(errorOf(await core.invoke('statistics.configureWarnings', { nonsense: 1 })).code).toBe('BAD_INPUT');
    expect(value<WarningSettings>(await core.invoke('statistics.warningSettings', {})).recordsDueWithinWorkingDays).toBe(2);
    value(await core.invoke('statistics.configureWarnings', { backupMaxAgeDays: 7, recordsDueWithinWorkingDays: 0 }));
    await as('admin');
    expect(value<WarningSettings>(await core.invoke('statistics.warningSettings', {}))).toMatchObject({ backupMaxAgeDays: 7, recordsDueWithinWorkingDays: 0, listMaxAgeDays: 31 });
    const entry = auditRows(core.dbPath).find((e) => e.method === 'statistics.configureWarnings' && e.outcome === 'ok')!;
    expect(entry).toMatchObject({ actor: 'boss', target: 'settings:warnings', detail: { after: { backupMaxAgeDays: 7, recordsDueWithinWorkingDays: 0 } } });
  });

  it('keeps every change of a decision date (the trigger), which nobody can change or delete', async () => {
    const { core, as } = await desk();
    await as('clerk1');
    const { recordId } = value<{ recordId: number }>(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_JDRQ: '2026-03-02' }) }));
    value(await core.invoke('records.update', { recordId, baseVersion: 1, values: penaltyRow({ CF_JDRQ: '2026-03-03' }), reason: '决定日期录入有误' }));
    value(await core.invoke('records.update', { recordId, baseVersion: 2, values: penaltyRow({ CF_JDRQ: '2026-03-03', BZ: '补充备注' }), reason: '补充备注' }));
    await withRaw(core, (db) => {
      const rows = db.prepare('SELECT record_id AS recordId, at, before, after FROM decision_date_changes').all();
      expect(rows).toEqual([{ recordId, at: '2026-03-10T02:00:00.000Z', before: '2026-03-02', after: '2026-03-03' }]);
      expect(() => db.prepare('UPDATE decision_date_changes SET after = ?').run('2026-01-01')).toThrow(/never change/);
      expect(() => db.prepare('DELETE FROM decision_date_changes').run()).toThrow(/never change/);
    });
  });
});
