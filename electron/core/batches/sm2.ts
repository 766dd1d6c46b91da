/**
 * SM2 signatures with SM3 (GM/T 0003, GM/T 0004) through sm-crypto-v2, a
 * maintained pure-JS implementation: Electron's BoringSSL has neither, and the
 * same code must sign in the app and verify anywhere. Keys travel as standard
 * SubjectPublicKeyInfo PEM (id-ecPublicKey on the SM2 curve), signatures as DER,
 * so OpenSSL 3 verifies them:
 *   openssl pkeyutl -verify -pubin -inkey signer.pem -rawin -in manifest.json \
 *     -sigfile manifest.sig -digest sm3 -pkeyopt distid:1234567812345678
 */
import type * as SmCrypto from 'sm-crypto-v2';
import { lazyRequire } from '../lazy';

/** sm-crypto-v2 loads at the first signature or digest: logging in and most commands never need it. */
const smCrypto = lazyRequire<typeof SmCrypto>('sm-crypto-v2');

/** The default user ID of GM/T 0009 (domain.md §7). */
export const SM2_USER_ID = '1234567812345678';

// SEQUENCE { SEQUENCE { id-ecPublicKey 1.2.840.10045.2.1, sm2 1.2.156.10197.1.301 }, BIT STRING (0 unused bits) 04‖X‖Y }
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

export interface SigningKeyPair {
  privateKey: string; // 64 hex
  publicKey: string; // 130 hex, uncompressed 04‖X‖Y
}

export function generateSigningKey(): SigningKeyPair {
  const pair = smCrypto().sm2.generateKeyPairHex();
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
  try {
    return smCrypto().sm2.verifyPublicKey(hex) ? hex : null;
  } catch {
    // A point off the curve makes the library throw rather than answer false.
    return null;
  }
}

