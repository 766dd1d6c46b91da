/**
 * The audit trail as people search it: by person, action, outcome and date
 * range (days in the desk's local time), newest first, each entry described in
 * words (view.ts). Reads only; the trail itself is log.ts.
 */
import { and, count, desc, eq, lt, type SQL } from 'drizzle-orm';
import { auditLog } from '../../../drizzle/schema';
import type { AuditEntryView, AuditOutcome } from '../../contract/audit';
import { zonedDayStart } from '../../contract/zone';
import type { SqliteDatabase } from '../store/database';
import { dayRange, inRange } from '../store/date-range';
import { orm } from '../store/orm';
import { AuditDescriber } from './view';

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

function where(f: AuditFilter): SQL | undefined {
  return and(
    f.actor ? eq(auditLog.actor, f.actor) : undefined,
    f.method ? eq(auditLog.method, f.method) : undefined,
    f.outcome ? eq(auditLog.outcome, f.outcome) : undefined,
    inRange(auditLog.at, dayRange(f.from, f.to)),
  );
}

const COLUMNS = {
  seq: auditLog.seq,
  at: auditLog.at,
  actor: auditLog.actor,
  method: auditLog.method,
  target: auditLog.target,
  outcome: auditLog.outcome,
  detail: auditLog.detail,
};

export function searchAudit(db: SqliteDatabase, f: AuditFilter, offset: number, limit: number): { total: number; items: AuditEntryView[] } {
  const filter = where(f);
  const total = orm(db).select({ n: count() }).from(auditLog).where(filter).get()?.n ?? 0;
  const rows = orm(db).select(COLUMNS).from(auditLog).where(filter).orderBy(desc(auditLog.seq)).limit(limit).offset(offset).all();
  const describer = new AuditDescriber(db);
  return { total, items: rows.map((r) => describer.describe(r)) };
}

/** Every matching entry, newest first, described (for export). */
export function* iterateAudit(db: SqliteDatabase, f: AuditFilter): Generator<AuditEntryView> {
  const filter = where(f);
  const describer = new AuditDescriber(db);
  // Pages by seq, so the trail may grow meanwhile without the statement staying open.
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = orm(db)
      .select(COLUMNS)
      .from(auditLog)
      .where(and(filter, lt(auditLog.seq, before)))
      .orderBy(desc(auditLog.seq))
      .limit(2000)
      .all();
    if (rows.length === 0) return;
    for (const r of rows) yield describer.describe(r);
    before = rows[rows.length - 1].seq;
  }
}
