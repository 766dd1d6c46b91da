/**
 * Benchmark of shared lists and credit checks (issue 13, item 10): applicants
 * checked against shared lists of N entries.
 *
 *   npx tsx test/bench/checks.ts             1,000,000 entries, 10,000 applicants, 1,000 single checks
 *   npx tsx test/bench/checks.ts --quick     100,000 entries, 2,000 applicants, 300 single checks
 *   options: --entries N, --applicants N, --singles N
 *
 * The list: N entries from the demo subject pool (electron/core/demo/records.ts:
 * realistic names, valid 统一社会信用代码 and ID numbers), written as JSON Lines and
 * signed with `packList` (as `list pack` does) by a key made with `openssl genpkey`;
 * cached under os.tmpdir()/credit-desk-bench by size and a hash of this generator.
 * Each phase runs in a fresh child process against one temporary encrypted database:
 *   import   an administrator pins the key and imports the list (lists.importFile):
 *            verify + parse + insert of every entry, entries/s;
 *   file     a clerk checks an .xlsx of A applicants (checks.runFile: read, check each
 *            against the current lists and the department's records, log every check,
 *            write the result workbook), applicants/s; 10 % of them are on the list.
 *            Twice: the first run as a fresh process meets it (exceljs loaded on first
 *            use, caches empty), then again in the same process;
 *   single   S checks of one subject through core.invoke (checks.run), half of them hits,
 *            p50/p95/max in ms.
 * Goals: ≥ 5,000 applicants/s, single p95 ≤ 20 ms, list import ≥ 0.6 × the record
 * import's rate (run.ts compares with section A when it ran). Prints; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { CheckResultView, CheckRunSummary, ListImportResult } from '../../electron/contract/checks';
import { demoSubject } from '../../electron/core/demo/records';
import { Desk } from '../../electron/core/desk';
import { dispatch } from '../../electron/core/dispatch';
import { packList } from '../../electron/core/lists/pack';
import { fmt, latencyStats, rssSampler, runChild, serveChild, table, type LatencyStats } from './lib';
import { afterUsersAdd } from '../first-login';

const FAST_KDF = { N: 1024, r: 8, p: 1 };
const DEPARTMENT = { name: '石家庄市栾城区基准测试局', uscc: '91350200776049653A', regionCode: '130111', contactPerson: '', contactPhone: '' };
const ADMIN = { login: 'admin', name: '管理员', password: 'bench-admin-1' };
const CLERK = { login: 'clerk', name: '录入员', roles: ['clerk'], password: 'bench-clerk-1' };
const CACHE = join(tmpdir(), 'credit-desk-bench');
/** The pool the list is drawn from; applicants not on the list come from beyond it. */
const SEED = 20261126;

export const CHECK_GOALS = { applicantsPerSec: 5_000, singleP95Ms: 20, importRatio: 0.6 };

const MEASURES = [['从严审核', '限制参与政府采购'], ['不予受理'], ['限制参与招标投标', '限制申请财政资金'], [{ measure: '取消评优评先资格', matters: ['评优评先'] }]];

/** Entry k of the list: subject k of the demo pool. */
function entryLine(k: number): string {
  const s = demoSubject(SEED, k);
  return JSON.stringify({
    name: s.name,
    code: s.uscc ?? s.idNumber,
    listType: '严重失信主体名单',
    basis: `冀发改财金〔2026〕${(k % 997) + 1}号：拒不履行法定义务`,
    listedOn: `2026-${String((k % 12) + 1).padStart(2, '0')}-15`,
    expires: k % 5 === 0 ? '2029-12-31' : null,
    measures: MEASURES[k % MEASURES.length],
  });
}

function generatorHash(): string {
  return createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).update(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../electron/core/demo/records.ts'))).digest('hex').slice(0, 10);
}

