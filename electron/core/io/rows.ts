/** Rows of a spreadsheet file, by format: .xlsx through the fast sheet reader, .csv through the CSV reader. */
import { extname } from 'node:path';
import { readXlsxRows } from './xlsx-reader';
import { readCsvRows } from './csv-reader';

export interface SheetRow {
  rowNumber: number;
  cells: (string | number | boolean | null)[];
}

export async function* readSpreadsheetRows(path: string, options: { signal?: AbortSignal; format?: 'xlsx' | 'csv' } = {}): AsyncGenerator<SheetRow> {
  const format = options.format ?? (extname(path).toLowerCase() === '.csv' ? 'csv' : 'xlsx');
  if (format === 'csv') yield* readCsvRows(path, { signal: options.signal });
  else yield* readXlsxRows(path, { signal: options.signal });
}
