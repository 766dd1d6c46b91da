/**
 * Benchmark of printing (issue 10, item 8): the 信用档案 of one subject with N
 * 行政处罚 records, each with two versions, printed with its history.
 *
 *   npx tsx test/bench/print.ts              2,000 records
 *   npx tsx test/bench/print.ts --records N
 *
 * A temporary encrypted database gets a department, a clerk and an archivist,
 * and N penalties of one company written with insertRecord, each corrected once
 * with reviseRecord (so the history has two versions per record). Then, in a
 * fresh child process (its own peak RSS: the process's maxRSS, since the layout
 * runs synchronously and an RSS sampler cannot run meanwhile), the archivist prints the credit file twice through `print.creditFile`:
 * the first print pays for reading the bundled fonts and warming their tables
 * (as the first print after the app starts does), the second is the steady state.
 * Goals: at least 50 pages a second, peak memory under 300 MB.
 * Prints figures; asserts nothing. `benchPrint` is also called by run.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PrintPayload } from '../../electron/contract/print';
import { publicationForRecord } from '../../electron/core/catalog/publication';
import { getCompiledCategory } from '../../electron/core/catalog/registry';
import { validateRecord } from '../../electron/core/catalog/validate';
import { Desk } from '../../electron/core/desk';
import { dispatch } from '../../electron/core/dispatch';
import { insertRecord, reviseRecord } from '../../electron/core/records/service';
import { fmt, rssSampler, runChild, serveChild, table } from './lib';
import { afterUsersAdd } from '../first-login';

const FAST_KDF = { N: 1024, r: 8, p: 1 };
const DEPARTMENT = { name: '石家庄市栾城区基准测试局', uscc: '913502000728319549', regionCode: '130111', contactPerson: '', contactPhone: '' };
const ADMIN = { login: 'admin', name: '管理员', password: 'bench-admin-1' };
const CLERK = { login: 'clerk', name: '录入员', roles: ['clerk'], password: 'bench-clerk-1' };
const ARCHIVIST = { login: 'archivist', name: '档案员', roles: ['archivist'], password: 'bench-archivist-1' };
const SUBJECT = '91350200776049653A';

export const PRINT_GOALS = { pagesPerSec: 50, rssMiB: 300 };

export interface PrintBenchResult {
  records: number;
  createMs: number;
  first: { ms: number; pages: number; bytes: number };
  second: { ms: number; pages: number; bytes: number };
  peakMiB: number;
  /** RSS after the login and the module load, before the first print: what the print adds is peakMiB − this. */
  startMiB: number;
}

async function call<T>(desk: Desk, method: string, input: unknown): Promise<T> {
  const result = await dispatch(desk, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  afterUsersAdd(desk.dbPath, method, input, true);
  return result.value as T;
}

const KINDS = ['罚款', '警告;罚款', '没收违法所得;罚款', '警告', '通报批评'];

function penalty(i: number): Record<string, string> {
  const kinds = KINDS[i % KINDS.length];
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 28) + 1).padStart(2, '0');
  const year = 2020 + (i % 6);
  return {
    CF_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司',
    CF_XDR_LB: '法人及非法人组织',
    CF_XDR_SHXYM: SUBJECT,
    CF_FRDB: '王䶮',
    CF_WSH: `栾市监罚〔${year}〕${1000 + i}号`,
    CF_WFXW: '销售不符合食品安全标准的食品',
    CF_SY: `经查，当事人于${year}年${month}月销售超过保质期的食品共计${(i % 40) + 3}件，货值金额${(i % 90) + 10}元。`,
    CF_YJ: '《中华人民共和国食品安全法》第一百二十四条第一款',
    CF_CFLB: kinds,
    CF_NR: kinds.includes('罚款') ? `罚款人民币${(i % 9) + 1}千元${kinds.includes('没收') ? '，没收违法所得' : ''}` : '警告',
    ...(kinds.includes('罚款') ? { CF_NR_FK: String(((i % 9) + 1) / 10) } : {}),
    ...(kinds.includes('没收') ? { CF_NR_WFFF: '0.05' } : {}),
    CF_JDRQ: `${year}-${month}-${day}`,
    CF_YXQ: `${year + 1}-${month}-${day}`,
    CF_CFJG: '石家庄市栾城区市场监督管理局',
    CF_CFJGDM: '913502000728319549',
    CF_SJLY: '石家庄市栾城区市场监督管理局',
    CF_SJLYDM: '913502000728319549',
  };
}

