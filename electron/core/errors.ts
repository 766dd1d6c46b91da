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

/** SQLite's codes for a file that cannot be read or written: the drive went away, the disk is full. */
const STORAGE_FAILURE = /^SQLITE_(IOERR|CANTOPEN|FULL|READONLY)/;

export function toErrorData(err: unknown): CoreErrorData {
  if (err instanceof CoreError) return err.toData();
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && STORAGE_FAILURE.test(code)) {
    return {
      code: 'STORAGE_UNAVAILABLE',
      message: `无法读写数据文件（${code}）：数据文件夹所在的移动硬盘或网络驱动器可能已断开，或磁盘已满。请检查后重新启动本程序；已保存的数据不受影响。`,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `内部错误：${message}` };
}
