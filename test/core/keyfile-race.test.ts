/**
 * Two processes and one key file: one disables users (each disable re-keys the
 * database and replaces the key file) while the other mistypes passwords. Every
 * read-modify-write of the key file must be safe across processes: afterwards
 * the database still opens for every remaining account and the recovery code.
 * (Before the fix a failed login could write an old key file back over a newer
 * one, and then nothing opened the database any more.) KEYFILE_RACE_MS sets
 * how long the two loops run (`npm run soak` runs them longer).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newCore, setUp, value } from '../helpers';

const root = join(__dirname, '../..');
const RUN_MS = Number(process.env.KEYFILE_RACE_MS ?? 12_000);

/** Starts a loop; `ready` resolves when it has started (the re-key loop is logged in), `done` with its counts. */
function loop(dbPath: string, mode: 'rekey' | 'fail'): { ready: Promise<void>; done: Promise<Record<string, number>> } {
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const done = new Promise<Record<string, number>>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/scripts/keyfile-loop.ts', dbPath, mode, String(RUN_MS)], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.startsWith('ready\n')) markReady();
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      markReady();
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>);
      else reject(new Error(`${mode} loop exited ${code}: ${err}`));
    });
  });
  return { ready, done };
}

describe('the key file across two processes', () => {
  it(`survives ${RUN_MS / 1000} s of re-keying in one process and failed logins in another`, async () => {
    const core = newCore();
    const { recoveryCode } = await setUp(core);
    value(await core.invoke('users.add', { login: 'clerk1', name: '录入员', roles: ['clerk'], password: 'clerk-pass-12' }));
    core.close();

    // The re-key loop logs in first: the failures that follow soon throttle every login (the global bucket).
    const rekeyLoop = loop(core.dbPath, 'rekey');
    await rekeyLoop.ready;
    const [rekeys, failures] = await Promise.all([rekeyLoop.done, loop(core.dbPath, 'fail').done]);
    // Both loops did real work (the numbers show in the test output when it fails).
    expect(rekeys.disabled ?? 0, JSON.stringify(rekeys)).toBeGreaterThan(3);
    expect(failures.WRONG_PASSWORD ?? 0, JSON.stringify(failures)).toBeGreaterThan(3);
    expect(failures['unexpected-ok']).toBeUndefined();

    // Every remaining account and the recovery code still open the database.
    // (A clock past the failures' delays: the throttle is not what this test is about.)
    const again = newCore({ dbPath: core.dbPath, now: () => new Date('2031-01-01T00:00:00Z') });
    value(await again.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    expect(value<{ ok: boolean }>(await again.invoke('audit.verify', {})).ok).toBe(true);
    value(await again.invoke('auth.logout', {}));
    value(await again.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-12' }));
    value(await again.invoke('auth.logout', {}));
    value(await again.invoke('auth.resetPassword', { login: 'admin', recoveryCode, newPassword: 'after-the-race-1' }));
  });
});
