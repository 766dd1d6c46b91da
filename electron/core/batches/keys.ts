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
import { and, desc, eq, isNull } from 'drizzle-orm';
import { signingKeys } from '../../../drizzle/schema';
import { deriveKey, fromBase64, open, openSealed, sealTo, type KdfParams, type Sealed, type SealedToPublicKey } from '../auth/crypto';
import type { Unlocked } from '../auth/keys';
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { fingerprint, generateSigningKey, publicKeyPem, type SigningKeyPair } from './sm2';

/** A signing key without its private half. */
const KEY_COLUMNS = {
  id: signingKeys.id,
  login: signingKeys.login,
  publicKey: signingKeys.publicKey,
  fingerprint: signingKeys.fingerprint,
  createdAt: signingKeys.createdAt,
  retiredAt: signingKeys.retiredAt,
};

export type SigningKeyRow = Pick<typeof signingKeys.$inferSelect, keyof typeof KEY_COLUMNS>;

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

type RowWithWrapped = SigningKeyRow & Pick<typeof signingKeys.$inferSelect, 'wrappedPrivateKey'>;

function openWithAccount(row: RowWithWrapped, account: Pick<Unlocked, 'privateKey' | 'publicKey'>): SigningKeyPair | null {
  const w = JSON.parse(row.wrappedPrivateKey) as Wrapped;
  if (!('sealedTo' in w) || w.sealedTo !== account.publicKey) return null;
  const plain = openSealed(account.privateKey, w.box, aad(row.login, row.publicKey));
  return plain ? { privateKey: plain.toString('hex'), publicKey: row.publicKey } : null;
}

function openWithPassword(row: RowWithWrapped, password: string): SigningKeyPair | null {
  const w = JSON.parse(row.wrappedPrivateKey) as Wrapped;
  if (!('kdf' in w)) return null;
  const plain = open(deriveKey(password, w.kdf), w, aad(row.login, row.publicKey));
  return plain ? { privateKey: plain.toString('hex'), publicKey: row.publicKey } : null;
}

const withWrapped = (db: SqliteDatabase) => orm(db).select({ ...KEY_COLUMNS, wrappedPrivateKey: signingKeys.wrappedPrivateKey }).from(signingKeys);

export function listSigningKeys(db: SqliteDatabase, login?: string): SigningKeyRow[] {
  return orm(db)
    .select(KEY_COLUMNS)
    .from(signingKeys)
    .where(login ? eq(signingKeys.login, login) : undefined)
    .orderBy(desc(signingKeys.id))
    .all();
}

export function activeSigningKey(db: SqliteDatabase, login: string): RowWithWrapped | undefined {
  return withWrapped(db)
    .where(and(eq(signingKeys.login, login), isNull(signingKeys.retiredAt)))
    .orderBy(desc(signingKeys.id))
    .limit(1)
    .get();
}

export function signingKeyById(db: SqliteDatabase, id: number): SigningKeyRow | undefined {
  return orm(db).select(KEY_COLUMNS).from(signingKeys).where(eq(signingKeys.id, id)).get();
}

/** Generates a new key pair for `login`, sealed to their account key, retiring the current one (rotation). */
export function generateKey(db: SqliteDatabase, login: string, account: Pick<Unlocked, 'publicKey'>, at: string): SigningKeyRow {
  const pair = generateSigningKey();
  const q = orm(db);
  q.update(signingKeys)
    .set({ retiredAt: at })
    .where(and(eq(signingKeys.login, login), isNull(signingKeys.retiredAt)))
    .run();
  const id = Number(
    q
      .insert(signingKeys)
      .values({ login, publicKey: pair.publicKey, fingerprint: fingerprint(pair.publicKey), wrappedPrivateKey: sealToAccount(login, pair, account), createdAt: at })
      .run().lastInsertRowid,
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
  const rows = withWrapped(db)
    .where(eq(signingKeys.login, login))
    .all()
    .filter((r) => 'kdf' in (JSON.parse(r.wrappedPrivateKey) as object));
  if (rows.length === 0) return 0;
  let n = 0;
  db.transaction(() => {
    for (const row of rows) {
      const pair = openWithPassword(row, password);
      if (!pair) continue;
      orm(db)
        .update(signingKeys)
        .set({ wrappedPrivateKey: sealToAccount(login, pair, account) })
        .where(eq(signingKeys.id, row.id))
        .run();
      n++;
    }
  })();
  return n;
}

export function pemOf(row: SigningKeyRow): string {
  return publicKeyPem(row.publicKey);
}
