/**
 * Passwords typed at a terminal: not echoed, asked twice when being set.
 * In-process with a stand-in terminal, and (on Linux) end to end through a
 * real pseudo-terminal made by util-linux `script`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../electron/cli/errors';
import { promptHidden, Secrets } from '../../electron/cli/secrets';
import type { CliIo } from '../../electron/cli/io';
import { DEPARTMENT } from '../helpers';
import { cliBundle } from './cli-bundle';
import { ADMIN_PASSWORD, cleanEnv, initDesk, newDbPath, ROOT } from './run-cli';

function fakeTerminal(env: NodeJS.ProcessEnv = {}) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
  const stderr = new PassThrough();
  let shown = '';
  stderr.setEncoding('utf8').on('data', (d: string) => (shown += d));
  const io: CliIo = { stdin, stdout: new PassThrough(), stderr, env };
  return { io, stdin, shown: () => shown };
}

/**
 * Types each answer once its prompt has appeared (after the previous prompt),
 * as a person would: typing earlier would let the terminal echo it.
 */
async function answer(term: ReturnType<typeof fakeTerminal>, answers: [prompt: string, text: string][]) {
  let from = 0;
  for (const [prompt, text] of answers) {
    let at = -1;
    for (let i = 0; i < 400 && (at = term.shown().indexOf(prompt, from)) < 0; i++) await new Promise((r) => setTimeout(r, 5));
    if (at < 0) throw new Error(`prompt "${prompt}" not shown; got: ${term.shown()}`);
    from = at + prompt.length;
    term.stdin.write(text);
  }
}

describe('the hidden prompt (stand-in terminal)', () => {
  it('shows the question, returns the line and does not echo it', async () => {
    const term = fakeTerminal();
    const typed = promptHidden(term.io, '请输入密码：');
    await answer(term, [['请输入密码：', 'sEcret-123\r']]);
    expect(await typed).toBe('sEcret-123');
    expect(term.shown()).toContain('请输入密码：');
    expect(term.shown()).not.toContain('sEcret');
  });

  it('Ctrl+C cancels with INTERRUPTED (exit 130)', async () => {
    const term = fakeTerminal();
    const typed = promptHidden(term.io, '密码：');
    await answer(term, [['密码：', 'abc\x03']]);
    const err = await typed.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect(err).toMatchObject({ code: 'INTERRUPTED', exitCode: 130 });
  });

  it('a new password is asked twice and asked again after a mismatch or a too-short one', async () => {
    const term = fakeTerminal();
    const secrets = new Secrets(term.io);
    const chosen = secrets.chosen('新密码', ['CREDIT_DESK_NEW_PASSWORD']);
    await answer(term, [
      ['请输入新密码', 'short\r'],
      ['至少需要 10 位', ''],
      ['请输入新密码', 'first-pass-1\r'],
      ['请再次输入新密码', 'other-pass-1\r'],
      ['不一致', ''],
      ['请输入新密码', 'final-pass-1\r'],
      ['请再次输入新密码', 'final-pass-1\r'],
    ]);
    expect(await chosen).toBe('final-pass-1');
    expect(term.shown()).not.toMatch(/pass-1|short/);
  });

  it('the environment wins over the terminal; no terminal and no variable is PASSWORD_REQUIRED', async () => {
    const term = fakeTerminal({ CREDIT_DESK_PASSWORD: 'from-env-1' });
    expect(await new Secrets(term.io).existing('密码', ['CREDIT_DESK_PASSWORD'], '？')).toBe('from-env-1');
    expect(term.shown()).toBe('');
    const piped: CliIo = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {} };
    await expect(new Secrets(piped).existing('密码', ['CREDIT_DESK_PASSWORD'], '？')).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED', exitCode: 2 });
  });
});

const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;

/** Runs the CLI on a pseudo-terminal; each answer is typed once its prompt appears. */
async function onTerminal(args: string[], answers: [prompt: string, text: string][], env: Record<string, string | undefined> = {}) {
  const entry = await cliBundle();
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
    const command = [process.execPath, entry, ...args].map(quote).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: cleanEnv(env) });
    let output = '';
    let from = 0;
    let next = 0;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      output += d;
      for (let at; next < answers.length && (at = output.indexOf(answers[next][0], from)) >= 0; next++) {
        from = at + answers[next][0].length;
        child.stdin.write(answers[next][1]);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      child.stdin.end();
      resolve({ code, output });
    });
  });
}

// util-linux's `script` (Debian's essential bsdutils) gives the CLI a real terminal.
describe('on a real terminal', () => {
  it('has a terminal to run on', () => {
    expect(hasScript, 'the `script` tool (bsdutils) is needed for these tests').toBe(true);
  });

  it('asks for the acting password without echoing it', async () => {
    const { db } = await initDesk();
    const run = await onTerminal(['info', '--db', db, '--as', 'admin'], [['请输入 admin 的密码：', `${ADMIN_PASSWORD}\r`]]);
    expect(run.output).toContain('请输入 admin 的密码：');
    expect(run.output).toContain(DEPARTMENT.name);
    expect(run.output).not.toContain(ADMIN_PASSWORD);
    expect(run.code).toBe(0);
  });

  it('init asks for the admin password twice and shows the recovery code', async () => {
    const db = newDbPath();
    const run = await onTerminal(
      ['init', '--db', db, '--department', DEPARTMENT.name, '--uscc', DEPARTMENT.uscc, '--admin', 'admin'],
      [
        ['请输入系统管理员的密码', 'typed-pass-1\r'],
        ['请再次输入系统管理员的密码', 'typed-pass-1\r'],
      ],
    );
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/[0-9A-Z]{5}(-[0-9A-Z]{5}){4}/);
    expect(run.output).not.toContain('typed-pass-1');
    expect(existsSync(db)).toBe(true);
  });
});
