/**
 * The case commands through the real command line, each in its own process
 * (as scripts run them), on today's real date: `calendar due|show|install`,
 * `case file|list|show|materials|extend|propose|approve|answer|refuse` and
 * `record show`, with `--json` printing one object of the documented shape.
 */
import { letOffFirstLoginChange } from '../first-login';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addWorkingDays, chinaDate } from '../../electron/core/calendar';
import { addMonths } from '../../electron/core/catalog/publication';
import { createCore } from '../../electron/core/index';
import { FAST_KDF, penaltyRow, setUp, value } from '../helpers';
import { pdfBytes, PNG } from '../cases/fixtures';
import { pdfText, squash } from '../print/pdf-tools';
import { asAdmin, cli, onlyJson, type CliRun } from './run-cli';

const SLOW = 600_000;
let folder: string;
beforeAll(() => void (folder = mkdtempSync(join(tmpdir(), 'credit-desk-cli-cases-'))));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const PASSWORDS: Record<string, string> = { li: 'clerk-pass-1', boss: 'boss-pass-1', deputy: 'deputy-pass-1', arch: 'arch-pass-1' };
const as = (db: string, login: string, args: string[]): Promise<CliRun> => cli([...args, '--db', db, '--as', login], { CREDIT_DESK_PASSWORD: PASSWORDS[login] });

function ok(run: CliRun): CliRun {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return run;
}

function write(name: string, bytes: Buffer | string): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

const today = chinaDate(new Date());
/** Decided five days ago: a repair is too early (一般: three months). */
const recent = new Date(Date.parse(`${today}T00:00:00Z`) - 5 * 86_400_000).toISOString().slice(0, 10);
let db: string;
let pdf: string;

/**
 * The department, its people and records are made in this process through the
 * core (the same scrypt cost the CLI uses in tests); every case command then
 * runs as its own process. Records: 1 an objection, 2 decided long ago (一般,
 * repairable), 3 decided five days ago (too early), 4 one more objection.
 */
async function department(): Promise<void> {
  db = join(folder, 'department.db');
  const core = letOffFirstLoginChange(createCore({ dbPath: db, kdfCost: FAST_KDF }), db);
  try {
    await setUp(core);
    for (const [login, role] of [['li', 'clerk'], ['boss', 'approver'], ['deputy', 'approver'], ['arch', 'archivist']]) {
      value(await core.invoke('users.add', { login, name: login, roles: [role], password: PASSWORDS[login] ?? 'deputy-pass-1' }));
    }
    value(await core.invoke('auth.logout', {}));
    value(await core.invoke('auth.login', { login: 'li', password: PASSWORDS.li }));
    for (const values of [
      penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号' }),
      penaltyRow({ CF_WSH: '栾市监罚〔2025〕2号', CF_JDRQ: '2025-03-03', CF_YXQ: '2026-03-03' }),
      penaltyRow({ CF_WSH: '栾市监罚〔2026〕3号', CF_JDRQ: recent, CF_YXQ: '2027-12-31' }),
      penaltyRow({ CF_WSH: '栾市监罚〔2026〕4号' }),
    ]) {
      value(await core.invoke('records.create', { category: 'penalty', values }));
    }
  } finally {
    core.close();
  }
  pdf = write('决定书.pdf', pdfBytes());
}

