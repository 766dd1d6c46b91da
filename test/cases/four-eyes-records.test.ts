/**
 * Issue 18, finding 3: four eyes bypassed through record methods. The proposer
 * of a case outcome, refused `cases.approve`, withdrew the case's record with
 * `records.withdraw` (and `records.update`, `records.withdrawMany`, an import
 * with --update had the same gap). While a case is open on a record, only the
 * case's decision changes it.
 */
import { describe, expect, it } from 'vitest';
import type { CaseDetail, ImportSummary, RecordDetail } from '../../electron/contract';
import { auditRows, errorOf, penaltyRow, value } from '../helpers';
import { as, caseDesk, createPenalty } from './fixtures';

function csv(values: Record<string, unknown>): string {
  const keys = Object.keys(values);
  const text = `${keys.join(',')}\n${keys.map((k) => `"${String(values[k]).replace(/"/g, '""')}"`).join(',')}\n`;
  return Buffer.from(text, 'utf8').toString('base64');
}

describe('while a case is open on a record, only its decision changes the record', () => {
  it('records.update, records.withdraw, records.withdrawMany and an import with --update are refused; the decision applies; afterwards the record is free again', async () => {
    const { core } = await caseDesk();
    const recordId = await createPenalty(core, 31);
    const other = await createPenalty(core, 32);
    const caseId = value<CaseDetail>(
      await core.invoke('cases.register', { kind: 'objection', recordIds: [recordId], applicant: { name: '石家庄市栾城区第31商贸有限公司' }, channel: 'window', grounds: '罚款金额有误' }),
    ).caseId;
    value(await core.invoke('cases.propose', { caseId, outcome: 'revoke', reason: '原处罚决定已被复议机关撤销。' }));
    const before = value<RecordDetail>(await core.invoke('records.get', { recordId }));
    const trailBefore = auditRows(core.dbPath).length;

    // The proposer cannot approve …
    expect(errorOf(await core.invoke('cases.approve', { caseId })).code).toBe('FORBIDDEN');
    // … nor reach the same end through the record methods.
    const withdraw = errorOf(await core.invoke('records.withdraw', { recordId, reason: '异议成立，撤回' }));
    expect(withdraw.code).toBe('CASE_OPEN');
    expect(withdraw.message).toContain('YY-2026-0001');
    const update = errorOf(
      await core.invoke('records.update', { recordId, baseVersion: before.version, values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕31号', CF_XDR_MC: '石家庄市栾城区第31商贸有限公司', CF_NR_FK: '0.3', CF_NR: '罚款人民币3000元' }), reason: '按异议更正' }),
    );
    expect(update.code).toBe('CASE_OPEN');
    const many = errorOf(await core.invoke('records.withdrawMany', { recordIds: [other, recordId], reason: '批量撤回' }));
    expect(many.code).toBe('CASE_OPEN');
    // The import takes the other rows and refuses this one, naming the case.
    const imported = value<ImportSummary>(
      await core.invoke('import.run', {
        category: 'penalty',
        fileName: '更新.csv',
        update: true,
        content: csv(penaltyRow({ CF_WSH: '栾市监罚〔2026〕31号', CF_XDR_MC: '石家庄市栾城区第31商贸有限公司', CF_NR_FK: '0.3', CF_NR: '罚款人民币3000元' })),
      }),
    );
    expect(imported.updated).toBe(0);
    expect(imported.rejected).toBe(1);
    expect(imported.errors[0].message).toContain('YY-2026-0001');

    // Nothing changed: the record, its version, the other record.
    const after = value<RecordDetail>(await core.invoke('records.get', { recordId }));
    expect([after.version, after.state]).toEqual([before.version, before.state]);
    expect(value<RecordDetail>(await core.invoke('records.get', { recordId: other })).state).not.toBe('withdrawn');
    expect(auditRows(core.dbPath).slice(trailBefore).filter((e) => e.outcome === 'ok' && e.method.startsWith('records.'))).toEqual([]);

    // The decision of an approver who did not handle the case withdraws the record; then it is free again.
    await as(core, 'deputy');
    value(await core.invoke('cases.approve', { caseId }));
    expect(value<RecordDetail>(await core.invoke('records.get', { recordId })).state).toBe('withdrawn');
    await as(core, 'clerk');
    value(await core.invoke('records.withdraw', { recordId: other, reason: '录入重复' }));
  });
});
