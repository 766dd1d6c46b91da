/**
 * Issue 19, item 4 (core): before an administrator installs a calendar year or a rule
 * table, `rules.preview` reads the file and says what changes — for a calendar, which
 * open cases' due dates move — without writing anything; installing then moves exactly those.
 */
import { describe, expect, it } from 'vitest';
import type { CaseDetail, TablePreview } from '../../electron/contract';
import { CASE_RULES_2025 } from '../../electron/core/cases/rules';
import { as, caseDesk, createPenalty } from '../cases/fixtures';
import { auditRows, errorOf, value, withRaw } from '../helpers';

const file = (table: unknown) => ({ fileName: 'table.json', content: Buffer.from(JSON.stringify(table)).toString('base64') });

describe('rules.preview', () => {
  it('a calendar year: the open cases whose due dates move, nothing written; the install moves them', async () => {
    const { core, clock } = await caseDesk();
    clock.set('2026-12-28');
    await as(core, 'clerk');
    const recordId = await createPenalty(core, 1);
    const c = value<CaseDetail>(
      await core.invoke('cases.register', { kind: 'objection', recordIds: [recordId], applicant: { name: '石家庄市栾城区第1商贸有限公司' }, channel: 'window', grounds: '罚款金额有误' }),
    );
    expect(c.due).toBe('2027-01-04'); // 2027 without data: weekends only
    const table = { format: 'credit-desk-calendar/1', region: 'CN', year: 2027, version: 'test-2027.1', source: '测试用日历', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: [] };
    await as(core, 'admin');
    const before = auditRows(core.dbPath).length;
    const preview = value<TablePreview>(await core.invoke('rules.preview', file(table)));
    expect(preview).toMatchObject({ kind: 'work-calendar', version: 'test-2027.1', replaces: null, openCases: 1 });
    expect(preview.casesMoved).toEqual([{ caseId: c.caseId, caseNo: c.caseNo, kind: 'objection', kindLabel: '异议', applicantName: '石家庄市栾城区第1商贸有限公司', before: '2027-01-04', after: '2027-01-05' }]);
    expect(preview.summary.join('\n')).toMatch(/放假 1 段（元旦 2027-01-01 至 2027-01-03）/);
    // Nothing changed: no table stored, the case as it was, the calendar as it was, no audit entry.
    await withRaw(core, (db) => expect((db.prepare(`SELECT count(*) AS n FROM rule_tables WHERE kind = 'work-calendar'`).get() as { n: number }).n).toBe(0));
    expect(value<{ due: string }>(await core.invoke('calendar.due', { from: '2026-12-31', days: 1 })).due).toBe('2027-01-01');
    expect(auditRows(core.dbPath)).toHaveLength(before);
    // Installing the previewed table moves exactly that case.
    expect(value<{ casesMoved: number }>(await core.invoke('calendar.install', { table: preview.table })).casesMoved).toBe(1);
    await as(core, 'clerk');
    expect(value<CaseDetail>(await core.invoke('cases.get', { caseId: c.caseId })).due).toBe('2027-01-05');
    await as(core, 'admin');
    // The same version again, a bad table, not a table: refused with the reason.
    expect(errorOf(await core.invoke('rules.preview', file(table))).message).toMatch(/已存在/);
    expect(errorOf(await core.invoke('rules.preview', file({ ...table, version: 'x2', workdays: [{ name: '调休', date: '2027-01-05' }] }))).message).toMatch(/不是周六或周日/);
    expect(errorOf(await core.invoke('rules.preview', { fileName: 'a.json', content: Buffer.from('not json').toString('base64') })).message).toMatch(/不是有效的 JSON/);
    expect(errorOf(await core.invoke('rules.preview', file({ hello: 1 }))).message).toMatch(/既不是工作日历/);
    // Only an administrator.
    await as(core, 'clerk');
    expect(errorOf(await core.invoke('rules.preview', file(table))).code).toBe('FORBIDDEN');
  });

  it('a rule table: what it says, from when, what it follows; cases keep their versions', async () => {
    const { core } = await caseDesk();
    await as(core, 'admin');
    const table = { ...CASE_RULES_2025, version: 'cases-2027.1', effectiveFrom: '2027-01-01', source: '测试', objection: { ...CASE_RULES_2025.objection, decideWithinWorkingDays: 10 } };
    const preview = value<TablePreview>(await core.invoke('rules.preview', file(table)));
    expect(preview).toMatchObject({ kind: 'case-rules', version: 'cases-2027.1', effectiveFrom: '2027-01-01', replaces: CASE_RULES_2025.version, casesMoved: [] });
    expect(preview.summary[0]).toMatch(/异议 10 个工作日内办结/);
    expect(errorOf(await core.invoke('rules.preview', file({ ...table, effectiveFrom: '2027/01/01' }))).message).toMatch(/规则表格式有误/);
  });
});
