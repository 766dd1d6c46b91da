import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../electron/cli/registry';
import { cli, onlyJson } from './run-cli';

describe('usage errors exit 2', () => {
  it('an unknown command', async () => {
    const run = await cli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('未知的命令：frobnicate [USAGE]');
    expect(run.stdout).toBe('');
  });

  it('an unknown command with --json prints one JSON error', async () => {
    const run = await cli(['user', 'frob', '--json']);
    expect(run.code).toBe(2);
    expect(onlyJson(run)).toEqual({ error: { code: 'USAGE', message: '未知的命令：user frob' } });
  });

  it('no command, or a group without its subcommand', async () => {
    expect((await cli([])).code).toBe(2);
    const group = await cli(['user']);
    expect(group.code).toBe(2);
    expect(group.stderr).toContain('add');
    expect(group.stderr).toContain('help user');
  });

  it('an unknown option, a missing value, a missing required option, a stray argument, a repeated option', async () => {
    const cases: [string[], RegExp][] = [
      [['info', '--db', 'x.db', '--as', 'admin', '--bogus'], /未知的选项：--bogus/],
      [['info', '--db', '--as', 'admin'], /选项 --db 需要一个值/],
      [['info', '--as', 'admin'], /缺少必需的选项 --db/],
      [['info', 'extra', '--db', 'x.db', '--as', 'admin'], /多余的参数：extra/],
      [['info', '--db', 'a.db', '--db', 'b.db', '--as', 'admin'], /--db 只能指定一次/],
      [['info', '--db', 'a.db', '--as', 'admin', '--json=yes'], /--json 不接受值/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args, { CREDIT_DESK_PASSWORD: 'whatever-1' });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr).toContain('[USAGE]');
    }
  });
});

describe('help', () => {
  it('--help lists every command, the password variables and the exit codes', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('用法');
    for (const c of COMMANDS) expect(run.stdout).toContain(c.name.join(' '));
    expect(run.stdout).toContain('CREDIT_DESK_PASSWORD');
    expect(run.stdout).toContain('CREDIT_DESK_NEW_PASSWORD');
    expect(run.stdout).toContain('退出码');
  });

  it('help <command> and <command> --help describe its options, even when required ones are missing', async () => {
    const a = await cli(['help', 'user', 'add']);
    const b = await cli(['user', 'add', '--help']);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('--role 角色[,角色]');
    expect(a.stdout).toContain('archivist');
  });

  it('help for an unknown topic is a usage error', async () => {
    const run = await cli(['help', 'nothing']);
    expect(run.code).toBe(2);
  });
});
