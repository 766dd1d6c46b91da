/**
 * CSV export: UTF-8 with a BOM (so Excel opens it as UTF-8, not as the system's
 * GBK), RFC 4180 quoting, CRLF line ends, formula-injection neutralised cells.
 */
import { createWriteStream } from 'node:fs';
import { neutralizeCell } from './neutralize';

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvWriteOptions {
  /** Write the UTF-8 byte order mark first (default true). */
  bom?: boolean;
}

export function csvField(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : '';
  else if (typeof v === 'boolean') s = v ? 'TRUE' : 'FALSE';
  else s = neutralizeCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly CsvCell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i ? ',' : '') + csvField(cells[i]);
  return line + '\r\n';
}

export async function writeCsv(
  path: string,
  header: readonly string[],
  rows: Iterable<readonly CsvCell[]> | AsyncIterable<readonly CsvCell[]>,
  options: CsvWriteOptions = {},
): Promise<void> {
  const out = createWriteStream(path);
  let failure: Error | null = null;
  out.on('error', (err) => {
    failure ??= err;
  });
  const write = async (text: string) => {
    if (failure) throw failure;
    if (!out.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('error', done);
          resolve();
        };
        out.on('drain', done);
        out.on('error', done);
      });
      if (failure) throw failure;
    }
  };
  try {
    let pending = (options.bom ?? true ? '\ufeff' : '') + csvLine(header);
    for await (const row of rows as AsyncIterable<readonly CsvCell[]>) {
      pending += csvLine(row);
      if (pending.length >= 64 * 1024) {
        await write(pending);
        pending = '';
      }
    }
    if (pending) await write(pending);
  } finally {
    await new Promise<void>((resolve) => out.end(() => resolve()));
  }
  if (failure) throw failure;
}
