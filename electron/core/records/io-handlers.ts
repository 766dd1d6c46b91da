/** Contract handlers for import, error reports, blank templates and export. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Handlers } from '../handlers';
import { exportColumns } from '../catalog/records';
import type { RecordValues } from '../catalog/types';
import { CoreError } from '../errors';
import { writeCsv, writeXlsx } from '../io/xlsx-writer';
import { iterateRecordIds, type RecordQuery } from '../search/records-search';
import type { Desk } from '../desk';
import { compiledOrBadInput } from './handlers';
import { importFile, inspectImportFile, type ImportMemo } from './import';
import { writeMigrationReport } from './migration-report';
import { currentRecord } from './service';

type IoHandlers = Pick<
  Handlers,
  'import.run' | 'import.runFile' | 'import.inspect' | 'import.migrationReport' | 'import.errorReport' | 'templates.get' | 'export.run' | 'export.runFile'
>;

const IMPORT_EXTENSIONS = new Set(['.xlsx', '.xls', '.csv']);

/** The uploaded file's extension, when it is one the import reads. */
function importExtension(fileName: string): string {
  const ext = extname(fileName).toLowerCase();
  if (!IMPORT_EXTENSIONS.has(ext)) throw new CoreError('BAD_FILE', `只能导入 .xlsx、.xls 或 .csv 文件：${fileName}`);
  return ext;
}

function recentImport(desk: Desk, importId: string): ImportMemo {
  const memo = desk.memo.get(`import:${importId}`) as ImportMemo | undefined;
  if (!memo) throw new CoreError('NOT_FOUND', '找不到这次导入的结果（退出登录或锁定后不再保留），请重新导入。');
  return memo;
}

/** A private temporary folder (mode 0700) for file bytes in transit; removed afterwards. */
async function withTempFolder<T>(fn: (folder: string) => Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), 'credit-desk-'));
  try {
    return await fn(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const today = (desk: Desk) => desk.now().toISOString().slice(0, 10).replace(/-/g, '');

const cellText = (v: RecordValues[string] | undefined): string | null => (v === null || v === undefined ? null : Array.isArray(v) ? v.join(';') : v);

/** Writes the records matching the filters in the category's standard columns. */
async function exportTo(desk: Desk, path: string, q: RecordQuery & { category: string }, format: 'xlsx' | 'csv', progress: (n: number) => void): Promise<number> {
  const compiled = compiledOrBadInput(q.category);
  const columns = exportColumns(q.category);
  const db = desk.db;
  let count = 0;
  function* rows() {
    for (const { id } of iterateRecordIds(db, q)) {
      const values = currentRecord(db, id).fields;
      count++;
      if (count % 5000 === 0) progress(count);
      yield columns.map((c) => cellText(values[c.code]));
    }
  }
  if (format === 'csv') await writeCsv(path, columns.map((c) => c.label), rows(), { bom: true });
  else await writeXlsx(path, { sheetName: compiled.def.name, columns: columns.map((c) => ({ header: c.label, width: 18 })), rows: rows() });
  desk.audit({ actor: desk.login, method: 'export', target: `export:${q.category}`, outcome: 'ok', detail: { filters: { ...q }, format, rows: count } });
  return count;
}

export const ioHandlers: IoHandlers = {
  'import.run': ({ desk, signal, progress }, { category, fileName, content, allOrNothing, update, alreadyReported }) => {
    const compiled = compiledOrBadInput(category);
    const ext = importExtension(fileName);
    return withTempFolder(async (folder) => {
      const path = join(folder, `upload${ext}`);
      writeFileSync(path, Buffer.from(content, 'base64'), { mode: 0o600 });
      return importFile(desk, {
        category: compiled,
        path,
        fileName,
        allOrNothing,
        update,
        alreadyReported,
        signal,
        progress: (n, total) => progress(n, total, 'import'),
      });
    });
  },

  'import.runFile': ({ desk, signal, progress }, { category, path, allOrNothing, update, alreadyReported }) =>
    importFile(desk, {
      category: compiledOrBadInput(category),
      path,
      fileName: path.split(/[\\/]/).pop()!,
      allOrNothing,
      update,
      alreadyReported,
      signal,
      progress: (n, total) => progress(n, total, 'import'),
    }),

  'import.inspect': ({ signal }, { category, fileName, content }) => {
    const compiled = compiledOrBadInput(category);
    const ext = importExtension(fileName);
    return withTempFolder(async (folder) => {
      const path = join(folder, `upload${ext}`);
      writeFileSync(path, Buffer.from(content, 'base64'), { mode: 0o600 });
      return inspectImportFile(compiled, path, fileName, signal);
    });
  },

  'import.migrationReport': ({ desk }, { importId }) => {
    const memo = recentImport(desk, importId);
    return withTempFolder(async (folder) => {
      const path = join(folder, 'report.xlsx');
      await writeMigrationReport(path, memo);
      const base = memo.fileName.replace(/\.[^.]+$/, '');
      return { fileName: `${base}-迁移报告.xlsx`, content: readFileSync(path).toString('base64') };
    });
  },

  'import.errorReport': ({ desk }, { importId }) => {
    const memo = recentImport(desk, importId);
    return withTempFolder(async (folder) => {
      const path = join(folder, 'errors.xlsx');
      const width = Math.max(memo.header.length, ...memo.rejected.map((r) => r.cells.length));
      const header = Array.from({ length: width }, (_, i) => ({ header: String(memo.header[i] ?? ''), width: 18 }));
      await writeXlsx(path, {
        sheetName: '错误报告',
        columns: [{ header: '原行号', width: 8 }, ...header, { header: '错误说明', width: 60 }],
        rows: memo.rejected.map((r) => [
          r.row,
          ...Array.from({ length: width }, (_, i) => (r.cells[i] === undefined || r.cells[i] === null ? null : (r.cells[i] as string | number))),
          r.messages.join('；'),
        ]),
      });
      const base = memo.fileName.replace(/\.[^.]+$/, '');
      return { fileName: `${base}-错误报告.xlsx`, content: readFileSync(path).toString('base64') };
    });
  },

  'templates.get': ({ desk }, { category }) => {
    const compiled = compiledOrBadInput(category);
    const columns = exportColumns(category);
    return withTempFolder(async (folder) => {
      const path = join(folder, 'template.xlsx');
      await writeXlsx(path, {
        sheetName: compiled.def.name,
        columns: columns.map((c) => ({ header: c.label, width: 18 })),
        rows: [],
        dropdowns: columns.flatMap((c, column) => (c.options ? [{ column, values: c.options }] : [])),
        headerNote: `${compiled.def.name}（${compiled.def.key}）标准模板：第 1 行为列名，可用中文名称或字段代码；日期写作 YYYY-MM-DD。生成于 ${today(desk)}。`,
      });
      return { fileName: `${compiled.def.name}-导入模板.xlsx`, content: readFileSync(path).toString('base64') };
    });
  },

  'export.run': ({ desk, progress }, { format, ...q }) =>
    withTempFolder(async (folder) => {
      const path = join(folder, `export.${format}`);
      const rows = await exportTo(desk, path, q, format, (n) => progress(n, null, 'export'));
      const name = compiledOrBadInput(q.category).def.name;
      return { fileName: `${name}-${today(desk)}.${format}`, content: readFileSync(path).toString('base64'), rows };
    }),

  'export.runFile': async ({ desk, progress }, { format, path, ...q }) => ({
    path,
    rows: await exportTo(desk, path, q, format, (n) => progress(n, null, 'export')),
  }),
};
