/**
 * Read-only access to a zip package (an .xlsx) through yauzl's random access: the
 * central directory is read once, then single entries are inflated as streams, with
 * size and compression-ratio limits enforced before and while inflating.
 */
import { pipeline, type Readable } from 'node:stream';
import { createInflateRaw, type ZlibOptions } from 'node:zlib';
import type yauzl from 'yauzl';
import { describeCause, FileFormatError, ReadAbortedError, throwIfAborted, xlsxError } from './errors';

export interface ZipLimits {
  /** Largest uncompressed size of any entry we inflate. */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio accepted for entries above `ratioGraceBytes`. */
  maxCompressionRatio: number;
  /** Entries smaller than this (uncompressed) are not ratio-checked. */
  ratioGraceBytes: number;
}

export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;
/**
 * Deflate cannot exceed ~1032:1; classic zip bombs sit near that limit. Real sheets,
 * even very repetitive ones, stay well below 200:1 — 500:1 leaves a wide margin.
 */
export const DEFAULT_MAX_COMPRESSION_RATIO = 500;
export const DEFAULT_RATIO_GRACE_BYTES = 16 * 1024 * 1024;
const MAX_ENTRIES = 100_000;
const INFLATE_CHUNK = 64 * 1024;
const INFLATE_READ_AHEAD = 1024 * 1024;

/** Names as OPC part names: forward slashes, no leading slash, case-insensitive. */
export function normalizePartName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

export class ZipPackage {
  private closed = false;
  /** The first error the zip file emitted outside a pending request (kept, never thrown). */
  private lateError: Error | null = null;

