import type { Role } from '../../contract/roles';
import type { UserSummary } from '../../contract/types';
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';

interface Row {
  login: string;
  name: string;
  roles: string;
  active: number;
  created_at: string;
  disabled_at: string | null;
  disabled_reason: string | null;
  must_change_password: number;
  last_login_at: string | null;
}

const toSummary = (r: Row): UserSummary => ({
  login: r.login,
  name: r.name,
  roles: JSON.parse(r.roles) as Role[],
  active: r.active === 1,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
  disabledReason: r.disabled_reason,
  mustChangePassword: r.must_change_password === 1,
  lastLoginAt: r.last_login_at,
});

export function listUsers(db: SqliteDatabase): UserSummary[] {
  return (db.prepare('SELECT * FROM users ORDER BY active DESC, login').all() as Row[]).map(toSummary);
}

export function getUser(db: SqliteDatabase, login: string): UserSummary {
  const row = db.prepare('SELECT * FROM users WHERE login = ?').get(login) as Row | undefined;
  if (!row) throw new CoreError('NOT_FOUND', `找不到用户 ${login}。`);
  return toSummary(row);
}

export function userExists(db: SqliteDatabase, login: string): boolean {
  return db.prepare('SELECT 1 FROM users WHERE login = ?').get(login) !== undefined;
}

export function insertUser(
  db: SqliteDatabase,
  user: { login: string; name: string; roles: Role[] },
  by: string,
  at: string,
): UserSummary {
  db.prepare('INSERT INTO users (login, name, roles, active, created_at, created_by) VALUES (?, ?, ?, 1, ?, ?)').run(
    user.login,
    user.name,
    JSON.stringify([...new Set(user.roles)]),
    at,
    by,
  );
  return getUser(db, user.login);
}

function activeAdmins(db: SqliteDatabase): string[] {
  return listUsers(db)
    .filter((u) => u.active && u.roles.includes('admin'))
    .map((u) => u.login);
}

/** The department must always keep one active administrator. */
export function assertKeepsAnAdmin(db: SqliteDatabase, login: string, newRoles: Role[] | null): void {
  const admins = activeAdmins(db);
  const losesAdmin = newRoles === null || !newRoles.includes('admin');
  if (losesAdmin && admins.length === 1 && admins[0] === login) {
    throw new CoreError('LAST_ADMIN', '这是唯一的在用系统管理员，不能停用或取消其管理员角色。');
  }
}

export function setRoles(db: SqliteDatabase, login: string, roles: Role[]): UserSummary {
  getUser(db, login);
  assertKeepsAnAdmin(db, login, roles);
  db.prepare('UPDATE users SET roles = ? WHERE login = ?').run(JSON.stringify([...new Set(roles)]), login);
  return getUser(db, login);
}

export function markDisabled(db: SqliteDatabase, login: string, by: string, at: string, reason: string): void {
  db.prepare('UPDATE users SET active = 0, disabled_at = ?, disabled_by = ?, disabled_reason = ? WHERE login = ?').run(at, by, reason, login);
}

/** Active again; when and why it was disabled stays in the audit trail. */
export function markEnabled(db: SqliteDatabase, login: string): void {
  db.prepare('UPDATE users SET active = 1, disabled_at = NULL, disabled_by = NULL, disabled_reason = NULL WHERE login = ?').run(login);
}

/** `mustChange`: an administrator set the password, so the person must choose a new one at next login. */
export function markPasswordChanged(db: SqliteDatabase, login: string, at: string, mustChange: boolean): void {
  db.prepare('UPDATE users SET password_changed_at = ?, must_change_password = ? WHERE login = ?').run(at, mustChange ? 1 : 0, login);
}

export function markLoggedIn(db: SqliteDatabase, login: string, at: string): void {
  db.prepare('UPDATE users SET last_login_at = ? WHERE login = ?').run(at, login);
}

export function countUsers(db: SqliteDatabase): { users: number; activeUsers: number } {
  return db.prepare('SELECT count(*) AS users, coalesce(sum(active), 0) AS activeUsers FROM users').get() as {
    users: number;
    activeUsers: number;
  };
}
