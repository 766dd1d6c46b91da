/**
 * Audit anchors (issue 11 item 4): the trail's head goes into every signed
 * batch's manifest; `audit.verify` checks the chain against the anchors the
 * department holds (its approved batches' manifests, signatures checked) and
 * those it is given. Someone with a key who deletes an entry and re-hashes the
 * chain, or removes the newest entries, is found.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditHead, AuditVerifyResult, BatchView, FilePayload } from '../../electron/contract';
import { generateSigningKey, publicKeyPem, signSm2 } from '../../electron/core/batches/sm2';
import { verifyBatchFile } from '../../electron/core/batches/verify';
import type { SqliteDatabase } from '../../electron/core/store/database';
import { as, clerkDesk, errorOf, penaltyRow, rawOpen, tempFolder, value } from '../helpers';
import { readZip, writeZip } from '../io/helpers';
import { cli, onlyJson } from '../cli/run-cli';

type Core = Awaited<ReturnType<typeof clerkDesk>>;

/** The documented chain: hash(n) = SHA-256(hash(n-1) ‖ "\n" ‖ JSON [seq, at, actor, method, target, outcome, detail]). */
function rehashAll(db: SqliteDatabase): void {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; DELETE FROM audit_log;');
  let prev = '0'.repeat(64);
  const insert = db.prepare('INSERT INTO audit_log (seq, at, actor, method, target, outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  rows.forEach((r, i) => {
    const seq = i + 1;
    const hash = createHash('sha256').update(prev).update('\n').update(JSON.stringify([seq, r.at, r.actor, r.method, r.target, r.outcome, r.detail])).digest('hex');
    insert.run(seq, r.at, r.actor, r.method, r.target, r.outcome, r.detail, prev, hash);
    prev = hash;
  });
}