  private readonly entries = new Map<string, yauzl.Entry>();

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly limits: ZipLimits,
  ) {
    // attached for the zip's whole life: an 'error' event without a listener would
    // be an uncaught exception
    zip.on('error', (err: Error) => {
      this.lateError ??= err;
    });
  }

  /** Opens the zip and reads its central directory. Errors are FileFormatError. */
  static async open(path: string, limits: ZipLimits, signal?: AbortSignal): Promise<ZipPackage> {
    const reader = (await import('yauzl')).default; // loaded at the first file read, not with the core
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      reader.open(
        path,
        // decodeStrings: false — names are decoded below; yauzl's own decoding refuses
        // names some generators write (backslashes, a leading slash).
        { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true },
        (err, zf) => (err || !zf ? reject(corrupt(err)) : resolve(zf)),
      );
    });
    const pkg = new ZipPackage(zip, limits);
    try {
      await pkg.readDirectory(signal);
      return pkg;
    } catch (err) {
      pkg.close();
      throw err;
    }
  }

  private readDirectory(signal?: AbortSignal): Promise<void> {
    const zip = this.zip;
    const map = this.entries;
    return new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        zip.removeListener('entry', onEntry);
        zip.removeListener('end', onEnd);
        zip.removeListener('error', onError);
      };
      const onEntry = (entry: yauzl.Entry) => {
        if (signal?.aborted || map.size >= MAX_ENTRIES) {
          cleanup();
          reject(signal?.aborted ? new ReadAbortedError(signal.reason) : xlsxError('压缩包中的文件过多。'));
          return;
        }
        const raw = entry.fileName as unknown as Buffer;
        const name = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
        const key = normalizePartName(name);
        // Two parts of one name: readers disagree on which counts (Excel refuses the file), so do we.
        if (map.has(key) && !key.endsWith('/')) {
          cleanup();
          reject(xlsxError(`压缩包中有两个同名的部件（${name.slice(0, 200)}），文件已损坏或被改动。`));
          return;
        }
        map.set(key, entry);
        zip.readEntry();
      };
      const onEnd = () => {
        cleanup();
        resolve();
      };
      const onError = (err: Error) => {
        cleanup();
        reject(corrupt(err));
      };
      zip.on('entry', onEntry);
      zip.once('end', onEnd);
      zip.once('error', onError);
      zip.readEntry();
    });
  }

  get(name: string): yauzl.Entry | undefined {
    return this.entries.get(normalizePartName(name));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.zip.close();
    } catch {
      // already closed by yauzl after an error
    }
  }

  /** Checks declared sizes; throws FileFormatError for an entry we must not inflate. */
  private check(entry: yauzl.Entry, what: string, maxBytes: number): void {
    if (entry.isEncrypted()) throw xlsxError(`${what}已加密，无法读取。`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw xlsxError(`${what}使用了不支持的压缩方式（${entry.compressionMethod}）。`);
    }
    if (entry.uncompressedSize > maxBytes) {
      throw xlsxError(`${what}解压后有 ${formatBytes(entry.uncompressedSize)}，超过上限 ${formatBytes(maxBytes)}。`);
    }
    const { maxCompressionRatio, ratioGraceBytes } = this.limits;
    if (entry.uncompressedSize > ratioGraceBytes && entry.uncompressedSize > maxCompressionRatio * Math.max(1, entry.compressedSize)) {
      throw xlsxError(`${what}的压缩比异常（${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}:1），疑似“压缩炸弹”，已拒绝读取。`);
    }
  }

  /**
   * The entry's inflated bytes. Deflated entries are read raw from yauzl and inflated
   * here with larger chunks and read-ahead than yauzl's defaults (16 KiB), so that
   * zlib (on the thread pool) keeps inflating while the caller scans: ~25% faster on
   * a 100 MB sheet. Sizes are checked by the caller's byte counter.
   */
  private async openStream(entry: yauzl.Entry): Promise<Readable> {
    if (this.closed) throw new Error('zip closed');
    if (this.lateError) throw corrupt(this.lateError);
    const raw = await new Promise<Readable>((resolve, reject) => {
      this.zip.openReadStream(entry, { decodeFileData: false }, (err, stream) => (err || !stream ? reject(corrupt(err)) : resolve(stream)));
    });
    if (entry.compressionMethod === 0) return raw;
    const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK, readableHighWaterMark: INFLATE_READ_AHEAD } as ZlibOptions);
    // pipeline destroys both streams on any error and hands the error to `inflate`,
    // whose reader sees it; the callback only keeps pipeline from rethrowing.
    pipeline(raw, inflate, () => {});
    return inflate;
  }

  /**
   * The entry's text, decoded (UTF-8, or UTF-16 when it starts with a UTF-16 BOM), in
   * chunks as inflated. Counts inflated bytes against the limit while reading.
   */
  async *text(
    entry: yauzl.Entry,
    what: string,
    signal?: AbortSignal,
    maxBytes = this.limits.maxUncompressedBytes,
    /** Called with the share of the entry inflated so far (0–1). */
    onProgress?: (fraction: number) => void,
  ): AsyncGenerator<string> {
    const limit = Math.min(maxBytes, this.limits.maxUncompressedBytes);
    this.check(entry, what, limit);
    throwIfAborted(signal);
    const stream = await this.openStream(entry);
    // Declared sizes are validated by yauzl (validateEntrySizes); this counter also
    // stops a stream that inflates past our own limit.
    const hardLimit = Math.min(limit, entry.uncompressedSize);
    let total = 0;
    // TextDecoder (simdutf in Node ≥ 18) is about twice as fast as StringDecoder here;
    // stream: true keeps a multi-byte character split across chunks intact.
    let decoder: TextDecoder | null = null;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        throwIfAborted(signal);
        total += chunk.length;
        if (total > hardLimit) {
          throw xlsxError(`${what}解压后的大小超过声明值或上限（${formatBytes(hardLimit)}），疑似“压缩炸弹”。`);
        }
        onProgress?.(entry.uncompressedSize > 0 ? total / entry.uncompressedSize : 1);
        const buf = chunk;
        if (decoder === null) {
          // a BOM selects the encoding and is dropped (TextDecoder's default)
          if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) decoder = new TextDecoder('utf-16le');
          else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) decoder = new TextDecoder('utf-16be');
          else decoder = new TextDecoder('utf-8');
        }
        const text = decoder.decode(buf, { stream: true });
        if (text.length > 0) yield text;
      }
      if (total !== entry.uncompressedSize) {
        throw xlsxError(`${what}的数据不完整（解压得到 ${total} 字节，应为 ${entry.uncompressedSize} 字节）。`);
      }
      if (decoder) {
        const tail = decoder.decode();
        if (tail.length > 0) yield tail;
      }
    } catch (err) {
      throw err instanceof FileFormatError || (err as Error)?.name === 'AbortError' ? err : corrupt(err);
    } finally {
      stream.destroy();
    }
  }

  /** A small entry's whole text (package metadata parts). */
  async readText(entry: yauzl.Entry, what: string, signal?: AbortSignal, maxBytes = 64 * 1024 * 1024): Promise<string> {
    const parts: string[] = [];
    for await (const t of this.text(entry, what, signal, maxBytes)) parts.push(t);
    return parts.join('');
  }
}

export function corrupt(err: unknown): FileFormatError {
  if (err instanceof FileFormatError) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new FileFormatError('找不到文件。', describeCause(err));
  if (code === 'EACCES' || code === 'EPERM') return new FileFormatError('没有读取该文件的权限。', describeCause(err));
  if (code === 'EISDIR') return new FileFormatError('选择的是文件夹，不是文件。', describeCause(err));
  return xlsxError('文件已损坏或不完整（压缩包无法读取）。', describeCause(err));
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(1)} GiB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} 字节`;
}
