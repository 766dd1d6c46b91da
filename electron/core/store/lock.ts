/**
 * One lock per department across processes (the app, the command line, a second
 * window), held by every read-modify-write of the key file, by re-keying, by
 * logins (which may finish an interrupted re-key) and by backup and restore.
 *
 * The lock is an exclusive transaction on a small plain SQLite file beside the
 * database (`<database>.lock`, holding nothing): SQLite takes an OS file lock
 * (fcntl on Linux, LockFileEx on Windows), which the OS releases when the process
 * dies, so a crash never leaves the department locked. A second process waits
 * (SQLite's busy handler) up to `waitMs`, then gets BUSY.
 *
 * Holders must be synchronous: the lock is re-entrant within one call stack
 * (a login that finishes a re-key takes it again), which is only sound because
 * nothing else in this process runs while a synchronous function holds it.
 */
import Database from 'better-sqlite3';
import { CoreError } from '../errors';

export const lockFilePath = (dbPath: string) => `${dbPath}.lock`;

/** How long a process waits for another one's key change (a re-key of a large database takes a while). */
export const DEFAULT_LOCK_WAIT_MS = 60_000;

const held = new Map<string, { db: Database.Database; depth: number }>();

export interface LockOptions {
  waitMs?: number;
  /** better_sqlite3.node for the running runtime (Electron's ABI in the app). */
  nativeBinding?: string;
}

export function withKeyLock<T>(dbPath: string, fn: () => T, options: LockOptions = {}): T {
  const path = lockFilePath(dbPath);
  const mine = held.get(path);
  if (mine) {
    mine.depth++;
    try {
      return guardSync(fn());
    } finally {
      mine.depth--;
    }
  }
  const db = new Database(path, { timeout: options.waitMs ?? DEFAULT_LOCK_WAIT_MS, nativeBinding: options.nativeBinding });
  try {
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
        throw new CoreError('BUSY', '另一个程序（例如命令行或另一个窗口）正在更换数据库密钥、修改密钥文件或备份，请稍后再试。');
      }
      throw err;
    }
    held.set(path, { db, depth: 1 });
    try {
      return guardSync(fn());
    } finally {
      held.delete(path);
      db.exec('COMMIT');
    }
  } finally {
    db.close();
  }
}

/**
 * The lock's own database while this process holds the lock, else null. Besides
 * locking it keeps a second copy of the login attempts (auth/attempts.ts), written
 * inside the lock's transaction.
 */
export function heldLockDatabase(dbPath: string): Database.Database | null {
  return held.get(lockFilePath(dbPath))?.db ?? null;
}

function guardSync<T>(value: T): T {
  if (value && typeof (value as { then?: unknown }).then === 'function') {
    throw new Error('withKeyLock: the locked function must be synchronous');
  }
  return value;
}
