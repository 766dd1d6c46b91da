/**
 * Issue 18, finding 1: back up, disable a clerk, add a record, restore — the
 * disabled clerk logged in again and the newer record was gone without a word.
 * A restore now
 *  (a) keeps every account disabled since the backup disabled, and re-keys the
 *      restored database so that their key copies (also the backup's) fail;
 *  (b) counts what would be lost (records, batches, cases, audit entries after the
 *      backup) and goes ahead only when that count is confirmed (`discardNewer`,
 *      `--discard-newer N` on the command line);
 *  (c) refuses when the current trail does not match the backup's anchor, unless
 *      the administrator confirms that too, with a reason that enters the trail.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BackupInfo, RestoreResult } from '../../electron/contract';
import type { AuditVerifyResult } from '../../electron/contract/types';
import { unlockHolder } from '../../electron/core/auth/keys';
import { openEncrypted } from '../../electron/core/store/database';
import { keyFilePath, parseKeyFile, readKeyFile } from '../../electron/core/store/keyfile';
import { readZip } from '../io/helpers';
import { runInProcess } from '../cli/in-process';
import { as, auditRows, clerkDesk, errorOf, penaltyRow, rawOpen, tempFolder, value, withRaw } from '../helpers';

const ADMIN = 'admin-pass-1';

/** A department with a record, a second clerk (leaver), and a backup of it; the administrator logged in. */
async function backedUp() {
  const core = await clerkDesk();
  value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
  await as(core, 'admin', ADMIN);
  value(await core.invoke('users.add', { login: 'leaver', name: '调离者', roles: ['clerk'], password: 'leaver-pass-1' }));
  const info = value<BackupInfo>(await core.invoke('backup.createFile', { folder: tempFolder() }));
  return { core, info };
}

interface Confirmation {
  code: string;
  message: string;
  details: { plan: { newer: { records: number; recordVersions: number; batches: number; cases: number; auditEntries: number; otherAuditEntries: number }; keepDisabled: string[]; trail: { matches: boolean } } };
}

