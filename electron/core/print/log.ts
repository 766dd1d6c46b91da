/**
 * The print log (打印记录): a number is taken when a print starts (in its own
 * short transaction, so two processes never take the same one and a long
 * render holds no lock), and the row is completed once when the PDF exists —
 * or marked failed. Rows are never deleted or changed afterwards (triggers).
 */
import type { PrintLogEntry } from '../../contract/print';
import { and, count, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { printLog, users } from '../../../drizzle/schema';
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';
import { dayRange, inRange } from '../store/date-range';
import { orm } from '../store/orm';

const COLUMNS = {
  id: printLog.id,
  printNo: printLog.printNo,
  kind: printLog.kind,
  title: printLog.title,
  target: printLog.target,
  targetLabel: printLog.targetLabel,
  masked: printLog.masked,
  unmaskReason: printLog.unmaskReason,
  options: printLog.options,
  state: printLog.state,
  pages: printLog.pages,
  bytes: printLog.bytes,
  sm3: printLog.sm3,
  missingGlyphs: printLog.missingGlyphs,
  error: printLog.error,
  printedBy: printLog.printedBy,
  printedByName: users.name,
  printedAt: printLog.printedAt,
};

/** The log's rows with the name of who printed, filtered by `where`. */
const selectPrints = (db: SqliteDatabase, where: SQL | undefined) =>
  orm(db).select(COLUMNS).from(printLog).leftJoin(users, eq(users.login, printLog.printedBy)).where(where);

type Row = Awaited<ReturnType<typeof selectPrints>>[number];

function view(r: Row): PrintLogEntry {
  return {
    printNo: r.printNo,
    kind: r.kind,
    title: r.title,
    target: r.target,
    targetLabel: r.targetLabel,
    masked: r.masked,
    unmaskReason: r.unmaskReason,
    options: JSON.parse(r.options) as Record<string, unknown>,
    state: r.state,
    pages: r.pages,
    bytes: r.bytes,
    sm3: r.sm3,
    missingGlyphs: r.missingGlyphs ? (JSON.parse(r.missingGlyphs) as string[]) : [],
    error: r.error,
    printedBy: r.printedBy,
    printedByName: r.printedByName ?? r.printedBy,
    printedAt: r.printedAt,
  };
}

/** `P2026-000123`: the year of the print and its place in that year. */
export function formatPrintNo(year: number, seq: number): string {
  return `P${year}-${String(seq).padStart(6, '0')}`;
}

export const PRINT_NO_PATTERN = /^P(\d{4})-(\d{6,})$/;

export interface NewPrint {
  kind: string;
  title: string;
  target: string;
  targetLabel: string;
  masked: boolean;
  unmaskReason: string | null;
  options: Record<string, unknown>;
  printedBy: string;
  printedAt: string;
  /** The year the number belongs to (local time of the print). */
  year: number;
}

/** Takes the next print number of the year and logs the print as under way. */
export function startPrint(db: SqliteDatabase, p: NewPrint): { id: number; printNo: string } {
  return db
    .transaction(() => {
      const q = orm(db);
      const [{ next }] = q
        .select({ next: sql<number>`coalesce(max(${printLog.seq}), 0) + 1` })
        .from(printLog)
        .where(eq(printLog.year, p.year))
        .all();
      const printNo = formatPrintNo(p.year, next);
      const id = Number(
        q
          .insert(printLog)
          .values({
            printNo,
            year: p.year,
            seq: next,
            kind: p.kind,
            title: p.title,
            target: p.target,
            targetLabel: p.targetLabel,
            masked: p.masked,
            unmaskReason: p.unmaskReason,
            options: JSON.stringify(p.options),
            state: 'rendering',
            printedBy: p.printedBy,
            printedAt: p.printedAt,
          })
          .run().lastInsertRowid,
      );
      return { id, printNo };
    })
    .immediate();
}

export function completePrint(db: SqliteDatabase, id: number, done: { pages: number; bytes: number; sm3: string; missingGlyphs: string[] }): void {
  orm(db)
    .update(printLog)
    .set({ state: 'done', pages: done.pages, bytes: done.bytes, sm3: done.sm3, missingGlyphs: JSON.stringify(done.missingGlyphs) })
    .where(eq(printLog.id, id))
    .run();
}

export function failPrint(db: SqliteDatabase, id: number, error: string): void {
  orm(db)
    .update(printLog)
    .set({ state: 'failed', error: error.slice(0, 500) })
    .where(eq(printLog.id, id))
    .run();
}

export interface PrintLogQuery {
  /** A print number, or part of what was printed (a name, 第 2 批 …). */
  query?: string;
  kind?: string;
  printedBy?: string;
  /** YYYY-MM-DD, the department's days, both inclusive. */
  from?: string;
  to?: string;
  offset?: number;
  limit?: number;
}

export function listPrints(db: SqliteDatabase, q: PrintLogQuery): { total: number; items: PrintLogEntry[] } {
  const where: SQL[] = [];
  if (q.query) {
    const like = `%${q.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(eq(printLog.printNo, q.query.toUpperCase()), likeEscaped(printLog.targetLabel, like), likeEscaped(printLog.title, like))!);
  }
  if (q.kind) where.push(eq(printLog.kind, q.kind));
  if (q.printedBy) where.push(eq(printLog.printedBy, q.printedBy));
  // Days as the department counts them, both ends inclusive.
  const days = inRange(printLog.printedAt, dayRange(q.from, q.to));
  if (days) where.push(days);
  const filter = and(...where);
  const [{ n: total }] = orm(db).select({ n: count() }).from(printLog).where(filter).all();
  const rows = selectPrints(db, filter)
    .orderBy(desc(printLog.id))
    .limit(q.limit ?? 50)
    .offset(q.offset ?? 0)
    .all();
  return { total, items: rows.map(view) };
}

/** LIKE in which a backslash escapes the pattern's own % and _. */
function likeEscaped(column: SQLiteColumn, pattern: string): SQL {
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

export function findPrint(db: SqliteDatabase, printNo: string): PrintLogEntry {
  const normalised = printNo.trim().toUpperCase();
  if (!PRINT_NO_PATTERN.test(normalised)) throw new CoreError('BAD_INPUT', `打印编号的格式应为 P年份-序号，例如 P2026-000123：${printNo}`);
  const row = selectPrints(db, eq(printLog.printNo, normalised)).get();
  if (!row) throw new CoreError('NOT_FOUND', `没有打印编号为 ${normalised} 的打印记录。`);
  return view(row);
}
