/**
 * The 发文字号 register: a letter gets its number when it is issued — inside the
 * transaction of the case step that issues it (受理, 不予受理, 补正, 批准) or of an
 * explicit issue (信用修复告知书) — never when it is previewed or printed. Numbers run
 * per kind and calendar year from 1 without gaps and are never reused (a unique index
 * and triggers keep them); a reprint prints the same row, so it keeps its number.
 * Service (送达) is recorded once per letter.
 */
import { LETTER_TITLES, type IssuedLetterView, type LetterKind, type LetterService } from '../../contract/letters';
import { isYmd } from '../calendar';
import { docNoPattern, formatDocNo, getDepartment } from '../department/service';
import { CoreError } from '../errors';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { letters } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';

export interface IssueInput {
  kind: LetterKind;
  caseId?: number | null;
  recordId?: number | null;
  /** 成文日期, YYYY-MM-DD (China Standard Time). */
  issuedOn: string;
  at: string;
  by: string;
  /** What the letter says that may change later (the missing items, the date to supply them by …). */
  detail?: Record<string, unknown>;
}

const COLUMNS = {
  id: letters.id,
  kind: letters.kind,
  caseId: letters.caseId,
  recordId: letters.recordId,
  docNo: letters.docNo,
  issuedOn: letters.issuedOn,
  issuedBy: letters.issuedBy,
  detail: letters.detail,
  servedMethod: letters.servedMethod,
  servedOn: letters.servedOn,
  servedTo: letters.servedTo,
  servedNote: letters.servedNote,
  servedBy: letters.servedBy,
};

type LetterRow = Pick<typeof letters.$inferSelect, keyof typeof COLUMNS>;

export interface IssuedLetter extends IssuedLetterView {
  detail: Record<string, unknown>;
}

function view(r: LetterRow): IssuedLetter {
  const kind = r.kind;
  return {
    letterId: r.id,
    kind,
    title: LETTER_TITLES[kind],
    docNo: r.docNo,
    issuedOn: r.issuedOn,
    issuedBy: r.issuedBy,
    caseId: r.caseId,
    recordId: r.recordId,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    service: r.servedMethod ? { method: r.servedMethod, on: r.servedOn!, to: r.servedTo, note: r.servedNote, by: r.servedBy! } : null,
  };
}

/** Issues a letter: the next number of its kind and year, in the caller's transaction. */
export function issueLetter(db: SqliteDatabase, input: IssueInput): IssuedLetter {
  const year = Number(input.issuedOn.slice(0, 4));
  const q = orm(db);
  const [{ n }] = q
    .select({ n: sql<number>`coalesce(max(${letters.seq}), 0) + 1` })
    .from(letters)
    .where(and(eq(letters.kind, input.kind), eq(letters.year, year)))
    .all();
  const docNo = formatDocNo(docNoPattern(getDepartment(db), input.kind), year, n);
  if (q.select({ id: letters.id }).from(letters).where(eq(letters.docNo, docNo)).get()) {
    // A pattern changed mid-year onto numbers already given: never issue a number twice.
    throw new CoreError('CONFLICT', `发文字号“${docNo}”已被使用（发文字号格式在年内改过？）：请在系统设置中调整${LETTER_TITLES[input.kind]}的发文字号格式。`);
  }
  const id = Number(
    q
      .insert(letters)
      .values({
        kind: input.kind,
        caseId: input.caseId ?? null,
        recordId: input.recordId ?? null,
        year,
        seq: n,
        docNo,
        issuedOn: input.issuedOn,
        issuedAt: input.at,
        issuedBy: input.by,
        detail: JSON.stringify(input.detail ?? {}),
      })
      .run().lastInsertRowid,
  );
  return getLetter(db, id);
}

export function getLetter(db: SqliteDatabase, letterId: number): IssuedLetter {
  const row = orm(db).select(COLUMNS).from(letters).where(eq(letters.id, letterId)).get();
  if (!row) throw new CoreError('NOT_FOUND', `找不到编号为 ${letterId} 的文书。`);
  return view(row);
}

/** Every letter a case issued, in the order issued. */
export function caseLetters(db: SqliteDatabase, caseId: number): IssuedLetter[] {
  return orm(db).select(COLUMNS).from(letters).where(eq(letters.caseId, caseId)).orderBy(letters.id).all().map(view);
}

/** The latest letter of a kind a case issued (a second 补正 issues a second notice). */
export function latestCaseLetter(db: SqliteDatabase, caseId: number, kinds: readonly LetterKind[]): IssuedLetter | null {
  const row = orm(db)
    .select(COLUMNS)
    .from(letters)
    .where(and(eq(letters.caseId, caseId), inArray(letters.kind, [...kinds])))
    .orderBy(desc(letters.id))
    .limit(1)
    .get();
  return row ? view(row) : null;
}

/** The 信用修复告知书 issued for a record, if any. */
export function repairNoticeOf(db: SqliteDatabase, recordId: number): IssuedLetter | null {
  const row = orm(db)
    .select(COLUMNS)
    .from(letters)
    .where(and(eq(letters.recordId, recordId), eq(letters.kind, 'repair-notice')))
    .orderBy(desc(letters.id))
    .limit(1)
    .get();
  return row ? view(row) : null;
}

/** 送达: how, when and to whom a letter was served; once, not before it was issued, not in the future. */
export function recordService(db: SqliteDatabase, letterId: number, service: Omit<LetterService, 'by'>, by: string, today: string): IssuedLetter {
  const letter = getLetter(db, letterId);
  if (letter.service) {
    throw new CoreError('BAD_INPUT', `${letter.title}（${letter.docNo}）已于 ${letter.service.on} ${letter.service.method}，送达情况只记录一次。`);
  }
  if (!isYmd(service.on)) throw new CoreError('BAD_INPUT', `送达日期不是有效日期（应为 YYYY-MM-DD）：${service.on}`);
  if (service.on > today) throw new CoreError('BAD_INPUT', `送达日期（${service.on}）晚于今天（${today}），不能是将来的日期。`);
  if (service.on < letter.issuedOn) throw new CoreError('BAD_INPUT', `送达日期（${service.on}）早于文书的成文日期（${letter.issuedOn}）。`);
  orm(db)
    .update(letters)
    .set({ servedMethod: service.method.trim(), servedOn: service.on, servedTo: service.to?.trim() || null, servedNote: service.note?.trim() || null, servedBy: by })
    .where(eq(letters.id, letterId))
    .run();
  return getLetter(db, letterId);
}
