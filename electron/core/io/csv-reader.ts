/**
 * Streaming CSV reader for department exports: UTF-8 (with or without BOM) or
 * GBK/GB18030 (what Excel for Chinese Windows writes for "CSV (逗号分隔)"), detected
 * from the bytes. RFC 4180 quoting (commas, line breaks and doubled quotes inside
 * quoted fields), CRLF, LF or CR line ends, read in chunks.
 *
 * Lenient where Excel is lenient: a quote inside an unquoted field is kept as a
 * character, text after a closing quote is appended to the field, and a quoted field
 * left open at the end of the file ends there.
 *
 * No CSV library: csv-parse reports the line where a record ends, not where it
 * starts, and encoding detection/switching must wrap it anyway; this state machine is
 * small and keeps exact row numbers.
 */
import { createReadStream, statSync } from 'node:fs';
import { FileFormatError, throwIfAborted } from './errors';
import { corrupt } from './zip-package';

export interface CsvRow {
  /**
   * Row number as a spreadsheet shows the file (header = 1): each record is one row,
   * whatever line breaks its quoted fields contain; empty lines count as rows.
   */
  rowNumber: number;
  /** Physical line (1-based) where the record starts, for a text editor. */
  lineNumber: number;
  /** Fields as text, all of them (including empty trailing ones). */
  cells: string[];
}

export interface CsvReadOptions {
  signal?: AbortSignal;
  /** Called with the share of the file read so far (0–1). */
  onProgress?: (fraction: number) => void;
}

export type CsvEncoding = 'utf-8' | 'gb18030';

const CSV_PREFIX = '无法读取 CSV 文件：';
const SAMPLE_BYTES = 64 * 1024;
const MAX_FIELD_CHARS = 32 * 1024 * 1024;

/**
 * UTF-8 (BOM, or bytes that decode as UTF-8 without error) or GB18030 (a superset of
 * GBK and GB2312). A sample cut inside a multi-byte character is still judged UTF-8:
 * only invalid sequences, not an incomplete last one, count against it.
 */
export function detectEncoding(buffer: Uint8Array): CsvEncoding {
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function hasNonAscii(buf: Uint8Array): boolean {
  for (let i = 0; i < buf.length; i++) if (buf[i] >= 0x80) return true;
  return false;
}

/**
 * Decodes the byte stream: starts with the detected encoding; a file judged UTF-8
 * because its sample was plain ASCII switches to GB18030 at the first byte sequence
 * that is not UTF-8 (everything before was ASCII, identical in both). A file that mixes
 * valid UTF-8 text with invalid sequences is refused rather than silently garbled.
 */
async function* decodeChunks(chunks: AsyncIterable<Buffer>, signal?: AbortSignal): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let encoding: CsvEncoding = 'utf-8';
  let seenNonAscii = false;
  let sample: Buffer[] = [];
  let sampleLength = 0;

  const decode = function* (buf: Buffer, final: boolean): Generator<string> {
    if (decoder === null) {
      encoding = detectEncoding(buf);
      decoder = encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : new TextDecoder('gb18030');
    }
    if (encoding === 'utf-8') {
      try {
        const text = decoder.decode(buf, { stream: !final });
        if (!seenNonAscii && hasNonAscii(buf)) seenNonAscii = true;
        if (text) yield text;
        return;
      } catch {
        if (seenNonAscii) {
          throw new FileFormatError(`${CSV_PREFIX}文件编码混杂（部分是 UTF-8，部分不是），请用 Excel 或 WPS 另存为“CSV UTF-8”后再导入。`);
        }
        encoding = 'gb18030';
        decoder = new TextDecoder('gb18030');
      }
    }
    const text = decoder.decode(buf, { stream: !final });
    if (text) yield text;
  };

  for await (const chunk of chunks) {
    throwIfAborted(signal);
    if (decoder === null) {
      // collect a sample large enough to judge the encoding
      sample.push(chunk);
      sampleLength += chunk.length;
      if (sampleLength < SAMPLE_BYTES) continue;
      const first = Buffer.concat(sample);
      sample = [];
      checkNotUtf16(first);
      yield* decode(first, false);
      continue;
    }
    yield* decode(chunk, false);
  }
  if (decoder === null) {
    const first = Buffer.concat(sample);
    checkNotUtf16(first);
    yield* decode(first, true);
  } else {
    yield* decode(Buffer.alloc(0), true);
  }
}

function checkNotUtf16(buf: Buffer): void {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    throw new FileFormatError(`${CSV_PREFIX}文件是 UTF-16 编码（Excel 的“Unicode 文本”），请另存为“CSV UTF-8”或“CSV (逗号分隔)”后再导入。`);
  }
  if (buf.includes(0)) {
    throw new FileFormatError(`${CSV_PREFIX}文件含有二进制内容，不是文本格式的 CSV。`);
  }
}

/** Incremental CSV tokenizer; feed text, collect complete records. */
export class CsvParser {
  private fields: string[] = [];
  private field = '';
  /** 0 start of field, 1 unquoted, 2 quoted, 3 quote seen inside quoted, 4 after quoted */
  private state = 0;
  private pendingCr = false;
  private line = 1;
  private row = 1;
  private recordLine = 1;
  private recordHasContent = false;
  private first = true;
  private pendingQuotedCr = false;

