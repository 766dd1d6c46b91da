/**
 * One handler per contract method. Permission and input checks happen before a
 * handler runs (dispatch.ts); handlers hold the domain rules and write through
 * `desk.write`, which puts the change and its audit entry in one transaction.
 */
import type { MethodName, MethodParsedInput, MethodResult } from '../contract/methods';
import { newRecoveryCode } from './auth/crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countAudit, verifyAudit } from './audit/log';
import { exportAudit, localDateTime } from './audit/export';
import { searchAudit } from './audit/query';
import type { Desk } from './desk';
import { CoreError } from './errors';
import { assertDepartmentUscc, getDepartment, updateDepartment } from './department/service';
import { databaseSchemaVersion } from './store/migrate';
import { getSettings, putSettings } from './settings/service';
import {
  assertKeepsAnAdmin,
  countUsers,
  getUser,
  insertUser,
  listUsers,
  markDisabled,
  setRoles,
  userExists,
} from './users/service';
import { readKeyFile, keyFilePath, writeKeyFile } from './store/keyfile';
import { removeHolder } from './auth/keys';
import { recordHandlers } from './records/handlers';
import { installRuleTable, listRules } from './rules/service';
import { ioHandlers } from './records/io-handlers';
import { batchHandlers } from './batches/handlers';
import { rewrapSigningKeys } from './batches/keys';
import { calendarHandlers } from './calendar/handlers';
import { caseHandlers } from './cases/handlers';
import { listHandlers } from './lists/handlers';
import { checkHandlers } from './checks/handlers';
import { printHandlers } from './print/handlers';

export interface CallContext {
  desk: Desk;
  progress(done: number, total: number | null, phase?: string): void;
  signal: AbortSignal;
}

export type Handlers = {
  [M in MethodName]: (ctx: CallContext, input: MethodParsedInput<M>) => MethodResult<M> | Promise<MethodResult<M>>;
};

type FoundationHandlers = Omit<
  Handlers,
  | keyof typeof recordHandlers
  | keyof typeof ioHandlers
  | keyof typeof batchHandlers
  | keyof typeof printHandlers
  | keyof typeof calendarHandlers
  | keyof typeof caseHandlers
  | keyof typeof listHandlers
  | keyof typeof checkHandlers
>;

