/**
 * The CPU half of an import: read the file, match the header, validate every
 * row and compute the publication clock, yielding chunks of checked rows for
 * the writing half (import.ts).
 */
import type { ImportRowError } from '../../contract/records';
import type { CompiledCategory } from '../catalog/compile';
import { publicationForRecord } from '../catalog/publication';
import { matchHeaders, positionalRow } from '../catalog/records';
import { validateRecord } from '../catalog/validate';
import { CoreError } from '../errors';
import { readSpreadsheetRows } from '../io/rows';
import { prepareRecord, type PreparedRecord } from './service';

export interface CheckedRow {
  row: number;
  /** What the writer stores: plain strings, cheap to hand over between threads. */
  record: PreparedRecord;
}

export interface RejectedRow {
  row: number;
  cells: unknown[];
  errors: ImportRowError[];
}

export type ImportChunk =
  | { type: 'header'; header: unknown[]; unknownColumns: string[] }
  | {
      type: 'rows';
      valid: CheckedRow[];
      rejected: RejectedRow[];
      totalRows: number;
      /** The share of the file's rows read so far (0–1), for an estimate of the total. */
      fraction: number;
    };

export const CHUNK_ROWS = 2000;

/** How many chunks the import worker may have read ahead of the one being written. */
export const MAX_AHEAD = 2;

const isEmptyRow = (cells: readonly unknown[]) => cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));

export async function* checkRows(compiled: CompiledCategory, path: string, today: string, signal?: AbortSignal): AsyncGenerator<ImportChunk> {
  let header: ReturnType<typeof matchHeaders> | null = null;
  let valid: CheckedRow[] = [];
  let rejected: RejectedRow[] = [];
  let totalRows = 0;
  const deadline = compiled.def.publication?.deadlineField;
  let fraction = 0;
  const onProgress = (f: number) => void (fraction = f);
  for await (const { rowNumber, cells } of readSpreadsheetRows(path, { signal, onProgress })) {
    if (!header) {
      header = matchHeaders(compiled.key, cells);
      if (header.columns.every((c) => c === null)) {
        throw new CoreError('BAD_FILE', `第 1 行没有可识别的列名：请使用“${compiled.def.name}”的标准模板（列名可为中文名称或字段代码）。`);
      }
      yield { type: 'header', header: cells, unknownColumns: header.unknown.map((u) => u.header).filter((h) => h !== '') };
      continue;
    }
    if (isEmptyRow(cells)) continue;
    totalRows++;
    const result = validateRecord(compiled, positionalRow(header.positions, header.fieldCount, cells), { today });
    if (!result.ok) {
      rejected.push({ row: rowNumber, cells, errors: result.errors.map((e) => ({ row: rowNumber, field: e.field, code: e.code, message: e.message })) });
    } else {
      const publication = compiled.def.publication ? publicationForRecord(compiled.key, result.values, { asOf: today, explain: false }) : null;
      if (publication && deadline && !result.values[deadline]) result.values[deadline] = publication.publicationEnds;
      valid.push({ row: rowNumber, record: prepareRecord(compiled, result.values, publication) });
    }
    if (valid.length + rejected.length >= CHUNK_ROWS) {
      yield { type: 'rows', valid, rejected, totalRows, fraction };
      valid = [];
      rejected = [];
    }
  }
  if (!header) throw new CoreError('BAD_FILE', '文件是空的：没有列名行。');
  yield { type: 'rows', valid, rejected, totalRows, fraction: 1 };
}
