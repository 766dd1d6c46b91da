/**
 * Approvers' signing keys: SM2 pairs generated in the app. The private key is
 * sealed to the approver's account key (the X25519 key pair of their holder in
 * the key file, itself unlocked by their password), so a password change — which
 * re-wraps that account key under the new password — leaves signing keys as they
 * are: one atomic write of the key file. A password reset (recovery code or an
 * administrator) gives the account a new key pair: keys made before can then no
 * longer sign (their public halves still verify old batches); the approver
 * generates a new one. Rotating retires the old key but keeps its public half.
 *
 * Keys made by earlier versions were wrapped by a key derived from the password
 * (`kdf` in the stored JSON); they are sealed anew at the owner's next login.
 */
import { deriveKey, fromBase64, open, openSealed, sealTo, type KdfParams, type Sealed, type SealedToPublicKey } from '../auth/crypto';
import type { Unlocked } from '../auth/keys';
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';
import { fingerprint, generateSigningKey, publicKeyPem, type SigningKeyPair } from './sm2';

export interface SigningKeyRow {
  id: number;
  login: string;
  publicKey: string;
  fingerprint: string;
  createdAt: string;
  retiredAt: string | null;
}

/** Earlier versions: wrapped by a password-derived key. */
interface PasswordWrapped extends Sealed {
  kdf: KdfParams;
}

/** Now: sealed to the account's X25519 public key (base64 in `sealedTo`). */
interface AccountSealed {
  sealedTo: string;
  box: SealedToPublicKey;
}

type Wrapped = PasswordWrapped | AccountSealed;

const aad = (login: string, publicKey: string) => `credit-desk/signing-key/${login}/${publicKey}`;

function sealToAccount(login: string, pair: SigningKeyPair, account: Pick<Unlocked, 'publicKey'>): string {
  const box = sealTo(fromBase64(account.publicKey), Buffer.from(pair.privateKey, 'hex'), aad(login, pair.publicKey));
  return JSON.stringify({ sealedTo: account.publicKey, box } satisfies AccountSealed);
}

type RowWithWrapped = SigningKeyRow & { wrapped: string };

function openWithAccount(row: RowWithWrapped, account: Pick<Unlocked, 'privateKey' | 'publicKey'>): SigningKeyPair | null {
  const w = JSON.parse(row.wrapped) as Wrapped;
  if (!('sealedTo' in w) || w.sealedTo !== account.publicKey) return null;
  const plain = openSealed(account.privateKey, w.box, aad(row.login, row.publicKey));
  return plain ? { privateKey: plain.toString('hex'), publicKey: row.publicKey } : null;
}

function openWithPassword(row: RowWithWrapped, password: string): SigningKeyPair | null {
  const w = JSON.parse(row.wrapped) as Wrapped;
  if (!('kdf' in w)) return null;
  const plain = open(deriveKey(password, w.kdf), w, aad(row.login, row.publicKey));
  return plain ? { privateKey: plain.toString('hex'), publicKey: row.publicKey } : null;
}

const SELECT = `SELECT id, login, public_key AS publicKey, fingerprint, created_at AS createdAt, retired_at AS retiredAt FROM signing_keys`;
const SELECT_WRAPPED = SELECT.replace('FROM', ', wrapped_private_key AS wrapped FROM');

export function listSigningKeys(db: SqliteDatabase, login?: string): SigningKeyRow[] {
  return (login ? db.prepare(`${SELECT} WHERE login = ? ORDER BY id DESC`).all(login) : db.prepare(`${SELECT} ORDER BY id DESC`).all()) as SigningKeyRow[];
}

export function activeSigningKey(db: SqliteDatabase, login: string): RowWithWrapped | undefined {
  return db.prepare(`${SELECT_WRAPPED} WHERE login = ? AND retired_at IS NULL ORDER BY id DESC LIMIT 1`).get(login) as RowWithWrapped | undefined;
}

export function signingKeyById(db: SqliteDatabase, id: number): SigningKeyRow | undefined {
  return db.prepare(`${SELECT} WHERE id = ?`).get(id) as SigningKeyRow | undefined;
}

/** Generates a new key pair for `login`, sealed to their account key, retiring the current one (rotation). */
export function generateKey(db: SqliteDatabase, login: string, account: Pick<Unlocked, 'publicKey'>, at: string): SigningKeyRow {
  const pair = generateSigningKey();
  db.prepare('UPDATE signing_keys SET retired_at = ? WHERE login = ? AND retired_at IS NULL').run(at, login);
  const id = Number(
    db
      .prepare('INSERT INTO signing_keys (login, public_key, fingerprint, wrapped_private_key, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(login, pair.publicKey, fingerprint(pair.publicKey), sealToAccount(login, pair, account), at).lastInsertRowid,
  );
  return signingKeyById(db, id)!;
}

/** The approver's current key pair, opened with their unlocked account key. */
export function unlockSigningKey(db: SqliteDatabase, login: string, account: Pick<Unlocked, 'privateKey' | 'publicKey'>): { row: SigningKeyRow; pair: SigningKeyPair } {
  const row = activeSigningKey(db, login);
  if (!row) throw new CoreError('NOT_FOUND', '您还没有签名密钥：请先在“报送批次 → 签名密钥”中生成。');
  const pair = openWithAccount(row, account);
  if (!pair) {
    throw new CoreError(
      'NOT_FOUND',
      '您当前的签名密钥是在密码被重设之前生成的，已无法使用：请在“报送批次 → 签名密钥”中生成新的签名密钥（旧公钥仍可用于核验以前的批次）。',
    );
  }
  return { row, pair };
}

/**
 * At login: keys an earlier version wrapped with the password are sealed to the
 * account key instead. Keys wrapped under an older password stay as they are
 * (unusable, as before). Returns how many were converted.
 */
export function sealLegacySigningKeys(db: SqliteDatabase, login: string, password: string, account: Pick<Unlocked, 'publicKey'>): number {
  const rows = (db.prepare(`${SELECT_WRAPPED} WHERE login = ?`).all(login) as RowWithWrapped[]).filter((r) => 'kdf' in (JSON.parse(r.wrapped) as object));
  if (rows.length === 0) return 0;
  const update = db.prepare('UPDATE signing_keys SET wrapped_private_key = ? WHERE id = ?');
  let n = 0;
  db.transaction(() => {
    for (const row of rows) {
      const pair = openWithPassword(row, password);
      if (!pair) continue;
      update.run(sealToAccount(login, pair, account), row.id);
      n++;
    }
  })();
  return n;
}

export function pemOf(row: SigningKeyRow): string {
  return publicKeyPem(row.publicKey);
}
