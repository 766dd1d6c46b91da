/**
 * Rows of a spreadsheet file, whatever its format: .xlsx through the fast sheet
 * reader, .xls (Excel 97-2003) through the bounded SheetJS worker, .csv through the
 * CSV reader. The format is taken from the content when it is recognisable (a zip
 * is read as .xlsx, an OLE file as .xls, so a renamed file still imports and an
 * encrypted workbook gets its proper message), else from the extension; anything
 * else is read as CSV text.
 */
import { extname } from 'node:path';
import { readCsvRows } from './csv-reader';
import { readXlsRows } from './xls-reader';
import { isOleFile, isZipFile, readMagic, readXlsxRows, type CellValue } from './xlsx-reader';

export type SpreadsheetFormat = 'xlsx' | 'xls' | 'csv';

export interface SheetRow {
  /** Row number as the spreadsheet shows it (header = 1). */
  rowNumber: number;
  /** Index 0 = column A. CSV cells are strings. */
  cells: CellValue[];
}

export interface SpreadsheetReadOptions {
  signal?: AbortSignal;
  /** Skip detection. */
  format?: SpreadsheetFormat;
  /** For .xlsx: largest uncompressed part (default 1 GiB). */
  maxUncompressedBytes?: number;
  /** Called with the share of the rows' data read so far (0–1): the worksheet of an .xlsx, the bytes of a .csv. */
  onProgress?: (fraction: number) => void;
}

const XLSX_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm']);
const XLS_EXTENSIONS = new Set(['.xls', '.xlt']);

export async function detectSpreadsheetFormat(path: string): Promise<SpreadsheetFormat> {
  const magic = await readMagic(path);
  if (isZipFile(magic)) return 'xlsx';
  if (isOleFile(magic)) return 'xls';
  const ext = extname(path).toLowerCase();
  return XLSX_EXTENSIONS.has(ext) ? 'xlsx' : XLS_EXTENSIONS.has(ext) ? 'xls' : 'csv';
}

/** `readSpreadsheetRows(path)`, `(path, 'csv')` or `(path, { signal, format })`. */
export async function* readSpreadsheetRows(path: string, options: SpreadsheetFormat | SpreadsheetReadOptions = {}): AsyncGenerator<SheetRow> {
  const opts: SpreadsheetReadOptions = typeof options === 'string' ? { format: options } : options;
  const format = opts.format ?? (await detectSpreadsheetFormat(path));
  if (format === 'csv') yield* readCsvRows(path, { signal: opts.signal, onProgress: opts.onProgress });
  else if (format === 'xls') yield* readXlsRows(path, { signal: opts.signal, onProgress: opts.onProgress });
  else yield* readXlsxRows(path, { signal: opts.signal, maxUncompressedBytes: opts.maxUncompressedBytes, onProgress: opts.onProgress });
}
