/**
 * Approvers' signing keys: SM2 pairs generated in the app, the private key
 * wrapped (scrypt → AES-256-GCM) by the approver's password. Rotating retires
 * the old key but keeps its public half, so old batches still verify.
 */
import { deriveKey, newKdfParams, open, seal, type KdfParams, type Sealed } from '../auth/crypto';
import type { KdfCost } from '../auth/keys';
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

interface Wrapped extends Sealed {
  kdf: KdfParams;
}

const aad = (login: string, publicKey: string) => `credit-desk/signing-key/${login}/${publicKey}`;

function wrap(login: string, pair: SigningKeyPair, password: string, cost: KdfCost): string {
  const kdf = newKdfParams(cost);
  const box = seal(deriveKey(password, kdf), Buffer.from(pair.privateKey, 'hex'), aad(login, pair.publicKey));
  return JSON.stringify({ kdf, ...box } satisfies Wrapped);
}

function unwrap(row: SigningKeyRow & { wrapped: string }, password: string): SigningKeyPair | null {
  const w = JSON.parse(row.wrapped) as Wrapped;
  const plain = open(deriveKey(password, w.kdf), w, aad(row.login, row.publicKey));
  return plain ? { privateKey: plain.toString('hex'), publicKey: row.publicKey } : null;
}

const SELECT = `SELECT id, login, public_key AS publicKey, fingerprint, created_at AS createdAt, retired_at AS retiredAt FROM signing_keys`;

export function listSigningKeys(db: SqliteDatabase, login?: string): SigningKeyRow[] {
  return (login ? db.prepare(`${SELECT} WHERE login = ? ORDER BY id DESC`).all(login) : db.prepare(`${SELECT} ORDER BY id DESC`).all()) as SigningKeyRow[];
}

export function activeSigningKey(db: SqliteDatabase, login: string): (SigningKeyRow & { wrapped: string }) | undefined {
  return db
    .prepare(`${SELECT.replace('FROM', ', wrapped_private_key AS wrapped FROM')} WHERE login = ? AND retired_at IS NULL ORDER BY id DESC LIMIT 1`)
    .get(login) as (SigningKeyRow & { wrapped: string }) | undefined;
}

export function signingKeyById(db: SqliteDatabase, id: number): SigningKeyRow | undefined {
  return db.prepare(`${SELECT} WHERE id = ?`).get(id) as SigningKeyRow | undefined;
}

/** Generates a new key pair for `login`, retiring the current one (rotation). */
export function generateKey(db: SqliteDatabase, login: string, password: string, at: string, cost: KdfCost): SigningKeyRow {
  const pair = generateSigningKey();
  db.prepare('UPDATE signing_keys SET retired_at = ? WHERE login = ? AND retired_at IS NULL').run(at, login);
  const id = Number(
    db
      .prepare('INSERT INTO signing_keys (login, public_key, fingerprint, wrapped_private_key, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(login, pair.publicKey, fingerprint(pair.publicKey), wrap(login, pair, password, cost), at).lastInsertRowid,
  );
  return signingKeyById(db, id)!;
}

/** The approver's current key pair, unlocked by their password. */
export function unlockSigningKey(db: SqliteDatabase, login: string, password: string): { row: SigningKeyRow; pair: SigningKeyPair } {
  const row = activeSigningKey(db, login);
  if (!row) throw new CoreError('NOT_FOUND', '您还没有签名密钥：请先在“报送批次 → 签名密钥”中生成。');
  const pair = unwrap(row, password);
  if (!pair) throw new CoreError('WRONG_PASSWORD', '密码不正确，无法使用签名密钥。');
  return { row, pair };
}

/** A password change re-wraps the person's signing keys under the new password. */
export function rewrapSigningKeys(db: SqliteDatabase, login: string, oldPassword: string, newPassword: string, cost: KdfCost): number {
  const rows = db.prepare(`${SELECT.replace('FROM', ', wrapped_private_key AS wrapped FROM')} WHERE login = ?`).all(login) as (SigningKeyRow & { wrapped: string })[];
  const update = db.prepare('UPDATE signing_keys SET wrapped_private_key = ? WHERE id = ?');
  let n = 0;
  for (const row of rows) {
    const pair = unwrap(row, oldPassword);
    if (!pair) continue; // wrapped under an older password (e.g. before a recovery reset): stays unusable
    update.run(wrap(login, pair, newPassword, cost), row.id);
    n++;
  }
  return n;
}

export function pemOf(row: SigningKeyRow): string {
  return publicKeyPem(row.publicKey);
}
