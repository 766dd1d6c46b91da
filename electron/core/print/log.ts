/**
 * The print log (打印记录): a number is taken when a print starts (in its own
 * short transaction, so two processes never take the same one and a long
 * render holds no lock), and the row is completed once when the PDF exists —
 * or marked failed. Rows are never deleted or changed afterwards (triggers).
 */
import type { PrintLogEntry } from '../../contract/print';
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';

interface Row {
  id: number;
  printNo: string;
  kind: string;
  title: string;
  target: string;
  targetLabel: string;
  masked: number;
  unmaskReason: string | null;
  options: string;
  state: 'rendering' | 'done' | 'failed';
  pages: number | null;
  bytes: number | null;
  sm3: string | null;
  missingGlyphs: string | null;
  error: string | null;
  printedBy: string;
  printedByName: string | null;
  printedAt: string;
}

const SELECT = `SELECT p.id, p.print_no AS printNo, p.kind, p.title, p.target, p.target_label AS targetLabel, p.masked,
  p.unmask_reason AS unmaskReason, p.options, p.state, p.pages, p.bytes, p.sm3, p.missing_glyphs AS missingGlyphs, p.error,
  p.printed_by AS printedBy, u.name AS printedByName, p.printed_at AS printedAt
  FROM print_log p LEFT JOIN users u ON u.login = p.printed_by`;

function view(r: Row): PrintLogEntry {
  return {
    printNo: r.printNo,
    kind: r.kind,
    title: r.title,
    target: r.target,
    targetLabel: r.targetLabel,
    masked: r.masked === 1,
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
      const { next } = db.prepare('SELECT coalesce(max(seq), 0) + 1 AS next FROM print_log WHERE year = ?').get(p.year) as { next: number };
      const printNo = formatPrintNo(p.year, next);
      const id = Number(
        db
          .prepare(
            `INSERT INTO print_log (print_no, year, seq, kind, title, target, target_label, masked, unmask_reason, options, state, printed_by, printed_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'rendering', ?, ?)`,
          )
          .run(printNo, p.year, next, p.kind, p.title, p.target, p.targetLabel, p.masked ? 1 : 0, p.unmaskReason, JSON.stringify(p.options), p.printedBy, p.printedAt)
          .lastInsertRowid,
      );
      return { id, printNo };
    })
    .immediate();
}

export function completePrint(db: SqliteDatabase, id: number, done: { pages: number; bytes: number; sm3: string; missingGlyphs: string[] }): void {
  db.prepare(`UPDATE print_log SET state = 'done', pages = ?, bytes = ?, sm3 = ?, missing_glyphs = ? WHERE id = ?`).run(
    done.pages,
    done.bytes,
    done.sm3,
    JSON.stringify(done.missingGlyphs),
    id,
  );
}

export function failPrint(db: SqliteDatabase, id: number, error: string): void {
  db.prepare(`UPDATE print_log SET state = 'failed', error = ? WHERE id = ?`).run(error.slice(0, 500), id);
}

export interface PrintLogQuery {
  /** A print number, or part of what was printed (a name, 第 2 批 …). */
  query?: string;
  kind?: string;
  printedBy?: string;
  from?: string;
  to?: string;
  offset?: number;
  limit?: number;
}

export function listPrints(db: SqliteDatabase, q: PrintLogQuery): { total: number; items: PrintLogEntry[] } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: q.limit ?? 50, offset: q.offset ?? 0 };
  if (q.query) {
    where.push(`(p.print_no = @exact OR p.target_label LIKE @like ESCAPE '\\' OR p.title LIKE @like ESCAPE '\\')`);
    params.exact = q.query.toUpperCase();
    params.like = `%${q.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (q.kind) {
    where.push('p.kind = @kind');
    params.kind = q.kind;
  }
  if (q.printedBy) {
    where.push('p.printed_by = @printedBy');
    params.printedBy = q.printedBy;
  }
  if (q.from) {
    where.push('p.printed_at >= @from');
    params.from = q.from;
  }
  if (q.to) {
    where.push('p.printed_at < @to');
    params.to = q.to;
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM print_log p ${filter}`).get(params) as { n: number }).n;
  const rows = db.prepare(`${SELECT} ${filter} ORDER BY p.id DESC LIMIT @limit OFFSET @offset`).all(params) as Row[];
  return { total, items: rows.map(view) };
}

export function findPrint(db: SqliteDatabase, printNo: string): PrintLogEntry {
  const normalised = printNo.trim().toUpperCase();
  if (!PRINT_NO_PATTERN.test(normalised)) throw new CoreError('BAD_INPUT', `打印编号的格式应为 P年份-序号，例如 P2026-000123：${printNo}`);
  const row = db.prepare(`${SELECT} WHERE p.print_no = ?`).get(normalised) as Row | undefined;
  if (!row) throw new CoreError('NOT_FOUND', `没有打印编号为 ${normalised} 的打印记录。`);
  return view(row);
}