/** A clerk denied something (audited), then a batch signed by the approver: its manifest anchors the trail. */
async function signedDesk(): Promise<{ core: Core; batch: BatchView; file: string }> {
  const core = await clerkDesk();
  expect(errorOf(await core.invoke('users.list', {})).code).toBe('FORBIDDEN'); // the entry the clerk would like gone
  value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
  const prepared = value<BatchView>(await core.invoke('batches.prepare', {}));
  await as(core, 'boss', 'boss-pass-1');
  value(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
  const batch = value<BatchView>(await core.invoke('batches.approve', { batchId: prepared.batchId, password: 'boss-pass-1' }));
  const exported = value<FilePayload>(await core.invoke('batches.export', { batchId: batch.batchId }));
  const file = join(tempFolder(), exported.fileName);
  writeFileSync(file, Buffer.from(exported.content, 'base64'));
  // More work after the batch, then the auditor checks.
  await as(core, 'admin', 'admin-pass-1');
  value(await core.invoke('users.add', { login: 'auditor1', name: '审计员', roles: ['auditor'], password: 'auditor-pass-1' }));
  return { core, batch, file };
}

describe('audit anchors', () => {
  it('every signed manifest carries the trail’s head; the batch view and audit.head show it', async () => {
    const { core, batch, file } = await signedDesk();
    const verified = await verifyBatchFile(file);
    expect(verified.manifest?.auditHead).toEqual(batch.auditHead);
    expect(batch.auditHead).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const head = value<AuditHead>(await core.invoke('audit.head', {}));
    expect(head.seq).toBeGreaterThan(batch.auditHead!.seq);
    const result = value<AuditVerifyResult>(await core.invoke('audit.verify', {}));
    expect(result).toMatchObject({ ok: true, newestAnchoredSeq: batch.auditHead!.seq });
    expect(result.anchors).toEqual([expect.objectContaining({ source: '第 1 批的签名清单', result: 'match' })]);
  });

  it('finds an entry deleted and the chain re-hashed by someone holding the key (before: “complete”)', async () => {
    const { core } = await signedDesk();
    value(await core.invoke('auth.logout', {}));
    const db = rawOpen(core.dbPath);
    const denied = db.prepare(`SELECT seq FROM audit_log WHERE actor = 'clerk1' AND outcome = 'denied'`).pluck().get() as number;
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = ?').run(denied);
    rehashAll(db);
    db.close();

    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    const result = value<AuditVerifyResult>(await core.invoke('audit.verify', {}));
    expect(result.firstBroken).toBeNull(); // the chain itself is consistent again…
    expect(result.ok).toBe(false); // …but not with the batch the platform holds
    expect(result.anchors[0]).toMatchObject({ source: '第 1 批的签名清单', result: 'mismatch' });
  });

  it('a manifest altered in the database to match a rewritten trail no longer has a valid signature', async () => {
    const { core, batch } = await signedDesk();
    value(await core.invoke('auth.logout', {}));
    const db = rawOpen(core.dbPath);
    db.exec('DROP TRIGGER IF EXISTS batches_approved_immutable');
    const triggers = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'batches'`).pluck().all() as string[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t}`);
    const manifest = JSON.parse(db.prepare('SELECT manifest FROM batches WHERE id = ?').pluck().get(batch.batchId) as string);
    manifest.auditHead = { seq: manifest.auditHead.seq, hash: 'f'.repeat(64) };
    db.prepare('UPDATE batches SET manifest = ? WHERE id = ?').run(`${JSON.stringify(manifest, null, 2)}\n`, batch.batchId);
    db.close();
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    const result = value<AuditVerifyResult>(await core.invoke('audit.verify', {}));
    expect(result.ok).toBe(false);
    expect(result.anchors).toEqual([expect.objectContaining({ result: 'bad-signature' })]);
  });

  it('finds the newest entries removed, when an anchor was taken after them (before: “complete”)', async () => {
    const { core, batch } = await signedDesk();
    const anchor = value<AuditHead>(await core.invoke('audit.head', {})); // e.g. printed, or in a backup
    value(await core.invoke('auth.logout', {}));
    const db = rawOpen(core.dbPath);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq > ?').run(batch.auditHead!.seq + 1);
    db.close();
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    // Without the later anchor, the chain and the batch's anchor are intact: nothing to see.
    expect(value<AuditVerifyResult>(await core.invoke('audit.verify', {})).ok).toBe(true);
    const result = value<AuditVerifyResult>(await core.invoke('audit.verify', { anchors: [{ source: '打印的审批单', ...anchor }] }));
    expect(result.ok).toBe(false);
    expect(result.anchors.find((a) => a.source === '打印的审批单')).toMatchObject({ result: 'beyond-end', message: expect.stringContaining('被删除') });
  });

  it('a malformed auditHead in a manifest makes the batch file MALFORMED; one without it still verifies', async () => {
    const { file } = await signedDesk();
    expect((await verifyBatchFile(file)).ok).toBe(true);
    const members = await readZip(file);
    const resign = async (change: (m: Record<string, unknown>) => void) => {
      const manifest = JSON.parse(members.get('manifest.json')!.toString('utf8')) as Record<string, unknown>;
      change(manifest);
      const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
      const key = generateSigningKey();
      const out = join(tempFolder(), 'resigned.zip');
      await writeZip(out, { ...Object.fromEntries(members), 'manifest.json': bytes, 'manifest.sig': signSm2(bytes, key), 'signer.pem': publicKeyPem(key.publicKey) });
      return verifyBatchFile(out);
    };
    expect(await resign((m) => (m.auditHead = { seq: -1, hash: 'x' }))).toMatchObject({ ok: false, code: 'MALFORMED', reason: expect.stringContaining('auditHead') });
    // Batches signed before the field existed have none, and verify (see also test/batches/archive.test.ts).
    expect(await resign((m) => delete m.auditHead)).toMatchObject({ ok: true });
  });
});

describe('audit verify on the command line', () => {
  it('--anchor takes a signed batch file (checked against the registered fingerprint) and a printed seq/hash', async () => {
    const { core, batch, file } = await signedDesk();
    const fingerprint = (await verifyBatchFile(file)).signerFingerprint!;
    core.close();
    const run = (extra: string[]) => cli(['audit', 'verify', '--db', core.dbPath, '--as', 'admin', '--json', ...extra], { CREDIT_DESK_PASSWORD: 'admin-pass-1' });
    const good = await run(['--anchor', file, '--fingerprint', fingerprint, '--anchor-seq', String(batch.auditHead!.seq), '--anchor-hash', batch.auditHead!.hash]);
    expect(good.code, good.stderr).toBe(0);
    const sources = onlyJson<AuditVerifyResult>(good).anchors.map((a) => [a.source, a.result]);
    expect(sources).toEqual(expect.arrayContaining([[expect.stringContaining('批次文件'), 'match'], ['给出的锚点', 'match'], ['第 1 批的签名清单', 'match']]));

    const db = rawOpen(core.dbPath);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    rehashAll(db);
    db.close();
    const bad = await run(['--anchor', file, '--fingerprint', fingerprint]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('[AUDIT_BROKEN]');
    expect(onlyJson<AuditVerifyResult>(bad).anchors.find((a) => a.source.includes('批次文件'))?.result).toBe('mismatch');
    expect((await run(['--anchor-seq', '3'])).code).toBe(2);
  });
});
