/**
 * The monthly figures against a history worked out by hand. A department with a
 * clock the test moves enters decisions on chosen dates across 春节 and 国庆 2026
 * (domain.md §6: 2月15日–23日 off, 2月14日 and 2月28日 worked; 中秋 9月25日–27日 and
 * 国庆 10月1日–7日 off, 9月20日 and 10月10日 worked), signs batches on chosen dates,
 * imports receipts that accept and reject, and works objection cases decided on time
 * and late. Every figure of `report month --json` (the real command line, run after
 * the history, when these months are long over) is checked against the values worked
 * out in the comments below; a past month's figures are the same as when the month
 * had just ended; the records list and the case list open exactly the records and
 * cases behind a figure; the PDF and the .xlsx carry the same figures.
 *
 * Working days after a decision (the decision day not counted, 民法典 第201条), the
 * 7th is the last day a batch may be signed on time (docs/statistics.md):
 *   2026-02-02 (Mon) → 3 4 5 6 9 10 11            due 02-11
 *   2026-02-03 (Tue) → 4 5 6 9 10 11 12           due 02-12
 *   2026-02-04 (Wed) → 5 6 9 10 11 12 13          due 02-13
 *   2026-02-10 (Tue) → 11 12 13 14(Sat) 24 25 26  due 02-26
 *   2026-02-12 (Thu) → 13 14(Sat) 24 25 26 27 28(Sat) due 02-28
 *   2026-02-13 (Fri before 春节) → 14(Sat) 24 25 26 27 28(Sat) 03-02   due 03-02: signed 03-02 on time, 03-03 late
 *   2026-02-26 (Thu) → 27 28 03-02 3 4 5 6         due 03-06
 *   2026-03-04 (Wed) → 5 6 9 10 11 12 13          due 03-13
 *   2026-03-05 (Thu) → 6 9 10 11 12 13 16         due 03-16
 *   2026-03-20 (Fri) → 23 24 25 26 27 30 31       due 03-31
 *   2026-03-27 (Fri) → 30 31 04-01 2 3 7 8 (清明 4–6 off)  due 04-08
 *   2026-09-18 (Fri) → 20(Sun) 21 22 23 24 28 29 (中秋 25–27 off)  due 09-29
 *   2026-09-29 (Tue) → 30 10-08 9 10(Sat) 12 13 14  due 10-14
 *   2026-09-30 (Wed) → 10-08 9 10(Sat) 12 13 14 15  due 10-15
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { BatchOperationView, BatchView, CaseListResult, CheckResultView, MonthFigures, SearchResult, WarningView } from '../../electron/contract';
import { licenseRow, blacklistRow } from '../catalog/fixtures';
import { cli, onlyJson } from '../cli/run-cli';
import { DEPARTMENT, newCore, penaltyRow, setUp, tempFolder, value } from '../helpers';
import { platformReceipt } from '../receipts';
import { pdfText, squash } from '../print/pdf-tools';

const USERS = {
  clerk: { login: 'clerk1', name: '李晓梅', roles: ['clerk'], password: 'clerk-pass-1' },
  boss: { login: 'boss', name: '赵国强', roles: ['approver'], password: 'boss-pass-1' },
  deputy: { login: 'deputy', name: '钱副局', roles: ['approver'], password: 'deputy-pass-1' },
} as const;
type Who = keyof typeof USERS;

const LICENSEE = '91230500MA1B3N1N2M';
const penalty = (n: number, decided: string) => penaltyRow({ CF_WSH: `栾市监罚〔2026〕${n}号`, CF_JDRQ: decided, CF_YXQ: '2027-12-31' });
const license = (n: number, decided: string) =>
  licenseRow({ XK_XDR_SHXYM: LICENSEE, XK_XDR_MC: '石家庄市栾城区某某食品有限公司', XK_WSH: `栾市监许〔2026〕${n}号`, XK_XKJG: DEPARTMENT.name, XK_XKJGDM: DEPARTMENT.uscc, XK_XKBH: `JY1301110000${n}`, XK_JDRQ: decided, XK_YXQZ: decided });

/** A department whose clock the test moves: `on(day, who)` sets 10:00 China time and logs `who` in. */
async function historyDesk() {
  let now = new Date('2026-02-02T02:00:00Z');
  const core = newCore({ now: () => now });
  await setUp(core);
  for (const u of Object.values(USERS)) value(await core.invoke('users.add', { login: u.login, name: u.name, roles: [...u.roles], password: u.password }));
  const on = async (day: string, who: Who) => {
    now = new Date(`${day}T02:00:00Z`);
    await core.invoke('auth.logout', {});
    value(await core.invoke('auth.login', { login: USERS[who].login, password: USERS[who].password }));
  };
  const call = async <T>(method: string, input: unknown = {}) => value<T>(await core.invoke(method, input));
  const create = async (category: string, values: Record<string, unknown>, draft = false) => (await call<{ recordId: number }>('records.create', { category, values, draft })).recordId;
  const submit = async (recordId: number, values: Record<string, unknown>, reason = '核对无误，提交报送') => {
    const detail = await call<{ version: number }>('records.get', { recordId });
    await call('records.update', { recordId, baseVersion: detail.version, values, reason, submit: true });
  };
  /** The clerk prepares the next batch, the head signs it the same day. */
  const batch = async (day: string) => {
    await on(day, 'clerk');
    const b = await call<BatchView>('batches.prepare');
    await on(day, 'boss');
    await call('batches.approve', { batchId: b.batchId, password: USERS.boss.password });
    return b;
  };
  /** The platform's receipt, imported by the clerk: every operation accepted unless named. */
  const receipt = async (day: string, b: BatchView, rejected: Record<number, { code: string; message: string }> = {}) => {
    await on(day, 'clerk');
    const ops = await call<{ items: BatchOperationView[] }>('batches.operations', { batchId: b.batchId, limit: 500 });
    const results = ops.items.map((o) => (rejected[o.recordId] ? { opId: o.opId, status: 'rejected', ...rejected[o.recordId] } : { opId: o.opId, status: 'accepted' }));
    const file = { format: 'credit-desk-receipt/1', batchId: b.publicId, results };
    await call('receipts.import', { fileName: 'receipt.json', content: platformReceipt(core.dbPath, file) });
  };
  return { core, on, call, create, submit, batch, receipt };
}

