/**
 * Writing .xlsx with exceljs's streaming WorkbookWriter (rows go to the file as they
 * come: a 100k-row export stays bounded in memory), and re-exports of the CSV writer.
 *
 * Output is deterministic: the same input gives the same bytes (signed batches depend
 * on it). The workbook's created/modified dates are `fixedDate`, and since exceljs
 * (archiver) stamps each zip entry with the current time, those times are rewritten
 * to `fixedDate` after writing (see zip-timestamps.ts). Batches approved before their
 * archive was stored in the database are rebuilt at export, with styles, and checked
 * against their signed digests: the styled output must stay byte-for-byte the same.
 *
 * Text cells keep their text exactly: an .xlsx text cell is never evaluated as a
 * formula (Excel and WPS show `=1+1` as text), so nothing is prefixed — the data,
 * including signed batch members, stays as entered. (CSV has no cell types: the
 * CSV writer neutralises.) `quoteFormulaText` reproduces the leading apostrophe
 * earlier versions wrote, only to rebuild batches approved by them byte for byte.
 */
import { rename, rm } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { neutralizeCell } from './neutralize';
import { setZipEntryTimes } from './zip-timestamps';
import { partialPath } from '../tempfiles';

export { neutralizeCell } from './neutralize';
export { writeCsv, type CsvWriteOptions } from './csv-writer';

export type OutCell = string | number | boolean | null;

export interface XlsxDropdown {
  /** 0-based column index (0 = A). */
  column: number;
  /** Allowed values (a code list); the cell offers them as an in-cell dropdown. */
  values: string[];
}

export interface XlsxSheet {
  /** Tab name (cut to Excel's 31 characters; characters Excel forbids become “_”). */
  sheetName: string;
  columns: { header: string; width?: number }[];
  rows: Iterable<OutCell[]> | AsyncIterable<OutCell[]>;
  /**
   * Data-validation lists for rows 2..N, N = the last data row or
   * `dropdownRows + 1`, whichever is larger (a template with no rows still offers
   * the lists on its first `dropdownRows` rows).
   */
  dropdowns?: XlsxDropdown[];
  /** How many rows the dropdowns cover at least (default 5,000). */
  dropdownRows?: number;
  /** A note (comment) on the first header cell, e.g. how to fill in the template. */
  headerNote?: string;
  /** Workbook created/modified date and zip entry time (default 2000-01-01T00:00:00Z). */
  fixedDate?: Date;
  /** Document author in the file's properties (default 信用工作台). */
  creator?: string;
  /** Earlier versions' leading apostrophe before text starting with = + - @ (rebuilding old batches only). */
  quoteFormulaText?: boolean;
  /**
   * Cell styles: the bold header (default true). Batch members, read by machines,
   * turn them off: exceljs's per-cell style bookkeeping is a sizeable share of
   * writing a large sheet. Files people open keep them.
   */
  styles?: boolean;
  /** Small sheets written before this one (e.g. a summary), each held in memory. */
  before?: { sheetName: string; columns: { header: string; width?: number }[]; rows: OutCell[][] }[];
}

/** exceljs's streaming worksheet has dataValidations; its typings omit it. */
interface WithValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/**
 * Bytes of sheet XML committed but not yet taken by the zip writer, or null if
 * exceljs's internals are not as expected. exceljs's streaming worksheet writes into
 * a StreamBuf that ignores back-pressure; archiver reads it through a PassThrough
 * whose write buffer then grows without bound when rows come faster than zlib
 * compresses (measured: the whole sheet, ~1 KiB per row, stayed in memory until
 * commit). Pinned exceljs 4.4.0 / archiver 5.3.2; a test checks the path still exists.
 */
export function pendingSheetBytes(ws: ExcelJS.Worksheet): number | null {
  const stream = (ws as unknown as { _stream?: { pipes?: { _writableState?: { length?: unknown } }[] } })._stream;
  if (!stream || !Array.isArray(stream.pipes)) return null;
  if (stream.pipes.length === 0) return 0; // the zip writer has not reached this sheet yet
  const length = stream.pipes[0]?._writableState?.length;
  return typeof length === 'number' ? length : null;
}

const MAX_PENDING_SHEET_BYTES = 4 * 1024 * 1024;

/** Waits while the zip writer lags behind (bounded memory); yields to the event loop. */
async function backpressure(ws: ExcelJS.Worksheet): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  for (let waited = 0; waited < 60_000; waited += 5) {
    const pending = pendingSheetBytes(ws);
    if (pending === null || pending <= MAX_PENDING_SHEET_BYTES) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
  }
}

export const DEFAULT_FIXED_DATE = new Date('2000-01-01T00:00:00Z');
const EXCEL_MAX_ROWS = 1_048_576;
/** Hidden sheet holding code lists too long (or with commas) for an inline list. */
export const CODE_LIST_SHEET = '代码表';

