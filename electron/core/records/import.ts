/**
 * Importing records from .xlsx or .csv: streamed, validated against the
 * catalogue, written in ONE transaction (valid rows only, or all-or-nothing),
 * reporting every rejected row with its spreadsheet row number (header = row 1),
 * its field code and the reason. Cancelling rolls everything back.
 *
 * Parsing and validation (import-rows.ts) of a file of 1 MiB or more run in a
 * worker thread (import-worker.ts) up to two chunks ahead of this thread, which
 * only writes: on a two-core office PC the two halves overlap.
 *
 * The file's layout (today's template, the 2016 standard, a 2019-era export) is
 * recognised from its header before any row is read (import-plan.ts); rows of
 * an older layout are mapped onto today's fields in the parsing half. History
 * (`alreadyReported`) is stored as the platform already has it and queues nothing.
 */
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { ImportInspection, ImportRuleView, ImportSummary } from '../../contract/records';
import type { CompiledCategory } from '../catalog/compile';
import { listRuleTables } from '../catalog/publication-rules';
import { listCodeLists } from '../catalog/registry';
import type { Desk } from '../desk';
import type { CoreErrorData } from '../../contract/errors';
import { CoreError } from '../errors';
import { importListHits } from '../lists/warnings';
import { startWorker } from '../threads';
import { statement } from '../store/sql';
import { getDepartment } from '../department/service';
import type { DepartmentRef } from './import-mapping';
import { detectSpreadsheetFormat, readSpreadsheetRows, type SheetRow } from '../io/rows';
import { bestPlan, chooseHeader, MAX_TITLE_ROWS, planImport, planView, type ImportPlan } from './import-plan';
import { checkRows, type ImportChunk } from './import-rows';
import type { ImportWorkerJob } from './import-worker';
import type { RecordValues } from '../catalog/types';
import { insertRecord, openCaseMessage, openCaseOn, RecordBatch, reviseRecord, stateLabel, type PreparedRecord } from './service';

const lastRecordId = statement<{ id: number }>('import.lastRecordId', 'SELECT coalesce(max(id), 0) AS id FROM records');

export interface ImportOptions {
  category: CompiledCategory;
  path: string;
  fileName: string;
  allOrNothing: boolean;
  update: boolean;
  /** History already published on the platform: stored as accepted / expired / withdrawn, nothing queued. */
  alreadyReported: boolean;
  signal: AbortSignal;
  /** Rows read so far, and the estimated number of rows in the file (null while unknown). */
  progress: (done: number, estimatedTotal: number | null) => void;
}

/**
 * Files from this size on are parsed in a worker thread; smaller ones in this
 * thread, where starting a thread would cost more than it saves. Tests set it
 * to run the same imports both ways.
 */
export const importThreading = { workerFromBytes: 1024 * 1024 };

/** The least time between two progress events of an import. */
const PROGRESS_MS = 100;

export interface ImportMemo {
  fileName: string;
  header: unknown[];
  rejected: { row: number; cells: unknown[]; messages: string[] }[];
  /** For the migration report. */
  summary: ImportSummary;
  plan: ImportPlan | null;
  at: string;
}

type WorkerMessage = ImportChunk | { type: 'end' } | { type: 'exit' } | { type: 'error'; error: CoreErrorData };

/**
 * The import worker for this file, or null for a category with a `custom` rule:
 * a function cannot be copied to another thread, so such a file is parsed in
 * this thread.
 */
function startImportWorker(opts: ImportOptions, today: string, department: DepartmentRef): Worker | null {
  if (opts.category.def.rules?.some((r) => r.kind === 'custom')) return null;
  const job: ImportWorkerJob = {
    category: opts.category.def,
    codeLists: listCodeLists(),
    path: opts.path,
    today,
    ruleTables: listRuleTables(),
    department,
    alreadyReported: opts.alreadyReported,
  };
  return startWorker(new URL('./import-worker.ts', import.meta.url), 'import-worker', { ...job });
}

/** Checked rows from the import worker, acknowledging each chunk as the writer takes it. */
async function* fromWorker(worker: Worker, signal: AbortSignal): AsyncGenerator<ImportChunk> {
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  const push = (m: WorkerMessage) => {
    queue.push(m);
    wake?.();
  };
  const failed = (what: string) => push({ type: 'error', error: { code: 'INTERNAL', message: `内部错误：${what}` } });
  worker.on('message', push);
  worker.on('messageerror', (err) => failed(err.message));
  worker.on('error', (err) => failed(err.message));
  worker.on('exit', () => push({ type: 'exit' }));
  const onAbort = () => worker.postMessage('cancel');
  signal.addEventListener('abort', onAbort);
  if (signal.aborted) onAbort();
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const message = queue.shift()!;
      if (message.type === 'end') return;
      if (message.type === 'exit') throw new CoreError('INTERNAL', '导入线程意外退出。');
      if (message.type === 'error') throw new CoreError(message.error.code, message.error.message, message.error.details);
      // Acknowledged before it is written, so the worker reads on meanwhile.
      worker.postMessage('ack');
      yield message;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}

