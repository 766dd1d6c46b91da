/**
 * Failures the command line reports: the core's stable error codes plus a few
 * of the CLI's own. Each carries a Chinese message for people and decides the
 * exit code scripts rely on.
 */
import type { CoreErrorData, ErrorCode } from '../contract/errors';

/** Codes that only the command line produces (the core's are in contract/errors.ts). */
export type CliOnlyCode =
  | 'USAGE' // unknown command or option, missing or malformed option
  | 'PASSWORD_REQUIRED' // no environment variable and no terminal to ask on
  | 'PASSWORD_MISMATCH' // the two typed passwords differ (or were refused three times)
  | 'AUDIT_BROKEN' // audit verify found a broken chain
  | 'INTERRUPTED'; // Ctrl+C or end of input at a password prompt

export type CliErrorCode = ErrorCode | CliOnlyCode;

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  /** Ctrl+C at a prompt: the shell convention 128 + SIGINT. */
  interrupted: 130,
} as const;

/** Exit 2 is for what the person typed; everything else that fails is exit 1. */
export function exitCodeFor(code: CliErrorCode): number {
  switch (code) {
    case 'USAGE':
    case 'PASSWORD_REQUIRED':
    case 'PASSWORD_MISMATCH':
    case 'BAD_INPUT':
      return EXIT.usage;
    case 'INTERRUPTED':
      return EXIT.interrupted;
    default:
      return EXIT.failure;
  }
}

export class CliError extends Error {
  readonly exitCode: number;
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCodeFor(code);
  }

  static fromCore(error: CoreErrorData): CliError {
    return new CliError(error.code, error.message, error.details);
  }
}

export function usage(message: string): CliError {
  return new CliError('USAGE', message);
}

/** Anything thrown that is not a CliError becomes INTERNAL (exit 1). */
export function toCliError(err: unknown): CliError {
  if (err instanceof CliError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new CliError('INTERNAL', `内部错误：${message}`);
}
