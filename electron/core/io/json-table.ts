/**
 * Tables an administrator installs from a JSON file (rule tables, working-day
 * calendars): the file's bytes as the object to install, or BAD_FILE saying what is
 * wrong. The table's fields are checked by the method that installs it. Kept free of
 * heavy imports: the command line reads files with it before loading the core.
 */
import { CoreError } from '../errors';

/** Largest table file read (the built-in tables are a few KiB). */
export const MAX_TABLE_FILE_BYTES = 1024 * 1024;

/** `what`: the file as people call it, e.g. 规则表文件, 日历文件. */
export function parseJsonTableFile(bytes: Uint8Array, what: string): Record<string, unknown> {
  if (bytes.length > MAX_TABLE_FILE_BYTES) throw new CoreError('BAD_FILE', `${what}过大（${bytes.length} 字节，上限 ${MAX_TABLE_FILE_BYTES} 字节）。`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new CoreError('BAD_FILE', `${what}不是 UTF-8 编码的文本。`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new CoreError('BAD_FILE', `${what}不是有效的 JSON：${(err as Error).message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new CoreError('BAD_FILE', `${what}应是一个 JSON 对象。`);
  return body as Record<string, unknown>;
}

export const parseRuleTableFile = (bytes: Uint8Array) => parseJsonTableFile(bytes, '规则表文件');
export const parseCalendarFile = (bytes: Uint8Array) => parseJsonTableFile(bytes, '日历文件');