/** The file's size, or 0 when it cannot be read (the reader then says why). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export async function importFile(desk: Desk, opts: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const db = desk.db;
  const compiled = opts.category;
  const by = desk.login!;
  const today = desk.now().toISOString().slice(0, 10);
  if (opts.alreadyReported && opts.update) {
    throw new CoreError('BAD_INPUT', '“已在平台公示过的历史记录”不能与“已存在时更新”同时选择：历史记录按平台已有的内容保存，已存在的记录不会被改动。');
  }
  const { name, uscc } = getDepartment(db);
  const department: DepartmentRef = { name, uscc };
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
    generation: { key: `${compiled.key}-current`, name: '' },
    columns: [],
    rules: [],
    inferred: {},
    alreadyReported: opts.alreadyReported,
    history: opts.alreadyReported ? { accepted: 0, expired: 0, withdrawn: 0 } : null,
    queued: 0,
  };
  const memo: ImportMemo = { fileName: opts.fileName, header: [], rejected: [], summary, plan: null, at: desk.now().toISOString() };
  const counts: Record<string, number> = {};

  /**
   * A checked row's cells for the error report, in the file's columns. The worker
   * does not send the cells of rows that passed validation, so they are rebuilt
   * from the values as they would be stored (dates and codes normalised).
   */
  const cellsOf = (record: PreparedRecord): unknown[] => {
    const values = JSON.parse(record.fieldsJson) as RecordValues;
    return (memo.plan?.columns ?? []).map((c) => {
      const v = c.field && c.status !== 'repeated' ? values[c.field] : null;
      return Array.isArray(v) ? v.join('；') : (v ?? null);
    });
  };

  // A chunk is written straight into the import's one transaction (BEGIN IMMEDIATE below), not
  // in a savepoint of its own: a failed chunk rolls the whole import back anyway, and with a
  // savepoint open SQLite copies every existing page a chunk first touches (the random-key
  // indexes' pages, 16 KiB each) aside in case it rolls back to it: about an eighth of the
  // writer's instructions (callgrind, 10,000 rows).
  const write = (chunk: Extract<ImportChunk, { type: 'rows' }>) => {
    const at = desk.now().toISOString();
    for (const r of chunk.rejected) {
      summary.rejected++;
      summary.errors.push(...r.errors);
      memo.rejected.push({ row: r.row, cells: r.cells, messages: r.errors.map((e) => e.message) });
    }
    for (const [id, n] of Object.entries(chunk.counts)) counts[id] = (counts[id] ?? 0) + n;
    // The chunk's subjects looked up at once, its search entries and queue rows added at once.
    const batch = new RecordBatch(db, chunk.valid.map((v) => v.record));
    for (const { row, record, state } of chunk.valid) {
      try {
        if (state) {
          insertRecord(db, compiled, record, state, { by, at, action: 'history', reason: historyReason(row) }, batch);
          summary.history![state]++;
        } else {
          insertRecord(db, compiled, record, 'pending', { by, at, action: 'import' }, batch);
          summary.queued++;
        }
        summary.imported++;
      } catch (err) {
        if (!(err instanceof CoreError) || err.code !== 'DUPLICATE') throw err;
        if (!opts.update) {
          summary.duplicates++;
          continue;
        }
        const existing = (err.details as { recordId: number }).recordId;
        const caseNo = openCaseOn(db, existing);
        if (caseNo !== null) {
          // Four eyes: only the case's decision changes a record while its case is open.
          const message = openCaseMessage(existing, caseNo);
          summary.rejected++;
          summary.errors.push({ row, field: compiled.def.decisionNumberField, code: 'case-open', message });
          memo.rejected.push({ row, cells: cellsOf(record), messages: [message] });
          continue;
        }
        const reason = `导入更新：${opts.fileName} 第 ${row} 行`;
        const revised = reviseRecord(db, compiled, existing, record, { by, at, action: 'import', reason, skipNotEditable: true }, batch);
        if (revised.notEditable) {
          // A withdrawn or expired record cannot be corrected: this row is rejected, not the whole import.
          const message = `${compiled.byCode.get(compiled.def.decisionNumberField)!.head}：同一主体、同一文号的记录（编号 ${existing}）已是“${stateLabel(revised.state)}”状态，不能通过导入更新。`;
          summary.rejected++;
          summary.errors.push({ row, field: compiled.def.decisionNumberField, code: 'not-editable', message });
          memo.rejected.push({ row, cells: cellsOf(record), messages: [message] });
          continue;
        }
        if (revised.changed) {
          summary.updated++;
          summary.queued++;
        } else summary.duplicates++;
      }
    }
    batch.flush();
    summary.totalRows = chunk.totalRows;
  };

  let generationName = '';
  const historyReason = (row: number) => `已在平台公示过的历史记录：${opts.fileName} 第 ${row} 行（${generationName}）`;

  if (opts.signal.aborted) throw new CoreError('CANCELLED', '导入已取消，未写入任何记录。');
  // New records get ids above this one: after the import, their subjects are looked up on the shared lists.
  const lastIdBefore = lastRecordId.value<number>(db) ?? 0;
  const worker = sizeOf(opts.path) >= importThreading.workerFromBytes ? startImportWorker(opts, today, department) : null;
  const chunks = worker
    ? fromWorker(worker, opts.signal)
    : checkRows(compiled, opts.path, today, { signal: opts.signal, department, alreadyReported: opts.alreadyReported });
  let lastProgress = -Infinity;
  db.exec('BEGIN IMMEDIATE');
  try {
    for await (const chunk of chunks) {
      if (chunk.type === 'header') {
        memo.header = chunk.header;
        memo.plan = chunk.plan;
        summary.unknownColumns = chunk.unknownColumns;
        summary.generation = chunk.plan.generation;
        generationName = chunk.plan.generation.name;
        summary.columns = chunk.plan.columns.map(({ index, header, status, field, note }) => ({ index, header, status, field, note }));
        continue;
      }
      write(chunk);
      // The share of the sheet read so far gives an estimate of how many rows it has.
      // Chunks are small (CHUNK_ROWS): progress is told at most every PROGRESS_MS.
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_MS) {
        lastProgress = now;
        const estimate = chunk.fraction > 0 ? Math.max(summary.totalRows, Math.round(summary.totalRows / chunk.fraction)) : null;
        opts.progress(summary.totalRows, estimate);
      }
      if (opts.signal.aborted) throw new CoreError('CANCELLED', '导入已取消，未写入任何记录。');
    }
    summary.rules = ruleCounts(memo.plan, counts);
    for (const r of summary.rules) if (r.count) summary.inferred[r.id] = r.count;
    if (opts.allOrNothing && summary.rejected > 0) {
      db.exec('ROLLBACK');
      summary.rolledBack = true;
      summary.imported = summary.updated = summary.duplicates = summary.queued = 0;
      if (summary.history) summary.history = { accepted: 0, expired: 0, withdrawn: 0 };
    } else {
      desk.audit({
        actor: by,
        method: 'import.run',
        target: `import:${compiled.key}`,
        outcome: 'ok',
        detail: {
          fileName: opts.fileName,
          generation: summary.generation.key,
          alreadyReported: summary.alreadyReported,
          imported: summary.imported,
          updated: summary.updated,
          duplicates: summary.duplicates,
          rejected: summary.rejected,
          queued: summary.queued,
          ...(summary.history ? { history: summary.history } : {}),
          inferred: summary.inferred,
        },
      });
      desk.commitThenCheckpoint();
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
  if (!summary.rolledBack && summary.imported > 0) {
    const listHits = importListHits(db, lastIdBefore, today);
    if (listHits) summary.listHits = listHits;
  }
  summary.tookMs = Math.round(performance.now() - started);
  return summary;
}

