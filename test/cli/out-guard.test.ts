/**
 * Issue 18, finding 4: `print credit-file --out dept.db` turned the open database
 * into a PDF. Every command that writes a file (`--out`, `--error-report`,
 * `--report`, `key export`, `backup create`) refuses the database, its key file,
 * WAL and side files (also under another name: a hard link), and any existing
 * file unless `--force`; it writes to a temporary file beside the target and
 * renames it, leaving nothing else behind.
 *
 * The command line runs in this process (`runCli` with its own streams), against a
 * department made through the core, so the many runs stay quick.
 */
import { linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchView, CheckResultView } from '../../electron/contract';
import type { CliIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run';
import { as, newCore, penaltyRow, setUp, value } from '../helpers';
import { entry, jsonlFile, opensslKey } from '../lists/helpers';

const PASSWORDS: Record<string, string> = { admin: 'admin-pass-1', clerk1: 'clerk-pass-1', boss: 'boss-pass-1', arch: 'arch-pass-12' };

let db = '';
let folder = '';
let csv = '';
let checkNo = '';

async function run(login: string | null, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const stdout = new PassThrough().setEncoding('utf8');
  const stderr = new PassThrough().setEncoding('utf8');
  stdout.on('data', (d: string) => (out.stdout += d));
  stderr.on('data', (d: string) => (out.stderr += d));
  const stdin = new PassThrough();
  stdin.end();
  const io: CliIo = { stdin, stdout, stderr, env: login ? { CREDIT_DESK_PASSWORD: PASSWORDS[login], CREDIT_DESK_KDF_N: '1024' } : { CREDIT_DESK_KDF_N: '1024' } };
  const code = await runCli(login ? [...args, '--db', db, '--as', login] : args, io);
  await new Promise((r) => setImmediate(r));
  return { code, ...out };
}

/** What each file-writing command is, with the option that names its output. */
function commands(): { name: string; login: string | null; args: (target: string) => string[]; option: string }[] {
  return [
    { name: 'print credit-file', login: 'arch', option: '--out', args: (t) => ['print', 'credit-file', '--subject', '91350200776049653A', '--out', t] },
    { name: 'print batch-sheet', login: 'arch', option: '--out', args: (t) => ['print', 'batch-sheet', '1', '--out', t] },
    { name: 'print key-sheet', login: 'arch', option: '--out', args: (t) => ['print', 'key-sheet', '--login', 'boss', '--out', t] },
    { name: 'print check', login: 'clerk1', option: '--out', args: (t) => ['print', 'check', checkNo, '--out', t] },
    { name: 'export', login: 'clerk1', option: '--out', args: (t) => ['export', '--category', 'penalty', '--out', t] },
    { name: 'import --error-report', login: 'clerk1', option: '--error-report', args: (t) => ['import', '--category', 'penalty', csv, '--error-report', t] },
    { name: 'import --report', login: 'clerk1', option: '--report', args: (t) => ['import', '--category', 'penalty', csv, '--report', t] },
    { name: 'key export', login: 'boss', option: '--out', args: (t) => ['key', 'export', '--out', t] },
    { name: 'batch export', login: 'clerk1', option: '--out', args: (t) => ['batch', 'export', '1', '--out', t] },
    { name: 'check --file', login: 'clerk1', option: '--out', args: (t) => ['check', '--file', csv, '--matter', '行政许可', '--out', t] },
  ];
}

/** Every file in the folder with its bytes (the department's own files included). */
function snapshot(): Map<string, string> {
  return new Map(readdirSync(folder).map((f) => [f, readFileSync(join(folder, f)).toString('base64')]));
}

afterAll(() => rmSync(folder, { recursive: true, force: true }));

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'credit-desk-out-guard-'));
  db = join(folder, 'dept.db');
  const core = newCore({ dbPath: db });
  await setUp(core);
  value(await core.invoke('users.add', { login: 'clerk1', name: '录入员', roles: ['clerk'], password: PASSWORDS.clerk1 }));
  value(await core.invoke('users.add', { login: 'boss', name: '负责人', roles: ['approver'], password: PASSWORDS.boss }));
  value(await core.invoke('users.add', { login: 'arch', name: '档案员', roles: ['archivist'], password: PASSWORDS.arch }));
  await as(core, 'boss', PASSWORDS.boss);
  value(await core.invoke('keys.generate', { password: PASSWORDS.boss }));
  await as(core, 'clerk1', PASSWORDS.clerk1);
  value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
  const batch = value<BatchView>(await core.invoke('batches.prepare', {}));
  checkNo = value<CheckResultView>(await core.invoke('checks.run', { subject: '91350200776049653A', matter: '行政许可' })).checkNo;
  await as(core, 'boss', PASSWORDS.boss);
  value(await core.invoke('batches.approve', { batchId: batch.batchId, password: PASSWORDS.boss }));
  value(await core.invoke('auth.logout', {}));
  core.close();
  // An import file with one row the import refuses (a bad 统一社会信用代码), so the error report has something to say.
  const row = penaltyRow({ CF_WSH: '栾市监罚〔2026〕99号', CF_XDR_SHXYM: '91350200776049653B' });
  csv = join(folder, 'rows.csv');
  writeFileSync(csv, `${Object.keys(row).join(',')}\n${Object.values(row).map((v) => `"${String(v)}"`).join(',')}\n`);
}, 120_000);

