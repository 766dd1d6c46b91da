/**
 * The key file (`<database>.keys`) sits beside the encrypted database and holds
 * no secret in clear: for every account (and for the recovery code) a private
 * key wrapped by a password-derived key, and the database's data key sealed to
 * that account's public key.
 *
 * It is written only by deliberate key changes (setup, adding, disabling and
 * re-enabling users, password changes and resets, re-keying, upgrading a
 * password's cost), always under the department lock (store/lock.ts). Failed
 * logins never write it: they go to the attempts file (auth/attempts.ts).
 *
 * A key change that also changes the database carries an `intent` (auth/intents.ts):
 * the key file is written with it first, then the database change commits with an
 * audit entry naming the intent, then the intent is cleared. A crash in between
 * leaves the intent in the file and the next login completes it.
 *
 * Re-keying writes `<database>.keys.next` first, then re-keys the database, then
 * renames: a crash at any point leaves one of the two files able to open it.
 */
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { CoreError } from '../errors';
import type { KdfParams, Sealed, SealedToPublicKey } from '../auth/crypto';
import type { KeyIntent } from '../auth/intents';
import { renameDurably, writeFileDurably, writeFileExclusive } from './files';

export const KEY_FILE_FORMAT = 'credit-desk-keys/1';
export const RECOVERY_ID = '#recovery';

export interface KeyHolder {
  /** A login, or RECOVERY_ID for the recovery code. */
  id: string;
  kdf: KdfParams;
  /** X25519 private key wrapped by the password-derived key. */
  privateKey: Sealed;
  publicKey: string;
  /** The data key sealed to `publicKey`. */
  dataKey: SealedToPublicKey;
}

/** A failed attempt waiting to enter the audit trail (auth/attempts.ts; older key files held them here). */
export interface PendingAuditEntry {
  id?: string;
  at: string;
  actor: string | null;
  method: string;
  target: string | null;
  outcome: 'error' | 'denied';
  detail: unknown;
}

export interface KeyFile {
  format: typeof KEY_FILE_FORMAT;
  /** Random id of the database this file belongs to. */
  databaseId: string;
  /** Increases with every re-key; bound into the sealed data keys. */
  generation: number;
  holders: KeyHolder[];
  /** A key change whose database half may not have committed yet. */
  intent?: KeyIntent;
  /** Written by versions before the attempts file; read once, never written again. */
  throttle?: Record<string, unknown>;
  pendingAudit?: PendingAuditEntry[];
}

export const keyFilePath = (dbPath: string) => `${dbPath}.keys`;
export const nextKeyFilePath = (dbPath: string) => `${dbPath}.keys.next`;

const isString = (v: unknown): v is string => typeof v === 'string';
const isSealed = (v: unknown): boolean => {
  const s = v as Partial<Sealed> | null;
  return typeof s === 'object' && s !== null && isString(s.iv) && isString(s.ct) && isString(s.tag);
};
const isKdf = (v: unknown): boolean => {
  const k = v as Partial<KdfParams> | null;
  const pow2 = (n: unknown) => Number.isInteger(n) && (n as number) >= 2 && ((n as number) & ((n as number) - 1)) === 0 && (n as number) <= 1 << 20;
  const small = (n: unknown, max: number) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= max;
  // Bounded, so that a damaged file cannot ask a login for gigabytes of memory or minutes of work:
  // at most 1 GiB (128·N·r bytes) and 16 times the cost of DEFAULT_KDF.
  return (
    typeof k === 'object' && k !== null && k.alg === 'scrypt' && pow2(k.N) && small(k.r, 32) && small(k.p, 16) && isString(k.salt) &&
    128 * k.N! * k.r! <= 1024 ** 3 && k.N! * k.r! * k.p! <= 16 * (1 << 17) * 8
  );
};

