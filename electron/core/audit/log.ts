/**
 * The audit trail: append-only (triggers refuse UPDATE/DELETE) and hash-chained,
 * so that editing, removing or reordering any entry is found by `verify`.
 * hash(n) = SHA-256(hash(n-1) ‖ canonical JSON of entry n); hash(0) = 64 zeros.
 *
 * The chain alone cannot stop someone who holds the data key (every account
 * does) from rewriting the trail and re-hashing it. Anchors can: the head
 * (`seq`, `hash`) is written outside the database — into every signed batch's
 * manifest (which the platform keeps), into every backup, onto the printed batch
 * approval sheet — and `verify` checks the chain against every anchor it is given
 * or knows (the manifests stored with approved batches, whose signatures it checks).
 * A rewritten or re-hashed entry at or before an anchor, or entries removed from
 * before it, no longer match; entries after the newest anchor are only as safe as
 * the database (docs/security.md).
 */
import { createHash } from 'node:crypto';
import type { AuditAnchor, AuditAnchorCheck, AuditEntry, AuditHead, AuditVerifyResult } from '../../contract/types';
import { count, desc } from 'drizzle-orm';
import { auditLog } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { statement, type Row } from '../store/sql';
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

type StoredRow = Row<typeof auditLog>;

// Every state change appends an entry: the head and the insert stay prepared statements.
const head = statement<Pick<StoredRow, 'seq' | 'hash'>>('audit.head', 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
const insertEntry = statement<never, [StoredRow]>(
  'audit.append',
  `INSERT INTO audit_log (seq, at, actor, method, target, outcome, detail, prev_hash, hash)
     VALUES (@seq, @at, @actor, @method, @target, @outcome, @detail, @prev_hash, @hash)`,
);
// verify walks the whole trail page by page.
const chainPage = statement<StoredRow, [number]>('audit.chainPage', 'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 5000');

function entryHash(prevHash: string, e: Omit<StoredRow, 'prev_hash' | 'hash'>): string {
  const canonical = JSON.stringify([e.seq, e.at, e.actor, e.method, e.target, e.outcome, e.detail]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Appends one entry; call inside the transaction of the change it records. */
export function appendAudit(db: SqliteDatabase, entry: NewAuditEntry): number {
  const last = head.get(db);
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
  insertEntry.run(db, { ...row, prev_hash: prevHash, hash: entryHash(prevHash, row) });
  return seq;
}

/** The newest entry's sequence number and hash: what an anchor records (seq 0 and 64 zeros for an empty trail). */
export function auditHead(db: SqliteDatabase): AuditHead {
  return head.get(db) ?? { seq: 0, hash: GENESIS_HASH };
}

export function countAudit(db: SqliteDatabase): number {
  return orm(db).select({ n: count() }).from(auditLog).get()?.n ?? 0;
}

export function listAudit(db: SqliteDatabase, offset: number, limit: number): AuditEntry[] {
  const rows = orm(db).select().from(auditLog).orderBy(desc(auditLog.seq)).limit(limit).offset(offset).all();
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
 * Recomputes the chain in order, names the first broken entry, and compares it
 * with every anchor: the hash at each anchor's `seq` must be the anchor's hash,
 * and the chain must reach it. Runs page by page; `pause` between pages lets
 * the async caller report progress and stop.
 */
function* checkChain(db: SqliteDatabase, anchors: readonly AuditAnchor[]): Generator<number, AuditVerifyResult> {
  const bySeq = new Map<number, AuditAnchor[]>();
  // Entry 0 (the empty trail, 64 zeros) is where every chain starts: it proves nothing and is no anchor (issue 18).
  for (const a of anchors) if (a.seq > 0) bySeq.set(a.seq, [...(bySeq.get(a.seq) ?? []), a]);
  const checks: AuditAnchorCheck[] = [];
  const compare = (seq: number, hash: string) => {
    for (const a of bySeq.get(seq) ?? []) {
      checks.push(
        a.hash === hash
          ? { ...a, result: 'match', message: `与${a.source}记载的第 ${seq} 条一致` }
          : { ...a, result: 'mismatch', message: `第 ${seq} 条的哈希与${a.source}记载的不符：此前的记录被改动、删除或重新计算过` },
      );
    }
    bySeq.delete(seq);
  };
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let after = 0;
  let firstBroken: AuditVerifyResult['firstBroken'] = null;
  outer: for (;;) {
    const rows = chainPage.all(db, after);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq !== expectedSeq) {
        firstBroken = { seq: expectedSeq, reason: `缺少第 ${expectedSeq} 条记录` };
        break outer;
      }
      if (r.prev_hash !== prevHash) firstBroken = { seq: r.seq, reason: '与前一条记录的链接不符' };
      else if (entryHash(prevHash, r) !== r.hash) firstBroken = { seq: r.seq, reason: '内容与其哈希不符（记录被修改）' };
      if (firstBroken) break outer;
      compare(r.seq, r.hash);
      prevHash = r.hash;
      expectedSeq++;
      checked++;
    }
    after = rows[rows.length - 1].seq;
    yield checked;
  }
  // Anchors the chain did not reach: entries were removed from the end (or the chain broke before them).
  for (const list of bySeq.values()) {
    for (const a of list) {
      checks.push({
        ...a,
        result: 'beyond-end',
        message: firstBroken
          ? `链在第 ${firstBroken.seq} 条断裂，未能核对${a.source}记载的第 ${a.seq} 条`
          : `${a.source}记载到第 ${a.seq} 条，日志却只有 ${checked} 条：其后的记录被删除了`,
      });
    }
  }
  checks.sort((a, b) => b.seq - a.seq);
  const anchored = checks.find((c) => c.result === 'match')?.seq ?? null;
  return {
    ok: firstBroken === null && checks.every((c) => c.result === 'match'),
    checked,
    firstBroken,
    head: { seq: checked, hash: prevHash },
    anchors: checks,
    newestAnchoredSeq: anchored,
  };
}

/** Verifies the chain (and the anchors) without yielding: for backups and restore, under a lock. */
export function verifyAuditSync(db: SqliteDatabase, anchors: readonly AuditAnchor[] = []): AuditVerifyResult {
  const run = checkChain(db, anchors);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
  }
}

/**
 * Verifies the chain and the anchors, yielding to the event loop between pages
 * so a long trail can report progress and be stopped.
 */
export async function verifyAudit(
  db: SqliteDatabase,
  progress: (done: number, total: number) => void = () => {},
  signal?: AbortSignal,
  anchors: readonly AuditAnchor[] = [],
): Promise<AuditVerifyResult> {
  const total = countAudit(db);
  const run = checkChain(db, anchors);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
    progress(step.value, total);
    if (signal?.aborted) throw new CoreError('CANCELLED', '已取消审计校验。');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
