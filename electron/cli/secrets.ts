/**
 * Passwords: from an environment variable when set (scripts), otherwise typed
 * at a hidden prompt on the terminal. Never from the command line, where other
 * users of the machine could read them in the process list.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { PASSWORD_MIN } from '../contract/limits';
import { CliError } from './errors';
import { envValue, type CliIo } from './io';

/** The acting person's password (and the old one for `user passwd`). */
export const PASSWORD_ENV = 'CREDIT_DESK_PASSWORD';
/** A password being set: a new account's, a changed or a reset one. */
export const NEW_PASSWORD_ENV = 'CREDIT_DESK_NEW_PASSWORD';

/**
 * Reads one line from a terminal without echoing it. The prompt goes to
 * `output` (stderr, so that stdout stays clean for --json); what is typed goes
 * nowhere and is kept out of readline's history.
 */
export function promptHidden(io: Pick<CliIo, 'stdin' | 'stderr'>, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let muted = false;
    let settled = false;
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        if (!muted) io.stderr.write(chunk);
        callback();
      },
    });
    const rl = createInterface({ input: io.stdin, output: sink, terminal: true, historySize: 0 });
    const finish = (answer: string | null) => {
      if (settled) return;
      settled = true;
      rl.close();
      io.stderr.write('\n');
      if (answer === null) reject(new CliError('INTERRUPTED', '已取消输入密码。'));
      else resolve(answer);
    };
    rl.on('SIGINT', () => finish(null));
    rl.on('close', () => finish(null));
    rl.question(question, (answer) => finish(answer));
    muted = true;
  });
}

/** The contract's password rule, to let a person retype a too-short password at once (loaded when asked: zod is slow to load). */
async function passwordRule() {
  const { methods } = await import('../contract/methods');
  return methods['users.add'].input.shape.password;
}

export class Secrets {
  constructor(private readonly io: CliIo) {}

  private get interactive(): boolean {
    return this.io.stdin.isTTY === true;
  }

  /**
   * Fails at once (exit 2) when a password could come neither from `envNames`
   * nor from a terminal, before anything has been changed.
   */
  ensureAvailable(what: string, envNames: readonly string[]): void {
    if (envNames.some((n) => envValue(this.io, n) !== undefined) || this.interactive) return;
    throw new CliError(
      'PASSWORD_REQUIRED',
      `需要${what}：请设置环境变量 ${envNames.join(' 或 ')}，或在终端中运行本命令以便输入密码。`,
    );
  }

  /** An existing password: the first set variable of `envNames`, or typed once. */
  async existing(what: string, envNames: readonly string[], question: string): Promise<string> {
    for (const name of envNames) {
      const v = envValue(this.io, name);
      if (v !== undefined) return v;
    }
    this.ensureAvailable(what, envNames);
    return promptHidden(this.io, question);
  }

  /**
   * A password being set: the first set variable of `envNames` (the core checks
   * it), or typed twice at the terminal, up to three attempts.
   */
  async chosen(what: string, envNames: readonly string[]): Promise<string> {
    for (const name of envNames) {
      const v = envValue(this.io, name);
      if (v !== undefined) return v;
    }
    this.ensureAvailable(what, envNames);
    const rule = await passwordRule();
    for (let attempt = 1; attempt <= 3; attempt++) {
      const first = await promptHidden(this.io, `请输入${what}（至少 ${PASSWORD_MIN} 位，不能与登录名相同）：`);
      if (!rule.safeParse(first).success) {
        this.io.stderr.write(first.length < PASSWORD_MIN ? `密码至少需要 ${PASSWORD_MIN} 位，请重新输入。\n` : '密码不能超过 256 位，请重新输入。\n');
        continue;
      }
      const second = await promptHidden(this.io, `请再次输入${what}：`);
      if (first === second) return first;
      this.io.stderr.write('两次输入的密码不一致，请重新输入。\n');
    }
    throw new CliError('PASSWORD_MISMATCH', `未能设置${what}：三次输入均未通过。`);
  }
}