/** The department and N records of one subject, each corrected once. */
async function create({ dbPath, records }: { dbPath: string; records: number }): Promise<{ ms: number }> {
  const desk = new Desk({ dbPath, kdfCost: FAST_KDF });
  await call(desk, 'setup.initialize', { department: DEPARTMENT, admin: ADMIN });
  await call(desk, 'users.add', CLERK);
  await call(desk, 'users.add', ARCHIVIST);
  const t0 = performance.now();
  const compiled = getCompiledCategory('penalty');
  const today = new Date().toISOString().slice(0, 10);
  const db = desk.db;
  db.transaction(() => {
    for (let i = 0; i < records; i++) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      const first = validateRecord(compiled, penalty(i), { today });
      if (!first.ok) throw new Error(first.errors.map((e) => e.message).join('; '));
      const publication = publicationForRecord('penalty', first.values, { asOf: today });
      const { id } = insertRecord(db, compiled, first.values, 'pending', { by: CLERK.login, at, action: 'create', publication });
      const corrected = validateRecord(compiled, { ...penalty(i), CF_SY: `${penalty(i).CF_SY}（经复核更正）` }, { today });
      if (!corrected.ok) throw new Error(corrected.errors.map((e) => e.message).join('; '));
      reviseRecord(db, compiled, id, corrected.values, { by: CLERK.login, at, action: 'edit', reason: '按决定书原文更正违法事实', publication });
    }
  })();
  const ms = performance.now() - t0;
  desk.logout();
  return { ms };
}

async function print({ dbPath }: { dbPath: string }) {
  const desk = new Desk({ dbPath, kdfCost: FAST_KDF });
  await call(desk, 'auth.login', { login: ARCHIVIST.login, password: ARCHIVIST.password });
  // The handler modules load on a session's first call to their group (issue 22 item 7): not the print's time.
  await import('../../electron/core/handler-groups');
  global.gc?.();
  const startMiB = process.memoryUsage().rss / 2 ** 20;
  const sampler = rssSampler(50);
  const once = async () => {
    const t0 = performance.now();
    const out = await call<PrintPayload>(desk, 'print.creditFile', { code: SUBJECT, withHistory: true });
    return { ms: performance.now() - t0, pages: out.pages, bytes: out.bytes };
  };
  const first = await once();
  const second = await once();
  // The layout is synchronous, so the sampler cannot run during it: the kernel's high-water mark is the true peak.
  const peakMiB = Math.max(sampler.stop(), process.resourceUsage().maxRSS / 1024);
  desk.logout();
  return { first, second, peakMiB, startMiB };
}

export const printTasks = { create, print };

export async function benchPrint(opts: { records: number; log?: (line: string) => void }): Promise<PrintBenchResult> {
  const log = opts.log ?? (() => undefined);
  const folder = mkdtempSync(join(tmpdir(), 'credit-desk-bench-print-'));
  try {
    const dbPath = join(folder, 'department.db');
    log(`  creating ${fmt(opts.records)} 行政处罚 records of one subject, two versions each …`);
    const created = await runChild<{ ms: number }>(import.meta.url, 'create', { dbPath, records: opts.records });
    const printed = await runChild<Omit<PrintBenchResult, 'records' | 'createMs'>>(import.meta.url, 'print', { dbPath });
    return { records: opts.records, createMs: created.ms, ...printed };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function printTable(r: PrintBenchResult): string {
  const rate = (x: { ms: number; pages: number }) => (x.pages / x.ms) * 1000;
  return table(
    ['print', 'pages', 'time', 'pages/s', 'file', 'goal'],
    [
      ['first print (reads and warms the fonts)', fmt(r.first.pages), `${fmt(r.first.ms / 1000, 2)} s`, fmt(rate(r.first), 1), `${fmt(r.first.bytes / 1024)} KiB`, ''],
      ['second print (steady state)', fmt(r.second.pages), `${fmt(r.second.ms / 1000, 2)} s`, fmt(rate(r.second), 1), `${fmt(r.second.bytes / 1024)} KiB`, `≥ ${PRINT_GOALS.pagesPerSec} pages/s`],
      ['peak RSS of the printing process', '', '', '', `${fmt(r.peakMiB)} MiB`, `< ${PRINT_GOALS.rssMiB} MB`],
      // This child runs under tsx, whose loader a built app does not carry: the print's own share is the difference.
      ['  of which before the first print (login, modules)', '', '', '', `${fmt(r.startMiB)} MiB`, ''],
    ],
    ['l', 'r', 'r', 'r', 'r', 'l'],
  );
}

if (process.argv[2] === '--child') {
  await serveChild(printTasks as unknown as Record<string, (args: never) => Promise<unknown>>);
} else if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--records');
  const records = i >= 0 ? Number(process.argv[i + 1]) : 2000;
  console.log(`Printing benchmark: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`);
  const r = await benchPrint({ records, log: (line) => console.log(line) });
  console.log(`  records created in ${fmt(r.createMs / 1000, 1)} s`);
  console.log(printTable(r));
}
