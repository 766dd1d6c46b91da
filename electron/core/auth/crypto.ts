/**
 * Key wrapping for the data key. Only primitives that both OpenSSL (Node) and
 * BoringSSL (Electron) provide are used from node:crypto — scrypt, AES-256-GCM,
 * random bytes; X25519 comes from @noble/curves (audited, pure JS).
 *
 * Each account has an X25519 key pair. Its private key is wrapped by a key
 * derived from the password; the data key is sealed to its public key. Sealing
 * to public keys lets an administrator re-key the database for every remaining
 * account without knowing their passwords.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync, createHash } from 'node:crypto';
import { x25519 } from '@noble/curves/ed25519.js';

export interface KdfParams {
  alg: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string; // base64
}

export interface Sealed {
  iv: string;
  ct: string;
  tag: string;
}

export interface SealedToPublicKey extends Sealed {
  epk: string; // ephemeral X25519 public key
}

/**
 * Password keys: scrypt N = 2^17, r = 8, p = 1 (OWASP's current minimum for
 * scrypt), 128 MiB per derivation. Keys made at a lower cost are re-wrapped at
 * this one at their next use (login). `npm run bench` measures a login here
 * (section D).
 */
export const DEFAULT_KDF = { N: 1 << 17, r: 8, p: 1 } as const;

const b64 = (buf: Uint8Array) => Buffer.from(buf).toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

export function newKdfParams(cost: { N: number; r: number; p: number } = DEFAULT_KDF): KdfParams {
  return { alg: 'scrypt', ...cost, salt: b64(randomBytes(16)) };
}

export function deriveKey(secret: string, params: KdfParams): Buffer {
  const { N, r, p } = params;
  return scryptSync(secret.normalize('NFC'), unb64(params.salt), 32, { N, r, p, maxmem: 256 * N * r * p + 1024 * 1024 });
}

export function seal(key: Uint8Array, plain: Uint8Array, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv: b64(iv), ct: b64(ct), tag: b64(cipher.getAuthTag()) };
}

/** Returns null when the key is wrong or the box was altered. */
export function open(key: Uint8Array, box: Sealed, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, unb64(box.iv));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(unb64(box.tag));
    return Buffer.concat([decipher.update(unb64(box.ct)), decipher.final()]);
  } catch {
    return null;
  }
}

export interface KeyPair {
  privateKey: Buffer;
  publicKey: Buffer;
}

export function newKeyPair(): KeyPair {
  const privateKey = Buffer.from(x25519.utils.randomSecretKey());
  return { privateKey, publicKey: Buffer.from(x25519.getPublicKey(privateKey)) };
}

/** Box key = SHA-256 over the ECDH secret bound to both public keys. */
function boxKey(shared: Uint8Array, epk: Uint8Array, recipient: Uint8Array): Buffer {
  return createHash('sha256').update('credit-desk/seal/1').update(shared).update(epk).update(recipient).digest();
}

/** Seals a small secret (the data key) to an X25519 public key (ephemeral-static ECDH). */
export function sealTo(publicKey: Uint8Array, plain: Uint8Array, aad: string): SealedToPublicKey {
  const eph = newKeyPair();
  const key = boxKey(x25519.getSharedSecret(eph.privateKey, publicKey), eph.publicKey, publicKey);
  return { epk: b64(eph.publicKey), ...seal(key, plain, aad) };
}

/** Returns null when the key is wrong or the box was altered (an ephemeral key of the wrong length included). */
export function openSealed(privateKey: Uint8Array, box: SealedToPublicKey, aad: string): Buffer | null {
  const epk = unb64(box.epk);
  let shared: Uint8Array;
  try {
    shared = x25519.getSharedSecret(privateKey, epk);
  } catch {
    return null;
  }
  return open(boxKey(shared, epk, x25519.scalarMult(privateKey, X25519_BASE_U)), box, aad);
}

/**
 * The base point's u-coordinate (9, RFC 7748). `scalarMult(k, 9)` is k's public key, as
 * `getPublicKey(k)` computes it; getPublicKey first builds precomputed tables (about
 * 60 ms of CPU in a fresh process), which a login that opens one box never repays.
 */
const X25519_BASE_U = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 9 : 0));

/** The X25519 public key of a private key (without getPublicKey's tables: a login checks one key pair). */
export function publicKeyOf(privateKey: Uint8Array): Buffer {
  return Buffer.from(x25519.scalarMult(privateKey, X25519_BASE_U));
}

export const toBase64 = b64;
export const fromBase64 = unb64;

/** Recovery codes: 25 Crockford base32 characters (125 bits) in five groups. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newRecoveryCode(): string {
  const bytes = randomBytes(25);
  const chars = Array.from(bytes, (b) => CROCKFORD[b & 31]).join('');
  return chars.match(/.{5}/g)!.join('-');
}

/** Accepts lower case, missing dashes and the look-alikes people type (O→0, I/L→1). */
export function normalizeRecoveryCode(input: string): string {
  const chars = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return chars.match(/.{1,5}/g)?.join('-') ?? '';
}
