/**
 * Option parsing on node:util `parseArgs`, with Chinese messages: an unknown
 * option, a missing value, a stray argument or a missing required option is a
 * usage error (exit 2). A command may also take positional arguments (a file,
 * a query), declared in order; anything beyond them is a stray argument.
 */
import { parseArgs } from 'node:util';
import { usage } from './errors';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder in the usage line, e.g. "文件". */
  value?: string;
  description: string;
  required?: boolean;
  /** May be given more than once (values are collected in order). */
  multiple?: boolean;
}

export type OptionTable<K extends string = string> = Record<K, OptionSpec>;

/** A positional argument, e.g. the file of `import` or the query of `search`. */
export interface PositionalSpec {
  /** Key for `args.positional(name)`. */
  name: string;
  /** Placeholder in the usage line, e.g. "文件". */
  value: string;
  description: string;
  required?: boolean;
}

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  json: { type: 'boolean', description: '以一个 JSON 对象输出结果（出错时为 {"error":{…}}）' },
  help: { type: 'boolean', short: 'h', description: '显示此命令的用法' },
} as const satisfies OptionTable;

/** Options several commands share. */
export const DB_OPTION = {
  type: 'string',
  value: '文件',
  description: '部门数据库文件（其密钥文件为同目录下的 <文件>.keys）',
  required: true,
} as const satisfies OptionSpec;

export const AS_OPTION = {
  type: 'string',
  value: '登录名',
  description: '以此用户的身份执行（密码取自 CREDIT_DESK_PASSWORD，未设置时在终端中询问）',
  required: true,
} as const satisfies OptionSpec;

export interface Args<K extends string> {
  /** The value of a string option, if given. */
  get(name: K): string | undefined;
  /** The value of a required string option (presence is checked before the command runs). */
  need(name: K): string;
  /** All values of a `multiple` option. */
  all(name: K): string[];
  flag(name: K): boolean;
  /** A positional argument's value, if given. */
  positional(name: string): string | undefined;
}

export function optionName(name: string): string {
  return `--${name}`;
}

/** Parses `argv` against `options` (and `positionals`); throws a usage error for anything it does not accept. */
export function parseOptions<K extends string>(argv: string[], options: OptionTable<K>, positionals: readonly PositionalSpec[] = []): Args<K> {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries<OptionSpec>(options)) {
    config[name] = { type: spec.type, multiple: true, ...(spec.short ? { short: spec.short } : {}) };
  }
  // strict: false and our own checks of the tokens, to word every complaint in Chinese.
  const { values, tokens } = parseArgs({ args: argv, options: config, strict: false, allowPositionals: true, tokens: true });
  const seen = new Map<string, number>();
  const given = new Map<string, string>();
  for (const token of tokens) {
    if (token.kind === 'positional') {
      const spec = positionals[given.size];
      if (!spec) throw usage(`多余的参数：${token.value}`);
      if (token.value.trim() === '') throw usage(`参数 ${spec.value} 不能为空。`);
      given.set(spec.name, token.value);
      continue;
    }
    // "--" lets a positional argument begin with "-" (a query such as "-12").
    if (token.kind === 'option-terminator') {
      if (positionals.length === 0) throw usage('不接受 “--” 之后的参数。');
      continue;
    }
    const spec = (options as Record<string, OptionSpec | undefined>)[token.name];
    if (!spec || !Object.prototype.hasOwnProperty.call(options, token.name)) throw usage(`未知的选项：${token.rawName}`);
    const shown = optionName(token.name);
    if (spec.type === 'boolean' && token.value !== undefined) throw usage(`选项 ${shown} 不接受值。`);
    if (spec.type === 'string') {
      // Without strict mode parseArgs would take the next option as this one's value.
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
        throw usage(`选项 ${shown} 需要一个值${spec.value ? `（${spec.value}）` : ''}。`);
      }
      if (token.value.trim() === '') throw usage(`选项 ${shown} 的值不能为空。`);
    }
    seen.set(token.name, (seen.get(token.name) ?? 0) + 1);
    if (!spec.multiple && (seen.get(token.name) ?? 0) > 1) throw usage(`选项 ${shown} 只能指定一次。`);
  }

  const raw = values as Record<string, (string | boolean)[] | undefined>;
  const args: Args<K> = {
    get: (name) => {
      const v = raw[name];
      return v === undefined ? undefined : String(v[v.length - 1]);
    },
    need: (name) => {
      const v = args.get(name);
      if (v === undefined) throw usage(`缺少必需的选项 ${optionName(name)}。`);
      return v;
    },
    all: (name) => (raw[name] ?? []).map(String),
    flag: (name) => raw[name] !== undefined && raw[name]!.some((v) => v === true),
    positional: (name) => given.get(name),
  };
  return args;
}

/** Throws a usage error naming the first required option (or positional argument) that is missing. */
export function checkRequired<K extends string>(args: Args<K>, options: OptionTable<K>, positionals: readonly PositionalSpec[] = []): void {
  for (const [name, spec] of Object.entries<OptionSpec>(options)) {
    if (spec.required && args.get(name as K) === undefined) {
      throw usage(`缺少必需的选项 ${optionName(name)}${spec.value ? ` ${spec.value}` : ''}。`);
    }
  }
  for (const spec of positionals) {
    if (spec.required && args.positional(spec.name) === undefined) throw usage(`缺少参数：${spec.value}（${spec.description}）。`);
  }
}
