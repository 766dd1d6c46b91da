/**
 * Issue 18, finding 6: an account an administrator creates starts with the
 * administrator's password, so it must be changed at first login before anything
 * else works — otherwise the administrator could make an approver and approve
 * cases as them. The demo department's accounts are exempt (their passwords are
 * printed for trying the product).
 */
import { describe, expect, it } from 'vitest';
import type { SessionUser, UserSummary } from '../../electron/contract';
import { createDemoDepartment } from '../../electron/core/demo/department';
import { DEMO_USERS } from '../../electron/core/demo/people';
import { auditRows, errorOf, FAST_KDF, newCore, setUp, tempFolder, value } from '../helpers';
import { join } from 'node:path';

describe('new accounts change their password at first login', () => {
  it('an account users.add made can do nothing but change its password; the change clears the requirement', async () => {
    // firstLogin: the helper's shortcut for other tests is off here.
    const core = newCore({}, { firstLogin: true });
    await setUp(core);
    const added = value<UserSummary>(await core.invoke('users.add', { login: 'boss', name: '部门负责人', roles: ['approver'], password: 'set-by-admin-1' }));
    expect(added.mustChangePassword).toBe(true);
    expect(auditRows(core.dbPath).find((e) => e.method === 'users.add')?.detail).toMatchObject({ mustChangePassword: true });

    value(await core.invoke('auth.logout', {}));
    const session = value<SessionUser>(await core.invoke('auth.login', { login: 'boss', password: 'set-by-admin-1' }));
    expect(session.mustChangePassword).toBe(true);
    // The administrator who knows this password cannot act as the approver.
    for (const [method, input] of [
      ['cases.list', {}],
      ['batches.list', {}],
      ['keys.generate', { password: 'set-by-admin-1' }],
    ] as const) {
      const refused = errorOf(await core.invoke(method, input));
      expect(refused.code, method).toBe('PASSWORD_CHANGE_REQUIRED');
      expect(refused.message).toContain('修改密码');
    }
    value(await core.invoke('auth.changePassword', { oldPassword: 'set-by-admin-1', newPassword: 'my-own-pass-1' }));
    expect(value<SessionUser>(await core.invoke('session.get', {})).mustChangePassword).toBe(false);
    value(await core.invoke('cases.list', {}));
  });

  it('the demo department’s accounts keep their printed passwords and work at once', async () => {
    const dbPath = join(tempFolder(), 'demo.db');
    const demo = await createDemoDepartment({ dbPath, kdfCost: FAST_KDF });
    expect(demo).not.toBeNull();
    const core = newCore({ dbPath }, { firstLogin: true });
    const clerk = DEMO_USERS.find((u) => u.roles.includes('clerk'))!;
    const session = value<SessionUser>(await core.invoke('auth.login', { login: clerk.login, password: clerk.password }));
    expect(session.mustChangePassword).toBe(false);
    value(await core.invoke('records.search', { query: '有限' }));
  });
});
