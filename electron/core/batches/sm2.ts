/**
 * SM2 signatures with SM3 (GM/T 0003, GM/T 0004) through sm-crypto-v2, a
 * maintained pure-JS implementation: Electron's BoringSSL has neither, and the
 * same code must sign in the app and verify anywhere. Keys travel as standard
 * SubjectPublicKeyInfo PEM (id-ecPublicKey on the SM2 curve), signatures as DER,
 * so OpenSSL 3 verifies them:
 *   openssl pkeyutl -verify -pubin -inkey signer.pem -rawin -in manifest.json \
 *     -sigfile manifest.sig -digest sm3 -pkeyopt distid:1234567812345678
 */
import { sm2, sm3 } from 'sm-crypto-v2';

/** The default user ID of GM/T 0009 (domain.md §7). */
export const SM2_USER_ID = '1234567812345678';

// SEQUENCE { SEQUENCE { id-ecPublicKey 1.2.840.10045.2.1, sm2 1.2.156.10197.1.301 }, BIT STRING (0 unused bits) 04‖X‖Y }
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

export interface SigningKeyPair {
  privateKey: string; // 64 hex
  publicKey: string; // 130 hex, uncompressed 04‖X‖Y
}

export function generateSigningKey(): SigningKeyPair {
  const pair = sm2.generateKeyPairHex();
  return { privateKey: pair.privateKey, publicKey: pair.publicKey };
}

export function publicKeyDer(publicKeyHex: string): Buffer {
  const point = Buffer.from(publicKeyHex, 'hex');
  if (point.length !== 65 || point[0] !== 0x04) throw new Error('SM2 public key must be an uncompressed point');
  return Buffer.concat([SPKI_PREFIX, point]);
}

export function publicKeyPem(publicKeyHex: string): string {
  const b64 = publicKeyDer(publicKeyHex).toString('base64');
  return `-----BEGIN PUBLIC KEY-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

/** The public key in a PEM, or null when the PEM is not an SM2 SubjectPublicKeyInfo. */
export function parsePublicKeyPem(pem: string): string | null {
  const m = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(pem);
  if (!m) return null;
  const der = Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
  if (der.length !== SPKI_PREFIX.length + 65 || !der.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX)) return null;
  const point = der.subarray(SPKI_PREFIX.length);
  if (point[0] !== 0x04) return null;
  const hex = point.toString('hex');
  return sm2.verifyPublicKey(hex) ? hex : null;
}

export function sm3Hex(data: Uint8Array | string): string {
  return sm3(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
}

/** The key's fingerprint: SM3 over its DER SubjectPublicKeyInfo, grouped for reading aloud. */
export function fingerprint(publicKeyHex: string): string {
  return sm3Hex(publicKeyDer(publicKeyHex)).toUpperCase().match(/.{4}/g)!.join(' ');
}

export function signSm2(message: Uint8Array, key: SigningKeyPair): Buffer {
  const hex = sm2.doSignature(message, key.privateKey, { der: true, hash: true, publicKey: key.publicKey, userId: SM2_USER_ID });
  return Buffer.from(hex, 'hex');
}

export function verifySm2(message: Uint8Array, signatureDer: Uint8Array, publicKeyHex: string): boolean {
  try {
    return sm2.doVerifySignature(message, Buffer.from(signatureDer).toString('hex'), publicKeyHex, { der: true, hash: true, userId: SM2_USER_ID });
  } catch {
    return false;
  }
}
