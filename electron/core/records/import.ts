/**
 * Importing records from .xlsx or .csv: streamed, validated against the
 * catalogue, written in ONE transaction (valid rows only, or all-or-nothing),
 * reporting every rejected row with its spreadsheet row number (header = row 1),
 * its field code and the reason. Cancelling rolls everything back.
 *
 * Parsing and validation (import-rows.ts) run in this thread too: measured,
 * handing checked rows over from a worker thread cost more (structured clone,
 * acknowledgements) than it saved, because writing dominates.
 */
import { randomUUID } from 'node:crypto';
import type { ImportSummary } from '../../contract/records';
import type { CompiledCategory } from '../catalog/compile';
import type { Desk } from '../desk';
import { CoreError } from '../errors';
import { checkRows, type ImportChunk } from './import-rows';
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

export interface ImportMemo {
  fileName: string;
  header: unknown[];
  rejected: { row: number; cells: unknown[]; messages: string[] }[];
}

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

  const write = db.transaction((chunk: Extract<ImportChunk, { type: 'rows' }>) => {
    const at = desk.now().toISOString();
    for (const r of chunk.rejected) {
      summary.rejected++;
      summary.errors.push(...r.errors);
      memo.rejected.push({ row: r.row, cells: r.cells, messages: r.errors.map((e) => e.message) });
    }
    for (const { row, values, publication } of chunk.valid) {
      try {
        insertRecord(db, compiled, values, 'pending', { by, at, action: 'import', publication });
        summary.imported++;
      } catch (err) {
        if (!(err instanceof CoreError) || err.code !== 'DUPLICATE') throw err;
        if (!opts.update) {
          summary.duplicates++;
          continue;
        }
        const existing = (err.details as { recordId: number }).recordId;
        const revised = reviseRecord(db, compiled, existing, values, { by, at, action: 'import', reason: `导入更新：${opts.fileName} 第 ${row} 行`, publication });
        if (revised.changed) summary.updated++;
        else summary.duplicates++;
      }
    }
    summary.totalRows = chunk.totalRows;
  });

  const chunks = checkRows(compiled, opts.path, today, opts.signal);
  db.exec('BEGIN IMMEDIATE');
  try {
    for await (const chunk of chunks) {
      if (chunk.type === 'header') {
        memo.header = chunk.header;
        summary.unknownColumns = chunk.unknownColumns;
        continue;
      }
      write(chunk);
      opts.progress(summary.totalRows);
      if (opts.signal.aborted) throw new CoreError('CANCELLED', '导入已取消，未写入任何记录。');
    }
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
    if (opts.signal.aborted) throw new CoreError('CANCELLED', '导入已取消，未写入任何记录。');
    throw err;
  }
  // Keep the error reports of the last few imports of this session only.
  const kept = [...desk.memo.keys()].filter((k) => k.startsWith('import:'));
  for (const k of kept.slice(0, Math.max(0, kept.length - 4))) desk.memo.delete(k);
  desk.memo.set(`import:${summary.importId}`, memo);
  summary.tookMs = Math.round(performance.now() - started);
  return summary;
}
