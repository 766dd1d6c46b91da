/**
 * Benchmark of signed batches (issue 4, item 11): prepare + approve (sign) +
 * export of an N-operation batch, and verify of the exported file.
 *
 *   npx tsx test/bench/batches.ts             100,000 operations
 *   npx tsx test/bench/batches.ts --quick     10,000 operations
 *   options: --operations N
 *
 * A temporary encrypted database (scrypt at a test cost) gets a department, a
 * clerk and an approver, then N 行政处罚 records, all pending: the penalty rows of
 * the demo generator (electron/core/demo/records.ts, realistic and valid),
 * each through validateRecord and written with insertRecord in transactions
 * of 10,000. Then, each phase in a fresh child process so that each peak RSS is
 * its own (process.memoryUsage().rss sampled every 50 ms):
 *   prepare  batches.prepare as the clerk (freezes the N operations);
 *   approve  batches.approve as the approver: builds the members (JSONL + xlsx,
 *            SM3 + SHA-256), writes the manifest and signs it, then builds the
 *            .zip once and stores it in the database (1 MiB chunks) in the
 *            approving transaction;
 *   export   batches.exportFile: copies the stored .zip to the file, checking its
 *            size and SHA-256 (batches approved by older versions, without a stored
 *            archive, are rebuilt instead; not measured here);
 *   verify   verifyBatchFile on the file (no database), as `verify` does.
 * Goals: export ≤ 10 s, verify ≤ 5 s, memory bounded (streamed members).
 * Prints figures; asserts nothing. `benchBatches` is also called by run.ts.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BatchView } from '../../electron/contract/batches';
import { verifyBatchFile } from '../../electron/core/batches/verify';
import type { CompiledCategory } from '../../electron/core/catalog/compile';
import { publicationForRecord } from '../../electron/core/catalog/publication';
import { getCompiledCategory } from '../../electron/core/catalog/registry';
import type { RecordValues } from '../../electron/core/catalog/types';
import { validateRecord } from '../../electron/core/catalog/validate';
import { demoRows } from '../../electron/core/demo/records';
import { Desk } from '../../electron/core/desk';
import { dispatch } from '../../electron/core/dispatch';
import { insertRecord } from '../../electron/core/records/service';
import { fmt, rssSampler, runChild, serveChild, table } from './lib';
import { afterUsersAdd } from '../first-login';

const FAST_KDF = { N: 1024, r: 8, p: 1 };
const DEPARTMENT = { name: '石家庄市栾城区基准测试局', uscc: '91350200776049653A', regionCode: '130111', contactPerson: '', contactPhone: '' };
const ADMIN = { login: 'admin', name: '管理员', password: 'bench-admin-1' };
const CLERK = { login: 'clerk', name: '录入员', roles: ['clerk'], password: 'bench-clerk-1' };
const APPROVER = { login: 'approver', name: '审核人', roles: ['approver'], password: 'bench-approver-1' };
const TRANSACTION = 10_000;

export const BATCH_GOALS = { exportMs: 10_000, verifyMs: 5_000, rssMiB: 500 };

export interface BatchBenchResult {
  operations: number;
  /** Creating the N pending records (setup, not a goal). */
  createMs: number;
  prepareMs: number;
  /** Sign: builds the members, the manifest, the signature, and stores the .zip. */
  approveMs: number;
  exportMs: number;
  verifyMs: number;
  /** The highest of the phases' peaks (each phase in its own process). */
  peakRssMb: number;
  peakRssByPhase: { prepare: number; approve: number; export: number; verify: number };
  fileBytes: number;
  members: { path: string; size: number }[];
  verified: boolean;
}

// ---------------------------------------------------------------------------------------
// In the children

