/**
 * Opening the encrypted department database.
 *
 * SQLite3 Multiple Ciphers in SQLCipher 4 mode (see CIPHER_SETTINGS), so the
 * standard `sqlcipher` tool (4.x) opens the file with the raw key for recovery. Open sequence: cipher
 * settings → key → prove the key by reading sqlite_master (a wrong key surfaces
 * only at the first statement, as SQLITE_NOTADB) → pragmas.
 */
import Database from 'better-sqlite3';
import { CoreError } from '../errors';

export type SqliteDatabase = Database.Database;

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for the running runtime (Electron's ABI in the app). */
  nativeBinding?: string;
  readonly?: boolean;
}

function keyPragmaValue(key: Uint8Array): string {
  if (key.length !== 32) throw new Error('data key must be 256 bits');
  return `"x'${Buffer.from(key).toString('hex')}'"`;
}

/**
 * SQLCipher 4 with 16 KiB pages and HMAC-SHA1 page authentication. Both keep
 * the file openable by the standard sqlcipher tool (with `PRAGMA cipher_page_size
 * = 16384; PRAGMA cipher_hmac_algorithm = HMAC_SHA1;`) and make bulk writes
 * about twice as fast as the 4 KiB / HMAC-SHA512 defaults in this software-AES
 * build (measured: 58k vs 30k rows/s of 1 KB); HMAC-SHA1 remains a sound MAC.
 */
export const CIPHER_SETTINGS = ["cipher='sqlcipher'", 'legacy=4', 'legacy_page_size=16384', 'hmac_algorithm=0'];

function applyCipher(db: SqliteDatabase, key: Uint8Array): void {
  for (const setting of CIPHER_SETTINGS) db.pragma(setting);
  db.pragma(`key=${keyPragmaValue(key)}`);
}

/** True when the error means "this is not a database with this key". */
export function isNotADatabase(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

/**
 * Opens (or creates) the database with the data key. Throws WRONG_PASSWORD-free
 * CoreError 'DB_CORRUPT' with `details.wrongKey = true` when the key does not open it.
 */
export function openEncrypted(path: string, key: Uint8Array, options: OpenOptions = {}): SqliteDatabase {
  const db = new Database(path, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
    fileMustExist: false,
  });
  try {
    applyCipher(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    db.close();
    if (isNotADatabase(err)) {
      throw new CoreError('DB_CORRUPT', '数据库无法用此密钥打开。', { wrongKey: true });
    }
    throw err;
  }
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A 64 MiB page cache: a 100,000-row import stays in memory until its commit
  // instead of spilling (and re-encrypting) pages into the WAL along the way.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  return db;
}

/**
 * Re-encrypts the whole database with a new key. SQLite3MC cannot re-key in WAL
 * mode, so the WAL is checkpointed away first and WAL is restored afterwards.
 * Leaving WAL mode needs the only connection to the file: when another process
 * (a second window, the command line) has it open, this throws BUSY and nothing
 * has changed. The re-key itself runs as one rollback-journal transaction, but
 * SQLite3MC cannot always roll back a re-key a crash interrupted: killed midway,
 * the file may open with neither key (reproduced: the hot journal stays and both
 * keys fail). So the caller keeps a copy of the file under the old key while it
 * runs (`beforeRekey`, store/rekey-copy.ts) and puts it back after such a crash.
 */
export function rekey(db: SqliteDatabase, newKey: Uint8Array, beforeRekey?: () => void): void {
  if (!leaveWal(db)) {
    throw new CoreError(
      'BUSY',
      '数据库正被另一个程序打开（例如另一个信用工作台窗口或命令行），无法重新加密。请关闭其他程序后再试；本次没有做任何改动。',
    );
  }
  try {
    // The file is whole now (no WAL): the moment to keep a copy of it (desk.ts, rekeyExcluding).
    beforeRekey?.();
    db.pragma(`rekey=${keyPragmaValue(newKey)}`);
  } finally {
    db.pragma('journal_mode = WAL');
  }
  db.prepare('SELECT count(*) FROM sqlite_master').get();
}

const isBusy = (err: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((err as { code?: string } | null)?.code ?? '');

/**
 * Leaves WAL mode (true), or stays in it (false) when another connection in any
 * process has the database open: SQLite refuses, or keeps WAL, then.
 */
function leaveWal(db: SqliteDatabase): boolean {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    if (db.pragma('journal_mode = DELETE', { simple: true }) === 'delete') return true;
  } catch (err) {
    if (!isBusy(err)) throw err;
  }
  db.pragma('journal_mode = WAL');
  return false;
}

/** True when no other connection (in any process) has the database open. */
export function isOnlyConnection(db: SqliteDatabase): boolean {
  const alone = leaveWal(db);
  if (alone) db.pragma('journal_mode = WAL');
  return alone;
}
