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
import type { SqliteDatabase } from '../store/database';

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

interface LetterRow {
  id: number;
  kind: LetterKind;
  caseId: number | null;
  recordId: number | null;
  docNo: string;
  issuedOn: string;
  issuedBy: string;
  detail: string;
  servedMethod: string | null;
  servedOn: string | null;
  servedTo: string | null;
  servedNote: string | null;
  servedBy: string | null;
}

const COLUMNS = `id, kind, case_id AS caseId, record_id AS recordId, doc_no AS docNo, issued_on AS issuedOn, issued_by AS issuedBy, detail,
  served_method AS servedMethod, served_on AS servedOn, served_to AS servedTo, served_note AS servedNote, served_by AS servedBy`;

export interface IssuedLetter extends IssuedLetterView {
  detail: Record<string, unknown>;
}

function view(r: LetterRow): IssuedLetter {
  return {
    letterId: r.id,
    kind: r.kind,
    title: LETTER_TITLES[r.kind],
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
  const { n } = db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM letters WHERE kind = ? AND year = ?').get(input.kind, year) as { n: number };
  const docNo = formatDocNo(docNoPattern(getDepartment(db), input.kind), year, n);
  if (db.prepare('SELECT 1 FROM letters WHERE doc_no = ?').get(docNo)) {
    // A pattern changed mid-year onto numbers already given: never issue a number twice.
    throw new CoreError('CONFLICT', `发文字号“${docNo}”已被使用（发文字号格式在年内改过？）：请在系统设置中调整${LETTER_TITLES[input.kind]}的发文字号格式。`);
  }
  const id = Number(
    db
      .prepare(
        `INSERT INTO letters (kind, case_id, record_id, year, seq, doc_no, issued_on, issued_at, issued_by, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.kind, input.caseId ?? null, input.recordId ?? null, year, n, docNo, input.issuedOn, input.at, input.by, JSON.stringify(input.detail ?? {})).lastInsertRowid,
  );
  return getLetter(db, id);
}

export function getLetter(db: SqliteDatabase, letterId: number): IssuedLetter {
  const row = db.prepare(`SELECT ${COLUMNS} FROM letters WHERE id = ?`).get(letterId) as LetterRow | undefined;
  if (!row) throw new CoreError('NOT_FOUND', `找不到编号为 ${letterId} 的文书。`);
  return view(row);
}

/** Every letter a case issued, in the order issued. */
export function caseLetters(db: SqliteDatabase, caseId: number): IssuedLetter[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM letters WHERE case_id = ? ORDER BY id`).all(caseId) as LetterRow[]).map(view);
}

/** The latest letter of a kind a case issued (a second 补正 issues a second notice). */
export function latestCaseLetter(db: SqliteDatabase, caseId: number, kinds: readonly LetterKind[]): IssuedLetter | null {
  const placeholders = kinds.map(() => '?').join(', ');
  const row = db.prepare(`SELECT ${COLUMNS} FROM letters WHERE case_id = ? AND kind IN (${placeholders}) ORDER BY id DESC LIMIT 1`).get(caseId, ...kinds) as LetterRow | undefined;
  return row ? view(row) : null;
}

/** The 信用修复告知书 issued for a record, if any. */
export function repairNoticeOf(db: SqliteDatabase, recordId: number): IssuedLetter | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM letters WHERE record_id = ? AND kind = 'repair-notice' ORDER BY id DESC LIMIT 1`).get(recordId) as LetterRow | undefined;
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
  db.prepare('UPDATE letters SET served_method = ?, served_on = ?, served_to = ?, served_note = ?, served_by = ? WHERE id = ?').run(
    service.method.trim(),
    service.on,
    service.to?.trim() || null,
    service.note?.trim() || null,
    by,
    letterId,
  );
  return getLetter(db, letterId);
}
