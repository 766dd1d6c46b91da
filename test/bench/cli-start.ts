/**
 * How fast the command line starts (issue 12, item 15): wall time of a child
 * process from spawn to exit, median of several runs, for
 *
 *   node -e ""                         bare Node, the floor on this machine at this moment
 *   node out/main/cli.js help          the built command line (package.json "bin": credit-desk)
 *   node out/main/cli.js verify <zip>  checking a small signed batch (no database, no login)
 *   node scripts/cli.mjs help          what `npm run cli -- help` runs (the rebuild check included;
 *                                      npm's own start-up comes on top)
 *   node --import tsx electron/cli.ts help   the previous way: transpiling the sources at every start
 *   node out/main/cli.js info …        a command that logs in and opens the database (issue 22
 *                                      item 7), on a small department made at the product's
 *                                      password cost, beside one scrypt derivation at that cost
 *                                      timed in this process between the runs
 *
 * Goals: help and verify under 0.5 s; info within 0.4 s plus the derivation. Each
 * child's CPU time (user + system, from /proc on Linux) is shown too: on a machine
 * busy with other work the wall times swing, the CPU times much less. Runnable
 * alone: `npx tsx test/bench/cli-start.ts [--runs N]`.
 */
import { letOffFirstLoginChange } from '../first-login';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BatchView, FilePayload } from '../../electron/contract';
import { DEFAULT_KDF, deriveKey, newKdfParams } from '../../electron/core/auth/crypto';
import { createCore } from '../../electron/core/index';
import { fmt, latencyStats, table } from './lib';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FAST_KDF = { N: 1024, r: 8, p: 1 };
export const CLI_GOAL_MS = 500;
/** `info`, beyond the password derivation. */
export const INFO_GOAL_MS = 400;

export interface CliStartResult {
  runs: number;
  rows: { what: string; command: string; p50: number; max: number; cpuP50: number | null; goal: boolean }[];
  info: { p50: number; max: number; cpuP50: number | null; deriveP50: number; deriveMax: number; deriveCpuP50: number };
}

async function ok<T>(p: Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
}

/** A department with three records in one signed, exported batch: the file to verify. */
async function smallBatch(folder: string): Promise<string> {
  const core = letOffFirstLoginChange(createCore({ dbPath: join(folder, 'department.db'), kdfCost: FAST_KDF }), join(folder, 'department.db'));
  try {
    await ok(core.invoke('setup.initialize', { department: { name: '石家庄市栾城区测试局', uscc: '91350200776049653A', regionCode: '130111' }, admin: { login: 'admin', name: '管理员', password: 'admin-pass-1' } }));
    await ok(core.invoke('users.add', { login: 'clerk', name: '录入员', roles: ['clerk'], password: 'clerk-pass-1' }));
    await ok(core.invoke('users.add', { login: 'boss', name: '负责人', roles: ['approver'], password: 'boss-pass-1' }));
    await ok(core.invoke('auth.logout', {}));
    await ok(core.invoke('auth.login', { login: 'clerk', password: 'clerk-pass-1' }));
    const base = {
      CF_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司',
      CF_XDR_LB: '法人及非法人组织',
      CF_XDR_SHXYM: '91350200776049653A',
      CF_WFXW: '销售过期食品',
      CF_SY: '经查，当事人销售超过保质期的食品。',
      CF_YJ: '《中华人民共和国食品安全法》第一百二十四条',
      CF_CFLB: '罚款',
      CF_NR: '罚款人民币五千元',
      CF_NR_FK: '0.5',
      CF_JDRQ: '2026-03-02',
      CF_YXQ: '2027-03-02',
      CF_CFJG: '石家庄市栾城区市场监督管理局',
      CF_CFJGDM: '913502000728319549',
      CF_SJLYDM: '913502000728319549',
    };
    for (let i = 1; i <= 3; i++) await ok(core.invoke('records.create', { category: 'penalty', values: { ...base, CF_WSH: `栾市监罚〔2026〕${i}号` } }));
    const batch = await ok<BatchView>(core.invoke('batches.prepare', {}));
    await ok(core.invoke('auth.logout', {}));
    await ok(core.invoke('auth.login', { login: 'boss', password: 'boss-pass-1' }));
    await ok(core.invoke('keys.generate', { password: 'boss-pass-1' }));
    await ok(core.invoke('batches.approve', { batchId: batch.batchId, password: 'boss-pass-1' }));
    const file = await ok<FilePayload>(core.invoke('batches.export', { batchId: batch.batchId }));
    const path = join(folder, file.fileName);
    writeFileSync(path, Buffer.from(file.content, 'base64'));
    return path;
  } finally {
    core.close();
  }
}

