/**
 * Importing records from .xlsx or .csv: streamed row by row, validated against
 * the catalogue, written in ONE transaction (valid rows only, or all-or-nothing),
 * reporting every rejected row with its spreadsheet row number (header = row 1),
 * its field code and the reason. Cancelling rolls everything back.
 */
import { randomUUID } from 'node:crypto';
import type { ImportRowError, ImportSummary } from '../../contract/records';
import type { CompiledCategory } from '../catalog/compile';
import { publicationForRecord } from '../catalog/publication';
import { matchHeaders, positionalRow } from '../catalog/records';
import { validateRecord } from '../catalog/validate';
import type { Desk } from '../desk';
import { CoreError } from '../errors';
import { readSpreadsheetRows } from '../io/rows';
import { insertRecord, reviseRecord } from './service';

export interface ImportOptions {
  category: CompiledCategory;
  path: string;
  fileName: string;
  allOrNothing: boolean;
  update: boolean;
  signal: AbortSignal;
  progress: (done: number) => void;
}

export interface RejectedRow {
  row: number;
  cells: unknown[];
  messages: string[];
}

export interface ImportMemo {
  fileName: string;
  header: unknown[];
  rejected: RejectedRow[];
}

const CHUNK = 2000;

const isEmptyRow = (cells: readonly unknown[]) => cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));

export async function importFile(desk: Desk, opts: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const db = desk.db;
  const compiled = opts.category;
  const by = desk.login!;
  const today = desk.now().toISOString().slice(0, 10);
  const summary: ImportSummary = {
    importId: randomUUID(),
    fileName: opts.fileName,
    category: compiled.key,
    totalRows: 0,
    imported: 0,
    updated: 0,
    duplicates: 0,
    rejected: 0,
    errors: [],
    unknownColumns: [],
    rolledBack: false,
    tookMs: 0,
  };
  const memo: ImportMemo = { fileName: opts.fileName, header: [], rejected: [] };
  let header: ReturnType<typeof matchHeaders> | null = null;
  let pending: { row: number; cells: unknown[] }[] = [];

  const writeChunk = db.transaction((rows: { row: number; cells: unknown[] }[]) => {
    const at = desk.now().toISOString();
    for (const { row, cells } of rows) {
      const raw = positionalRow(header!.positions, header!.fieldCount, cells);
      const result = validateRecord(compiled, raw, { today });
      if (!result.ok) {
        summary.rejected++;
        const errors: ImportRowError[] = result.errors.map((e) => ({ row, field: e.field, code: e.code, message: e.message }));
        summary.errors.push(...errors);
        memo.rejected.push({ row, cells, messages: errors.map((e) => e.message) });
        continue;
      }
      const publication = compiled.def.publication ? publicationForRecord(compiled.key, result.values, { asOf: today }) : null;
      const deadline = compiled.def.publication?.deadlineField;
      if (publication && deadline && !result.values[deadline]) result.values[deadline] = publication.publicationEnds;
      try {
        insertRecord(db, compiled, result.values, 'pending', { by, at, action: 'import', publication });
        summary.imported++;
      } catch (err) {
        if (!(err instanceof CoreError) || err.code !== 'DUPLICATE') throw err;
        if (!opts.update) {
          summary.duplicates++;
          continue;
        }
        const existing = (err.details as { recordId: number }).recordId;
        const revised = reviseRecord(db, compiled, existing, result.values, { by, at, action: 'import', reason: `导入更新：${opts.fileName} 第 ${row} 行`, publication });
        if (revised.changed) summary.updated++;
        else summary.duplicates++;
      }
    }
  });

  db.exec('BEGIN IMMEDIATE');
  try {
    for await (const { rowNumber, cells } of readSpreadsheetRows(opts.path, { signal: opts.signal })) {
      if (!header) {
        header = matchHeaders(compiled.key, cells);
        memo.header = cells;
        summary.unknownColumns = header.unknown.map((u) => u.header).filter((h) => h !== '');
        if (header.columns.every((c) => c === null)) {
          throw new CoreError('BAD_FILE', `第 1 行没有可识别的列名：请使用“${compiled.def.name}”的标准模板（列名可为中文名称或字段代码）。`);
        }
        continue;
      }
      if (isEmptyRow(cells)) continue;
      summary.totalRows++;
      pending.push({ row: rowNumber, cells });
      if (pending.length >= CHUNK) {
        writeChunk(pending);
        pending = [];
        opts.progress(summary.totalRows);
        if (opts.signal.aborted) throw new CoreError('CANCELLED', '导入已取消，未写入任何记录。');
      }
    }
    if (!header) throw new CoreError('BAD_FILE', '文件是空的：没有列名行。');
    writeChunk(pending);
    opts.progress(summary.totalRows);
    if (opts.allOrNothing && summary.rejected > 0) {
      db.exec('ROLLBACK');
      summary.rolledBack = true;
      summary.imported = summary.updated = summary.duplicates = 0;
    } else {
      desk.audit({
        actor: by,
        method: 'import.run',
        target: `import:${compiled.key}`,
        outcome: 'ok',
        detail: { fileName: opts.fileName, imported: summary.imported, updated: summary.updated, duplicates: summary.duplicates, rejected: summary.rejected },
      });
      db.exec('COMMIT');
    }
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
  desk.memo.set(`import:${summary.importId}`, memo);
  summary.tookMs = Math.round(performance.now() - started);
  return summary;
}
