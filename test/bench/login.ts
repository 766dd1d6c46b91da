/**
 * Login time at the product's password cost (scrypt N = 2^17, r = 8, p = 1):
 * a department made with the default cost in a temporary folder, then logins
 * through the core (`auth.login`: read the key file, derive, unwrap, open the
 * database, migrations check, audit). Also one scrypt derivation alone, and the
 * first login of an account whose key was made at the old cost (N = 2^15),
 * which derives twice (unlock, then re-wrap at the new cost).
 *
 *   npx tsx test/bench/login.ts [--logins N]      (also section D of npm run bench)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_KDF, deriveKey, newKdfParams } from '../../electron/core/auth/crypto';
import { createCore } from '../../electron/core/index';
import { fmt, latencyStats, table, type LatencyStats } from './lib';

const DEPARTMENT = { name: '石家庄市栾城区测试局', uscc: '91350200776049653A', regionCode: '130111', contactPerson: '', contactPhone: '' };

export interface LoginBench {
  cost: string;
  deriveMs: LatencyStats;
  loginMs: LatencyStats;
  /** CPU time (user + system) of each login: what it takes on an idle machine, whatever else runs. */
  loginCpuMs: LatencyStats;
  upgradeLoginMs: number;
}

async function timed<T>(fn: () => Promise<T>, cpu: number[] = []): Promise<[T, number]> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
  return [value, performance.now() - started];
}

export async function benchLogin(logins = 7): Promise<LoginBench> {
  const dir = mkdtempSync(join(tmpdir(), 'credit-desk-bench-login-'));
  try {
    const derive: number[] = [];
    for (let i = 0; i < 3; i++) {
      const params = newKdfParams(DEFAULT_KDF);
      derive.push((await timed(async () => deriveKey('bench-password-1', params)))[1]);
    }

    const dbPath = join(dir, 'department.db');
    const core = createCore({ dbPath }); // the product's cost
    const setup = await core.invoke('setup.initialize', { department: DEPARTMENT, admin: { login: 'admin', name: '管理员', password: 'bench-admin-pass' } });
    if (!setup.ok) throw new Error(setup.error.message);
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < logins; i++) {
      await core.invoke('auth.logout', {});
      const [result, ms] = await timed(() => core.invoke('auth.login', { login: 'admin', password: 'bench-admin-pass' }), cpu);
      if (!result.ok) throw new Error(result.error.message);
      times.push(ms);
    }
    core.close();

    // An account made at the old cost: its first login unlocks at 2^15, then re-wraps at 2^17.
    const oldPath = join(dir, 'old.db');
    const old = createCore({ dbPath: oldPath, kdfCost: { N: 1 << 15, r: 8, p: 1 } });
    const made = await old.invoke('setup.initialize', { department: DEPARTMENT, admin: { login: 'admin', name: '管理员', password: 'bench-admin-pass' } });
    if (!made.ok) throw new Error(made.error.message);
    old.close();
    const upgraded = createCore({ dbPath: oldPath });
    const [up, upgradeMs] = await timed(() => upgraded.invoke('auth.login', { login: 'admin', password: 'bench-admin-pass' }));
    if (!up.ok) throw new Error(up.error.message);
    upgraded.close();
    return { cost: `scrypt N=2^${Math.log2(DEFAULT_KDF.N)}, r=${DEFAULT_KDF.r}, p=${DEFAULT_KDF.p}`, deriveMs: latencyStats(derive), loginMs: latencyStats(times), loginCpuMs: latencyStats(cpu), upgradeLoginMs: upgradeMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function loginTable(r: LoginBench): string {
  return table(
    ['measurement', 'p50', 'max', 'goal'],
    [
      [`one derivation (${r.cost})`, `${fmt(r.deriveMs.p50)} ms`, `${fmt(r.deriveMs.max)} ms`, ''],
      [`auth.login through the core (n=${r.loginMs.n}), wall clock`, `${fmt(r.loginMs.p50)} ms`, `${fmt(r.loginMs.max)} ms`, '≤ about 1,000 ms'],
      ['  the same logins, CPU time of this process', `${fmt(r.loginCpuMs.p50)} ms`, `${fmt(r.loginCpuMs.max)} ms`, '(≈ wall clock when idle)'],
      ['first login of a key made at 2^15 (unlock + re-wrap)', `${fmt(r.upgradeLoginMs)} ms`, '', ''],
    ],
    ['l', 'r', 'r', 'l'],
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--logins');
  const r = await benchLogin(i > 0 ? Number(process.argv[i + 1]) : 7);
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
  console.log(loginTable(r));
}
