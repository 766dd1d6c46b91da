import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOlderDepartment, DEPARTMENT, newCore, olderMigrations, setUp, tempFolder, value } from '../helpers';
import { unlockHolder } from '../../electron/core/auth/keys';
import { keyFilePath, readKeyFile } from '../../electron/core/store/keyfile';
import { openEncrypted } from '../../electron/core/store/database';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function rawOpen(dbPath: string, login = 'admin', password = 'admin-pass-1') {
  const unlocked = unlockHolder(readKeyFile(keyFilePath(dbPath)), login, password);
  if (!unlocked) throw new Error('could not unlock');
  return openEncrypted(dbPath, unlocked.dataKey);
}

describe('the encrypted store', () => {
  it('never writes the department name or other text in clear, in the file or its WAL', async () => {
    const core = newCore();
    await setUp(core);
    const marker = '测试专用联系人王五六';
    value(await core.invoke('department.update', { ...DEPARTMENT, contactPerson: marker }));
    value(await core.invoke('users.add', { login: 'clerk1', name: '赵钱孙李', roles: ['clerk'], password: 'clerk-pass-1' }));
    const wal = `${core.dbPath}-wal`;
    expect(existsSync(wal)).toBe(true); // the session is open: the WAL holds the recent pages
    for (const path of [core.dbPath, wal, keyFilePath(core.dbPath)]) {
      const bytes = readFileSync(path);
      for (const text of [DEPARTMENT.name, marker, '赵钱孙李', DEPARTMENT.contactPhone]) {
        expect(bytes.includes(Buffer.from(text, 'utf8')), `${text} in ${path}`).toBe(false);
      }
    }
    expect(readFileSync(core.dbPath).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(readFileSync(wal).subarray(0, 16).toString('latin1')).not.toContain('SQLite');
  });

  it('a wrong password changes nothing in the database and says so', async () => {
    const core = newCore();
    await setUp(core);
    value(await core.invoke('auth.logout', {}));
    const before = sha(core.dbPath);
    const result = await core.invoke('auth.login', { login: 'admin', password: 'not-the-password' });
    expect(result).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD', message: '登录名或密码不正确。' } });
    expect(sha(core.dbPath)).toBe(before);
    expect(existsSync(`${core.dbPath}-wal`)).toBe(false);
  });

  it('is SQLCipher 4 with WAL, synchronous=FULL and foreign keys on', async () => {
    const core = newCore();
    await setUp(core);
    core.close();
    const db = rawOpen(core.dbPath);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('refuses a database written by a newer version and leaves it as it was', async () => {
    const core = newCore();
    await setUp(core);
    core.close();
    const db = rawOpen(core.dbPath);
    db.pragma('user_version = 99');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = sha(core.dbPath);
    const again = newCore({ dbPath: core.dbPath });
    const result = await again.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('DB_NEWER_VERSION');
      expect(result.error.message).toContain('更新版本');
    }
    expect(sha(core.dbPath)).toBe(before);
  });

  it('sets a copy aside before migrating an older database', async () => {
    // The "old app" knows every migration but the newest; the real one upgrades it.
    const old = olderMigrations();
    const dbPath = join(tempFolder(), 'department.db');
    createOlderDepartment(dbPath, old.folder);
    const upgraded = newCore({ dbPath });
    value(await upgraded.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    const info = value<{ schemaVersion: number; appSchemaVersion: number }>(await upgraded.invoke('info.get', {}));
    expect(info.schemaVersion).toBe(old.version + 1);
    expect(info.appSchemaVersion).toBe(old.version + 1);
    const folder = join(dbPath, '..');
    const backups = readdirSync(folder).filter((f) => f.startsWith(`department.db.bak-v${old.version}-`));
    expect(backups).toHaveLength(1);
    // The copy is the old database, still encrypted, at the old schema version.
    copyFileSync(join(folder, backups[0]), join(folder, 'copy.db'));
    copyFileSync(keyFilePath(dbPath), keyFilePath(join(folder, 'copy.db')));
    expect(readFileSync(join(folder, 'copy.db')).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const copy = rawOpen(join(folder, 'copy.db'));
    expect(copy.pragma('user_version', { simple: true })).toBe(old.version);
    expect(copy.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(old.version);
    copy.close();
  });
});
