/**
 * The command line's driver: finds the command, parses its options, runs it
 * and prints exactly one result — a JSON object with --json, Chinese text
 * otherwise — and returns the exit code.
 */
import { checkRequired, COMMON_OPTIONS, optionName, parseOptions, type OptionTable } from './args';
import type { Command, CommandOutcome } from './command';
import { CliError, EXIT, toCliError, usage } from './errors';
import { commandHelp, generalHelp, groupHelp, PROGRAM } from './help';
import { processIo, type CliIo } from './io';
import { commandsUnder, commandTitle, COMMANDS, findCommand } from './registry';
import { Secrets } from './secrets';
import { describeIssue } from './text';
import { setOutputContext, withOutputOptions } from './output';

const LEADING_FLAGS = new Set(['--json', '--help', '-h']);

interface Issue {
  path: string[];
  message: string;
}

/** BAD_INPUT from the contract names fields; say which option each came from. */
function explain(error: CliError, command: Command | undefined): string {
  const issues = (error.details as { issues?: Issue[] } | undefined)?.issues;
  if (error.code !== 'BAD_INPUT' || !Array.isArray(issues) || issues.length === 0) return error.message;
  const parts = issues.map((i) => {
    const option = command?.fieldOptions?.[i.path.join('.')];
    const what = describeIssue(i.path, i.message);
    return option ? `${optionName(option)}：${what}` : what;
  });
  return `输入有误：${[...new Set(parts)].join('；')}`;
}

function write(stream: NodeJS.WritableStream, text: string): void {
  if (text) stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

class Printer {
  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
  ) {}

  result(outcome: CommandOutcome): number {
    if (this.json) write(this.io.stdout, JSON.stringify(outcome.data));
    else write(this.io.stdout, outcome.text);
    if (outcome.problem) write(this.io.stderr, `错误：${outcome.problem.message} [${outcome.problem.code}]`);
    return outcome.exitCode ?? EXIT.ok;
  }

  /** Help asked for: stdout, exit 0 (with --json, as {"help": "…"}). */
  help(text: string): number {
    if (this.json) write(this.io.stdout, JSON.stringify({ help: text }));
    else write(this.io.stdout, text);
    return EXIT.ok;
  }

  /** `topic`: what `help` would explain the mistake (a command or a group such as `user`). */
  error(error: CliError, command: Command | undefined, topic: string): number {
    const message = explain(error, command);
    write(this.io.stderr, `错误：${message} [${error.code}]`);
    if (error.code === 'USAGE') write(this.io.stderr, `运行 “${PROGRAM} help${topic ? ` ${topic}` : ''}” 查看用法。`);
    if (this.json) {
      const data: Record<string, unknown> = { code: error.code, message };
      if (error.details !== undefined) data.details = error.details;
      write(this.io.stdout, JSON.stringify({ error: data }));
    }
    return error.exitCode;
  }
}

/** Runs one command line (without the program name) and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo(), commands: readonly Command[] = COMMANDS): Promise<number> {
  const printer = new Printer(io, argv.includes('--json'));
  let command: Command | undefined;
  let topic = '';
  try {
    let i = 0;
    while (i < argv.length && LEADING_FLAGS.has(argv[i])) i++;
    const words: string[] = [];
    for (let j = i; j < argv.length && !argv[j].startsWith('-'); j++) words.push(argv[j]);
    const wantsHelp = argv.includes('--help') || argv.includes('-h');

    if (words[0] === 'help') {
      const subject = words.slice(1);
      if (subject.length === 0) return printer.help(generalHelp(commands));
      const found = findCommand(subject, commands);
      if (found && found.name.length === subject.length) return printer.help(commandHelp(found));
      const under = commandsUnder(subject, commands);
      if (under.length > 0) return printer.help(groupHelp(subject.join(' '), under));
      throw usage(`未知的命令：${subject.join(' ')}`);
    }
    if (words.length === 0) {
      if (wantsHelp) return printer.help(generalHelp(commands));
      throw usage(argv.length === 0 ? '缺少命令。' : `缺少命令：${argv[i] ?? ''} 之前应有命令名。`);
    }

    command = findCommand(words, commands);
    if (!command) {
      const under = commandsUnder(words.slice(0, 1), commands);
      if (under.length > 0) topic = words[0];
      if (under.length > 0 && words.length === 1) {
        if (wantsHelp) return printer.help(groupHelp(words[0], under));
        throw usage(`缺少子命令。${words[0]} 的子命令：${under.map((c) => c.name[c.name.length - 1]).join('、')}`);
      }
      throw usage(`未知的命令：${under.length > 0 ? words.slice(0, 2).join(' ') : words[0]}`);
    }
    topic = commandTitle(command);
    if (wantsHelp) return printer.help(commandHelp(command));

    // Everything but the command's own words: leading flags, stray words (refused as extra arguments), options.
    const rest = [...argv.slice(0, i), ...argv.slice(i + command.name.length)];
    const options: OptionTable = { ...withOutputOptions(command.options), ...COMMON_OPTIONS };
    const args = parseOptions(rest, options, command.positionals);
    checkRequired(args, command.options, command.positionals);
    // Every file this command writes goes through the output guard (output.ts).
    setOutputContext({ db: 'db' in options ? args.get('db') : undefined, force: 'force' in options && args.flag('force') });
    const outcome = await command.run({ args, io, secrets: new Secrets(io), json: printer.json });
    return printer.result(outcome);
  } catch (err) {
    return printer.error(toCliError(err), command, topic);
  }
}
