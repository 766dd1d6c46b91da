/**
 * CSV rows, streamed: encoding detected (UTF-8 with or without BOM, else
 * GB18030, which covers GBK) and decoded with the built-in TextDecoder;
 * RFC 4180 quoting (commas, quotes and newlines inside quoted fields).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { ReadAbortedError } from './errors';

export function detectEncoding(sample: Uint8Array): 'utf-8' | 'gb18030' {
  try {
    // A multi-byte sequence cut at the end of the sample is not a reason to doubt UTF-8.
    let end = sample.length;
    for (let back = 0; back < 4 && end > 0 && (sample[end - 1] & 0xc0) === 0x80; back++) end--;
    if (end > 0 && sample[end - 1] >= 0xc0) end--;
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export async function* readCsvRows(path: string, options: { signal?: AbortSignal } = {}): AsyncGenerator<{ rowNumber: number; cells: string[] }> {
  const handle = await open(path, 'r');
  const sample = Buffer.alloc(64 * 1024);
  const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
  await handle.close();
  const encoding = detectEncoding(sample.subarray(0, bytesRead));
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let rowStart = 1;
  let pendingCR = false;
  const endRow = () => {
    row.push(field);
    const out = { rowNumber: rowStart, cells: row };
    row = [];
    field = '';
    afterQuote = false;
    return out;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    if (options.signal?.aborted) throw new ReadAbortedError();
    const text = decoder.decode(chunk as Buffer, { stream: true });
    const out: { rowNumber: number; cells: string[] }[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (pendingCR) {
        pendingCR = false;
        if (ch === '\n') continue;
      }
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (ch === '\n') line++;
          field += ch;
        }
        continue;
      }
      if (ch === '"' && field === '' && !afterQuote) quoted = true;
      else if (ch === ',') {
        row.push(field);
        field = '';
        afterQuote = false;
      } else if (ch === '\r' || ch === '\n') {
        if (ch === '\r') pendingCR = true;
        out.push(endRow());
        line++;
        rowStart = line;
      } else field += ch;
    }
    for (const r of out) yield r;
  }
  const rest = decoder.decode();
  if (rest) field += rest;
  if (field !== '' || row.length > 0) yield endRow();
}
