/**
 * The audit trail as people search it: by person, action, outcome and date
 * range (days in the desk's local time), newest first, each entry described in
 * words (view.ts). Reads only; the trail itself is log.ts.
 */
import type { AuditEntryView, AuditOutcome } from '../../contract/audit';
import { nextDay, zonedDayStart } from '../../contract/zone';
import type { SqliteDatabase } from '../store/database';
import { AuditDescriber, type StoredEntry } from './view';

export interface AuditFilter {
  actor?: string;
  method?: string;
  outcome?: AuditOutcome;
  /** YYYY-MM-DD, inclusive, local days. */
  from?: string;
  to?: string;
}

/** The start of a calendar day in the department's zone, as the trail stores times (ISO, UTC). */
export function localDayStart(ymd: string): string {
  return zonedDayStart(ymd);
}

function where(f: AuditFilter): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.actor) {
    parts.push('actor = @actor');
    params.actor = f.actor;
  }
  if (f.method) {
    parts.push('method = @method');
    params.method = f.method;
  }
  if (f.outcome) {
    parts.push('outcome = @outcome');
    params.outcome = f.outcome;
  }
  if (f.from) {
    parts.push('at >= @from');
    params.from = localDayStart(f.from);
  }
  if (f.to) {
    // Up to the end of that day: before the next day starts.
    parts.push('at < @to');
    params.to = zonedDayStart(nextDay(f.to));
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const COLUMNS = 'seq, at, actor, method, target, outcome, detail';

export function searchAudit(db: SqliteDatabase, f: AuditFilter, offset: number, limit: number): { total: number; items: AuditEntryView[] } {
  const { sql, params } = where(f);
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${sql}`).get(params) as { n: number }).n;
  const rows = db.prepare(`SELECT ${COLUMNS} FROM audit_log ${sql} ORDER BY seq DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as StoredEntry[];
  const describer = new AuditDescriber(db);
  return { total, items: rows.map((r) => describer.describe(r)) };
}

/** Every matching entry, newest first, described (for export). */
export function* iterateAudit(db: SqliteDatabase, f: AuditFilter): Generator<AuditEntryView> {
  const { sql, params } = where(f);
  const describer = new AuditDescriber(db);
  // Pages by seq, so the trail may grow meanwhile without the statement staying open.
  let before = Number.MAX_SAFE_INTEGER;
  const page = db.prepare(`SELECT ${COLUMNS} FROM audit_log ${sql ? `${sql} AND` : 'WHERE'} seq < @before ORDER BY seq DESC LIMIT 2000`);
  for (;;) {
    const rows = page.all({ ...params, before }) as StoredEntry[];
    if (rows.length === 0) return;
    for (const r of rows) yield describer.describe(r);
    before = rows[rows.length - 1].seq;
  }
}
