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
  RECORD_SORT_KEYS,
  RECORD_STATE_NAMES,
  RECORD_WRITERS,
  type Catalog,
  type FilePayload,
  type ImportInspection,
  type ImportSummary,
  type OverrideRequestItem,
  type RecordDetail,
  type RecordEvent,
  type RecordStats,
  type RecordVersionView,
  type SearchResult,
  type SubjectDetail,
  type SubjectSummary,
  type ValidationView,
} from './records';
import type { BatchOperationView, BatchView, ReceiptPreview, ReceiptSummary, SigningKeyView, VerifyReport } from './batches';
import { AUDIT_OUTCOMES, type AuditEntryView, type IdSearchBurst } from './audit';
import {
  CASE_APPROVERS,
  CASE_CHANNELS,
  CASE_KINDS,
  CASE_OUTCOMES,
  CASE_READERS,
  CASE_STATES,
  CASE_WORKERS,
  type CalendarUseView,
  type CalendarYearView,
  type CaseDetail,
  type CaseListResult,
  type CaseOverview,
} from './cases';
import {
  CHECK_LOG_READERS,
  CHECKERS,
  MATTERS,
  type CheckResultView,
  type CheckRunSummary,
  type CheckSummaryView,
  type FeedbackView,
  type ListHitBrief,
  type ListImportResult,
  type PinnedKeyView,
  type SharedListView,
} from './checks';
import type { TimelinessSummary } from './timeliness';
import type { IssuedLetterView } from './letters';
import {
  CASE_FIGURES,
  MONTH_PATTERN,
  RECORD_FIGURES,
  STATS_READERS,
  WARNING_READERS,
  WARNING_SETTERS,
  type MonthFigures,
  type MonthReport,
  type WarningSettings,
  type WarningView,
  type YearTrend,
} from './statistics';
import { PRINT_LOG_READERS, PRINT_LOOKUP_ROLES, PRINT_METHODS, PRINTERS, type PrintLogEntry, type PrintLookup, type PrintPayload } from './print';
import type { BackupInfo, BackupStatus, BackupVerifyReport, RestoreResult } from './backup';
import type { AboutInfo, DiagnosticsReport, LicensesInfo } from './desktop';
import { PASSWORD_MIN } from './limits';
import { isTimeZone } from './zone';
import { DRAFT_FORM_PATTERN, type DraftSummary, type DraftView } from './drafts';
import type { TablePreview } from './rules';
import type {
  AppStatus,
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
  return <I extends z.ZodType>({ input, ...spec }: Omit<MethodSpec<I, O>, '__result' | 'input'> & { input: () => I }): MethodSpec<I, O> => {
    // Each input schema is built at its first use: building all of them slowed every start (issue 22 item 7).
    let built: I | undefined;
    return Object.defineProperty(spec, 'input', { get: () => (built ??= input()), enumerable: true }) as MethodSpec<I, O>;
  };
}

/** Login names: what `users.add` accepts, and what a login may name (`#recovery` is not one). */
export const LOGIN_PATTERN = /^[a-z][a-z0-9._-]{1,31}$/;
const login = z.string().trim().regex(LOGIN_PATTERN, '登录名须以小写字母开头，由 2–32 位小写字母、数字、点、下划线或连字符组成');
export { PASSWORD_MIN };
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
/** What letters need beyond the setup wizard's fields; absent keys keep their value. */
const departmentLetters = {
  shortName: z.string().trim().max(20).optional(),
  reconsiderationBody: z.string().trim().max(100).optional(),
  court: z.string().trim().max(100).optional(),
  docNoPatterns: z.record(z.string().max(40), z.string().trim().max(60)).optional(),
};
const none = z.object({}).strict().optional();
const draftForm = z.string().trim().regex(DRAFT_FORM_PATTERN, '表单名称不正确');
const category = z.string().trim().min(1).max(40);
const rawValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]));
const overrides = z.array(z.object({ field: z.string(), code: z.string(), reason: z.string().trim().min(4, '放行理由至少 4 个字') })).default([]);
const publicationOverride = z
  .object({ class: z.enum(['轻微', '一般', '严重']), reason: z.string().trim().min(4, '调整理由至少 4 个字') })
  .nullable()
  .default(null);
const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** A file as it crosses the contract: base64, a little over 20 MiB decoded at most (the core says why it refuses). */
const attachment = z.object({
  fileName: z.string().trim().min(1).max(255),
  content: z.string().min(1).max(40_000_000),
  item: z.string().trim().min(1).max(40).optional(),
});
const caseId = z.number().int().positive();
const caseReason = (what: string) => z.string().trim().min(2, `请说明${what}（至少 2 个字）`).max(2000);
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
const recordIds = z.array(z.number().int().positive()).min(1).max(500);
/** A clerk's request that an approver accept the record's overridable errors (saved as a draft meanwhile). */
const overrideRequest = z
  .object({ note: z.string().trim().max(500).default('') })
  .nullable()
  .default(null);
const auditFilters = {
  actor: z.string().trim().min(1).max(64).optional(),
  method: z.string().trim().min(1).max(64).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: ymd.optional(),
  to: ymd.optional(),
};
/** A calendar month, YYYY-MM (China Standard Time). */
const month = z.string().regex(MONTH_PATTERN, '月份格式应为 YYYY-MM（如 2026-02）');
/** The records or cases behind one figure of the 统计 page (docs/statistics.md). */
const recordStatistic = z.object({ figure: z.enum(RECORD_FIGURES), month, category: category.optional() }).strict();
const caseStatistic = z.object({ figure: z.enum(CASE_FIGURES), month, kind: z.enum(CASE_KINDS) }).strict();
const importOptions = {
  category,
  /** Import the valid rows (default), or nothing when any row is rejected. */
  allOrNothing: z.boolean().default(false),
  /** Rows whose key exists become a new version where the content differs. */
  update: z.boolean().default(false),
  /**
   * History already published on the platform (已在平台公示过的历史记录): stored as accepted
   * (公示期满 when publication has ended, 已撤回 when 当前状态 says so), nothing queued.
   */
  alreadyReported: z.boolean().default(false),
};

