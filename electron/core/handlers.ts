/**
 * One handler per contract method. Permission and input checks happen before a
 * handler runs (dispatch.ts); handlers hold the domain rules and write through
 * `desk.write`, which puts the change and its audit entry in one transaction.
 */
import type { MethodName, MethodParsedInput, MethodResult } from '../contract/methods';
import { mayCall, METHOD_NAMES, methods } from '../contract/methods';
import type { PrintPayload } from '../contract/print';
import { asPreview } from './print/preview';
import { discardDraft, getDraft, listDrafts, saveDraft } from './drafts/service';
import { previewTableFile } from './rules/preview';
import { CoreError } from './errors';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportAudit, localDateTime } from './audit/export';
import { searchAudit } from './audit/query';
import { newRecoveryCode, normalizeRecoveryCode } from './auth/crypto';
import { auditHead, countAudit, verifyAudit } from './audit/log';
import { batchAnchors } from './batches/anchors';
import type { Desk } from './desk';
import { assertDepartmentUscc, getDepartment, updateDepartment } from './department/service';
import { databaseSchemaVersion } from './store/migrate';
import { getSettings, putSettings } from './settings/service';
import { setDepartmentTimeZone } from '../contract/zone';
import { countUsers, getUser, listUsers, setRoles } from './users/service';
import { addUser, assertPasswordAcceptable, changeOwnPassword, disableUser, enableUser, resetOwnPasswordWithRecovery, resetUserPassword } from './users/accounts';
import { installRuleTable, listRules } from './rules/service';
import type { groupHandlers } from './handler-groups';
import { idSearchBursts } from './records/id-search';

export interface CallContext {
  desk: Desk;
  progress(done: number, total: number | null, phase?: string): void;
  signal: AbortSignal;
}

export type Handlers = {
  [M in MethodName]: (ctx: CallContext, input: MethodParsedInput<M>) => MethodResult<M> | Promise<MethodResult<M>>;
};

type GroupMethod = keyof typeof groupHandlers;
type FoundationHandlers = Omit<Handlers, GroupMethod>;