/** CPU time (ms) of this process's finished children, from /proc (Linux); null elsewhere. */
function childrenCpuMs(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    // After the command name: state is field 3; cutime and cstime are fields 16 and 17, in ticks of 1/100 s.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

function run(args: string[], env: NodeJS.ProcessEnv = process.env, expectCode = 0): { ms: number; cpuMs: number | null } {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  const cpu1 = childrenCpuMs();
  if (child.status !== expectCode) throw new Error(`${args.join(' ')} exited with ${child.status}: ${child.stderr}`);
  return { ms, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

function time(args: string[], expectCode = 0): number {
  return run(args, process.env, expectCode).ms;
}

/** A department with no records whose administrator's key is at the product's password cost. */
async function smallDepartment(folder: string): Promise<{ dbPath: string; password: string }> {
  const dbPath = join(folder, 'small.db');
  const password = 'admin-pass-1';
  const core = createCore({ dbPath });
  try {
    await ok(core.invoke('setup.initialize', { department: { name: '石家庄市栾城区测试局', uscc: '91350200776049653A', regionCode: '130111' }, admin: { login: 'admin', name: '管理员', password } }));
  } finally {
    core.close();
  }
  return { dbPath, password };
}

const median = (xs: number[]) => latencyStats(xs).p50;

export async function benchCliStart(options: { runs: number; log?: (line: string) => void }): Promise<CliStartResult> {
  const log = options.log ?? (() => {});
  // Brings out/main/cli.js up to date first (a build when the sources changed; not timed).
  time(['scripts/cli.mjs', 'help']);
  const folder = mkdtempSync(join(tmpdir(), 'credit-desk-cli-bench-'));
  try {
    const zip = await smallBatch(folder);
    log(`  batch file: ${zip}`);
    const cases: { what: string; args: string[]; runs: number; goal: boolean }[] = [
      { what: 'bare Node (node -e "")', args: ['-e', ''], runs: options.runs, goal: false },
      { what: 'built CLI: help', args: ['out/main/cli.js', 'help'], runs: options.runs, goal: true },
      { what: 'built CLI: verify of a 3-operation batch', args: ['out/main/cli.js', 'verify', zip], runs: options.runs, goal: true },
      { what: 'npm run cli path: node scripts/cli.mjs help', args: ['scripts/cli.mjs', 'help'], runs: options.runs, goal: false },
      { what: 'before: tsx electron/cli.ts help', args: ['--import', 'tsx', 'electron/cli.ts', 'help'], runs: Math.min(3, options.runs), goal: false },
    ];
    const rows: CliStartResult['rows'] = [];
    for (const c of cases) {
      time(c.args); // warm the file cache
      const samples = Array.from({ length: c.runs }, () => run(c.args));
      const s = latencyStats(samples.map((x) => x.ms));
      const cpu = samples.every((x) => x.cpuMs !== null) ? median(samples.map((x) => x.cpuMs!)) : null;
      rows.push({ what: c.what, command: `node ${c.args.join(' ').replace(zip, '<batch.zip>')}`, p50: s.p50, max: s.max, cpuP50: cpu, goal: c.goal });
    }

    // `info` logs in (one derivation at the product's cost), opens the database, reads, logs out.
    const small = await smallDepartment(folder);
    const infoArgs = ['out/main/cli.js', 'info', '--db', small.dbPath, '--as', 'admin'];
    const env: NodeJS.ProcessEnv = { ...process.env, CREDIT_DESK_PASSWORD: small.password };
    for (const k of Object.keys(env)) if (k.startsWith('CREDIT_DESK_') && k !== 'CREDIT_DESK_PASSWORD') delete env[k];
    run(infoArgs, env);
    const info: { ms: number; cpuMs: number | null }[] = [];
    const derive: number[] = [];
    const deriveCpu: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      info.push(run(infoArgs, env));
      const params = newKdfParams(DEFAULT_KDF);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      deriveKey('bench-password-1', params);
      derive.push(performance.now() - t0);
      const used = process.cpuUsage(cpu0);
      deriveCpu.push((used.user + used.system) / 1000);
    }
    const s = latencyStats(info.map((x) => x.ms));
    const d = latencyStats(derive);
    const cpu = info.every((x) => x.cpuMs !== null) ? median(info.map((x) => x.cpuMs!)) : null;
    log(`  info: ${info.map((x) => fmt(x.ms)).join(' ')} ms; derivations: ${derive.map((x) => fmt(x)).join(' ')} ms`);
    return { runs: options.runs, rows, info: { p50: s.p50, max: s.max, cpuP50: cpu, deriveP50: d.p50, deriveMax: d.max, deriveCpuP50: median(deriveCpu) } };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function cliTable(r: CliStartResult): string {
  const i = r.info;
  return table(
    ['command', `p50 ms (n=${r.runs})`, 'max ms', 'CPU p50 ms', 'goal'],
    [
      ...r.rows.map((row) => [row.what, fmt(row.p50), fmt(row.max), row.cpuP50 === null ? '' : fmt(row.cpuP50), row.goal ? `< ${CLI_GOAL_MS} ms` : '']),
      ['built CLI: info on a small department (logs in at N=2^17)', fmt(i.p50), fmt(i.max), i.cpuP50 === null ? '' : fmt(i.cpuP50), ''],
      ['  one scrypt derivation at that cost, in this process', fmt(i.deriveP50), fmt(i.deriveMax), fmt(i.deriveCpuP50), ''],
      ['  info beyond the derivation (info − derivation, p50s)', fmt(i.p50 - i.deriveP50), fmt(i.max - i.deriveP50), i.cpuP50 === null ? '' : fmt(i.cpuP50 - i.deriveCpuP50), `< ${INFO_GOAL_MS} ms`],
    ],
    ['l', 'r', 'r', 'r', 'l'],
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const at = process.argv.indexOf('--runs');
  const runs = at > 0 ? Number(process.argv[at + 1]) : 10;
  const r = await benchCliStart({ runs, log: (l) => console.log(l) });
  console.log(cliTable(r));
}
