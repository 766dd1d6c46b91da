/**
 * The one contract between the window and the core: every method, its input
 * schema, its result type and the roles allowed to call it. The core enforces
 * the roles; the UI only uses them to hide what a person cannot do.
 */
import { z } from 'zod';
import { zhCN } from 'zod/locales';
import type { Role } from './roles';
import { ROLES } from './roles';
import {
  RECORD_READERS,
  RECORD_STATE_NAMES,
  RECORD_WRITERS,
  type Catalog,
  type FilePayload,
  type ImportSummary,
  type RecordDetail,
  type RecordStats,
  type RecordVersionView,
  type SearchResult,
  type SubjectDetail,
  type SubjectSummary,
  type ValidationView,
} from './records';
import type { BatchOperationView, BatchView, ReceiptSummary, SigningKeyView, VerifyReport } from './batches';
import type { BackupInfo, BackupStatus, BackupVerifyReport, RestoreResult } from './backup';
import type {
  AppStatus,
  AuditEntry,
  AuditHead,
  AuditVerifyResult,
  DepartmentProfile,
  DeskInfo,
  SessionUser,
  Settings,
  UserSummary,
} from './types';

// Schema messages in Chinese for people; the stable error code travels beside them.
z.config(zhCN());

/** `public`: callable without logging in. `any`: every logged-in person. */
export type Access = 'public' | 'any' | readonly Role[];

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  access: Access;
  /** Changes state: audited and run in one transaction. */
  mutates: boolean;
  /** Long-running: reports progress events and can be cancelled. */
  long?: boolean;
  /**
   * Only for local callers (the CLI, in-process tools): it takes file paths.
   * The Electron host and the test bridge refuse it from a page.
   */
  hostOnly?: boolean;
  /** Phantom field carrying the result type; never set at run time. */
  readonly __result?: O;
}

function method<O>() {
  return <I extends z.ZodType>(spec: Omit<MethodSpec<I, O>, '__result'>): MethodSpec<I, O> => spec;
}

/** Login names: what `users.add` accepts, and what a login may name (`#recovery` is not one). */
export const LOGIN_PATTERN = /^[a-z][a-z0-9._-]{1,31}$/;
const login = z.string().trim().regex(LOGIN_PATTERN, '用户名须以小写字母开头，由 2–32 位小写字母、数字、点、下划线或连字符组成');
/** A new password: at least 10 characters (the core also refuses the login name itself). */
export const PASSWORD_MIN = 10;
const password = z.string().min(PASSWORD_MIN, `密码至少需要 ${PASSWORD_MIN} 位`).max(256, '密码不能超过 256 位');
/** The acting person's own password, to confirm a grave step. */
const confirmPassword = z.string().min(1, '请输入您的密码').max(256);
const reason = (what: string) => z.string().trim().min(2, `请说明${what}原因`).max(500);
const personName = z.string().trim().min(1).max(64);
const roles = z.array(z.enum(ROLES)).min(1);
const department = z.object({
  name: z.string().trim().min(2).max(100),
  uscc: z.string().trim().toUpperCase().length(18),
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/)
    .default('130111'),
  contactPerson: z.string().trim().max(64).default(''),
  contactPhone: z.string().trim().max(32).default(''),
});
const none = z.object({}).strict().optional();
const category = z.string().trim().min(1).max(40);
const rawValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]));
const overrides = z.array(z.object({ field: z.string(), code: z.string(), reason: z.string().trim().min(4, '放行理由至少 4 个字') })).default([]);
const publicationOverride = z
  .object({ class: z.enum(['轻微', '一般', '严重']), reason: z.string().trim().min(4, '调整理由至少 4 个字') })
  .nullable()
  .default(null);
