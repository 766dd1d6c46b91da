/** Usage text, in Chinese, built from the command table. */
import { COMMON_OPTIONS, optionName, type OptionSpec } from './args';
import type { Command } from './command';
import { commandTitle, COMMANDS } from './registry';
import { KDF_N_ENV } from './session';
import { NEW_PASSWORD_ENV, PASSWORD_ENV } from './secrets';
import { displayWidth, padEnd } from './text';
import { withOutputOptions } from './output';

export const PROGRAM = 'credit-desk';

function twoColumns(rows: [string, string][], indent = '  '): string {
  const width = Math.max(...rows.map(([a]) => displayWidth(a)));
  return rows.map(([a, b]) => `${indent}${padEnd(a, width)}  ${b}`.trimEnd()).join('\n');
}

function optionUsage(name: string, spec: OptionSpec): string {
  const flag = spec.type === 'string' ? `${optionName(name)} ${spec.value ?? '值'}` : optionName(name);
  return spec.required ? flag : `[${flag}]`;
}

export function usageLine(command: Command): string {
  const opts = Object.entries<OptionSpec>(command.options).map(([n, s]) => optionUsage(n, s));
  const positionals = (command.positionals ?? []).map((p) => (p.required ? p.value : `[${p.value}]`));
  return `${PROGRAM} ${commandTitle(command)} ${[...opts, ...positionals, '[--json]'].join(' ')}`;
}

export function commandHelp(command: Command): string {
  const all: [string, OptionSpec][] = [...Object.entries<OptionSpec>(withOutputOptions(command.options)), ...Object.entries<OptionSpec>(COMMON_OPTIONS)];
  const rows: [string, string][] = all.map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}${optionName(name)}${spec.type === 'string' ? ` ${spec.value ?? '值'}` : ''}`;
    return [flag, `${spec.description}${spec.required ? '（必需）' : ''}`];
  });
  return [
    `${commandTitle(command)}：${command.summary}`,
    '',
    `用法：${usageLine(command)}`,
    '',
    ...(command.positionals?.length
      ? ['参数：', twoColumns(command.positionals.map((p): [string, string] => [p.value, `${p.description}${p.required ? '（必需）' : ''}`])), '']
      : []),
    '选项：',
    twoColumns(rows),
    ...(command.details ? ['', command.details] : []),
    ...(command.examples?.length ? ['', '示例：', ...command.examples.map((e) => `  ${e}`)] : []),
  ].join('\n');
}

/** The commands under a word such as `user`. */
export function groupHelp(group: string, commands: readonly Command[]): string {
  return [
    `${group} 的子命令：`,
    twoColumns(commands.map((c) => [commandTitle(c), c.summary])),
    '',
    `运行 “${PROGRAM} help ${group} <子命令>” 查看子命令的用法。`,
  ].join('\n');
}

export function generalHelp(commands: readonly Command[] = COMMANDS): string {
  return [
    '信用工作台 命令行',
    '',
    `用法：${PROGRAM} <命令> [选项]`,
    '      源码中运行：npm run cli -- <命令> [选项]；构建后运行：node out/main/cli.js <命令> [选项]',
    '',
    '命令：',
    twoColumns([...commands.map((c): [string, string] => [commandTitle(c), c.summary]), ['help [命令]', '显示用法']]),
    '',
    '通用选项：',
    twoColumns([
      ['--json', COMMON_OPTIONS.json.description],
      ['-h, --help', COMMON_OPTIONS.help.description],
    ]),
    '',
    '密码（不从命令行参数读取，以免被他人在进程列表中看到）：',
    twoColumns([
      [PASSWORD_ENV, '执行命令者（--as）的密码；未设置时在终端中询问，输入不回显'],
      [NEW_PASSWORD_ENV, '要设置的新密码（init、user add、user passwd、user reset）；未设置时在终端中询问两次'],
      [KDF_N_ENV, '仅供测试：降低新建密码密钥的强度。切勿用于真实的部门数据库'],
    ]),
    '  既没有设置环境变量、也不在终端中运行时，命令以退出码 2 结束。',
    '',
    '退出码：',
    twoColumns([
      ['0', '成功'],
      ['1', '失败（包括无权执行 FORBIDDEN、密码不正确 WRONG_PASSWORD、审计日志校验未通过 AUDIT_BROKEN）'],
      ['2', '用法或输入有误（未知的命令或选项 USAGE、缺少选项、输入不符合要求 BAD_INPUT、无法取得密码 PASSWORD_REQUIRED）'],
      ['3', 'import：部分行未通过校验被拒绝（其余有效行已导入）ROWS_REJECTED'],
      ['130', '输入密码时按 Ctrl+C 取消'],
    ]),
    '',
    '出错时在标准错误输出中文说明及英文错误码，例如：错误：您没有执行此操作的权限。 [FORBIDDEN]',
    `运行 “${PROGRAM} help <命令>” 查看各命令的用法。`,
  ].join('\n');
}
