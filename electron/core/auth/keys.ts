/** Operations on the key file's holders: create, unlock, re-wrap, re-seal. */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  deriveKey,
  fromBase64,
  newKdfParams,
  newKeyPair,
  open,
  openSealed,
  seal,
  sealTo,
  toBase64,
  DEFAULT_KDF,
  publicKeyOf as x25519PublicKey,
} from './crypto';
import { CoreError } from '../errors';
import {
  dataKeyAad,
  findHolder,
  KEY_FILE_FORMAT,
  privateKeyAad,
  RECOVERY_ID,
  type KeyFile,
  type KeyHolder,
} from '../store/keyfile';

export type KdfCost = { N: number; r: number; p: number };

export function newDataKey(): Buffer {
  return randomBytes(32);
}

export function makeHolder(
  file: Pick<KeyFile, 'databaseId' | 'generation'>,
  id: string,
  secret: string,
  dataKey: Uint8Array,
  cost: KdfCost = DEFAULT_KDF,
): KeyHolder {
  const pair = newKeyPair();
  const kdf = newKdfParams(cost);
  return {
    id,
    kdf,
    privateKey: seal(deriveKey(secret, kdf), pair.privateKey, privateKeyAad(file, id)),
    publicKey: toBase64(pair.publicKey),
    dataKey: sealTo(pair.publicKey, dataKey, dataKeyAad(file, id)),
  };
}

export function newKeyFile(
  dataKey: Uint8Array,
  admin: { login: string; password: string },
  recoveryCode: string,
  cost: KdfCost = DEFAULT_KDF,
): KeyFile {
  const base = { databaseId: randomUUID(), generation: 1 };
  return {
    format: KEY_FILE_FORMAT,
    ...base,
    holders: [makeHolder(base, admin.login, admin.password, dataKey, cost), makeHolder(base, RECOVERY_ID, recoveryCode, dataKey, cost)],
  };
}

export interface Unlocked {
  privateKey: Buffer;
  /** The holder's X25519 public key (base64): signing keys are sealed to it. */
  publicKey: string;
  dataKey: Buffer;
}

/** Spends the work of one real attempt, so that timing does not tell which logins exist. */
export function spendAttempt(file: KeyFile, secret: string): void {
  deriveKey(secret, { ...file.holders[0].kdf });
}

/** Null when there is no such holder or the secret is wrong; DB_CORRUPT when the secret is right but the holder's data is damaged. */
export function unlockHolder(file: KeyFile, id: string, secret: string): Unlocked | null {
  const holder = findHolder(file, id);
  if (!holder) {
    spendAttempt(file, secret);
    return null;
  }
  const privateKey = open(deriveKey(secret, holder.kdf), holder.privateKey, privateKeyAad(file, id));
  if (!privateKey) return null;
  // The secret was right (its box opened): a data key that does not open, or a key pair that does
  // not match, is damage to the key file, not a wrong password.
  const dataKey = privateKey.length === 32 ? openSealed(privateKey, holder.dataKey, dataKeyAad(file, id)) : null;
  if (!dataKey || dataKey.length !== 32 || toBase64(x25519PublicKey(privateKey)) !== holder.publicKey) {
    throw new CoreError('DB_CORRUPT', `密钥文件中账户“${id === RECOVERY_ID ? '恢复码' : id}”的密钥数据已损坏（密码正确，但数据密钥无法取出）。请用恢复码重设密码，或从备份中恢复密钥文件。`);
  }
  return { privateKey, publicKey: holder.publicKey, dataKey };
}

/** Whether a holder's password key was made at a lower cost than `cost` (it is upgraded at the next login). */
export function belowCost(file: KeyFile, id: string, cost: KdfCost): boolean {
  const kdf = findHolder(file, id)?.kdf;
  return kdf !== undefined && (kdf.N < cost.N || kdf.r < cost.r || kdf.p < cost.p);
}

/** Same key pair, wrapped under a new secret (change password). */
export function rewrapHolder(file: KeyFile, id: string, privateKey: Uint8Array, newSecret: string, cost: KdfCost): KeyFile {
  const kdf = newKdfParams(cost);
  return {
    ...file,
    holders: file.holders.map((h) =>
      h.id === id ? { ...h, kdf, privateKey: seal(deriveKey(newSecret, kdf), privateKey, privateKeyAad(file, id)) } : h,
    ),
  };
}

export function putHolder(file: KeyFile, holder: KeyHolder): KeyFile {
  return { ...file, holders: [...file.holders.filter((h) => h.id !== holder.id), holder] };
}

export function removeHolder(file: KeyFile, id: string): KeyFile {
  return { ...file, holders: file.holders.filter((h) => h.id !== id) };
}

/** A new generation: the new data key sealed to every holder's public key except `excluded` (one or several). */
export function resealAll(file: KeyFile, newKey: Uint8Array, excluded: string | readonly string[]): KeyFile {
  const out = new Set(typeof excluded === 'string' ? [excluded] : excluded);
  const next = { ...file, generation: file.generation + 1 };
  next.holders = file.holders
    .filter((h) => !out.has(h.id))
    .map((h) => ({ ...h, dataKey: sealTo(fromBase64(h.publicKey), newKey, dataKeyAad(next, h.id)) }));
  return next;
}
