/**
 * Benchmarks (issue 3 item 11, issue 4 item 11): `npm run bench` prints figures, it asserts nothing.
 *
 *   npm run bench                  full sizes: 100,000-row import, search over 1,000,000 records,
 *                                  a 100,000-operation signed batch
 *   npm run bench -- --quick       10,000 rows, 100,000 records, 10,000 operations (a few minutes)
 *   options: --skip-import, --skip-generations, --skip-search, --skip-batches, --skip-print, --skip-checks, --import-rows N, --import-rounds N, --search-records N, --queries N,
 *            --batch-operations N, --print-records N, --list-entries N, --applicants N, --singles N,
 *            --budget S (seconds per kind of search query, default 120: slow searches stop early and say so)
 *
 * A. Import of a generated 行政处罚 .xlsx (test/bench/fixtures.ts) into a temporary
 *    encrypted database through the real path (`import.runFile` via createCore,
 *    as a clerk), beside two floors measured in the same round: exceljs's streaming
 *    reader merely reading the same file, and a bare encrypted insert of the same rows
 *    with a 2-character FTS index (no subjects, versions, secondary indexes or queue);
 *    the import ÷ the slower floor (goal ≥ 0.6×, issue 22 item 8), per round and the
 *    median of the rounds (--import-rounds, default 3, 1 with --quick; floors and import
 *    alternate so that the machine's load falls on all three alike; wall and CPU time);
 *    the import ÷ exceljs read; the import's two halves alone, each
 *    in one thread: reading + validating + preparing the rows (checkRows, what the
 *    import worker runs) and the raw insert rate of the prepared rows with
 *    insertRecord in one transaction; peak RSS of the
 *    import (process.memoryUsage().rss sampled every 50 ms); and how long the next
 *    call waits for the WAL checkpoint the import leaves until it has returned.
 *    Each measurement runs in a fresh child process, so each RSS is its own.
 * A2. Template generations (issue 14): the same N rows as a 2016 双公示 workbook (old kind
 *    codes, the fine only in 处罚结果, no 行政相对人类别, no authority codes, no 处罚有效期:
 *    every mapping rule runs on every row) and in today's template, each imported through
 *    import.runFile in a fresh child process, alternately, twice each; the best wall time
 *    and the best CPU time (all threads of the child) of each, and their ratios (goal:
 *    the 2016 file within 1.2× of today's). On a machine shared with other work the wall
 *    times swing by 2× between runs; CPU time counts the work itself.
 * B. Search over N demo records (electron/core/demo/records.ts; the database is
 *    cached under os.tmpdir()/credit-desk-bench, keyed by a version string and a
 *    hash of the generator, the schema and the cipher settings): p50/p95/max of `records.search`
 *    through core.invoke for 2-character and 3–6-character substrings of real
 *    subject names, code prefixes and decision-number prefixes, beside the core's
 *    own `tookMs`.
 * C. A signed batch: prepare + approve (sign, store the archive) + export of N
 *    operations, and verify of the file (test/bench/batches.ts, also runnable alone).
 * D. Printing: the credit file of one subject with N records (two versions each),
 *    with history (test/bench/print.ts, also runnable alone): pages/s, file size, peak RSS.
 * E. Credit checks (test/bench/checks.ts, also runnable alone): a signed shared list
 *    of N entries imported (entries/s, and its ratio to section A's record import
 *    rate), A applicants checked from an .xlsx (applicants/s), single checks (p95).
 *    Options: --skip-checks, --list-entries N, --applicants N, --singles N.
 * F. The command line's start: `help` and `verify` of a small batch with the built CLI,
 *    beside bare Node and the former tsx start, and `info` on a small department beside one
 *    password derivation (test/bench/cli-start.ts, also runnable alone).
 *    --skip-cli leaves it out; --cli-runs N (default 10, 5 with --quick).
 * G. Login at the product's password cost (scrypt N = 2^17): one derivation, auth.login
 *    through the core, and the first login of a key made at the old cost
 *    (test/bench/login.ts, also runnable alone). Skip with --skip-login.
 * H. Statistics (test/bench/statistics.ts, also runnable alone): section B's records signed
 *    in 200 batches with receipts, 2,000 cases; the 统计 page's first chart, the year's trend,
 *    the records behind a bar, the monthly report's figures, its PDF and .xlsx, each in a
 *    fresh process, wall and CPU time. Skip with --skip-stats.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { ImportSummary, SearchResult } from '../../electron/contract/records';
import { newDataKey } from '../../electron/core/auth/keys';
import type { CompiledCategory } from '../../electron/core/catalog/compile';
import { getCompiledCategory } from '../../electron/core/catalog/registry';
import { createDemoDepartment, DEMO_DEPARTMENT, DEMO_USERS } from '../../electron/core/demo/department';
import { mulberry32 } from '../../electron/core/demo/records';
import { createCore, type Core } from '../../electron/core/index';
import { checkRows } from '../../electron/core/records/import-rows';
import { insertRecord, type PreparedRecord } from '../../electron/core/records/service';
import { openEncrypted } from '../../electron/core/store/database';
import { defaultMigrationsFolder, runMigrations } from '../../electron/core/store/migrate';
import { BATCH_GOALS, batchTable, benchBatches } from './batches';
import { benchChecks, CHECK_GOALS, checkTable } from './checks';
import { benchPrint, PRINT_GOALS, printTable } from './print';
import { benchCliStart, CLI_GOAL_MS, cliTable, INFO_GOAL_MS } from './cli-start';
import { generateGenerationPair, generatePenaltyWorkbook } from './fixtures';
import { benchLogin, loginTable } from './login';
import { benchStatistics, STATS_GOALS, statsTable } from './statistics';
import { fmt, latencyStats, rssSampler, runChild, serveChild, table, type LatencyStats } from './lib';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const CACHE = join(tmpdir(), 'credit-desk-bench');
/** Bump to throw away cached search databases. */
const SEARCH_DB_VERSION = 'demo-v1';
const FAST_KDF = { N: 1024, r: 8, p: 1 };
const ADMIN = { login: 'admin', password: 'bench-admin-1' };
const CLERK = DEMO_USERS.find((u) => u.roles.includes('clerk'))!;