/** The signed list file and its key, generated once per size and generator version. */
async function listFixture(entries: number, log: (line: string) => void): Promise<{ path: string; pubPem: string; generatedMs: number | null }> {
  mkdirSync(CACHE, { recursive: true });
  const base = join(CACHE, `list-${entries}-${generatorHash()}`);
  const path = `${base}.zip`;
  const keyFile = `${base}.key.pem`;
  if (existsSync(path) && existsSync(keyFile)) return { path, pubPem: execFileSync('openssl', ['pkey', '-in', keyFile, '-pubout']).toString(), generatedMs: null };
  log(`  generating a ${fmt(entries)}-entry list into ${path} (cached for later runs) …`);
  const t0 = performance.now();
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', keyFile]);
  const jsonl = `${base}.jsonl`;
  const fd = openSync(jsonl, 'w');
  try {
    let chunk: string[] = [];
    for (let k = 0; k < entries; k++) {
      chunk.push(entryLine(k));
      if (chunk.length === 10_000) {
        writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length) writeSync(fd, `${chunk.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
  const building = `${base}.building-${process.pid}.zip`;
  await packList({ jsonl, keyPem: readFileSync(keyFile, 'utf8'), name: '严重失信主体名单（基准测试）', listType: '严重失信主体名单', issuer: '基准测试平台', version: 1, out: building, date: '2026-11-20' });
  renameSync(building, path);
  rmSync(jsonl, { force: true });
  return { path, pubPem: execFileSync('openssl', ['pkey', '-in', keyFile, '-pubout']).toString(), generatedMs: performance.now() - t0 };
}

/** Subject i on the list (subject k < entries) or not (from beyond the list's part of the pool). */
function subjectAt(i: number, entries: number, onList: boolean): { name: string; code: string | null } {
  const k = onList ? (i * 7919) % entries : entries + i;
  const s = demoSubject(SEED, k);
  return { name: s.name, code: s.uscc ?? s.idNumber };
}

/** Applicant i of the file: every 10th is on the list. */
const applicant = (i: number, entries: number) => subjectAt(i, entries, i % 10 === 0);

async function applicantsFile(folder: string, count: number, entries: number): Promise<string> {
  const path = join(folder, 'applicants.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('申请人');
  ws.addRow(['序号', '申请人名称', '统一社会信用代码']).commit();
  for (let i = 0; i < count; i++) {
    const a = applicant(i, entries);
    ws.addRow([i + 1, a.name, a.code]).commit();
  }
  ws.commit();
  await wb.commit();
  return path;
}

// ---------------------------------------------------------------------------------------
// In the children

async function call<T>(desk: Desk, method: string, input: unknown): Promise<T> {
  const result = await dispatch(desk, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  afterUsersAdd(desk.dbPath, method, input, true);
  return result.value as T;
}

async function importList({ dbPath, path, pubPem }: { dbPath: string; path: string; pubPem: string }) {
  const desk = new Desk({ dbPath, kdfCost: FAST_KDF });
  await call(desk, 'setup.initialize', { department: DEPARTMENT, admin: ADMIN });
  await call(desk, 'users.add', CLERK);
  await call(desk, 'lists.pin', { pem: pubPem, label: '基准测试平台' });
  const sampler = rssSampler(50);
  const t0 = performance.now();
  const r = await call<ListImportResult>(desk, 'lists.importFile', { path });
  const ms = performance.now() - t0;
  const peakMiB = sampler.stop();
  desk.logout();
  return { entries: r.entryCount, ms, peakMiB, dbMiB: statSync(dbPath).size / 1024 / 1024 };
}

/**
 * The file check twice in one process: first as a fresh process meets it (modules such
 * as exceljs loaded on first use, SQLite's page cache empty, code not yet optimised),
 * then again, as a desk that has been working meets it.
 */
async function checkFile({ dbPath, path, out }: { dbPath: string; path: string; out: string }) {
  const desk = new Desk({ dbPath, kdfCost: FAST_KDF });
  await call(desk, 'auth.login', { login: CLERK.login, password: CLERK.password });
  const runs: { ms: number; peakMiB: number; total: number; withHits: number }[] = [];
  for (let i = 0; i < 2; i++) {
    const sampler = rssSampler(50);
    const t0 = performance.now();
    const r = await call<{ summary: CheckRunSummary }>(desk, 'checks.runFile', { path, out, matter: '政府采购' });
    runs.push({ ms: performance.now() - t0, peakMiB: sampler.stop(), total: r.summary.total, withHits: r.summary.withHits });
  }
  desk.logout();
  return { total: runs[0].total, withHits: runs[0].withHits, coldMs: runs[0].ms, ms: runs[1].ms, peakMiB: Math.max(runs[0].peakMiB, runs[1].peakMiB) };
}

async function singles({ dbPath, count, entries }: { dbPath: string; count: number; entries: number }) {
  const desk = new Desk({ dbPath, kdfCost: FAST_KDF });
  await call(desk, 'auth.login', { login: CLERK.login, password: CLERK.password });
  const walls: number[] = [];
  let hits = 0;
  // Warm-up: the first check reads the indexes' pages.
  await call(desk, 'checks.run', { subject: subjectAt(1, entries, true).code, matter: '行政许可' });
  for (let i = 0; i < count; i++) {
    // Alternately a subject on the list and one not; by code, and every fifth by exact name.
    const a = subjectAt(1_000_000 + i, entries, i % 2 === 0);
    const subject = i % 5 === 4 ? a.name : (a.code ?? a.name);
    const t0 = performance.now();
    const r = await call<CheckResultView>(desk, 'checks.run', { subject, matter: '行政许可' });
    walls.push(performance.now() - t0);
    if (!r.clean) hits++;
  }
  desk.logout();
  return { stats: latencyStats(walls), hits };
}

export const checkTasks = { import: importList, file: checkFile, singles };

// ---------------------------------------------------------------------------------------
// The benchmark

export interface CheckBenchResult {
  entries: number;
  listBytes: number;
  importMs: number;
  importPeakMiB: number;
  dbMiB: number;
  applicants: number;
  withHits: number;
  /** The first file check in a fresh process (modules, page cache, JIT cold). */
  fileColdMs: number;
  /** The same file checked again in that process. */
  fileMs: number;
  filePeakMiB: number;
  singles: LatencyStats;
  singleHits: number;
}

const HERE = import.meta.url;

export async function benchChecks(opts: { entries: number; applicants: number; singles: number; log?: (line: string) => void }): Promise<CheckBenchResult> {
  const log = opts.log ?? (() => undefined);
  const list = await listFixture(opts.entries, log);
  const listBytes = statSync(list.path).size;
  log(`  list: ${list.path} (${fmt(listBytes / 1024 / 1024, 1)} MiB${list.generatedMs === null ? ', cached' : `, generated and signed in ${fmt(list.generatedMs / 1000, 1)} s`})`);
  const folder = mkdtempSync(join(tmpdir(), 'credit-desk-bench-checks-'));
  try {
    const dbPath = join(folder, 'department.db');
    const imported = await runChild<{ entries: number; ms: number; peakMiB: number; dbMiB: number }>(HERE, 'import', { dbPath, path: list.path, pubPem: list.pubPem });
    log(`  import ${fmt(imported.entries)} entries: ${fmt(imported.ms / 1000, 1)} s = ${fmt((imported.entries / imported.ms) * 1000)} entries/s; database ${fmt(imported.dbMiB)} MiB`);
    const applicants = await applicantsFile(folder, opts.applicants, opts.entries);
    const file = await runChild<{ total: number; withHits: number; coldMs: number; ms: number; peakMiB: number }>(HERE, 'file', { dbPath, path: applicants, out: join(folder, 'result.xlsx') });
    log(
      `  check ${fmt(file.total)} applicants from an .xlsx (${fmt(file.withHits)} with hits): first run in a fresh process ${fmt(file.coldMs / 1000, 2)} s = ${fmt((file.total / file.coldMs) * 1000)} applicants/s; ` +
        `again ${fmt(file.ms / 1000, 2)} s = ${fmt((file.total / file.ms) * 1000)} applicants/s`,
    );
    const single = await runChild<{ stats: LatencyStats; hits: number }>(HERE, 'singles', { dbPath, count: opts.singles, entries: opts.entries });
    log(`  ${fmt(single.stats.n)} single checks: p50 ${fmt(single.stats.p50, 1)} ms, p95 ${fmt(single.stats.p95, 1)} ms, max ${fmt(single.stats.max, 1)} ms (${fmt(single.hits)} with hits)`);
    return {
      entries: imported.entries,
      listBytes,
      importMs: imported.ms,
      importPeakMiB: imported.peakMiB,
      dbMiB: imported.dbMiB,
      applicants: file.total,
      withHits: file.withHits,
      fileColdMs: file.coldMs,
      fileMs: file.ms,
      filePeakMiB: file.peakMiB,
      singles: single.stats,
      singleHits: single.hits,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The figures with the goals beside them; `recordImportRate` (rows/s, section A) for the ratio. */
export function checkTable(r: CheckBenchResult, recordImportRate: number | null): string {
  const yes = (met: boolean) => (met ? 'yes' : 'NO');
  const importRate = (r.entries / r.importMs) * 1000;
  const fileRate = (r.applicants / r.fileMs) * 1000;
  const coldRate = (r.applicants / r.fileColdMs) * 1000;
  return table(
    ['measurement', 'count', 'time', 'rate', 'peak RSS', 'goal', 'met'],
    [
      ['list import (verify + parse + insert)', fmt(r.entries), `${fmt(r.importMs / 1000, 1)} s`, `${fmt(importRate)} entries/s`, `${fmt(r.importPeakMiB)} MiB`, '', ''],
      [
        'list import ÷ record import (section A)',
        '',
        '',
        recordImportRate ? `${fmt((importRate / recordImportRate) * 100)} %` : 'n/a (section A not run)',
        '',
        `≥ ${CHECK_GOALS.importRatio * 100} %`,
        recordImportRate ? yes(importRate / recordImportRate >= CHECK_GOALS.importRatio) : '',
      ],
      [
        'check many, first run in a fresh process',
        fmt(r.applicants),
        `${fmt(r.fileColdMs / 1000, 2)} s`,
        `${fmt(coldRate)} applicants/s`,
        '',
        `≥ ${fmt(CHECK_GOALS.applicantsPerSec)} /s`,
        yes(coldRate >= CHECK_GOALS.applicantsPerSec),
      ],
      ['check many (.xlsx → logged checks → result .xlsx), again', fmt(r.applicants), `${fmt(r.fileMs / 1000, 2)} s`, `${fmt(fileRate)} applicants/s`, `${fmt(r.filePeakMiB)} MiB`, `≥ ${fmt(CHECK_GOALS.applicantsPerSec)} /s`, yes(fileRate >= CHECK_GOALS.applicantsPerSec)],
      [
        'check one (checks.run), p50 / p95 / max',
        fmt(r.singles.n),
        '',
        `${fmt(r.singles.p50, 1)} / ${fmt(r.singles.p95, 1)} / ${fmt(r.singles.max, 1)} ms`,
        '',
        `p95 ≤ ${CHECK_GOALS.singleP95Ms} ms`,
        yes(r.singles.p95 <= CHECK_GOALS.singleP95Ms),
      ],
    ],
    ['l', 'r', 'r', 'r', 'r', 'l', 'l'],
  );
}

function option(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} N: a positive whole number`);
  return n;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const entries = option('--entries') ?? (quick ? 100_000 : 1_000_000);
  const applicants = option('--applicants') ?? (quick ? 2_000 : 10_000);
  const count = option('--singles') ?? (quick ? 300 : 1_000);
  console.log(`Credit checks: ${fmt(applicants)} applicants against a list of ${fmt(entries)} entries. Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`);
  const r = await benchChecks({ entries, applicants, singles: count, log: (line) => console.log(line) });
  console.log('');
  console.log(checkTable(r, null));
  console.log(`\nlist file ${fmt(r.listBytes / 1024 / 1024, 1)} MiB; database after the import ${fmt(r.dbMiB)} MiB`);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  if (process.argv[2] === '--child') await serveChild(checkTasks as unknown as Record<string, (args: never) => Promise<unknown>>);
  else await main();
}