export function sm3Hex(data: Uint8Array | string): string {
  return smCrypto().sm3(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
}

/** The key's fingerprint: SM3 over its DER SubjectPublicKeyInfo, grouped for reading aloud. */
export function fingerprint(publicKeyHex: string): string {
  return sm3Hex(publicKeyDer(publicKeyHex)).toUpperCase().match(/.{4}/g)!.join(' ');
}

export function signSm2(message: Uint8Array, key: SigningKeyPair): Buffer {
  const hex = smCrypto().sm2.doSignature(message, key.privateKey, { der: true, hash: true, publicKey: key.publicKey, userId: SM2_USER_ID });
  return Buffer.from(hex, 'hex');
}

export function verifySm2(message: Uint8Array, signatureDer: Uint8Array, publicKeyHex: string): boolean {
  try {
    return smCrypto().sm2.doVerifySignature(message, Buffer.from(signatureDer).toString('hex'), publicKeyHex, { der: true, hash: true, userId: SM2_USER_ID });
  } catch {
    return false;
  }
}

// --- private keys as OpenSSL writes them ---------------------------------------------

const OID_EC_PUBLIC_KEY = '2a8648ce3d0201'; // 1.2.840.10045.2.1
const OID_SM2 = '2a811ccf5501822d'; // 1.2.156.10197.1.301

interface Der {
  tag: number;
  body: Buffer;
  /** Offset just past this element. */
  end: number;
}

/** One DER element at `offset` (definite lengths only, as DER requires). */
function derAt(buf: Buffer, offset: number): Der {
  if (offset + 2 > buf.length) throw new Error('truncated');
  const tag = buf[offset];
  let length = buf[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4 || start + n > buf.length) throw new Error('bad length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[start + i];
    start += n;
  }
  if (start + length > buf.length) throw new Error('truncated');
  return { tag, body: buf.subarray(start, start + length), end: start + length };
}

function derChildren(body: Buffer): Der[] {
  const out: Der[] = [];
  for (let at = 0; at < body.length; ) {
    const el = derAt(body, at);
    out.push(el);
    at = el.end;
  }
  return out;
}

/** SEC1 ECPrivateKey: SEQUENCE { 1, OCTET STRING d, [0] curve OID?, [1] BIT STRING point? }. */
function sec1Key(der: Buffer, curveFromPkcs8: string | null): { d: Buffer; curve: string | null; point: Buffer | null } {
  const seq = derAt(der, 0);
  if (seq.tag !== 0x30) throw new Error('not a SEQUENCE');
  const [version, key, ...rest] = derChildren(seq.body);
  if (version?.tag !== 0x02 || key?.tag !== 0x04) throw new Error('not an ECPrivateKey');
  let curve = curveFromPkcs8;
  let point: Buffer | null = null;
  for (const el of rest) {
    if (el.tag === 0xa0) {
      const oid = derAt(el.body, 0);
      if (oid.tag === 0x06) curve = oid.body.toString('hex');
    } else if (el.tag === 0xa1) {
      const bits = derAt(el.body, 0);
      if (bits.tag === 0x03 && bits.body[0] === 0) point = bits.body.subarray(1);
    }
  }
  return { d: key.body, curve, point };
}

/**
 * The SM2 key pair in a private-key PEM as OpenSSL 3 writes it: PKCS#8
 * `PRIVATE KEY` (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2`)
 * or SEC1 `EC PRIVATE KEY` / `SM2 PRIVATE KEY` (`openssl ec`). Throws an Error
 * with a Chinese reason for anything else (an encrypted key, another curve, not
 * a key at all).
 */
export function parsePrivateKeyPem(pem: string): SigningKeyPair {
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem)) {
    throw new Error('私钥已加密：请先解密，例如 openssl pkey -in 加密.pem -out 私钥.pem（输入口令），再使用解密后的文件');
  }
  const m = /-----BEGIN (PRIVATE KEY|EC PRIVATE KEY|SM2 PRIVATE KEY)-----([\s\S]+?)-----END \1-----/.exec(pem);
  if (!m) throw new Error('不是 PEM 格式的私钥（应以 -----BEGIN PRIVATE KEY----- 或 -----BEGIN EC PRIVATE KEY----- 开头）');
  if (/Proc-Type:\s*4,ENCRYPTED/i.test(m[2])) throw new Error('私钥已加密：请先用 openssl ec -in 加密.pem -out 私钥.pem 解密');
  const der = Buffer.from(m[2].replace(/\s+/g, ''), 'base64');
  let key: { d: Buffer; curve: string | null; point: Buffer | null };
  try {
    if (m[1] === 'PRIVATE KEY') {
      // PKCS#8: SEQUENCE { 0, SEQUENCE { algorithm OID, parameters }, OCTET STRING ECPrivateKey }
      const [, algorithm, wrapped] = derChildren(derAt(der, 0).body);
      const [algOid, param] = derChildren(algorithm.body);
      const alg = algOid.body.toString('hex');
      if (alg !== OID_EC_PUBLIC_KEY && alg !== OID_SM2) throw new Error('不是椭圆曲线（EC/SM2）私钥');
      const curve = param?.tag === 0x06 ? param.body.toString('hex') : alg === OID_SM2 ? OID_SM2 : null;
      key = sec1Key(wrapped.body, curve);
    } else {
      key = sec1Key(der, m[1] === 'SM2 PRIVATE KEY' ? OID_SM2 : null);
    }
  } catch (err) {
    const reason = (err as Error).message;
    throw new Error(/[\u4e00-\u9fff]/.test(reason) ? reason : `私钥文件无法解析（${reason}）`);
  }
  if (key.curve !== OID_SM2) throw new Error('私钥不是 SM2 曲线上的密钥（应由 openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 生成）');
  const d = key.d.length > 32 ? key.d.subarray(key.d.length - 32) : key.d;
  const privateKey = Buffer.concat([Buffer.alloc(32 - d.length), d]).toString('hex');
  const publicKey = smCrypto().sm2.getPublicKeyFromPrivateKey(privateKey);
  if (key.point && key.point.toString('hex') !== publicKey) throw new Error('私钥文件中的公钥与私钥不符');
  return { privateKey, publicKey };
}
