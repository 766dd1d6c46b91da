/**
 * The one way commands reach the core: `createCore` and the contract's
 * methods. Permissions, input rules and auditing all stay in the core.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { ProgressEvent } from '../contract/types';
import type { Core } from '../core/index';
import type { MethodInput, MethodName, MethodResult } from '../contract/methods';
import { CliError, usage } from './errors';
import { envValue, type CliIo } from './io';

/**
 * TEST ONLY. Lowers the scrypt cost (N) of password keys that this run creates,
 * so that test suites do not spend seconds per account. Never set it for a real
 * department: a low N makes stolen key files cheap to attack. Keys keep the cost
 * they were made with, so a database made under it stays weak until every
 * password is changed without it.
 */
export const KDF_N_ENV = 'CREDIT_DESK_KDF_N';

export function kdfCost(io: CliIo): { N: number; r: number; p: number } | undefined {
  const raw = envValue(io, KDF_N_ENV);
  if (raw === undefined) return undefined;
  const N = Number(raw);
  if (!Number.isInteger(N) || N < 1024 || N > 1 << 20 || (N & (N - 1)) !== 0) {
    throw usage(`环境变量 ${KDF_N_ENV} 应为 1024 到 1048576 之间的 2 的幂（仅供测试使用）。`);
  }
  return { N, r: 8, p: 1 };
}

/**
 * Checks input against a method's contract schema without calling the core (so
 * prompts come after obvious mistakes). The contract (zod) and the core are loaded
 * only by commands that use them: `help` and `verify` start without them.
 */
export async function checkInput<M extends MethodName>(method: M, input: MethodInput<M>): Promise<void> {
  const { methods } = await import('../contract/methods');
  const parsed = methods[method].input.safeParse(input);
  if (!parsed.success) {
    throw new CliError('BAD_INPUT', '输入有误。', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
}

/** Methods that derive a new password key, i.e. where CREDIT_DESK_KDF_N has an effect. */
const MAKES_PASSWORD_KEYS: ReadonlySet<MethodName> = new Set(['setup.initialize', 'users.add', 'auth.changePassword', 'auth.resetPassword']);

export class DeskSession {
  private loggedIn = false;
  private readonly lowKdf: { N: number; r: number; p: number } | undefined;
  readonly dbPath: string;
  private core: Core | null = null;

  constructor(
    private readonly io: CliIo,
    dbPath: string,
  ) {
    this.dbPath = resolve(dbPath);
    this.lowKdf = kdfCost(io);
  }

  private async open(): Promise<Core> {
    if (!this.core) {
      const { createCore } = await import('../core/index');
      this.core ??= createCore({ dbPath: this.dbPath, kdfCost: this.lowKdf && { N: this.lowKdf.N, r: 8, p: 1 } });
    }
    return this.core;
  }

  /**
   * Calls a contract method; a refusal becomes a CliError with the core's code and message.
   * `onProgress` receives the progress events of long-running methods (import, export).
   */
  async call<M extends MethodName>(method: M, input: MethodInput<M>, options: { onProgress?: (event: ProgressEvent) => void } = {}): Promise<MethodResult<M>> {
    if (this.lowKdf && MAKES_PASSWORD_KEYS.has(method)) {
      this.io.stderr.write(`警告：${KDF_N_ENV}=${this.lowKdf.N} 降低了密码密钥强度，仅供测试使用。\n`);
    }
    const core = await this.open();
    const { onProgress } = options;
    const callId = onProgress ? randomUUID() : undefined;
    const unsubscribe = onProgress
      ? core.onEvent((event) => {
          if (event.type === 'progress' && event.callId === callId) onProgress(event);
        })
      : undefined;
    let result;
    try {
      result = await core.invoke(method, input, callId);
    } finally {
      unsubscribe?.();
    }
    if (!result.ok) {
      if (result.error.code === 'USER_DISABLED' || result.error.code === 'NOT_LOGGED_IN') this.loggedIn = false;
      throw CliError.fromCore(result.error);
    }
    if (method === 'auth.login' || method === 'setup.initialize' || method === 'auth.resetPassword') this.loggedIn = true;
    // A restore logs out (the department's files were replaced).
    if (method === 'auth.logout' || method === 'auth.lock' || method === 'backup.restoreFile' || method === 'backup.restore') this.loggedIn = false;
    return result.value as MethodResult<M>;
  }

  login(login: string, password: string): Promise<MethodResult<'auth.login'>> {
    return this.call('auth.login', { login, password });
  }

  /**
   * Logs out (audited) if someone is logged in, then closes the database.
   * Never throws: the command's own result (a recovery code, say) must still be
   * printed; a failed logout is reported as a warning.
   */
  async close(): Promise<void> {
    try {
      if (this.loggedIn && this.core) {
        const result = await this.core.invoke('auth.logout', {});
        if (!result.ok) this.io.stderr.write(`警告：退出登录时出错：${result.error.message} [${result.error.code}]\n`);
      }
    } catch (err) {
      this.io.stderr.write(`警告：退出登录时出错：${err instanceof Error ? err.message : String(err)}\n`);
    } finally {
      this.loggedIn = false;
      try {
        this.core?.close();
      } catch (err) {
        this.io.stderr.write(`警告：关闭数据库时出错：${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
  }
}

/** Opens the desk at `dbPath`, runs `fn`, and always logs out and closes. */
export async function withDesk<T>(io: CliIo, dbPath: string, fn: (desk: DeskSession) => Promise<T>): Promise<T> {
  const desk = new DeskSession(io, dbPath);
  try {
    return await fn(desk);
  } finally {
    await desk.close();
  }
}
