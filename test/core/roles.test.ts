/**
 * Every contract method, called as every role: the outcome matches the
 * declaration — allowed, or refused with FORBIDDEN and an audit entry.
 */
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, mayCall, methods } from '../../electron/contract/methods';
import { ROLES, type Role } from '../../electron/contract/roles';
import { newCore, setUp, value } from '../helpers';

// A probe input that passes no schema of a state-changing method, so allowed
// calls stop at BAD_INPUT (or succeed harmlessly) and never change anything.
const PROBE = { __probe__: true };

describe('permissions declared in the contract are enforced by the core', () => {
  it('refuses every non-public method before login', async () => {
    const core = newCore();
    await setUp(core);
    value(await core.invoke('auth.logout', {}));
    for (const method of METHOD_NAMES) {
      if (methods[method].access === 'public') continue;
      const result = await core.invoke(method, PROBE);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
    }
  });

  for (const role of ROLES) {
    it(`as ${role}`, async () => {
      const core = newCore();
      await setUp(core);
      const login = `${role}1`;
      if (role !== 'admin') {
        value(await core.invoke('users.add', { login, name: `${role} 用户`, roles: [role], password: 'role-pass-1' }));
      } else {
        value(await core.invoke('users.add', { login, name: '第二管理员', roles: ['admin'], password: 'role-pass-1' }));
      }
      value(await core.invoke('auth.logout', {}));
      value(await core.invoke('auth.login', { login, password: 'role-pass-1' }));
      const roles: Role[] = [role];
      let denials = 0;
      for (const method of METHOD_NAMES) {
        if (methods[method].access === 'public') continue;
        const result = await core.invoke(method, PROBE);
        if (mayCall(methods[method].access, roles)) {
          if (!result.ok) expect(result.error.code, `${role} → ${method}`).not.toBe('FORBIDDEN');
        } else {
          expect(result, `${role} → ${method}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
          denials++;
        }
        // A probe of auth.logout/lock is refused by its schema, so the session stays open.
        expect((await core.invoke('session.get', {})).ok, `still logged in after ${method}`).toBe(true);
      }
      // Each refusal left an audit entry naming who and what.
      value(await core.invoke('auth.logout', {}));
      value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
      const audit = value<{ items: { actor: string; outcome: string; method: string }[] }>(await core.invoke('audit.list', { limit: 500 }));
      const denied = audit.items.filter((e) => e.actor === login && e.outcome === 'denied');
      expect(denied).toHaveLength(denials);
      // Every role is refused something: no role holds every permission.
      expect(denials).toBeGreaterThan(0);
    });
  }

  it('refuses host-only methods (which take file paths) from the window', async () => {
    const core = newCore();
    await setUp(core);
    const hostOnly = METHOD_NAMES.filter((m) => 'hostOnly' in methods[m] && (methods[m] as { hostOnly?: boolean }).hostOnly);
    expect(hostOnly).toEqual(expect.arrayContaining(['import.runFile', 'export.runFile', 'batches.exportFile', 'receipts.importFile']));
    for (const method of hostOnly) {
      expect(await core.invoke(method, { path: '/etc/passwd' }, undefined, 'page'), method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('every state-changing call leaves an audit entry', async () => {
    const core = newCore();
    await setUp(core);
    value(await core.invoke('settings.update', { idleLockMinutes: 15 }));
    const failed = await core.invoke('users.setRoles', { login: 'nobody', roles: ['clerk'] });
    expect(failed.ok).toBe(false);
    const audit = value<{ items: { method: string; outcome: string; actor: string }[] }>(await core.invoke('audit.list', {}));
    expect(audit.items.map((e) => `${e.method}:${e.outcome}`)).toEqual([
      'users.setRoles:error',
      'settings.update:ok',
      'auth.login:ok',
      'setup.initialize:ok',
    ]);
  });
});
