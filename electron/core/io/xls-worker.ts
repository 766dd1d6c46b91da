/**
 * Worker-thread entry that reads a legacy Excel 97-2003 workbook (.xls, BIFF8)
 * with SheetJS (@e965/xlsx, see DEVELOPERS.md) and posts the first visible
 * worksheet's rows back. It runs apart so that the reading thread can bound what
 * a hostile file costs: the worker's heap is capped (resourceLimits) and it is
 * terminated after a time limit (xls-reader.ts). BIFF has no streaming reader,
 * so the whole sheet is parsed here before the first row is posted.
 *
 * Only the OLE container path of SheetJS is used: the caller has checked the
 * OLE signature, and streams other than a BIFF8 `Workbook` are refused here, so
 * SheetJS's HTML, XML, CSV, SYLK … parsers are never reached.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import * as XLSX from '@e965/xlsx';

export interface XlsWorkerData {
  path: string;
  /** Rows per message. */
  batchRows: number;
}

export type XlsCell = string | number | boolean | null;

export type XlsWorkerMessage =
  | { type: 'parsed'; rows: number }
  | { type: 'rows'; rows: { rowNumber: number; cells: XlsCell[] }[]; fraction: number }
  | { type: 'end' }
  | { type: 'refused'; reason: 'encrypted' | 'not-workbook' | 'biff5' | 'no-sheet' | 'corrupt'; detail: string };

/** BIFF error codes as Excel shows them. */
const ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

function cellOf(c: XLSX.CellObject | undefined): XlsCell {
  if (!c) return null;
  switch (c.t) {
    case 's':
      return typeof c.v === 'string' ? c.v : String(c.v ?? '');
    case 'n':
      return typeof c.v === 'number' && Number.isFinite(c.v) ? c.v : null;
    case 'b':
      return c.v === true;
    case 'e':
      return c.w ?? ERRORS[c.v as number] ?? '#ERROR!';
    case 'd':
      return c.v instanceof Date && !Number.isNaN(c.v.getTime()) ? c.v.toISOString().slice(0, 10) : null;
    default:
      return null;
  }
}

function main(): void {
  const port = parentPort!;
  // SheetJS reports unknown BIFF records (damaged files) with console.error: in this
  // thread that would reach the CLI's terminal, and a refusal already says what went wrong.
  console.error = console.warn = console.log = () => {};
  const { path, batchRows } = workerData as XlsWorkerData;
  const refuse = (reason: Extract<XlsWorkerMessage, { type: 'refused' }>['reason'], detail: string) => port.postMessage({ type: 'refused', reason, detail });
  const bytes = readFileSync(path);
  let wb: XLSX.WorkBook;
  try {
    const cfb = XLSX.CFB.read(bytes, { type: 'buffer' });
    if (XLSX.CFB.find(cfb, 'EncryptedPackage') || XLSX.CFB.find(cfb, '/encryption')) return refuse('encrypted', 'encrypted container');
    if (!XLSX.CFB.find(cfb, '/Workbook')) return refuse(XLSX.CFB.find(cfb, '/Book') ? 'biff5' : 'not-workbook', 'no Workbook stream');
    wb = XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellText: false,
      cellNF: false,
      cellStyles: false,
      cellDates: false,
      bookVBA: false,
    });
  } catch (err) {
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return refuse(/password/i.test(detail) ? 'encrypted' : 'corrupt', detail);
  }
  // The first worksheet in tab order that is visible; hidden ones only if all are.
  const names = wb.SheetNames.filter((n) => wb.Sheets[n] && wb.Sheets[n]['!type'] !== 'chart');
  const visible = names.filter((n) => !wb.Workbook?.Sheets?.[wb.SheetNames.indexOf(n)]?.Hidden);
  const name = visible[0] ?? names[0];
  if (name === undefined) return refuse('no-sheet', 'no worksheet');
  const data = (wb.Sheets[name] as { '!data'?: (XLSX.CellObject[] | undefined)[] })['!data'] ?? [];
  port.postMessage({ type: 'parsed', rows: data.length } satisfies XlsWorkerMessage);
  let batch: { rowNumber: number; cells: XlsCell[] }[] = [];
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    const cells: XlsCell[] = [];
    let last = -1;
    for (let c = 0; c < row.length; c++) {
      const v = cellOf(row[c]);
      cells.push(v);
      if (v !== null && v !== '') last = c;
    }
    if (last < 0) continue;
    cells.length = last + 1;
    batch.push({ rowNumber: r + 1, cells });
    if (batch.length >= batchRows) {
      port.postMessage({ type: 'rows', rows: batch, fraction: (r + 1) / data.length } satisfies XlsWorkerMessage);
      batch = [];
    }
  }
  if (batch.length) port.postMessage({ type: 'rows', rows: batch, fraction: 1 } satisfies XlsWorkerMessage);
  port.postMessage({ type: 'end' } satisfies XlsWorkerMessage);
}

main();
