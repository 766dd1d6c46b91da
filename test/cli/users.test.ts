import { describe, expect, it } from 'vitest';
import type { UserSummary } from '../../electron/contract/types';
import { displayWidth } from '../../electron/cli/text';
import { ADMIN_PASSWORD, asAdmin, cli, initDesk, onlyJson, readKeys } from './run-cli';

const CLERK_PASSWORD = 'clerk-pass-1';

async function addClerk(db: string, login = 'clerk1', roles = 'clerk') {
  return asAdmin(db, ['user', 'add', '--login', login, '--name', '李四', '--role', roles], { CREDIT_DESK_NEW_PASSWORD: CLERK_PASSWORD });
}

async function listUsers(db: string): Promise<UserSummary[]> {
  const run = await asAdmin(db, ['user', 'list', '--json']);
  expect(run.code).toBe(0);
  return onlyJson<{ users: UserSummary[] }>(run).users;
}

describe('user add / list', () => {
  it('adds a user who can then log in with the new password', async () => {
    const { db } = await initDesk();
    const add = await addClerk(db, 'clerk1', 'clerk,auditor');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('clerk1');
    const users = await listUsers(db);
    expect(users.map((u) => [u.login, u.roles, u.active])).toEqual([
      ['admin', ['admin'], true],
      ['clerk1', ['clerk', 'auditor'], true],
    ]);
    const asClerk = await cli(['audit', 'verify', '--db', db, '--as', 'clerk1'], { CREDIT_DESK_PASSWORD: CLERK_PASSWORD });
    expect(asClerk.code).toBe(0);
  });

  it('user add --json returns the new user', async () => {
    const { db } = await initDesk();
    const run = await asAdmin(db, ['user', 'add', '--login', 'arch', '--name', '档案', '--role', 'archivist', '--role', 'approver', '--json'], {
      CREDIT_DESK_NEW_PASSWORD: CLERK_PASSWORD,
    });
    expect(run.code).toBe(0);
    expect(onlyJson<{ user: UserSummary }>(run).user).toMatchObject({ login: 'arch', name: '档案', roles: ['archivist', 'approver'], active: true });
  });

  it('refuses an unknown role as a usage error, before logging in', async () => {
    const { db } = await initDesk();
    const run = await asAdmin(db, ['user', 'add', '--login', 'x1', '--name', '某', '--role', 'clerk,boss'], { CREDIT_DESK_NEW_PASSWORD: CLERK_PASSWORD });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('boss');
    expect(run.stderr).toContain('[USAGE]');
    expect((await listUsers(db)).map((u) => u.login)).toEqual(['admin']);
  });

  it('refuses a malformed login with exit 2 naming --login', async () => {
    const { db } = await initDesk();
    const run = await addClerk(db, 'Clerk One');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--login：登录名格式不正确.*\[BAD_INPUT\]/);
  });

  it('reports an existing login as USER_EXISTS (exit 1)', async () => {
    const { db } = await initDesk();
    expect((await addClerk(db)).code).toBe(0);
    const again = await addClerk(db);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[USER_EXISTS]');
  });

  it('needs the new user password from CREDIT_DESK_NEW_PASSWORD when there is no terminal', async () => {
    const { db } = await initDesk();
    const run = await asAdmin(db, ['user', 'add', '--login', 'clerk1', '--name', '李四', '--role', 'clerk']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CREDIT_DESK_NEW_PASSWORD');
    expect(run.stderr).toContain('[PASSWORD_REQUIRED]');
  });

  it('a clerk may not add users: exit 1, FORBIDDEN, and nobody is added', async () => {
    const { db } = await initDesk();
    expect((await addClerk(db)).code).toBe(0);
    const run = await cli(['user', 'add', '--db', db, '--as', 'clerk1', '--login', 'mallory', '--name', '某人', '--role', 'admin'], {
      CREDIT_DESK_PASSWORD: CLERK_PASSWORD,
      CREDIT_DESK_NEW_PASSWORD: 'mallory-pass-1',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('错误：您没有执行此操作的权限。 [FORBIDDEN]');
    expect((await listUsers(db)).map((u) => u.login)).toEqual(['admin', 'clerk1']);
    const json = await cli(['user', 'list', '--db', db, '--as', 'clerk1', '--json'], { CREDIT_DESK_PASSWORD: CLERK_PASSWORD });
    expect(json.code).toBe(1);
    expect(onlyJson(json)).toEqual({ error: { code: 'FORBIDDEN', message: '您没有执行此操作的权限。', details: expect.anything() } });
  });

  it('lists users in a table aligned for Chinese characters', async () => {
    const { db } = await initDesk();
    expect((await asAdmin(db, ['user', 'add', '--login', 'zhao', '--name', '赵', '--role', 'clerk'], { CREDIT_DESK_NEW_PASSWORD: CLERK_PASSWORD })).code).toBe(0);
    expect((await asAdmin(db, ['user', 'add', '--login', 'ouyang', '--name', '欧阳明月', '--role', 'approver,auditor'], { CREDIT_DESK_NEW_PASSWORD: CLERK_PASSWORD })).code).toBe(0);
    const run = await asAdmin(db, ['user', 'list']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((l) => /^(登录名|admin|zhao|ouyang)\s/.test(l));
    expect(lines).toHaveLength(4);
    // Each column starts at the same terminal column on every line.
    const columnStarts = (line: string, cells: string[]) => cells.map((c) => displayWidth(line.slice(0, line.indexOf(c))));
    const header = columnStarts(lines[0], ['姓名', '角色', '状态']);
    expect(columnStarts(lines.find((l) => l.startsWith('zhao'))!, ['赵', '录入员', '在用'])).toEqual(header);
    expect(columnStarts(lines.find((l) => l.startsWith('ouyang'))!, ['欧阳明月', '审核人、审计员', '在用'])).toEqual(header);
    expect(run.stdout).toContain('共 3 名用户，在用 3 名');
  });
});

describe('user disable', () => {
  it('disables the user, re-keys the database and removes their key copy', async () => {
    const { db } = await initDesk();
    expect((await addClerk(db)).code).toBe(0);
    const before = readKeys(db);
    expect(before.holders.map((h) => h.id)).toContain('clerk1');

    const run = await asAdmin(db, ['user', 'disable', '--login', 'clerk1', '--reason', '调离', '--json']);
    expect(run.code).toBe(0);
    expect(onlyJson<{ user: UserSummary }>(run).user).toMatchObject({ login: 'clerk1', active: false });

    const after = readKeys(db);
    expect(after.generation).toBeGreaterThan(before.generation);
    expect(after.holders.map((h) => h.id)).not.toContain('clerk1');
    expect((await listUsers(db)).find((u) => u.login === 'clerk1')).toMatchObject({ active: false, disabledAt: expect.any(String) });

    const login = await cli(['info', '--db', db, '--as', 'clerk1'], { CREDIT_DESK_PASSWORD: CLERK_PASSWORD });
    expect(login.code).toBe(1);
    expect(login.stderr).toMatch(/\[(WRONG_PASSWORD|USER_DISABLED)\]/);
  });

  it('refuses to disable oneself (BAD_INPUT, exit 2) and an unknown user (NOT_FOUND, exit 1)', async () => {
    const { db } = await initDesk();
    const self = await asAdmin(db, ['user', 'disable', '--login', 'admin', '--reason', '自己']);
    expect(self.code).toBe(2);
    expect(self.stderr).toContain('[BAD_INPUT]');
    const nobody = await asAdmin(db, ['user', 'disable', '--login', 'nobody', '--reason', '无此人']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('[NOT_FOUND]');
  });
});

describe('passwords', () => {
  it('a new user can do nothing but user passwd until they changed the password the administrator chose (issue 18, finding 6)', async () => {
    const { db } = await initDesk();
    const add = await cli(['user', 'add', '--db', db, '--as', 'admin', '--login', 'boss', '--name', '部门负责人', '--role', 'approver'], { CREDIT_DESK_PASSWORD: ADMIN_PASSWORD, CREDIT_DESK_NEW_PASSWORD: 'set-by-admin-1' }, { firstLogin: true });
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('首次登录后须先修改密码');
    const before = await cli(['batch', 'list', '--db', db, '--as', 'boss'], { CREDIT_DESK_PASSWORD: 'set-by-admin-1' });
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('[PASSWORD_CHANGE_REQUIRED]');
    expect(before.stderr).toContain('user passwd');
    const passwd = await cli(['user', 'passwd', '--db', db, '--as', 'boss'], { CREDIT_DESK_PASSWORD: 'set-by-admin-1', CREDIT_DESK_NEW_PASSWORD: 'bosses-own-1' });
    expect(passwd.code, passwd.stderr).toBe(0);
    const after = await cli(['batch', 'list', '--db', db, '--as', 'boss'], { CREDIT_DESK_PASSWORD: 'bosses-own-1' });
    expect(after.code, after.stderr).toBe(0);
  });

  it('user passwd changes the acting user’s own password', async () => {
    const { db } = await initDesk();
    const run = await asAdmin(db, ['user', 'passwd'], { CREDIT_DESK_NEW_PASSWORD: 'admin-pass-2' });
    expect(run.code).toBe(0);
    expect((await cli(['info', '--db', db, '--as', 'admin'], { CREDIT_DESK_PASSWORD: 'admin-pass-2' })).code).toBe(0);
    const old = await asAdmin(db, ['info']);
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('[WRONG_PASSWORD]');
  });

  it('user passwd with a wrong old password fails with WRONG_PASSWORD and changes nothing', async () => {
    const { db } = await initDesk();
    const run = await cli(['user', 'passwd', '--db', db, '--as', 'admin'], { CREDIT_DESK_PASSWORD: 'not-it-at-all', CREDIT_DESK_NEW_PASSWORD: 'admin-pass-2' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[WRONG_PASSWORD]');
    expect((await asAdmin(db, ['info'])).code).toBe(0);
  });

  it('user reset sets a new password with the recovery code; a wrong code is refused', async () => {
    const { db, recoveryCode } = await initDesk();
    const wrong = await cli(['user', 'reset', '--db', db, '--login', 'admin', '--recovery-code', 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE'], {
      CREDIT_DESK_NEW_PASSWORD: 'admin-pass-9',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('[WRONG_RECOVERY_CODE]');

    const run = await cli(['user', 'reset', '--db', db, '--login', 'admin', '--recovery-code', recoveryCode.toLowerCase(), '--json'], {
      CREDIT_DESK_NEW_PASSWORD: 'admin-pass-9',
    });
    expect(run.code).toBe(0);
    expect(onlyJson(run)).toMatchObject({ user: { login: 'admin' } });
    expect((await cli(['info', '--db', db, '--as', 'admin'], { CREDIT_DESK_PASSWORD: 'admin-pass-9' })).code).toBe(0);
    expect((await cli(['info', '--db', db, '--as', 'admin'], { CREDIT_DESK_PASSWORD: ADMIN_PASSWORD })).code).toBe(1);
  });
});