describe('case commands', () => {
  beforeAll(department, SLOW);

  it(
    'calendar due; case file with an attachment (a picture named .pdf refused); case list; propose 更正; the clerk cannot approve, another does; answer; record show',
    async () => {
      expect(onlyJson(ok(await as(db, 'li', ['calendar', 'due', '--from', '2026-02-13', '--days', '5', '--json'])))).toEqual({
        due: '2026-02-27',
        calendar: { versions: ['cn-2026.1'], yearsWithoutData: [], estimated: false },
        from: '2026-02-13',
        days: 5,
      });

      // case file: the documented keys first, the due date on the official calendar.
      const filed = onlyJson<Record<string, unknown>>(
        ok(
          await as(db, 'li', ['case', 'file', '--kind', 'objection', '--record', '1', '--applicant', '恒瑞商贸', '--applicant-code', '91350200776049653A', '--channel', 'letter', '--grounds', '罚款金额有误', '--attach', pdf, '--json']),
        ),
      );
      expect(Object.keys(filed).slice(0, 6)).toEqual(['caseId', 'caseNo', 'kind', 'state', 'received', 'due']);
      expect(filed).toMatchObject({ caseId: 1, caseNo: `YY-${today.slice(0, 4)}-0001`, kind: 'objection', state: 'registered', received: today, due: addWorkingDays(today, 5).date });

      // A picture named .pdf: exit 2, said in Chinese.
      const fake = await as(db, 'li', ['case', 'file', '--kind', 'objection', '--record', '4', '--applicant', '甲', '--channel', 'window', '--grounds', '有误', '--attach', write('假.pdf', PNG)]);
      expect(fake.code).toBe(2);
      expect(fake.stderr).toContain('“假.pdf”的内容不是PDF 文件，看起来是PNG 图片');

      // case list: the documented item keys (an archivist reads cases).
      const list = onlyJson<{ total: number; items: Record<string, unknown>[] }>(ok(await as(db, 'arch', ['case', 'list', '--json'])));
      expect(list.total).toBe(1);
      expect(Object.keys(list.items[0]).slice(0, 9)).toEqual(['caseId', 'caseNo', 'kind', 'state', 'received', 'due', 'workingDaysLeft', 'overdue', 'recordIds']);
      expect(list.items[0]).toMatchObject({ recordIds: [1], workingDaysLeft: 5, overdue: false });

      // 罚款金额 alone would contradict 处罚内容: exit 1, naming the other field.
      const alone = await as(db, 'li', ['case', 'propose', '1', '--outcome', 'correct', '--set', 'CF_NR_FK=0.3', '--reason', '经核查，罚款金额录入有误']);
      expect([alone.code, alone.stderr.includes('“处罚内容”'), alone.stderr.includes('请一并更正')]).toEqual([1, true, true]);
      // propose 更正 → the clerk cannot approve → boss approves → answered.
      ok(await as(db, 'li', ['case', 'propose', '1', '--outcome', 'correct', '--set', 'CF_NR_FK=0.3', '--set', '处罚内容=罚款人民币三千元', '--reason', '经核查，罚款金额录入有误']));
      const byClerk = await as(db, 'li', ['case', 'approve', '1']);
      expect([byClerk.code, byClerk.stderr.includes('[FORBIDDEN]')]).toEqual([1, true]);
      expect(onlyJson(ok(await as(db, 'boss', ['case', 'approve', '1', '--json'])))).toMatchObject({ state: 'decided', outcome: 'correct' });
      const answered = onlyJson<{ state: string; steps: { who: string; what: string; when: string }[] }>(
        ok(await as(db, 'li', ['case', 'answer', '1', '--method', '邮寄异议处理决定书', '--json'])),
      );
      expect(answered.state).toBe('answered');
      expect(answered.steps.map((s) => [s.who, s.what])).toEqual([
        ['li', 'register'],
        ['li', 'accept'],
        ['li', 'propose'],
        ['boss', 'approve'],
        ['li', 'answer'],
      ]);
      expect(answered.steps.every((s) => /^\d{4}-\d{2}-\d{2}T/.test(s.when))).toBe(true);
      const record = onlyJson<{ state: string; marks: string[]; publication: Record<string, string>; versions: { version: number; reason: string | null }[] }>(
        ok(await as(db, 'li', ['record', 'show', '1', '--json'])),
      );
      // 0.3 万元 = 3,000 yuan for an organisation: the corrected record is 轻微 (the publication clock was computed again).
      expect(record).toMatchObject({ state: 'pending', marks: [], publication: { class: '轻微', publicationEnds: '2026-06-02', earliestRepair: '2026-03-02' } });
      expect(record.versions.map((v) => v.version)).toEqual([2, 1]);
      expect(record.versions[0].reason).toMatch(/^YY-\d{4}-0001 更正：/);
    },
    SLOW,
  );

  it(
    'a repair too early is refused with its date; an eligible one: materials, extend, propose, return, propose, approve → repaired',
    async () => {
      const early = onlyJson<Record<string, unknown>>(ok(await as(db, 'li', ['case', 'file', '--kind', 'repair', '--record', '3', '--applicant', '乙', '--channel', 'window', '--grounds', '已缴清罚款', '--json'])));
      // The minimum period's last day is decision + 3 months; repair from the day after.
      expect(early).toMatchObject({ state: 'refused', earliestRepair: addDays(addMonths(recent, 3), 1) });

      // Received a week ago; the materials arrived on their own days (--received), the last two days ago.
      const weekAgo = addDays(today, -7);
      const twoDaysAgo = addDays(today, -2);
      const repair = onlyJson<{ caseId: number; due: string | null; materials: { item: string; required: boolean; received: boolean }[]; letters: { kind: string; docNo: string }[] }>(
        ok(await as(db, 'li', ['case', 'file', '--kind', 'repair', '--record', '2', '--applicant', '丙', '--channel', 'platform', '--platform-ref', 'XY-001', '--received', weekAgo, '--grounds', '申请修复', '--json'])),
      );
      expect(repair.due).toBeNull();
      expect(repair.materials).toEqual([
        { item: '信用修复申请表', required: true, received: false, receivedOn: null },
        { item: '信用修复承诺书', required: true, received: false, receivedOn: null },
        { item: '履行法定义务的证明材料', required: true, received: false, receivedOn: null },
      ]);
      // Incomplete on arrival: a 补正材料通知书 was issued with the case.
      expect(repair.letters.map((l) => l.kind)).toEqual(['materials']);
      const id = String(repair.caseId);
      ok(await as(db, 'li', ['case', 'materials', id, '--item', '信用修复申请表', '--attach', pdf, '--received', weekAgo]));
      ok(await as(db, 'li', ['case', 'materials', id, '--item', '信用修复承诺书', '--attach', pdf, '--received', weekAgo]));
      const complete = onlyJson<{ due: string; materials: { received: boolean; receivedOn: string }[] }>(
        ok(await as(db, 'li', ['case', 'materials', id, '--item', '履行法定义务的证明材料', '--attach', write('凭证.png', PNG), '--received', twoDaysAgo, '--json'])),
      );
      // The clock runs from the day the last material arrived, not from the day it was entered.
      expect(complete.due).toBe(addWorkingDays(twoDaysAgo, 3).date);
      expect(complete.materials.map((m) => m.receivedOn)).toEqual([weekAgo, weekAgo, twoDaysAgo]);
      expect(onlyJson<{ due: string }>(ok(await as(db, 'li', ['case', 'extend', id, '--reason', '需核实缴款', '--json']))).due).toBe(addWorkingDays(twoDaysAgo, 8).date);
      ok(await as(db, 'li', ['case', 'propose', id, '--outcome', 'repair', '--reason', '已履行，材料齐全']));
      expect(onlyJson(ok(await as(db, 'boss', ['case', 'return', id, '--reason', '请核对缴款凭证', '--json'])))).toMatchObject({ state: 'investigating' });
      ok(await as(db, 'li', ['case', 'propose', id, '--outcome', 'repair', '--reason', '已核对缴款凭证，已履行，材料齐全']));
      // boss only reviewed (returned): still not a handler, may approve.
      ok(await as(db, 'boss', ['case', 'approve', id]));
      expect(onlyJson<{ state: string }>(ok(await as(db, 'li', ['record', 'show', '2', '--json']))).state).toBe('repaired');
    },
    SLOW,
  );

  it(
    'department set and info; case refuse and case show; print letter with its 发文字号; print repair-notice; a calendar year installed by the administrator, not by a clerk',
    async () => {
      const set = await as(db, 'li', ['department', 'set', '--short-name', '栾测监']);
      expect(set.code).toBe(1);
      ok(
        await asAdmin(db, ['department', 'set', '--short-name', '栾测监', '--contact-person', '刘洋', '--contact-phone', '0311-85012345', '--reconsideration-body', '石家庄市栾城区人民政府', '--court', '石家庄市栾城区人民法院', '--doc-no', 'refusal=栾测监信不受字〔{year}〕{n}号']),
      );
      const badPattern = await asAdmin(db, ['department', 'set', '--doc-no', 'refusal=栾测监不受']);
      expect([badPattern.code, badPattern.stderr.includes('{n}')]).toEqual([1, true]);
      expect(onlyJson<{ department: Record<string, unknown> }>(ok(await asAdmin(db, ['info', '--json']))).department).toMatchObject({
        shortName: '栾测监',
        contactPerson: '刘洋',
        reconsiderationBody: '石家庄市栾城区人民政府',
        court: '石家庄市栾城区人民法院',
        docNoPatterns: { refusal: '栾测监信不受字〔{year}〕{n}号' },
      });

      ok(await as(db, 'li', ['case', 'file', '--kind', 'objection', '--record', '4', '--applicant', '丁', '--channel', 'phone', '--grounds', '电话反映记录有误']));
      const refused = onlyJson<{ caseId: number; state: string; refusalReason: string; steps: { what: string }[] }>(
        ok(await as(db, 'li', ['case', 'refuse', '4', '--reason', '异议人未能说明具体理由，经告知后撤回', '--json'])),
      );
      expect(refused).toMatchObject({ caseId: 4, state: 'refused', refusalReason: '异议人未能说明具体理由，经告知后撤回' });
      const shown = ok(await as(db, 'arch', ['case', 'show', '4']));
      expect(shown.stdout).toContain('不予受理理由');
      expect(shown.stdout).toContain('异议人未能说明具体理由');
      // print letter: the letter the case's state calls for (here 不予受理通知书), logged with its print number.
      const out = join(folder, '通知书.pdf');
      const printedLetter = onlyJson<{ path: string; pages: number; printNo: string; docNo: string }>(ok(await as(db, 'arch', ['print', 'letter', '4', '--out', out, '--json'])));
      // The earlier refusal (the repair too early) was number 1 under the default pattern; numbers run on per kind and year.
      expect(printedLetter).toMatchObject({ path: out, pages: 1, docNo: `栾测监信不受字〔${today.slice(0, 4)}〕2号` });
      const letterText = squash(pdfText(readFileSync(out)));
      for (const s of ['不予受理通知书', printedLetter.docNo, '丁：', '异议人未能说明具体理由', '六十日内向石家庄市栾城区人民政府申请行政复议', '石家庄市栾城区人民法院', '联系人：刘洋', printedLetter.printNo]) expect(letterText).toContain(s);
      expect(letterText).not.toContain('arch');
      // The 信用修复告知书 of a penalty record, issued at its first print; a reprint keeps the number.
      const notice = join(folder, '告知书.pdf');
      const first = onlyJson<{ docNo: string }>(ok(await as(db, 'li', ['print', 'repair-notice', '--record', '3', '--out', notice, '--json'])));
      expect(first.docNo).toBe(`栾测监信告〔${today.slice(0, 4)}〕1号`);
      expect(onlyJson<{ docNo: string }>(ok(await as(db, 'li', ['print', 'repair-notice', '--record', '3', '--out', notice, '--force', '--json']))).docNo).toBe(first.docNo);
      expect(squash(pdfText(readFileSync(notice)))).toContain('信用修复告知书');

      const table = write('2027.json', JSON.stringify({ format: 'credit-desk-calendar/1', region: 'CN', year: 2027, version: 'test-2027.1', source: '测试', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }], workdays: [] }));
      expect((await as(db, 'li', ['calendar', 'install', table])).code).toBe(1);
      expect(onlyJson(ok(await asAdmin(db, ['calendar', 'install', table, '--json'])))).toMatchObject({ year: 2027, version: 'test-2027.1' });
      expect(onlyJson(ok(await as(db, 'li', ['calendar', 'show', '2027', '--json'])))).toMatchObject({ version: 'test-2027.1', installed: true });
    },
    SLOW,
  );
});