const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** Exports show personal ID numbers masked unless the person may unmask and says why (audited). */
const exportUnmask = {
  unmask: z.boolean().default(false),
  reason: z.string().trim().max(200).optional(),
};
const recordFilters = {
  query: z.string().trim().max(100).optional(),
  category: category.optional(),
  state: z.enum(RECORD_STATE_NAMES).optional(),
  from: ymd.optional(),
  to: ymd.optional(),
  subjectId: z.number().int().positive().optional(),
};
const importOptions = {
  category,
  /** Import the valid rows (default), or nothing when any row is rejected. */
  allOrNothing: z.boolean().default(false),
  /** Rows whose key exists become a new version where the content differs. */
  update: z.boolean().default(false),
};

export const methods = {
  // --- before login ---------------------------------------------------------
  'app.status': method<AppStatus>()({ input: none, access: 'public', mutates: false }),
  'setup.initialize': method<{ recoveryCode: string; user: SessionUser }>()({
    input: z.object({
      department,
      admin: z.object({ login, name: personName, password }),
    }),
    access: 'public',
    mutates: true,
  }),
  'auth.login': method<SessionUser>()({
    input: z.object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
    access: 'public',
    mutates: true,
  }),
  'auth.resetPassword': method<SessionUser>()({
    input: z.object({
      login: z.string().trim().min(1).max(64),
      recoveryCode: z.string().trim().min(1).max(64),
      newPassword: password,
    }),
    access: 'public',
    mutates: true,
  }),

  // --- the session ------------------------------------------------------------
  'auth.logout': method<null>()({ input: none, access: 'any', mutates: true }),
  'auth.lock': method<null>()({ input: none, access: 'any', mutates: true }),
  'auth.changePassword': method<null>()({
    input: z.object({ oldPassword: z.string().min(1).max(256), newPassword: password }),
    access: 'any',
    mutates: true,
  }),
  'session.get': method<SessionUser>()({ input: none, access: 'any', mutates: false }),
  'info.get': method<DeskInfo>()({ input: none, access: 'any', mutates: false }),

  // --- department and settings ---------------------------------------------------
  'department.get': method<DepartmentProfile>()({ input: none, access: 'any', mutates: false }),
  'department.update': method<DepartmentProfile>()({
    input: department,
    access: ['admin'],
    mutates: true,
  }),
  'settings.get': method<Settings>()({ input: none, access: 'any', mutates: false }),
  'settings.update': method<Settings>()({
    input: z.object({ idleLockMinutes: z.number().int().min(1).max(240) }),
    access: ['admin'],
    mutates: true,
  }),

  // --- people ----------------------------------------------------------------------
  'users.list': method<UserSummary[]>()({ input: none, access: ['admin'], mutates: false }),
  'users.add': method<UserSummary>()({
    input: z.object({ login, name: personName, roles, password }),
    access: ['admin'],
    mutates: true,
  }),
  'users.setRoles': method<UserSummary>()({
    input: z.object({ login, roles }),
    access: ['admin'],
    mutates: true,
  }),
  /** Disables an account and re-keys the database; the administrator gives a reason and their password. */
  'users.disable': method<UserSummary>()({
    input: z.object({ login, reason: reason('停用'), password: confirmPassword }),
    access: ['admin'],
    mutates: true,
    long: true,
  }),
  /** Re-enables a disabled account with a new key copy under a password the administrator sets (changed at next login). */
  'users.enable': method<UserSummary>()({
    input: z.object({ login, newPassword: password, password: confirmPassword }),
    access: ['admin'],
    mutates: true,
  }),
  /** Sets another person's password (a new key copy); they must change it at next login. */
  'users.resetPassword': method<UserSummary>()({
    input: z.object({ login, newPassword: password, password: confirmPassword }),
    access: ['admin'],
    mutates: true,
  }),

  // --- audit trail ------------------------------------------------------------------
  'audit.list': method<{ total: number; items: AuditEntry[] }>()({
    input: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) }),
    access: ['auditor', 'admin'],
    mutates: false,
  }),
  /**
   * Recomputes the chain and checks it against every anchor given (from batch
   * files, backups, a printed approval sheet) and every anchor the department
   * holds (the manifests of its approved batches).
   */
  'audit.verify': method<AuditVerifyResult>()({
    input: z
      .object({
        anchors: z
          .array(z.object({ source: z.string().trim().min(1).max(200), seq: z.number().int().min(0), hash: z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, '哈希应为 64 位十六进制') }))
          .max(1000)
          .default([]),
      })
      .strict()
      .optional(),
    access: ['auditor', 'admin'],
    mutates: false,
    long: true,
  }),
  /** The trail's newest entry (seq, hash): what is printed on a batch approval sheet as an anchor. */
  'audit.head': method<AuditHead>()({ input: none, access: ['auditor', 'admin', 'approver', 'archivist'], mutates: false }),

  // --- backups ------------------------------------------------------------------------
  'backup.status': method<BackupStatus>()({ input: none, access: ['admin'], mutates: false }),
  /** The folder backups go to (a USB drive, a network share) and whether they are made daily. */
  'backup.configure': method<BackupStatus>()({
    input: z.object({ folder: z.string().trim().min(1).max(1000).nullable(), scheduled: z.boolean() }),
    access: ['admin'],
    mutates: true,
  }),
  /** A backup now, into the chosen folder (rotated). */
  'backup.create': method<BackupInfo>()({ input: none, access: ['admin'], mutates: true, long: true }),
  /** A backup into a folder given by path (the command line; not rotated). */
  'backup.createFile': method<BackupInfo>()({ input: z.object({ folder: z.string().min(1) }), access: ['admin'], mutates: true, long: true, hostOnly: true }),
  /** Checks a backup file; with a login and password also opens it and verifies its audit chain. */
  'backup.verifyFile': method<BackupVerifyReport>()({
    input: z.object({ path: z.string().min(1), login: z.string().trim().min(1).max(64).optional(), password: z.string().min(1).max(256).optional() }),
    access: 'public',
    mutates: false,
    long: true,
    hostOnly: true,
  }),
  /** Restores one of the backups in the chosen folder over this department (verified first; the current files are set aside). */
  'backup.restore': method<RestoreResult>()({
    input: z.object({ fileName: z.string().trim().min(1).max(255), password: confirmPassword }),
    access: ['admin'],
    mutates: true,
    long: true,
  }),
  /** The same from a file given by path (the command line). */
  'backup.restoreFile': method<RestoreResult>()({
    input: z.object({ path: z.string().min(1), password: confirmPassword }),
    access: ['admin'],
    mutates: true,
    long: true,
    hostOnly: true,
  }),
  /** Restores without logging in: only when the department cannot be opened (no files, a file missing or damaged). */
  'backup.restoreOffline': method<RestoreResult>()({
    input: z.object({ path: z.string().min(1), login: z.string().trim().min(1).max(64), password: confirmPassword }),
    access: 'public',
    mutates: true,
    long: true,
    hostOnly: true,
  }),

  // --- rule tables ------------------------------------------------------------------
  'rules.list': method<{ kind: string; version: string; effectiveFrom: string; source: string; builtIn: boolean }[]>()({
    input: none,
    access: 'any',
    mutates: false,
  }),
  /** Installs a new version of a rule table (publication periods …); versions are never replaced. */
  'rules.install': method<{ kind: string; version: string; effectiveFrom: string; source: string; builtIn: boolean }>()({
    input: z.object({ table: z.record(z.string(), z.unknown()) }),
    access: ['admin'],
    mutates: true,
  }),

  // --- credit records -------------------------------------------------------------
  'catalog.get': method<Catalog>()({ input: none, access: 'any', mutates: false }),
  'records.validate': method<ValidationView>()({
    input: z.object({ category, values: rawValues, draft: z.boolean().default(false), overrides, publicationOverride }),
    access: RECORD_WRITERS,
    mutates: false,
  }),
  'records.create': method<{ recordId: number; version: number; state: string; warnings: ValidationView['warnings'] }>()({
    input: z.object({ category, values: rawValues, draft: z.boolean().default(false), overrides, publicationOverride }),
    access: RECORD_WRITERS,
    mutates: true,
  }),
  'records.update': method<{ recordId: number; version: number; state: string; changed: boolean }>()({
    input: z.object({
      recordId: z.number().int().positive(),
      baseVersion: z.number().int().positive(),
      values: rawValues,
      reason: z.string().trim().min(2, '请说明修改原因').max(500),
      submit: z.boolean().default(false),
      overrides,
      publicationOverride,
    }),
    access: RECORD_WRITERS,
    mutates: true,
  }),
  'records.withdraw': method<{ recordId: number; version: number }>()({
    input: z.object({ recordId: z.number().int().positive(), reason: z.string().trim().min(2, '请说明撤回原因').max(500) }),
    access: RECORD_WRITERS,
    mutates: true,
  }),
  'records.get': method<RecordDetail>()({
    input: z.object({ recordId: z.number().int().positive() }),
    access: RECORD_READERS,
    mutates: false,
  }),
  'records.history': method<RecordVersionView[]>()({
    input: z.object({ recordId: z.number().int().positive() }),
    access: RECORD_READERS,
    mutates: false,
  }),
  /** Shows a record's personal data in clear; every use is audited. */
  'records.unmask': method<{ fields: Record<string, string | null> }>()({
    input: z.object({ recordId: z.number().int().positive(), reason: z.string().trim().min(2, '请说明查看完整证件号码的原因').max(200) }),
    access: RECORD_READERS,
    mutates: true,
  }),
  'records.search': method<SearchResult>()({
    input: z.object({
      ...recordFilters,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(20),
    }),
    access: RECORD_READERS,
    mutates: false,
  }),
  'records.stats': method<RecordStats>()({ input: none, access: 'any', mutates: false }),
  'subjects.search': method<{ total: number; items: SubjectSummary[] }>()({
    input: z.object({
      query: z.string().trim().max(100).optional(),
      conflictsOnly: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(20),
    }),
    access: RECORD_READERS,
    mutates: false,
  }),
  'subjects.get': method<SubjectDetail>()({
    input: z.object({ subjectId: z.number().int().positive() }),
    access: RECORD_READERS,
    mutates: false,
  }),
  'import.run': method<ImportSummary>()({
    input: z.object({ ...importOptions, fileName: z.string().trim().min(1).max(255), content: z.string().min(1) }),
    access: RECORD_WRITERS,
    mutates: true,
    long: true,
  }),
  'import.runFile': method<ImportSummary>()({
    input: z.object({ ...importOptions, path: z.string().min(1) }),
    access: RECORD_WRITERS,
    mutates: true,
    long: true,
    hostOnly: true,
  }),
  /** The rejected rows of a recent import: original cells plus an error column. */
  'import.errorReport': method<FilePayload>()({
    input: z.object({ importId: z.string().min(1) }),
    access: RECORD_WRITERS,
    mutates: false,
  }),
  'templates.get': method<FilePayload>()({
    input: z.object({ category }),
    access: RECORD_READERS,
    mutates: false,
  }),
  'export.run': method<FilePayload & { rows: number }>()({
    input: z.object({ ...recordFilters, ...exportUnmask, category, format: z.enum(['xlsx', 'csv']).default('xlsx') }),
    access: RECORD_READERS,
    mutates: true,
    long: true,
  }),
  'export.runFile': method<{ path: string; rows: number }>()({
    input: z.object({ ...recordFilters, ...exportUnmask, category, format: z.enum(['xlsx', 'csv']).default('xlsx'), path: z.string().min(1) }),
    access: RECORD_READERS,
    mutates: true,
    long: true,
    hostOnly: true,
  }),

  // --- signing keys, batches, receipts ------------------------------------------------
  'keys.list': method<SigningKeyView[]>()({ input: none, access: 'any', mutates: false }),
  /** Generates the approver's SM2 key pair (retiring the current one: rotation). */
  'keys.generate': method<SigningKeyView>()({
    input: z.object({ password: z.string().min(1).max(256) }),
    access: ['approver'],
    mutates: true,
  }),
  'keys.exportPublic': method<{ pem: string; fingerprint: string; fileName: string }>()({
    input: z.object({ keyId: z.number().int().positive() }),
    access: 'any',
    mutates: false,
  }),
  'batches.pending': method<{ counts: Record<string, Record<string, number>>; total: number }>()({
    input: none,
    access: ['clerk', 'approver'],
    mutates: false,
  }),
  'batches.prepare': method<BatchView>()({ input: none, access: ['clerk'], mutates: true }),
  'batches.list': method<BatchView[]>()({ input: none, access: ['clerk', 'approver', 'archivist', 'auditor'], mutates: false }),
  'batches.get': method<BatchView>()({
    input: z.object({ batchId: z.number().int().positive() }),
    access: ['clerk', 'approver', 'archivist', 'auditor'],
    mutates: false,
  }),
  'batches.operations': method<{ total: number; items: BatchOperationView[] }>()({
    input: z.object({
      batchId: z.number().int().positive(),
      category: category.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    access: ['clerk', 'approver', 'archivist', 'auditor'],
    mutates: false,
  }),
  /** Signs the batch with the approver's key, unlocked by their password. */
  'batches.approve': method<BatchView>()({
    input: z.object({ batchId: z.number().int().positive(), password: z.string().min(1).max(256) }),
    access: ['approver'],
    mutates: true,
    long: true,
  }),
  /** Sends a prepared batch back to the clerks; its operations return to the queue. */
  'batches.reject': method<BatchView>()({
    input: z.object({ batchId: z.number().int().positive(), reason: z.string().trim().min(2, '请说明退回原因').max(500) }),
    access: ['approver'],
    mutates: true,
  }),
  'batches.cancel': method<BatchView>()({
    input: z.object({ batchId: z.number().int().positive(), reason: z.string().trim().min(2, '请说明撤销原因').max(500) }),
    access: ['clerk'],
    mutates: true,
  }),
  'batches.export': method<FilePayload>()({
    input: z.object({ batchId: z.number().int().positive() }),
    access: ['clerk', 'approver'],
    mutates: true,
    long: true,
  }),
  'batches.exportFile': method<{ path: string; fileName: string }>()({
    input: z.object({ batchId: z.number().int().positive(), path: z.string().min(1) }),
    access: ['clerk', 'approver'],
    mutates: true,
    long: true,
    hostOnly: true,
  }),
  /** Checks a batch file (as it left the office) without changing anything. */
  'batches.verify': method<VerifyReport>()({
    input: z.object({ fileName: z.string().min(1).max(255), content: z.string().min(1) }),
    access: 'any',
    mutates: false,
  }),
  'receipts.import': method<ReceiptSummary>()({
    input: z.object({ fileName: z.string().trim().min(1).max(255), content: z.string().min(1) }),
    access: ['clerk', 'approver'],
    mutates: true,
  }),
  'receipts.importFile': method<ReceiptSummary>()({
    input: z.object({ path: z.string().min(1) }),
    access: ['clerk', 'approver'],
    mutates: true,
    hostOnly: true,
  }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodResult<M extends MethodName> = Methods[M] extends MethodSpec<z.ZodType, infer O> ? O : never;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

/** Whether a person holding `held` may call a method with this access. */
export function mayCall(access: Access, held: readonly Role[] | null): boolean {
  if (access === 'public') return true;
  if (held === null) return false;
  if (access === 'any') return true;
  return access.some((role) => held.includes(role));
}
