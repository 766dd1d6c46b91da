/**
 * Signed batches through the real command line: key generate/export/list,
 * batch prepare (JSON shape) / show (diffs, masked ID numbers) / approve /
 * reject / cancel / export, `verify` (exit 0 with a summary, also checked with
 * the real `openssl`; exit 1 with its own code for an unknown signer, a changed
 * byte, a replayed batch; exit 2 for a missing file), the preparer refused as
 * approver, and `receipt import` (counts; a second import refused).
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchOperationView, BatchView, ReceiptSummary, SigningKeyView } from '../../electron/contract/batches';
import { penaltyRow } from '../helpers';
import { asAdmin, cli, initDesk, onlyJson, type CliRun } from './run-cli';
import { platformReceipt } from '../receipts';
import { unzip } from '../zip';

const SLOW = 180_000;
const PASSWORDS: Record<string, string> = { clerk1: 'clerk-pass-1', boss: 'boss-pass-1', both: 'both-pass-1' };

let db = '';
let folder = '';

function as(login: string, args: string[]): Promise<CliRun> {
  return cli([...args, '--db', db, '--as', login], { CREDIT_DESK_PASSWORD: PASSWORDS[login] });
}

function ok(run: CliRun): CliRun {
  if (run.code !== 0) throw new Error(`exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run;
}

/** A 行政处罚 CSV (field codes as headers) with the penalties numbered `from`…`to`; the first may be a natural person. */
function penaltiesCsv(name: string, from: number, to: number, withPerson = false): string {
  const rows: Record<string, unknown>[] = [];
  for (let i = from; i <= to; i++) rows.push(penaltyRow({ CF_WSH: `栾市监罚〔2026〕${i}号`, CF_XDR_MC: `石家庄市栾城区第${i}商贸有限公司` }));
  if (withPerson) {
    rows[0] = penaltyRow({
      CF_WSH: `栾市监罚〔2026〕${from}号`,
      CF_XDR_MC: '王小明',
      CF_XDR_LB: '自然人',
      CF_XDR_SHXYM: null,
      CF_FRDB: null,
      CF_XDR_ZJLX: '身份证',
      CF_XDR_ZJHM: '11010519491231002X',
      CF_CFLB: '警告',
      CF_NR: '警告',
      CF_NR_FK: null,
    });
  }
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`);
  const path = join(folder, name);
  writeFileSync(path, `${[columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n')}\n`);
  return path;
}

async function importAs(login: string, csv: string): Promise<void> {
  const run = ok(await as(login, ['import', '--category', 'penalty', '--json', csv]));
  expect(onlyJson<{ rejected: number }>(run).rejected).toBe(0);
}


async function rezip(path: string, members: Map<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of members) zip.addBuffer(data, name, { mtime: new Date('2026-01-01T00:00:00Z') });
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(path)).on('close', () => resolve()).on('error', reject));
}

interface VerifyJson {
  ok: boolean;
  code?: string;
  reason?: string;
  batchId?: string;
  sequence?: number;
  operations?: number;
  counts?: Record<string, Record<string, number>>;
  department?: { name: string; uscc: string };
  approved?: { by: string; at: string };
  signerFingerprint?: string;
  manifestSm3?: string;
  signerChecked?: boolean;
}

const verify = async (args: string[]) => {
  const run = await cli(['verify', ...args, '--json']);
  return { run, json: onlyJson<VerifyJson>(run) };
};

// State built up in order by the tests below.
let first: BatchView;
let firstFile = '';
let secondFile = '';
let bossKey: { fingerprint: string; pem: string } = { fingerprint: '', pem: '' };

// One folder for the whole file (helpers' tempFolder is emptied after every test).
afterAll(() => rmSync(folder, { recursive: true, force: true }));

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'credit-desk-cli-batches-'));
  ({ db } = await initDesk(join(folder, 'department.db')));
  for (const [login, roles] of [['clerk1', 'clerk'], ['boss', 'approver'], ['both', 'clerk,approver']]) {
    ok(await asAdmin(db, ['user', 'add', '--login', login, '--name', `用户${login}`, '--role', roles], { CREDIT_DESK_NEW_PASSWORD: PASSWORDS[login] }));
  }
  await importAs('clerk1', penaltiesCsv('first.csv', 1, 3, true));
}, SLOW);