describe('every command that writes a file', () => {
  it('refuses the database, its key file, WAL and side files, also under another name, and changes nothing', async () => {
    // The department's side files as they are while it is in use.
    writeFileSync(`${db}-wal`, readFileSync(`${db}-wal`, { flag: 'a+' }));
    const alias = join(folder, 'alias.pdf');
    linkSync(db, alias);
    const targets = [db, `${db}.keys`, `${db}-wal`, `${db}.attempts`, `${db}.lock`, `${db}.keys.next`, alias];
    for (const c of commands()) {
      for (const target of targets) {
        const before = snapshot();
        const r = await run(c.login, c.args(target));
        expect(r.code, `${c.name} ${target}: ${r.stderr}`).toBe(2);
        expect(r.stderr, c.name).toContain('部门自己的文件');
        expect(r.stderr).toContain(c.option);
        expect(snapshot(), `${c.name} → ${target}`).toEqual(before);
      }
    }
    // backup create writes a new file into a folder: the database is no folder to write into.
    const r = await run('admin', ['backup', 'create', '--out', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('部门自己的文件');
  }, 600_000);

  it('refuses any existing file unless --force, then replaces it through a temporary file that is gone afterwards', async () => {
    for (const c of commands()) {
      const target = join(folder, `existing-${c.name.replace(/\W+/g, '-')}${c.name.startsWith('print') ? '.pdf' : c.name.includes('batch') ? '.zip' : c.name === 'key export' ? '.pem' : '.xlsx'}`);
      writeFileSync(target, 'a file someone keeps');
      const refused = await run(c.login, c.args(target));
      expect(refused.code, `${c.name}: ${refused.stderr}`).toBe(2);
      expect(refused.stderr).toContain('文件已存在');
      expect(readFileSync(target, 'utf8')).toBe('a file someone keeps');
      const forced = await run(c.login, [...c.args(target), '--force']);
      // An import that refused rows exits 3 (ROWS_REJECTED) with its reports written.
      expect(forced.code, `${c.name} --force: ${forced.stderr}`).toBe(c.name.startsWith('import') ? 3 : 0);
      expect(readFileSync(target, 'utf8')).not.toBe('a file someone keeps');
    }
    // A new file needs no --force; nothing temporary is left in the folder.
    const fresh = join(folder, 'new-credit-file.pdf');
    expect((await run('arch', ['print', 'credit-file', '--subject', '91350200776049653A', '--out', fresh])).code).toBe(0);
    expect(readFileSync(fresh).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(readdirSync(folder).filter((f) => f.includes('.partial'))).toEqual([]);
  }, 600_000);

  it('list pack (no department) refuses an existing file unless --force', async () => {
    const key = opensslKey(folder);
    const jsonl = jsonlFile([entry()], folder);
    const out = join(folder, 'list.zip');
    writeFileSync(out, 'keep');
    const args = ['list', 'pack', '--jsonl', jsonl, '--key', key.keyFile, '--name', '严重失信主体名单', '--list-type', '严重失信主体名单', '--issuer', '区平台', '--version', '1', '--out', out];
    const refused = await run(null, args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('文件已存在');
    expect(readFileSync(out, 'utf8')).toBe('keep');
    const forced = await run(null, [...args, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  }, 120_000);
});
