import { describe, expect, it } from 'vitest';
import { newCore, setUp, value } from '../helpers';

describe('smoke', () => {
  it('sets up, logs in, adds a user', async () => {
    const core = newCore();
    const { recoveryCode } = await setUp(core);
    expect(recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    value(await core.invoke('users.add', { login: 'clerk1', name: '李四', roles: ['clerk'], password: 'clerk-pass-1' }));
    const users = value<{ login: string }[]>(await core.invoke('users.list', {}));
    expect(users.map((u) => u.login)).toEqual(['admin', 'clerk1']);
    value(await core.invoke('auth.logout', {}));
    value(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-1' }));
    const denied = await core.invoke('users.list', {});
    expect(denied.ok).toBe(false);
  });
});
