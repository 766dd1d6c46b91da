/**
 * Checking many applicants from one .xlsx or .csv (the import's readers): every row
 * with a name or a code is checked as one subject and logged with its own check
 * number; the result is a workbook with a summary sheet and the applicants' rows,
 * their original cells first, then what was found. One audit entry covers the run
 * (file, matter, count, the range of check numbers); each check is in the log.
 */
import { checkRuns } from '../../../drizzle/schema';
import { zonedDateTime } from '../../contract/zone';
import type { CheckHit, CheckRunSummary, Matter } from '../../contract/checks';
import type { Desk } from '../desk';
import { CoreError } from '../errors';
import { readSpreadsheetRows } from '../io/rows';
import { writeXlsx, type OutCell } from '../io/xlsx-writer';
import { orm } from '../store/orm';
import { currentVersionIds, currentVersions } from '../lists/queries';
import { findHits, subjectOfRow, type CheckContext, type SubjectQuery } from './check';
import { checkNumbers, insertCheck } from './log';

/** A larger file is refused: checks are for applicants, not for whole registers. */
export const MAX_APPLICANTS = 100_000;

const NAME_HEADERS = new Set(['名称', '主体名称', '申请人', '申请人名称', '单位名称', '企业名称', '姓名', '行政相对人名称', '信用主体名称', 'name']);
const CODE_HEADERS = new Set(['统一社会信用代码', '信用代码', '证件号码', '身份证号', '身份证号码', '代码', '统一社会信用代码或证件号码', 'code']);

const headerKey = (v: unknown) => String(v ?? '').replace(/\s+/g, '').toLowerCase();

/** Which columns hold the name and the code(s): by Chinese label, English key or a 双公示 field code. */
export function applicantColumns(header: unknown[]): { name: number; codes: number[] } {
  let name = -1;
  const codes: number[] = [];
  header.forEach((h, i) => {
    const k = headerKey(h);
    if (name < 0 && (NAME_HEADERS.has(k) || /^[a-z]+_xdr_mc$/.test(k))) name = i;
    else if (CODE_HEADERS.has(k) || /^[a-z]+_xdr_(shxym|zjhm)$/.test(k)) codes.push(i);
  });
  return { name, codes };
}

const cellText = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};

export function resultText(hits: CheckHit[]): string {
  if (hits.length === 0) return '未发现记录';
  const n = (effect: string) => hits.filter((h) => h.effect === effect).length;
  const parts = [n('sanction') && `失信 ${n('sanction')} 条`, n('incentive') && `守信激励 ${n('incentive')} 条`, n('notice') && `提示 ${n('notice')} 条`].filter(Boolean);
  return `命中：${parts.join('、')}`;
}

const hitSource = (h: CheckHit) => (h.source === 'list' ? `${h.list}（第 ${h.version} 版）` : `本部门${h.list} ${h.decisionNo ?? ''}`.trim());

interface Applicant {
  row: number;
  cells: unknown[];
  subject: SubjectQuery;
  hits: CheckHit[];
  checkNo?: string;
}

export interface CheckFileOptions {
  path: string;
  fileName: string;
  matter: Matter;
  /** Where the result workbook goes. */
  out: string;
  signal?: AbortSignal;
  progress?: (done: number, total: number | null) => void;
}

