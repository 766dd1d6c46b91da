/**
 * Writing .xlsx (exceljs's streaming WorkbookWriter: bounded memory for 100k
 * rows) and .csv (UTF-8 with BOM, RFC 4180), neutralising formula injection.
 */
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';

export type OutCell = string | number | null;

/** OWASP CSV injection: a text cell starting with = + - @ (or tab/CR) is prefixed with `'`. */
export function neutralizeCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  return /^[\s]*[=+\-@]|^[\t\r]/.test(value) ? `'${value}` : value;
}

export interface XlsxSheet {
  sheetName: string;
  columns: { header: string; width?: number }[];
  rows: Iterable<OutCell[]> | AsyncIterable<OutCell[]>;
  /** Data-validation lists (code lists) for rows 2..maxRows of a column (0-based). */
  dropdowns?: { column: number; values: string[] }[];
  headerNote?: string;
  /** Fixed workbook dates, for byte-identical output. */
  fixedDate?: Date;
}

const colLetter = (i: number): string => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

export async function writeXlsx(path: string, sheet: XlsxSheet): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const date = sheet.fixedDate ?? new Date('2000-01-01T00:00:00Z');
  wb.created = date;
  wb.modified = date;
  wb.creator = 'Credit Desk';
  const ws = wb.addWorksheet(sheet.sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? 18 }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  if (sheet.headerNote) header.getCell(1).note = sheet.headerNote;
  header.commit();
  if (sheet.dropdowns?.length) {
    for (const d of sheet.dropdowns) {
      const letter = colLetter(d.column);
      const list = `"${d.values.join(',').replace(/"/g, '""')}"`;
      (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}5000`, {
        type: 'list',
        allowBlank: true,
        formulae: [list],
        showErrorMessage: true,
        errorTitle: '请选择',
        error: '请从下拉列表中选择',
      });
    }
  }
  for await (const row of sheet.rows as AsyncIterable<OutCell[]>) ws.addRow(row.map(neutralizeCell)).commit();
  ws.commit();
  await wb.commit();
}

function csvCell(v: OutCell): string {
  if (v === null) return '';
  const s = String(neutralizeCell(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function writeCsv(path: string, header: string[], rows: Iterable<OutCell[]> | AsyncIterable<OutCell[]>, options: { bom?: boolean } = {}): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) => new Promise<void>((resolve, reject) => (out.write(s) ? resolve() : out.once('drain', resolve).once('error', reject)));
  if (options.bom ?? true) await write('\ufeff');
  await write(header.map(csvCell).join(',') + '\r\n');
  for await (const row of rows as AsyncIterable<OutCell[]>) await write(row.map(csvCell).join(',') + '\r\n');
  await new Promise<void>((resolve, reject) => out.end(() => resolve()).on('error', reject));
}
