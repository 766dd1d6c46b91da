import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEPARTMENT } from '../helpers';
import { ADMIN_PASSWORD, asAdmin, cli, initDesk, newDbPath, onlyJson, readKeys } from './run-cli';

const RECOVERY_CODE = /[0-9A-Z]{5}(-[0-9A-Z]{5}){4}/g;

function initArgs(db: string, overrides: Record<string, string> = {}): string[] {
  const options: Record<string, string> = {
    db,
    department: DEPARTMENT.name,
    uscc: DEPARTMENT.uscc,
    region: DEPARTMENT.regionCode,
    'contact-person': DEPARTMENT.contactPerson,
    'contact-phone': DEPARTMENT.contactPhone,
    admin: 'admin',
    'admin-name': '王管理',
    ...overrides,
  };
  return ['init', ...Object.entries(options).flatMap(([k, v]) => [`--${k}`, v])];
}

describe('init', () => {
  it('creates the database and its key file and shows the recovery code once, with a warning', async () => {
    const db = newDbPath();
    const run = await cli(initArgs(db), { CREDIT_DESK_NEW_PASSWORD: ADMIN_PASSWORD });
    expect(run.stderr).not.toContain('错误');
    expect(run.code).toBe(0);
    expect(existsSync(db)).toBe(true);
    expect(existsSync(`${db}.keys`)).toBe(true);
    const codes = run.stdout.match(RECOVERY_CODE) ?? [];
    expect(codes).toHaveLength(1);
    expect(run.stdout).toContain('只显示这一次');
    expect(run.stdout).toContain('妥善保管');
    expect(run.stdout).toContain(DEPARTMENT.name);
    // The admin can log in with the password from the environment.
    expect((await asAdmin(db, ['info'])).code).toBe(0);
  });

  it('--json prints one object: recovery code, department, admin', async () => {
    const db = newDbPath();
    const run = await cli([...initArgs(db, { uscc: DEPARTMENT.uscc.toLowerCase() }), '--json'], { CREDIT_DESK_PASSWORD: ADMIN_PASSWORD });
    expect(run.code).toBe(0);
    const out = onlyJson<{ recoveryCode: string; department: Record<string, string>; admin: string }>(run);
    expect(out.recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    expect(out.admin).toBe('admin');
    expect(out.department).toMatchObject({
      name: DEPARTMENT.name,
      uscc: DEPARTMENT.uscc, // stored upper-case
      regionCode: DEPARTMENT.regionCode,
      contactPerson: DEPARTMENT.contactPerson,
      contactPhone: DEPARTMENT.contactPhone,
    });
  });

  it('prefers CREDIT_DESK_NEW_PASSWORD over CREDIT_DESK_PASSWORD for the admin', async () => {
    const db = newDbPath();
    const run = await cli(initArgs(db), { CREDIT_DESK_NEW_PASSWORD: 'the-new-one-1', CREDIT_DESK_PASSWORD: 'the-old-one-1' });
    expect(run.code).toBe(0);
    expect((await cli(['info', '--db', db, '--as', 'admin'], { CREDIT_DESK_PASSWORD: 'the-new-one-1' })).code).toBe(0);
    const wrong = await cli(['info', '--db', db, '--as', 'admin'], { CREDIT_DESK_PASSWORD: 'the-old-one-1' });
    expect(wrong.code).toBe(1);
  });

  it('refuses a USCC with a wrong check character: exit 2, BAD_INPUT, nothing created', async () => {
    const db = newDbPath();
    const run = await cli(initArgs(db, { uscc: '91350200776049653B' }), { CREDIT_DESK_NEW_PASSWORD: ADMIN_PASSWORD });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^错误：.*统一社会信用代码.* \[BAD_INPUT\]$/m);
    expect(existsSync(db)).toBe(false);
    expect(existsSync(`${db}.keys`)).toBe(false);
  });

  it('names the option of a malformed field, before asking for any password', async () => {
    const db = newDbPath();
    // No password anywhere: the input mistake must be reported first, as exit 2 BAD_INPUT.
    const run = await cli([...initArgs(db, { uscc: '9135', region: '12' }), '--json']);
    expect(run.code).toBe(2);
    const { error } = onlyJson<{ error: { code: string; message: string } }>(run);
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toContain('--uscc');
    expect(error.message).toContain('--region');
    expect(error.message).toContain('18 位');
  });

  it('refuses a too-short password from the environment with exit 2 and creates nothing', async () => {
    const db = newDbPath();
    const run = await cli(initArgs(db), { CREDIT_DESK_NEW_PASSWORD: 'short' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('密码至少需要 10 位');
    expect(run.stderr).toContain('[BAD_INPUT]');
    expect(existsSync(db)).toBe(false);
  });

  it('refuses to overwrite an existing department: exit 1, ALREADY_INITIALIZED', async () => {
    const { db } = await initDesk();
    const run = await cli(initArgs(db), { CREDIT_DESK_NEW_PASSWORD: 'another-pass-1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[ALREADY_INITIALIZED]');
    expect((await asAdmin(db, ['info'])).code).toBe(0); // the old admin password still works
  });

  it('without a password variable and without a terminal: exit 2, PASSWORD_REQUIRED, nothing created', async () => {
    const db = newDbPath();
    const run = await cli(initArgs(db));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CREDIT_DESK_NEW_PASSWORD');
    expect(run.stderr).toContain('[PASSWORD_REQUIRED]');
    expect(existsSync(db)).toBe(false);
  });

  it('uses the lowered scrypt cost only when CREDIT_DESK_KDF_N is set, and warns', async () => {
    const fast = newDbPath();
    const run = await cli(initArgs(fast), { CREDIT_DESK_NEW_PASSWORD: ADMIN_PASSWORD });
    expect(run.stderr).toContain('仅供测试使用');
    expect(readKeys(fast).holders.map((h) => h.kdf.N)).toEqual([1024, 1024]);

    const real = newDbPath();
    const slow = await cli(initArgs(real), { CREDIT_DESK_NEW_PASSWORD: ADMIN_PASSWORD, CREDIT_DESK_KDF_N: undefined });
    expect(slow.code).toBe(0);
    expect(slow.stderr).not.toContain('仅供测试使用');
    expect(readKeys(real).holders.every((h) => h.kdf.N === 1 << 17)).toBe(true);
  });

  it('refuses an out-of-range CREDIT_DESK_KDF_N as a usage error', async () => {
    const db = newDbPath();
    const run = await cli(initArgs(db), { CREDIT_DESK_NEW_PASSWORD: ADMIN_PASSWORD, CREDIT_DESK_KDF_N: '1000' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CREDIT_DESK_KDF_N');
    expect(existsSync(db)).toBe(false);
  });
});
