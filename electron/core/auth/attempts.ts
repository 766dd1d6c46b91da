/**
 * The attempts file (`<database>.attempts`): what must survive a failed login,
 * when the database cannot be opened — the throttle counters and the failed
 * attempts waiting to enter the audit trail. Keeping them out of the key file
 * means a failed login never writes the key file. Written under the department
 * lock; a missing or damaged file counts as empty (it holds no key).
 *
 * Kept in two places (issue 18): the file, and the department lock's own small
 * database (`<database>.lock`, store/lock.ts), written in the lock's transaction.
 * Both are read and merged (the larger count of each throttle bucket, every
 * waiting attempt of either), so deleting one of them resets nothing. Both are
 * bounded: a copy larger than MAX_ATTEMPTS_BYTES is not read at all (a 48.8 MB
 * file once made a login take 13.7 s), and that is said in the trail.
 *
 * Nothing in either copy is authenticated (a failed login holds no key to sign
 * with), so at the next login its entries are validated, bounded and marked
 * `unauthenticated` in the trail (ingestForAudit).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { PendingAuditEntry } from '../store/keyfile';
import type { NewAuditEntry } from '../audit/log';
import { writeFileAtomic } from '../store/files';
import { heldLockDatabase } from '../store/lock';
import type { Throttle } from './throttle';

export const ATTEMPTS_FORMAT = 'credit-desk-attempts/1';
export const attemptsFilePath = (dbPath: string) => `${dbPath}.attempts`;

/** Failed attempts for names that are not accounts: the newest this many are kept. */
export const UNKNOWN_PENDING_LIMIT = 200;
/** At most this many entries join the trail at one login (the rest are counted). */
export const INGEST_LIMIT = 2000;
/** Waiting attempts kept in all (the oldest beyond are counted, not kept): bounds both copies' size. */
export const PENDING_LIMIT = 2000;
/** A copy larger than this is not read (it cannot have been written by the product, whose copies stay far smaller). */
export const MAX_ATTEMPTS_BYTES = 1024 * 1024;
/** Throttle buckets a copy may hold (real accounts, the recovery code, two shared ones). */
const MAX_BUCKETS = 10_000;

export interface AttemptsFile {
  format: typeof ATTEMPTS_FORMAT;
  throttle: Throttle;
  pending: PendingAuditEntry[];
  /** Failed attempts not kept (unknown names beyond UNKNOWN_PENDING_LIMIT, anything beyond PENDING_LIMIT). */
  dropped: number;
  /** Set when a copy could not be read: said in the trail at the next login. */
  damaged?: boolean;
  /** Set when a copy was past MAX_ATTEMPTS_BYTES and not read: said in the trail at the next login. */
  tooLarge?: boolean;
}

export const emptyAttempts = (): AttemptsFile => ({ format: ATTEMPTS_FORMAT, throttle: {}, pending: [], dropped: 0 });

const isBucket = (b: unknown): boolean => {
  const x = b as { failures?: unknown; lastFailureAt?: unknown } | null;
  return typeof x === 'object' && x !== null && Number.isSafeInteger(x.failures) && (x.failures as number) >= 0 && typeof x.lastFailureAt === 'string';
};

/** One copy's text, checked for shape; null text is an absent copy. */
function parseCopy(text: string | null): AttemptsFile {
  if (text === null) return emptyAttempts();
  try {
    const f = JSON.parse(text) as Partial<AttemptsFile>;
    if (f?.format !== ATTEMPTS_FORMAT || typeof f.throttle !== 'object' || f.throttle === null || Array.isArray(f.throttle) || !Array.isArray(f.pending)) throw new Error('shape');
    const buckets = Object.entries(f.throttle);
    if (buckets.length > MAX_BUCKETS) throw new Error('buckets');
    const throttle: Throttle = {};
    for (const [k, v] of buckets) if (isBucket(v)) throttle[k] = v;
    return { format: ATTEMPTS_FORMAT, throttle, pending: f.pending, dropped: Number.isSafeInteger(f.dropped) ? Math.max(0, f.dropped as number) : 0 };
  } catch {
    return { ...emptyAttempts(), damaged: true };
  }
}

