/**
 * Case rules as a versioned table an administrator installs (its own file: the
 * registry is per process, and the new version would apply to later tests).
 */
import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../electron/contract';
import type { Result } from '../../electron/contract/errors';
import { CASE_RULES_2025 } from '../../electron/core/cases/rules';
import { value } from '../helpers';
import { as, caseDesk, createPenalty } from './fixtures';

function refused(result: Result<unknown>, code: string, message?: RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  if (message) expect(result.error.message).toMatch(message);
}

const objection = (recordIds: number[], extra: Record<string, unknown> = {}) => ({
  kind: 'objection',
  recordIds,
  applicant: { name: '异议人' },
  channel: 'window',
  grounds: '记录有误',
  ...extra,
});

describe('case rules', () => {
  it('case rules: a new version applies to requests received from its date; older cases keep theirs', async () => {
    const { core } = await caseDesk();
    const ids = [await createPenalty(core, 1), await createPenalty(core, 2)];
    const before = value<CaseDetail>(await core.invoke('cases.register', objection([ids[0]], { received: '2026-03-02' })));
    await as(core, 'clerk');
    refused(await core.invoke('rules.install', { table: { ...CASE_RULES_2025, version: 'cases-2026.1', effectiveFrom: '2026-03-05' } }), 'FORBIDDEN');
    await as(core, 'admin');
    const bad = await core.invoke('rules.install', { table: { ...CASE_RULES_2025, version: 'x', objection: { decideWithinWorkingDays: 0, basis: '' } } });
    refused(bad, 'BAD_INPUT', /规则表格式有误/);
    value(await core.invoke('rules.install', { table: { ...CASE_RULES_2025, version: 'cases-2026.1', effectiveFrom: '2026-03-05', objection: { decideWithinWorkingDays: 10, basis: '十个工作日' } } }));
    const rules = value<{ kind: string; version: string; builtIn: boolean }[]>(await core.invoke('rules.list', {}));
    expect(rules.filter((r) => r.kind === 'case-rules').map((r) => [r.version, r.builtIn])).toEqual([
      ['cases-2025.1', true],
      ['cases-2026.1', false],
    ]);
    await as(core, 'clerk');
    const after = value<CaseDetail>(await core.invoke('cases.register', objection([ids[1]], { received: '2026-03-06' })));
    expect([before.ruleVersion, before.due]).toEqual(['cases-2025.1', '2026-03-09']);
    expect([after.ruleVersion, after.due, after.clockBasis]).toEqual(['cases-2026.1', '2026-03-20', '十个工作日']);
    // A later session (the table loaded from the database) computes the same.
    await as(core, 'clerk');
    expect(value<CaseDetail>(await core.invoke('cases.get', { caseId: after.caseId })).ruleVersion).toBe('cases-2026.1');
  });

});