const foundationHandlers: FoundationHandlers = {
  'app.status': ({ desk }) => {
    const user = desk.loggedIn ? desk.currentUser() : null;
    return {
      initialized: desk.initialized,
      user: user && { login: user.login, name: user.name, roles: user.roles },
      lockedLogin: desk.lockedLogin,
      idleLockMinutes: desk.loggedIn ? getSettings(desk.db).idleLockMinutes : null,
    };
  },

  'setup.initialize': ({ desk }, { department, admin }) => {
    assertDepartmentUscc(department.uscc);
    const recoveryCode = newRecoveryCode();
    const user = desk.initialize(department, admin, recoveryCode);
    return { recoveryCode, user };
  },

  'auth.login': ({ desk }, { login, password }) => desk.login_(login, password),

  'auth.resetPassword': ({ desk }, { login, recoveryCode, newPassword }) =>
    desk.resetPassword(login, recoveryCode, newPassword),

  'auth.logout': ({ desk }) => {
    desk.write({ method: 'auth.logout', target: `user:${desk.login}` }, () => undefined);
    desk.logout();
    return null;
  },

  'auth.lock': ({ desk }) => {
    desk.write({ method: 'auth.lock', target: `user:${desk.login}` }, () => undefined);
    desk.lock();
    return null;
  },

  'auth.changePassword': ({ desk }, { oldPassword, newPassword }) => {
    desk.changePassword(oldPassword, newPassword);
    // Signing keys are wrapped by the same password.
    rewrapSigningKeys(desk.db, desk.login!, oldPassword, newPassword, desk.kdfCost);
    return null;
  },

  'session.get': ({ desk }) => {
    const { login, name, roles } = desk.currentUser();
    return { login, name, roles };
  },

  'info.get': ({ desk }) => ({
    department: getDepartment(desk.db),
    schemaVersion: databaseSchemaVersion(desk.db),
    appSchemaVersion: desk.appSchemaVersion(),
    counts: { ...countUsers(desk.db), auditEntries: countAudit(desk.db) },
  }),

  'department.get': ({ desk }) => getDepartment(desk.db),

  'department.update': ({ desk }, profile) =>
    desk.write({ method: 'department.update', target: `department:${profile.uscc}`, detail: { before: getDepartment(desk.db) } }, (db) =>
      updateDepartment(db, profile, desk.now().toISOString()),
    ),

  'settings.get': ({ desk }) => getSettings(desk.db),

  'settings.update': ({ desk }, values) => {
    const saved = desk.write({ method: 'settings.update', target: 'settings', detail: values }, (db) =>
      putSettings(db, values, desk.login!, desk.now().toISOString()),
    );
    desk.touch(); // the new idle time applies from now
    return saved;
  },

  'users.list': ({ desk }) => listUsers(desk.db),

  'users.names': ({ desk }) => listUsers(desk.db).map(({ login, name, active }) => ({ login, name, active })),

  'users.add': ({ desk }, { login, name, roles, password }) => {
    if (userExists(desk.db, login)) throw new CoreError('USER_EXISTS', `登录名 ${login} 已被使用（包括已停用的用户）。`);
    // The key file first: a crash after it leaves a key copy without an account, which cannot log in.
    desk.addKeyHolder(login, password);
    try {
      return desk.write({ method: 'users.add', target: `user:${login}`, detail: { name, roles } }, (db) =>
        insertUser(db, { login, name, roles }, desk.login!, desk.now().toISOString()),
      );
    } catch (err) {
      const path = keyFilePath(desk.dbPath);
      writeKeyFile(path, removeHolder(readKeyFile(path), login));
      throw err;
    }
  },

  'users.setRoles': ({ desk }, { login, roles }) =>
    desk.write({ method: 'users.setRoles', target: `user:${login}`, detail: { before: getUser(desk.db, login).roles, after: roles } }, (db) =>
      setRoles(db, login, roles),
    ),

  'users.disable': ({ desk, progress }, { login }) => {
    const user = getUser(desk.db, login);
    if (!user.active) throw new CoreError('BAD_INPUT', `用户 ${login} 已经停用。`);
    if (login === desk.login) throw new CoreError('BAD_INPUT', '不能停用自己的账户。');
    assertKeepsAnAdmin(desk.db, login, null);
    progress(0, 2, 'disable');
    desk.rekeyExcluding(
      login,
      () =>
        desk.write({ method: 'users.disable', target: `user:${login}`, detail: { rekeyed: true } }, (db) =>
          markDisabled(db, login, desk.login!, desk.now().toISOString()),
        ),
      (phase) => progress(1, 2, phase),
    );
    progress(2, 2, 'done');
    return getUser(desk.db, login);
  },

  'rules.list': ({ desk }) => listRules(desk.db),

  'rules.install': ({ desk }, { table }) =>
    desk.write({ method: 'rules.install', target: `rules:${String(table.version ?? '')}` }, (db) =>
      installRuleTable(db, table, desk.login!, desk.now().toISOString()),
    ),

  'audit.list': ({ desk }, { offset, limit, ...filter }) => searchAudit(desk.db, filter, offset, limit),

  'audit.export': async ({ desk, progress }, filter) => {
    const folder = mkdtempSync(join(tmpdir(), 'credit-desk-audit-'));
    try {
      const path = join(folder, 'audit.xlsx');
      const rows = await exportAudit(desk.db, filter, path, (n) => progress(n, null, 'export'));
      desk.audit({ actor: desk.login, method: 'audit.export', target: null, outcome: 'ok', detail: { ...filter, rows } });
      const stamp = localDateTime(desk.now().toISOString()).slice(0, 10).replace(/-/g, '');
      return { fileName: `审计日志-${stamp}.xlsx`, content: readFileSync(path).toString('base64'), rows };
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },

  'audit.verify': ({ desk, progress, signal }) => verifyAudit(desk.db, (done, total) => progress(done, total), signal),
};

export const handlers: Handlers = {
  ...foundationHandlers,
  ...recordHandlers,
  ...ioHandlers,
  ...batchHandlers,
  ...printHandlers,
  ...calendarHandlers,
  ...caseHandlers,
  ...listHandlers,
  ...checkHandlers,
};
