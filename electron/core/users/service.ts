import type { Role } from '../../contract/roles';
import type { UserSummary } from '../../contract/types';
import { CoreError } from '../errors';
import { count, desc, eq, sql } from 'drizzle-orm';
import { users } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';

type UserRow = typeof users.$inferSelect;

const toSummary = (r: UserRow): UserSummary => ({
  login: r.login,
  name: r.name,
  roles: JSON.parse(r.roles) as Role[],
  active: r.active,
  createdAt: r.createdAt,
  disabledAt: r.disabledAt,
  disabledReason: r.disabledReason,
  mustChangePassword: r.mustChangePassword,
  lastLoginAt: r.lastLoginAt,
});

export function listUsers(db: SqliteDatabase): UserSummary[] {
  return orm(db).select().from(users).orderBy(desc(users.active), users.login).all().map(toSummary);
}

export function getUser(db: SqliteDatabase, login: string): UserSummary {
  const row = orm(db).select().from(users).where(eq(users.login, login)).get();
  if (!row) throw new CoreError('NOT_FOUND', `找不到用户 ${login}。`);
  return toSummary(row);
}

/** Every account's display name by login (printed documents and case histories name people, not logins). */
export function userNames(db: SqliteDatabase): Map<string, string> {
  return new Map(
    orm(db)
      .select({ login: users.login, name: users.name })
      .from(users)
      .all()
      .map((u) => [u.login, u.name]),
  );
}

export function userExists(db: SqliteDatabase, login: string): boolean {
  return orm(db).select({ id: users.id }).from(users).where(eq(users.login, login)).get() !== undefined;
}

export function insertUser(
  db: SqliteDatabase,
  user: { login: string; name: string; roles: Role[] },
  by: string,
  at: string,
): UserSummary {
  orm(db)
    .insert(users)
    .values({ login: user.login, name: user.name, roles: JSON.stringify([...new Set(user.roles)]), active: true, createdAt: at, createdBy: by })
    .run();
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
  orm(db).update(users).set({ roles: JSON.stringify([...new Set(roles)]) }).where(eq(users.login, login)).run();
  return getUser(db, login);
}

export function markDisabled(db: SqliteDatabase, login: string, by: string, at: string, reason: string): void {
  orm(db).update(users).set({ active: false, disabledAt: at, disabledBy: by, disabledReason: reason }).where(eq(users.login, login)).run();
}

/** Active again; when and why it was disabled stays in the audit trail. */
export function markEnabled(db: SqliteDatabase, login: string): void {
  orm(db).update(users).set({ active: true, disabledAt: null, disabledBy: null, disabledReason: null }).where(eq(users.login, login)).run();
}

/** `mustChange`: an administrator set the password, so the person must choose a new one at next login. */
export function markPasswordChanged(db: SqliteDatabase, login: string, at: string, mustChange: boolean): void {
  orm(db).update(users).set({ passwordChangedAt: at, mustChangePassword: mustChange }).where(eq(users.login, login)).run();
}

export function markLoggedIn(db: SqliteDatabase, login: string, at: string): void {
  orm(db).update(users).set({ lastLoginAt: at }).where(eq(users.login, login)).run();
}

export function countUsers(db: SqliteDatabase): { users: number; activeUsers: number } {
  const [row] = orm(db)
    .select({ users: count(), activeUsers: sql<number>`coalesce(sum(${users.active}), 0)` })
    .from(users)
    .all();
  return row;
}
