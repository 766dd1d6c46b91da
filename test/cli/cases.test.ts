/**
 * The case commands through the real command line, each in its own process
 * (as scripts run them), on today's real date: `calendar due|show|install`,
 * `case file|list|show|materials|extend|propose|approve|answer|refuse` and
 * `record show`, with `--json` printing one object of the documented shape.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, chinaDate } from '../../electron/core/calendar';
import { addMonths } from '../../electron/core/catalog/publication';
import { penaltyRow } from '../helpers';
import { pdfBytes, PNG } from '../cases/fixtures';
import { asAdmin, cli, initDesk, onlyJson, type CliRun } from './run-cli';

const SLOW = 600_000;
let folder: string;
beforeAll(() => void (folder = mkdtempSync(join(tmpdir(), 'credit-desk-cli-cases-'))));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const PASSWORDS: Record<string, string> = { li: 'clerk-pass-1', boss: 'boss-pass-1', arch: 'arch-pass-1' };
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

function penaltiesCsv(rows: Record<string, unknown>[]): string {
  const columns = Object.keys(rows[0]);
  const line = (row: Record<string, unknown>) => columns.map((c) => `"${String(row[c] ?? '')}"`).join(',');
  return write('penalties.csv', `${columns.join(',')}\n${rows.map(line).join('\n')}\n`);
}

describe('case commands', () => {
  it(
    'files an objection with an attachment, proposes 更正, another approves; a repair too early is refused with its date, an eligible one ends publication',
    async () => {
      const today = chinaDate(new Date());
      const { db } = await initDesk(join(folder, 'department.db'));
      for (const [login, role] of [['li', 'clerk'], ['boss', 'approver'], ['arch', 'archivist']]) {
        ok(await asAdmin(db, ['user', 'add', '--login', login, '--name', login, '--role', role], { CREDIT_DESK_NEW_PASSWORD: PASSWORDS[login] }));
      }
      // 1: an objection; 2: decided long ago (一般, eligible for repair); 3: decided five days ago (too early).
      const recent = new Date(Date.parse(`${today}T00:00:00Z`) - 5 * 86_400_000).toISOString().slice(0, 10);
      ok(
        await as(db, 'li', [
          'import',
          '--category',
          'penalty',
          penaltiesCsv([
            penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号' }),
            penaltyRow({ CF_WSH: '栾市监罚〔2025〕2号', CF_JDRQ: '2025-03-03', CF_YXQ: '2026-03-03' }),
            penaltyRow({ CF_WSH: '栾市监罚〔2026〕3号', CF_JDRQ: recent, CF_YXQ: '2027-12-31' }),
          ]),
        ]),
      );

      // calendar due / show
      expect(onlyJson(ok(await as(db, 'li', ['calendar', 'due', '--from', '2026-02-13', '--days', '5', '--json'])))).toEqual({
        due: '2026-02-27',
        calendar: { versions: ['cn-2026.1'], yearsWithoutData: [], estimated: false },
        from: '2026-02-13',
        days: 5,
      });

      // case file: the documented keys first, the due date on the official calendar.
      const pdf = write('决定书.pdf', pdfBytes());
      const filed = onlyJson<Record<string, unknown>>(
        ok(
          await as(db, 'li', ['case', 'file', '--kind', 'objection', '--record', '1', '--applicant', '恒瑞商贸', '--applicant-code', '91350200776049653A', '--channel', 'letter', '--grounds', '罚款金额有误', '--attach', pdf, '--json']),
        ),
      );
      expect(Object.keys(filed).slice(0, 6)).toEqual(['caseId', 'caseNo', 'kind', 'state', 'received', 'due']);
      expect(filed).toMatchObject({ caseId: 1, caseNo: `YY-${today.slice(0, 4)}-0001`, kind: 'objection', state: 'registered', received: today, due: addWorkingDays(today, 5).date });

      // Refusals: a picture named .pdf (exit 2, in Chinese); an archivist (exit 1, FORBIDDEN); a second objection; a future date.
      const fake = await as(db, 'li', ['case', 'file', '--kind', 'objection', '--record', '2', '--applicant', '甲', '--channel', 'window', '--grounds', '有误', '--attach', write('假.pdf', PNG)]);
      expect(fake.code).toBe(2);
      expect(fake.stderr).toContain('“假.pdf”的内容不是PDF 文件，看起来是PNG 图片');
      const archivist = await as(db, 'arch', ['case', 'file', '--kind', 'objection', '--record', '2', '--applicant', '甲', '--channel', 'window', '--grounds', '有误']);
      expect([archivist.code, archivist.stderr.includes('[FORBIDDEN]')]).toEqual([1, true]);
      const again = await as(db, 'li', ['case', 'file', '--kind', 'objection', '--record', '1', '--applicant', '甲', '--channel', 'window', '--grounds', '有误', '--json']);
      expect(again.code).toBe(2);
      expect(onlyJson<{ error: { message: string } }>(again).error.message).toContain('已有未办结的异议案件');
      const future = await as(db, 'li', ['case', 'file', '--kind', 'objection', '--record', '2', '--applicant', '甲', '--channel', 'window', '--grounds', '有误', '--received', '2099-01-01']);
      expect([future.code, future.stderr.includes('不能是将来的日期')]).toEqual([2, true]);

      // case list: the documented item keys.
      const list = onlyJson<{ total: number; items: Record<string, unknown>[] }>(ok(await as(db, 'arch', ['case', 'list', '--json'])));
      expect(list.total).toBe(1);
      expect(Object.keys(list.items[0]).slice(0, 9)).toEqual(['caseId', 'caseNo', 'kind', 'state', 'received', 'due', 'workingDaysLeft', 'overdue', 'recordIds']);
      expect(list.items[0]).toMatchObject({ recordIds: [1], workingDaysLeft: 5, overdue: false });
      expect(onlyJson<{ total: number }>(ok(await as(db, 'li', ['case', 'list', '--overdue', '--json']))).total).toBe(0);

      // propose 更正 → the clerk cannot approve → boss approves.
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

      // A repair too early: refused at once, with the date it becomes possible.
      const early = onlyJson<Record<string, unknown>>(ok(await as(db, 'li', ['case', 'file', '--kind', 'repair', '--record', '3', '--applicant', '乙', '--channel', 'window', '--grounds', '已缴清罚款', '--json'])));
      expect(early).toMatchObject({ state: 'refused', earliestRepair: addMonths(recent, 3) });

      // An eligible one: materials, one extension, 同意修复 → repaired.
      const repair = onlyJson<{ caseId: number; due: string | null; materials: { item: string; required: boolean; received: boolean }[] }>(
        ok(await as(db, 'li', ['case', 'file', '--kind', 'repair', '--record', '2', '--applicant', '丙', '--channel', 'platform', '--platform-ref', 'XY-001', '--grounds', '申请修复', '--json'])),
      );
      expect(repair.due).toBeNull();
      expect(repair.materials).toEqual([
        { item: '信用修复申请表', required: true, received: false },
        { item: '信用修复承诺书', required: true, received: false },
        { item: '履行法定义务的证明材料', required: true, received: false },
      ]);
      const id = String(repair.caseId);
      for (const item of ['信用修复申请表', '信用修复承诺书']) ok(await as(db, 'li', ['case', 'materials', id, '--item', item, '--attach', pdf]));
      const complete = onlyJson<{ due: string }>(ok(await as(db, 'li', ['case', 'materials', id, '--item', '履行法定义务的证明材料', '--attach', write('凭证.png', PNG), '--json'])));
      expect(complete.due).toBe(addWorkingDays(today, 3).date);
      expect(onlyJson<{ due: string }>(ok(await as(db, 'li', ['case', 'extend', id, '--reason', '需核实缴款', '--json']))).due).toBe(addWorkingDays(today, 8).date);
      ok(await as(db, 'li', ['case', 'propose', id, '--outcome', 'repair', '--reason', '已履行，材料齐全']));
      ok(await as(db, 'boss', ['case', 'approve', id]));
      expect(onlyJson<{ state: string }>(ok(await as(db, 'li', ['record', 'show', '2', '--json']))).state).toBe('repaired');

      // A year's calendar installed by the administrator, not by a clerk.
      const table = write('2027.json', JSON.stringify({ format: 'credit-desk-calendar/1', region: 'CN', year: 2027, version: 'test-2027.1', source: '测试', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }], workdays: [] }));
      expect((await as(db, 'li', ['calendar', 'install', table])).code).toBe(1);
      expect(onlyJson(ok(await asAdmin(db, ['calendar', 'install', table, '--json'])))).toMatchObject({ year: 2027, version: 'test-2027.1' });
      expect(onlyJson(ok(await as(db, 'li', ['calendar', 'show', '2027', '--json'])))).toMatchObject({ version: 'test-2027.1', installed: true });
    },
    SLOW,
  );
});