function readFileCopy(dbPath: string): AttemptsFile {
  const path = attemptsFilePath(dbPath);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return emptyAttempts();
  }
  if (size > MAX_ATTEMPTS_BYTES) return { ...emptyAttempts(), tooLarge: true };
  try {
    return parseCopy(readFileSync(path, 'utf8'));
  } catch {
    return { ...emptyAttempts(), damaged: true };
  }
}

// The lock's database is not the department's (drizzle/schema.ts): its one table is declared here.
const LOCK_TABLE = 'CREATE TABLE IF NOT EXISTS attempts (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)';
const attempts = sqliteTable('attempts', { id: integer('id').primaryKey(), state: text('state').notNull() });

function lockCopy(dbPath: string) {
  const db = heldLockDatabase(dbPath);
  if (!db) return null;
  db.exec(LOCK_TABLE);
  return drizzle({ client: db });
}

function readLockCopy(dbPath: string): AttemptsFile {
  try {
    const lock = lockCopy(dbPath);
    if (!lock) return emptyAttempts();
    const row = lock.select({ size: sql<number>`length(${attempts.state})` }).from(attempts).where(eq(attempts.id, 1)).get();
    if (!row) return emptyAttempts();
    if (row.size > MAX_ATTEMPTS_BYTES) return { ...emptyAttempts(), tooLarge: true };
    const copy = lock.select({ state: attempts.state }).from(attempts).where(eq(attempts.id, 1)).get();
    return parseCopy(copy?.state ?? null);
  } catch {
    return { ...emptyAttempts(), damaged: true };
  }
}

