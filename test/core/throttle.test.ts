/**
 * The login throttle (issue 11 item 6) and the failed attempts that wait
 * outside the database (item 4): invented names cannot reset a real account's
 * delay, junk cannot push real failures out before they reach the trail,
 * password checks inside a session are throttled too, and what waited outside
 * the database is validated and marked as unauthenticated when it joins the trail.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attemptsFilePath } from '../../electron/core/auth/attempts';
import { keyFilePath } from '../../electron/core/store/keyfile';
import { as, auditRows, errorOf, newCore, setUp, value } from '../helpers';

function clock(start = '2026-11-26T09:00:00Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance: (ms: number) => (now += ms),
  };
}

describe('the login throttle', () => {
  it('invented names do not reset a real account’s delay', async () => {
    const time = clock();
    const core = newCore({ now: time.now });
    await setUp(core);
    value(await core.invoke('auth.logout', {}));
    // Eleven failures on the real account: it must then wait 2^8 s.
    for (let i = 0; i < 11; i++) {
      expect(errorOf(await core.invoke('auth.login', { login: 'admin', password: 'wrong-password' })).code).toBe('WRONG_PASSWORD');
      time.advance(301_000);
    }
    time.advance(-301_000);
    // 250 invented names at once (before the fix, 200 pushed the account's counter out).
    for (let i = 0; i < 250; i++) await core.invoke('auth.login', { login: `nobody${i}`, password: 'whatever-pw' });
    time.advance(100_000); // past the shared buckets' delays, not past the account's
    const throttled = errorOf(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    expect(throttled.code).toBe('THROTTLED');
    expect((throttled.details as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(100_000);
    time.advance(200_000);
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
  });

  it('1,000 junk failures do not push the real ones out before they reach the audit trail', async () => {
    const time = clock();
    const core = newCore({ now: time.now });
    await setUp(core);
    value(await core.invoke('users.add', { login: 'clerk1', name: '录入员', roles: ['clerk'], password: 'clerk-pass-12' }));
    value(await core.invoke('auth.logout', {}));
    for (const login of ['admin', 'clerk1', 'admin', 'clerk1']) {
      expect(errorOf(await core.invoke('auth.login', { login, password: 'wrong-password' })).code).toBe('WRONG_PASSWORD');
    }
    for (let i = 0; i < 1000; i++) {
      time.advance(3_600_001); // no delay stops them: every one is written
      expect(errorOf(await core.invoke('auth.login', { login: `junk${i}`, password: 'whatever-pw' })).code).toBe('WRONG_PASSWORD');
    }
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    const denied = auditRows(core.dbPath).filter((e) => e.outcome === 'denied' && e.method === 'auth.login');
    const real = denied.filter((e) => e.actor === 'admin' || e.actor === 'clerk1');
    expect(real.map((e) => e.actor)).toEqual(['admin', 'clerk1', 'admin', 'clerk1']);
    for (const e of real) expect(e.detail).toMatchObject({ reason: 'wrong-password', unauthenticated: true });
    // The newest 200 junk attempts are kept, the rest counted.
    expect(denied.filter((e) => e.actor?.startsWith('junk'))).toHaveLength(200);
    expect(denied.find((e) => e.actor === null)?.detail).toMatchObject({ notCopied: 800, unauthenticated: true });
  });

  it('password checks inside a session are throttled too (signing keys, password change)', async () => {
    const time = clock();
    const core = newCore({ now: time.now });
    await setUp(core);
    value(await core.invoke('users.add', { login: 'boss', name: '负责人', roles: ['approver'], password: 'boss-pass-12' }));
    await as(core, 'boss', 'boss-pass-12');
    for (let i = 0; i < 3; i++) expect(errorOf(await core.invoke('keys.generate', { password: 'wrong-password' })).code).toBe('WRONG_PASSWORD');
    expect(errorOf(await core.invoke('keys.generate', { password: 'boss-pass-12' })).code).toBe('THROTTLED');
    expect(errorOf(await core.invoke('auth.changePassword', { oldPassword: 'boss-pass-12', newPassword: 'boss-pass-new1' })).code).toBe('THROTTLED');
    time.advance(1_001);
    value(await core.invoke('keys.generate', { password: 'boss-pass-12' }));
    // …and the in-session failures were audited (by the call that failed): three wrong, one throttled.
    expect(auditRows(core.dbPath).filter((e) => e.method === 'keys.generate' && e.outcome === 'error').map((e) => e.detail?.code)).toEqual([
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'THROTTLED',
    ]);
  });
});

describe('failed attempts waiting outside the database', () => {
  it('join the trail validated and marked unauthenticated; a forged entry does not get in', async () => {
    const core = newCore();
    await setUp(core);
    value(await core.invoke('auth.logout', {}));
    expect(errorOf(await core.invoke('auth.login', { login: 'admin', password: 'wrong-password' })).code).toBe('WRONG_PASSWORD');
    // Someone with write access to the folder adds entries to the attempts file and (the old place) the key file.
    const forged = { at: new Date().toISOString(), actor: 'boss', method: 'batches.approve', target: 'batch:1', outcome: 'ok', detail: { sequence: 1 } };
    const attempts = JSON.parse(readFileSync(attemptsFilePath(core.dbPath), 'utf8'));
    attempts.pending.push(forged, { ...forged, method: 'auth.login', outcome: 'denied', target: 'user:boss', detail: { reason: 'wrong-password' }, at: 'yesterday' });
    writeFileSync(attemptsFilePath(core.dbPath), JSON.stringify(attempts));
    const keys = JSON.parse(readFileSync(keyFilePath(core.dbPath), 'utf8'));
    keys.pendingAudit = [forged];
    writeFileSync(keyFilePath(core.dbPath), JSON.stringify(keys));

    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    const trail = auditRows(core.dbPath);
    expect(trail.filter((e) => e.method === 'batches.approve')).toEqual([]);
    expect(trail.filter((e) => e.outcome === 'denied' && e.actor === 'admin')).toEqual([
      expect.objectContaining({ method: 'auth.login', detail: expect.objectContaining({ reason: 'wrong-password', unauthenticated: true, source: 'attempts-file' }) }),
    ]);
    const summaries = trail.filter((e) => e.outcome === 'denied' && e.actor === null);
    expect(summaries.map((e) => [e.detail?.source, e.detail?.discardedInvalid])).toEqual([
      ['attempts-file', 2],
      ['key-file', 1],
    ]);
    // The key file no longer carries them, and the attempts file is empty again.
    expect(JSON.parse(readFileSync(keyFilePath(core.dbPath), 'utf8')).pendingAudit).toBeUndefined();
    expect(JSON.parse(readFileSync(attemptsFilePath(core.dbPath), 'utf8')).pending).toEqual([]);
    expect(value<{ ok: boolean }>(await core.invoke('audit.verify', {})).ok).toBe(true);
  });
});