describe('a restore keeps disabled people out and loses nothing unasked', () => {
  it('(a) an account disabled since the backup stays disabled, and its key copies — also the backup’s — no longer open the database', async () => {
    const { core, info } = await backedUp();
    value(await core.invoke('users.disable', { login: 'leaver', reason: '调离', password: ADMIN }));
    const asked = errorOf(await core.invoke('backup.restoreFile', { path: info.path, password: ADMIN })) as unknown as Confirmation;
    expect(asked.code).toBe('CONFIRMATION_REQUIRED');
    expect(asked.details.plan.keepDisabled).toEqual(['leaver']);
    const result = value<RestoreResult>(
      await core.invoke('backup.restoreFile', { path: info.path, password: ADMIN, discardNewer: asked.details.plan.newer.auditEntries }),
    );
    expect(result).toMatchObject({ restored: true, keptDisabled: ['leaver'], rekeyed: true });

    // The leaver is refused; everybody else works.
    expect(errorOf(await core.invoke('auth.login', { login: 'leaver', password: 'leaver-pass-1' })).code).toMatch(/USER_DISABLED|WRONG_PASSWORD/);
    value(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-1' }));
    value(await core.invoke('auth.logout', {}));
    // The leaver's copy in the backup's key file opens the backup's data key, which no longer opens the database.
    const backupKeys = parseKeyFile((await readZip(info.path)).get('department.db.keys')!.toString('utf8'), 'backup');
    const old = unlockHolder(backupKeys, 'leaver', 'leaver-pass-1')!;
    expect(old).not.toBeNull();
    expect(() => openEncrypted(core.dbPath, old.dataKey, { readonly: true }).close()).toThrow();
    expect(readKeyFile(keyFilePath(core.dbPath)).holders.map((h) => h.id)).not.toContain('leaver');
    value(await core.invoke('auth.login', { login: 'admin', password: ADMIN }));
    const users = await withRaw(core, (db) => db.prepare(`SELECT login, active, disabled_reason AS reason FROM users WHERE login = 'leaver'`).get());
    expect(users).toEqual({ login: 'leaver', active: 0, reason: '调离' });
    expect(auditRows(core.dbPath).find((e) => e.method === 'backup.restore')?.detail).toMatchObject({ keptDisabled: ['leaver'], rekeyed: true });
    expect(value<AuditVerifyResult>(await core.invoke('audit.verify', {})).ok).toBe(true);
  });

  it('(b) what would be lost is counted and the restore waits for that count; a wrong count changes nothing', async () => {
    const { core, info } = await backedUp();
    await as(core, 'clerk1', 'clerk-pass-1');
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕500号' }) }));
    await as(core, 'admin', ADMIN);
    const filesBefore = readFileSync(keyFilePath(core.dbPath), 'utf8');

    const asked = errorOf(await core.invoke('backup.restoreFile', { path: info.path, password: ADMIN })) as unknown as Confirmation;
    expect(asked.code).toBe('CONFIRMATION_REQUIRED');
    expect(asked.details.plan.newer).toMatchObject({ records: 1, recordVersions: 1, batches: 0, cases: 0 });
    const n = asked.details.plan.newer.auditEntries;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(asked.message).toContain('1 条信用记录');
    expect(asked.message).toContain(`${n} 条`);
    // Asking again gives the same count (the refusals and logins in between are not changes).
    const again = errorOf(await core.invoke('backup.restoreFile', { path: info.path, password: ADMIN, discardNewer: n + 1 })) as unknown as Confirmation;
    expect(again.code).toBe('CONFIRMATION_REQUIRED');
    expect(again.details.plan.newer.auditEntries).toBe(n);
    expect(readFileSync(keyFilePath(core.dbPath), 'utf8')).toBe(filesBefore);
    expect(await withRaw(core, (db) => db.prepare('SELECT count(*) FROM records').pluck().get())).toBe(2);

    const result = value<RestoreResult>(await core.invoke('backup.restoreFile', { path: info.path, password: ADMIN, discardNewer: n }));
    expect(result.discarded).toMatchObject({ records: 1, auditEntries: n });
    value(await core.invoke('auth.login', { login: 'admin', password: ADMIN }));
    expect(await withRaw(core, (db) => db.prepare('SELECT count(*) FROM records').pluck().get())).toBe(1);
    expect(auditRows(core.dbPath).find((e) => e.method === 'backup.restore')?.detail).toMatchObject({ discarded: expect.objectContaining({ records: 1, auditEntries: n }) });
  });

  it('(c) a current trail that does not match the backup’s anchor is refused unless confirmed with a reason, which enters the trail', async () => {
    const { core, info } = await backedUp();
    value(await core.invoke('auth.logout', {}));
    // Someone with the data key rewrites an entry before the backup's head.
    const db = rawOpen(core.dbPath);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET hash = ? WHERE seq = ?`).run('f'.repeat(64), info.auditHead.seq);
    db.close();
    value(await core.invoke('auth.login', { login: 'admin', password: ADMIN }));
    const asked = errorOf(await core.invoke('backup.restoreFile', { path: info.path, password: ADMIN })) as unknown as Confirmation;
    expect(asked.code).toBe('CONFIRMATION_REQUIRED');
    expect(asked.details.plan.trail.matches).toBe(false);
    expect(asked.message).toContain('审计日志');
    const n = asked.details.plan.newer.auditEntries;
    expect(errorOf(await core.invoke('backup.restoreFile', { path: info.path, password: ADMIN, discardNewer: n })).code).toBe('CONFIRMATION_REQUIRED');
    const result = value<RestoreResult>(
      await core.invoke('backup.restoreFile', { path: info.path, password: ADMIN, discardNewer: n, trailMismatchReason: '当前日志被改动过，以备份为准' }),
    );
    expect(result.currentMatchedAtBackupHead).toBe(false);
    value(await core.invoke('auth.login', { login: 'admin', password: ADMIN }));
    expect(auditRows(core.dbPath).find((e) => e.method === 'backup.restore')?.detail).toMatchObject({
      currentMatchedAtBackupHead: false,
      trailMismatchReason: '当前日志被改动过，以备份为准',
    });
  });

  it('on the command line: the counts are printed and --discard-newer N must match them', async () => {
    const { core, info } = await backedUp();
    await as(core, 'clerk1', 'clerk-pass-1');
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕501号' }) }));
    core.close();
    const run = (extra: string[]) => runInProcess(['backup', 'restore', info.path, '--db', core.dbPath, '--as', 'admin', ...extra], { CREDIT_DESK_PASSWORD: ADMIN });
    const asked = await run([]);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('[CONFIRMATION_REQUIRED]');
    expect(asked.stderr).toContain('1 条信用记录');
    const n = Number(/--discard-newer (\d+)/.exec(asked.stderr)?.[1]);
    expect(Number.isInteger(n)).toBe(true);
    expect((await run(['--discard-newer', String(n + 3)])).code).toBe(1);
    const done = await run(['--discard-newer', String(n)]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('已从备份恢复');
  });
});