/** Two copies as one: the larger count of each bucket (the later failure when equal), every waiting attempt of either. */
function merge(a: AttemptsFile, b: AttemptsFile): AttemptsFile {
  const throttle: Throttle = { ...a.throttle };
  for (const [k, v] of Object.entries(b.throttle)) {
    const mine = throttle[k];
    if (!mine || v.failures > mine.failures || (v.failures === mine.failures && v.lastFailureAt > mine.lastFailureAt)) throttle[k] = v;
  }
  const seen = new Set<string>();
  const pending: PendingAuditEntry[] = [];
  for (const p of [...a.pending, ...b.pending]) {
    const key = typeof (p as { id?: unknown })?.id === 'string' ? `id:${(p as { id: string }).id}` : `json:${JSON.stringify(p)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pending.push(p);
  }
  return {
    format: ATTEMPTS_FORMAT,
    throttle,
    pending,
    dropped: Math.max(a.dropped, b.dropped),
    ...(a.damaged || b.damaged ? { damaged: true } : {}),
    ...(a.tooLarge || b.tooLarge ? { tooLarge: true } : {}),
  };
}

/** Both copies, merged. Call under the department lock (the second copy lives in the lock's database). */
export function readAttempts(dbPath: string): AttemptsFile {
  return merge(readFileCopy(dbPath), readLockCopy(dbPath));
}

/** Writes both copies (bounded). Call under the department lock. */
export function writeAttempts(dbPath: string, file: AttemptsFile): void {
  const { damaged: _d, tooLarge: _t, ...rest } = file;
  let pending = rest.pending;
  let dropped = rest.dropped;
  if (pending.length > PENDING_LIMIT) {
    dropped += pending.length - PENDING_LIMIT;
    pending = pending.slice(pending.length - PENDING_LIMIT);
  }
  const text = JSON.stringify({ ...rest, pending, dropped }) + '\n';
  // Atomic but not synced: a power cut may forget the last failure, never corrupt the file.
  writeFileAtomic(attemptsFilePath(dbPath), text);
  lockCopy(dbPath)
    ?.insert(attempts)
    .values({ id: 1, state: text })
    .onConflictDoUpdate({ target: attempts.id, set: { state: sql`excluded.state` } })
    .run();
}

/**
 * Adds a failed attempt. Attempts on real accounts are always kept (their own
 * throttle bounds how many there can be); attempts on other names keep the newest
 * UNKNOWN_PENDING_LIMIT and count the rest.
 */
export function addPending(file: AttemptsFile, entry: Omit<PendingAuditEntry, 'id'>, realAccount: boolean): AttemptsFile {
  const pending = [...file.pending, { ...entry, id: randomUUID(), ...(realAccount ? {} : { unknownName: true }) }];
  let dropped = file.dropped;
  const unknown = pending.filter((p) => (p as { unknownName?: boolean }).unknownName);
  if (unknown.length > UNKNOWN_PENDING_LIMIT) {
    const drop = new Set(unknown.slice(0, unknown.length - UNKNOWN_PENDING_LIMIT));
    dropped += drop.size;
    return { ...file, pending: pending.filter((p) => !drop.has(p)), dropped };
  }
  return { ...file, pending, dropped };
}

const PENDING_METHODS = new Set(['auth.login', 'auth.resetPassword']);
const PENDING_REASONS = new Set(['wrong-password', 'wrong-recovery-code', 'unknown-user']);
/** A name as typed at the login screen: 1–64 characters, no control characters. */
const safeName = (name: string) => name.length >= 1 && name.length <= 64 && ![...name].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127);

/**
 * The entries to append to the trail for what waited outside the database: each
 * one validated (only a failed login or recovery reset, with a sane time and
 * name), marked `unauthenticated: true`; anything else is counted, not copied
 * (a forged `batches.approve` entry does not get in), and so is what exceeds
 * INGEST_LIMIT or was dropped before. Entries older than their account's last
 * successful login (they would have joined the trail then: planted or replayed)
 * and entries from the future are dropped and counted too (issue 18).
 */
export function ingestForAudit(
  entries: readonly PendingAuditEntry[],
  extra: { dropped: number; damaged: boolean; tooLarge?: boolean; source: string; lastLogins?: ReadonlyMap<string, string> },
  now: Date,
): NewAuditEntry[] {
  const out: NewAuditEntry[] = [];
  let invalid = 0;
  let overflow = 0;
  let stale = 0;
  let future = 0;
  const latest = now.getTime() + 5 * 60_000;
  for (const raw of entries) {
    const e = raw as Partial<PendingAuditEntry> & { detail?: { reason?: unknown } | null };
    const at = typeof e?.at === 'string' ? Date.parse(e.at) : NaN;
    const ok =
      typeof e === 'object' &&
      e !== null &&
      typeof e.method === 'string' &&
      PENDING_METHODS.has(e.method) &&
      e.outcome === 'denied' &&
      typeof e.actor === 'string' &&
      safeName(e.actor) &&
      e.target === `user:${e.actor}` &&
      Number.isFinite(at) &&
      typeof e.detail === 'object' &&
      e.detail !== null &&
      PENDING_REASONS.has(String(e.detail.reason));
    if (!ok) {
      invalid++;
      continue;
    }
    if (at > latest) {
      future++;
      continue;
    }
    const lastLogin = extra.lastLogins?.get(e.actor!);
    if (lastLogin !== undefined && at < Date.parse(lastLogin)) {
      stale++;
      continue;
    }
    if (out.length >= INGEST_LIMIT) {
      overflow++;
      continue;
    }
    out.push({
      at: new Date(at).toISOString(),
      actor: e.actor!,
      method: e.method!,
      target: e.target!,
      outcome: 'denied',
      detail: { reason: String(e.detail!.reason), unauthenticated: true, source: extra.source, ...(typeof e.id === 'string' ? { attempt: e.id } : {}) },
    });
  }
  const notCopied = invalid + overflow + extra.dropped;
  if (notCopied > 0 || stale > 0 || future > 0 || extra.damaged || extra.tooLarge) {
    out.push({
      at: now.toISOString(),
      actor: null,
      method: 'auth.login',
      target: null,
      outcome: 'denied',
      detail: {
        unauthenticated: true,
        source: extra.source,
        discardedInvalid: invalid,
        notCopied: overflow + extra.dropped,
        fileDamaged: extra.damaged,
        ...(extra.tooLarge ? { fileTooLarge: true } : {}),
        ...(stale > 0 ? { droppedStale: stale } : {}),
        ...(future > 0 ? { droppedFuture: future } : {}),
      },
    });
  }
  return out;
}
