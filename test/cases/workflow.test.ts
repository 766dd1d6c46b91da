/**
 * Objection and repair cases through the contract, against a real encrypted
 * database, real signed batches and the verifier:
 *  - the objection path: register → 异议中 in the next batch (`mark-objection`) →
 *    propose 更正 → approved by another person → a new version, and `update` +
 *    `clear-objection` in the next batch;
 *  - the repair path: a request before the earliest repair date is refused with
 *    that date; an eligible one → materials → 同意修复 → `repaired` →
 *    `end-publication` in the next batch, verified by `verify` and read from the JSONL.
 */
import { describe, expect, it } from 'vitest';
import type { CaseDetail, CaseListResult, CaseOverview, RecordDetail, RecordVersionView } from '../../electron/contract';
import type { PrintPayload } from '../../electron/contract';
import { verifyBatchFile } from '../../electron/core/batches/verify';
import { pdfText, squash } from '../print/pdf-tools';
import { value, withRaw } from '../helpers';
import { acceptAll, as, caseDesk, createPenalty, file, nextBatch, pdfBytes, PNG } from './fixtures';

describe('an objection, from the window to the platform', () => {
  it('register → mark-objection → propose 更正 → another person approves → new version, update + clear-objection', async () => {
    const { core, clock } = await caseDesk(undefined);
    // The record reached the platform and was accepted.
    const recordId = await createPenalty(core, 7);
    const first = await nextBatch(core);
    expect(first.lines('penalty').map((l) => l.op)).toEqual(['add']);
    await acceptAll(core, first.batch.batchId, first.batch.publicId, first.lines('penalty').map((l) => l.opId));

    // The subject's letter arrived on Friday 2026-03-06; the clerk registers it on Tuesday the 10th.
    const registered = value<CaseDetail>(
      await core.invoke('cases.register', {
        kind: 'objection',
        recordIds: [recordId],
        applicant: { name: '石家庄市栾城区第7商贸有限公司', code: '91350200776049653A', contact: '0311-88886666' },
        channel: 'letter',
        received: '2026-03-06',
        grounds: '罚款金额有误：决定书载明罚款人民币三千元。',
        attachments: [file('决定书.pdf', pdfBytes()), file('缴款凭证.png', PNG)],
      }),
    );
    expect(registered).toMatchObject({ caseNo: 'YY-2026-0001', kind: 'objection', state: 'registered', received: '2026-03-06', ruleVersion: 'cases-2025.1' });
    // 5 working days after Friday 03-06 (not counted): 09, 10, 11, 12, 13.
    expect(registered.due).toBe('2026-03-13');
    expect(registered.dueCalendar).toEqual({ versions: ['cn-2026.1'], yearsWithoutData: [], estimated: false });
    expect(registered.workingDaysLeft).toBe(3);
    expect(registered.attachments.map((a) => [a.fileName, a.contentType])).toEqual([
      ['决定书.pdf', 'application/pdf'],
      ['缴款凭证.png', 'image/png'],
    ]);
    const caseId = registered.caseId;
    expect(value<RecordDetail>(await core.invoke('records.get', { recordId })).openMarks).toBe(1);

    // The mark travels with the record in the next batch.
    const second = await nextBatch(core);
    expect(second.lines('penalty').map((l) => [l.op, l.recordId, l.version])).toEqual([['mark-objection', recordId, 1]]);
    expect(second.batch.counts).toEqual({ penalty: { 'mark-objection': 1 } });
    expect((await verifyBatchFile(second.path)).ok).toBe(true);
    // A mark alone does not make an accepted record "reported".
    expect(value<RecordDetail>(await core.invoke('records.get', { recordId })).state).toBe('accepted');

    // 核查 and a proposed correction by the clerk.
    value(await core.invoke('cases.accept', { caseId }));
    const proposed = value<CaseDetail>(
      await core.invoke('cases.propose', { caseId, outcome: 'correct', reason: '经核查，原决定书罚款金额为三千元，录入有误。', set: { CF_NR_FK: '0.3', CF_NR: '罚款人民币三千元' } }),
    );
    expect(proposed.state).toBe('proposed');
    expect(proposed.proposal?.changes).toEqual([
      { recordId, field: 'CF_NR_FK', label: '罚款金额（万元）', before: '0.5', after: '0.3' },
      { recordId, field: 'CF_NR', label: '处罚内容', before: '罚款人民币五千元', after: '罚款人民币三千元' },
    ]);

    // Four eyes: the proposer cannot approve (a clerk may not at all); an approver who did not handle the case does.
    const byClerk = await core.invoke('cases.approve', { caseId });
    expect(byClerk.ok).toBe(false);
    if (!byClerk.ok) expect(byClerk.error.code).toBe('FORBIDDEN');
    clock.set('2026-03-11');
    await as(core, 'boss');
    const decided = value<CaseDetail>(await core.invoke('cases.approve', { caseId }));
    expect(decided).toMatchObject({ state: 'decided', outcome: 'correct', decidedOn: '2026-03-11', decidedBy: 'boss', overdue: false, decidedLate: false });
    expect(decided.steps.map((s) => [s.action, s.by, s.toState])).toEqual([
      ['register', 'clerk1', 'registered'],
      ['accept', 'clerk1', 'investigating'],
      ['propose', 'clerk1', 'proposed'],
      ['approve', 'boss', 'decided'],
    ]);

    // The record: a new version, the case number its reason; the mark is gone.
    const record = value<RecordDetail>(await core.invoke('records.get', { recordId }));
    expect(record).toMatchObject({ version: 2, state: 'pending', openMarks: 0 });
    expect(record.fields.CF_NR_FK).toBe('0.3');
    const history = value<RecordVersionView[]>(await core.invoke('records.history', { recordId }));
    expect(history[0].reason).toMatch(/^YY-2026-0001 更正：/);
    expect(history[0].changes.map((c) => c.field).sort()).toEqual(['CF_NR', 'CF_NR_FK']);

    // The next batch: the correction, then the mark's end.
    const third = await nextBatch(core);
    const ops = third.lines('penalty');
    expect(ops.map((l) => [l.op, l.recordId, l.version])).toEqual([
      ['update', recordId, 2],
      ['clear-objection', recordId, 2],
    ]);
    // The batch carries both corrected fields: the record does not contradict itself.
    expect([ops[0].fields.CF_NR_FK, ops[0].fields.CF_NR]).toEqual(['0.3', '罚款人民币三千元']);
    expect((await verifyBatchFile(third.path)).ok).toBe(true);

    // Answered: who was told, how and when.
    await as(core, 'clerk');
    const answered = value<CaseDetail>(await core.invoke('cases.answer', { caseId, method: '邮寄异议处理决定书', date: '2026-03-11' }));
    expect(answered).toMatchObject({ state: 'answered', answeredOn: '2026-03-11', answerMethod: '邮寄异议处理决定书' });

    // The decision letter, through the printing engine (logged with its print number).
    const letter = value<PrintPayload>(await core.invoke('print.letter', { caseId }));
    const text = squash(pdfText(Buffer.from(letter.content, 'base64')));
    for (const expected of ['异议处理决定书', '信异决〔2026〕1号', '石家庄市栾城区第7商贸有限公司：', '栾市监罚〔2026〕7号', '处理结果：更正', '0.5', '0.3', '六十日内', '2026年3月11日', letter.printNo]) {
      expect(text).toContain(expected);
    }

    // Every step audited; nothing deleted (triggers refuse).
    await withRaw(core, (db) => {
      const audited = (db.prepare(`SELECT method FROM audit_log WHERE target = ? ORDER BY seq`).all(`case:${caseId}`) as { method: string }[]).map((r) => r.method);
      expect(audited).toEqual(['cases.accept', 'cases.propose', 'cases.approve', 'cases.answer', 'print.letter']);
      expect(() => db.prepare('DELETE FROM case_steps').run()).toThrow('never deleted');
      expect(() => db.prepare(`UPDATE case_attachments SET file_name = 'x'`).run()).toThrow('never changed');
      expect(() => db.prepare('DELETE FROM cases').run()).toThrow('never deleted');
    });
  });

  it('a mark set and cleared before any batch sends nothing; 维持 clears the mark; 撤销 withdraws', async () => {
    const { core } = await caseDesk();
    const a = await createPenalty(core, 1);
    const b = await createPenalty(core, 2);
    const first = await nextBatch(core);
    await acceptAll(core, first.batch.batchId, first.batch.publicId, first.lines('penalty').map((l) => l.opId));

    const register = async (recordId: number) =>
      value<CaseDetail>(
        await core.invoke('cases.register', { kind: 'objection', recordIds: [recordId], applicant: { name: '异议人' }, channel: 'window', grounds: '对记录有异议' }),
      );
    const keep = await register(a);
    const revoke = await register(b);
    value(await core.invoke('cases.propose', { caseId: keep.caseId, outcome: 'maintain', reason: '经核查，记录无误，予以维持。' }));
    value(await core.invoke('cases.propose', { caseId: revoke.caseId, outcome: 'revoke', reason: '原处罚决定已被复议机关撤销。' }));
    await as(core, 'deputy');
    value(await core.invoke('cases.approve', { caseId: keep.caseId }));
    value(await core.invoke('cases.approve', { caseId: revoke.caseId }));
    expect(value<RecordDetail>(await core.invoke('records.get', { recordId: a })).state).toBe('accepted');
    expect(value<RecordDetail>(await core.invoke('records.get', { recordId: b })).state).toBe('withdrawn');

    const second = await nextBatch(core);
    // The marks of both were set and cleared before this batch: nothing about them; the withdrawal goes.
    expect(second.lines('penalty').map((l) => [l.op, l.recordId])).toEqual([['withdraw', b]]);
  });
});

