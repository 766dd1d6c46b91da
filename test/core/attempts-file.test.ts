/**
 * Issue 18, finding 8: the attempts file. Deleting it lifted a throttle and erased
 * the failures waiting for the trail; a 48.8 MB file made the next login take
 * 13.7 s. Its size and age are bounded now (entries older than the account's last
 * successful login, or from the future, are dropped and counted; a file past the
 * size bound is not read, and that is said in the trail), and the state is kept in
 * two places — the attempts file and the department lock's own small database —
 * so that deleting one does not reset it.
 */
import { existsSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attemptsFilePath, MAX_ATTEMPTS_BYTES } from '../../electron/core/auth/attempts';
import { lockFilePath } from '../../electron/core/store/lock';
import { auditRows, errorOf, newCore, setUp, value } from '../helpers';

function clock(start = '2026-11-26T09:00:00Z') {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

async function deskWithClerk(time: ReturnType<typeof clock>) {
  const core = newCore({ now: time.now });
  await setUp(core);
  value(await core.invoke('users.add', { login: 'clerk1', name: '录入员', roles: ['clerk'], password: 'clerk-pass-12' }));
  value(await core.invoke('auth.logout', {}));
  return core;
}

async function failTimes(core: Awaited<ReturnType<typeof deskWithClerk>>, n: number) {
  for (let i = 0; i < n; i++) expect(errorOf(await core.invoke('auth.login', { login: 'clerk1', password: 'wrong-password' })).code).toBe('WRONG_PASSWORD');
}

describe('the attempts file', () => {
  it('deleting it neither lifts the throttle nor loses the failures waiting for the trail', async () => {
    const time = clock();
    const core = await deskWithClerk(time);
    await failTimes(core, 3);
    expect(errorOf(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-12' })).code).toBe('THROTTLED');
    unlinkSync(attemptsFilePath(core.dbPath));
    expect(errorOf(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-12' })).code).toBe('THROTTLED');
    time.advance(1_001);
    value(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-12' }));
    const denied = auditRows(core.dbPath).filter((e) => e.actor === 'clerk1' && e.outcome === 'denied');
    expect(denied).toHaveLength(3);
    for (const e of denied) expect(e.detail).toMatchObject({ reason: 'wrong-password', unauthenticated: true });
  });

  it('deleting the other copy (the lock’s database) does not reset it either', async () => {
    const time = clock();
    const core = await deskWithClerk(time);
    await failTimes(core, 3);
    expect(existsSync(lockFilePath(core.dbPath))).toBe(true);
    unlinkSync(lockFilePath(core.dbPath));
    expect(errorOf(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-12' })).code).toBe('THROTTLED');
  });

  it('a file past the size bound is not read (said in the trail), and the other copy still throttles', async () => {
    const time = clock();
    const core = await deskWithClerk(time);
    await failTimes(core, 3);
    // What the reviewer made: a file of tens of megabytes (here just past the bound).
    const attempts = JSON.parse(readFileSync(attemptsFilePath(core.dbPath), 'utf8')) as { pending: unknown[] };
    const filler = { at: new Date(time.now()).toISOString(), actor: 'x'.repeat(60), method: 'auth.login', target: 'user:x', outcome: 'denied', detail: { reason: 'unknown-user' } };
    while (JSON.stringify(attempts).length <= MAX_ATTEMPTS_BYTES) attempts.pending.push(...Array.from({ length: 1000 }, () => filler));
    writeFileSync(attemptsFilePath(core.dbPath), JSON.stringify(attempts));
    expect(errorOf(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-12' })).code).toBe('THROTTLED');
    time.advance(1_001);
    value(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-12' }));
    const trail = auditRows(core.dbPath);
    expect(trail.filter((e) => e.actor === 'clerk1' && e.outcome === 'denied')).toHaveLength(3);
    expect(trail.find((e) => e.actor === null && e.method === 'auth.login')?.detail).toMatchObject({ fileTooLarge: true, unauthenticated: true });
    expect(statSync(attemptsFilePath(core.dbPath)).size).toBeLessThan(10_000);
  });

  it('entries older than the account’s last successful login, or from the future, are dropped and counted', async () => {
    const time = clock();
    const core = await deskWithClerk(time);
    value(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-12' })); // clerk1's last login: 09:00
    value(await core.invoke('auth.logout', {}));
    time.advance(3_600_000);
    await failTimes(core, 1); // 10:00: a real one
    const attempts = JSON.parse(readFileSync(attemptsFilePath(core.dbPath), 'utf8')) as { pending: Record<string, unknown>[] };
    const real = attempts.pending[0];
    attempts.pending.push(
      { ...real, id: 'stale-1', at: '2026-11-26T08:00:00.000Z' }, // before clerk1's last login: it would have joined the trail then
      { ...real, id: 'future-1', at: '2027-01-01T00:00:00.000Z' },
    );
    writeFileSync(attemptsFilePath(core.dbPath), JSON.stringify(attempts));
    unlinkSync(lockFilePath(core.dbPath)); // only the file's copy, so the planted entries are what is read
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    const trail = auditRows(core.dbPath);
    expect(trail.filter((e) => e.actor === 'clerk1' && e.outcome === 'denied').map((e) => e.detail?.attempt)).toEqual([real.id]);
    expect(trail.find((e) => e.actor === null && e.method === 'auth.login')?.detail).toMatchObject({ droppedStale: 1, droppedFuture: 1 });
  });
});
