import type { CoreErrorData, ErrorCode } from '../contract/errors';

/** An expected failure with a stable code and a Chinese message for people. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CoreError';
  }

  toData(): CoreErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function toErrorData(err: unknown): CoreErrorData {
  if (err instanceof CoreError) return err.toData();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `内部错误：${message}` };
}
