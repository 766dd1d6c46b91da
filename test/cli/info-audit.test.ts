import { describe, expect, it } from 'vitest';
import type { DeskInfo } from '../../electron/contract/types';
import { unlockHolder } from '../../electron/core/auth/keys';
import { openEncrypted } from '../../electron/core/store/database';
import { keyFilePath, readKeyFile } from '../../electron/core/store/keyfile';
import { DEPARTMENT } from '../helpers';
import { ADMIN_PASSWORD, asAdmin, cli, initDesk, onlyJson } from './run-cli';

describe('info', () => {
  it('--json gives the department, counts and schema version', async () => {
    const { db } = await initDesk();
    expect((await asAdmin(db, ['user', 'add', '--login', 'clerk1', '--name', '李四', '--role', 'clerk'], { CREDIT_DESK_NEW_PASSWORD: 'clerk-pass-1' })).code).toBe(0);
    const run = await asAdmin(db, ['info', '--json']);
    expect(run.code).toBe(0);
    const info = onlyJson<DeskInfo>(run);
    expect(info.department).toMatchObject({ name: DEPARTMENT.name, uscc: DEPARTMENT.uscc, regionCode: '130111' });
    expect(info.counts).toMatchObject({ users: 2, activeUsers: 2 });
    // init (setup + logout), user add (login, add, logout), this login: at least 6 entries.
    expect(info.counts.auditEntries).toBeGreaterThanOrEqual(6);
    expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(info.schemaVersion).toBe(info.appSchemaVersion);
  });

  it('any role may read it; the text output is Chinese', async () => {
    const { db } = await initDesk();
    expect((await asAdmin(db, ['user', 'add', '--login', 'clerk1', '--name', '李四', '--role', 'clerk'], { CREDIT_DESK_NEW_PASSWORD: 'clerk-pass-1' })).code).toBe(0);
    const run = await cli(['info', '--db', db, '--as', 'clerk1'], { CREDIT_DESK_PASSWORD: 'clerk-pass-1' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/单位名称\s+石家庄市栾城区测试监管局/);
    expect(run.stdout).toMatch(/用户\s+共 2 名，在用 2 名/);
  });

  it('a wrong password is exit 1 with WRONG_PASSWORD, in text and in JSON', async () => {
    const { db } = await initDesk();
    const text = await cli(['info', '--db', db, '--as', 'admin'], { CREDIT_DESK_PASSWORD: 'wrong-password' });
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('[WRONG_PASSWORD]');
    expect(text.stdout).toBe('');
    const json = await cli(['info', '--db', db, '--as', 'admin', '--json'], { CREDIT_DESK_PASSWORD: 'wrong-password' });
    expect(json.code).toBe(1);
    expect(onlyJson(json)).toEqual({ error: { code: 'WRONG_PASSWORD', message: expect.stringMatching(/密码/) } });
  });

  it('an unknown login is also WRONG_PASSWORD (no hint which logins exist)', async () => {
    const { db } = await initDesk();
    const run = await cli(['info', '--db', db, '--as', 'ghost'], { CREDIT_DESK_PASSWORD: ADMIN_PASSWORD });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[WRONG_PASSWORD]');
  });

  it('a missing database is NOT_INITIALIZED (exit 1)', async () => {
    const run = await cli(['info', '--db', '/nonexistent/folder/none.db', '--as', 'admin'], { CREDIT_DESK_PASSWORD: ADMIN_PASSWORD });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[NOT_INITIALIZED]');
  });

  it('without CREDIT_DESK_PASSWORD and without a terminal: exit 2 before touching the database', async () => {
    const run = await cli(['info', '--db', '/nonexistent/folder/none.db', '--as', 'admin']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CREDIT_DESK_PASSWORD');
    expect(run.stderr).toContain('[PASSWORD_REQUIRED]');
  });
});

describe('audit verify', () => {
  it('exits 0 on an intact trail', async () => {
    const { db } = await initDesk();
    const text = await asAdmin(db, ['audit', 'verify']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('审计日志完整');
    const json = await asAdmin(db, ['audit', 'verify', '--json']);
    expect(json.code).toBe(0);
    const result = onlyJson<{ ok: boolean; checked: number; firstBroken: unknown }>(json);
    expect(result.ok).toBe(true);
    expect(result.firstBroken).toBeNull();
    expect(result.checked).toBeGreaterThanOrEqual(3);
  });

  it('exits 1 and names the first broken entry when the trail was tampered with', async () => {
    const { db } = await initDesk();
    expect((await asAdmin(db, ['info'])).code).toBe(0);
    // Tamper with entry 2 behind the application's back.
    const { dataKey } = unlockHolder(readKeyFile(keyFilePath(db)), 'admin', ADMIN_PASSWORD)!;
    const raw = openEncrypted(db, dataKey);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2`).run();
    raw.close();

    const text = await asAdmin(db, ['audit', 'verify']);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/第 2 条记录：内容与其哈希不符.*\[AUDIT_BROKEN\]/);
    const json = await asAdmin(db, ['audit', 'verify', '--json']);
    expect(json.code).toBe(1);
    expect(onlyJson(json)).toMatchObject({ ok: false, checked: 1, firstBroken: { seq: 2, reason: expect.stringContaining('哈希') } });
  });

  it('a clerk may not verify the trail: FORBIDDEN', async () => {
    const { db } = await initDesk();
    expect((await asAdmin(db, ['user', 'add', '--login', 'clerk1', '--name', '李四', '--role', 'clerk'], { CREDIT_DESK_NEW_PASSWORD: 'clerk-pass-1' })).code).toBe(0);
    const run = await cli(['audit', 'verify', '--db', db, '--as', 'clerk1'], { CREDIT_DESK_PASSWORD: 'clerk-pass-1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[FORBIDDEN]');
  });
});
