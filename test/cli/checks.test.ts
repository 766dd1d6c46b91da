/**
 * Shared lists and credit checks through the real command line, as the issue lists
 * the commands: `list pack` with a key made by `openssl genpkey`, `list pin`,
 * `list import` (a refusal exits 1 with its code), `list list`, `check --subject
 * --json` (its JSON shape), `check --file --out`, `check feedback`, and the next
 * batch's file passing `verify` with the feedback inside.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAdmin, cli, initDesk, onlyJson, type CliRun } from './run-cli';

const SLOW = 300_000;
const PASSWORDS: Record<string, string> = { clerk1: 'clerk-pass-1', boss: 'boss-pass-1' };
const COMPANY = '91130111MA0A1B2C2U';

let db = '';
let folder = '';
let keyFile = '';
let pubFile = '';

function as(login: string, args: string[]): Promise<CliRun> {
  return cli([...args, '--db', db, '--as', login], { CREDIT_DESK_PASSWORD: PASSWORDS[login] });
}

function ok(run: CliRun): CliRun {
  if (run.code !== 0) throw new Error(`exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run;
}

function jsonl(name: string, entries: Record<string, unknown>[]): string {
  const path = join(folder, name);
  writeFileSync(path, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return path;
}

const ENTRY = {
  name: '石家庄市栾城区失信商贸有限公司',
  code: COMPANY,
  listType: '严重失信主体名单',
  basis: '冀发改财金〔2026〕12号',
  listedOn: '2026-01-15',
  expires: null,
  measures: ['从严审核', '限制参与政府采购'],
};

const pack = (version: number, entries: string, out: string) =>
  cli(['list', 'pack', '--jsonl', entries, '--key', keyFile, '--name', '严重失信主体名单（栾城区）', '--list-type', '严重失信主体名单', '--issuer', '栾城区信用信息共享平台', '--version', String(version), '--out', out, '--json']);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'credit-desk-cli-checks-'));
  ({ db } = await initDesk(join(folder, 'department.db')));
  for (const [login, roles] of [['clerk1', 'clerk'], ['boss', 'approver']]) {
    ok(await asAdmin(db, ['user', 'add', '--login', login, '--name', `用户${login}`, '--role', roles], { CREDIT_DESK_NEW_PASSWORD: PASSWORDS[login] }));
  }
  keyFile = join(folder, 'platform.key.pem');
  pubFile = join(folder, 'platform.pub.pem');
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', keyFile]);
  execFileSync('openssl', ['pkey', '-in', keyFile, '-pubout', '-out', pubFile]);
}, SLOW);

describe('list pack, pin, import, list', () => {
  it('packs a list OpenSSL verifies; an unpinned signer is refused with its code (exit 1); after list pin it imports', async () => {
    const out = join(folder, 'list-v1.zip');
    const packed = onlyJson<{ out: string; version: number; count: number; listId: string; signed: { keyFingerprint: string } }>(ok(await pack(1, jsonl('v1.jsonl', [ENTRY]), out)));
    expect(packed).toMatchObject({ out, version: 1, count: 1 });
    // A bad line: exit 2 naming the line; nothing written.
    const bad = await pack(2, jsonl('bad.jsonl', [ENTRY, { ...ENTRY, listedOn: '2026/01/15' }]), join(folder, 'bad.zip'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/第 2 行：listedOn/);

    const refused = await asAdmin(db, ['list', 'import', out, '--json']);
    expect(refused.code).toBe(1);
    expect(onlyJson(refused)).toMatchObject({ ok: false, code: 'NO_PINNED_KEY' });
    const pinned = onlyJson<{ fingerprint: string }>(ok(await asAdmin(db, ['list', 'pin', '--pubkey', pubFile, '--label', '栾城区信用信息共享平台', '--json'])));
    expect(pinned.fingerprint).toBe(packed.signed.keyFingerprint);

    // Signed by another key: refused, with its code and reason on stderr.
    const otherKey = join(folder, 'other.key.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', otherKey]);
    const forged = join(folder, 'forged.zip');
    ok(await cli(['list', 'pack', '--jsonl', join(folder, 'v1.jsonl'), '--key', otherKey, '--name', '严重失信主体名单（栾城区）', '--list-type', '严重失信主体名单', '--issuer', '栾城区信用信息共享平台', '--version', '9', '--out', forged]));
    const unknown = await asAdmin(db, ['list', 'import', forged]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/不是已固定的平台公钥.*\[UNKNOWN_SIGNER\]/);

    const imported = onlyJson<{ ok: boolean; version: number; entryCount: number }>(ok(await asAdmin(db, ['list', 'import', out, '--json'])));
    expect(imported).toMatchObject({ ok: true, version: 1, entryCount: 1 });
    const again = await asAdmin(db, ['list', 'import', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[SAME_VERSION]');
    const v2 = join(folder, 'list-v2.zip');
    ok(await pack(2, jsonl('v2.jsonl', [ENTRY, { ...ENTRY, name: '王某某', code: '11010519491231002X', listType: '失信被执行人', measures: ['不予受理'] }]), v2));
    ok(await asAdmin(db, ['list', 'import', v2]));
    const older = await asAdmin(db, ['list', 'import', out]);
    expect(older.code).toBe(1);
    expect(older.stderr).toMatch(/第 1 版比已导入的第 2 版旧.*\[OLDER_VERSION\]/);

    const listed = ok(await as('clerk1', ['list', 'list']));
    expect(listed.stdout).toMatch(/严重失信主体名单（栾城区）\s+严重失信主体名单\s+联合惩戒\s+第 2 版/);
  }, SLOW);
});

describe('check', () => {
  let checkNo = '';

  it('check --subject --json prints {"checkNo","subject","matter","clean","hits":[{"source","list","version","basis","measures"}]}', async () => {
    const run = ok(await as('clerk1', ['check', '--subject', COMPANY, '--matter', '政府采购', '--json']));
    const json = onlyJson<{ checkNo: string; subject: unknown; matter: string; clean: boolean; hits: Record<string, unknown>[]; versions: unknown[] }>(run);
    expect(Object.keys(json).slice(0, 5)).toEqual(['checkNo', 'subject', 'matter', 'clean', 'hits']);
    expect(json).toMatchObject({ checkNo: expect.stringMatching(/^HC\d{4}-\d{6}$/), matter: '政府采购', clean: false });
    expect(Object.keys(json.hits[0]).slice(0, 5)).toEqual(['source', 'list', 'version', 'basis', 'measures']);
    expect(json.hits[0]).toMatchObject({ source: 'list', list: '严重失信主体名单（栾城区）', version: 2, basis: '冀发改财金〔2026〕12号', measures: ['限制参与政府采购'] });
    checkNo = json.checkNo;
    const text = ok(await as('clerk1', ['check', '--subject', '王某某', '--matter', '行政许可']));
    expect(text.stdout).toMatch(/发现 1 条记录/);
    expect(text.stdout).toContain('不予受理');
    expect(text.stdout).not.toContain('11010519491231002X');
    const clean = onlyJson<{ clean: boolean; versions: { version: number }[] }>(ok(await as('clerk1', ['check', '--subject', '91350200776049653A', '--matter', '其他', '--json'])));
    expect(clean).toMatchObject({ clean: true, versions: [{ version: 2 }] });
    const noMatter = await as('clerk1', ['check', '--subject', COMPANY, '--matter', '采购']);
    expect(noMatter.code).toBe(2);
  }, SLOW);

  it('check --file --out writes the result workbook; check feedback; the next batch carries the feedback and verifies', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('申请人');
    ws.addRow(['申请人', '统一社会信用代码']);
    ws.addRow(['石家庄市栾城区失信商贸有限公司', COMPANY]);
    ws.addRow(['清白公司', '91350200776049653A']);
    const applicants = join(folder, '申请人.xlsx');
    await wb.xlsx.writeFile(applicants);
    const out = join(folder, '核查结果.xlsx');
    const run = onlyJson<{ total: number; withHits: number; out: string }>(ok(await as('clerk1', ['check', '--file', applicants, '--matter', '财政资金', '--out', out, '--json'])));
    expect(run).toMatchObject({ total: 2, withHits: 1, out });
    const result = new ExcelJS.Workbook();
    await result.xlsx.readFile(out);
    expect(result.worksheets.map((w) => w.name)).toEqual(['核查汇总', '核查结果']);
    expect(result.worksheets[1].getRow(2).getCell(4).value).toBe('命中：失信 1 条');

    const fb = onlyJson<{ checkNo: string; measure: string; status: string }>(ok(await as('clerk1', ['check', 'feedback', checkNo, '--measure', '限制参与政府采购', '--note', '已书面告知', '--json'])));
    expect(fb).toMatchObject({ checkNo, measure: '限制参与政府采购', status: 'queued' });
    const prepared = onlyJson<{ batchId: number; counts: Record<string, Record<string, number>> }>(ok(await as('clerk1', ['batch', 'prepare', '--json'])));
    expect(prepared.counts).toEqual({ feedback: { 'sanction-feedback': 1 } });
    ok(await as('boss', ['key', 'generate']));
    ok(await as('boss', ['key', 'export', '--out', join(folder, 'boss.pem')]));
    ok(await as('boss', ['batch', 'approve', String(prepared.batchId)]));
    const exported = onlyJson<{ path: string }>(ok(await as('clerk1', ['batch', 'export', String(prepared.batchId), '--out', folder, '--json'])));
    const verified = onlyJson<{ ok: boolean; counts: unknown; members: { path: string }[] }>(ok(await cli(['verify', exported.path, '--pubkey', join(folder, 'boss.pem'), '--json'])));
    expect(verified).toMatchObject({ ok: true, counts: { feedback: { 'sanction-feedback': 1 } } });
    expect(verified.members.map((m) => m.path)).toEqual(['data/feedback.jsonl', 'data/feedback.xlsx']);
    expect(readFileSync(exported.path).length).toBeGreaterThan(0);
  }, SLOW);
});
