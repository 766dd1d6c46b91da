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
} from './crypto';
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
    throttle: {},
    pendingAudit: [],
  };
}

export interface Unlocked {
  privateKey: Buffer;
  dataKey: Buffer;
}

/** Null when there is no such holder or the secret is wrong. */
export function unlockHolder(file: KeyFile, id: string, secret: string): Unlocked | null {
  const holder = findHolder(file, id);
  if (!holder) {
    // Spend the same work as a real attempt so timing does not reveal which logins exist.
    deriveKey(secret, { ...file.holders[0].kdf });
    return null;
  }
  const privateKey = open(deriveKey(secret, holder.kdf), holder.privateKey, privateKeyAad(file, id));
  if (!privateKey) return null;
  const dataKey = openSealed(privateKey, holder.dataKey, dataKeyAad(file, id));
  return dataKey ? { privateKey, dataKey } : null;
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

/** A new generation: the new data key sealed to every holder's public key except `excluded`. */
export function resealAll(file: KeyFile, newKey: Uint8Array, excluded: string): KeyFile {
  const next = { ...file, generation: file.generation + 1 };
  next.holders = file.holders
    .filter((h) => h.id !== excluded)
    .map((h) => ({ ...h, dataKey: sealTo(fromBase64(h.publicKey), newKey, dataKeyAad(next, h.id)) }));
  return next;
}