/** The plan's rules with the rows each applied to (the subject-type rule also per inferred type). */
function ruleCounts(plan: ImportPlan | null, counts: Record<string, number>): ImportRuleView[] {
  return (plan?.rules ?? []).map((r) => {
    const view: ImportRuleView = { ...r, count: counts[r.id] ?? 0 };
    const prefix = `${r.id}:`;
    const outcomes = Object.entries(counts).filter(([k]) => k.startsWith(prefix));
    if (outcomes.length) view.outcomes = Object.fromEntries(outcomes.map(([k, n]) => [k.slice(prefix.length), n]));
    return view;
  });
}

/**
 * What an import of `path` would do, from its first rows only (the header, after
 * any title rows): the generation, the columns, the missing required fields and
 * the category check. Reads no record and writes nothing.
 */
export async function inspectImportFile(compiled: CompiledCategory, path: string, fileName: string, signal?: AbortSignal): Promise<ImportInspection> {
  const format = await detectSpreadsheetFormat(path);
  const first: SheetRow[] = [];
  for await (const row of readSpreadsheetRows(path, { format, signal })) {
    if (row.cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) continue;
    first.push(row);
    if (first.length > MAX_TITLE_ROWS || bestPlan(compiled, row.cells, row.rowNumber).recognised >= 2) break;
  }
  if (first.length === 0) throw new CoreError('BAD_FILE', '文件是空的：没有列名行。');
  const header = first[chooseHeader(compiled, first)];
  const plan = planImport(compiled, header.cells, header.rowNumber);
  return { ...planView(plan), fileName, format };
}