/** Checks the shape of a parsed key file, so that nothing later trips over a damaged one. */
function checkShape(parsed: unknown, path: string): KeyFile {
  const bad = (what: string) => new CoreError('DB_CORRUPT', `密钥文件 ${path} 已损坏（${what}），无法使用。请从备份中恢复密钥文件。`);
  const f = parsed as Partial<KeyFile> | null;
  if (typeof f !== 'object' || f === null || Array.isArray(f)) throw bad('不是 JSON 对象');
  if (f.format !== KEY_FILE_FORMAT) throw new CoreError('DB_CORRUPT', `密钥文件 ${path} 的格式无法识别。`);
  if (!isString(f.databaseId) || !Number.isSafeInteger(f.generation) || (f.generation as number) < 1) throw bad('缺少数据库编号或代数');
  if (!Array.isArray(f.holders) || f.holders.length === 0 || f.holders.length > 10_000) throw bad('没有密钥持有人');
  const ids = new Set<string>();
  for (const h of f.holders as Partial<KeyHolder>[]) {
    if (typeof h !== 'object' || h === null || !isString(h.id) || h.id.length === 0 || h.id.length > 64) throw bad('持有人编号无效');
    if (ids.has(h.id)) throw bad(`持有人 ${h.id} 重复`);
    ids.add(h.id);
    if (!isKdf(h.kdf) || !isSealed(h.privateKey) || !isString(h.publicKey) || !isSealed(h.dataKey) || !isString((h.dataKey as SealedToPublicKey).epk)) {
      throw bad(`持有人 ${h.id} 的密钥数据不完整`);
    }
  }
  if (f.intent !== undefined && (typeof f.intent !== 'object' || f.intent === null || !isString(f.intent.id) || !isString(f.intent.method))) {
    throw bad('未完成的密钥变更记录无效');
  }
  if (f.pendingAudit !== undefined && !Array.isArray(f.pendingAudit)) throw bad('待记入审计的记录无效');
  return f as KeyFile;
}

export function parseKeyFile(text: string, path: string): KeyFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CoreError('DB_CORRUPT', `密钥文件 ${path} 已损坏，无法读取。请从备份中恢复密钥文件。`);
  }
  return checkShape(parsed, path);
}

export function readKeyFile(path: string): KeyFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CoreError('KEY_FILE_MISSING', `找不到密钥文件 ${path}。没有它无法打开数据库；请从备份中恢复密钥文件。`);
  }
  return parseKeyFile(text, path);
}

export function serializeKeyFile(file: KeyFile): string {
  // The throttle and the failed attempts live in the attempts file now.
  const { throttle: _t, pendingAudit: _p, ...rest } = file;
  return JSON.stringify(rest, null, 2) + '\n';
}

/** Writes a key file in place (atomically). Callers hold the department lock. */
export function writeKeyFile(path: string, file: KeyFile): void {
  writeFileDurably(path, serializeKeyFile(file));
}

/** Writes a key file that must not exist yet (setup): never replaces one. */
export function createKeyFile(path: string, file: KeyFile): void {
  writeFileExclusive(path, serializeKeyFile(file));
}

/** The key files to try, newest first; a pending `.keys.next` means a re-key was interrupted. */
export function candidateKeyFiles(dbPath: string): string[] {
  const next = nextKeyFilePath(dbPath);
  return existsSync(next) ? [next, keyFilePath(dbPath)] : [keyFilePath(dbPath)];
}

/** Makes `.keys.next` the key file after the database was re-keyed with it. */
export function promoteNextKeyFile(dbPath: string): void {
  renameDurably(nextKeyFilePath(dbPath), keyFilePath(dbPath));
}

export function discardNextKeyFile(dbPath: string): void {
  try {
    unlinkSync(nextKeyFilePath(dbPath));
  } catch {
    // already gone
  }
}

export function findHolder(file: KeyFile, id: string): KeyHolder | undefined {
  return file.holders.find((h) => h.id === id);
}

export const privateKeyAad = (file: Pick<KeyFile, 'databaseId'>, id: string) =>
  `credit-desk/private-key/${file.databaseId}/${id}`;
export const dataKeyAad = (file: Pick<KeyFile, 'databaseId' | 'generation'>, id: string) =>
  `credit-desk/data-key/${file.databaseId}/${file.generation}/${id}`;