describe('batch prepare, keys, show, approve, export', () => {
  it('batch prepare --json prints {"batchId","sequence","operations"} first; a second prepare is refused (exit 1)', async () => {
    const run = ok(await as('clerk1', ['batch', 'prepare', '--json']));
    const json = onlyJson<BatchView>(run);
    expect(Object.keys(json).slice(0, 3)).toEqual(['batchId', 'sequence', 'operations']);
    expect(json).toMatchObject({ sequence: 1, operations: 3, state: 'prepared', counts: { penalty: { add: 3 } }, preparedBy: 'clerk1' });
    expect(Number.isInteger(json.batchId)).toBe(true);
    first = json;
    const [again, keyless] = await Promise.all([as('clerk1', ['batch', 'prepare']), as('boss', ['batch', 'approve', String(json.batchId)])]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('尚待审核');
    // No signing key yet: exit 1, saying which command makes one.
    expect(keyless.code).toBe(1);
    expect(keyless.stderr).toMatch(/key generate.*\[NOT_FOUND\]/);
  }, SLOW);

  it('key generate as the approver prints the fingerprint; key export writes the PEM with the same fingerprint; key list', async () => {
    const gen = ok(await as('boss', ['key', 'generate', '--json']));
    const key = onlyJson<SigningKeyView & { retired: number[] }>(gen);
    expect(key).toMatchObject({ login: 'boss', active: true, retired: [] });
    expect(key.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    // The PEM, also with the fingerprint; to a folder: the standard file name.
    const keys = join(folder, 'keys');
    mkdirSync(keys);
    const exported = ok(await as('boss', ['key', 'export', '--out', keys]));
    expect(exported.stdout).toContain(key.fingerprint);
    const pemFile = join(keys, `boss-sm2-${key.keyId}.pem`);
    bossKey = { fingerprint: key.fingerprint, pem: pemFile };
    expect(readFileSync(pemFile, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    // Without --out: only the PEM on stdout (redirectable), the fingerprint on stderr.
    const printed = ok(await as('boss', ['key', 'export']));
    expect(printed.stdout).toBe(readFileSync(pemFile, 'utf8'));
    expect(printed.stderr).toContain(key.fingerprint);
    // OpenSSL reads it as an SM2 key.
    expect(execFileSync('openssl', ['pkey', '-pubin', '-in', pemFile, '-noout', '-text']).toString()).toMatch(/SM2/);
    const list = onlyJson<{ keys: SigningKeyView[] }>(ok(await as('boss', ['key', 'list', '--json'])));
    expect(list.keys).toEqual([expect.objectContaining({ keyId: key.keyId, login: 'boss', active: true, fingerprint: key.fingerprint })]);
    // A clerk may not generate a key.
    const clerk = await as('clerk1', ['key', 'generate']);
    expect(clerk.code).toBe(1);
    expect(clerk.stderr).toContain('[FORBIDDEN]');
  }, SLOW);

  it('batch show lists the operations with their fields, ID numbers masked', async () => {
    const run = ok(await as('boss', ['batch', 'show', String(first.batchId), '--json']));
    const json = onlyJson<BatchView & { items: BatchOperationView[]; itemsTotal: number }>(run);
    expect(json).toMatchObject({ batchId: first.batchId, state: 'prepared', itemsTotal: 3 });
    expect(json.items).toHaveLength(3);
    const person = json.items.find((o) => o.subjectName === '王小明')!;
    const idNo = person.changes.find((c) => c.field === 'CF_XDR_ZJHM')!;
    expect(idNo.after).toBe('1101**********002X');
    expect(run.stdout).not.toContain('11010519491231002X');
    const text = ok(await as('boss', ['batch', 'show', String(first.batchId)]));
    expect(text.stdout).toContain('行政处罚决定书文号（CF_WSH）：栾市监罚〔2026〕2号');
    expect(text.stdout).not.toContain('11010519491231002X');
  }, SLOW);

  it('batch approve signs; batch export writes the standard file name into a folder, byte-identically again', async () => {
    const approved = onlyJson<BatchView>(ok(await as('boss', ['batch', 'approve', String(first.batchId), '--json'])));
    expect(approved).toMatchObject({ state: 'approved', decidedBy: 'boss', signerFingerprint: bossKey.fingerprint });
    expect(approved.fileName).toMatch(/^91350200776049653A-000001-\d{8}\.zip$/);
    const out = join(folder, 'out');
    mkdirSync(out);
    const exported = onlyJson<{ path: string; fileName: string; bytes: number }>(ok(await as('clerk1', ['batch', 'export', String(first.batchId), '--out', out, '--json'])));
    expect(exported.fileName).toBe(approved.fileName);
    expect(exported.path).toBe(join(out, approved.fileName!));
    expect(readdirSync(out)).toEqual([approved.fileName]); // no partial file left behind
    firstFile = exported.path;
    const copy = join(folder, 'copy.zip');
    ok(await as('boss', ['batch', 'export', String(first.batchId), '--out', copy]));
    expect(readFileSync(copy).equals(readFileSync(firstFile))).toBe(true);
  }, SLOW);
});

describe('verify', () => {
  it('a valid file: exit 0 with a summary; OpenSSL verifies the signature too', async () => {
    const { run, json } = await verify([firstFile]);
    expect(run.code).toBe(0);
    expect(json).toMatchObject({
      ok: true,
      batchId: '91350200776049653A-000001',
      sequence: 1,
      operations: 3,
      counts: { penalty: { add: 3 } },
      department: { uscc: '91350200776049653A' },
      approved: { by: 'boss' },
      signerFingerprint: bossKey.fingerprint,
      signerChecked: false,
    });
    expect(json.manifestSm3).toMatch(/^[0-9a-f]{64}$/);
    const text = await cli(['verify', firstFile]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('校验通过');
    expect(text.stdout).toContain(bossKey.fingerprint);
    expect(text.stdout).toContain(json.manifestSm3!);

    const members = await unzip(firstFile);
    const dir = join(folder, 'openssl');
    mkdirSync(dir);
    for (const name of ['manifest.json', 'manifest.sig', 'signer.pem']) writeFileSync(join(dir, name), members.get(name)!);
    const args = ['-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678'];
    expect(execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pem', ...args], { cwd: dir }).toString()).toContain('Signature Verified Successfully');
    // …and with the approver's exported key in place of the file's own signer.pem.
    expect(execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', bossKey.pem, ...args], { cwd: dir }).toString()).toContain('Signature Verified Successfully');
    // The member digests in the manifest are OpenSSL's SM3 of the members.
    const manifest = JSON.parse(members.get('manifest.json')!.toString('utf8')) as { members: { path: string; sm3: string }[] };
    for (const m of manifest.members) {
      const file = join(dir, m.path.replace('/', '-'));
      writeFileSync(file, members.get(m.path)!);
      expect(execFileSync('openssl', ['dgst', '-sm3', '-r', file]).toString().split(' ')[0]).toBe(m.sm3);
    }
  }, SLOW);

  it('--pubkey: the approver’s key → 0; another approver’s key → 1 UNKNOWN_SIGNER', async () => {
    ok(await as('both', ['key', 'generate']));
    const other = join(folder, 'other.pem');
    writeFileSync(other, ok(await as('both', ['key', 'export'])).stdout);
    const good = await verify([firstFile, '--pubkey', bossKey.pem]);
    expect(good.run.code).toBe(0);
    expect(good.json).toMatchObject({ ok: true, signerChecked: true });
    // Several keys (e.g. before and after a rotation): the signer is one of them.
    expect((await verify([firstFile, '--pubkey', other, '--pubkey', bossKey.pem])).run.code).toBe(0);
    const bad = await verify([firstFile, '--pubkey', other]);
    expect(bad.run.code).toBe(1);
    expect(bad.json).toMatchObject({ ok: false, code: 'UNKNOWN_SIGNER' });
    expect(bad.run.stderr).toContain('[UNKNOWN_SIGNER]');
  }, SLOW);

  it('one byte of a member changed → exit 1 MEMBER_DIGEST', async () => {
    const members = await unzip(firstFile);
    const data = Buffer.from(members.get('data/penalty.jsonl')!);
    data[20] ^= 1;
    members.set('data/penalty.jsonl', data);
    const tampered = join(folder, 'tampered.zip');
    await rezip(tampered, members);
    const { run, json } = await verify([tampered, '--pubkey', bossKey.pem]);
    expect(run.code).toBe(1);
    expect(json).toMatchObject({ ok: false, code: 'MEMBER_DIGEST' });
    expect(run.stderr).toMatch(/data\/penalty\.jsonl.*\[MEMBER_DIGEST\]/);
    const text = await cli(['verify', tampered]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('校验未通过');
  }, SLOW);

  it('--previous: the next batch follows; a replayed batch → exit 1 SEQUENCE_BREAK', async () => {
    await importAs('clerk1', penaltiesCsv('second.csv', 4, 5));
    const second = onlyJson<BatchView>(ok(await as('clerk1', ['batch', 'prepare', '--json'])));
    expect(second).toMatchObject({ sequence: 2, operations: 2 });
    ok(await as('boss', ['batch', 'approve', String(second.batchId)]));
    secondFile = join(folder, 'second.zip');
    ok(await as('boss', ['batch', 'export', String(second.batchId), '--out', secondFile]));
    const [chained, replayed, reversed] = await Promise.all([
      verify([secondFile, '--previous', firstFile, '--pubkey', bossKey.pem]),
      verify([firstFile, '--previous', firstFile]),
      verify([firstFile, '--previous', secondFile]),
    ]);
    expect(chained.run.code).toBe(0);
    expect(chained.json).toMatchObject({ ok: true, sequence: 2 });
    expect(replayed.run.code).toBe(1);
    expect(replayed.json).toMatchObject({ ok: false, code: 'SEQUENCE_BREAK' });
    expect(reversed.json).toMatchObject({ ok: false, code: 'SEQUENCE_BREAK' });
  }, SLOW);

  it('a broken previous file is named as such', async () => {
    const members = await unzip(firstFile);
    members.set('manifest.json', Buffer.from(members.get('manifest.json')!.toString().replace('"operations": 3', '"operations": 2')));
    const broken = join(folder, 'broken-first.zip');
    await rezip(broken, members);
    const { run, json } = await verify([secondFile, '--previous', broken]);
    expect(run.code).toBe(1);
    expect(json).toMatchObject({ ok: false, code: 'BAD_SIGNATURE', file: broken });
    expect(json.reason).toContain('上一批文件');
  }, SLOW);

  it('a missing file or public key is a usage error (exit 2); no database is needed', async () => {
    const notKey = join(folder, 'not-a-key.pem');
    writeFileSync(notKey, 'hello');
    const notZip = join(folder, 'not.zip');
    writeFileSync(notZip, 'not a zip');
    const [missing, none, noKeyFile, notAKey, malformed] = await Promise.all([
      cli(['verify', join(folder, 'nope.zip')]),
      cli(['verify']),
      cli(['verify', firstFile, '--pubkey', join(folder, 'nope.pem')]),
      cli(['verify', firstFile, '--pubkey', notKey]),
      verify([notZip]),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('不存在');
    expect(none.code).toBe(2);
    expect(noKeyFile.code).toBe(2);
    expect(notAKey.code).toBe(2);
    expect(notAKey.stderr).toContain('SM2 公钥');
    expect(malformed.run.code).toBe(1);
    expect(malformed.json).toMatchObject({ ok: false, code: 'MALFORMED' });
  }, SLOW);
});

describe('approving, sending back and cancelling', () => {
  it('the preparer cannot approve their own batch (exit 1); an approver sends it back; a clerk cancels', async () => {
    await importAs('both', penaltiesCsv('third.csv', 6, 6));
    const own = onlyJson<BatchView>(ok(await as('both', ['batch', 'prepare', '--json'])));
    const refused = await as('both', ['batch', 'approve', String(own.batchId)]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[FORBIDDEN]');
    expect(refused.stderr).toContain('本人准备');
    // Too short a reason: exit 2 naming --reason, before anything happens.
    const short = await as('boss', ['batch', 'reject', String(own.batchId), '--reason', '否']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--reason');
    const returned = onlyJson<BatchView>(ok(await as('boss', ['batch', 'reject', String(own.batchId), '--reason', '金额需要复核', '--json'])));
    expect(returned).toMatchObject({ state: 'returned', reason: '金额需要复核', decidedBy: 'boss' });
    // Its sequence number is given back; cancel it this time.
    const again = onlyJson<BatchView>(ok(await as('clerk1', ['batch', 'prepare', '--json'])));
    expect(again).toMatchObject({ sequence: 3, operations: 1 });
    const cancelled = onlyJson<BatchView>(ok(await as('clerk1', ['batch', 'cancel', String(again.batchId), '--reason', '暂缓报送', '--json'])));
    expect(cancelled).toMatchObject({ state: 'cancelled' });
    // Refusals of the batch's state are exit 1; exporting an unapproved batch too.
    expect((await as('clerk1', ['batch', 'cancel', String(again.batchId), '--reason', '再撤一次'])).code).toBe(1);
    expect((await as('clerk1', ['batch', 'export', String(again.batchId), '--out', join(folder, 'x.zip')])).code).toBe(1);
    const list = onlyJson<{ batches: BatchView[]; pending: { total: number } }>(ok(await as('clerk1', ['batch', 'list', '--json'])));
    expect(list.batches.map((b) => [b.sequence, b.state])).toEqual([
      [3, 'cancelled'],
      [3, 'returned'],
      [2, 'approved'],
      [1, 'approved'],
    ]);
    expect(list.pending.total).toBe(1);
    expect((await as('clerk1', ['batch', 'show', 'abc'])).code).toBe(2);
    expect((await as('clerk1', ['batch', 'show', '999'])).code).toBe(1);
  }, SLOW);
});

describe('receipt import', () => {
  it('imports a JSON receipt and prints the counts; a second import is refused (exit 1)', async () => {
    const members = await unzip(firstFile);
    const lines = members
      .get('data/penalty.jsonl')!
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { opId: string });
    const receipt = {
      format: 'credit-desk-receipt/1',
      batchId: '91350200776049653A-000001',
      results: lines.map((l, i) => (i === 1 ? { opId: l.opId, status: 'rejected', code: '1001', message: '名称与统一社会信用代码不匹配' } : { opId: l.opId, status: 'accepted' })),
    };
    // As the platform sends it: signed by its key, which the department pinned (issue 18).
    const path = join(folder, 'receipt.json');
    writeFileSync(path, Buffer.from(platformReceipt(db, receipt), 'base64'));
    const run = ok(await as('clerk1', ['receipt', 'import', path, '--json']));
    expect(onlyJson<ReceiptSummary>(run)).toMatchObject({ publicId: '91350200776049653A-000001', accepted: 2, rejected: 1, recordsUpdated: 3 });
    const text = await as('boss', ['receipt', 'import', path]);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('导入过');
    const search = onlyJson<{ items: { subjectName: string }[] }>(ok(await as('clerk1', ['search', '--state', 'rejected', '--json'])));
    expect(search.items).toHaveLength(1);
    // An unknown batch: refused, exit 1.
    const unknown = join(folder, 'unknown.json');
    writeFileSync(unknown, Buffer.from(platformReceipt(db, { ...receipt, batchId: '91350200776049653A-000009' }), 'base64'));
    expect((await as('clerk1', ['receipt', 'import', unknown])).code).toBe(1);
    expect((await as('clerk1', ['receipt', 'import', join(folder, 'receipt.txt')])).code).toBe(2);
  }, SLOW);
});
