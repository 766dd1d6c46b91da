/**
 * Sanction feedback (联合奖惩反馈) in batches: a measure recorded against a check
 * travels to the platform as a `sanction-feedback` operation of the pseudo-category
 * `feedback` (docs/batch-format.md), beside the record operations. Its operations
 * live in feedback_ops (a feedback is not a record version); their opIds are
 * `<USCC>-F<number>` so they never collide with record operations.
 */
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { checkFeedback, creditChecks, feedbackOps, feedbackReceipts } from '../../../drizzle/schema';
import type { BatchOperationView } from '../../contract/batches';
import type { CheckHit } from '../../contract/checks';
import { displayCode } from '../lists/format';
import { writeXlsx } from '../io/xlsx-writer';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { FEEDBACK_CATEGORY, type ManifestMember } from './format';
import { digestFile, MemberDigest, type MemberOptions } from './package';

/** The batch category of feedback operations (defined beside the format, for the verifier), and their op. */
export { FEEDBACK_CATEGORY };
export const FEEDBACK_OP = 'sanction-feedback';

export const feedbackOpIdOf = (uscc: string, id: number) => `${uscc}-F${id}`;

const ofBatch = (batchId: number | null) => (batchId === null ? isNull(feedbackOps.batchId) : eq(feedbackOps.batchId, batchId));

/** How many feedback operations are queued (batchId null) or in a batch. */
export function feedbackCount(db: SqliteDatabase, batchId: number | null): number {
  return orm(db).select({ n: count() }).from(feedbackOps).where(ofBatch(batchId)).get()!.n;
}

/** Freezes the queued feedback into a batch being prepared. */
export function freezeFeedback(db: SqliteDatabase, batchId: number): void {
  orm(db).update(feedbackOps).set({ batchId }).where(isNull(feedbackOps.batchId)).run();
}

/** A returned or cancelled batch keeps its feedback rows (its history); the feedback is queued again. */
export function requeueFeedback(db: SqliteDatabase, batchId: number, at: string): void {
  // INSERT … SELECT names every column: a null id takes the next rowid, as if left out.
  orm(db)
    .insert(feedbackOps)
    .select((qb) =>
      qb
        .select({ id: sql<number>`null`.as('id'), feedbackId: feedbackOps.feedbackId, createdAt: sql<string>`${at}`.as('created_at'), batchId: sql<null>`null`.as('batch_id') })
        .from(feedbackOps)
        .where(eq(feedbackOps.batchId, batchId))
        .orderBy(feedbackOps.id),
    )
    .run();
}

/** A feedback operation with the check and the measure it reports. */
const FEEDBACK_ROWS = {
  id: feedbackOps.id,
  checkNo: creditChecks.checkNo,
  checkedAt: creditChecks.at,
  matter: creditChecks.matter,
  subjectName: creditChecks.subjectName,
  subjectCode: creditChecks.subjectCode,
  hits: creditChecks.hits,
  measure: checkFeedback.measure,
  note: checkFeedback.note,
  at: checkFeedback.at,
  by: checkFeedback.by,
};

const feedbackRows = (db: SqliteDatabase) =>
  orm(db)
    .select(FEEDBACK_ROWS)
    .from(feedbackOps)
    .innerJoin(checkFeedback, eq(checkFeedback.id, feedbackOps.feedbackId))
    .innerJoin(creditChecks, eq(creditChecks.id, checkFeedback.checkId));

/** The lists (and own records) the check found, as the platform reads them. */
function hitsOf(json: string): { source: string; listId: string; list: string; version: number; basis: string }[] {
  return (JSON.parse(json) as CheckHit[]).map((h) => ({ source: h.source, listId: h.listId, list: h.list, version: h.version, basis: h.basis }));
}

/** Writes data/feedback.jsonl and data/feedback.xlsx of a batch into `folder`, digests while writing. */
export async function buildFeedbackMembers(
  db: SqliteDatabase,
  batchId: number,
  uscc: string,
  folder: string,
  options: MemberOptions,
  fixedDate: Date,
): Promise<(ManifestMember & { file: string })[]> {
  const jsonl = join(folder, `${FEEDBACK_CATEGORY}.jsonl`);
  const xlsx = join(folder, `${FEEDBACK_CATEGORY}.xlsx`);
  const digest = new MemberDigest();
  const rows = feedbackRows(db).where(eq(feedbackOps.batchId, batchId)).orderBy(feedbackOps.id).all();
  const fd = openSync(jsonl, 'w');
  try {
    for (const r of rows) {
      const line = `${JSON.stringify({
        opId: feedbackOpIdOf(uscc, r.id),
        op: FEEDBACK_OP,
        checkNo: r.checkNo,
        checkedAt: r.checkedAt,
        matter: r.matter,
        subject: { name: r.subjectName, code: r.subjectCode },
        measure: r.measure,
        note: r.note,
        appliedAt: r.at,
        appliedBy: r.by,
        hits: hitsOf(r.hits),
      })}\n`;
      const bytes = Buffer.from(line, 'utf8');
      digest.update(bytes);
      writeSync(fd, bytes);
    }
  } finally {
    closeSync(fd);
  }
  await writeXlsx(xlsx, {
    sheetName: FEEDBACK_CATEGORY,
    columns: ['操作类型', '操作编号', '核查编号', '核查时间', '核查事项', '主体名称', '统一社会信用代码或证件号码', '采取措施', '说明', '反馈时间', '反馈人', '命中名单'].map((header) => ({ header })),
    rows: rows.map((r) => [
      '联合奖惩反馈',
      feedbackOpIdOf(uscc, r.id),
      r.checkNo,
      r.checkedAt,
      r.matter,
      r.subjectName,
      r.subjectCode,
      r.measure,
      r.note,
      r.at,
      r.by,
      hitsOf(r.hits)
        .map((h) => `${h.list}（${h.source === 'list' ? `第 ${h.version} 版` : '本部门记录'}）`)
        .join('；'),
    ]),
    fixedDate,
    styles: options.xlsxStyles,
  });
  return [
    { path: `data/${FEEDBACK_CATEGORY}.jsonl`, file: jsonl, ...digest.result() },
    { path: `data/${FEEDBACK_CATEGORY}.xlsx`, file: xlsx, ...(await digestFile(xlsx)) },
  ];
}

