/**
 * Case input (issue 17): a received date before the record's decision is refused; an
 * applicant code is checked like any code (a 16-character “code” refused); the code is
 * taken from the record when the applicant is its subject; a 补正 pauses a running clock
 * at any point and the clock resumes from the day the material arrived; a blacklist
 * repair waits for the list's own removal condition (“列入满三年”); a decision made
 * before a rule table took effect uses the table in force on its decision date.
 */
import { describe, expect, it } from 'vitest';
import type { CaseDetail, RecordDetail } from '../../electron/contract';
import { DEPARTMENT, value } from '../helpers';
import { blacklistRow } from '../catalog/fixtures';
import { PENALTY_RULES_2026 } from '../../electron/core/catalog/publication-rules';
import { as, caseDesk, createPenalty, file, pdfBytes } from './fixtures';

const objection = (recordIds: number[], extra: Record<string, unknown> = {}) => ({ kind: 'objection' as const, recordIds, applicant: { name: '石家庄市栾城区第1商贸有限公司' }, channel: 'window' as const, grounds: '有误', ...extra });

describe('case input', () => {
  it('received date, applicant code, the code from the record, a 补正 pausing a running clock', async () => {
    const { core, clock } = await caseDesk();
    const recordId = await createPenalty(core, 1);
    const early = await core.invoke('cases.register', objection([recordId], { received: '2026-03-01' }));
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error.message).toContain('收到日期（2026-03-01）早于记录 1（栾市监罚〔2026〕1号）的决定日期（2026-03-02）');
    const badCode = await core.invoke('cases.register', objection([recordId], { applicant: { name: '甲', code: '9135020077604965' } }));
    expect(badCode.ok).toBe(false);
    if (!badCode.ok) expect(badCode.error.message).toContain('有 16 位（应为 18 位）');
    // The applicant is the record's subject: its code comes from the record.
    const c = value<CaseDetail>(await core.invoke('cases.register', objection([recordId])));
    expect(c.applicantCode).toBe('91350200776049653A');

    // A repair whose clock runs (materials complete on 03-10: due 03-13) is paused by a 补正 on 03-11 …
    const old = await createPenalty(core, 2, { CF_JDRQ: '2025-06-02', CF_YXQ: '2026-06-02' });
    const items = ['信用修复申请表', '信用修复承诺书', '履行法定义务的证明材料'];
    const repair = value<CaseDetail>(
      await core.invoke('cases.register', {
        kind: 'repair',
        recordIds: [old],
        applicant: { name: '石家庄市栾城区第2商贸有限公司' },
        channel: 'window',
        grounds: '申请修复',
        attachments: items.map((item, i) => file(`${i}.pdf`, pdfBytes(item), item)),
      }),
    );
    expect([repair.due, repair.letters]).toEqual(['2026-03-13', []]);
    value(await core.invoke('cases.accept', { caseId: repair.caseId }));
    clock.set('2026-03-11');
    await as(core, 'clerk');
    const paused = value<CaseDetail>(await core.invoke('cases.requestMaterials', { caseId: repair.caseId, items: ['履行法定义务的证明材料'], reason: '缴款凭证不清晰', supplyBy: '2026-03-20' }));
    expect(paused).toMatchObject({ due: null, paused: true, clock: { used: 1, pausedSince: '2026-03-11' } });
    expect(paused.letters.map((l) => l.kind)).toEqual(['acceptance', 'materials']);
    // … and resumes from the day the material arrived (entered a day later): 2 working days left from 03-12.
    clock.set('2026-03-13');
    await as(core, 'clerk');
    const resumed = value<CaseDetail>(
      await core.invoke('cases.attach', { caseId: repair.caseId, fileName: '凭证.pdf', content: pdfBytes('proof').toString('base64'), item: '履行法定义务的证明材料', received: '2026-03-12' }),
    );
    expect(resumed).toMatchObject({ due: '2026-03-16', paused: false, clock: { runningFrom: '2026-03-12', used: 1 } });
    const future = await core.invoke('cases.attach', { caseId: repair.caseId, fileName: 'x.pdf', content: pdfBytes('x').toString('base64'), received: '2026-03-20' });
    expect(future.ok).toBe(false);
  });

  it('a blacklist repair waits for the list’s own removal condition; a decision uses the table in force on its date', async () => {
    const { core } = await caseDesk();
    const listed = value<{ recordId: number }>(
      await core.invoke('records.create', {
        category: 'blacklist',
        values: blacklistRow({ SXMD_LRRQ: '2024-03-01', SXMD_YCTJ: '列入满三年', SXMD_YCRQ: '', SXMD_RDDW: DEPARTMENT.name, SXMD_RDDWDM: DEPARTMENT.uscc }),
      }),
    ).recordId;
    const refused = value<CaseDetail & { earliestRepair: string | null }>(
      await core.invoke('cases.register', { kind: 'repair', recordIds: [listed], applicant: { name: '厦门某某贸易有限公司' }, channel: 'window', grounds: '申请移出' }),
    );
    expect(refused).toMatchObject({ state: 'refused', earliestRepair: '2027-03-02' });
    expect(refused.refusalReason).toContain('移出条件为“列入满三年”');

    // An older table installed by the administrator: a 2025 decision is computed under it, a 2026-04 one under today's.
    await as(core, 'admin');
    value(await core.invoke('rules.install', { table: { ...PENALTY_RULES_2026, version: 'fgw58-test', effectiveFrom: '2023-05-01', source: '测试：较早的规则表' } }));
    await as(core, 'clerk');
    const before = await createPenalty(core, 3, { CF_JDRQ: '2025-06-02', CF_YXQ: '2026-06-02' });
    const after = await createPenalty(core, 4, { CF_JDRQ: '2026-04-02', CF_YXQ: '2027-04-02' });
    const rule = async (recordId: number) => value<RecordDetail>(await core.invoke('records.get', { recordId })).publication;
    expect(await rule(before)).toMatchObject({ ruleVersion: 'fgw58-test', ruleEffectiveFrom: '2023-05-01' });
    expect(await rule(after)).toMatchObject({ ruleVersion: 'xyxf-2025.1', ruleEffectiveFrom: '2026-04-01' });
  });
});
