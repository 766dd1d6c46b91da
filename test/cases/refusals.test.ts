/**
 * Who may do what (four eyes, roles), bad input refused with a clear Chinese
 * message and nothing changed, and the rule tables and calendar an
 * administrator installs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CaseDetail, CaseListResult, RecordDetail } from '../../electron/contract';
import type { Result } from '../../electron/contract/errors';
import { value, withRaw } from '../helpers';
import { as, caseDesk, createPenalty, file, JPEG, ofdBytes, pdfBytes, plainZip, PNG, type Core } from './fixtures';

function refused(result: Result<unknown>, code: string, message?: string | RegExp): void {
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

/** What a refused call must leave as it was. */
async function snapshot(core: Core) {
  return withRaw(core, (db) => ({
    cases: (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n,
    steps: (db.prepare('SELECT count(*) AS n FROM case_steps').get() as { n: number }).n,
    attachments: (db.prepare('SELECT count(*) AS n FROM case_attachments').get() as { n: number }).n,
    marks: (db.prepare('SELECT sum(open_marks) AS n FROM records').get() as { n: number }).n,
    ops: (db.prepare('SELECT count(*) AS n FROM report_ops').get() as { n: number }).n,
    versions: (db.prepare('SELECT count(*) AS n FROM record_versions').get() as { n: number }).n,
  }));
}

describe('four eyes and roles', () => {
  it('the proposer cannot approve; a clerk cannot approve; an archivist cannot register; someone who handled the case cannot approve', async () => {
    const { core } = await caseDesk();
    const recordId = await createPenalty(core, 1);
    await as(core, 'both');
    const c = value<CaseDetail>(await core.invoke('cases.register', objection([recordId])));
    value(await core.invoke('cases.propose', { caseId: c.caseId, outcome: 'maintain', reason: '记录无误，维持。' }));
    refused(await core.invoke('cases.approve', { caseId: c.caseId }), 'FORBIDDEN', /本人提出/);
    refused(await core.invoke('cases.return', { caseId: c.caseId, reason: '自己退回' }), 'FORBIDDEN');

    await as(core, 'clerk');
    refused(await core.invoke('cases.approve', { caseId: c.caseId }), 'FORBIDDEN', /没有执行此操作的权限/);

    await as(core, 'archivist');
    const before = await snapshot(core);
    refused(await core.invoke('cases.register', objection([recordId])), 'FORBIDDEN');
    expect(await snapshot(core)).toEqual(before);
    // The archivist reads cases (to print them) but works none.
    expect(value<CaseListResult>(await core.invoke('cases.list', {})).total).toBe(1);

    // boss sends it back with a reason; the clerk proposes again; boss (who only reviewed) may approve.
    await as(core, 'boss');
    const returned = value<CaseDetail>(await core.invoke('cases.return', { caseId: c.caseId, reason: '请补充核查过程' }));
    expect(returned).toMatchObject({ state: 'investigating', proposal: null });
    await as(core, 'clerk');
    value(await core.invoke('cases.propose', { caseId: c.caseId, outcome: 'maintain', reason: '经调取原始档案核查，记录无误，维持。' }));
    // "both" registered the case: having handled it, they may not approve the new proposal either.
    await as(core, 'both');
    refused(await core.invoke('cases.approve', { caseId: c.caseId }), 'FORBIDDEN', /经办过本案/);
    await as(core, 'boss');
    const decided = value<CaseDetail>(await core.invoke('cases.approve', { caseId: c.caseId }));
    expect(decided.steps.map((s) => `${s.action}:${s.by}`)).toEqual(['register:both', 'accept:both', 'propose:both', 'return:boss', 'propose:clerk1', 'approve:boss']);
    expect(decided.steps[3].reason).toBe('请补充核查过程');
    expect(decided.handlers).toEqual(['both', 'clerk1']);
  });
});

describe('bad input gets a clear Chinese message and changes nothing', () => {
  it.each([
    ['an unknown record', async (_core: Core, _ids: number[]) => objection([999]), /找不到编号为 999 的信用记录/],
    ['a withdrawn record', async (_core: Core, ids: number[]) => objection([ids[1]]), /已撤回，不再公示，不能登记异议/],
    ['an attachment that is not what its name says', async (_core: Core, ids: number[]) => objection([ids[0]], { attachments: [file('决定书.pdf', PNG)] }), /“决定书.pdf”的内容不是PDF 文件，看起来是PNG 图片/],
    ['a zip named .ofd', async (_core: Core, ids: number[]) => objection([ids[0]], { attachments: [file('材料.ofd', await plainZip())] }), /不是OFD 文件，看起来是ZIP 压缩包/],
    ['a file type not accepted', async (_core: Core, ids: number[]) => objection([ids[0]], { attachments: [file('说明.docx', pdfBytes())] }), /附件只能是 PDF、JPEG、PNG 或 OFD/],
    ['an oversized attachment', async (_core: Core, ids: number[]) => objection([ids[0]], { attachments: [file('扫描件.pdf', Buffer.concat([pdfBytes(), Buffer.alloc(20 * 1024 * 1024)]))] }), /超过每个附件 20 MB 的上限/],
    ['a date in the future', async (_core: Core, ids: number[]) => objection([ids[0]], { received: '2026-03-11' }), /收到日期（2026-03-11）晚于今天（2026-03-10）/],
    ['a second open objection on the same record', async (_core: Core, ids: number[]) => objection([ids[2]]), /已有未办结的异议案件 YY-2026-0001/],
    ['a platform case without its reference', async (_core: Core, ids: number[]) => objection([ids[0]], { channel: 'platform' }), /平台转办的案件须填写平台的转办编号/],
    ['a bad applicant code', async (_core: Core, ids: number[]) => objection([ids[0]], { applicant: { name: '甲', code: '91350200776049653B' } }), /既不是有效的统一社会信用代码/],
    ['a repair of a record that cannot be repaired', async (core: Core) => ({ ...objection([await licence(core)]), kind: 'repair' }), /只有行政处罚和严重失信主体名单可以修复/],
  ])('%s', async (_name, make, message) => {
    const { core } = await caseDesk();
    const ids = [await createPenalty(core, 1), await createPenalty(core, 2), await createPenalty(core, 3)];
    value(await core.invoke('records.withdraw', { recordId: ids[1], reason: '决定已撤销' }));
    value(await core.invoke('cases.register', objection([ids[2]])));
    const input = await make(core, ids);
    const before = await snapshot(core);
    refused(await core.invoke('cases.register', input), 'BAD_INPUT', message);
    expect(await snapshot(core)).toEqual(before);
  });

  it('accepts PDF, JPEG, PNG and OFD by content; a step on a closed case is refused', async () => {
    const { core } = await caseDesk();
    const recordId = await createPenalty(core, 1);
    const c = value<CaseDetail>(
      await core.invoke('cases.register', objection([recordId], { attachments: [file('a.PDF', pdfBytes('MARKER-4711-IN-CLEAR')), file('b.jpeg', JPEG), file('c.png', PNG), file('d.ofd', await ofdBytes())] })),
    );
    expect(c.attachments.map((a) => a.contentType)).toEqual(['application/pdf', 'image/jpeg', 'image/png', 'application/ofd']);
    const back = value<{ fileName: string; content: string; contentType: string }>(await core.invoke('cases.attachment', { caseId: c.caseId, attachmentId: c.attachments[2].attachmentId }));
    expect(Buffer.from(back.content, 'base64').equals(PNG)).toBe(true);
    // The bytes are inside the encrypted database: not a byte of them in clear in its files.
    for (const suffix of ['', '-wal']) {
      const path = `${core.dbPath}${suffix}`;
      if (existsSync(path)) expect(readFileSync(path).includes('MARKER-4711-IN-CLEAR')).toBe(false);
    }
    expect(readFileSync(core.dbPath).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    value(await core.invoke('cases.refuse', { caseId: c.caseId, reason: '异议人撤回了异议' }));
    expect(value<RecordDetail>(await core.invoke('records.get', { recordId })).openMarks).toBe(0);
    const before = await snapshot(core);
    refused(await core.invoke('cases.attach', { caseId: c.caseId, fileName: 'e.pdf', content: pdfBytes().toString('base64') }), 'BAD_INPUT', /“不予受理”，不能添加附件/);
    refused(await core.invoke('cases.propose', { caseId: c.caseId, outcome: 'maintain', reason: '维持' }), 'BAD_INPUT', /不能拟处理/);
    refused(await core.invoke('cases.answer', { caseId: c.caseId, method: '电话告知' }), 'BAD_INPUT', /不能答复/);
    expect(await snapshot(core)).toEqual(before);
  });

  it('a correction that would make the record invalid, or change nothing, is refused at proposal', async () => {
    const { core } = await caseDesk();
    const recordId = await createPenalty(core, 1);
    const c = value<CaseDetail>(await core.invoke('cases.register', objection([recordId])));
    refused(await core.invoke('cases.propose', { caseId: c.caseId, outcome: 'correct', reason: '更正日期', set: { CF_JDRQ: '2026-02-30' } }), 'INVALID_RECORD', /未通过校验/);
    refused(await core.invoke('cases.propose', { caseId: c.caseId, outcome: 'correct', reason: '更正金额', set: { CF_NR_FK: '0.5' } }), 'BAD_INPUT', /没有需要更正的字段/);
    refused(await core.invoke('cases.propose', { caseId: c.caseId, outcome: 'repair', reason: '修复' }), 'BAD_INPUT', /异议案件的处理结果只能是/);
    refused(await core.invoke('cases.propose', { caseId: c.caseId, outcome: 'correct', reason: '更正', set: { 不存在的字段: '1' } }), 'BAD_INPUT', /没有字段“不存在的字段”/);
    // By label works as well as by code.
    // 罚款金额 alone would contradict 处罚内容 (“罚款人民币五千元”): refused, naming the other field.
    refused(await core.invoke('cases.propose', { caseId: c.caseId, outcome: 'correct', reason: '更正金额', set: { '罚款金额（万元）': '0.3' } }), 'INVALID_RECORD', /“处罚内容”.*矛盾.*请一并更正/);
    const ok = value<CaseDetail>(await core.invoke('cases.propose', { caseId: c.caseId, outcome: 'correct', reason: '更正金额', set: { '罚款金额（万元）': '0.3', 处罚内容: '罚款人民币三千元' } }));
    expect(ok.proposal?.set).toEqual({ CF_NR_FK: '0.3', CF_NR: '罚款人民币三千元' });
    // While the case is open the record cannot change outside it (issue 18: only the decision changes it) …
    refused(
      await core.invoke('records.update', { recordId, baseVersion: 1, values: { ...(await currentValues(core, recordId)), BZ: '补充备注' }, reason: '补充备注' }),
      'CASE_OPEN',
      /未办结的案件 YY-2026-0001/,
    );
    // … and a record changed after the proposal all the same (another program, an older version) is refused at approval.
    await withRaw(core, (db) => {
      db.prepare(
        `INSERT INTO record_versions (record_id, version, fields, diff, state, action, reason, override, at, by)
         SELECT record_id, version + 1, fields, '[]', state, 'edit', '另一个程序的改动', NULL, at, by FROM record_versions WHERE record_id = ? AND version = 1`,
      ).run(recordId);
      db.prepare('UPDATE records SET version = 2 WHERE id = ?').run(recordId);
    });
    await as(core, 'boss');
    refused(await core.invoke('cases.approve', { caseId: c.caseId }), 'CONFLICT', /拟处理之后又有改动/);
    expect(value<CaseDetail>(await core.invoke('cases.get', { caseId: c.caseId })).state).toBe('proposed');
  });
});

describe('补正 pauses a repair clock', () => {
  it('materials asked again: the clock stops, keeps the days used, and runs on once they arrive', async () => {
    const { core, clock } = await caseDesk();
    const recordId = await createPenalty(core, 1, { CF_JDRQ: '2025-06-02', CF_YXQ: '2026-06-02' });
    const items = ['信用修复申请表', '信用修复承诺书', '履行法定义务的证明材料'];
    const c = value<CaseDetail>(
      await core.invoke('cases.register', {
        kind: 'repair',
        recordIds: [recordId],
        applicant: { name: '申请人' },
        channel: 'window',
        grounds: '申请修复',
        attachments: items.map((item, i) => file(`${i}.pdf`, pdfBytes(String(i)), item)),
      }),
    );
    // Complete on Tuesday 03-10: due Friday 03-13.
    expect(c).toMatchObject({ due: '2026-03-13', paused: false });
    clock.set('2026-03-11');
    await as(core, 'clerk');
    const paused = value<CaseDetail>(await core.invoke('cases.requestMaterials', { caseId: c.caseId, item: '履行法定义务的证明材料', reason: '缴款凭证不清晰，请补正' }));
    expect(paused).toMatchObject({ due: null, paused: true });
    expect(paused.clock).toMatchObject({ used: 1, pausedSince: '2026-03-11' });
    clock.set('2026-03-16');
    await as(core, 'clerk');
    const resumed = value<CaseDetail>(await core.invoke('cases.attach', { caseId: c.caseId, fileName: '凭证.jpg', content: JPEG.toString('base64'), item: '履行法定义务的证明材料' }));
    // 1 working day used; 2 more after Monday 03-16: 17, 18.
    expect(resumed).toMatchObject({ due: '2026-03-18', paused: false });
  });
});

describe('tables an administrator installs', () => {
  it('calendar: an estimate across a year without data becomes exact when the year is installed (audited); bad tables are refused', async () => {
    const { core, clock } = await caseDesk();
    clock.set('2026-12-28');
    await as(core, 'clerk');
    const recordId = await createPenalty(core, 1);
    const c = value<CaseDetail>(await core.invoke('cases.register', objection([recordId])));
    // 12-29, 30, 31, then 2027 without data: 01-01 (a Friday, counted), 01-04.
    expect(c.due).toBe('2027-01-04');
    expect(c.dueCalendar).toEqual({ versions: ['cn-2026.1'], yearsWithoutData: [2027], estimated: true });
    const table = {
      format: 'credit-desk-calendar/1',
      region: 'CN',
      year: 2027,
      version: 'test-2027.1',
      source: '测试用日历（非真实安排）',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      workdays: [],
    };
    refused(await core.invoke('calendar.install', { table }), 'FORBIDDEN');
    await as(core, 'admin');
    refused(await core.invoke('calendar.install', { table: { ...table, workdays: [{ name: '调休', date: '2027-01-05' }] } }), 'BAD_INPUT', /不是周六或周日/);
    const installed = value<{ version: string; casesMoved: number }>(await core.invoke('calendar.install', { table }));
    expect(installed).toMatchObject({ version: 'test-2027.1', casesMoved: 1 });
    refused(await core.invoke('calendar.install', { table }), 'BAD_INPUT', /已存在/);
    await as(core, 'clerk');
    const moved = value<CaseDetail>(await core.invoke('cases.get', { caseId: c.caseId }));
    expect(moved.due).toBe('2027-01-05');
    expect(moved.dueCalendar).toEqual({ versions: ['cn-2026.1', 'test-2027.1'], yearsWithoutData: [], estimated: false });
    expect(moved.steps.map((s) => s.action)).toEqual(['register', 'recompute']);
    expect(value<{ due: string }>(await core.invoke('calendar.due', { from: '2026-12-31', days: 1 })).due).toBe('2027-01-04');
    await withRaw(core, (db) => {
      expect((db.prepare(`SELECT count(*) AS n FROM audit_log WHERE method = 'calendar.install' AND outcome = 'ok'`).get() as { n: number }).n).toBe(1);
    });
  });
});

async function currentValues(core: Core, recordId: number): Promise<Record<string, unknown>> {
  const r = value<RecordDetail>(await core.invoke('records.get', { recordId }));
  return Object.fromEntries(Object.entries(r.fields).filter(([, v]) => v !== null));
}

async function licence(core: Core): Promise<number> {
  return value<{ recordId: number }>(
    await core.invoke('records.create', {
      category: 'license',
      values: {
        XK_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司',
        XK_XDR_LB: '法人及非法人组织',
        XK_XDR_SHXYM: '91350200776049653A',
        XK_FRDB: '张三',
        XK_XKWS: '食品经营许可决定书',
        XK_WSH: '栾市监许〔2026〕8号',
        XK_XKLB: '普通',
        XK_NR: '食品销售',
        XK_JDRQ: '2026-03-02',
        XK_YXQZ: '2026-03-02',
        XK_YXQZI: '2031-03-01',
        XK_XKJG: '石家庄市栾城区市场监督管理局',
        XK_XKJGDM: '913502000728319549',
        XK_LYDW: '石家庄市栾城区市场监督管理局',
        XK_LYDWDM: '913502000728319549',
      },
    }),
  ).recordId;
}
