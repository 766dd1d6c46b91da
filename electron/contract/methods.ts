/**
 * The one contract between the window and the core: every method, its input
 * schema, its result type and the roles allowed to call it. The core enforces
 * the roles; the UI only uses them to hide what a person cannot do.
 */
import { z } from 'zod';
import { zhCN } from 'zod/locales';
import type { Role } from './roles';
import { ROLES } from './roles';
import type {
  AppStatus,
  AuditEntry,
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
  /** Phantom field carrying the result type; never set at run time. */
  readonly __result?: O;
}

function method<O>() {
  return <I extends z.ZodType>(spec: Omit<MethodSpec<I, O>, '__result'>): MethodSpec<I, O> => spec;
}

const login = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9._-]{1,31}$/, '用户名须以小写字母开头，由 2–32 位小写字母、数字、点、下划线或连字符组成');
const password = z.string().min(8, '密码至少 8 位').max(256, '密码过长');
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
  'users.disable': method<UserSummary>()({
    input: z.object({ login }),
    access: ['admin'],
    mutates: true,
    long: true,
  }),

  // --- audit trail ------------------------------------------------------------------
  'audit.list': method<{ total: number; items: AuditEntry[] }>()({
    input: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) }),
    access: ['auditor', 'admin'],
    mutates: false,
  }),
  'audit.verify': method<AuditVerifyResult>()({
    input: none,
    access: ['auditor', 'admin'],
    mutates: false,
    long: true,
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