/** A batch's feedback operations for its page: personal ID numbers masked. */
export function feedbackOperations(db: SqliteDatabase, batchId: number, uscc: string, offset: number, limit: number): BatchOperationView[] {
  const rows = orm(db)
    .select({
      id: feedbackOps.id,
      checkNo: creditChecks.checkNo,
      matter: creditChecks.matter,
      subjectName: creditChecks.subjectName,
      subjectCode: creditChecks.subjectCode,
      measure: checkFeedback.measure,
      note: checkFeedback.note,
      status: feedbackReceipts.status,
      code: feedbackReceipts.code,
      message: feedbackReceipts.message,
    })
    .from(feedbackOps)
    .innerJoin(checkFeedback, eq(checkFeedback.id, feedbackOps.feedbackId))
    .innerJoin(creditChecks, eq(creditChecks.id, checkFeedback.checkId))
    .leftJoin(feedbackReceipts, and(eq(feedbackReceipts.batchId, feedbackOps.batchId), eq(feedbackReceipts.opId, feedbackOps.id)))
    .where(eq(feedbackOps.batchId, batchId))
    .orderBy(feedbackOps.id)
    .limit(limit)
    .offset(offset)
    .all();
  return rows.map((r) => ({
    opId: feedbackOpIdOf(uscc, r.id),
    op: FEEDBACK_OP,
    category: FEEDBACK_CATEGORY,
    recordId: 0,
    version: 0,
    subjectName: r.subjectName ?? displayCode(r.subjectCode) ?? '',
    decisionNo: r.checkNo,
    checkNo: r.checkNo,
    changes: [
      { field: 'matter', label: '核查事项', before: null, after: r.matter },
      { field: 'code', label: '统一社会信用代码或证件号码', before: null, after: displayCode(r.subjectCode) },
      { field: 'measure', label: '采取措施', before: null, after: r.measure },
      { field: 'note', label: '说明', before: null, after: r.note || null },
    ],
    fields: [
      { field: 'matter', label: '核查事项', value: r.matter },
      { field: 'code', label: '统一社会信用代码或证件号码', value: displayCode(r.subjectCode) },
      { field: 'measure', label: '采取措施', value: r.measure },
      { field: 'note', label: '说明', value: r.note || null },
    ],
    baseline: null,
    reason: null,
    receipt: r.status ? { status: r.status, code: r.code, message: r.message } : null,
  }));
}

/** A feedback operation as a receipt's preview names it: the subject checked and the check number. */
export function describeFeedbackOp(db: SqliteDatabase, opId: number): { subjectName: string; decisionNo: string } {
  const r = orm(db)
    .select({ checkNo: creditChecks.checkNo, subjectName: creditChecks.subjectName, subjectCode: creditChecks.subjectCode })
    .from(feedbackOps)
    .innerJoin(checkFeedback, eq(checkFeedback.id, feedbackOps.feedbackId))
    .innerJoin(creditChecks, eq(creditChecks.id, checkFeedback.checkId))
    .where(eq(feedbackOps.id, opId))
    .get()!;
  return { subjectName: r.subjectName ?? displayCode(r.subjectCode) ?? '', decisionNo: r.checkNo };
}

/** The feedback operations of a batch by opId, for a receipt. */
export function feedbackOpsByOpId(db: SqliteDatabase, batchId: number, opIdPrefix: string): Map<string, number> {
  const rows = orm(db).select({ id: feedbackOps.id }).from(feedbackOps).where(eq(feedbackOps.batchId, batchId)).all();
  return new Map(rows.map(({ id }) => [`${opIdPrefix}F${id}`, id]));
}

export function recordFeedbackReceipt(db: SqliteDatabase, batchId: number, opId: number, r: { status: 'accepted' | 'rejected'; code: string | null; message: string | null }): void {
  orm(db).insert(feedbackReceipts).values({ batchId, opId, status: r.status, code: r.code, message: r.message }).run();
}
