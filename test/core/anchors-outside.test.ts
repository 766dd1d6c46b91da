/**
 * Issue 18, finding 2: `audit verify --anchor batch.zip` verified the batch with
 * signing keys read from the same database, so a clerk who inserts a key offline
 * can sign any `auditHead`. A batch anchor is now verified against a fingerprint
 * given from outside (`--fingerprint`, as printed on the key registration sheet or
 * in its QR code); anchors of another department (or another database) are refused;
 * an empty anchor (`{seq: 0, hash: 000…}`, which always matched) is no anchor.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditVerifyResult, BackupInfo, BatchView, FilePayload, SigningKeyView } from '../../electron/contract';
import { generateSigningKey, fingerprint, publicKeyPem, signSm2 } from '../../electron/core/batches/sm2';
import { as, clerkDesk, DEPARTMENT, newCore, penaltyRow, rawOpen, tempFolder, value } from '../helpers';
import { readZip, writeZip } from '../io/helpers';
import { runInProcess } from '../cli/in-process';

type Core = Awaited<ReturnType<typeof clerkDesk>>;

async function signedDesk(): Promise<{ core: Core; batch: BatchView; file: string; key: SigningKeyView }> {
  const core = await clerkDesk();
  value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
  const prepared = value<BatchView>(await core.invoke('batches.prepare', {}));
  await as(core, 'boss', 'boss-pass-1');
  const key = value<SigningKeyView>(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
  const batch = value<BatchView>(await core.invoke('batches.approve', { batchId: prepared.batchId, password: 'boss-pass-1' }));
  const exported = value<FilePayload>(await core.invoke('batches.export', { batchId: batch.batchId }));
  const file = join(tempFolder(), exported.fileName);
  writeFileSync(file, Buffer.from(exported.content, 'base64'));
  await as(core, 'clerk1', 'clerk-pass-1');
  value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕77号' }) }));
  value(await core.invoke('auth.logout', {}));
  return { core, batch, file, key };
}

/** The batch file with its manifest changed and signed again by a key of the forger's own. */
async function forged(file: string, change: (m: Record<string, unknown>) => void) {
  const members = await readZip(file);
  const manifest = JSON.parse(members.get('manifest.json')!.toString('utf8')) as Record<string, unknown>;
  change(manifest);
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const key = generateSigningKey();
  const out = join(tempFolder(), 'forged.zip');
  await writeZip(out, { ...Object.fromEntries(members), 'manifest.json': bytes, 'manifest.sig': signSm2(bytes, key), 'signer.pem': publicKeyPem(key.publicKey) });
  return { path: out, key };
}

const verify = (core: Core, extra: string[]) => runInProcess(['audit', 'verify', '--db', core.dbPath, '--as', 'admin', '--json', ...extra], { CREDIT_DESK_PASSWORD: 'admin-pass-1' });

describe('anchors checked against what the database cannot forge', () => {
  it('a batch anchor needs the registered fingerprint; a key a clerk put into the database offline signs nothing the verify accepts', async () => {
    const { core, batch, file, key } = await signedDesk();
    // The fingerprint as the registration sheet prints it (groups of four) and as its QR code holds it.
    for (const given of [key.fingerprint, key.fingerprint.replace(/\s+/g, '').toLowerCase()]) {
      const good = await verify(core, ['--anchor', file, '--fingerprint', given]);
      expect(good.code, good.stderr).toBe(0);
      expect(JSON.parse(good.stdout).anchors).toEqual(expect.arrayContaining([expect.objectContaining({ source: expect.stringContaining('批次文件'), result: 'match' })]));
    }
    const without = await verify(core, ['--anchor', file]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('--fingerprint');

    // The clerk's forgery: an auditHead of their choosing, signed by a key they inserted into signing_keys.
    const fake = await forged(file, (m) => (m.auditHead = { seq: batch.auditHead!.seq, hash: 'a'.repeat(64) }));
    const db = rawOpen(core.dbPath);
    db.prepare(`INSERT INTO signing_keys (login, public_key, fingerprint, wrapped_private_key, created_at) VALUES ('boss', ?, ?, 'x', ?)`).run(
      fake.key.publicKey,
      fingerprint(fake.key.publicKey),
      new Date().toISOString(),
    );
    db.close();
    const refused = await verify(core, ['--anchor', fake.path, '--fingerprint', key.fingerprint]);
    expect(refused.code, refused.stdout).toBe(1);
    expect(refused.stderr).toContain(fingerprint(fake.key.publicKey));
    expect(refused.stderr).toContain('不是给出的签名公钥指纹');
  });

  it('refuses the anchors of another department or another database', async () => {
    const { core, file } = await signedDesk();
    const elsewhere = await forged(file, (m) => ((m.department as Record<string, string>).uscc = '913502000728319549'));
    const other = await verify(core, ['--anchor', elsewhere.path, '--fingerprint', fingerprint(elsewhere.key.publicKey)]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('913502000728319549');
    expect(other.stderr).toContain('另一个部门');

    // A backup of another database of the same department (a second installation) and of another department.
    const folder = tempFolder();
    const twin = newCore();
    value(await twin.invoke('setup.initialize', { department: DEPARTMENT, admin: { login: 'admin', name: '管理员', password: 'admin-pass-1' } }));
    const twinBackup = value<BackupInfo>(await twin.invoke('backup.createFile', { folder }));
    const stranger = newCore();
    value(await stranger.invoke('setup.initialize', { department: { ...DEPARTMENT, uscc: '913502000728319549' }, admin: { login: 'admin', name: '管理员', password: 'admin-pass-1' } }));
    const strangerBackup = value<BackupInfo>(await stranger.invoke('backup.createFile', { folder }));
    const fromTwin = await verify(core, ['--anchor', twinBackup.path]);
    expect(fromTwin.code).toBe(1);
    expect(fromTwin.stderr).toContain('另一个数据库');
    const fromStranger = await verify(core, ['--anchor', strangerBackup.path]);
    expect(fromStranger.code).toBe(1);
    expect(fromStranger.stderr).toContain('另一个部门');
  });

  it('an empty anchor (entry 0, 64 zeros) is no anchor: it neither matches nor counts', async () => {
    const { core } = await signedDesk();
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    const result = value<AuditVerifyResult>(await core.invoke('audit.verify', { anchors: [{ source: '空锚点', seq: 0, hash: '0'.repeat(64) }] }));
    expect(result.anchors.filter((a) => a.source === '空锚点')).toEqual([]);
    value(await core.invoke('auth.logout', {}));
    const printed = await verify(core, ['--anchor-seq', '0', '--anchor-hash', '0'.repeat(64)]);
    expect(printed.code).toBe(2);
    expect(printed.stderr).toContain('空');
  });
});