  push(text: string, out: CsvRow[]): void {
    let s = text;
    if (this.first && s.length > 0) {
      this.first = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.substring(1);
    }
    const n = s.length;
    let i = 0;
    if (this.pendingCr && n > 0) {
      this.pendingCr = false;
      if (s.charCodeAt(0) === 10) i = 1; // the LF of a CR LF split across chunks
    }
    while (i < n) {
      const state = this.state;
      if (state === 0) {
        // start of a field
        if (s.charCodeAt(i) === 34) {
          this.state = 2;
          this.recordHasContent = true;
          i++;
        } else {
          this.state = 1;
        }
      } else if (state === 1 || state === 4) {
        // unquoted text, or text after a closing quote (Excel appends it): up to , CR LF
        let j = i;
        let ch = s.charCodeAt(j);
        while (ch !== 44 && ch !== 13 && ch !== 10) {
          j++;
          if (j >= n) break;
          ch = s.charCodeAt(j);
        }
        if (j > i) {
          this.recordHasContent = true;
          this.field += s.substring(i, j);
        }
        if (j >= n) break;
        this.endField(ch, out);
        i = j + 1;
        if (ch === 13) i = this.skipLf(s, i);
      } else if (state === 2) {
        // quoted: up to the next quote
        const q = s.indexOf('"', i);
        const end = q === -1 ? n : q;
        this.countLines(s, i, end);
        this.field += s.substring(i, end);
        if (this.field.length > MAX_FIELD_CHARS) throw new FileFormatError(`${CSV_PREFIX}第 ${this.row} 行有一个超长的字段（可能缺少配对的引号）。`);
        if (q === -1) break;
        this.state = 3;
        i = q + 1;
      } else {
        // a quote inside a quoted field: a doubled quote, or the closing one
        if (s.charCodeAt(i) === 34) {
          this.field += '"';
          this.state = 2;
          i++;
        } else {
          this.state = 4;
        }
      }
    }
  }

  /** Call at the end of the input. */
  end(out: CsvRow[]): void {
    if (this.state !== 0 || this.fields.length > 0 || this.field.length > 0) {
      this.fields.push(this.field);
      this.field = '';
      this.emit(out);
    }
  }

  /** Counts line breaks inside a quoted field (for lineNumber). */
  private countLines(s: string, a: number, b: number): void {
    for (let k = a; k < b; k++) {
      const c = s.charCodeAt(k);
      if (c === 10) {
        if (!(k > a ? s.charCodeAt(k - 1) === 13 : this.pendingQuotedCr)) this.line++;
      } else if (c === 13) {
        this.line++;
      }
    }
    // a CR at the very end of the text may be the first half of a CR LF split across chunks
    this.pendingQuotedCr = b === s.length && b > a && s.charCodeAt(b - 1) === 13;
  }

  private skipLf(s: string, i: number): number {
    if (i < s.length) return s.charCodeAt(i) === 10 ? i + 1 : i;
    this.pendingCr = true;
    return i;
  }

  private endField(delimiter: number, out: CsvRow[]): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = 0;
    if (delimiter !== 44) {
      this.emit(out);
      this.line++;
      this.recordLine = this.line;
    }
  }

  private emit(out: CsvRow[]): void {
    const cells = this.fields;
    this.fields = [];
    // empty lines and records of empty fields only (",,,") are skipped but counted
    if (this.recordHasContent && cells.some((c) => c !== '')) out.push({ rowNumber: this.row, lineNumber: this.recordLine, cells });
    this.recordHasContent = false;
    this.row++;
  }
}

function sizeOrZero(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the read below reports why
  }
}

/**
 * Records of a CSV file, streamed. Throws FileFormatError for unreadable files and an
 * error named 'AbortError' when `signal` fires.
 */
export async function* readCsvRows(path: string, options: CsvReadOptions = {}): AsyncGenerator<CsvRow> {
  const { signal } = options;
  throwIfAborted(signal);
  // The size first (no await between creating the stream and reading it, so an open
  // error reaches the loop below); unknown or 0: no progress is reported.
  const size = options.onProgress ? sizeOrZero(path) : 0;
  const onProgress = size > 0 ? options.onProgress : undefined;
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  const parser = new CsvParser();
  async function* counted(): AsyncGenerator<Buffer> {
    let read = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      read += chunk.length;
      onProgress?.(Math.min(1, read / size));
      yield chunk;
    }
  }
  try {
    for await (const text of decodeChunks(counted(), signal)) {
      const out: CsvRow[] = [];
      parser.push(text, out);
      for (const row of out) {
        throwIfAborted(signal);
        yield row;
      }
    }
    const out: CsvRow[] = [];
    parser.end(out);
    for (const row of out) yield row;
  } catch (err) {
    if (err instanceof FileFormatError || (err as Error)?.name === 'AbortError') throw err;
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code) throw corrupt(err);
    throw new FileFormatError(`${CSV_PREFIX}${(err as Error)?.message ?? String(err)}`);
  } finally {
    stream.destroy();
  }
}
