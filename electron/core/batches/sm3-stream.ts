/**
 * Incremental SM3 (GB/T 32905-2016) for hashing batch members while they are
 * streamed. sm-crypto-v2 (which signs and verifies) hashes only whole buffers;
 * this follows the standard step by step and is tested against sm-crypto-v2 on
 * random inputs in random chunks and against the standard's test vectors.
 */
import { createHash } from 'node:crypto';

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

// Signed 32-bit arithmetic throughout (`| 0`) keeps V8 on small integers.
const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
const P1 = (x: number) => x ^ rotl(x, 15) ^ rotl(x, 23);
const T = Int32Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32));

export class Sm3Hasher {
  private v = Int32Array.from(IV);
  private block = new Uint8Array(64);
  private filled = 0;
  private length = 0; // bytes
  private readonly w = new Int32Array(68);
  private readonly w1 = new Int32Array(64);

  update(data: Uint8Array): this {
    this.length += data.length;
    let i = 0;
    if (this.filled > 0) {
      const take = Math.min(64 - this.filled, data.length);
      this.block.set(data.subarray(0, take), this.filled);
      this.filled += take;
      i = take;
      if (this.filled < 64) return this;
      this.compress(this.block, 0);
      this.filled = 0;
    }
    for (; i + 64 <= data.length; i += 64) this.compress(data, i);
    if (i < data.length) {
      this.block.set(data.subarray(i), 0);
      this.filled = data.length - i;
    }
    return this;
  }

  digestHex(): string {
    const bits = this.length * 8;
    const pad = new Uint8Array(((this.filled + 9 + 63) >> 6) * 64 - this.filled);
    pad[0] = 0x80;
    const view = new DataView(pad.buffer);
    view.setUint32(pad.length - 8, Math.floor(bits / 2 ** 32));
    view.setUint32(pad.length - 4, bits >>> 0);
    this.length -= pad.length; // padding is not message
    this.update(pad);
    return Array.from(this.v, (x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
  }

  private compress(data: Uint8Array, offset: number): void {
    const w = this.w;
    const w1 = this.w1;
    for (let j = 0; j < 16; j++) {
      const o = offset + j * 4;
      w[j] = (data[o] << 24) | (data[o + 1] << 16) | (data[o + 2] << 8) | data[o + 3];
    }
    for (let j = 16; j < 68; j++) w[j] = P1(w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15)) ^ rotl(w[j - 13], 7) ^ w[j - 6];
    for (let j = 0; j < 64; j++) w1[j] = w[j] ^ w[j + 4];
    const v = this.v;
    let a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
    let a12: number, ss1: number, tt1: number, tt2: number;
    // Rounds 0–15 and 16–63 differ only in FF and GG: two loops, no branch inside.
    for (let j = 0; j < 16; j++) {
      a12 = (a << 12) | (a >>> 20);
      ss1 = (a12 + e + T[j]) | 0;
      ss1 = (ss1 << 7) | (ss1 >>> 25);
      tt1 = ((a ^ b ^ c) + d + (ss1 ^ a12) + w1[j]) | 0;
      tt2 = ((e ^ f ^ g) + h + ss1 + w[j]) | 0;
      d = c;
      c = (b << 9) | (b >>> 23);
      b = a;
      a = tt1;
      h = g;
      g = (f << 19) | (f >>> 13);
      f = e;
      e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
    }
    for (let j = 16; j < 64; j++) {
      a12 = (a << 12) | (a >>> 20);
      ss1 = (a12 + e + T[j]) | 0;
      ss1 = (ss1 << 7) | (ss1 >>> 25);
      tt1 = (((a & b) | (a & c) | (b & c)) + d + (ss1 ^ a12) + w1[j]) | 0;
      tt2 = (((e & f) | (~e & g)) + h + ss1 + w[j]) | 0;
      d = c;
      c = (b << 9) | (b >>> 23);
      b = a;
      a = tt1;
      h = g;
      g = (f << 19) | (f >>> 13);
      f = e;
      e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
    }
    v[0] ^= a;
    v[1] ^= b;
    v[2] ^= c;
    v[3] ^= d;
    v[4] ^= e;
    v[5] ^= f;
    v[6] ^= g;
    v[7] ^= h;
  }
}

/**
 * An incremental SM3: Node's OpenSSL one where the runtime has it (the CLI,
 * a platform's verifier; about four times faster), this one in Electron, whose
 * BoringSSL has no SM3. Both give the same digest (tested).
 */
export function newSm3(): { update(data: Uint8Array): unknown; digestHex(): string } {
  if (nativeSm3 === undefined) {
    try {
      createHash('sm3').update('abc').digest('hex');
      nativeSm3 = true;
    } catch {
      nativeSm3 = false;
    }
  }
  if (!nativeSm3) return new Sm3Hasher();
  const hash = createHash('sm3');
  return { update: (data: Uint8Array) => hash.update(data), digestHex: () => hash.digest('hex') };
}

let nativeSm3: boolean | undefined;
