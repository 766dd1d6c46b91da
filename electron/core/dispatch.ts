/**
 * Every call from any transport (IPC, the CLI, the test bridge) goes through
 * `dispatch`: method known? → logged in and not idle? → role allowed (denials
 * are audited) → input valid → handler → every state change audited.
 */
import { z } from 'zod';
import { isMethodName, mayCall, methods } from '../contract/methods';
import type { Result } from '../contract/errors';
import type { CoreEvent } from '../contract/types';

export type CallOrigin = 'page' | 'local';
import type { Desk } from './desk';
import { lastAuditSeq } from './auth/intents';
import { CoreError, toErrorData } from './errors';
import { handlers, type CallContext } from './handlers';
import { errorKind, recordCall } from './support/diagnostics';

export interface CallOptions {
  callId?: string;
  /** `page`: from the window (IPC or the test bridge), which may not call host-only methods. */
  origin?: CallOrigin;
  signal?: AbortSignal;
  emit?: (event: CoreEvent) => void;
}

/** All a person may do before changing a password an administrator set. */
const WHILE_PASSWORD_MUST_CHANGE: ReadonlySet<string> = new Set(['auth.changePassword', 'auth.logout', 'auth.lock', 'session.get', 'settings.get', 'department.get']);

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '输入'}：${i.message}`).join('；');
}

export async function dispatch(desk: Desk, method: string, rawInput: unknown, options: CallOptions = {}): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的方法：${String(method)}` } };
  }
  const started = performance.now();
  const result = await dispatchKnown(desk, method, rawInput, options);
  // For 诊断信息: the method's name, how long it took and the error's code — nothing of the call itself.
  recordCall(method, performance.now() - started, result.ok ? undefined : { code: result.error.code, kind: result.kind });
  if (!result.ok) delete result.kind;
  return result;
}

async function dispatchKnown(desk: Desk, method: keyof typeof methods, rawInput: unknown, options: CallOptions): Promise<Result<unknown> & { kind?: string }> {
  const spec = methods[method];
  if ('hostOnly' in spec && spec.hostOnly && options.origin === 'page') {
    return { ok: false, error: { code: 'FORBIDDEN', message: '此操作只能在本机命令行中使用。' } };
  }
  const authenticated = spec.access !== 'public';
  let auditFrom = 0;
  try {
    if (authenticated) {
      if (!desk.loggedIn) {
        if (desk.lockedLogin) throw new CoreError('LOCKED', '工作台已锁定，请重新输入密码。');
        throw new CoreError('NOT_LOGGED_IN', '请先登录。');
      }
      if (!desk.touch()) throw new CoreError('LOCKED', '长时间未操作，工作台已锁定，请重新输入密码。');
      const user = desk.currentUser();
      if (!user.active) {
        desk.logout();
        throw new CoreError('USER_DISABLED', '该用户已停用。');
      }
      if (!mayCall(spec.access, user.roles)) {
        desk.audit({ actor: user.login, method, target: null, outcome: 'denied', detail: { roles: user.roles } });
        throw new CoreError('FORBIDDEN', '您没有执行此操作的权限。', { method, required: spec.access });
      }
      if (user.mustChangePassword && !WHILE_PASSWORD_MUST_CHANGE.has(method)) {
        throw new CoreError('PASSWORD_CHANGE_REQUIRED', '您的密码是系统管理员设置的：请先修改密码（命令行：user passwd），再进行其他操作。');
      }
      auditFrom = spec.mutates ? lastAuditSeq(desk.db) : 0;
    }
    const parsed = spec.input.safeParse(rawInput ?? undefined);
    if (!parsed.success) {
      throw new CoreError('BAD_INPUT', `输入有误：${describeIssues(parsed.error)}`, {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      });
    }
    const ctx: CallContext = {
      desk,
      signal: options.signal ?? new AbortController().signal,
      progress: (done, total, phase) =>
        options.callId && options.emit?.({ type: 'progress', callId: options.callId, method, done, total, phase }),
    };
    const handler = handlers[method] as (ctx: CallContext, input: unknown) => unknown;
    const value = await handler(ctx, parsed.data);
    // A state change that did not write its own audit entry still gets one.
    if (authenticated && spec.mutates && desk.loggedIn && lastAuditSeq(desk.db) === auditFrom) {
      desk.audit({ actor: desk.login, method, target: null, outcome: 'ok' });
    }
    return { ok: true, value: value ?? null };
  } catch (err) {
    const error = toErrorData(err);
    if (authenticated && spec.mutates && desk.loggedIn && error.code !== 'FORBIDDEN' && error.code !== 'LOCKED') {
      try {
        desk.audit({ actor: desk.login, method, target: null, outcome: 'error', detail: { code: error.code, message: error.message } });
      } catch {
        // the failure itself is what the caller needs to see
      }
    }
    // The kind of an unexpected failure (TypeError, SQLITE_IOERR_WRITE …) for diagnostics; never its message.
    return { ok: false, error, kind: error.code === 'INTERNAL' || error.code === 'STORAGE_UNAVAILABLE' ? errorKind(err) : undefined };
  }
}