/** A category's figures as `report month --json` prints them. */
function row(category: string, f: Partial<Record<string, number | null>>) {
  const zero = { decided: 0, reported: 0, accepted: 0, rejected: 0, late: 0, unreported: 0, overdueUnreported: 0, complianceRate: null, lateRate: null };
  return { category, ...zero, ...f };
}

const months = (m: MonthFigures) => ({ categories: m.categories, total: m.total, rejectionReasons: m.rejectionReasons, cases: m.cases, checks: m.checks });
const ids = (r: SearchResult) => r.items.map((i) => i.recordId).sort((a, b) => a - b);

describe('the monthly figures of a known history', () => {
  it('gives every figure of report month --json as worked out by hand, and the same figures whenever a past month is asked', async () => {
    const { core, on, call, create, submit, batch, receipt } = await historyDesk();

    // --- February ---------------------------------------------------------------------
    await on('2026-02-02', 'clerk');
    const P1 = await create('penalty', penalty(1, '2026-02-02')); // due 02-11
    await on('2026-02-03', 'clerk');
    const P2 = await create('penalty', penalty(2, '2026-02-03')); // due 02-12
    await on('2026-02-04', 'clerk');
    const L1 = await create('license', license(1, '2026-02-04')); // due 02-13
    await on('2026-02-05', 'boss');
    await call('keys.generate', { password: USERS.boss.password });
    const B1 = await batch('2026-02-05'); // P1, P2, L1: all on time
    await receipt('2026-02-06', B1, { [P2]: { code: '1001', message: '名称与统一社会信用代码不匹配' } });

    await on('2026-02-11', 'clerk');
    const BL1 = await create('blacklist', blacklistRow({ SXMD_LRRQ: '2026-02-11' })); // not 双公示: no 7-day clock
    await on('2026-02-12', 'clerk');
    const L2 = await create('license', license(2, '2026-02-12')); // due 02-28 (a Saturday worked)
    await on('2026-02-13', 'clerk');
    const P3 = await create('penalty', penalty(3, '2026-02-13'), true); // Friday before 春节, a draft: due 03-02
    const P4 = await create('penalty', penalty(4, '2026-02-13'), true); // the same day, a draft: due 03-02
    await on('2026-02-24', 'clerk');
    const P5 = await create('penalty', penalty(5, '2026-02-10'), true); // entered late, a draft: due 02-26
    await on('2026-02-25', 'clerk');
    const P6 = await create('penalty', penalty(6, '2026-02-25'));
    await on('2026-02-26', 'clerk');
    await call('records.withdraw', { recordId: P6, reason: '录入错误，决定不存在' }); // withdrawn before it was ever sent: no decision to count
    const P7 = await create('penalty', penalty(7, '2026-02-26'), true); // its date is corrected in March
    await on('2026-02-27', 'clerk');
    await submit(P2, penalty(2, '2026-02-03'), '已核对名称，重新报送'); // rejected by the platform, sent again: an add signed after 02-12 is late
    const B2 = await batch('2026-02-27'); // BL1, L2 (due 02-28: on time), P2 (late)
    await receipt('2026-02-28', B2);

    // February, worked out: decided by decision date as known at the month's end (P6 withdrawn unsent: not counted);
    // reported = operations of B1 (02-05) and B2 (02-27); P2 twice (rejected in B1, accepted in B2).
    const february = [
      row('license', { decided: 2, reported: 2, accepted: 2, complianceRate: 1, lateRate: 0 }), // L1, L2
      row('penalty', {
        decided: 6, // P1 P2 P3 P4 P5 P7
        reported: 3, // P1 P2 (B1), P2 (B2)
        accepted: 2, // P1 (B1), P2 (B2)
        rejected: 1, // P2 (B1)
        late: 1, // P2 in B2: due 02-12, signed 02-27
        unreported: 4, // P3 P4 P5 P7: drafts on 02-28
        overdueUnreported: 1, // P5: due 02-26
        complianceRate: 2 / 3,
        lateRate: 1 / 3,
      }),
      row('redlist', {}),
      row('blacklist', { decided: 1, reported: 1, accepted: 1, complianceRate: 1, lateRate: 0 }), // BL1
      row('commitment', {}),
    ];

    // The day after February ends: its figures now, to compare with the same month asked months later.
    await on('2026-03-01', 'boss');
    const februaryThen = await call<MonthFigures>('statistics.month', { month: '2026-02' });
    expect(februaryThen.complete).toBe(true);

    // --- March --------------------------------------------------------------------------
    await on('2026-03-02', 'clerk');
    await submit(P3, penalty(3, '2026-02-13'));
    await submit(P5, penalty(5, '2026-02-10'));
    const B3 = await batch('2026-03-02'); // P3: the 7th working day, on time; P5: due 02-26, late
    await on('2026-03-02', 'clerk');
    await submit(P4, penalty(4, '2026-02-13'));
    const B4 = await batch('2026-03-03'); // P4: the 8th working day, late
    await on('2026-03-04', 'clerk');
    await submit(P7, penalty(7, '2026-03-04'), '决定日期录入有误，更正为 2026-03-04'); // now decided in March: due 03-13
    await receipt('2026-03-05', B3);
    await receipt('2026-03-05', B4, { [P4]: { code: '2002', message: '处罚依据不规范' } });
    await on('2026-03-05', 'clerk');
    const L3 = await create('license', license(3, '2026-03-05')); // due 03-16
    await batch('2026-03-10'); // P7 (as sent: decided 03-04), L3: on time; no receipt ever comes

    // Objections: O1 decided on time, O2 late, O4 open past its due date at the month's end, O3 open within it;
    // a repair asked for before the earliest repair date is refused at once.
    await on('2026-03-11', 'clerk');
    const register = async (kind: 'objection' | 'repair', recordId: number, received: string) =>
      await call<{ caseId: number; state: string }>('cases.register', {
        kind,
        recordIds: [recordId],
        applicant: { name: '石家庄市栾城区恒瑞商贸有限公司', code: '91350200776049653A' },
        channel: 'window',
        received,
        grounds: kind === 'objection' ? '处罚决定书文号有误' : '已履行处罚决定，申请信用修复',
      });
    const O1 = await register('objection', P3, '2026-03-11'); // due 03-18
    const R1 = await register('repair', P3, '2026-03-11');
    expect(R1.state).toBe('refused');
    // Credit checks: one finds the department's own penalties, one is clean; feedback on the first.
    const hit = await call<CheckResultView>('checks.run', { subject: '91350200776049653A', matter: '政府采购' });
    expect(hit.clean).toBe(false);
    expect((await call<CheckResultView>('checks.run', { subject: '91440101MA5CJQ4N59', matter: '行政许可' })).clean).toBe(true);
    await call('checks.feedback', { checkNo: hit.checkNo, measure: '限制参与政府采购', note: '已书面告知' });
    await on('2026-03-12', 'clerk');
    await call('cases.accept', { caseId: O1.caseId });
    await on('2026-03-13', 'clerk');
    await call('cases.propose', { caseId: O1.caseId, outcome: 'maintain', reason: '经核查，文号无误' });
    await on('2026-03-16', 'deputy');
    await call('cases.approve', { caseId: O1.caseId }); // 3 working days (12, 13, 16): on time
    await on('2026-03-16', 'clerk');
    const O2 = await register('objection', P5, '2026-03-16'); // due 03-23
    await on('2026-03-17', 'clerk');
    await call('cases.accept', { caseId: O2.caseId });
    await on('2026-03-20', 'clerk');
    const P8 = await create('penalty', penalty(8, '2026-03-20')); // due 03-31: overdue at the month's end
    const O4 = await register('objection', P1, '2026-03-20'); // due 03-27
    await on('2026-03-24', 'clerk');
    await call('cases.propose', { caseId: O2.caseId, outcome: 'maintain', reason: '经核查，处罚无误' });
    await on('2026-03-25', 'deputy');
    await call('cases.approve', { caseId: O2.caseId }); // 7 working days (17 … 25): late
    await on('2026-03-26', 'clerk');
    const O3 = await register('objection', L1, '2026-03-26'); // due 04-02
    await on('2026-03-27', 'clerk');
    const P9 = await create('penalty', penalty(9, '2026-03-27')); // due 04-08

    // Warnings on 03-30: P8 due tomorrow; O4 past its due date; the head's key sheet never printed; no backup.
    await on('2026-03-30', 'boss');
    let warnings = await call<WarningView[]>('statistics.warnings');
    expect(warnings.map((w) => [w.kind, w.count])).toEqual([
      ['records-due-soon', 1],
      ['cases-overdue', 1],
      ['key-sheet-missing', 1],
      ['backup-stale', 1],
    ]);
    // March's 1 rejection of 3 answered (33.3 %) is above the three months before (February: 1 of 6); warned once 1 answer is enough.
    await call('statistics.configureWarnings', { rejectionMinAnswered: 1 });
    await call('print.keySheet', { login: 'boss' });
    warnings = await call<WarningView[]>('statistics.warnings');
    expect(warnings.map((w) => [w.kind, w.count])).toEqual([
      ['records-due-soon', 1],
      ['rejection-rate', 1],
      ['cases-overdue', 1],
      ['backup-stale', 1],
    ]);
    // Each warning leads to what it is about: the records list shows exactly P8; the case list O4.
    const soon = warnings[0].link as { page: 'records'; timeliness: 'soon' };
    expect(ids(await call<SearchResult>('records.search', { timeliness: soon.timeliness }))).toEqual([P8]);
    const rejectedNow = warnings[1].link as { page: 'records'; statistic: { figure: 'rejected'; month: string } };
    expect(ids(await call<SearchResult>('records.search', { statistic: rejectedNow.statistic }))).toEqual([P4]);

    const march = [
      row('license', { decided: 1, reported: 1, complianceRate: 0, lateRate: 0 }), // L3 in B5, awaiting its receipt
      row('penalty', {
        decided: 3, // P7 (corrected to 03-04), P8, P9
        reported: 4, // P3 P5 (B3), P4 (B4), P7 (B5)
        accepted: 2, // P3 P5
        rejected: 1, // P4
        late: 2, // P5 (due 02-26, signed 03-02), P4 (due 03-02, signed 03-03)
        unreported: 2, // P8 P9
        overdueUnreported: 1, // P8: due 03-31
        complianceRate: 0.5,
        lateRate: 0.5,
      }),
      row('redlist', {}),
      row('blacklist', {}),
      row('commitment', {}),
    ];

    // --- After March: the month's open cases are refused, P8 and P9 withdrawn (none of it changes March) ------
    await on('2026-04-01', 'boss');
    const marchThen = await call<MonthFigures>('statistics.month', { month: '2026-03' });
    await on('2026-04-01', 'clerk');
    await call('cases.refuse', { caseId: O3.caseId, reason: '异议人撤回申请' });
    await call('cases.refuse', { caseId: O4.caseId, reason: '异议人撤回申请' });
    await call('records.withdraw', { recordId: P8, reason: '决定已撤销' });
    await call('records.withdraw', { recordId: P9, reason: '决定已撤销' });

    // --- 国庆 ---------------------------------------------------------------------------
    await on('2026-09-18', 'clerk');
    const L4 = await create('license', license(4, '2026-09-18')); // due 09-29
    await on('2026-09-29', 'clerk');
    const P11 = await create('penalty', penalty(11, '2026-09-29')); // due 10-14
    await on('2026-09-30', 'clerk');
    const P10 = await create('penalty', penalty(10, '2026-09-30')); // due 10-15
    const B6 = await batch('2026-10-15'); // P10 on time; P11 and L4 late
    await receipt('2026-10-16', B6);
    const september = [
      row('license', { decided: 1, unreported: 1, overdueUnreported: 1 }), // L4: due 09-29, unreported on 09-30
      row('penalty', { decided: 2, unreported: 2 }), // P11 P10: not yet due
      row('redlist', {}),
      row('blacklist', {}),
      row('commitment', {}),
    ];
    const october = [
      row('license', { reported: 1, accepted: 1, late: 1, complianceRate: 1, lateRate: 1 }),
      row('penalty', { reported: 2, accepted: 2, late: 1, complianceRate: 1, lateRate: 0.5 }),
      row('redlist', {}),
      row('blacklist', {}),
      row('commitment', {}),
    ];

    // The records and cases behind figures, through the lists' own filters.
    await on('2026-10-20', 'boss');
    const behind = async (figure: string, month: string, category?: string) =>
      ids(await call<SearchResult>('records.search', { statistic: { figure, month, ...(category ? { category } : {}) }, limit: 100 }));
    expect(await behind('late', '2026-03', 'penalty')).toEqual([P4, P5]);
    expect(await behind('unreported', '2026-02')).toEqual([P3, P4, P5, P7]);
    expect(await behind('overdueUnreported', '2026-02')).toEqual([P5]);
    expect(await behind('decided', '2026-03', 'penalty')).toEqual([P7, P8, P9]);
    expect(await behind('decided', '2026-02', 'penalty')).toEqual([P1, P2, P3, P4, P5, P7]);
    expect(await behind('rejected', '2026-02')).toEqual([P2]);
    expect(await behind('late', '2026-10')).toEqual([L4, P11].sort((a, b) => a - b));
    expect(await behind('awaitingReceipt', '2026-03')).toEqual([L3, P7].sort((a, b) => a - b));
    expect(await behind('reported', '2026-02', 'blacklist')).toEqual([BL1]);
    expect(await behind('accepted', '2026-02', 'license')).toEqual([L1, L2]);
    expect(await behind('reported', '2026-10', 'penalty')).toEqual([P11, P10]);
    expect(ids(await call<SearchResult>('records.search', { statistic: { figure: 'late', month: '2026-03' }, query: '栾市监罚〔2026〕5号' }))).toEqual([P5]);
    const overdueCases = await call<CaseListResult>('cases.list', { statistic: { figure: 'overdue', month: '2026-03', kind: 'objection' } });
    expect(overdueCases.items.map((c) => c.caseId)).toEqual([O4.caseId]);
    const late = await call<CaseListResult>('cases.list', { statistic: { figure: 'decidedLate', month: '2026-03', kind: 'objection' } });
    expect(late.items.map((c) => c.caseId)).toEqual([O2.caseId]);

    // March's cases in full: 4 objections received, O1 and O2 taken up and decided (3 and 7 working days),
    // O4 open past its due date on 03-31; the early repair refused at once. In April, O3 and O4 were refused.
    const marchNow = await call<MonthFigures>('statistics.month', { month: '2026-03' });
    expect(marchNow.cases.objection).toEqual({
      received: 4,
      accepted: 2,
      refused: 0,
      decided: 2,
      onTime: 1,
      decidedLate: 1,
      overdue: 1,
      daysToDecide: { median: 5, max: 7 },
      outcomes: { maintain: 2 },
    });
    expect(marchNow.cases.repair).toMatchObject({ received: 1, accepted: 0, refused: 1, decided: 0, overdue: 0 });
    expect((await call<MonthFigures>('statistics.month', { month: '2026-04' })).cases.objection).toMatchObject({ received: 0, refused: 2, overdue: 0 });
    expect(marchNow.rejectionReasons).toEqual([{ code: '2002', message: '处罚依据不规范', count: 1 }]);
    expect(marchNow.checks).toEqual({ checks: 2, hits: 1, feedback: 1 });
    // A past month asked again: the same figures as the day after it ended (P7's date was corrected since, P8 and P9 withdrawn, O3 and O4 refused).
    expect(months(marchNow)).toEqual(months(marchThen));
    expect(months(await call<MonthFigures>('statistics.month', { month: '2026-02' }))).toEqual(months(februaryThen));
    core.close();

    // --- report month --json, the real command line, in December 2026 ---------------------------------
    const env = { CREDIT_DESK_PASSWORD: USERS.boss.password };
    const report = async (month: string, out: string[] = []) => {
      const run = await cli(['report', 'month', '--db', core.dbPath, '--as', 'boss', '--month', month, ...out, '--json'], env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      return onlyJson<{
        month: string;
        categories: unknown[];
        cases: Record<string, unknown>;
        checks: unknown;
        warnings: { kind: string; count: number }[];
        file?: { path: string; printNo: string; pages: number };
      }>(run);
    };
    const feb = await report('2026-02');
    expect(feb.month).toBe('2026-02');
    expect(feb.categories).toEqual(february);
    expect(feb.cases).toEqual({ objection: { received: 0, decided: 0, onTime: 0, overdue: 0 }, repair: { received: 0, decided: 0, onTime: 0, overdue: 0 } });
    expect(feb.checks).toEqual({ checks: 0, hits: 0, feedback: 0 });
    const folder = tempFolder();
    // March printed as the PDF: the same run prints the JSON.
    const mar = await report('2026-03', ['--out', join(folder, '月度报送情况.pdf')]);
    expect(mar.categories).toEqual(march);
    expect(mar.cases).toEqual({ objection: { received: 4, decided: 2, onTime: 1, overdue: 1 }, repair: { received: 1, decided: 0, onTime: 0, overdue: 0 } });
    expect(mar.checks).toEqual({ checks: 2, hits: 1, feedback: 1 });
    // Warnings are as of the run: no backup was ever made.
    expect(mar.warnings).toContainEqual({ kind: 'backup-stale', count: 1 });
    expect((await report('2026-09')).categories).toEqual(september);
    // October written as the .xlsx: the same run prints the JSON.
    const oct = await report('2026-10', ['--out', join(folder, '月度报送情况.xlsx')]);
    expect(oct.categories).toEqual(october);

    // --- the PDF and the .xlsx carry the same figures -------------------------------------------------
    const printedFile = mar.file!;
    const text = pdfText(readFileSync(printedFile.path));
    if (process.env.KEEP_REPORT_PDF) writeFileSync(process.env.KEEP_REPORT_PDF, readFileSync(printedFile.path));
    // The per-category table: 类别 决定数 报送 接收 退回 待回执 迟报 未报送 其中逾期 合规率 迟报率.
    expect(squash(text)).toContain(squash('行政处罚 3 4 2 1 1 2 2 1 50.0% 50.0%'));
    expect(squash(text)).toContain(squash('行政许可 1 1 0 0 1 0 0 0 0.0% 0.0%'));
    expect(squash(text)).toContain(squash('合计 4 5 2 1 2 2 2 1 40.0% 40.0%'));
    expect(squash(text)).toContain('2002处罚依据不规范1');
    expect(squash(text)).toContain(squash('按期办结 1 0'));
    expect(squash(text)).toContain(squash('月末超期未办结 1 0'));
    expect(squash(text)).toContain(squash('办理用时中位数（工作日） 5 —'));
    expect(squash(text)).toContain(squash('核查次数 2'));
    expect(text).toContain(printedFile.printNo);
    expect(squash(text)).toMatch(/第1页共\d+页/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(folder, '月度报送情况.xlsx'));
    const sheet = wb.getWorksheet('报送情况')!;
    const rows = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['统计月份', '类别', '决定数', '报送', '接收', '退回', '待回执', '迟报', '未报送', '其中逾期', '合规率', '迟报率']);
    expect(rows.find((r) => r[1] === '行政处罚')).toEqual(['2026-10', '行政处罚', 0, 2, 2, 0, 0, 1, 0, 0, '100.0%', '50.0%']);
    expect(rows.find((r) => r[1] === '行政许可')).toEqual(['2026-10', '行政许可', 0, 1, 1, 0, 0, 1, 0, 0, '100.0%', '100.0%']);
    expect(rows.find((r) => r[1] === '合计')).toEqual(['2026-10', '合计', 0, 3, 3, 0, 0, 2, 0, 0, '100.0%', '66.7%']);
  }, 300_000);
});
