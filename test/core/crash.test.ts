/**
 * A process killed in the middle of writing leaves a database that opens,
 * passes integrity_check and holds every change that was committed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newCore, setUp, value } from '../helpers';
import { unlockHolder } from '../../electron/core/auth/keys';
import { keyFilePath, readKeyFile } from '../../electron/core/store/keyfile';
import { openEncrypted } from '../../electron/core/store/database';

const root = join(__dirname, '../..');

function runAndKill(dbPath: string, killAfterLines: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/scripts/writer.ts', dbPath], { cwd: root });
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      lines.push(...parts);
      // Kill mid-write: a few ms after a commit, while the next write is under way.
      if (lines.length >= killAfterLines && !child.killed) setTimeout(() => child.kill('SIGKILL'), Math.random() * 5);
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(lines) : reject(new Error(`writer exited: ${stderr}`))));
  });
}

describe('crash safety', () => {
  for (const round of [1, 2, 3]) {
    it(`keeps every committed change when killed mid-write (round ${round})`, async () => {
      const core = newCore();
      await setUp(core);
      core.close();
      const committed = await runAndKill(core.dbPath, 10 + Math.floor(Math.random() * 30));
      expect(committed.length).toBeGreaterThanOrEqual(10);

      const { dataKey } = unlockHolder(readKeyFile(keyFilePath(core.dbPath)), 'admin', 'admin-pass-1')!;
      const db = openEncrypted(core.dbPath, dataKey);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const logins = new Set((db.prepare('SELECT login FROM users').all() as { login: string }[]).map((r) => r.login));
      for (const line of committed) expect(logins.has(line.split(' ')[1]), line).toBe(true);
      db.close();

      // And the desk opens normally, with an intact audit chain.
      const again = newCore({ dbPath: core.dbPath });
      value(await again.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
      const last = committed[committed.length - 1].split(' ');
      const settings = value<{ idleLockMinutes: number }>(await again.invoke('settings.get', {}));
      // The last printed settings value is committed; a later one may be too.
      expect(settings.idleLockMinutes).toBeGreaterThanOrEqual(1);
      if (logins.size === committed.length + 1) expect(settings.idleLockMinutes).toBe(Number(last[2]));
      expect(value<{ ok: boolean }>(await again.invoke('audit.verify', {})).ok).toBe(true);
    });
  }
});
