/**
 * What a command is. A new command is one file in commands/ exporting a
 * `defineCommand(...)` and one line in registry.ts.
 */
import type { Args, OptionTable, PositionalSpec } from './args';
import type { CliIo } from './io';
import type { Secrets } from './secrets';

export interface CommandContext<K extends string> {
  args: Args<K>;
  io: CliIo;
  secrets: Secrets;
  /** --json was given: the result's `data` is printed, `text` is not. */
  json: boolean;
}

/** A command's result. Errors are thrown as CliError instead. */
export interface CommandOutcome {
  /** The one JSON object printed for --json. */
  data: Record<string, unknown>;
  /** What a person reads on stdout otherwise. */
  text: string;
  /** Exit code when not 0 (e.g. 1 when a check ran but found a problem). */
  exitCode?: number;
  /** Printed on stderr in both modes, e.g. why the exit code is not 0. */
  problem?: { code: string; message: string };
}

export interface Command<K extends string = string> {
  /** The words that select it, e.g. ['user', 'add']. */
  name: readonly string[];
  /** One line for the command list. */
  summary: string;
  /** Further paragraphs for `help <command>`. */
  details?: string;
  options: OptionTable<K>;
  /** Positional arguments, in order (most commands take none). */
  positionals?: readonly PositionalSpec[];
  /** For BAD_INPUT from the contract: which option a field path came from, e.g. 'department.uscc' → 'uscc'. */
  fieldOptions?: Record<string, NoInfer<K>>;
  examples?: string[];
  run(ctx: CommandContext<K>): Promise<CommandOutcome>;
}

/** Keeps the option names typed inside `run`. */
export function defineCommand<K extends string>(command: Command<K>): Command<K> {
  return command;
}
