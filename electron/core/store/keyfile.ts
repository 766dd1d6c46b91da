/**
 * The key file (`<database>.keys`) sits beside the encrypted database and holds
 * no secret in clear: for every account (and for the recovery code) a private
 * key wrapped by a password-derived key, and the database's data key sealed to
 * that account's public key. It also holds what must survive a failed login,
 * when the database cannot be opened: the throttle counters and the failed
 * attempts waiting to be written into the audit trail.
 *
 * Re-keying writes `<database>.keys.next` first, then re-keys the database, then
 * renames: a crash at any point leaves one of the two files able to open it.
 */
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { CoreError } from '../errors';
import type { KdfParams, Sealed, SealedToPublicKey } from '../auth/crypto';
import { renameDurably, writeFileDurably } from './files';

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

export interface PendingAuditEntry {
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
  throttle: Record<string, { failures: number; lastFailureAt: string }>;
  pendingAudit: PendingAuditEntry[];
}

export const keyFilePath = (dbPath: string) => `${dbPath}.keys`;
export const nextKeyFilePath = (dbPath: string) => `${dbPath}.keys.next`;

export function readKeyFile(path: string): KeyFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CoreError('KEY_FILE_MISSING', `找不到密钥文件 ${path}。没有它无法打开数据库；请从备份中恢复密钥文件。`);
  }
  let parsed: KeyFile;
  try {
    parsed = JSON.parse(text) as KeyFile;
  } catch {
    throw new CoreError('DB_CORRUPT', `密钥文件 ${path} 已损坏，无法读取。`);
  }
  if (parsed.format !== KEY_FILE_FORMAT) {
    throw new CoreError('DB_CORRUPT', `密钥文件 ${path} 的格式无法识别。`);
  }
  return parsed;
}

export function writeKeyFile(path: string, file: KeyFile): void {
  writeFileDurably(path, JSON.stringify(file, null, 2) + '\n');
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