/**
 * What a restore over a department in use must be confirmed with (issue 18): the count
 * of changes it discards (CONFIRMATION_REQUIRED's `details.plan.newer.auditEntries`), and
 * a reason when the current trail does not hold the backup's head.
 */
const restoreConfirmation = {
  discardNewer: z.number().int().min(0).optional(),
  trailMismatchReason: z.string().trim().min(4, '理由至少 4 个字').max(500).optional(),
};

/** Why one more ID-number search is needed, once the limit of distinct numbers is reached (issue 18, records/id-search.ts). */
const idSearchReason = z.string().trim().min(4, '理由至少 4 个字').max(200).optional();

export const methods = {
  // --- before login ---------------------------------------------------------
  'app.status': method<AppStatus>()({ input: () => none, access: 'public', mutates: false }),
  'setup.initialize': method<{ recoveryCode: string; user: SessionUser }>()({
    input: () => z.object({
      department,
      admin: z.object({ login, name: personName, password }),
    }),
    access: 'public',
    mutates: true,
  }),
  'auth.login': method<SessionUser>()({
    input: () => z.object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
    access: 'public',
    mutates: true,
  }),
  'auth.resetPassword': method<SessionUser>()({
    input: () => z.object({
      login: z.string().trim().min(1).max(64),
      recoveryCode: z.string().trim().min(1).max(64),
      newPassword: password,
    }),
    access: 'public',
    mutates: true,
  }),

  // --- the session ------------------------------------------------------------
  'auth.logout': method<null>()({ input: () => none, access: 'any', mutates: true }),
  'auth.lock': method<null>()({ input: () => none, access: 'any', mutates: true }),
  'auth.changePassword': method<null>()({
    input: () => z.object({ oldPassword: z.string().min(1).max(256), newPassword: password }),
    access: 'any',
    mutates: true,
  }),
  'session.get': method<SessionUser>()({ input: () => none, access: 'any', mutates: false }),
  'info.get': method<DeskInfo>()({ input: () => none, access: 'any', mutates: false }),

  // --- department and settings ---------------------------------------------------
  'department.get': method<DepartmentProfile>()({ input: () => none, access: 'any', mutates: false }),
  'department.update': method<DepartmentProfile>()({
    input: () => department.extend(departmentLetters),
    access: ['admin'],
    mutates: true,
  }),
  'settings.get': method<Settings>()({ input: () => none, access: 'any', mutates: false }),
  'settings.update': method<Settings>()({
    input: () => z
      .object({
        idleLockMinutes: z.number().int().min(1).max(240).optional(),
        /** Distinct ID numbers one person may search within `minutes` before each new one needs a reason (issue 18). */
        idSearchBurst: z.object({ count: z.number().int().min(1).max(1000), minutes: z.number().int().min(1).max(1440) }).optional(),
        timeZone: z
          .string()
          .trim()
          .min(1)
          .max(64)
          .refine(isTimeZone, '不是可识别的时区名称（例如 Asia/Shanghai）')
          .optional(),
      })
      .refine((v) => v.idleLockMinutes !== undefined || v.idSearchBurst !== undefined || v.timeZone !== undefined, '没有要修改的设置'),
    access: ['admin'],
    mutates: true,
  }),

  // --- people ----------------------------------------------------------------------
  'users.list': method<UserSummary[]>()({ input: () => none, access: ['admin'], mutates: false }),
  'users.add': method<UserSummary>()({
    input: () => z.object({ login, name: personName, roles, password }),
    access: ['admin'],
    mutates: true,
  }),
  'users.setRoles': method<UserSummary>()({
    input: () => z.object({ login, roles }),
    access: ['admin'],
    mutates: true,
  }),
  /** Who is who: logins and names of every account, for showing people by 姓名. */
  'users.names': method<{ login: string; name: string; active: boolean }[]>()({ input: () => none, access: 'any', mutates: false }),
  /** Disables an account and re-keys the database; the administrator gives a reason and their password. */
  'users.disable': method<UserSummary>()({
    input: () => z.object({ login, reason: reason('停用'), password: confirmPassword }),
    access: ['admin'],
    mutates: true,
    long: true,
  }),
  /** Re-enables a disabled account with a new key copy under a password the administrator sets (changed at next login). */
  'users.enable': method<UserSummary>()({
    input: () => z.object({ login, newPassword: password, password: confirmPassword }),
    access: ['admin'],
    mutates: true,
  }),
  /** Sets another person's password (a new key copy); they must change it at next login. */
  'users.resetPassword': method<UserSummary>()({
    input: () => z.object({ login, newPassword: password, password: confirmPassword }),
    access: ['admin'],
    mutates: true,
  }),

  // --- audit trail ------------------------------------------------------------------
  'audit.list': method<{ total: number; items: AuditEntryView[] }>()({
    input: () => z.object({
      ...auditFilters,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    access: ['auditor', 'admin'],
    mutates: false,
  }),
  /** The trail (as filtered) as an .xlsx workbook in words people read. */
  'audit.export': method<FilePayload & { rows: number }>()({
    input: () => z.object(auditFilters),
    access: ['auditor', 'admin'],
    mutates: true,
    long: true,
  }),
  /**
   * Recomputes the chain and checks it against every anchor given (from batch
   * files, backups, a printed approval sheet) and every anchor the department
   * holds (the manifests of its approved batches).
   */
  'audit.verify': method<AuditVerifyResult>()({
    input: () => z
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
  'audit.head': method<AuditHead>()({ input: () => none, access: ['auditor', 'admin', 'approver', 'archivist'], mutates: false }),
  /** Searches by ID number beyond the limit, allowed with a reason or refused (issue 18): for the auditor's 工作台. */
  'audit.idSearchBursts': method<IdSearchBurst[]>()({
    input: () => z.object({ days: z.number().int().min(1).max(366).default(30), limit: z.number().int().min(1).max(200).default(20) }).default({ days: 30, limit: 20 }),
    access: ['auditor', 'admin'],
    mutates: false,
  }),

  // --- backups ------------------------------------------------------------------------
  'backup.status': method<BackupStatus>()({ input: () => none, access: ['admin'], mutates: false }),
  /** The folder backups go to (a USB drive, a network share) and whether they are made daily. */
  'backup.configure': method<BackupStatus>()({
    input: () => z.object({ folder: z.string().trim().min(1).max(1000).nullable(), scheduled: z.boolean() }),
    access: ['admin'],
    mutates: true,
  }),
  /** A backup now, into the chosen folder (rotated). */
  'backup.create': method<BackupInfo>()({ input: () => none, access: ['admin'], mutates: true, long: true }),
  /** A backup into a folder given by path (the command line; not rotated). */
  'backup.createFile': method<BackupInfo>()({ input: () => z.object({ folder: z.string().min(1) }), access: ['admin'], mutates: true, long: true, hostOnly: true }),
  /** Checks a backup file; with a login and password also opens it and verifies its audit chain. */
  'backup.verifyFile': method<BackupVerifyReport>()({
    input: () => z.object({ path: z.string().min(1), login: z.string().trim().min(1).max(64).optional(), password: z.string().min(1).max(256).optional() }),
    access: 'public',
    mutates: false,
    long: true,
    hostOnly: true,
  }),
  /** Restores one of the backups in the chosen folder over this department (verified first; the current files are set aside). */
  'backup.restore': method<RestoreResult>()({
    input: () => z.object({ fileName: z.string().trim().min(1).max(255), password: confirmPassword, ...restoreConfirmation }),
    access: ['admin'],
    mutates: true,
    long: true,
  }),
  /** The same from a file given by path (the command line). */
  'backup.restoreFile': method<RestoreResult>()({
    input: () => z.object({ path: z.string().min(1), password: confirmPassword, ...restoreConfirmation }),
    access: ['admin'],
    mutates: true,
    long: true,
    hostOnly: true,
  }),
  /** Restores without logging in: only when the department cannot be opened (no files, a file missing or damaged). */
  'backup.restoreOffline': method<RestoreResult>()({
    input: () => z.object({ path: z.string().min(1), login: z.string().trim().min(1).max(64), password: confirmPassword }),
    access: 'public',
    mutates: true,
    long: true,
    hostOnly: true,
  }),

  // --- rule tables ------------------------------------------------------------------
  'rules.list': method<{ kind: string; version: string; effectiveFrom: string; source: string; builtIn: boolean }[]>()({
    input: () => none,
    access: 'any',
    mutates: false,
  }),
  /** Installs a new version of a rule table (publication periods …); versions are never replaced. */
  'rules.install': method<{ kind: string; version: string; effectiveFrom: string; source: string; builtIn: boolean }>()({
    input: () => z.object({ table: z.record(z.string(), z.unknown()) }),
    access: ['admin'],
    mutates: true,
  }),

  /** Reads a calendar or rule-table file and says what installing it would change (open cases' due dates); writes nothing. */
  'rules.preview': method<TablePreview>()({
    input: () => z.object({ fileName: z.string().trim().min(1).max(255), content: z.string().min(1).max(2_000_000) }),
    access: ['admin'],
    mutates: false,
  }),

  // --- credit records -------------------------------------------------------------
  'catalog.get': method<Catalog>()({ input: () => none, access: 'any', mutates: false }),
  'records.validate': method<ValidationView>()({
    input: () => z.object({ category, values: rawValues, draft: z.boolean().default(false), overrides, publicationOverride }),
    access: RECORD_WRITERS,
    mutates: false,
  }),
  'records.create': method<{ recordId: number; version: number; state: string; warnings: ValidationView['warnings']; listHits?: ValidationView['listHits'] }>()({
    input: () => z.object({ category, values: rawValues, draft: z.boolean().default(false), overrides, publicationOverride, overrideRequest }),
    access: RECORD_WRITERS,
    mutates: true,
  }),
  'records.update': method<{ recordId: number; version: number; state: string; changed: boolean }>()({
    input: () => z.object({
      recordId: z.number().int().positive(),
      baseVersion: z.number().int().positive(),
      values: rawValues,
      reason: z.string().trim().min(2, '请说明更正原因').max(500),
      submit: z.boolean().default(false),
      overrides,
      publicationOverride,
      overrideRequest,
    }),
    access: RECORD_WRITERS,
    mutates: true,
  }),
  'records.withdraw': method<{ recordId: number; version: number }>()({
    input: () => z.object({ recordId: z.number().int().positive(), reason: z.string().trim().min(2, '请说明撤回原因').max(500) }),
    access: RECORD_WRITERS,
    mutates: true,
  }),
  /** Withdraws several records with one reason, in one transaction (records already withdrawn are skipped). */
  'records.withdrawMany': method<{ withdrawn: number[]; skipped: number[] }>()({
    input: () => z.object({ recordIds, reason: z.string().trim().min(2, '请说明撤回原因').max(500) }),
    access: RECORD_WRITERS,
    mutates: true,
  }),
  'records.get': method<RecordDetail>()({
    input: () => z.object({ recordId: z.number().int().positive() }),
    access: RECORD_READERS,
    mutates: false,
  }),
  'records.history': method<RecordVersionView[]>()({
    input: () => z.object({ recordId: z.number().int().positive() }),
    access: RECORD_READERS,
    mutates: false,
  }),
  /** The record's batches and the platform's answers, to show beside its versions. */
  'records.events': method<RecordEvent[]>()({
    input: () => z.object({ recordId: z.number().int().positive() }),
    access: RECORD_READERS,
    mutates: false,
  }),
  /** Shows a record's personal data in clear; every use is audited. */
  'records.unmask': method<{ fields: Record<string, string | null> }>()({
    input: () => z.object({ recordId: z.number().int().positive(), reason: z.string().trim().min(2, '请说明查看完整证件号码的原因').max(200) }),
    access: RECORD_READERS,
    mutates: true,
  }),
  'records.search': method<SearchResult>()({
    input: () => z.object({
      ...recordFilters,
      /** 双公示 records not yet reported: due soon (the warnings' setting, in working days), or past their 7 working days. */
      timeliness: z.enum(['soon', 'overdue']).optional(),
      /** The records behind a figure of the 统计 page. */
      statistic: recordStatistic.optional(),
      /** Without it: newest entered first. */
      sort: z.object({ key: z.enum(RECORD_SORT_KEYS), order: z.enum(['asc', 'desc']) }).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(20),
      reason: idSearchReason,
    }),
    access: RECORD_READERS,
    mutates: false,
  }),
  /** How many records each category has for the filters (a search with no hit in the current category shows where the hits are). */
  'records.countByCategory': method<Record<string, { total: number; capped: boolean }>>()({
    input: () => z.object({
      query: recordFilters.query,
      state: recordFilters.state,
      from: recordFilters.from,
      to: recordFilters.to,
      reason: idSearchReason,
      /** The timeliness lists and the records behind a figure of the 统计 page, counted per category too. */
      timeliness: z.enum(['soon', 'overdue']).optional(),
      statistic: recordStatistic.omit({ category: true }).optional(),
    }),
    access: RECORD_READERS,
    mutates: false,
  }),
  'records.stats': method<RecordStats>()({ input: () => none, access: 'any', mutates: false }),
  /** Drafts whose clerk asked an approver to accept a failed identifier check. */
  'records.overrideRequests': method<OverrideRequestItem[]>()({ input: () => none, access: ['approver'], mutates: false }),
  'subjects.search': method<{ total: number; items: SubjectSummary[] }>()({
    input: () => z.object({
      query: z.string().trim().max(100).optional(),
      conflictsOnly: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(20),
      reason: idSearchReason,
    }),
    access: RECORD_READERS,
    mutates: false,
  }),
  'subjects.get': method<SubjectDetail>()({
    input: () => z.object({ subjectId: z.number().int().positive() }),
    access: RECORD_READERS,
    mutates: false,
  }),
  /**
   * Settles a name conflict as a renaming: the name the record arrived with becomes the
   * subject's current name, the old one is kept as a former name.
   */
  'subjects.rename': method<SubjectDetail>()({
    input: () => z.object({ subjectId: z.number().int().positive(), conflictId: z.number().int().positive() }),
    access: RECORD_WRITERS,
    mutates: true,
  }),
  'import.run': method<ImportSummary>()({
    input: () => z.object({ ...importOptions, fileName: z.string().trim().min(1).max(255), content: z.string().min(1) }),
    access: RECORD_WRITERS,
    mutates: true,
    long: true,
  }),
  'import.runFile': method<ImportSummary>()({
    input: () => z.object({ ...importOptions, path: z.string().min(1) }),
    access: RECORD_WRITERS,
    mutates: true,
    long: true,
    hostOnly: true,
  }),
  /** What an import would make of a file, from its header row: generation, columns, missing fields, category check. Writes nothing. */
  'import.inspect': method<ImportInspection>()({
    input: () => z.object({ category, fileName: z.string().trim().min(1).max(255), content: z.string().min(1) }),
    access: RECORD_WRITERS,
    mutates: false,
  }),
  /** The migration report of a recent import (.xlsx): generation, columns, rules with counts, rows imported and refused. */
  'import.migrationReport': method<FilePayload>()({
    input: () => z.object({ importId: z.string().min(1) }),
    access: RECORD_WRITERS,
    mutates: false,
  }),
  /** The rejected rows of a recent import: original cells plus an error column. */
  'import.errorReport': method<FilePayload>()({
    input: () => z.object({ importId: z.string().min(1) }),
    access: RECORD_WRITERS,
    mutates: false,
  }),
  'templates.get': method<FilePayload>()({
    input: () => z.object({ category }),
    access: RECORD_READERS,
    mutates: false,
  }),
  'export.run': method<FilePayload & { rows: number }>()({
    input: () => z.object({ ...recordFilters, ...exportUnmask, category, recordIds: recordIds.optional(), format: z.enum(['xlsx', 'csv']).default('xlsx') }),
    access: RECORD_READERS,
    mutates: true,
    long: true,
  }),
  'export.runFile': method<{ path: string; rows: number }>()({
    input: () => z.object({ ...recordFilters, ...exportUnmask, category, format: z.enum(['xlsx', 'csv']).default('xlsx'), path: z.string().min(1) }),
    access: RECORD_READERS,
    mutates: true,
    long: true,
    hostOnly: true,
  }),

  // --- working-day calendar ------------------------------------------------------------------
  /** The N-th working day after a date (民法典 第201条), with the calendar versions used. */
  'calendar.due': method<{ due: string; calendar: CalendarUseView }>()({
    input: () => z.object({ from: ymd, days: z.number().int().min(-3650).max(3650) }),
    access: 'any',
    mutates: false,
  }),
  'calendar.show': method<CalendarYearView>()({
    input: () => z.object({ year: z.number().int().min(1900).max(2200) }),
    access: 'any',
    mutates: false,
  }),
  'calendar.list': method<CalendarYearView[]>()({ input: () => none, access: 'any', mutates: false }),
  /** Installs a year's calendar (or a corrected version of one); open cases' due dates are computed again. */
  'calendar.install': method<{ year: number; version: string; source: string; replaces: string | null; casesMoved: number }>()({
    input: () => z.object({ table: z.record(z.string(), z.unknown()) }),
    access: ['admin'],
    mutates: true,
  }),

  // --- objection and repair cases ---------------------------------------------------------------
  'cases.register': method<CaseDetail & { earliestRepair: string | null; otherAuthority: string | null }>()({
    input: () => z.object({
      kind: z.enum(CASE_KINDS),
      recordIds: z.array(z.number().int().positive()).min(1, '请至少指定一条信用记录').max(100),
      applicant: z.object({
        name: z.string().trim().min(1, '请填写申请人名称').max(100),
        code: z.string().trim().max(40).optional(),
        contact: z.string().trim().max(100).optional(),
      }),
      channel: z.enum(CASE_CHANNELS),
      platformRef: z.string().trim().max(100).optional(),
      received: ymd.optional(),
      grounds: z.string().trim().min(2, '请填写理由（至少 2 个字）').max(5000),
      attachments: z.array(attachment).max(20).default([]),
      /** About another authority's record: forward it there (已转送) rather than refuse it. */
      forward: z.boolean().optional(),
    }),
    access: CASE_WORKERS,
    mutates: true,
  }),
  'cases.list': method<CaseListResult>()({
    input: () => z.object({
      kind: z.enum(CASE_KINDS).optional(),
      state: z.enum(CASE_STATES).optional(),
      overdue: z.boolean().optional(),
      dueWithin: z.number().int().min(0).max(365).optional(),
      recordId: z.number().int().positive().optional(),
      query: z.string().trim().max(100).optional(),
      /** Proposed cases the caller did not handle: what they may approve (four eyes). */
      awaitingMyApproval: z.boolean().optional(),
      /** The cases behind a figure of the 统计 page. */
      statistic: caseStatistic.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    access: CASE_READERS,
    mutates: false,
  }),
  'cases.overview': method<CaseOverview>()({ input: () => none, access: CASE_READERS, mutates: false }),
  'cases.get': method<CaseDetail>()({ input: () => z.object({ caseId }), access: CASE_READERS, mutates: false }),
  /** 受理 (the case is taken up: 核查中). */
  'cases.accept': method<CaseDetail>()({ input: () => z.object({ caseId }), access: CASE_WORKERS, mutates: true }),
  /** 不予受理, with the reason. */
  'cases.refuse': method<CaseDetail>()({ input: () => z.object({ caseId, reason: caseReason('不予受理的理由') }), access: CASE_WORKERS, mutates: true }),
  /** A file for an open case; `item` ticks a repair materials checklist entry. */
  'cases.attach': method<CaseDetail & { attachmentId: number }>()({
    input: () => z.object({ caseId, fileName: attachment.shape.fileName, content: attachment.shape.content, item: attachment.shape.item, received: ymd.optional() }),
    access: CASE_WORKERS,
    mutates: true,
  }),
  /** 补正: a repair material is missing or defective; the clock pauses until it arrives. */
  'cases.requestMaterials': method<CaseDetail>()({
    input: () => z
      .object({
        caseId,
        /** Every item to supply (一次性告知); `item` names one. */
        items: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
        item: z.string().trim().min(1).max(40).optional(),
        reason: caseReason('需要补正的内容'),
        /** The date by which to supply them (default: the rules' working days from today). */
        supplyBy: ymd.optional(),
      })
      .refine((v) => (v.items?.length ?? 0) > 0 || v.item !== undefined, { message: '请指出需要补正的材料' }),
    access: CASE_WORKERS,
    mutates: true,
  }),
  'cases.extend': method<CaseDetail>()({ input: () => z.object({ caseId, reason: caseReason('延期理由') }), access: CASE_WORKERS, mutates: true }),
  'cases.propose': method<CaseDetail>()({
    input: () => z.object({
      caseId,
      outcome: z.enum(CASE_OUTCOMES),
      reason: caseReason('处理理由'),
      set: z.record(z.string().min(1).max(60), z.string().max(2000)).optional(),
    }),
    access: CASE_WORKERS,
    mutates: true,
  }),
  /** Four eyes: an approver who did not handle the case; the outcome takes effect on the records. */
  'cases.approve': method<CaseDetail>()({ input: () => z.object({ caseId }), access: CASE_APPROVERS, mutates: true }),
  'cases.return': method<CaseDetail>()({ input: () => z.object({ caseId, reason: caseReason('退回理由') }), access: CASE_APPROVERS, mutates: true }),
  /** 已答复: how the applicant was told, and when. */
  'cases.answer': method<CaseDetail>()({
    input: () => z.object({
      caseId,
      method: z.string().trim().min(2, '请说明答复方式（至少 2 个字）').max(200),
      date: ymd.optional(),
      /** Who received the decision (default: the applicant). */
      servedTo: z.string().trim().min(1).max(100).optional(),
    }),
    access: CASE_WORKERS,
    mutates: true,
  }),
  /** 送达: how, when and to whom one of the case's letters was served (once per letter). */
  'cases.serveLetter': method<CaseDetail>()({
    input: () => z.object({
      caseId,
      letterId: z.number().int().positive(),
      method: z.string().trim().min(2, '请说明送达方式（至少 2 个字）').max(100),
      date: ymd,
      to: z.string().trim().max(100).optional(),
      note: z.string().trim().max(500).optional(),
    }),
    access: CASE_WORKERS,
    mutates: true,
  }),
  /** Issues the 信用修复告知书 of a penalty record (“两书同达”): its 发文字号; issued once, later calls return it. */
  'letters.issueRepairNotice': method<IssuedLetterView>()({
    input: () => z.object({ recordId: z.number().int().positive() }),
    access: CASE_WORKERS,
    mutates: true,
  }),
  /** The 信用修复告知书 issued for a record, if any. */
  'letters.repairNotice': method<IssuedLetterView | null>()({
    input: () => z.object({ recordId: z.number().int().positive() }),
    access: CASE_READERS,
    mutates: false,
  }),
  /** An attachment's bytes (base64); every download is audited. */
  'cases.attachment': method<FilePayload & { contentType: string }>()({
    input: () => z.object({ caseId, attachmentId: z.number().int().positive() }),
    access: CASE_READERS,
    mutates: true,
  }),

  // --- signing keys, batches, receipts ------------------------------------------------
  'keys.list': method<SigningKeyView[]>()({ input: () => none, access: 'any', mutates: false }),
  /** Generates the approver's SM2 key pair (retiring the current one: rotation). */
  'keys.generate': method<SigningKeyView>()({
    input: () => z.object({ password: z.string().min(1).max(256) }),
    access: ['approver'],
    mutates: true,
  }),
  'keys.exportPublic': method<{ pem: string; fingerprint: string; fileName: string }>()({
    input: () => z.object({ keyId: z.number().int().positive() }),
    access: 'any',
    mutates: false,
  }),
  'batches.pending': method<{ counts: Record<string, Record<string, number>>; total: number }>()({
    input: () => none,
    access: ['clerk', 'approver'],
    mutates: false,
  }),
  'batches.prepare': method<BatchView>()({ input: () => none, access: ['clerk'], mutates: true }),
  'batches.list': method<BatchView[]>()({ input: () => none, access: ['clerk', 'approver', 'archivist', 'auditor'], mutates: false }),
  'batches.get': method<BatchView>()({
    input: () => z.object({ batchId: z.number().int().positive() }),
    access: ['clerk', 'approver', 'archivist', 'auditor'],
    mutates: false,
  }),
  'batches.operations': method<{ total: number; items: BatchOperationView[] }>()({
    input: () => z.object({
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
    input: () => z.object({ batchId: z.number().int().positive(), password: z.string().min(1).max(256) }),
    access: ['approver'],
    mutates: true,
    long: true,
  }),
  /** Sends a prepared batch back to the clerks; its operations return to the queue. */
  'batches.reject': method<BatchView>()({
    input: () => z.object({ batchId: z.number().int().positive(), reason: z.string().trim().min(2, '请说明退回原因').max(500) }),
    access: ['approver'],
    mutates: true,
  }),
  'batches.cancel': method<BatchView>()({
    input: () => z.object({ batchId: z.number().int().positive(), reason: z.string().trim().min(2, '请说明撤销原因').max(500) }),
    access: ['clerk'],
    mutates: true,
  }),
  'batches.export': method<FilePayload>()({
    input: () => z.object({ batchId: z.number().int().positive() }),
    access: ['clerk', 'approver'],
    mutates: true,
    long: true,
  }),
  'batches.exportFile': method<{ path: string; fileName: string }>()({
    input: () => z.object({ batchId: z.number().int().positive(), path: z.string().min(1) }),
    access: ['clerk', 'approver'],
    mutates: true,
    long: true,
    hostOnly: true,
  }),
  /** Checks a batch file (as it left the office) without changing anything. */
  'batches.verify': method<VerifyReport>()({
    input: () => z.object({ fileName: z.string().min(1).max(255), content: z.string().min(1) }),
    access: 'any',
    mutates: false,
  }),
  /** Reads a receipt and says what importing it would do; changes nothing. */
  'receipts.preview': method<ReceiptPreview>()({
    input: () => z.object({ fileName: z.string().trim().min(1).max(255), content: z.string().min(1) }),
    access: ['clerk', 'approver'],
    mutates: false,
  }),
  'receipts.import': method<ReceiptSummary>()({
    /** confirmUnsigned: an approver confirms a receipt without the platform's signature (issue 18). */
    input: () => z.object({ fileName: z.string().trim().min(1).max(255), content: z.string().min(1), confirmUnsigned: z.boolean().default(false) }),
    access: ['clerk', 'approver'],
    mutates: true,
  }),
  'receipts.importFile': method<ReceiptSummary>()({
    input: () => z.object({ path: z.string().min(1), confirmUnsigned: z.boolean().default(false) }),
    access: ['clerk', 'approver'],
    mutates: true,
    hostOnly: true,
  }),

  // --- printing ----------------------------------------------------------------------------
  /** A subject's 信用档案 (by its id, or its 统一社会信用代码 / ID number). */
  'print.creditFile': method<PrintPayload>()({
    input: () => z
      .object({
        subjectId: z.number().int().positive().optional(),
        code: z.string().trim().min(2).max(40).optional(),
        withHistory: z.boolean().default(false),
        /** Personal ID numbers in clear: needs the unmask permission; the reason goes into the print log. */
        unmaskReason: z.string().trim().min(4, '请说明打印完整证件号码的理由（至少 4 个字）').max(200).optional(),
      })
      .refine((v) => (v.subjectId === undefined) !== (v.code === undefined), { message: '请指定一个信用主体：编号或统一社会信用代码/证件号码' }),
    access: PRINTERS,
    mutates: true,
    long: true,
  }),
  /** The 批次审核单 of an approved batch. */
  'print.batchSheet': method<PrintPayload>()({
    input: () => z.object({ batchId: z.number().int().positive() }),
    access: PRINTERS,
    mutates: true,
  }),
  /** The 签名公钥登记表 of a signing key (by id, or the current key of an approver). */
  'print.keySheet': method<PrintPayload>()({
    input: () => z
      .object({ keyId: z.number().int().positive().optional(), login: z.string().trim().min(1).max(64).optional() })
      .refine((v) => (v.keyId === undefined) !== (v.login === undefined), { message: '请指定签名密钥：编号或审核人的登录名' }),
    access: PRINTERS,
    mutates: true,
  }),
  /** A case's letter: 受理通知书, 不予受理通知书, or its decision (异议处理决定书 / 信用修复决定书); by default the one its state calls for. */
  'print.letter': method<PrintPayload>()({
    input: () => z.object({
      caseId: z.number().int().positive(),
      letter: z.enum(['acceptance', 'refusal', 'materials', 'decision']).optional(),
      /** One issued letter by its id (an earlier 补正材料通知书 …). */
      letterId: z.number().int().positive().optional(),
      unmaskReason: z.string().trim().min(4, '请说明打印完整证件号码的理由（至少 4 个字）').max(200).optional(),
    }),
    access: PRINTERS,
    mutates: true,
  }),
  /** The 信用修复告知书 of a record (issued first with letters.issueRepairNotice). */
  'print.repairNotice': method<PrintPayload>()({
    input: () => z.object({
      recordId: z.number().int().positive(),
      unmaskReason: z.string().trim().min(4, '请说明打印完整证件号码的理由（至少 4 个字）').max(200).optional(),
    }),
    access: PRINTERS,
    mutates: true,
  }),
  /** The 案件审批表 for the case file: the internal facts no letter carries (channel, handlers, clocks, approver, letters and service). */
  'print.caseSheet': method<PrintPayload>()({
    input: () => z.object({ caseId: z.number().int().positive() }),
    access: PRINTERS,
    mutates: true,
  }),
  /**
   * A print method's document without a print number (marked 预览, not in the print log):
   * what the preview shows. The roles and input are those of the method named.
   */
  'print.preview': method<PrintPayload>()({
    input: () => z.object({ method: z.enum(PRINT_METHODS), input: z.record(z.string(), z.unknown()).default({}) }),
    access: 'any',
    mutates: false,
    long: true,
  }),
  // --- drafts of open forms (issue 19): one person's unsaved typing; not audited (drafts/service.ts) ---
  /** The logged-in person's drafts, newest first. */
  'drafts.list': method<DraftSummary[]>()({ input: () => none, access: 'any', mutates: false }),
  'drafts.get': method<DraftView | null>()({ input: () => z.object({ form: draftForm }), access: 'any', mutates: false }),
  /** Keeps what the person has typed so far (replacing the form's earlier draft). */
  'drafts.save': method<{ updatedAt: string; expiresAt: string }>()({
    input: () => z.object({ form: draftForm, title: z.string().trim().min(1).max(200), data: z.unknown() }),
    access: 'any',
    mutates: false,
  }),
  /** Removes a draft: the form was saved, or the person threw the typing away. */
  'drafts.discard': method<{ discarded: boolean }>()({ input: () => z.object({ form: draftForm }), access: 'any', mutates: false }),

  'print.log': method<{ total: number; items: PrintLogEntry[] }>()({
    input: () => z.object({
      query: z.string().trim().max(100).optional(),
      kind: z.string().trim().max(40).optional(),
      printedBy: z.string().trim().max(64).optional(),
      from: ymd.optional(),
      to: ymd.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    access: PRINT_LOG_READERS,
    mutates: false,
  }),
  /** What a paper copy with this print number was, and whether a PDF (base64) is exactly that print. */
  'print.lookup': method<PrintLookup>()({
    input: () => z.object({ printNo: z.string().trim().min(1).max(32), content: z.string().min(1).optional() }),
    access: PRINT_LOOKUP_ROLES,
    mutates: false,
  }),
  // --- the timeliness clock (双公示: 7 working days) --------------------------------------
  'timeliness.summary': method<TimelinessSummary>()({ input: () => none, access: RECORD_READERS, mutates: false }),

  // --- shared lists and credit checks (信用核查) ------------------------------------------
  /** The platform public keys pinned for shared lists (with their PEM and fingerprint). */
  'lists.keys': method<PinnedKeyView[]>()({ input: () => none, access: 'any', mutates: false }),
  /** Pins a platform public key: lists signed by it can be imported. */
  /** A public key's fingerprint, to compare with the platform's before pinning it; writes nothing. */
  'lists.inspectKey': method<{ fingerprint: string }>()({
    input: () => z.object({ pem: z.string().min(1).max(20_000) }),
    access: ['admin'],
    mutates: false,
  }),
  'lists.pin': method<PinnedKeyView>()({
    input: () => z.object({
      pem: z.string().min(1).max(20_000),
      label: z.string().trim().min(2, '请写明这是谁的公钥').max(100),
      /** The fingerprint the administrator compared (lists.inspectKey); when given it must be this key's. */
      fingerprint: z.string().trim().max(200).optional(),
    }),
    access: ['admin'],
    mutates: true,
  }),
  /** Unpins a key (a state with a reason: the versions it signed keep naming it). */
  'lists.unpin': method<PinnedKeyView>()({
    input: () => z.object({ keyId: z.number().int().positive(), reason: z.string().trim().min(2, '请说明停用原因').max(500) }),
    access: ['admin'],
    mutates: true,
  }),
  /** The imported lists, each with its current version and every older one. */
  'lists.list': method<SharedListView[]>()({ input: () => none, access: 'any', mutates: false }),
  /** Imports a shared-list file (verified against the pinned keys; refused with its reason otherwise). */
  'lists.import': method<ListImportResult>()({
    input: () => z.object({ fileName: z.string().trim().min(1).max(255), content: z.string().min(1) }),
    access: ['admin'],
    mutates: true,
    long: true,
  }),
  'lists.importFile': method<ListImportResult>()({
    input: () => z.object({ path: z.string().min(1) }),
    access: ['admin'],
    mutates: true,
    long: true,
    hostOnly: true,
  }),
  /** A subject's entries on the current shared lists (expired ones flagged): the subject page. */
  'lists.subjectEntries': method<ListHitBrief[]>()({
    input: () => z.object({ subjectId: z.number().int().positive() }),
    access: RECORD_READERS,
    mutates: false,
  }),
  /** Checks one subject (code, ID number or exact name) for a matter; logged and audited. */
  'checks.run': method<CheckResultView>()({
    input: () => z.object({ subject: z.string().trim().min(1, '请输入统一社会信用代码、身份证号或名称').max(200), matter: z.enum(MATTERS) }),
    access: CHECKERS,
    mutates: true,
  }),
  /** Checks every applicant of an .xlsx/.csv; returns the summary and the result workbook. */
  'checks.runUpload': method<{ summary: CheckRunSummary; file: FilePayload }>()({
    input: () => z.object({ fileName: z.string().trim().min(1).max(255), content: z.string().min(1), matter: z.enum(MATTERS) }),
    access: CHECKERS,
    mutates: true,
    long: true,
  }),
  'checks.runFile': method<{ summary: CheckRunSummary; out: string }>()({
    input: () => z.object({ path: z.string().min(1), out: z.string().min(1), matter: z.enum(MATTERS) }),
    access: CHECKERS,
    mutates: true,
    long: true,
    hostOnly: true,
  }),
  /** The check log, newest first; a clerk sees their own checks, approvers and auditors everyone's. */
  'checks.list': method<{ total: number; items: CheckSummaryView[] }>()({
    input: () => z.object({
      query: z.string().trim().max(100).optional(),
      runId: z.number().int().positive().optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(20),
    }),
    access: CHECK_LOG_READERS,
    mutates: false,
  }),
  /** One check as it was made (its hits, the list versions), with its feedback. */
  'checks.get': method<CheckResultView>()({
    input: () => z.object({ checkNo: z.string().trim().min(1).max(40) }),
    access: CHECK_LOG_READERS,
    mutates: false,
  }),
  /** The 信用核查结果 of a check, printed (a print number, a line in the print log). */
  'print.checkResult': method<PrintPayload>()({
    input: () => z.object({ checkNo: z.string().trim().min(1).max(40) }),
    access: CHECK_LOG_READERS,
    mutates: true,
  }),
  /** Records the measure applied on the strength of a check; it goes to the platform in the next batch. */
  'checks.feedback': method<FeedbackView>()({
    input: () => z.object({
      checkNo: z.string().trim().min(1).max(40),
      measure: z.string().trim().min(2, '请填写采取的措施').max(100),
      note: z.string().trim().max(500).default(''),
    }),
    access: CHECKERS,
    mutates: true,
  }),

  // --- the desktop product: 关于, licences, diagnostics, the manual ------------------
  /** 关于: version, schema versions, the data folder. Before login too (the window's 帮助 menu). */
  'app.about': method<AboutInfo>()({ input: () => none, access: 'public', mutates: false }),
  /** The licences of everything the installer ships (out/licenses, made by `npm run build`). */
  'app.licenses': method<LicensesInfo>()({ input: () => none, access: 'public', mutates: false }),
  /** 关于 → 打开文件夹. The Electron host opens it (shell.openPath); the core can only name it. */
  'app.openDataFolder': method<{ opened: boolean; folder: string }>()({ input: () => none, access: 'public', mutates: false }),
  /** 系统设置 → 诊断信息: a file for support, without personal data. */
  'diagnostics.report': method<DiagnosticsReport>()({ input: () => none, access: ['admin'], mutates: false }),
  /** The user manual, printed through the printing engine (a print number, a line in the print log). */
  'print.manual': method<PrintPayload>()({ input: () => none, access: 'any', mutates: true }),
  // --- statistics, warnings and the monthly report (统计、预警、月度报送情况) ---------------------
  /** A month's figures per category, its cases and checks (docs/statistics.md). */
  'statistics.month': method<MonthFigures>()({ input: () => z.object({ month }), access: STATS_READERS, mutates: false }),
  /** Each month of a year per category: the 统计 page's trend. */
  'statistics.year': method<YearTrend>()({ input: () => z.object({ year: z.number().int().min(2000).max(2100) }), access: STATS_READERS, mutates: false }),
  /** The month's figures with the department and the warnings as of now: what `report month --json` prints. */
  'statistics.report': method<MonthReport>()({ input: () => z.object({ month }), access: STATS_READERS, mutates: false }),
  /** The warnings (预警) as of now, each with what it is about and where it leads. */
  'statistics.warnings': method<WarningView[]>()({ input: () => none, access: WARNING_READERS, mutates: false }),
  'statistics.warningSettings': method<WarningSettings>()({ input: () => none, access: WARNING_READERS, mutates: false }),
  'statistics.configureWarnings': method<WarningSettings>()({
    input: () => z
      .object({
        recordsDueWithinWorkingDays: z.number().int().min(0).max(6),
        casesDueWithinWorkingDays: z.number().int().min(0).max(10),
        rejectionRiseMargin: z.number().min(0).max(100),
        rejectionMinAnswered: z.number().int().min(1).max(100_000),
        listMaxAgeDays: z.number().int().min(1).max(3650),
        backupMaxAgeDays: z.number().int().min(1).max(365),
      })
      .partial()
      .strict(),
    access: WARNING_SETTERS,
    mutates: true,
  }),
  /** 月度报送情况 as a PDF through the printing engine (print log, print number). */
  'print.monthlyReport': method<PrintPayload>()({ input: () => z.object({ month }), access: STATS_READERS, mutates: true }),
  /** The same tables as an .xlsx workbook (audited). */
  'statistics.reportXlsx': method<FilePayload>()({ input: () => z.object({ month }), access: STATS_READERS, mutates: true }),
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
