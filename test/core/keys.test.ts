import { copyFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newCore, setUp, value } from '../helpers';
import { newDataKey, resealAll, unlockHolder } from '../../electron/core/auth/keys';
import { keyFilePath, nextKeyFilePath, readKeyFile, writeKeyFile } from '../../electron/core/store/keyfile';
import { openEncrypted, rekey } from '../../electron/core/store/database';

describe('keys and accounts', () => {
  it('the recovery code resets a forgotten password', async () => {
    const core = newCore();
    const { recoveryCode } = await setUp(core);
    value(await core.invoke('auth.logout', {}));
    const wrong = await core.invoke('auth.resetPassword', { login: 'admin', recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', newPassword: 'new-pass-123' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_RECOVERY_CODE' } });
    // People type codes in lower case and without dashes.
    const typed = recoveryCode.replace(/-/g, '').toLowerCase();
    value(await core.invoke('auth.resetPassword', { login: 'admin', recoveryCode: typed, newPassword: 'new-pass-123' }));
    value(await core.invoke('auth.logout', {}));
    expect((await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' })).ok).toBe(false);
    value(await core.invoke('auth.login', { login: 'admin', password: 'new-pass-123' }));
    // The recovery code keeps working after being used.
    value(await core.invoke('auth.logout', {}));
    value(await core.invoke('auth.resetPassword', { login: 'admin', recoveryCode, newPassword: 'third-pass-1' }));
  });

  it('a disabled user cannot open the database, even with a key file copied before', async () => {
    const core = newCore();
    await setUp(core);
    value(await core.invoke('users.add', { login: 'leaver', name: '离职者', roles: ['clerk'], password: 'leaver-pass-1' }));
    value(await core.invoke('users.add', { login: 'stayer', name: '在职者', roles: ['clerk'], password: 'stayer-pass-1' }));
    const stolen = `${core.dbPath}.stolen-keys`;
    copyFileSync(keyFilePath(core.dbPath), stolen);
    const oldKey = unlockHolder(readKeyFile(stolen), 'leaver', 'leaver-pass-1')!.dataKey;

    const disabled = value<{ active: boolean }>(await core.invoke('users.disable', { login: 'leaver', reason: '离职', password: 'admin-pass-1' }));
    expect(disabled.active).toBe(false);
    expect(existsSync(nextKeyFilePath(core.dbPath))).toBe(false);
    value(await core.invoke('auth.logout', {}));

    // With today's key file: no copy of the key is left for the leaver.
    expect(unlockHolder(readKeyFile(keyFilePath(core.dbPath)), 'leaver', 'leaver-pass-1')).toBeNull();
    expect((await core.invoke('auth.login', { login: 'leaver', password: 'leaver-pass-1' })).ok).toBe(false);
    // With the old copy of the key file: the old data key no longer opens the database.
    expect(() => openEncrypted(core.dbPath, oldKey)).toThrow(/无法用此密钥打开/);
    const current = `${core.dbPath}.current-keys`;
    copyFileSync(keyFilePath(core.dbPath), current);
    copyFileSync(stolen, keyFilePath(core.dbPath));
    const withOldFile = await core.invoke('auth.login', { login: 'leaver', password: 'leaver-pass-1' });
    expect(withOldFile).toMatchObject({ ok: false, error: { code: 'DB_CORRUPT' } });
    // Everyone else still gets in with the real key file.
    copyFileSync(current, keyFilePath(core.dbPath));
    value(await core.invoke('auth.login', { login: 'stayer', password: 'stayer-pass-1' }));
  });

  it('everyone who remains can still log in after a re-key', async () => {
    const core = newCore();
    const { recoveryCode } = await setUp(core);
    value(await core.invoke('users.add', { login: 'leaver', name: '离职者', roles: ['clerk'], password: 'leaver-pass-1' }));
    value(await core.invoke('users.add', { login: 'stayer', name: '在职者', roles: ['approver'], password: 'stayer-pass-1' }));
    value(await core.invoke('users.disable', { login: 'leaver', reason: '离职', password: 'admin-pass-1' }));
    value(await core.invoke('auth.logout', {}));
    value(await core.invoke('auth.login', { login: 'stayer', password: 'stayer-pass-1' }));
    value(await core.invoke('auth.logout', {}));
    value(await core.invoke('auth.resetPassword', { login: 'admin', recoveryCode, newPassword: 'after-rekey-1' }));
    const disabledLogin = await core.invoke('auth.login', { login: 'leaver', password: 'leaver-pass-1' });
    expect(disabledLogin.ok).toBe(false);
  });

  it('a re-key interrupted before the database changed key leaves the old key working', async () => {
    const core = newCore();
    await setUp(core);
    value(await core.invoke('users.add', { login: 'leaver', name: '离职者', roles: ['clerk'], password: 'leaver-pass-1' }));
    value(await core.invoke('auth.logout', {}));
    // Crash after `.keys.next` was written, before `PRAGMA rekey`.
    writeKeyFile(nextKeyFilePath(core.dbPath), resealAll(readKeyFile(keyFilePath(core.dbPath)), newDataKey(), 'leaver'));
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    expect(existsSync(nextKeyFilePath(core.dbPath))).toBe(false);
    expect(readKeyFile(keyFilePath(core.dbPath)).generation).toBe(1);
  });

  it('a re-key interrupted after the database changed key finishes at the next login', async () => {
    const core = newCore();
    await setUp(core);
    value(await core.invoke('users.add', { login: 'leaver', name: '离职者', roles: ['clerk'], password: 'leaver-pass-1' }));
    value(await core.invoke('auth.logout', {}));
    const file = readKeyFile(keyFilePath(core.dbPath));
    const newKey = newDataKey();
    writeKeyFile(nextKeyFilePath(core.dbPath), resealAll(file, newKey, 'leaver'));
    // Crash after `PRAGMA rekey`, before `.keys.next` was renamed.
    const db = openEncrypted(core.dbPath, unlockHolder(file, 'admin', 'admin-pass-1')!.dataKey);
    rekey(db, newKey);
    db.close();
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    expect(existsSync(nextKeyFilePath(core.dbPath))).toBe(false);
    expect(readKeyFile(keyFilePath(core.dbPath)).generation).toBe(2);
  });

  it('changing a password keeps the account and refuses a wrong old password', async () => {
    const core = newCore();
    await setUp(core);
    const wrong = await core.invoke('auth.changePassword', { oldPassword: 'nope-nope', newPassword: 'changed-pass-1' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    value(await core.invoke('auth.changePassword', { oldPassword: 'admin-pass-1', newPassword: 'changed-pass-1' }));
    value(await core.invoke('auth.logout', {}));
    expect((await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' })).ok).toBe(false);
    value(await core.invoke('auth.login', { login: 'admin', password: 'changed-pass-1' }));
  });

  it('keeps one active administrator and refuses disabling oneself', async () => {
    const core = newCore();
    await setUp(core);
    expect(await core.invoke('users.disable', { login: 'admin', reason: '自己', password: 'admin-pass-1' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await core.invoke('users.setRoles', { login: 'admin', roles: ['clerk'] })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
    expect(await core.invoke('users.add', { login: 'admin', name: '重名', roles: ['clerk'], password: 'another-pass' })).toMatchObject({
      ok: false,
      error: { code: 'USER_EXISTS' },
    });
  });
});

describe('failed logins', () => {
  it('slow down after three failures and reach the audit trail', async () => {
    let now = new Date('2026-11-26T09:00:00Z');
    const core = newCore({ now: () => now });
    await setUp(core);
    value(await core.invoke('auth.logout', {}));
    for (let i = 0; i < 3; i++) {
      expect(await core.invoke('auth.login', { login: 'admin', password: 'wrong-wrong' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    }
    const throttled = await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' });
    expect(throttled).toMatchObject({ ok: false, error: { code: 'THROTTLED', details: { retryAfterMs: 1000 } } });
    now = new Date(now.getTime() + 1500);
    expect(await core.invoke('auth.login', { login: 'admin', password: 'wrong-wrong' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    // The delay grows: 2 s after the fourth failure.
    now = new Date(now.getTime() + 1500);
    expect(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' })).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    now = new Date(now.getTime() + 1000);
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    const audit = value<{ items: { method: string; outcome: string; actor: string }[] }>(await core.invoke('audit.list', { limit: 20 }));
    const denied = audit.items.filter((e) => e.method === 'auth.login' && e.outcome === 'denied');
    expect(denied).toHaveLength(4);
    // After a success the counter starts again.
    value(await core.invoke('auth.logout', {}));
    expect(await core.invoke('auth.login', { login: 'admin', password: 'wrong-wrong' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
  });

  it('lock the desk after the idle time', async () => {
    let now = new Date('2026-11-26T09:00:00Z');
    const core = newCore({ now: () => now });
    await setUp(core);
    value(await core.invoke('settings.update', { idleLockMinutes: 5 }));
    now = new Date(now.getTime() + 4 * 60_000);
    value(await core.invoke('session.get', {}));
    now = new Date(now.getTime() + 5 * 60_000 + 1);
    expect(await core.invoke('session.get', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    const status = value<{ user: unknown; lockedLogin: string }>(await core.invoke('app.status', {}));
    expect(status).toMatchObject({ user: null, lockedLogin: 'admin' });
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
  });
});