export async function checkFile(desk: Desk, opts: CheckFileOptions): Promise<CheckRunSummary> {
  const started = performance.now();
  const db = desk.db;
  const now = desk.now();
  const at = now.toISOString();
  const ctx: CheckContext = { db, matter: opts.matter, today: at.slice(0, 10), versions: new Map(), versionIds: currentVersionIds(db) };
  const versions = currentVersions(db).map(({ listId, name, version, issuedOn }) => ({ listId, name, version, issuedOn }));
  let header: unknown[] | null = null;
  let columns: { name: number; codes: number[] } | null = null;
  const applicants: Applicant[] = [];
  const skipped: CheckRunSummary['skipped'] = [];
  let fraction = 0;
  for await (const { rowNumber, cells } of readSpreadsheetRows(opts.path, { signal: opts.signal, onProgress: (f) => (fraction = f) })) {
    if (!header) {
      header = cells;
      columns = applicantColumns(cells);
      if (columns.name < 0 && columns.codes.length === 0) {
        throw new CoreError('BAD_FILE', '第 1 行没有可识别的列名：需要“名称”（或申请人、单位名称、姓名）列，或“统一社会信用代码”（或证件号码、身份证号）列。');
      }
      continue;
    }
    if (cells.every((c) => cellText(c) === null)) continue;
    const name = columns!.name >= 0 ? cellText(cells[columns!.name]) : null;
    const code = columns!.codes.map((i) => cellText(cells[i])).find((c) => c !== null) ?? null;
    const subject = subjectOfRow(name, code);
    if (!subject) {
      skipped.push({ row: rowNumber, message: `第 ${rowNumber} 行：没有名称，也没有统一社会信用代码或证件号码，未核查。` });
      continue;
    }
    if (applicants.length >= MAX_APPLICANTS) throw new CoreError('BAD_FILE', `一次最多核查 ${MAX_APPLICANTS.toLocaleString('en-US')} 个申请人：请分成几个文件。`);
    applicants.push({ row: rowNumber, cells, subject, hits: [] });
    if (applicants.length % 1000 === 0) {
      if (opts.signal?.aborted) throw new CoreError('CANCELLED', '核查已取消，未记录任何核查。');
      opts.progress?.(applicants.length, fraction > 0 ? Math.round(applicants.length / fraction) : null);
    }
  }
  if (!header) throw new CoreError('BAD_FILE', '文件是空的：没有列名行。');
  if (applicants.length === 0) throw new CoreError('BAD_FILE', '文件中没有可核查的申请人（每行需要名称，或统一社会信用代码、证件号码）。');
  // Checked in the order of their codes (then names): the index pages are read in order, each
  // once, instead of at random (a list of 1,000,000 entries is larger than SQLite's page cache).
  const order = applicants.map((_, i) => i);
  const key = (a: Applicant) => a.subject.code ?? `\uffff${a.subject.name ?? ''}`;
  order.sort((i, j) => (key(applicants[i]) < key(applicants[j]) ? -1 : key(applicants[i]) > key(applicants[j]) ? 1 : i - j));
  for (const [n, i] of order.entries()) {
    applicants[i].hits = findHits(ctx, applicants[i].subject);
    if (n % 1000 === 999 && opts.signal?.aborted) throw new CoreError('CANCELLED', '核查已取消，未记录任何核查。');
  }

  const withHits = applicants.filter((a) => a.hits.length > 0).length;
  const versionsJson = JSON.stringify(versions);
  const runId = desk.write(
    { method: 'checks.runFile', target: 'checks', detail: { fileName: opts.fileName, matter: opts.matter, total: applicants.length, withHits, skipped: skipped.length } },
    (tx) => {
      // Once per run: the query builder; the checks' rows go through insertCheck's prepared statement.
      const id = Number(
        orm(tx)
          .insert(checkRuns)
          .values({ at, by: desk.login!, matter: opts.matter, fileName: opts.fileName, total: applicants.length, withHits, skipped: JSON.stringify(skipped) })
          .run().lastInsertRowid,
      );
      const next = checkNumbers(tx, at);
      for (const a of applicants) {
        a.checkNo = next();
        insertCheck(tx, {
          checkNo: a.checkNo,
          at,
          by: desk.login!,
          matter: opts.matter,
          query: a.subject.code ?? a.subject.name ?? '',
          subjectName: a.subject.name,
          subjectCode: a.subject.code,
          subjectKind: a.subject.kind,
          hits: a.hits,
          versions,
          versionsJson,
          runId: id,
          runRow: a.row,
        });
      }
      return id;
    },
  );
  const summary: CheckRunSummary = {
    runId,
    fileName: opts.fileName,
    matter: opts.matter,
    total: applicants.length,
    clean: applicants.length - withHits,
    withHits,
    skipped,
    firstCheckNo: applicants[0].checkNo ?? null,
    lastCheckNo: applicants[applicants.length - 1].checkNo ?? null,
    versions,
    tookMs: 0,
  };
  await writeResult(desk, opts.out, header, applicants, summary, at);
  summary.tookMs = Math.round(performance.now() - started);
  return summary;
}

async function writeResult(desk: Desk, out: string, header: unknown[], applicants: Applicant[], s: CheckRunSummary, at: string): Promise<void> {
  const width = Math.max(header.length, ...applicants.map((a) => a.cells.length));
  const original = Array.from({ length: width }, (_, i) => ({ header: String(header[i] ?? ''), width: 20 }));
  const who = desk.currentUser();
  const local = zonedDateTime(at, 'minute');
  const summaryRows: OutCell[][] = [
    ['核查事项', s.matter],
    ['申请人文件', s.fileName],
    ['核查人', `${who.name}（${who.login}）`],
    ['核查时间', `${local}（北京时间）`],
    ['核查人数', s.total],
    ['未发现记录', s.clean],
    ['有命中', s.withHits],
    ['未核查的行（缺少名称和代码）', s.skipped.length === 0 ? 0 : `${s.skipped.length}：第 ${s.skipped.map((x) => x.row).join('、')} 行`],
    ['核查编号', s.firstCheckNo === s.lastCheckNo ? s.firstCheckNo : `${s.firstCheckNo} 至 ${s.lastCheckNo}`],
    ['核查范围', '平台共享名单（下列版本）及本部门信用记录（严重失信主体名单、公示中的行政处罚、守信激励名单、异议处理中的记录）'],
    ...(s.versions.length === 0 ? [['共享名单', '尚未导入任何共享名单']] : s.versions.map((v): OutCell[] => ['共享名单', `${v.name}（第 ${v.version} 版，${v.issuedOn}）`])),
  ];
  const rows = applicants.map((a): OutCell[] => [
    ...Array.from({ length: width }, (_, i) => {
      const v = a.cells[i];
      return v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    }),
    a.checkNo ?? null,
    resultText(a.hits),
    a.hits.length,
    a.hits.map(hitSource).join('；') || null,
    a.hits.map((h) => h.basis).join('；') || null,
    [...new Set(a.hits.flatMap((h) => h.measures))].join('、') || null,
    [...new Set(a.hits.flatMap((h) => h.otherMeasures))].join('、') || null,
  ]);
  await writeXlsx(out, {
    sheetName: '核查结果',
    columns: [
      ...original,
      { header: '核查编号', width: 16 },
      { header: '核查结果', width: 22 },
      { header: '命中数', width: 8 },
      { header: '命中名单及版本', width: 40 },
      { header: '认定依据', width: 40 },
      { header: `适用措施（${s.matter}）`, width: 30 },
      { header: '其他措施', width: 30 },
    ],
    rows,
    before: [{ sheetName: '核查汇总', columns: [{ header: '项目', width: 28 }, { header: '内容', width: 90 }], rows: summaryRows }],
  });
}
