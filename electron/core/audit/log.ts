/**
 * The audit trail: append-only (triggers refuse UPDATE/DELETE) and hash-chained,
 * so that editing, removing or reordering any entry is found by `verify`.
 * hash(n) = SHA-256(hash(n-1) ‖ canonical JSON of entry n); hash(0) = 64 zeros.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerifyResult } from '../../contract/types';
import type { SqliteDatabase } from '../store/database';
import { CoreError } from '../errors';

export const GENESIS_HASH = '0'.repeat(64);

export interface NewAuditEntry {
  at: string;
  actor: string | null;
  method: string;
  target: string | null;
  outcome: 'ok' | 'error' | 'denied';
  detail?: unknown;
}

interface Row {
  seq: number;
  at: string;
  actor: string | null;
  method: string;
  target: string | null;
  outcome: 'ok' | 'error' | 'denied';
  detail: string;
  prev_hash: string;
  hash: string;
}

function entryHash(prevHash: string, e: Omit<Row, 'prev_hash' | 'hash'>): string {
  const canonical = JSON.stringify([e.seq, e.at, e.actor, e.method, e.target, e.outcome, e.detail]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Appends one entry; call inside the transaction of the change it records. */
export function appendAudit(db: SqliteDatabase, entry: NewAuditEntry): number {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    seq,
    at: entry.at,
    actor: entry.actor,
    method: entry.method,
    target: entry.target,
    outcome: entry.outcome,
    detail: JSON.stringify(entry.detail ?? null),
  };
  db.prepare(
    `INSERT INTO audit_log (seq, at, actor, method, target, outcome, detail, prev_hash, hash)
     VALUES (@seq, @at, @actor, @method, @target, @outcome, @detail, @prevHash, @hash)`,
  ).run({ ...row, prevHash, hash: entryHash(prevHash, row) });
  return seq;
}

export function countAudit(db: SqliteDatabase): number {
  return (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}

export function listAudit(db: SqliteDatabase, offset: number, limit: number): AuditEntry[] {
  const rows = db
    .prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ? OFFSET ?')
    .all(limit, offset) as Row[];
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    method: r.method,
    target: r.target,
    outcome: r.outcome,
    detail: JSON.parse(r.detail) as unknown,
  }));
}

/**
 * Recomputes the chain in order and names the first broken entry. Yields to
 * the event loop between pages so a long trail can report progress and stop.
 */
export async function verifyAudit(
  db: SqliteDatabase,
  progress: (done: number, total: number) => void = () => {},
  signal?: AbortSignal,
): Promise<AuditVerifyResult> {
  const total = countAudit(db);
  const page = db.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 5000');
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let after = 0;
  for (;;) {
    const rows = page.all(after) as Row[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const broken = (reason: string): AuditVerifyResult => ({ ok: false, checked, firstBroken: { seq: r.seq, reason } });
      if (r.seq !== expectedSeq) return { ok: false, checked, firstBroken: { seq: expectedSeq, reason: `缺少第 ${expectedSeq} 条记录` } };
      if (r.prev_hash !== prevHash) return broken('与前一条记录的链接不符');
      if (entryHash(prevHash, r) !== r.hash) return broken('内容与其哈希不符（记录被修改）');
      prevHash = r.hash;
      expectedSeq++;
      checked++;
    }
    after = rows[rows.length - 1].seq;
    progress(checked, total);
    if (signal?.aborted) throw new CoreError('CANCELLED', '已取消审计校验。');
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { ok: true, checked, firstBroken: null };
}