export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31);
  return cleaned.trim() === '' ? 'Sheet1' : cleaned;
}

function cellValue(v: OutCell | undefined, quote = false): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  return quote ? neutralizeCell(String(v)) : String(v);
}

/** An inline list formula `"a,b,c"` if Excel accepts it (≤ 255 characters, no comma or quote in a value). */
function inlineList(values: string[]): string | null {
  if (values.some((v) => v.includes(',') || v.includes('"'))) return null;
  const formula = `"${values.join(',')}"`;
  return formula.length - 2 <= 255 ? formula : null;
}

export async function writeXlsx(path: string, sheet: XlsxSheet): Promise<void> {
  const date = sheet.fixedDate ?? DEFAULT_FIXED_DATE;
  const tmp = partialPath(path);
  const styles = sheet.styles ?? true;
  try {
    // exceljs (with jszip, fast-csv …) loads when a workbook is first written, not with the core.
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: styles, useSharedStrings: false });
    wb.created = date;
    wb.modified = date;
    wb.creator = sheet.creator ?? '信用工作台';
    wb.lastModifiedBy = sheet.creator ?? '信用工作台';
    for (const small of sheet.before ?? []) {
      const pre = wb.addWorksheet(safeSheetName(small.sheetName));
      pre.columns = small.columns.map((c) => ({ width: c.width ?? 18 }));
      const head = pre.getRow(1);
      small.columns.forEach((c, i) => {
        const cell = head.getCell(i + 1);
        cell.value = cellValue(c.header);
        if (styles) cell.font = { bold: true };
      });
      head.commit();
      small.rows.forEach((values, r) => {
        const row = pre.getRow(r + 2);
        values.forEach((v, c) => {
          const value = cellValue(v);
          if (value !== null) row.getCell(c + 1).value = value;
        });
        row.commit();
      });
      pre.commit();
    }
    const ws = wb.addWorksheet(safeSheetName(sheet.sheetName), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    });
    ws.columns = sheet.columns.map((c) => ({ width: c.width ?? 18 }));

    // code lists that cannot be inline go to a hidden sheet (created after the data
    // sheet, so the data sheet stays the first one)
    const formulae: { column: number; formula: string }[] = [];
    const longLists: XlsxDropdown[] = [];
    for (const d of sheet.dropdowns ?? []) {
      if (d.values.length === 0) continue;
      const inline = inlineList(d.values);
      if (inline) formulae.push({ column: d.column, formula: inline });
      else longLists.push(d);
    }
    if (longLists.length > 0) {
      const lists = wb.addWorksheet(CODE_LIST_SHEET, { state: 'hidden' });
      const height = Math.max(...longLists.map((d) => d.values.length));
      for (let r = 0; r < height; r++) {
        const row = lists.getRow(r + 1);
        longLists.forEach((d, i) => {
          if (r < d.values.length) row.getCell(i + 1).value = d.values[r];
        });
        row.commit();
      }
      lists.commit();
      longLists.forEach((d, i) => {
        const letter = columnLetter(i);
        formulae.push({ column: d.column, formula: `'${CODE_LIST_SHEET}'!$${letter}$1:$${letter}$${d.values.length}` });
      });
    }

    const header = ws.getRow(1);
    sheet.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = cellValue(c.header, sheet.quoteFormulaText);
      if (styles) cell.font = { bold: true };
    });
    if (sheet.headerNote) header.getCell(1).note = sheet.headerNote;
    header.commit();

    let rowNumber = 1;
    for await (const values of sheet.rows as AsyncIterable<OutCell[]>) {
      rowNumber++;
      if (rowNumber > EXCEL_MAX_ROWS) throw new Error(`超过 Excel 的行数上限（${EXCEL_MAX_ROWS} 行）。`);
      const row = ws.getRow(rowNumber);
      for (let c = 0; c < values.length; c++) {
        const v = cellValue(values[c], sheet.quoteFormulaText);
        if (v !== null) row.getCell(c + 1).value = v;
      }
      row.commit();
      if (rowNumber % 500 === 0) await backpressure(ws);
    }

    const lastRow = Math.min(EXCEL_MAX_ROWS, Math.max(rowNumber, (sheet.dropdownRows ?? 5000) + 1));
    for (const { column, formula } of formulae) {
      const letter = columnLetter(column);
      (ws as unknown as WithValidations).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
        type: 'list',
        allowBlank: true,
        formulae: [formula],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '请从列表中选择',
        error: '该列只能填写代码表中的值，请从下拉列表中选择。',
      });
    }
    ws.commit();
    await wb.commit();
    if (!(await setZipEntryTimes(tmp, date))) throw new Error('无法固定压缩包内文件的时间（文件过大）。');
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
