/**
 * Accounts and their keys (issue 11 items 2, 3, 7, 9; issue 12 item 11):
 * disabling is complete or not done at all, key changes interrupted by a crash
 * are completed at the next login, setup never replaces a file, passwords are
 * long enough and not the login name, their cost is upgraded at login, password
 * changes are one step (signing keys keep working), administrators re-enable
 * accounts and set passwords that must be changed at next login.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SessionUser, UserSummary } from '../../electron/contract';
import type { AppStatus } from '../../electron/contract/types';
import { as, auditRows, DEPARTMENT, errorOf, FAST_KDF, newCore, rawOpen, setUp, value } from '../helpers';
import { lastAuditSeq, type KeyIntent } from '../../electron/core/auth/intents';
import { deriveKey, newKdfParams, seal } from '../../electron/core/auth/crypto';
import { makeHolder, newDataKey, putHolder, resealAll, unlockHolder } from '../../electron/core/auth/keys';
import { generateSigningKey, fingerprint } from '../../electron/core/batches/sm2';
import { openEncrypted, rekey } from '../../electron/core/store/database';
import { keyFilePath, nextKeyFilePath, readKeyFile, writeKeyFile } from '../../electron/core/store/keyfile';

const ADMIN_PASSWORD = 'admin-pass-1';

async function deskWith(...users: { login: string; roles?: string[]; password?: string }[]) {
  const core = newCore();
  const { recoveryCode } = await setUp(core);
  for (const u of users) {
    value(await core.invoke('users.add', { login: u.login, name: u.login, roles: u.roles ?? ['clerk'], password: u.password ?? `${u.login}-pass-1` }));
  }
  return { core, recoveryCode };
}

const userOf = async (core: ReturnType<typeof newCore>, login: string) =>
  value<UserSummary[]>(await core.invoke('users.list', {})).find((u) => u.login === login)!;

describe('disabling is complete or not done at all', () => {
  it('a re-key refused because another process has the database open changes nothing, says so in the trail, and can be retried', async () => {
    const { core } = await deskWith({ login: 'leaver' });
    const keysBefore = readFileSync(keyFilePath(core.dbPath), 'utf8');
    const other = rawOpen(core.dbPath); // e.g. the command line, or a second window
    const busy = errorOf(await core.invoke('users.disable', { login: 'leaver', reason: '调离', password: ADMIN_PASSWORD }));
    expect(busy.code, busy.message).toBe('BUSY');
    expect(busy.message).toContain('另一个程序');
    other.close();

    expect(await userOf(core, 'leaver')).toMatchObject({ active: true, disabledAt: null });
    expect(readFileSync(keyFilePath(core.dbPath), 'utf8')).toBe(keysBefore);
    expect(existsSync(nextKeyFilePath(core.dbPath))).toBe(false);
    const failed = auditRows(core.dbPath).filter((e) => e.method === 'users.disable');
    expect(failed).toEqual([expect.objectContaining({ outcome: 'error', detail: expect.objectContaining({ code: 'BUSY' }) })]);

    // The retry is not refused as "already disabled".
    value(await core.invoke('users.disable', { login: 'leaver', reason: '调离', password: ADMIN_PASSWORD }));
    expect(await userOf(core, 'leaver')).toMatchObject({ active: false, disabledReason: '调离' });
    const done = auditRows(core.dbPath).filter((e) => e.method === 'users.disable' && e.outcome === 'ok');
    expect(done).toEqual([expect.objectContaining({ actor: 'admin', target: 'user:leaver', detail: expect.objectContaining({ reason: '调离', rekeyed: true, generation: 2 }) })]);
  });

  it('asks for a reason and the administrator’s password (a wrong one changes nothing)', async () => {
    const { core } = await deskWith({ login: 'leaver' });
    expect(errorOf(await core.invoke('users.disable', { login: 'leaver', reason: '', password: ADMIN_PASSWORD })).code).toBe('BAD_INPUT');
    expect(errorOf(await core.invoke('users.disable', { login: 'leaver', reason: '调离', password: 'not-my-password' })).code).toBe('WRONG_PASSWORD');
    expect(await userOf(core, 'leaver')).toMatchObject({ active: true });
    expect(readKeyFile(keyFilePath(core.dbPath)).generation).toBe(1);
  });

  it('a process that died after the re-key and before recording it: the next login finishes the disable', async () => {
    const { core } = await deskWith({ login: 'leaver' });
    value(await core.invoke('auth.logout', {}));
    const file = readKeyFile(keyFilePath(core.dbPath));
    const newKey = newDataKey();
    const next = resealAll(file, newKey, 'leaver');
    const db = openEncrypted(core.dbPath, unlockHolder(file, 'admin', ADMIN_PASSWORD)!.dataKey);
    const intent: KeyIntent = { id: randomUUID(), method: 'users.disable', login: 'leaver', by: 'admin', at: new Date().toISOString(), detail: { reason: '离职', rekeyed: true, generation: 2 }, auditAfter: lastAuditSeq(db) };
    writeKeyFile(nextKeyFilePath(core.dbPath), { ...next, intent });
    rekey(db, newKey);
    db.close();
    // …killed here: the database has its new key, the user is still active, no audit entry.

    value(await core.invoke('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
    expect(existsSync(nextKeyFilePath(core.dbPath))).toBe(false);
    const keys = readKeyFile(keyFilePath(core.dbPath));
    expect(keys.generation).toBe(2);
    expect(keys.intent).toBeUndefined();
    expect(keys.holders.map((h) => h.id)).not.toContain('leaver');
    expect(await userOf(core, 'leaver')).toMatchObject({ active: false, disabledReason: '离职' });
    expect(auditRows(core.dbPath).filter((e) => e.method === 'users.disable')).toEqual([
      expect.objectContaining({ outcome: 'ok', detail: expect.objectContaining({ intent: intent.id, completedAtLogin: true }) }),
    ]);
    value(await core.invoke('auth.logout', {}));
    expect(errorOf(await core.invoke('auth.login', { login: 'leaver', password: 'leaver-pass-1' })).code).toBe('WRONG_PASSWORD');
  });

  it('a user added while the process died before the database half: completed at the next login', async () => {
    const { core } = await deskWith();
    value(await core.invoke('auth.logout', {}));
    const file = readKeyFile(keyFilePath(core.dbPath));
    const dataKey = unlockHolder(file, 'admin', ADMIN_PASSWORD)!.dataKey;
    const db = rawOpen(core.dbPath);
    const intent: KeyIntent = { id: randomUUID(), method: 'users.add', login: 'late', by: 'admin', at: new Date().toISOString(), detail: { name: '迟到', roles: ['clerk'] }, auditAfter: lastAuditSeq(db) };
    db.close();
    writeKeyFile(keyFilePath(core.dbPath), { ...putHolder(file, makeHolder(file, 'late', 'late-pass-123', dataKey, FAST_KDF)), intent });
    value(await core.invoke('auth.login', { login: 'late', password: 'late-pass-123' }));
    expect(readKeyFile(keyFilePath(core.dbPath)).intent).toBeUndefined();
    expect(auditRows(core.dbPath).filter((e) => e.method === 'users.add')).toEqual([expect.objectContaining({ detail: expect.objectContaining({ completedAtLogin: true }) })]);
  });
});

describe('setup never replaces a file', () => {
  const setupInput = { department: DEPARTMENT, admin: { login: 'admin', name: '管理员', password: 'another-pass-1' } };

  it('a database without its key file: status names the missing file; setup refuses and changes nothing', async () => {
    const core = newCore();
    await setUp(core);
    core.close();
    const dbBytes = readFileSync(core.dbPath);
    unlinkSync(keyFilePath(core.dbPath));
    const again = newCore({ dbPath: core.dbPath });
    const status = value<AppStatus>(await again.invoke('app.status', {}));
    expect(status.initialized).toBe(false);
    expect(status.problem).toMatchObject({ code: 'KEY_FILE_MISSING' });
    expect(status.problem!.message).toContain(keyFilePath(core.dbPath));
    expect(errorOf(await again.invoke('setup.initialize', setupInput)).code).toBe('ALREADY_INITIALIZED');
    expect(errorOf(await again.invoke('auth.login', { login: 'admin', password: ADMIN_PASSWORD })).code).toBe('KEY_FILE_MISSING');
    expect(readFileSync(core.dbPath).equals(dbBytes)).toBe(true);
    expect(existsSync(keyFilePath(core.dbPath))).toBe(false);
  });

  it('a key file without its database: the same, and the key file stays as it was', async () => {
    const core = newCore();
    await setUp(core);
    core.close();
    const keys = readFileSync(keyFilePath(core.dbPath));
    unlinkSync(core.dbPath);
    const again = newCore({ dbPath: core.dbPath });
    expect(value<AppStatus>(await again.invoke('app.status', {})).problem).toMatchObject({ code: 'DATABASE_MISSING' });
    expect(errorOf(await again.invoke('setup.initialize', setupInput)).code).toBe('ALREADY_INITIALIZED');
    expect(readFileSync(keyFilePath(core.dbPath)).equals(keys)).toBe(true);
    expect(existsSync(core.dbPath)).toBe(false);
  });

  it('a setup that died between placing the key file and the database is finished at the next start', async () => {
    const core = newCore();
    await setUp(core);
    core.close();
    // What a crash after placing the key file leaves: the key file and the database still aside.
    writeFileSync(`${core.dbPath}.creating`, readFileSync(core.dbPath));
    unlinkSync(core.dbPath);
    const again = newCore({ dbPath: core.dbPath });
    expect(value<AppStatus>(await again.invoke('app.status', {}))).toMatchObject({ initialized: true, problem: null });
    expect(existsSync(`${core.dbPath}.creating`)).toBe(false);
    value(await again.invoke('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
  });
});

describe('passwords', () => {
  it('need 10 characters and must not be the login name, wherever one is set', async () => {
    const core = newCore();
    expect(errorOf(await core.invoke('setup.initialize', { department: DEPARTMENT, admin: { login: 'admin', name: '管', password: 'short-pw1' } })).message).toContain('10 位');
    expect(errorOf(await core.invoke('setup.initialize', { department: DEPARTMENT, admin: { login: 'administrator', name: '管', password: 'Administrator' } })).message).toContain('登录名');
    expect(value<AppStatus>(await core.invoke('app.status', {})).initialized).toBe(false);
    await setUp(core);
    expect(errorOf(await core.invoke('users.add', { login: 'clerk.zhang', name: '张', roles: ['clerk'], password: 'clerk.zhang' })).message).toContain('登录名');
    expect(errorOf(await core.invoke('auth.changePassword', { oldPassword: ADMIN_PASSWORD, newPassword: 'ADMIN' })).code).toBe('BAD_INPUT');
    value(await core.invoke('users.add', { login: 'clerk.zhang', name: '张', roles: ['clerk'], password: 'clerk-pass-1' }));
    expect(errorOf(await core.invoke('users.resetPassword', { login: 'clerk.zhang', newPassword: 'clerk.zhang', password: ADMIN_PASSWORD })).message).toContain('登录名');
  });

  it('the product wraps new passwords at scrypt N=2^17, r=8, p=1 (OWASP minimum; tests elsewhere use a lower cost)', async () => {
    const core = newCore({ kdfCost: undefined });
    await setUp(core);
    const holders = readKeyFile(keyFilePath(core.dbPath)).holders;
    expect(holders.map((h) => h.id).sort()).toEqual(['#recovery', 'admin']);
    for (const h of holders) expect(h.kdf).toMatchObject({ alg: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
  });

  it('a password key made at a lower cost is wrapped again at the current cost at the next login', async () => {
    const core = newCore();
    await setUp(core);
    core.close();
    expect(readKeyFile(keyFilePath(core.dbPath)).holders.find((h) => h.id === 'admin')!.kdf.N).toBe(1024);
    const stronger = newCore({ dbPath: core.dbPath, kdfCost: { N: 4096, r: 8, p: 1 } });
    value(await stronger.invoke('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
    const holders = readKeyFile(keyFilePath(core.dbPath)).holders;
    expect(holders.find((h) => h.id === 'admin')!.kdf).toMatchObject({ N: 4096, r: 8, p: 1 });
    expect(holders.find((h) => h.id === '#recovery')!.kdf.N).toBe(1024); // upgraded when the code is used
    value(await stronger.invoke('auth.logout', {}));
    value(await stronger.invoke('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
  });

  it('#recovery is not a login name, even with the right recovery code', async () => {
    const core = newCore();
    const { recoveryCode } = await setUp(core);
    value(await core.invoke('auth.logout', {}));
    expect(errorOf(await core.invoke('auth.login', { login: '#recovery', password: recoveryCode })).code).toBe('WRONG_PASSWORD');
    value(await core.invoke('auth.login', { login: 'admin', password: ADMIN_PASSWORD }));
  });
});

describe('a password change is one step; signing keys follow the account key', () => {
  async function approverDesk() {
    const { core } = await deskWith({ login: 'boss', roles: ['approver'], password: 'boss-pass-12' });
    await as(core, 'boss', 'boss-pass-12');
    value(await core.invoke('keys.generate', { password: 'boss-pass-12' }));
    return core;
  }

  it('after a change the signing key opens with the new password, and the key file is the only thing written', async () => {
    const core = await approverDesk();
    const wrappedBefore = await (async () => {
      const db = rawOpen(core.dbPath);
      try {
        return db.prepare('SELECT wrapped_private_key FROM signing_keys').pluck().get();
      } finally {
        db.close();
      }
    })();
    value(await core.invoke('auth.changePassword', { oldPassword: 'boss-pass-12', newPassword: 'boss-pass-new-1' }));
    const db = rawOpen(core.dbPath);
    expect(db.prepare('SELECT wrapped_private_key FROM signing_keys').pluck().get()).toBe(wrappedBefore);
    db.close();
    // keys.generate proves the password through the same account key the signing key is sealed to.
    expect(errorOf(await core.invoke('keys.generate', { password: 'boss-pass-12' })).code).toBe('WRONG_PASSWORD');
    value(await core.invoke('keys.generate', { password: 'boss-pass-new-1' }));
  });

  it('a key wrapped by an earlier version with the password is sealed to the account key at the next login', async () => {
    const core = await approverDesk();
    value(await core.invoke('auth.logout', {}));
    // What an earlier version stored: the SM2 private key wrapped by a key derived from the password.
    const pair = generateSigningKey();
    const kdf = newKdfParams(FAST_KDF);
    const box = seal(deriveKey('boss-pass-12', kdf), Buffer.from(pair.privateKey, 'hex'), `credit-desk/signing-key/boss/${pair.publicKey}`);
    const db = rawOpen(core.dbPath);
    db.prepare('UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL').run(new Date().toISOString());
    db.prepare('INSERT INTO signing_keys (login, public_key, fingerprint, wrapped_private_key, created_at) VALUES (?, ?, ?, ?, ?)').run(
      'boss',
      pair.publicKey,
      fingerprint(pair.publicKey),
      JSON.stringify({ kdf, ...box }),
      new Date().toISOString(),
    );
    db.close();
    value(await core.invoke('auth.login', { login: 'boss', password: 'boss-pass-12' }));
    const after = rawOpen(core.dbPath);
    const wrapped = JSON.parse(after.prepare('SELECT wrapped_private_key FROM signing_keys WHERE public_key = ?').pluck().get(pair.publicKey) as string);
    after.close();
    expect(wrapped.kdf).toBeUndefined();
    expect(wrapped.sealedTo).toBe(readKeyFile(keyFilePath(core.dbPath)).holders.find((h) => h.id === 'boss')!.publicKey);
  });
});

describe('administrators: re-enable, set passwords, last login', () => {
  it('a disabled user is re-enabled with a new key copy and must change the password an administrator set', async () => {
    const { core } = await deskWith({ login: 'back' });
    value(await core.invoke('users.disable', { login: 'back', reason: '借调', password: ADMIN_PASSWORD }));
    const enabled = value<UserSummary>(await core.invoke('users.enable', { login: 'back', newPassword: 'temporary-pass-1', password: ADMIN_PASSWORD }));
    expect(enabled).toMatchObject({ active: true, disabledAt: null, mustChangePassword: true });
    expect(auditRows(core.dbPath).filter((e) => e.method === 'users.enable')).toEqual([expect.objectContaining({ actor: 'admin', target: 'user:back', outcome: 'ok' })]);

    await as(core, 'back', 'temporary-pass-1');
    const status = value<AppStatus>(await core.invoke('app.status', {}));
    expect(status.user).toMatchObject({ login: 'back', mustChangePassword: true });
    expect(errorOf(await core.invoke('records.search', {})).code).toBe('PASSWORD_CHANGE_REQUIRED');
    value(await core.invoke('auth.changePassword', { oldPassword: 'temporary-pass-1', newPassword: 'my-own-pass-1' }));
    value(await core.invoke('records.search', {}));
    await as(core, 'back', 'my-own-pass-1');
    expect(value<SessionUser>(await core.invoke('session.get', {})).mustChangePassword).toBe(false);
  });

  it('an administrator sets another person’s password; their old password and signing key stop working', async () => {
    const { core } = await deskWith({ login: 'boss', roles: ['approver'], password: 'boss-pass-12' });
    await as(core, 'boss', 'boss-pass-12');
    value(await core.invoke('keys.generate', { password: 'boss-pass-12' }));
    await as(core, 'admin', ADMIN_PASSWORD);
    expect(errorOf(await core.invoke('users.resetPassword', { login: 'admin', newPassword: 'self-reset-pass', password: ADMIN_PASSWORD })).code).toBe('BAD_INPUT');
    const reset = value<UserSummary>(await core.invoke('users.resetPassword', { login: 'boss', newPassword: 'set-by-admin-1', password: ADMIN_PASSWORD }));
    expect(reset.mustChangePassword).toBe(true);
    value(await core.invoke('auth.logout', {}));
    expect(errorOf(await core.invoke('auth.login', { login: 'boss', password: 'boss-pass-12' })).code).toBe('WRONG_PASSWORD');
    value(await core.invoke('auth.login', { login: 'boss', password: 'set-by-admin-1' }));
    value(await core.invoke('auth.changePassword', { oldPassword: 'set-by-admin-1', newPassword: 'boss-new-pass-1' }));
    // The administrator never had the approver's signing key: the old one cannot sign any more.
    const users = auditRows(core.dbPath).filter((e) => e.method === 'users.resetPassword' && e.outcome === 'ok');
    expect(users).toEqual([expect.objectContaining({ detail: expect.objectContaining({ signingKeysUnusable: 1, mustChangePassword: true }) })]);
  });

  it('records the last login', async () => {
    const { core } = await deskWith({ login: 'clerk1' });
    expect((await userOf(core, 'clerk1')).lastLoginAt).toBeNull();
    await as(core, 'clerk1', 'clerk1-pass-1');
    await as(core, 'admin', ADMIN_PASSWORD);
    expect((await userOf(core, 'clerk1')).lastLoginAt).toEqual(expect.any(String));
  });
});
