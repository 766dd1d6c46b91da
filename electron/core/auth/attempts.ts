/**
 * The attempts file (`<database>.attempts`): what must survive a failed login,
 * when the database cannot be opened — the throttle counters and the failed
 * attempts waiting to enter the audit trail. Keeping them out of the key file
 * means a failed login never writes the key file. Written under the department
 * lock; a missing or damaged file counts as empty (it holds no key).
 *
 * Nothing in this file is authenticated (a failed login holds no key to sign
 * with), so at the next login its entries are validated, bounded and marked
 * `unauthenticated` in the trail (ingestForAudit).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PendingAuditEntry } from '../store/keyfile';
import type { NewAuditEntry } from '../audit/log';
import { writeFileAtomic } from '../store/files';
import type { Throttle } from './throttle';

export const ATTEMPTS_FORMAT = 'credit-desk-attempts/1';
export const attemptsFilePath = (dbPath: string) => `${dbPath}.attempts`;

/** Failed attempts for names that are not accounts: the newest this many are kept. */
export const UNKNOWN_PENDING_LIMIT = 200;
/** At most this many entries join the trail at one login (the rest are counted). */
export const INGEST_LIMIT = 2000;

export interface AttemptsFile {
  format: typeof ATTEMPTS_FORMAT;
  throttle: Throttle;
  pending: PendingAuditEntry[];
  /** Failed attempts for unknown names not kept (beyond UNKNOWN_PENDING_LIMIT). */
  dropped: number;
  /** Set when the file on disk could not be read: said in the trail at the next login. */
  damaged?: boolean;
}

export const emptyAttempts = (): AttemptsFile => ({ format: ATTEMPTS_FORMAT, throttle: {}, pending: [], dropped: 0 });

export function readAttempts(dbPath: string): AttemptsFile {
  let text: string;
  try {
    text = readFileSync(attemptsFilePath(dbPath), 'utf8');
  } catch {
    return emptyAttempts();
  }
  try {
    const f = JSON.parse(text) as Partial<AttemptsFile>;
    if (f?.format !== ATTEMPTS_FORMAT || typeof f.throttle !== 'object' || f.throttle === null || !Array.isArray(f.pending)) throw new Error('shape');
    return { format: ATTEMPTS_FORMAT, throttle: f.throttle, pending: f.pending, dropped: Number.isSafeInteger(f.dropped) ? (f.dropped as number) : 0 };
  } catch {
    return { ...emptyAttempts(), damaged: true };
  }
}

export function writeAttempts(dbPath: string, file: AttemptsFile): void {
  const { damaged: _d, ...rest } = file;
  // Atomic but not synced: a power cut may forget the last failure, never corrupt the file.
  writeFileAtomic(attemptsFilePath(dbPath), JSON.stringify(rest) + '\n');
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
 * INGEST_LIMIT or was dropped before.
 */
export function ingestForAudit(
  entries: readonly PendingAuditEntry[],
  extra: { dropped: number; damaged: boolean; source: string },
  now: Date,
): NewAuditEntry[] {
  const out: NewAuditEntry[] = [];
  let invalid = 0;
  let overflow = 0;
  const latest = now.getTime() + 5 * 60_000;
  for (const raw of entries) {
    const e = raw as Partial<PendingAuditEntry> & { detail?: { reason?: unknown } | null };
    const at = typeof e.at === 'string' ? Date.parse(e.at) : NaN;
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
      at <= latest &&
      typeof e.detail === 'object' &&
      e.detail !== null &&
      PENDING_REASONS.has(String(e.detail.reason));
    if (!ok) {
      invalid++;
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
  if (notCopied > 0 || extra.damaged) {
    out.push({
      at: now.toISOString(),
      actor: null,
      method: 'auth.login',
      target: null,
      outcome: 'denied',
      detail: { unauthenticated: true, source: extra.source, discardedInvalid: invalid, notCopied: overflow + extra.dropped, fileDamaged: extra.damaged },
    });
  }
  return out;
}