async function call<T>(desk: Desk, method: string, input: unknown): Promise<T> {
  const result = await dispatch(desk, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  afterUsersAdd(desk.dbPath, method, input, true);
  return result.value as T;
}

async function openAs(dbPath: string, user: { login: string; password: string }): Promise<Desk> {
  const desk = new Desk({ dbPath, kdfCost: FAST_KDF });
  await call(desk, 'auth.login', { login: user.login, password: user.password });
  // The handler modules load on a session's first call to their group (issue 22 item 7), under
  // tsx about 200 ms, built about 45 ms: loaded before the phase is timed (bench F times start-up).
  await import('../../electron/core/handler-groups');
  return desk;
}

/** A department, a clerk, an approver with a signing key, and `operations` pending 行政处罚 records. */
async function create({ dbPath, operations }: { dbPath: string; operations: number }): Promise<{ ms: number }> {
  const desk = new Desk({ dbPath, kdfCost: FAST_KDF });
  await call(desk, 'setup.initialize', { department: DEPARTMENT, admin: ADMIN });
  await call(desk, 'users.add', CLERK);
  await call(desk, 'users.add', APPROVER);
  await call(desk, 'auth.logout', {});
  await call(desk, 'auth.login', APPROVER);
  await call(desk, 'keys.generate', { password: APPROVER.password });
  await call(desk, 'auth.logout', {});
  await call(desk, 'auth.login', CLERK);

  const started = performance.now();
  const db = desk.db;
  const today = new Date().toISOString().slice(0, 10);
  const penalty: CompiledCategory = getCompiledCategory('penalty');
  const write = db.transaction((rows: (string | null)[][]) => {
    const at = new Date().toISOString();
    for (const cells of rows) {
      const result = validateRecord(penalty, cells, { today });
      if (!result.ok) throw new Error(`generated row failed validation: ${result.errors.map((e) => e.message).join('; ')}`);
      const values: RecordValues = result.values;
      const publication = penalty.def.publication ? publicationForRecord(penalty.key, values, { asOf: today }) : null;
      const deadline = penalty.def.publication?.deadlineField;
      if (publication && deadline && !values[deadline]) values[deadline] = publication.publicationEnds;
      insertRecord(db, penalty, values, 'pending', { by: CLERK.login, at, action: 'create', publication });
    }
  });
  db.pragma(`cache_size = ${-Math.min(256 * 1024, Math.max(16 * 1024, Math.ceil(operations / 4)))}`);
  let pending: (string | null)[][] = [];
  let written = 0;
  // The demo generator's rows are about 40 % penalties: draw enough rows to keep N of them.
  for (const row of demoRows({ count: Math.ceil(operations * 3), today })) {
    if (written + pending.length >= operations) break;
    if (row.category !== 'penalty') continue;
    pending.push(row.cells);
    if (pending.length >= TRANSACTION) {
      write(pending);
      written += pending.length;
      pending = [];
    }
  }
  if (pending.length > 0) write(pending);
  written += pending.length;
  const ms = performance.now() - started;
  if (written !== operations) throw new Error(`generated ${written} penalty records, wanted ${operations}`);
  await call(desk, 'auth.logout', {});
  return { ms };
}

/** Runs `fn` with RSS sampled every 50 ms: its time and the process's peak RSS meanwhile. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakMiB: number }> {
  global.gc?.();
  const sampler = rssSampler(50);
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  return { value, ms, peakMiB: sampler.stop() };
}

async function prepare({ dbPath }: { dbPath: string }) {
  const desk = await openAs(dbPath, CLERK);
  try {
    const m = await measured(() => call<BatchView>(desk, 'batches.prepare', {}));
    return { batchId: m.value.batchId, operations: m.value.operations, ms: m.ms, peakMiB: m.peakMiB };
  } finally {
    desk.logout();
  }
}

async function approve({ dbPath, batchId }: { dbPath: string; batchId: number }) {
  const desk = await openAs(dbPath, APPROVER);
  try {
    const m = await measured(() => call<BatchView>(desk, 'batches.approve', { batchId, password: APPROVER.password }));
    return { state: m.value.state, ms: m.ms, peakMiB: m.peakMiB };
  } finally {
    desk.logout();
  }
}

async function exportFile({ dbPath, batchId, path }: { dbPath: string; batchId: number; path: string }) {
  const desk = await openAs(dbPath, APPROVER);
  try {
    const m = await measured(() => call<{ path: string }>(desk, 'batches.exportFile', { batchId, path }));
    return { ms: m.ms, peakMiB: m.peakMiB, bytes: statSync(path).size };
  } finally {
    desk.logout();
  }
}

async function verify({ path }: { path: string }) {
  const m = await measured(() => verifyBatchFile(path));
  return {
    ok: m.value.ok,
    code: m.value.code ?? null,
    reason: m.value.reason ?? null,
    members: (m.value.manifest?.members ?? []).map((x) => ({ path: x.path, size: x.size })),
    ms: m.ms,
    peakMiB: m.peakMiB,
  };
}

/** The phases, each run in a fresh child process (exported for profiling them one by one). */
export const batchTasks = { create, prepare, approve, export: exportFile, verify };

// ---------------------------------------------------------------------------------------
// The benchmark

const HERE = import.meta.url;

export async function benchBatches(opts: { operations: number; log?: (line: string) => void }): Promise<BatchBenchResult> {
  const log = opts.log ?? (() => undefined);
  const folder = mkdtempSync(join(tmpdir(), 'credit-desk-bench-batches-'));
  try {
    const dbPath = join(folder, 'department.db');
    log(`  creating ${fmt(opts.operations)} pending 行政处罚 records in ${dbPath} …`);
    const created = await runChild<{ ms: number }>(HERE, 'create', { dbPath, operations: opts.operations });
    log(`  … ${fmt(created.ms / 1000, 1)} s (${fmt((opts.operations / created.ms) * 1000)} records/s); database ${fmt(statSync(dbPath).size / 1024 / 1024)} MiB`);
    const prepared = await runChild<{ batchId: number; operations: number; ms: number; peakMiB: number }>(HERE, 'prepare', { dbPath });
    if (prepared.operations !== opts.operations) throw new Error(`prepared ${prepared.operations} operations, wanted ${opts.operations}`);
    log(`  prepare ${fmt(prepared.ms / 1000, 2)} s`);
    const approved = await runChild<{ state: string; ms: number; peakMiB: number }>(HERE, 'approve', { dbPath, batchId: prepared.batchId });
    log(`  approve ${fmt(approved.ms / 1000, 2)} s`);
    const path = join(folder, 'batch.zip');
    const exported = await runChild<{ ms: number; peakMiB: number; bytes: number }>(HERE, 'export', { dbPath, batchId: prepared.batchId, path });
    log(`  export ${fmt(exported.ms / 1000, 2)} s`);
    const verified = await runChild<{ ok: boolean; code: string | null; reason: string | null; members: { path: string; size: number }[]; ms: number; peakMiB: number }>(HERE, 'verify', { path });
    log(`  verify ${fmt(verified.ms / 1000, 2)} s${verified.ok ? '' : ` — FAILED ${verified.code}: ${verified.reason}`}`);
    const peakRssByPhase = { prepare: prepared.peakMiB, approve: approved.peakMiB, export: exported.peakMiB, verify: verified.peakMiB };
    return {
      operations: prepared.operations,
      createMs: created.ms,
      prepareMs: prepared.ms,
      approveMs: approved.ms,
      exportMs: exported.ms,
      verifyMs: verified.ms,
      peakRssMb: Math.max(...Object.values(peakRssByPhase)),
      peakRssByPhase,
      fileBytes: exported.bytes,
      members: verified.members,
      verified: verified.ok,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The figures with the goals beside them. */
export function batchTable(r: BatchBenchResult): string {
  const yes = (met: boolean) => (met ? 'yes' : 'NO');
  const s = (ms: number) => `${fmt(ms / 1000, 2)} s`;
  const ops = (ms: number) => `${fmt((r.operations / ms) * 1000)} ops/s`;
  const rss = r.peakRssByPhase;
  return table(
    ['phase', 'time', 'rate', 'peak RSS', 'goal', 'met'],
    [
      ['prepare (freeze operations)', s(r.prepareMs), ops(r.prepareMs), `${fmt(rss.prepare)} MiB`, '', ''],
      ['approve (members + SM2 signature + stored .zip)', s(r.approveMs), ops(r.approveMs), `${fmt(rss.approve)} MiB`, '', ''],
      ['export (copy the stored .zip, check SHA-256)', s(r.exportMs), ops(r.exportMs), `${fmt(rss.export)} MiB`, `≤ ${BATCH_GOALS.exportMs / 1000} s`, yes(r.exportMs <= BATCH_GOALS.exportMs)],
      ['prepare + approve + export', s(r.prepareMs + r.approveMs + r.exportMs), '', '', '', ''],
      ['verify (verifyBatchFile)', s(r.verifyMs), ops(r.verifyMs), `${fmt(rss.verify)} MiB`, `≤ ${BATCH_GOALS.verifyMs / 1000} s`, yes(r.verifyMs <= BATCH_GOALS.verifyMs && r.verified)],
      ['peak RSS, highest phase', '', '', `${fmt(r.peakRssMb)} MiB`, `< ${BATCH_GOALS.rssMiB} MiB`, yes(r.peakRssMb < BATCH_GOALS.rssMiB)],
    ],
    ['l', 'r', 'r', 'r', 'l', 'l'],
  );
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--operations');
  const operations = i >= 0 ? Number(process.argv[i + 1]) : process.argv.includes('--quick') ? 10_000 : 100_000;
  if (!Number.isInteger(operations) || operations < 1) throw new Error('--operations N: a positive whole number');
  console.log(`Signed batches: ${fmt(operations)} operations (行政处罚). Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`);
  const r = await benchBatches({ operations, log: (line) => console.log(line) });
  console.log('');
  console.log(batchTable(r));
  console.log(`\nfile: ${fmt(r.fileBytes)} bytes (${fmt(r.fileBytes / 1024 / 1024, 1)} MiB); members: ${r.members.map((m) => `${m.path} ${fmt(m.size / 1024 / 1024, 1)} MiB`).join(', ')}`);
  console.log(`verified: ${r.verified ? 'yes' : 'NO'}; creating the records (setup, not measured against a goal): ${fmt(r.createMs / 1000, 1)} s`);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  if (process.argv[2] === '--child') await serveChild(batchTasks as unknown as Record<string, (args: never) => Promise<unknown>>);
  else await main();
}
