/** Contract handlers for import, error reports, blank templates and export. */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { methods, mayCall } from '../../contract/methods';
import type { Handlers } from '../handlers';
import { exportColumns, maskPersonalData } from '../catalog/records';
import { maskIdNumber } from '../identifiers/idcard';
import type { RecordValues } from '../catalog/types';
import { CoreError } from '../errors';
import { writeCsv, writeXlsx } from '../io/xlsx-writer';
import { iterateRecordIds, type RecordQuery } from '../search/records-search';
import type { Desk } from '../desk';
import { compiledOrBadInput } from './handlers';
import { importFile, inspectImportFile, type ImportMemo } from './import';
import { writeMigrationReport } from './migration-report';
import { currentRecord } from './service';
import { partialPath, withTempFolder } from '../tempfiles';

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


const today = (desk: Desk) => desk.now().toISOString().slice(0, 10).replace(/-/g, '');

const cellText = (v: RecordValues[string] | undefined): string | null => (v === null || v === undefined ? null : Array.isArray(v) ? v.join(';') : v);

/** Record ids as ranges [[first, last], …] (an export of 100,000 consecutive records is one range). */
export function idRanges(ids: number[]): [number, number][] {
  const sorted = [...ids].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const id of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && id === last[1] + 1) last[1] = id;
    else if (!last || id !== last[1]) ranges.push([id, id]);
  }
  return ranges;
}

/** At most this many ranges go into the audit entry; beyond, their count and a digest. */
const MAX_AUDITED_RANGES = 5000;

interface ExportOptions {
  format: 'xlsx' | 'csv';
  /** Personal ID numbers in clear: only for those who may unmask, with a reason. */
  unmask: boolean;
  reason?: string;
}

/**
 * Writes the records matching the filters in the category's standard columns.
 * Personal ID numbers are masked unless the person may unmask and gave a reason;
 * the audit entry lists what was exported (the record ids, as ranges).
 */
async function exportTo(desk: Desk, path: string, q: RecordQuery & { category: string }, options: ExportOptions, progress: (n: number) => void): Promise<number> {
  const compiled = compiledOrBadInput(q.category);
  if (options.unmask) {
    if (!mayCall(methods['records.unmask'].access, desk.currentUser().roles)) {
      throw new CoreError('FORBIDDEN', '您没有查看完整证件号码的权限，不能导出未遮盖的证件号码。');
    }
    if (!options.reason || options.reason.trim().length < 2) {
      throw new CoreError('BAD_INPUT', '导出完整证件号码须说明原因。', { issues: [{ path: ['reason'], message: '请说明导出完整证件号码的原因' }] });
    }
  }
  const columns = exportColumns(q.category);
  const db = desk.db;
  const ids: number[] = [];
  function* rows() {
    for (const { id } of iterateRecordIds(db, q)) {
      const fields = currentRecord(db, id).fields;
      const values = options.unmask ? fields : maskPersonalData(q.category, fields);
      ids.push(id);
      if (ids.length % 5000 === 0) progress(ids.length);
      yield columns.map((c) => cellText(values[c.code]));
    }
  }
  if (options.format === 'csv') {
    // Complete or not there: written beside the target, renamed onto it at the end.
    const part = partialPath(path);
    try {
      await writeCsv(part, columns.map((c) => c.label), rows(), { bom: true });
      renameSync(part, path);
    } catch (err) {
      rmSync(part, { force: true });
      throw err;
    }
  } else await writeXlsx(path, { sheetName: compiled.def.name, columns: columns.map((c) => ({ header: c.label, width: 18 })), rows: rows() });
  const ranges = idRanges(ids);
  const listed = ranges.length <= MAX_AUDITED_RANGES;
  const filters = { ...q, ...(q.query && /^(\d{17}[\dX]|\d{15})$/i.test(q.query.trim()) ? { query: maskIdNumber(q.query.trim().toUpperCase()) } : {}) };
  desk.audit({
    actor: desk.login,
    method: 'export',
    target: `export:${q.category}`,
    outcome: 'ok',
    detail: {
      filters,
      format: options.format,
      rows: ids.length,
      personalData: options.unmask ? 'clear' : 'masked',
      ...(options.unmask ? { reason: options.reason!.trim(), fields: compiled.personalFields } : {}),
      recordIds: listed ? ranges : null,
      ...(listed ? {} : { rangeCount: ranges.length, recordIdsSha256: createHash('sha256').update(ids.join(',')).digest('hex') }),
    },
  });
  return ids.length;
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

  'export.run': ({ desk, progress }, { format, unmask, reason, ...q }) =>
    withTempFolder(async (folder) => {
      const path = join(folder, `export.${format}`);
      const rows = await exportTo(desk, path, q, { format, unmask, reason }, (n) => progress(n, null, 'export'));
      const name = compiledOrBadInput(q.category).def.name;
      return { fileName: `${name}-${today(desk)}.${format}`, content: readFileSync(path).toString('base64'), rows };
    }),

  'export.runFile': async ({ desk, progress }, { format, path, unmask, reason, ...q }) => ({
    path,
    rows: await exportTo(desk, path, q, { format, unmask, reason }, (n) => progress(n, null, 'export')),
  }),
};