const GOALS = { importRowsPerSec: 20_000, ratio: 0.6, floorRatio: 0.6, rssMiB: 500, p95Ms: 50, generation2016Ratio: 1.2 };

// ---------------------------------------------------------------------------------------
// Fixtures and cached databases

function hashFiles(paths: string[]): string {
  const h = createHash('sha256');
  for (const p of paths) h.update(p).update(readFileSync(p));
  return h.digest('hex').slice(0, 10);
}

/** The 行政处罚 workbook, generated once per row count and version of fixtures.ts. */
async function importFixture(rows: number): Promise<{ path: string; generatedMs: number | null }> {
  const path = join(CACHE, `import-penalty-${rows}-${hashFiles([join(HERE, 'fixtures.ts')])}.xlsx`);
  if (existsSync(path) && statSync(path).size > 0) return { path, generatedMs: null };
  mkdirSync(CACHE, { recursive: true });
  const t0 = performance.now();
  await generatePenaltyWorkbook(path, rows);
  return { path, generatedMs: performance.now() - t0 };
}

/** The same rows in today's template and in the 2016 layout, generated once per row count and version of fixtures.ts. */
async function generationFixtures(rows: number): Promise<{ current: string; layout2016: string; generatedMs: number | null }> {
  const key = `${rows}-${hashFiles([join(HERE, 'fixtures.ts')])}`;
  const current = join(CACHE, `generations-current-${key}.xlsx`);
  const layout2016 = join(CACHE, `generations-2016-${key}.xlsx`);
  if (existsSync(current) && existsSync(layout2016)) return { current, layout2016, generatedMs: null };
  mkdirSync(CACHE, { recursive: true });
  const t0 = performance.now();
  await generateGenerationPair(current, layout2016, rows, DEMO_DEPARTMENT);
  return { current, layout2016, generatedMs: performance.now() - t0 };
}

function searchDbPath(records: number): string {
  const migrations = join(ROOT, 'drizzle', 'migrations');
  const core = join(ROOT, 'electron', 'core');
  const sources = [join(core, 'demo', 'records.ts'), join(core, 'store', 'database.ts'), ...readdirSync(migrations).filter((f) => f.endsWith('.sql')).map((f) => join(migrations, f))];
  return join(CACHE, `search-${records}-${SEARCH_DB_VERSION}-${hashFiles(sources)}.db`);
}

/** A demo department with `records` generated records, built aside and moved into place when complete. */
async function searchDatabase(records: number): Promise<{ dbPath: string; generatedMs: number | null }> {
  const dbPath = searchDbPath(records);
  if (existsSync(dbPath) && existsSync(`${dbPath}.keys`)) return { dbPath, generatedMs: null };
  mkdirSync(CACHE, { recursive: true });
  const building = `${dbPath}.building-${process.pid}.db`;
  console.log(`  generating ${fmt(records)} demo records into ${dbPath} (cached for later runs) …`);
  const { ms } = await runChild<{ ms: number }>(import.meta.url, 'generate', { dbPath: building, records });
  renameSync(`${building}.keys`, `${dbPath}.keys`);
  renameSync(building, dbPath);
  for (const f of [`${building}-wal`, `${building}-shm`]) if (existsSync(f)) unlinkSync(f);
  return { dbPath, generatedMs: ms };
}

async function clerkCore(dbPath: string): Promise<Core> {
  const core = createCore({ dbPath, kdfCost: FAST_KDF });
  const login = await core.invoke('auth.login', { login: CLERK.login, password: CLERK.password });
  if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
  return core;
}

// ---------------------------------------------------------------------------------------
// Child tasks (each in a fresh process)

interface ReadResult {
  rows: number;
  ms: number;
  /** CPU time of the child (all threads) while reading. */
  cpuMs: number;
  peakMiB: number;
}

interface BareInsertResult {
  rows: number;
  /** Inserting the rows and their name bigrams, COMMIT included. */
  ms: number;
  cpuMs: number;
}

interface ImportResult {
  generation: string;
  inferred: Record<string, number>;
  totalRows: number;
  imported: number;
  duplicates: number;
  rejected: number;
  rejectedByField: Record<string, number>;
  ms: number;
  /** CPU time of the whole child process (all threads) during the import: less sensitive to other work on the machine. */
  cpuMs: number;
  coreTookMs: number;
  /** The first call after the import, which waits for the deferred WAL checkpoint. */
  nextCallMs: number;
  peakMiB: number;
  maxRssMiB: number;
}

interface RawInsertResult {
  rows: number;
  invalid: number;
  /** Inserting the prepared rows. */
  ms: number;
  /** Reading, validating and preparing them (the import worker's half), one thread. */
  checkMs: number;
}

interface KindResult {
  kind: string;
  /** Queries run (fewer than asked when the time budget ran out). */
  n: number;
  wall: LatencyStats;
  took: LatencyStats;
  meanTotal: number;
  capped: number;
  zeroHits: number;
  examples: string[];
}

interface SearchBenchResult {
  records: number;
  firstQueryMs: number;
  sampledNames: number;
  kinds: KindResult[];
}

