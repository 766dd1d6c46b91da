/** The command line's pieces, in-process. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COMMON_OPTIONS, parseOptions, checkRequired, type OptionTable } from '../../electron/cli/args';
import { exitCodeFor } from '../../electron/cli/errors';
import type { CliIo } from '../../electron/cli/io';
import { COMMANDS, findCommand } from '../../electron/cli/registry';
import { runCli } from '../../electron/cli/run';
import { displayWidth, table } from '../../electron/cli/text';
import { ERROR_CODES } from '../../electron/contract/errors';

const OPTIONS = {
  db: { type: 'string', description: '', required: true },
  role: { type: 'string', description: '', multiple: true },
  ...COMMON_OPTIONS,
} satisfies OptionTable;

describe('parseOptions', () => {
  it('reads values, repeated options and flags', () => {
    const args = parseOptions(['--db', 'a.db', '--role', 'clerk', '--role=auditor', '-h', '--json'], OPTIONS);
    expect(args.get('db')).toBe('a.db');
    expect(args.all('role')).toEqual(['clerk', 'auditor']);
    expect(args.flag('help')).toBe(true);
    expect(args.flag('json')).toBe(true);
    expect(args.flag('role')).toBe(false);
  });

  it('accepts a value starting with "-" only in --name=value form', () => {
    expect(parseOptions(['--db=-odd.db'], OPTIONS).get('db')).toBe('-odd.db');
    expect(() => parseOptions(['--db', '-odd.db'], OPTIONS)).toThrow(/--db 需要一个值/);
  });

  it('refuses what it does not know, as USAGE', () => {
    for (const argv of [['--nope'], ['-x'], ['stray'], ['--db'], ['--db', ''], ['--', 'x']]) {
      expect(() => parseOptions(argv, OPTIONS), argv.join(' ')).toThrow(expect.objectContaining({ code: 'USAGE', exitCode: 2 }));
    }
  });

  it('names a missing required option', () => {
    expect(() => checkRequired(parseOptions([], OPTIONS), OPTIONS)).toThrow(/缺少必需的选项 --db/);
  });
});

describe('exit codes', () => {
  it('BAD_INPUT and usage problems are 2, refusals 1', () => {
    expect(exitCodeFor('BAD_INPUT')).toBe(2);
    expect(exitCodeFor('USAGE')).toBe(2);
    expect(exitCodeFor('PASSWORD_REQUIRED')).toBe(2);
    for (const code of ERROR_CODES.filter((c) => c !== 'BAD_INPUT')) expect(exitCodeFor(code), code).toBe(1);
  });
});

describe('text', () => {
  it('counts Chinese characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('李四')).toBe(4);
    expect(displayWidth('（在用）')).toBe(8);
    expect(displayWidth('e\u0301')).toBe(1); // e + combining accent
  });

  it('aligns table columns by display width', () => {
    const lines = table(['登录名', '姓名'], [['admin', '系统管理员'], ['li', '李四']]).split('\n');
    expect(lines[0]).toBe('登录名  姓名');
    expect(lines[2]).toBe('admin   系统管理员');
    expect(lines[3]).toBe('li      李四');
  });
});

describe('the command table', () => {
  it('has unique names and maps contract fields only to options it has', () => {
    const names = COMMANDS.map((c) => c.name.join(' '));
    expect(new Set(names).size).toBe(names.length);
    for (const c of COMMANDS) {
      for (const option of Object.values(c.fieldOptions ?? {})) expect(Object.keys(c.options), c.name.join(' ')).toContain(option);
      for (const common of Object.keys(COMMON_OPTIONS)) expect(Object.keys(c.options)).not.toContain(common);
    }
  });

  it('finds the longest matching command', () => {
    expect(findCommand(['user', 'add', 'x'])?.name).toEqual(['user', 'add']);
    expect(findCommand(['user'])).toBeUndefined();
    expect(findCommand(['info'])?.name).toEqual(['info']);
  });
});

describe('runCli in-process', () => {
  function io() {
    const out = { stdout: '', stderr: '' };
    const stdout = new PassThrough().setEncoding('utf8');
    const stderr = new PassThrough().setEncoding('utf8');
    stdout.on('data', (d: string) => (out.stdout += d));
    stderr.on('data', (d: string) => (out.stderr += d));
    const value: CliIo = { stdin: new PassThrough(), stdout, stderr, env: {} };
    return { value, out };
  }

  it('help --json is one object', async () => {
    const { value, out } = io();
    expect(await runCli(['--json', 'help'], value)).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(JSON.parse(out.stdout)).toEqual({ help: expect.stringContaining('用法') });
  });

  it('a usage error with --json writes the JSON on stdout and the Chinese line on stderr', async () => {
    const { value, out } = io();
    expect(await runCli(['info', '--json', '--as', 'x'], value)).toBe(2);
    await new Promise((r) => setImmediate(r));
    expect(JSON.parse(out.stdout)).toEqual({ error: { code: 'USAGE', message: '缺少必需的选项 --db 文件。' } });
    expect(out.stderr).toContain('错误：缺少必需的选项 --db 文件。 [USAGE]');
  });
});