describe('a repair request', () => {
  it('too early: refused at once with the date repair becomes possible', async () => {
    const { core } = await caseDesk();
    // 0.5 万元 for an organisation: 一般, publication at least 3 months from 2026-03-02.
    const recordId = await createPenalty(core, 3);
    const refused = value<CaseDetail & { earliestRepair: string | null }>(
      await core.invoke('cases.register', { kind: 'repair', recordIds: [recordId], applicant: { name: '石家庄市栾城区第3商贸有限公司' }, channel: 'window', grounds: '已缴清罚款，申请信用修复' }),
    );
    expect(refused).toMatchObject({ caseNo: 'XF-2026-0001', state: 'refused', earliestRepair: '2026-06-03', repairClass: '一般' });
    // The minimum period's last day is 2026-06-02 (民法典 第二百零二条): repair from the day after.
    expect(refused.refusalReason).toContain('2026-06-03 起可以申请');
    expect(value<RecordDetail>(await core.invoke('records.get', { recordId })).state).toBe('pending');
  });

  it('eligible: materials (the clock waits for them) → 同意修复 → repaired → end-publication, verified and in the JSONL', async () => {
    const { core, clock } = await caseDesk();
    // Decided 2025-06-02: 一般, earliest repair 2025-09-02.
    const recordId = await createPenalty(core, 9, { CF_JDRQ: '2025-06-02', CF_YXQ: '2026-06-02' });
    const first = await nextBatch(core);
    await acceptAll(core, first.batch.batchId, first.batch.publicId, first.lines('penalty').map((l) => l.opId));

    // Registered with two of the three materials: the clock waits (补正).
    const registered = value<CaseDetail>(
      await core.invoke('cases.register', {
        kind: 'repair',
        recordIds: [recordId],
        applicant: { name: '石家庄市栾城区第9商贸有限公司', code: '91350200776049653A' },
        channel: 'platform',
        platformRef: 'XYZG-2026-000123',
        grounds: '已履行行政处罚决定，申请信用修复',
        attachments: [file('申请表.pdf', pdfBytes('form'), '信用修复申请表'), file('承诺书.pdf', pdfBytes('pledge'), '信用修复承诺书')],
      }),
    );
    expect(registered).toMatchObject({ state: 'registered', repairClass: '一般', due: null, paused: true, workingDaysLeft: null });
    expect(registered.materials).toEqual([
      { item: '信用修复申请表', required: true, received: true, receivedOn: '2026-03-10', attachmentIds: [registered.attachments[0].attachmentId] },
      { item: '信用修复承诺书', required: true, received: true, receivedOn: '2026-03-10', attachmentIds: [registered.attachments[1].attachmentId] },
      { item: '履行法定义务的证明材料', required: true, received: false, receivedOn: null, attachmentIds: [] },
    ]);
    const caseId = registered.caseId;
    // Approving a repair without complete materials is refused.
    const early = await core.invoke('cases.propose', { caseId, outcome: 'repair', reason: '材料齐全' });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error.message).toContain('缺少履行法定义务的证明材料');

    // The proof arrives Thursday 03-12: 3 working days from then.
    clock.set('2026-03-12');
    await as(core, 'clerk');
    const complete = value<CaseDetail>(await core.invoke('cases.attach', { caseId, fileName: '缴款凭证.png', content: PNG.toString('base64'), item: '履行法定义务的证明材料' }));
    expect(complete).toMatchObject({ due: '2026-03-17', paused: false, workingDaysLeft: 3 });
    expect(complete.steps.map((s) => s.action)).toEqual(['register', 'attach', 'materials-complete']);

    // One extension, with a reason; a second is refused.
    const extended = value<CaseDetail>(await core.invoke('cases.extend', { caseId, reason: '需向处罚执行部门核实缴款情况' }));
    expect(extended.due).toBe('2026-03-24');
    const twice = await core.invoke('cases.extend', { caseId, reason: '再次延期' });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.message).toContain('只允许延期 1 次');

    value(await core.invoke('cases.propose', { caseId, outcome: 'repair', reason: '已履行法定义务，材料齐全，符合修复条件。' }));
    await as(core, 'boss');
    const decided = value<CaseDetail>(await core.invoke('cases.approve', { caseId }));
    expect(decided).toMatchObject({ state: 'decided', outcome: 'repair' });
    const record = value<RecordDetail>(await core.invoke('records.get', { recordId }));
    expect(record).toMatchObject({ state: 'repaired', version: 2 });

    const second = await nextBatch(core);
    const ops = second.lines('penalty');
    expect(ops.map((l) => [l.op, l.recordId, l.version])).toEqual([['end-publication', recordId, 2]]);
    expect(ops[0].fields.CF_WSH).toBe('栾市监罚〔2026〕9号');
    const verified = await verifyBatchFile(second.path);
    expect(verified).toMatchObject({ ok: true });
    expect(verified.manifest?.counts).toEqual({ penalty: { 'end-publication': 1 } });
    // A repaired record is never "expired" later, and cannot be corrected any more.
    const edit = await core.invoke('records.update', { recordId, baseVersion: 2, values: {}, reason: '试图修改' });
    expect(edit.ok).toBe(false);
  });
});

