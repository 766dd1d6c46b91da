/**
 * The built command line (out/main/cli.js, as the packaged app ships it): a file
 * of 1 MiB or more is parsed in the bundled import worker (out/main/import-worker.js),
 * which only the build produces. Runs after `npm run build`, with the browser tests.
 */
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DEPARTMENT } from '../../electron/core/demo/department';
import { generatePenaltyWorkbook, PENALTY_2016_COLUMNS, penaltyRowBothLayouts, prng } from '../bench/fixtures';
import { xlsBytes } from '../records/history-fixtures';
import { cleanEnv, ROOT } from '../cli/run-cli';
import { tempFolder } from '../helpers';

const BUILT_CLI = join(ROOT, 'out', 'main', 'cli.js');

function built(args: string[], password: string) {
  const run = spawnSync(process.execPath, [BUILT_CLI, ...args], { cwd: ROOT, env: cleanEnv({ CREDIT_DESK_PASSWORD: password }), encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the built command line', () => {
  it('imports a 1 MiB+ workbook through the bundled import worker', async () => {
    const folder = tempFolder();
    const db = join(folder, 'department.db');
    const file = join(folder, 'penalties.xlsx');
    await generatePenaltyWorkbook(file, 8000);
    expect(statSync(file).size).toBeGreaterThanOrEqual(1024 * 1024);

    const demo = built(['demo', '--db', db, '--admin', 'admin', '--records', '0', '--json'], 'admin-pass-1');
    expect(demo.code, demo.stderr).toBe(0);
    const clerk = (JSON.parse(demo.stdout) as { users: { login: string; password?: string; roles: string[] }[] }).users.find((u) => u.roles.includes('clerk'))!;

    const imported = built(['import', '--db', db, '--as', clerk.login, '--category', 'penalty', file, '--json'], clerk.password!);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 8000, rejected: 0, duplicates: 0 });
  });

  it('imports a 1 MiB+ legacy .xls of the 2016 layout as history: the bundled import worker starts the bundled .xls worker', async () => {
    const folder = tempFolder();
    const db = join(folder, 'department.db');
    const file = join(folder, '处罚2016.xls');
    const rand = prng(7);
    writeFileSync(file, xlsBytes(PENALTY_2016_COLUMNS, Array.from({ length: 6000 }, (_, i) => penaltyRowBothLayouts(i, rand, DEMO_DEPARTMENT).layout2016)));
    expect(statSync(file).size).toBeGreaterThanOrEqual(1024 * 1024);

    const demo = built(['demo', '--db', db, '--admin', 'admin', '--records', '0', '--json'], 'admin-pass-1');
    expect(demo.code, demo.stderr).toBe(0);
    const clerk = (JSON.parse(demo.stdout) as { users: { login: string; password?: string; roles: string[] }[] }).users.find((u) => u.roles.includes('clerk'))!;
    const imported = built(['import', '--db', db, '--as', clerk.login, '--category', 'penalty', '--already-reported', file, '--json'], clerk.password!);
    const result = JSON.parse(imported.stdout) as { imported: number; rejected: number; queued: number; generation: { key: string } };
    expect(result.generation.key).toBe('penalty-2016');
    expect(result.imported + result.rejected).toBe(6000);
    expect(result.imported).toBeGreaterThan(5900);
    expect(result.queued).toBe(0);
  });
});
