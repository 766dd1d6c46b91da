/**
 * The case list's filters and order, and the credit file's cases table, on rows
 * written straight into a migrated database: every optional condition of
 * listCases (drizzle's `and(...)`) alone and together, LIKE with % _ \ taken
 * literally, the approver's 待办, and the order: open first, by due date, newest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases } from '../../electron/core/cases/queries';
import { creditFileCasesBlocks } from '../../electron/core/cases/letters';
import { caseHandlers, openCases } from '../../electron/core/cases/service';
import { listAttachments } from '../../electron/core/cases/attachments';
import type { SqliteDatabase } from '../../electron/core/store/database';
import { migratedDatabase } from '../store/schema-db';

const TODAY = '2026-03-10';
let db: SqliteDatabase;

function record(id: number, subjectId: number, name: string, decisionNo: string): void {
  db.prepare(
    `INSERT INTO records (id, category, subject_id, subject_name, subject_code, decision_no, decision_key, decision_date, state, version, open_marks, created_at, created_by, updated_at, updated_by)
     VALUES (?, 'penalty', ?, ?, NULL, ?, ?, '2026-01-05', 'accepted', 1, 0, 't', 'x', 't', 'x')`,
  ).run(id, subjectId, name, decisionNo, decisionNo);
}

function kase(id: number, no: string, kind: string, state: string, due: string | null, applicant: string, recordIds: number[], received = '2026-03-02'): void {
  db.prepare(
    `INSERT INTO cases (id, case_no, kind, state, channel, applicant_name, received, grounds, rule_version, clock, due, registered_at, registered_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, 'window', ?, ?, 'g', 'cases-2025.1', ?, ?, 't', 'clerk', 't', 'clerk')`,
  ).run(id, no, kind, state, applicant, received, JSON.stringify({ days: 5, ruleDays: 5, extensions: 0, runningFrom: received, pausedSince: null, used: 0 }), due);
  for (const r of recordIds) db.prepare('INSERT INTO case_records (case_id, record_id, version_at_registration) VALUES (?, ?, 1)').run(id, r);
}

function step(caseId: number, by: string, action: string): void {
  db.prepare(`INSERT INTO case_steps (case_id, at, by, action, from_state, to_state, reason, detail) VALUES (?, 't', ?, ?, NULL, 'registered', NULL, '{}')`).run(caseId, by, action);
}

const ids = (q: Parameters<typeof listCases>[1]) => listCases(db, q, TODAY).items.map((c) => c.caseId);

beforeAll(() => {
  db = migratedDatabase();
  db.prepare(`INSERT INTO subjects (id, kind, code_type, code, name, created_at, updated_at) VALUES (1, '法人', 'uscc', 'A', '甲', 't', 't'), (2, '法人', 'uscc', 'B', '乙', 't', 't')`).run();
  record(1, 1, '甲100%公司', '罚〔2026〕1号');
  record(2, 1, '甲_公司', '罚〔2026〕2号');
  record(3, 2, '乙公司', '罚\\〔2026〕3号');
  kase(1, 'YY-2026-0001', 'objection', 'registered', '2026-03-12', '张三', [1]);
  kase(2, 'YY-2026-0002', 'objection', 'proposed', '2026-03-09', '李四', [2]);
  kase(3, 'XF-2026-0001', 'repair', 'proposed', null, '王五', [3]);
  kase(4, 'YY-2026-0003', 'objection', 'answered', '2026-03-01', '张三', [1, 2], '2026-02-20');
  kase(5, 'XF-2026-0002', 'repair', 'refused', null, '赵六', [3]);
  step(2, 'clerk', 'register');
  step(2, 'boss', 'propose');
  step(3, 'clerk', 'register');
  step(3, 'clerk', 'approve');
});
afterAll(() => db?.close());

describe('the case list', () => {
  it('orders open cases first, each group by due date (none last), then newest first', () => {
    expect(ids({})).toEqual([2, 1, 3, 4, 5]);
    expect(listCases(db, { limit: 2, offset: 1 }, TODAY)).toMatchObject({ total: 5, items: [{ caseId: 1 }, { caseId: 3 }] });
  });

  it('filters by kind, state, record, overdue and due within working days', () => {
    expect(ids({ kind: 'repair' })).toEqual([3, 5]);
    expect(ids({ state: 'proposed' })).toEqual([2, 3]);
    expect(ids({ kind: 'objection', state: 'proposed' })).toEqual([2]);
    expect(ids({ recordId: 1 })).toEqual([1, 4]);
    expect(ids({ overdue: true })).toEqual([2]);
    expect(ids({ dueWithin: 0 })).toEqual([2]);
    expect(ids({ dueWithin: 2 })).toEqual([2, 1]);
  });

  it('searches case numbers, applicants, subjects and decision numbers, with % _ \\ taken literally', () => {
    expect(ids({ query: 'XF-' })).toEqual([3, 5]);
    expect(ids({ query: '张三' })).toEqual([1, 4]);
    expect(ids({ query: '100%' })).toEqual([1, 4]);
    expect(ids({ query: '%' })).toEqual([1, 4]);
    expect(ids({ query: '_' })).toEqual([2, 4]);
    expect(ids({ query: '\\' })).toEqual([3, 5]);
    expect(ids({ query: '2026〕2' })).toEqual([2, 4]);
  });

  it('lists for an approver the proposed cases they did not handle', () => {
    expect(ids({ approvableBy: 'boss' })).toEqual([3]);
    // approve is not a handling step
    expect(ids({ approvableBy: 'clerk' })).toEqual([]);
    expect(ids({ approvableBy: 'deputy' })).toEqual([2, 3]);
    expect(caseHandlers(db, 2)).toEqual(['boss', 'clerk']);
    expect(caseHandlers(db, 3)).toEqual(['clerk']);
  });

  it('keeps to the statistics’ case ids (none: no case)', () => {
    expect(ids({ caseIds: [4, 1, 3] })).toEqual([1, 3, 4]);
    expect(ids({ caseIds: [] })).toEqual([]);
    expect(ids({ caseIds: [4, 1], recordId: 2 })).toEqual([4]);
  });

  it('reads the open cases oldest first, and a case without attachments', () => {
    expect(openCases(db).map((c) => [c.id, c.state, c.clock.days])).toEqual([
      [1, 'registered', 5],
      [2, 'proposed', 5],
      [3, 'proposed', 5],
    ]);
    expect(listAttachments(db, 1)).toEqual([]);
  });
});

describe('the credit file’s cases', () => {
  it('one row per case about the subject, newest received first, naming all its decisions', () => {
    const [table] = creditFileCasesBlocks(db, 1);
    expect(table).toMatchObject({ kind: 'table' });
    const rows = (table as { rows: string[][] }).rows;
    expect(rows.map((r) => r[0])).toEqual(['YY-2026-0002', 'YY-2026-0001', 'YY-2026-0003']);
    expect(rows[2][2].split('、').sort()).toEqual(['罚〔2026〕1号', '罚〔2026〕2号']);
    expect(creditFileCasesBlocks(db, 3)).toEqual([{ kind: 'paragraph', muted: true, text: '没有异议或信用修复案件。' }]);
  });
});
