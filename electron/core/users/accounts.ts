/**
 * Accounts and their keys: adding, disabling (with a re-key), re-enabling,
 * password changes and resets. Each is one key change with its database half
 * (auth/intents.ts): complete, or not done at all.
 */
import { CoreError } from '../errors';
import { makeHolder, putHolder, rewrapHolder } from '../auth/keys';
import type { Desk } from '../desk';
import type { Role } from '../../contract/roles';
import type { UserSummary } from '../../contract/types';
import { and, count, eq, isNull } from 'drizzle-orm';
import { signingKeys } from '../../../drizzle/schema';
import { orm } from '../store/orm';
import { assertKeepsAnAdmin, getUser, userExists } from './service';

/** The rules beyond length (the contract checks that): a password is not the login name. */
export function assertPasswordAcceptable(login: string, password: string): void {
  if (password.trim().toLowerCase() === login.trim().toLowerCase()) {
    throw new CoreError('BAD_INPUT', '密码不能与登录名相同。', { issues: [{ path: ['password'], message: '密码不能与登录名相同' }] });
  }
}

/**
 * A new account under a password the administrator chose, so it must be changed at
 * first login before anything else works (dispatch.ts): otherwise an administrator
 * could create an approver and approve as them. Only the demo department, whose
 * passwords are printed for trying the product, makes accounts without (`demo`).
 */
export function addUser(desk: Desk, user: { login: string; name: string; roles: Role[]; password: string }, options: { demo?: boolean } = {}): UserSummary {
  assertPasswordAcceptable(user.login, user.password);
  if (userExists(desk.db, user.login)) throw new CoreError('USER_EXISTS', `用户名 ${user.login} 已被使用（包括已停用的用户）。`);
  const roles = [...new Set(user.roles)];
  const detail = options.demo ? { name: user.name, roles, mustChangePassword: false, demo: true } : { name: user.name, roles, mustChangePassword: true };
  desk.changeKeys({ method: 'users.add', login: user.login, detail }, (file) =>
    putHolder(file, makeHolder(file, user.login, user.password, desk.dataKey, desk.kdfCost)),
  );
  return getUser(desk.db, user.login);
}

/**
 * Disables an account and re-keys the database, so that no copy of the key file
 * (nor the person's password) opens it any more. Marked disabled only once the
 * re-key has happened; a re-key refused (another process has the database open)
 * changes nothing.
 */
export function disableUser(
  desk: Desk,
  input: { login: string; reason: string; password: string },
  progress: (phase: string) => void,
): UserSummary {
  const user = getUser(desk.db, input.login);
  if (!user.active) throw new CoreError('BAD_INPUT', `用户 ${input.login} 已经停用。`);
  if (input.login === desk.login) throw new CoreError('BAD_INPUT', '不能停用自己的账户。');
  assertKeepsAnAdmin(desk.db, input.login, null);
  desk.checkPassword(input.password);
  progress('disable');
  desk.rekeyExcluding(input.login, { method: 'users.disable', login: input.login, detail: { reason: input.reason } }, progress);
  return getUser(desk.db, input.login);
}

/** A disabled account gets a new key copy under a password the administrator sets, to be changed at next login. */
export function enableUser(desk: Desk, input: { login: string; newPassword: string; password: string }): UserSummary {
  const user = getUser(desk.db, input.login);
  if (user.active) throw new CoreError('BAD_INPUT', `用户 ${input.login} 没有停用。`);
  assertPasswordAcceptable(input.login, input.newPassword);
  desk.checkPassword(input.password);
  desk.changeKeys({ method: 'users.enable', login: input.login, detail: { mustChangePassword: true } }, (file) =>
    putHolder(file, makeHolder(file, input.login, input.newPassword, desk.dataKey, desk.kdfCost)),
  );
  return getUser(desk.db, input.login);
}

/**
 * An administrator sets another person's password: a new key pair and key copy
 * (the administrator never learns the old password, and cannot use the person's
 * signing key: keys made before can no longer sign). Changed at next login.
 */
export function resetUserPassword(desk: Desk, input: { login: string; newPassword: string; password: string }): UserSummary {
  const user = getUser(desk.db, input.login);
  if (!user.active) throw new CoreError('BAD_INPUT', `用户 ${input.login} 已停用：请先重新启用。`);
  if (input.login === desk.login) throw new CoreError('BAD_INPUT', '请用“修改密码”修改自己的密码。');
  assertPasswordAcceptable(input.login, input.newPassword);
  desk.checkPassword(input.password);
  const [{ unusable }] = orm(desk.db)
    .select({ unusable: count() })
    .from(signingKeys)
    .where(and(eq(signingKeys.login, input.login), isNull(signingKeys.retiredAt)))
    .all();
  desk.changeKeys({ method: 'users.resetPassword', login: input.login, detail: { mustChangePassword: true, signingKeysUnusable: unusable } }, (file) =>
    putHolder(file, makeHolder(file, input.login, input.newPassword, desk.dataKey, desk.kdfCost)),
  );
  return getUser(desk.db, input.login);
}

/** Same key pair, wrapped under the new password: one write of the key file (signing keys are sealed to the key pair). */
export function changeOwnPassword(desk: Desk, oldPassword: string, newPassword: string): void {
  const login = desk.login!;
  if (oldPassword === newPassword) throw new CoreError('BAD_INPUT', '新密码不能与原密码相同。');
  assertPasswordAcceptable(login, newPassword);
  let unlocked;
  try {
    unlocked = desk.checkPassword(oldPassword);
  } catch (err) {
    if (err instanceof CoreError && err.code === 'WRONG_PASSWORD') throw new CoreError('WRONG_PASSWORD', '原密码不正确。');
    throw err;
  }
  desk.changeKeys({ method: 'auth.changePassword', login, detail: {} }, (file) => rewrapHolder(file, login, unlocked.privateKey, newPassword, desk.kdfCost));
}

/** After logging in with the recovery code: a fresh key pair under the new password. */
export function resetOwnPasswordWithRecovery(desk: Desk, newPassword: string): void {
  const login = desk.login!;
  desk.changeKeys({ method: 'auth.resetPassword', login, detail: { via: 'recovery-code' } }, (file) =>
    putHolder(file, makeHolder(file, login, newPassword, desk.dataKey, desk.kdfCost)),
  );
}
