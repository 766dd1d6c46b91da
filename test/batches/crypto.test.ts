import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sm3 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { fingerprint, generateSigningKey, parsePublicKeyPem, publicKeyPem, signSm2, verifySm2 } from '../../electron/core/batches/sm2';
import { newSm3, Sm3Hasher } from '../../electron/core/batches/sm3-stream';
import { tempFolder } from '../helpers';

describe('incremental SM3', () => {
  it('matches the GB/T 32905 test vectors', () => {
    expect(new Sm3Hasher().update(Buffer.from('abc')).digestHex()).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(new Sm3Hasher().update(Buffer.from('abcd'.repeat(16))).digestHex()).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('the runtime\'s SM3, where it has one, and ours agree', () => {
    for (let i = 0; i < 50; i++) {
      const data = randomBytes(Math.floor(Math.random() * 5000));
      const fast = newSm3();
      fast.update(data);
      expect(fast.digestHex()).toBe(new Sm3Hasher().update(data).digestHex());
    }
  });

  it('matches sm-crypto-v2 on random inputs fed in random pieces', () => {
    for (let i = 0; i < 200; i++) {
      const data = randomBytes(Math.floor(Math.random() * 1000));
      const h = new Sm3Hasher();
      for (let o = 0; o < data.length; ) {
        const n = 1 + Math.floor(Math.random() * 130);
        h.update(data.subarray(o, o + n));
        o += n;
      }
      expect(h.digestHex()).toBe(sm3(data));
    }
  });
});

describe('SM2 signatures', () => {
  it('sign, verify, refuse a changed message or another key', () => {
    const key = generateSigningKey();
    const other = generateSigningKey();
    const message = Buffer.from('{"批次":1}\n');
    const sig = signSm2(message, key);
    expect(verifySm2(message, sig, key.publicKey)).toBe(true);
    expect(verifySm2(Buffer.from('{"批次":2}\n'), sig, key.publicKey)).toBe(false);
    expect(verifySm2(message, sig, other.publicKey)).toBe(false);
    expect(parsePublicKeyPem(publicKeyPem(key.publicKey))).toBe(key.publicKey);
    expect(parsePublicKeyPem('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----')).toBeNull();
    // A point off the curve (found by the fuzzing of shared lists): null, not an exception.
    expect(parsePublicKeyPem(publicKeyPem(`04${'ff'.repeat(64)}`))).toBeNull();
    expect(parsePublicKeyPem(publicKeyPem(`04${'01'.repeat(64)}`))).toBeNull();
    expect(fingerprint(key.publicKey)).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  });

  it('verifies with OpenSSL 3 (the command in docs/batch-format.md)', () => {
    const folder = tempFolder();
    const key = generateSigningKey();
    const message = Buffer.from('{"format":"credit-desk-batch","部门":"测试"}\n');
    writeFileSync(join(folder, 'manifest.json'), message);
    writeFileSync(join(folder, 'manifest.sig'), signSm2(message, key));
    writeFileSync(join(folder, 'signer.pem'), publicKeyPem(key.publicKey));
    const args = ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678'];
    expect(execFileSync('openssl', args, { cwd: folder }).toString()).toContain('Signature Verified Successfully');
    writeFileSync(join(folder, 'manifest.json'), Buffer.from('{"format":"credit-desk-batch","部门":"改动"}\n'));
    expect(() => execFileSync('openssl', args, { cwd: folder, stdio: 'pipe' })).toThrow();
  });
});