const foundationHandlers: FoundationHandlers = {
  'app.status': ({ desk }) => {
    const user = desk.loggedIn ? desk.currentUser() : null;
    const files = desk.files();
    return {
      initialized: files.state === 'ready',
      problem: files.state === 'problem' ? { code: files.code, message: files.message } : null,
      user: user && { login: user.login, name: user.name, roles: user.roles, mustChangePassword: user.mustChangePassword },
      lockedLogin: desk.lockedLogin,
      idleLockMinutes: desk.loggedIn ? getSettings(desk.db).idleLockMinutes : null,
    };
  },

  'setup.initialize': ({ desk }, { department, admin }) => {
    assertDepartmentUscc(department.uscc);
    assertPasswordAcceptable(admin.login, admin.password);
    const recoveryCode = newRecoveryCode();
    const user = desk.initialize(department, admin, recoveryCode);
    return { recoveryCode, user };
  },

  'auth.login': ({ desk }, { login, password }) => desk.login_(login, password),

  'auth.resetPassword': ({ desk }, { login, recoveryCode, newPassword }) => {
    assertPasswordAcceptable(login, newPassword);
    const user = desk.resetPassword(login, normalizeRecoveryCode(recoveryCode));
    resetOwnPasswordWithRecovery(desk, newPassword);
    return { ...user, mustChangePassword: false };
  },

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
    changeOwnPassword(desk, oldPassword, newPassword);
    return null;
  },

  'session.get': ({ desk }) => {
    const { login, name, roles, mustChangePassword } = desk.currentUser();
    return { login, name, roles, mustChangePassword };
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

  // A print method's document, without a number (print/preview.ts): its own roles and input checks, then its own handler.
  'print.preview': (ctx, { method, input }) => {
    const user = ctx.desk.currentUser();
    if (!mayCall(methods[method].access, user.roles)) {
      ctx.desk.audit({ actor: user.login, method: 'print.preview', target: null, outcome: 'denied', detail: { of: method, roles: user.roles } });
      throw new CoreError('FORBIDDEN', '您没有执行此操作的权限。', { method, required: methods[method].access });
    }
    const parsed = methods[method].input.safeParse(input);
    if (!parsed.success) throw new CoreError('BAD_INPUT', `输入有误：${parsed.error.issues.map((i) => i.message).join('；')}`);
    const handler = handlers[method] as (c: CallContext, i: unknown) => Promise<PrintPayload> | PrintPayload;
    return asPreview(() => handler(ctx, parsed.data));
  },

  'rules.preview': ({ desk }, { content }) => previewTableFile(desk.db, Buffer.from(content, 'base64')),

  'drafts.list': ({ desk }) => listDrafts(desk.db, desk.login!, desk.now()),
  'drafts.get': ({ desk }, { form }) => getDraft(desk.db, desk.login!, form, desk.now()),
  'drafts.save': ({ desk }, draft) => saveDraft(desk.db, desk.login!, draft, desk.now()),
  'drafts.discard': ({ desk }, { form }) => ({ discarded: discardDraft(desk.db, desk.login!, form) }),

  'settings.update': ({ desk }, values) => {
    const saved = desk.write({ method: 'settings.update', target: 'settings', detail: values }, (db) =>
      putSettings(db, values, desk.login!, desk.now().toISOString()),
    );
    desk.touch(); // the new idle time applies from now
    setDepartmentTimeZone(saved.timeZone);
    return saved;
  },

  'users.list': ({ desk }) => listUsers(desk.db),

  'users.names': ({ desk }) => listUsers(desk.db).map(({ login, name, active }) => ({ login, name, active })),

  'users.add': ({ desk }, user) => addUser(desk, user),

  'users.setRoles': ({ desk }, { login, roles }) =>
    desk.write({ method: 'users.setRoles', target: `user:${login}`, detail: { before: getUser(desk.db, login).roles, after: roles } }, (db) =>
      setRoles(db, login, roles),
    ),

  'users.disable': ({ desk, progress }, input) => {
    progress(0, 2, 'disable');
    const user = disableUser(desk, input, (phase) => progress(phase === 'rekey' ? 1 : 0, 2, phase));
    progress(2, 2, 'done');
    return user;
  },

  'users.enable': ({ desk }, input) => enableUser(desk, input),

  'users.resetPassword': ({ desk }, input) => resetUserPassword(desk, input),

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

  'audit.verify': async ({ desk, progress, signal }, input) => {
    // Anchors given (from batch files, backups, a printed sheet) and those the department holds.
    const known = batchAnchors(desk.db);
    const result = await verifyAudit(desk.db, (done, total) => progress(done, total), signal, [...(input?.anchors ?? []), ...known.anchors]);
    return known.bad.length ? { ...result, ok: false, anchors: [...known.bad, ...result.anchors] } : result;
  },

  'audit.head': ({ desk }) => auditHead(desk.db),

  'audit.idSearchBursts': ({ desk }, { days, limit }) =>
    idSearchBursts(desk.db, { since: new Date(desk.now().getTime() - days * 86_400_000).toISOString(), limit }),
};

// The groups' handlers are loaded at the first call of one of their methods (handler-groups.ts says why).
let groups: Promise<typeof groupHandlers> | undefined;
const groupHandler =
  (method: GroupMethod) =>
  async (ctx: CallContext, input: unknown): Promise<unknown> => {
    const loaded = await (groups ??= import('./handler-groups').then((m) => m.groupHandlers));
    return (loaded[method] as (c: CallContext, i: unknown) => unknown)(ctx, input);
  };
const lazyGroupHandlers = Object.fromEntries(
  METHOD_NAMES.filter((m) => !Object.prototype.hasOwnProperty.call(foundationHandlers, m)).map((m) => [m, groupHandler(m as GroupMethod)]),
) as Pick<Handlers, GroupMethod>;

export const handlers: Handlers = { ...foundationHandlers, ...lazyGroupHandlers };
