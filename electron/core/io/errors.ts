import { CoreError } from '../errors';

/**
 * An import file that cannot be read at all (not a spreadsheet, damaged, encrypted,
 * too large, a zip bomb …). `message` is Chinese and meant for the clerk; `details`
 * carries the technical cause for logs.
 */
export class FileFormatError extends CoreError {
  constructor(message: string, details?: unknown) {
    super('BAD_FILE', message, details);
    this.name = 'FileFormatError';
  }
}

/** Thrown when the caller's AbortSignal fires. `name` is 'AbortError', code CANCELLED. */
export class ReadAbortedError extends CoreError {
  constructor(reason?: unknown) {
    super('CANCELLED', '已取消读取文件。', reason === undefined ? undefined : String(reason));
    this.name = 'AbortError';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ReadAbortedError(signal.reason);
}

export const XLSX_PREFIX = '文件不是有效的 Excel (.xlsx) 文件：';

export function xlsxError(reason: string, details?: unknown): FileFormatError {
  return new FileFormatError(XLSX_PREFIX + reason, details);
}

/** Technical detail of an unknown thrown value, for `details`. */
export function describeCause(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
