/**
 * `backup create | verify | restore` and `audit verify --anchor <backup>` on the
 * command line (issue 11 item 10): exit codes, --json, restoring onto a
 * department that cannot be opened.
 */
import { existsSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, cli, initDesk, onlyJson } from './run-cli';
import { tempFolder } from '../helpers';

describe('backup on the command line', () => {
  it('create --json, verify, restore (also with the key file gone), and the backup as an audit anchor', { timeout: 300_000 }, async () => {
    const { db } = await initDesk();
    const out = tempFolder();
    const created = await asAdmin(db, ['backup', 'create', '--out', out, '--json']);
    expect(created.code, created.stderr).toBe(0);
    const info = onlyJson<{ path: string; bytes: number; auditHead: { seq: number; hash: string } }>(created);
    expect(Object.keys(info).sort()).toEqual(['auditHead', 'bytes', 'path']);
    expect(readdirSync(out)).toEqual([info.path.split(/[\\/]/).pop()]);

    const verified = await cli(['backup', 'verify', info.path, '--as', 'admin'], { CREDIT_DESK_PASSWORD: 'admin-pass-1' });
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('✓ 审计链');
    expect((await cli(['backup', 'verify', join(out, 'nope.cdbackup')])).code).toBe(2);

    const anchored = await asAdmin(db, ['audit', 'verify', '--anchor', info.path, '--json']);
    expect(anchored.code, anchored.stderr).toBe(0);
    expect(onlyJson<{ anchors: { source: string; result: string }[] }>(anchored).anchors).toEqual([expect.objectContaining({ source: expect.stringContaining('备份'), result: 'match' })]);

    // Logged in: restored; the current files set aside.
    const restored = await asAdmin(db, ['backup', 'restore', info.path, '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stderr).not.toContain('警告');
    expect(onlyJson<{ restored: boolean; setAside: string[] }>(restored)).toMatchObject({ restored: true, setAside: expect.arrayContaining([expect.stringMatching(/department\.db\.replaced-/)]) });

    // The key file gone: the department cannot be opened, the backup's password restores it.
    unlinkSync(`${db}.keys`);
    const offline = await asAdmin(db, ['backup', 'restore', info.path]);
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toContain('原数据库无法打开');
    expect(existsSync(`${db}.keys`)).toBe(true);
    expect((await asAdmin(db, ['info'])).code).toBe(0);

    // A wrong password restores nothing: exit 1.
    const wrong = await cli(['backup', 'restore', info.path, '--db', db, '--as', 'admin'], { CREDIT_DESK_PASSWORD: 'not-the-password' });
    expect(wrong.code).toBe(1);
  });
});