describe('lists and clocks', () => {
  it('lists by kind, state, overdue and due within N working days; the overview counts per state', async () => {
    const { core, clock } = await caseDesk();
    const early = { CF_JDRQ: '2026-02-20' };
    const ids = [await createPenalty(core, 11, early), await createPenalty(core, 12, early), await createPenalty(core, 13, early)];
    const reg = async (recordId: number, received: string) =>
      value<CaseDetail>(await core.invoke('cases.register', { kind: 'objection', recordIds: [recordId], applicant: { name: '甲' }, channel: 'phone', received, grounds: '有异议' }));
    const old = await reg(ids[0], '2026-02-27'); // Friday; Saturday 02-28 is worked (春节调休): due 03-05, overdue on 03-10
    const soon = await reg(ids[1], '2026-03-05'); // due 03-12: 2 working days left
    const later = await reg(ids[2], '2026-03-10'); // due 03-17: 5 left
    expect([old.due, soon.due, later.due]).toEqual(['2026-03-05', '2026-03-12', '2026-03-17']);

    const overdue = value<CaseListResult>(await core.invoke('cases.list', { overdue: true }));
    expect(overdue.items.map((c) => [c.caseNo, c.overdue, c.workingDaysLeft])).toEqual([['YY-2026-0001', true, -3]]);
    const within = value<CaseListResult>(await core.invoke('cases.list', { dueWithin: 2 }));
    expect(within.items.map((c) => c.caseId)).toEqual([old.caseId, soon.caseId]);
    const overview = value<CaseOverview>(await core.invoke('cases.overview', {}));
    expect(overview.overdue.map((c) => c.caseId)).toEqual([old.caseId]);
    expect(overview.dueSoon.map((c) => c.caseId)).toEqual([soon.caseId]);
    expect(overview.counts).toEqual([{ kind: 'objection', state: 'registered', count: 3 }]);
    expect(overview.dueSoonWorkingDays).toBe(2);

    clock.set('2026-03-13');
    await as(core, 'clerk');
    const byState = value<CaseListResult>(await core.invoke('cases.list', { kind: 'objection', state: 'registered' }));
    expect(byState.items.map((c) => [c.caseNo, c.workingDaysLeft, c.overdue])).toEqual([
      ['YY-2026-0001', -6, true],
      ['YY-2026-0002', -1, true],
      ['YY-2026-0003', 2, false],
    ]);
    expect(value<CaseListResult>(await core.invoke('cases.list', { query: '0003' })).items.map((c) => c.caseId)).toEqual([later.caseId]);
  });
});
