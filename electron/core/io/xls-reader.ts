/**
 * Rows of the first visible worksheet of a legacy Excel 97-2003 workbook (.xls,
 * BIFF8), the format most departments' archives since 2016 are in.
 *
 * The binary format has none of zip's built-in limits, so what a hostile or
 * damaged file may cost is bounded here: its size (`xlsLimits.maxBytes`), the
 * parsing worker's heap (`maxHeapMb`, V8 resourceLimits) and its time
 * (`timeoutMs`, then the worker is terminated). Each refusal is a FileFormatError
 * with a Chinese message that says how to save the file as .xlsx instead.
 */
import { stat } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads';
import { describeCause, FileFormatError, ReadAbortedError, throwIfAborted } from './errors';
import type { XlsxRow } from './xlsx-scan';
import type { XlsWorkerData, XlsWorkerMessage } from './xls-worker';
import { isOleFile, readMagic } from './xlsx-reader';
import { corrupt } from './zip-package';

export interface XlsReadOptions {
  signal?: AbortSignal;
  /** Called with the share of the worksheet's rows read so far (0–1). */
  onProgress?: (fraction: number) => void;
}

/** Limits on what reading one .xls may cost (tests lower them). */
export const xlsLimits = {
  /** BIFF8 holds at most 65,536 rows × 256 columns: real archives stay far below this. */
  maxBytes: 64 * 1024 * 1024,
  /** The parsing worker's old-generation heap. */
  maxHeapMb: 1024,
  /** Time to parse (before the first row): 20 s plus 2 s per MiB. */
  timeoutMs: (bytes: number) => 20_000 + Math.ceil(bytes / (1024 * 1024)) * 2_000,
};

const SAVE_AS = '请在 Excel 或 WPS 中打开该文件，“另存为” Excel 工作簿 (.xlsx) 后再导入。';
const PREFIX = '文件不是可读取的 Excel 97-2003 (.xls) 工作簿：';

function refusal(reason: Extract<XlsWorkerMessage, { type: 'refused' }>['reason'], detail: string): FileFormatError {
  switch (reason) {
    case 'encrypted':
      return new FileFormatError(`该文件设置了打开密码，无法读取。请在 Excel 或 WPS 中取消密码并另存为 Excel 工作簿 (.xlsx) 后再导入。`, detail);
    case 'biff5':
      return new FileFormatError(`该文件是 Excel 95 或更早的格式，无法读取。${SAVE_AS}`, detail);
    case 'not-workbook':
      return new FileFormatError(`${PREFIX}文件中没有工作簿（可能是 Word 文档等其他 Office 文件）。${SAVE_AS}`, detail);
    case 'no-sheet':
      return new FileFormatError(`${PREFIX}工作簿中没有工作表。`, detail);
    case 'corrupt':
      return new FileFormatError(`${PREFIX}文件已损坏或不完整。${SAVE_AS}`, detail);
  }
}

/** What a non-OLE file named .xls most likely is, in the refusal's words. */
function notOle(magic: Buffer): FileFormatError {
  if (magic.length === 0) return new FileFormatError('文件是空的。');
  const text = magic.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (text.startsWith('<')) {
    return new FileFormatError(`文件扩展名是 .xls，但内容是网页或 XML 表格（有的系统导出的“.xls”其实是网页）。${SAVE_AS}`);
  }
  return new FileFormatError(`${PREFIX}内容无法识别（可能是其他文件改了扩展名）。${SAVE_AS}`);
}

/** Rows of the .xls at `path`, streamed from the parsing worker; `rowNumber` is Excel's, empty rows skipped. */
export async function* readXlsRows(path: string, options: XlsReadOptions = {}): AsyncGenerator<XlsxRow> {
  const { signal } = options;
  throwIfAborted(signal);
  const magic = await readMagic(path, 16);
  if (!isOleFile(magic)) throw notOle(magic);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (err) {
    throw corrupt(err);
  }
  if (size > xlsLimits.maxBytes) {
    throw new FileFormatError(`文件过大（${(size / 1024 / 1024).toFixed(1)} MB）：.xls 文件最多读取 ${xlsLimits.maxBytes / 1024 / 1024} MB。${SAVE_AS}`);
  }

  const data: XlsWorkerData = { path, batchRows: 1000 };
  const worker: Worker = startWorker(new URL('./xls-worker.ts', import.meta.url), 'xls-worker', { ...data }, {
    resourceLimits: { maxOldGenerationSizeMb: xlsLimits.maxHeapMb, maxYoungGenerationSizeMb: 64 },
  });
  type Event = XlsWorkerMessage | { type: 'failed'; error: FileFormatError | ReadAbortedError } | { type: 'exit' };
  const queue: Event[] = [];
  let wake: (() => void) | null = null;
  const push = (e: Event) => {
    queue.push(e);
    wake?.();
  };
  const timeoutMs = xlsLimits.timeoutMs(size);
  const timer = setTimeout(() => {
    push({
      type: 'failed',
      error: new FileFormatError(`读取 .xls 文件超过 ${Math.round(timeoutMs / 1000)} 秒仍未完成，已停止：文件可能已损坏或内容异常。${SAVE_AS}`),
    });
    void worker.terminate();
  }, timeoutMs);
  const onAbort = () => push({ type: 'failed', error: new ReadAbortedError(signal?.reason) });
  signal?.addEventListener('abort', onAbort);
  worker.on('message', (m: XlsWorkerMessage) => push(m));
  worker.on('error', (err: Error & { code?: string }) => {
    const error =
      err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new FileFormatError(`读取 .xls 文件所需内存超出上限（${xlsLimits.maxHeapMb} MB），已停止：文件可能已损坏或内容异常。${SAVE_AS}`, describeCause(err))
        : new FileFormatError(`${PREFIX}读取时出错。${SAVE_AS}`, describeCause(err));
    push({ type: 'failed', error });
  });
  worker.on('exit', () => push({ type: 'exit' }));
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const e = queue.shift()!;
      switch (e.type) {
        case 'parsed':
          clearTimeout(timer);
          break;
        case 'rows':
          throwIfAborted(signal);
          for (const row of e.rows) yield row;
          options.onProgress?.(e.fraction);
          break;
        case 'end':
          return;
        case 'refused':
          throw refusal(e.reason, e.detail);
        case 'failed':
          throw e.error;
        case 'exit':
          throw new FileFormatError(`${PREFIX}读取线程意外退出。${SAVE_AS}`);
      }
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}