const tasks = {
  /** exceljs's streaming reader reading every row of the first sheet (the floor for any importer). */
  async 'exceljs-read'({ path }: { path: string }): Promise<ReadResult> {
    const sampler = rssSampler();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let rows = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        if (row.number > 0) rows++;
      }
      break;
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { rows: rows - 1, ms, cpuMs: (cpu.user + cpu.system) / 1000, peakMiB: sampler.stop() };
  },

  /**
   * The writing floor: the same rows (read and checked first, not timed) inserted into an
   * encrypted database with the product's cipher settings and pragmas, one plain table
   * (name, code, decision number and date, the fields as stored) and a contentless FTS5
   * index of the names' 2-character grams, as the product indexes them; one transaction,
   * COMMIT without the WAL checkpoint, as the import commits. No subjects, versions,
   * secondary indexes, queue or audit: what any importer of these rows would have to write.
   */
  async 'bare-insert'({ path }: { path: string }): Promise<BareInsertResult> {
    const compiled: CompiledCategory = getCompiledCategory('penalty');
    const rows: PreparedRecord[] = [];
    for await (const chunk of checkRows(compiled, path, new Date().toISOString().slice(0, 10))) {
      if (chunk.type === 'rows') for (const v of chunk.valid) rows.push(v.record);
    }
    const dir = mkdtempSync(join(tmpdir(), 'credit-desk-bench-bare-'));
    try {
      const db = openEncrypted(join(dir, 'bare.db'), newDataKey());
      try {
        db.exec(`CREATE TABLE bare (id INTEGER PRIMARY KEY, name TEXT NOT NULL, code TEXT, decision_no TEXT NOT NULL, decision_date TEXT, fields TEXT NOT NULL);
          CREATE VIRTUAL TABLE bare_search USING fts5(grams, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');`);
        const insert = db.prepare('INSERT INTO bare (name, code, decision_no, decision_date, fields) VALUES (?, ?, ?, ?, ?)');
        const index = db.prepare('INSERT INTO bare_search (rowid, grams) VALUES (?, ?)');
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        db.exec('BEGIN IMMEDIATE');
        for (const r of rows) {
          const id = insert.run(r.subject.name, r.subject.uscc ?? r.subject.idNumber, r.decisionNo, r.decisionDate, r.fieldsJson).lastInsertRowid;
          index.run(id, r.grams);
        }
        db.pragma('wal_autocheckpoint = 0');
        db.exec('COMMIT');
        const ms = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        return { rows: rows.length, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },

  /** The real import: import.runFile through createCore, as a clerk, into a fresh encrypted database. */
  async import({ path }: { path: string }): Promise<ImportResult> {
    const dir = mkdtempSync(join(tmpdir(), 'credit-desk-bench-import-'));
    try {
      const dbPath = join(dir, 'department.db');
      await createDemoDepartment({ dbPath, kdfCost: FAST_KDF }, ADMIN);
      const core = await clerkCore(dbPath);
      try {
        const sampler = rssSampler(50);
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        const result = await core.invoke('import.runFile', { category: 'penalty', path });
        const ms = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        // The WAL checkpoint runs right after the import returns (setImmediate): a call
        // made once the event loop has turned waits for it.
        const t1 = performance.now();
        await new Promise<void>((resolve) => setImmediate(resolve));
        await core.invoke('records.search', { category: 'penalty', limit: 1 });
        const nextCallMs = performance.now() - t1;
        const peakMiB = sampler.stop();
        if (!result.ok) throw new Error(`import failed: ${result.error.code} ${result.error.message}`);
        const s = result.value as ImportSummary;
        const rejectedByField: Record<string, number> = {};
        for (const e of s.errors) rejectedByField[`${e.field} ${e.code}`] = (rejectedByField[`${e.field} ${e.code}`] ?? 0) + 1;
        return {
          generation: s.generation.key,
          inferred: s.inferred,
          totalRows: s.totalRows,
          imported: s.imported,
          duplicates: s.duplicates,
          rejected: s.rejected,
          rejectedByField,
          ms,
          cpuMs: (cpu.user + cpu.system) / 1000,
          coreTookMs: s.tookMs,
          nextCallMs,
          peakMiB,
          maxRssMiB: process.resourceUsage().maxRSS / 1024,
        };
      } finally {
        core.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },

  /**
   * The import's two halves, each alone, on the same rows: the CPU half as the
   * import worker runs it (checkRows: read, validate, publication clock, prepare),
   * here in one thread with nothing else running; then the writing half, the
   * prepared rows inserted with insertRecord in one transaction.
   */
  async 'raw-insert'({ path }: { path: string }): Promise<RawInsertResult> {
    const compiled: CompiledCategory = getCompiledCategory('penalty');
    const today = new Date().toISOString().slice(0, 10);
    const t0 = performance.now();
    const valid: PreparedRecord[] = [];
    let invalid = 0;
    for await (const chunk of checkRows(compiled, path, today)) {
      if (chunk.type !== 'rows') continue;
      invalid += chunk.rejected.length;
      for (const v of chunk.valid) valid.push(v.record);
    }
    const checkMs = performance.now() - t0;
    const dir = mkdtempSync(join(tmpdir(), 'credit-desk-bench-raw-'));
    try {
      const dbPath = join(dir, 'raw.db');
      const db = openEncrypted(dbPath, newDataKey());
      try {
        runMigrations(db, dbPath, defaultMigrationsFolder(), new Date());
        const at = new Date().toISOString();
        const t1 = performance.now();
        db.transaction(() => {
          for (const v of valid) insertRecord(db, compiled, v, 'pending', { by: 'bench', at, action: 'import' });
        })();
        return { rows: valid.length, invalid, ms: performance.now() - t1, checkMs };
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },

  async generate({ dbPath, records }: { dbPath: string; records: number }): Promise<{ ms: number }> {
    const t0 = performance.now();
    let next = 0;
    const step = Math.max(10_000, Math.ceil(records / 10 / 10_000) * 10_000);
    const created = await createDemoDepartment({ dbPath, kdfCost: FAST_KDF }, ADMIN, {
      records,
      recordOptions: {
        progress: (done, total) => {
          if (done >= next || done === total) {
            next = done + step;
            process.stdout.write(`    ${fmt(done)} / ${fmt(total)} records, ${fmt((performance.now() - t0) / 1000, 1)} s\n`);
          }
        },
      },
    });
    if (!created) throw new Error(`${dbPath} already exists`);
    return { ms: performance.now() - t0 };
  },

  async search({ dbPath, records, queries, budgetMs }: { dbPath: string; records: number; queries: number; budgetMs: number }): Promise<SearchBenchResult> {
    const core = await clerkCore(dbPath);
    try {
      const search = async (input: Record<string, unknown>): Promise<{ wall: number; result: SearchResult }> => {
        const t0 = performance.now();
        const r = await core.invoke('records.search', input);
        const wall = performance.now() - t0;
        if (!r.ok) throw new Error(`records.search ${JSON.stringify(input)}: ${r.error.message}`);
        return { wall, result: r.value as SearchResult };
      };
      const rand = mulberry32(20260401);
      const first = await search({ query: '有限', limit: 20 });

      // Real subject names, codes and decision numbers: whole days of records at random dates.
      const names = new Set<string>();
      const codes = new Set<string>();
      const numbers = new Set<string>();
      const today = Date.now();
      for (let i = 0; i < 60 && (names.size < queries * 2 || numbers.size < queries); i++) {
        const day = new Date(today - Math.floor(rand() * 3 * 365) * 86_400_000).toISOString().slice(0, 10);
        const { result } = await search({ from: day, to: day, limit: 500 });
        for (const item of result.items) {
          names.add(item.subjectName);
          if (item.subjectCode && !item.subjectCode.includes('*')) codes.add(item.subjectCode);
          numbers.add(item.decisionNo);
        }
      }
      const nameList = [...names].filter((n) => Array.from(n).length >= 2);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
      const substring = (name: string, min: number, max: number) => {
        const chars = Array.from(name);
        const len = Math.min(chars.length, min + Math.floor(rand() * (max - min + 1)));
        const at = Math.floor(rand() * (chars.length - len + 1));
        return chars.slice(at, at + len).join('');
      };
      const prefix = (s: string, min: number) => {
        const chars = Array.from(s);
        return chars.slice(0, Math.min(chars.length, min + Math.floor(rand() * (chars.length - min + 1)))).join('');
      };
      const sets: [string, () => string][] = [
        ['name, 2 characters', () => substring(pick(nameList), 2, 2)],
        ['name, 3-6 characters', () => substring(pick(nameList), 3, 6)],
        ['code prefix (6-18)', () => prefix(pick([...codes]), 6)],
        ['decision-number prefix', () => prefix(pick([...numbers]), 4)],
      ];
      // Warm-up (not measured): the first queries read the indexes' pages from disk.
      const warmStarted = performance.now();
      for (let i = 0; i < 20 && performance.now() - warmStarted < budgetMs / 4; i++) await search({ query: sets[i % sets.length][1](), limit: 20 });

      const kinds: KindResult[] = [];
      for (const [kind, make] of sets) {
        const wall: number[] = [];
        const took: number[] = [];
        let totals = 0;
        let capped = 0;
        let zeroHits = 0;
        const examples: string[] = [];
        const kindStarted = performance.now();
        for (let i = 0; i < queries && performance.now() - kindStarted < budgetMs; i++) {
          const query = make();
          const { wall: w, result } = await search({ query, limit: 20 });
          wall.push(w);
          took.push(result.tookMs);
          totals += result.total;
          if (result.totalCapped) capped++;
          if (result.total === 0) zeroHits++;
          if (examples.length < 4) examples.push(`${query} → ${fmt(result.total)}${result.totalCapped ? '+' : ''}`);
        }
        const n = wall.length;
        const k: KindResult = { kind, n, wall: latencyStats(wall), took: latencyStats(took), meanTotal: totals / n, capped, zeroHits, examples };
        kinds.push(k);
        console.log(`  … ${kind}: ${n} queries${n < queries ? ` (time budget of ${fmt(budgetMs / 1000)} s reached)` : ''}, p50 ${fmt(k.wall.p50, 1)} ms, p95 ${fmt(k.wall.p95, 1)} ms`);
      }
      return { records, firstQueryMs: first.wall, sampledNames: nameList.length, kinds };
    } finally {
      core.close();
    }
  },
};

// ---------------------------------------------------------------------------------------
// The run

function option(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

interface SummaryRow {
  what: string;
  value: string;
  goal: string;
  met: boolean | null;
}

const mark = (met: boolean | null) => (met === null ? '' : met ? 'yes' : 'NO');

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const importRows = option('--import-rows') ?? (quick ? 10_000 : 100_000);
  const searchRecords = option('--search-records') ?? (quick ? 100_000 : 1_000_000);
  const queries = option('--queries') ?? 200;
  const budgetMs = (option('--budget') ?? 120) * 1000;
  const summary: SummaryRow[] = [];
  /** Section A's end-to-end record import rate, for section D's list import ratio. */
  let recordImportRate: number | null = null;
  console.log(`Credit Desk benchmarks (${quick ? 'quick' : 'full'}): Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`);
  console.log(`Load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the machine slows every figure)`);
  console.log(`Temporary and cached files: ${CACHE}`);

  if (!process.argv.includes('--skip-import')) {
    const rounds = option('--import-rounds') ?? (quick ? 1 : 3);
    console.log(`\nA. Import of a ${fmt(importRows)}-row 行政处罚 .xlsx (17 columns), end to end through import.runFile, beside its two floors (${rounds} round${rounds > 1 ? 's' : ''})`);
    const fixture = await importFixture(importRows);
    console.log(`  file: ${fixture.path} (${fmt(statSync(fixture.path).size / 1024 / 1024, 1)} MiB${fixture.generatedMs === null ? ', cached' : `, generated in ${fmt(fixture.generatedMs / 1000, 1)} s`})`);
    // Floors and import alternately, round by round, so that the machine's changing load
    // (other work) falls on all three alike; each in a fresh child process.
    const runsA: { read: ReadResult; bare: BareInsertResult; imp: ImportResult; ratio: number }[] = [];
    for (let round = 0; round < rounds; round++) {
      const read = await runChild<ReadResult>(import.meta.url, 'exceljs-read', { path: fixture.path });
      const bare = await runChild<BareInsertResult>(import.meta.url, 'bare-insert', { path: fixture.path });
      const imp = await runChild<ImportResult>(import.meta.url, 'import', { path: fixture.path });
      const ratio = imp.totalRows / imp.ms / Math.min(read.rows / read.ms, bare.rows / bare.ms);
      runsA.push({ read, bare, imp, ratio });
      console.log(`  … round ${round + 1}: import ${fmt((imp.totalRows / imp.ms) * 1000)} rows/s, floors ${fmt((read.rows / read.ms) * 1000)} (read) and ${fmt((bare.rows / bare.ms) * 1000)} (insert) rows/s: ${fmt(ratio, 2)}× of the slower; load average ${loadavg()[0].toFixed(2)}`);
    }
    const raw = await runChild<RawInsertResult>(import.meta.url, 'raw-insert', { path: fixture.path });
    const rate = (rows: number, ms: number) => (rows / ms) * 1000;
    const median = [...runsA].sort((a, b) => a.ratio - b.ratio)[Math.floor((runsA.length - 1) / 2)];
    const { read, bare, imp } = median;
    const readRate = rate(read.rows, read.ms);
    const bareRate = rate(bare.rows, bare.ms);
    const importRate = rate(imp.totalRows, imp.ms);
    const rawRate = rate(raw.rows, raw.ms);
    // The check half reads every row, valid or not; the rate counts them all, like the end-to-end one.
    const checkRate = rate(raw.rows + raw.invalid, raw.checkMs);
    recordImportRate = importRate;
    console.log(
      table(
        ['round', 'import rows/s', 'import CPU', 'exceljs read rows/s', 'bare insert rows/s', 'slower floor', 'import ÷ slower floor'],
        runsA.map((r, i) => [
          `${i + 1}${r === median ? ' (median)' : ''}`,
          fmt(rate(r.imp.totalRows, r.imp.ms)),
          `${fmt(r.imp.cpuMs / 1000, 2)} s`,
          fmt(rate(r.read.rows, r.read.ms)),
          fmt(rate(r.bare.rows, r.bare.ms)),
          rate(r.read.rows, r.read.ms) <= rate(r.bare.rows, r.bare.ms) ? 'read' : 'insert',
          `${fmt(r.ratio, 2)}×`,
        ]),
        ['l', 'r', 'r', 'r', 'r', 'l', 'r'],
      ),
    );
    console.log(
      table(
        ['measurement (the median round)', 'rows', 'time', 'CPU', 'rows/s', 'goal'],
        [
          ['import end to end (parse + validate + insert)', fmt(imp.totalRows), `${fmt(imp.ms / 1000, 2)} s`, `${fmt(imp.cpuMs / 1000, 2)} s`, fmt(importRate), `≥ ${fmt(GOALS.importRowsPerSec)} rows/s`],
          ['floor: exceljs streaming reader, read only', fmt(read.rows), `${fmt(read.ms / 1000, 2)} s`, `${fmt(read.cpuMs / 1000, 2)} s`, fmt(readRate), ''],
          ['floor: bare encrypted insert + 2-character FTS, one transaction', fmt(bare.rows), `${fmt(bare.ms / 1000, 2)} s`, `${fmt(bare.cpuMs / 1000, 2)} s`, fmt(bareRate), ''],
          ['import ÷ the slower floor', '', '', '', `${fmt(median.ratio, 2)}×`, `≥ ${GOALS.floorRatio}×`],
          ['import ÷ exceljs read', '', '', '', `${fmt((importRate / readRate) * 100)} %`, `≥ ${GOALS.ratio * 100} %`],
          ['the import\'s halves alone, one thread each:', '', '', '', '', ''],
          ['  read + validate + prepare (checkRows, no writes)', fmt(raw.rows + raw.invalid), `${fmt(raw.checkMs / 1000, 2)} s`, '', fmt(checkRate), '(the worker\'s half)'],
          ['  raw insertRecord of the prepared rows, one transaction', fmt(raw.rows), `${fmt(raw.ms / 1000, 2)} s`, '', fmt(rawRate), '(the writer\'s half)'],
          ['import peak RSS (sampled every 50 ms)', '', '', '', `${fmt(imp.peakMiB)} MiB`, `< ${GOALS.rssMiB} MB`],
        ],
        ['l', 'r', 'r', 'r', 'r', 'l'],
      ),
    );
    console.log(
      `  import: ${fmt(imp.imported)} imported, ${fmt(imp.duplicates)} duplicates, ${fmt(imp.rejected)} rejected; core tookMs ${fmt(imp.coreTookMs)}; ` +
        `the next call (a search) took ${fmt(imp.nextCallMs / 1000, 2)} s, waiting for the WAL checkpoint deferred until the import had returned; ` +
        `child maxRSS (whole process, incl. setup) ${fmt(imp.maxRssMiB)} MiB; exceljs read peak RSS ${fmt(read.peakMiB)} MiB`,
    );
    if (imp.rejected > 0) {
      console.log(`  NOTE: ${fmt(imp.rejected)} fixture rows were rejected by validation (not inserted), so the end-to-end rate is not all inserts:`);
      for (const [k, n] of Object.entries(imp.rejectedByField).sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`    ${k}: ${fmt(n)} errors`);
    }
    console.log(
      `  halves: ${fmt(raw.invalid)} invalid rows left out of the insert. The two halves overlap (worker thread + core thread), ` +
        `so end to end can at best match the slower one, ${fmt(Math.min(checkRate, rawRate))} rows/s here, and on two cores each runs slower beside the other.`,
    );
    summary.push(
      { what: `import ${fmt(importRows)} rows, end to end`, value: `${fmt(importRate)} rows/s`, goal: `≥ ${fmt(GOALS.importRowsPerSec)} rows/s`, met: importRate >= GOALS.importRowsPerSec },
      { what: 'floors: exceljs streaming read; bare encrypted insert + FTS', value: `${fmt(readRate)}; ${fmt(bareRate)} rows/s`, goal: '', met: null },
      {
        what: `import ÷ the slower floor (median of ${runsA.length})`,
        value: `${fmt(median.ratio, 2)}× (rounds: ${runsA.map((r) => fmt(r.ratio, 2)).join(', ')})`,
        goal: `≥ ${GOALS.floorRatio}×`,
        met: median.ratio >= GOALS.floorRatio,
      },
      { what: 'import ÷ exceljs read', value: `${fmt((importRate / readRate) * 100)} %`, goal: `≥ ${GOALS.ratio * 100} %`, met: importRate / readRate >= GOALS.ratio },
      { what: 'read + validate + prepare alone (one thread)', value: `${fmt(checkRate)} rows/s`, goal: '', met: null },
      { what: 'raw insert alone, same rows, one transaction', value: `${fmt(rawRate)} rows/s`, goal: '', met: null },
      { what: 'import peak RSS', value: `${fmt(imp.peakMiB)} MiB`, goal: `< ${GOALS.rssMiB} MB`, met: imp.peakMiB * 1.048576 < GOALS.rssMiB },
    );
  }
  if (!process.argv.includes('--skip-generations')) {
    console.log(`\nA2. The same ${fmt(importRows)} rows as a 2016 双公示 workbook and in today's template, each imported end to end (import.runFile)`);
    const pair = await generationFixtures(importRows);
    console.log(`  files: ${pair.current} and ${pair.layout2016}${pair.generatedMs === null ? ' (cached)' : ` (generated in ${fmt(pair.generatedMs / 1000, 1)} s)`}`);
    const runs: { current: ImportResult[]; layout2016: ImportResult[] } = { current: [], layout2016: [] };
    // Alternately, so that the machine's changing load (other work) falls on both alike.
    for (let round = 0; round < 2; round++) {
      runs.current.push(await runChild<ImportResult>(import.meta.url, 'import', { path: pair.current }));
      runs.layout2016.push(await runChild<ImportResult>(import.meta.url, 'import', { path: pair.layout2016 }));
    }
    const best = (rs: ImportResult[], key: 'ms' | 'cpuMs') => Math.min(...rs.map((r) => r[key]));
    const [cur, old] = [runs.current[0], runs.layout2016[0]];
    const wallRatio = best(runs.layout2016, 'ms') / best(runs.current, 'ms');
    const cpuRatio = best(runs.layout2016, 'cpuMs') / best(runs.current, 'cpuMs');
    console.log(
      table(
        ['file', 'recognised as', 'rows', 'imported', 'rejected', 'wall (ms)', 'CPU (ms)', 'best wall', 'rows/s', 'best CPU'],
        [runs.current, runs.layout2016].map((rs, i) => [
          i === 0 ? "today's template (17 columns)" : '2016 双公示 layout (20 columns)',
          rs[0].generation,
          fmt(rs[0].totalRows),
          fmt(rs[0].imported),
          fmt(rs[0].rejected),
          rs.map((x) => fmt(x.ms)).join(' / '),
          rs.map((x) => fmt(x.cpuMs)).join(' / '),
          `${fmt(best(rs, 'ms') / 1000, 2)} s`,
          fmt((rs[0].totalRows / best(rs, 'ms')) * 1000),
          `${fmt(best(rs, 'cpuMs') / 1000, 2)} s`,
        ]),
        ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    console.log(
      `  2016 layout ÷ today's template: wall ${fmt(wallRatio, 2)}×, CPU ${fmt(cpuRatio, 2)}× (goal ≤ ${GOALS.generation2016Ratio}×); ` +
        `rules applied to the 2016 rows: ${Object.entries(old.inferred).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`,
    );
    for (const r of [cur, old]) {
      const refused = Object.entries(r.rejectedByField);
      if (refused.length) console.log(`  ${r.generation} rows refused (fixture rows a rule cannot map, e.g. a 罚款 of 0 元): ${refused.map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
    }
    summary.push(
      { what: `2016 layout import ÷ today's template, ${fmt(importRows)} rows, wall`, value: `${fmt(wallRatio, 2)}×`, goal: `≤ ${GOALS.generation2016Ratio}×`, met: wallRatio <= GOALS.generation2016Ratio },
      { what: `2016 layout import ÷ today's template, ${fmt(importRows)} rows, CPU`, value: `${fmt(cpuRatio, 2)}×`, goal: `≤ ${GOALS.generation2016Ratio}×`, met: cpuRatio <= GOALS.generation2016Ratio },
    );
  }

  if (!process.argv.includes('--skip-search')) {
    console.log(`\nB. Search over ${fmt(searchRecords)} demo records (records.search through core.invoke, limit 20, ${queries} queries per kind)`);
    const db = await searchDatabase(searchRecords);
    const size = statSync(db.dbPath).size / 1024 / 1024;
    console.log(`  database: ${db.dbPath} (${fmt(size)} MiB${db.generatedMs === null ? ', cached' : `, generated in ${fmt(db.generatedMs / 1000, 1)} s = ${fmt((searchRecords / db.generatedMs) * 1000)} records/s`})`);
    const s = await runChild<SearchBenchResult>(import.meta.url, 'search', { dbPath: db.dbPath, records: searchRecords, queries, budgetMs });
    console.log(`  first query after login (cold cache, "有限"): ${fmt(s.firstQueryMs, 1)} ms; names sampled from the database: ${fmt(s.sampledNames)}`);
    console.log(
      table(
        ['queries', 'n', 'p50 ms', 'p95 ms', 'max ms', 'core tookMs p50/p95/max', 'mean hits', 'capped', 'no hits', 'goal'],
        s.kinds.map((k) => [
          k.kind,
          String(k.n),
          fmt(k.wall.p50, 1),
          fmt(k.wall.p95, 1),
          fmt(k.wall.max, 1),
          `${fmt(k.took.p50)} / ${fmt(k.took.p95)} / ${fmt(k.took.max)}`,
          fmt(k.meanTotal),
          String(k.capped),
          String(k.zeroHits),
          `p95 ≤ ${GOALS.p95Ms} ms`,
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
      ),
    );
    for (const k of s.kinds) console.log(`  e.g. ${k.kind}: ${k.examples.join('; ')}`);
    if (db.generatedMs !== null) summary.push({ what: `generate ${fmt(searchRecords)} demo records`, value: `${fmt(db.generatedMs / 1000, 1)} s`, goal: '', met: null });
    for (const k of s.kinds) {
      summary.push({ what: `search ${fmt(searchRecords)}: ${k.kind}`, value: `p95 ${fmt(k.wall.p95, 1)} ms (p50 ${fmt(k.wall.p50, 1)}, max ${fmt(k.wall.max, 1)}; n=${k.n})`, goal: `p95 ≤ ${GOALS.p95Ms} ms`, met: k.wall.p95 <= GOALS.p95Ms });
    }
  }

  if (!process.argv.includes('--skip-batches')) {
    const operations = option('--batch-operations') ?? (quick ? 10_000 : 100_000);
    console.log(`\nC. Signed batch of ${fmt(operations)} operations (行政处罚): prepare, approve (sign), export, verify (test/bench/batches.ts)`);
    const r = await benchBatches({ operations, log: (line) => console.log(line) });
    console.log(batchTable(r));
    console.log(`  file: ${fmt(r.fileBytes)} bytes; members: ${r.members.map((m) => `${m.path} ${fmt(m.size / 1024 / 1024, 1)} MiB`).join(', ')}; verified: ${r.verified ? 'yes' : 'NO'}`);
    summary.push(
      { what: `batch ${fmt(operations)} ops: prepare + approve`, value: `${fmt((r.prepareMs + r.approveMs) / 1000, 2)} s`, goal: '', met: null },
      { what: `batch ${fmt(operations)} ops: export`, value: `${fmt(r.exportMs / 1000, 2)} s`, goal: `≤ ${BATCH_GOALS.exportMs / 1000} s`, met: r.exportMs <= BATCH_GOALS.exportMs },
      { what: `batch ${fmt(operations)} ops: verify`, value: `${fmt(r.verifyMs / 1000, 2)} s`, goal: `≤ ${BATCH_GOALS.verifyMs / 1000} s`, met: r.verifyMs <= BATCH_GOALS.verifyMs && r.verified },
      { what: `batch ${fmt(operations)} ops: peak RSS (highest phase)`, value: `${fmt(r.peakRssMb)} MiB`, goal: `< ${BATCH_GOALS.rssMiB} MiB`, met: r.peakRssMb < BATCH_GOALS.rssMiB },
    );
  }

  if (!process.argv.includes('--skip-print')) {
    const records = option('--print-records') ?? 2000;
    console.log(`\nD. Printing: the credit file of one subject with ${fmt(records)} 行政处罚 records, with history (test/bench/print.ts)`);
    const r = await benchPrint({ records, log: (line) => console.log(line) });
    console.log(printTable(r));
    const rate = (r.second.pages / r.second.ms) * 1000;
    summary.push(
      { what: `credit file, ${fmt(records)} records with history`, value: `${fmt(r.second.pages)} pages, ${fmt(rate, 1)} pages/s (first print ${fmt((r.first.pages / r.first.ms) * 1000, 1)})`, goal: `≥ ${PRINT_GOALS.pagesPerSec} pages/s`, met: rate >= PRINT_GOALS.pagesPerSec },
      { what: 'credit file: size, peak RSS', value: `${fmt(r.second.bytes / 1024)} KiB, ${fmt(r.peakMiB)} MiB`, goal: `< ${PRINT_GOALS.rssMiB} MB`, met: r.peakMiB * 1.048576 < PRINT_GOALS.rssMiB },
    );
  }

  if (!process.argv.includes('--skip-checks')) {
    const entries = option('--list-entries') ?? (quick ? 100_000 : 1_000_000);
    const applicants = option('--applicants') ?? (quick ? 2_000 : 10_000);
    const singles = option('--singles') ?? (quick ? 300 : 1_000);
    console.log(`\nE. Credit checks: a shared list of ${fmt(entries)} entries imported, ${fmt(applicants)} applicants checked from an .xlsx, ${fmt(singles)} single checks (test/bench/checks.ts)`);
    const r = await benchChecks({ entries, applicants, singles, log: (line) => console.log(line) });
    console.log(checkTable(r, recordImportRate));
    const importRate = (r.entries / r.importMs) * 1000;
    const coldRate = (r.applicants / r.fileColdMs) * 1000;
    const fileRate = (r.applicants / r.fileMs) * 1000;
    summary.push(
      { what: `list import ${fmt(r.entries)} entries`, value: `${fmt(importRate)} entries/s`, goal: '', met: null },
      ...(recordImportRate
        ? [{ what: 'list import ÷ record import', value: `${fmt((importRate / recordImportRate) * 100)} %`, goal: `≥ ${CHECK_GOALS.importRatio * 100} %`, met: importRate / recordImportRate >= CHECK_GOALS.importRatio }]
        : []),
      { what: `check ${fmt(r.applicants)} applicants, first run in a fresh process`, value: `${fmt(coldRate)} applicants/s`, goal: `≥ ${fmt(CHECK_GOALS.applicantsPerSec)} /s`, met: coldRate >= CHECK_GOALS.applicantsPerSec },
      { what: `check ${fmt(r.applicants)} applicants, again`, value: `${fmt(fileRate)} applicants/s`, goal: `≥ ${fmt(CHECK_GOALS.applicantsPerSec)} /s`, met: fileRate >= CHECK_GOALS.applicantsPerSec },
      { what: 'single check', value: `p95 ${fmt(r.singles.p95, 1)} ms (p50 ${fmt(r.singles.p50, 1)}, max ${fmt(r.singles.max, 1)}; n=${r.singles.n})`, goal: `p95 ≤ ${CHECK_GOALS.singleP95Ms} ms`, met: r.singles.p95 <= CHECK_GOALS.singleP95Ms },
    );
  }

  if (!process.argv.includes('--skip-cli')) {
    const runs = option('--cli-runs') ?? (quick ? 5 : 10);
    console.log(`\nF. Command line start-up: wall time from spawn to exit, ${runs} runs each (test/bench/cli-start.ts)`);
    const r = await benchCliStart({ runs, log: (line) => console.log(line) });
    console.log(cliTable(r));
    for (const row of r.rows.filter((x) => x.goal)) {
      summary.push({ what: `CLI start: ${row.what.replace('built CLI: ', '')}`, value: `p50 ${fmt(row.p50)} ms`, goal: `< ${CLI_GOAL_MS} ms`, met: row.p50 < CLI_GOAL_MS });
    }
    const beyond = r.info.p50 - r.info.deriveP50;
    summary.push({
      what: 'CLI: info beyond the password derivation',
      value: `p50 ${fmt(beyond)} ms (info ${fmt(r.info.p50)} − derivation ${fmt(r.info.deriveP50)}${r.info.cpuP50 === null ? '' : `; CPU ${fmt(r.info.cpuP50 - r.info.deriveCpuP50)}`})`,
      goal: `< ${INFO_GOAL_MS} ms`,
      met: beyond < INFO_GOAL_MS,
    });
    const bare = r.rows[0];
    summary.push({ what: 'bare Node start on this machine now', value: `p50 ${fmt(bare.p50)} ms`, goal: '', met: null });
  }

  if (!process.argv.includes('--skip-login')) {
    console.log('\nG. Login at the product\'s password cost (test/bench/login.ts)');
    const r = await benchLogin();
    console.log(loginTable(r));
    summary.push({ what: `login (${r.cost}), p50 of ${r.loginMs.n}`, value: `${fmt(r.loginMs.p50)} ms (max ${fmt(r.loginMs.max)})`, goal: '≤ about 1,000 ms', met: r.loginMs.p50 <= 1000 });
  }

  if (!process.argv.includes('--skip-stats')) {
    console.log(`\nH. Statistics over ${fmt(searchRecords)} records, 200 batches, 2,000 cases: the 统计 page and the monthly report (test/bench/statistics.ts)`);
    const { dbPath } = await searchDatabase(searchRecords);
    const r = await benchStatistics({ baseDbPath: dbPath, records: searchRecords, log: (line) => console.log(line) });
    console.log(`  ${fmt(r.records)} records, ${fmt(r.operations)} operations in ${r.batches} batches, ${fmt(r.cases)} cases${r.buildMs === null ? ' (cached)' : `, built in ${fmt(r.buildMs / 1000, 1)} s`}`);
    console.log(statsTable(r));
    console.log(`  load average before ${r.loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${r.loadAfter.map((l) => l.toFixed(2)).join(' ')}: on a shared machine wall time includes waiting for a core; CPU time is the work itself`);
    const both = (x: { wallMs: number; cpuMs: number }) => `${fmt(x.wallMs)} ms wall, ${fmt(x.cpuMs)} ms CPU`;
    summary.push(
      { what: "统计 page: first chart (the month's figures)", value: both(r.page.firstChart), goal: `< ${fmt(STATS_GOALS.firstChartMs)} ms`, met: r.page.firstChart.wallMs < STATS_GOALS.firstChartMs },
      { what: 'monthly report: figures', value: both(r.report.figures), goal: `< ${fmt(STATS_GOALS.reportMs)} ms`, met: r.report.figures.wallMs < STATS_GOALS.reportMs },
      { what: 'monthly report: PDF', value: both(r.report.pdf), goal: `< ${fmt(STATS_GOALS.pdfMs)} ms`, met: r.report.pdf.wallMs < STATS_GOALS.pdfMs },
    );
  }

  console.log(`\nSummary (load average now: ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  console.log(table(['figure', 'value', 'goal', 'met'], summary.map((r) => [r.what, r.value, r.goal, mark(r.met)])));
}

if (process.argv[2] === '--child') await serveChild(tasks as unknown as Record<string, (args: never) => Promise<unknown>>);
else await main();
