/**
 * Every kind of file the product reads, one entry each: how to make a valid
 * file, how to damage it, what reads it (the desk or the core function the
 * command line uses), and what must not have changed when it was refused.
 * A new kind is one more entry.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { BackupVerifyReport, VerifyReport } from '../../electron/contract';
import type { Result } from '../../electron/contract/errors';
import type { Core } from '../../electron/core';
import { RECEIPT_FORMAT, SIGNED_RECEIPT_FORMAT } from '../../electron/core/batches/format';
import { generateSigningKey, publicKeyPem, signSm2 } from '../../electron/core/batches/sm2';
import { verifyBatchFile } from '../../electron/core/batches/verify';
import { PENALTY_RULES_2026 } from '../../electron/core/catalog/publication-rules';
import { CoreError } from '../../electron/core/errors';
import { parseRuleTableFile } from '../../electron/core/rules/service';
import { parseCalendarFile } from '../../electron/core/io/json-table';
import { parsePrivateKeyPem } from '../../electron/core/batches/sm2';
import { entry, opensslKey, packed, type PlatformKey } from '../lists/helpers';
import { newCore, tempFolder } from '../helpers';
import { dbState, desk, expectDbUnchanged, folderState, PASSWORDS, placeDepartment, type DbState, type Fixture } from './fixture';
import { byteMutations, int, jsonFileMutations, pick, zipJsonMutation, zipMutation, zipMutations, type Mutation, type Random, type ZipMember } from './mutate';

export interface FileCase {
  fileName: string;
  bytes: Buffer;
}

/** A file read: accepted (it was valid after all), or refused with a code and a message for people. */
export type Outcome = { ok: true } | { ok: false; code: string; message: string };

export interface FuzzTarget<C = unknown, S = unknown> {
  kind: string;
  /** A valid file (`n`, the case number, for files that must differ from case to case). */
  valid(f: Fixture, n: number): Promise<FileCase> | FileCase;
  mutations(f: Fixture): Mutation[];
  /** What reads the files (a desk of its own); opened again after a file was accepted. */
  open(f: Fixture): Promise<C> | C;
  /** Puts the file where it is read from, when that is part of the department (a key file). */
  place?(c: C, file: FileCase): void;
  /** What must not change when the file is refused … */
  snapshot(c: C): Promise<S> | S;
  apply(c: C, file: FileCase): Promise<Outcome>;
  /** … checked here. */
  unchanged(c: C, before: S): Promise<void> | void;
  close(c: C): void;
}

const target = <C, S>(t: FuzzTarget<C, S>) => t as unknown as FuzzTarget;

const outcomeOf = (r: Result<unknown>): Outcome => (r.ok ? { ok: true } : { ok: false, code: r.error.code, message: r.error.message });
const base64 = (b: Buffer) => b.toString('base64');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// --- receipts --------------------------------------------------------------------------------

function receiptResults(f: Fixture) {
  return f.opIds.map((opId, i) => (i === 1 ? { opId, status: 'rejected', code: '1001', message: '名称与代码不符' } : { opId, status: 'accepted' }));
}

interface DeskContext {
  core: Core & { dbPath: string };
}

/** A desk that reads receipts or batch files: nothing in the database may change but refusals in the trail. */
function deskTarget(kind: string, login: 'clerk1' | 'admin' | 'boss', parts: Pick<FuzzTarget<DeskContext, DbState>, 'valid' | 'mutations' | 'apply'>) {
  return target<DeskContext, DbState>({
    kind,
    ...parts,
    open: async (f) => ({ core: await desk(f, login) }),
    snapshot: (c) => dbState(c.core.dbPath),
    unchanged: (c, before) => expectDbUnchanged(c.core.dbPath, before),
    close: (c) => c.core.close(),
  });
}

/** Unsigned receipts are imported by an approver who confirms them (issue 18). */
const receiptJson = deskTarget('receipt (JSON)', 'boss', {
  valid: (f) => ({ fileName: 'receipt.json', bytes: Buffer.from(JSON.stringify({ format: RECEIPT_FORMAT, batchId: f.manifest.batchId, results: receiptResults(f) }, null, 2)) }),
  mutations: () => [...byteMutations, ...jsonFileMutations],
  apply: async (c, file) => outcomeOf(await c.core.invoke('receipts.import', { fileName: file.fileName, content: base64(file.bytes), confirmUnsigned: true })),
});

type Cell = string | number | boolean | Date | null | { formula: string; result: string };

async function receiptWorkbook(rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date('2026-01-01T00:00:00Z');
  const ws = wb.addWorksheet('回执');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function receiptRows(f: Fixture): Cell[][] {
  return [['批次编号', '操作编号', '结果', '规则代码', '说明'], ...receiptResults(f).map((r) => [f.manifest.batchId, r.opId, r.status === 'accepted' ? '接收' : '退回', r.code ?? null, r.message ?? null])];
}

const CELL_VALUES: ((r: Random) => Cell)[] = [
  () => null,
  () => 42,
  () => -1e308,
  () => true,
  () => new Date('2026-02-30T00:00:00Z'),
  () => '',
  () => '  ',
  () => '长'.repeat(40_000),
  () => ({ formula: 'HYPERLINK("http://x","y")', result: '=cmd|/C calc' }),
  () => '\u0000\u0007',
  (r) => String(int(r, 1e9)),
];

/** Cells of the receipt changed (types, huge values, extra rows), written as a real workbook. */
function cellMutations(f: Fixture): Mutation[] {
  return [
    {
      name: 'cells: change some',
      async apply(_b, r) {
        const rows = receiptRows(f).map((row) => [...row]);
        for (let k = 0; k < 1 + int(r, 3); k++) rows[int(r, rows.length)][int(r, 5)] = pick(r, CELL_VALUES)(r);
        return receiptWorkbook(rows);
      },
    },
    {
      name: 'cells: many rows',
      async apply(_b, r) {
        const rows = receiptRows(f);
        const extra = Array.from({ length: 2000 + int(r, 8000) }, (_, i) => [f.manifest.batchId, `${f.uscc}-${100000 + i}`, '接收', null, null] as Cell[]);
        return receiptWorkbook([...rows, ...extra]);
      },
    },
    { name: 'cells: headers only', apply: () => receiptWorkbook(receiptRows(f).slice(0, 1)) },
    { name: 'cells: no headers', apply: () => receiptWorkbook(receiptRows(f).slice(1)) },
  ];
}

/** The parts of an .xlsx the reader opens. */
const READ_PARTS = (name: string) => /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/worksheets\/sheet\d+\.xml|xl\/sharedStrings\.xml|\[Content_Types\]\.xml)$/.test(name);

/** Damage inside the workbook's XML (cut, an external entity, huge numbers), the zip itself intact. */
const xmlMutations: Mutation[] = [
  zipMutation('xml: cut a part', (ms, r) => {
    const victim = pick(r, ms.filter((m) => READ_PARTS(m.name)));
    return ms.map((m) => (m === victim ? { ...m, data: m.data.subarray(0, int(r, m.data.length)) } : m));
  }),
  zipMutation('xml: external entity', (ms, r) => {
    const victim = pick(r, ms.filter((m) => READ_PARTS(m.name)));
    const text = victim.data.toString('utf8').replace(/^(<\?xml[^>]*\?>)?/, `$1<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>`).replace(/<t>/, '<t>&e;');
    return ms.map((m) => (m === victim ? { ...m, data: Buffer.from(text) } : m));
  }),
  zipMutation('xml: values replaced', (ms, r) =>
    ms.map((m) =>
      READ_PARTS(m.name) && r() < 0.7
        ? { ...m, data: Buffer.from(m.data.toString('utf8').replace(/<v>[^<]*<\/v>/g, () => `<v>${pick(r, ['9e999', '-1', 'NaN', '1'.repeat(500), '', '&amp;&lt;'])}</v>`)) }
        : m,
    ),
  ),
];

const receiptXlsx = deskTarget('receipt (XLSX)', 'boss', {
  valid: async (f) => ({ fileName: 'receipt.xlsx', bytes: await receiptWorkbook(receiptRows(f)) }),
  mutations: (f) => [...byteMutations, ...zipMutations(READ_PARTS), ...xmlMutations, ...cellMutations(f)],
  apply: async (c, file) => outcomeOf(await c.core.invoke('receipts.import', { fileName: file.fileName, content: base64(file.bytes), confirmUnsigned: true })),
});

// --- batch archives given to verify ----------------------------------------------------------

/** The manifest changed and signed again with the approver's key, so that the checks after the signature run. */
function resigned(f: Fixture) {
  return (ms: ZipMember[]) => {
    const manifest = ms.find((m) => m.name === 'manifest.json');
    if (!manifest) return ms;
    const signature = signSm2(manifest.data, f.approverKey);
    return ms.map((m) => (m.name === 'manifest.sig' ? { ...m, data: signature } : m));
  };
}

function batchMutations(f: Fixture): Mutation[] {
  return [
    ...byteMutations,
    ...zipMutations(),
    zipJsonMutation('manifest: change a field', 'manifest.json'),
    zipJsonMutation('manifest: change a field, signed again', 'manifest.json', resigned(f)),
    zipJsonMutation('manifest: change a field, signed again', 'manifest.json', resigned(f)),
    zipMutation('members: damage one, manifest signed again', (ms, r) => {
      const members = ms.filter((m) => !['manifest.json', 'manifest.sig', 'signer.pem'].includes(m.name));
      const victim = pick(r, members);
      const data = Buffer.from(victim.data);
      data[int(r, data.length)] ^= 0x20;
      return resigned(f)(ms.map((m) => (m === victim ? { ...m, data } : m)));
    }),
  ];
}

interface FolderContext {
  folder: string;
  fixture: Fixture;
}

const batchCore = target<FolderContext, Record<string, string>>({
  kind: 'batch archive (core verify)',
  valid: (f) => ({ fileName: 'batch.zip', bytes: f.batchZip }),
  mutations: batchMutations,
  open: (f) => ({ folder: tempFolder(), fixture: f }),
  place: (c, file) => writeFileSync(join(c.folder, file.fileName), file.bytes),
  snapshot: (c) => folderState(c.folder),
  async apply(c, file) {
    // What `credit-desk verify --pubkey` runs.
    const r = await verifyBatchFile(join(c.folder, file.fileName), { publicKeys: [publicKeyPem(c.fixture.approverKey.publicKey)] });
    return r.ok ? { ok: true } : { ok: false, code: r.code!, message: r.reason! };
  },
  unchanged: (c, before) => expect(folderState(c.folder)).toEqual(before),
  close: () => {},
});

const batchInApp = deskTarget('batch archive (in-app verify)', 'clerk1', {
  valid: (f) => ({ fileName: 'batch.zip', bytes: f.batchZip }),
  mutations: batchMutations,
  async apply(c, file) {
    const r = await c.core.invoke('batches.verify', { fileName: file.fileName, content: base64(file.bytes) });
    if (!r.ok) return outcomeOf(r);
    const report = r.value as VerifyReport;
    return report.ok ? { ok: true } : { ok: false, code: report.code ?? '', message: report.reason ?? '' };
  },
});

// --- rule tables -------------------------------------------------------------------------------

interface RulesState {
  db: DbState;
  rules: unknown;
}

const rules = target<DeskContext, RulesState>({
  kind: 'rule table (rules install)',
  // A version of its own per case: a damaged table that is still valid installs, and the next is new again.
  valid: (_f, n) => ({ fileName: 'rules.json', bytes: Buffer.from(JSON.stringify({ ...PENALTY_RULES_2026, version: `fuzz-${n}`, effectiveFrom: '2030-01-01' }, null, 2)) }),
  mutations: () => [...byteMutations, ...jsonFileMutations],
  open: async (f) => ({ core: await desk(f, 'admin') }),
  snapshot: async (c) => ({ db: dbState(c.core.dbPath), rules: await c.core.invoke('rules.list', {}) }),
  async apply(c, file) {
    // What `credit-desk rules install FILE` runs.
    let table: Record<string, unknown>;
    try {
      table = parseRuleTableFile(file.bytes);
    } catch (err) {
      if (err instanceof CoreError) return { ok: false, code: err.code, message: err.message };
      throw err;
    }
    return outcomeOf(await c.core.invoke('rules.install', { table }));
  },
  async unchanged(c, before) {
    expectDbUnchanged(c.core.dbPath, before.db);
    expect(await c.core.invoke('rules.list', {}), 'rule tables known to the process').toEqual(before.rules);
  },
  close: (c) => c.core.close(),
});

// --- key files -----------------------------------------------------------------------------------

interface KeyContext {
  fixture: Fixture;
  folder: string;
}

const keyFile = target<KeyContext, Record<string, string>>({
  kind: 'key file (opening a department)',
  valid: (f) => ({ fileName: 'department.db.keys', bytes: readFileSync(join(f.folder, 'department.db.keys')) }),
  mutations: () => [...byteMutations, ...jsonFileMutations],
  open: (f) => ({ fixture: f, folder: '' }),
  place(c, file) {
    c.folder = tempFolder();
    placeDepartment(c.fixture, c.folder, file.bytes);
  },
  // The database and key file exactly as they were; a failed login may record itself in the attempts file.
  snapshot: (c) => folderState(c.folder, (n) => n.endsWith('.attempts') || n.endsWith('.lock')),
  async apply(c) {
    const core = newCore({ dbPath: join(c.folder, 'department.db') });
    try {
      const status = await core.invoke('app.status', {});
      expect(status.ok, 'app.status answers').toBe(true);
      // Never a second department over this one, whatever the key file holds.
      const setup = await core.invoke('setup.initialize', {
        department: { name: '另一个部门', uscc: '91350200776049653A', regionCode: '130111' },
        admin: { login: 'admin', name: '管理员', password: 'another-pass-1' },
      });
      expect(setup.ok, 'setup over an existing department').toBe(false);
      const login = await core.invoke('auth.login', { login: 'admin', password: PASSWORDS.admin });
      return outcomeOf(login);
    } finally {
      core.close();
    }
  },
  unchanged: (c, before) => expect(folderState(c.folder, (n) => n.endsWith('.attempts') || n.endsWith('.lock'))).toEqual(before),
  close: () => {},
});

// --- backups ---------------------------------------------------------------------------------------

/** Members changed, then backup.json's sizes and digests made to match, so that the checks after the digests run. */
function withDigests(ms: ZipMember[]): ZipMember[] {
  const header = ms.find((m) => m.name === 'backup.json');
  if (!header) return ms;
  let h: { members?: { path: string; size: number; sha256: string }[] };
  try {
    h = JSON.parse(header.data.toString('utf8')) as typeof h;
  } catch {
    return ms;
  }
  if (!Array.isArray(h.members)) return ms;
  for (const entry of h.members) {
    const m = ms.find((x) => x.name === entry?.path);
    if (m && entry) Object.assign(entry, { size: m.data.length, sha256: sha(m.data) });
  }
  return ms.map((m) => (m === header ? { ...m, data: Buffer.from(JSON.stringify(h, null, 2)) } : m));
}

function backupMutations(): Mutation[] {
  const member = (name: string, change: (data: Buffer, r: Random) => Buffer) =>
    zipMutation(`${name}: damaged, digests fixed`, (ms, r) => withDigests(ms.map((m) => (m.name === name ? { ...m, data: change(m.data, r) } : m))));
  const flip = (data: Buffer, r: Random) => {
    const out = Buffer.from(data);
    for (let k = 0; k < 1 + int(r, 4); k++) out[int(r, out.length)] ^= 1 + int(r, 255);
    return out;
  };
  return [
    ...byteMutations,
    ...zipMutations(),
    zipJsonMutation('backup.json: change a field', 'backup.json'),
    zipJsonMutation('backup.json: change a field', 'backup.json'),
    member('department.db', flip),
    member('department.db', (d, r) => d.subarray(0, int(r, d.length))),
    member('department.db.keys', flip),
    zipJsonMutation('department.db.keys: change a field, digests fixed', 'department.db.keys', withDigests),
  ];
}

interface BackupContext extends DeskContext {
  folder: string;
}

interface BackupState {
  db: DbState;
  files: string[];
  keys: string;
}

function backupTarget(kind: string, read: (c: BackupContext, path: string) => Promise<Outcome>) {
  return target<BackupContext, BackupState>({
    kind,
    valid: (f) => ({ fileName: 'fuzz.cdbackup', bytes: f.backup }),
    mutations: backupMutations,
    open: async (f) => ({ core: await desk(f, 'admin'), folder: tempFolder() }),
    place: (c, file) => writeFileSync(join(c.folder, file.fileName), file.bytes),
    snapshot: (c) => ({ db: dbState(c.core.dbPath), files: Object.keys(folderState(join(c.core.dbPath, '..'))), keys: sha(readFileSync(`${c.core.dbPath}.keys`)) }),
    apply: (c, file) => read(c, join(c.folder, file.fileName)),
    unchanged(c, before) {
      expectDbUnchanged(c.core.dbPath, before.db);
      // Nothing set aside, no restored file half in place, no restore intent.
      expect(Object.keys(folderState(join(c.core.dbPath, '..'))), 'files of the department').toEqual(before.files);
      expect(sha(readFileSync(`${c.core.dbPath}.keys`)), 'key file').toBe(before.keys);
      expect(existsSync(`${c.core.dbPath}.restore`)).toBe(false);
    },
    close: (c) => c.core.close(),
  });
}

const backupVerify = backupTarget('backup (verify)', async (c, path) => {
  const r = await c.core.invoke('backup.verifyFile', { path, login: 'admin', password: PASSWORDS.admin });
  if (!r.ok) return outcomeOf(r);
  const report = r.value as BackupVerifyReport;
  const failed = report.checks.find((k) => !k.ok);
  if (report.ok) {
    expect(failed, 'a backup reported valid has no failed check').toBeUndefined();
    return { ok: true };
  }
  expect(failed, 'a backup reported invalid names the check that failed').toBeDefined();
  return { ok: false, code: 'BAD_FILE', message: `${failed!.name}：${failed!.message}` };
});

const backupRestore = backupTarget('backup (restore)', async (c, path) =>
  outcomeOf(await c.core.invoke('backup.restoreFile', { path, password: PASSWORDS.admin })),
);

// --- working-day calendars (calendar install) --------------------------------------------------

interface TableState {
  db: DbState;
  listed: unknown;
}

const calendar = target<DeskContext, TableState>({
  kind: 'calendar (calendar install)',
  // A version of its own per case (a damaged file that is still valid installs; the next is new again).
  valid: (_f, n) => ({
    fileName: 'calendar.json',
    bytes: Buffer.from(
      JSON.stringify(
        {
          format: 'credit-desk-calendar/1',
          region: 'CN',
          year: 2027,
          version: `fuzz-2027.${n}`,
          source: '测试用日历（非真实安排）',
          holidays: [
            { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
            { name: '春节', from: '2027-02-06', to: '2027-02-12' },
          ],
          workdays: [{ name: '春节调休', date: '2027-02-14' }],
        },
        null,
        2,
      ),
    ),
  }),
  mutations: () => [...byteMutations, ...jsonFileMutations],
  open: async (f) => ({ core: await desk(f, 'admin') }),
  snapshot: async (c) => ({ db: dbState(c.core.dbPath), listed: await c.core.invoke('calendar.list', {}) }),
  async apply(c, file) {
    // What `credit-desk calendar install FILE` runs.
    let table: Record<string, unknown>;
    try {
      table = parseCalendarFile(file.bytes);
    } catch (err) {
      if (err instanceof CoreError) return { ok: false, code: err.code, message: err.message };
      throw err;
    }
    return outcomeOf(await c.core.invoke('calendar.install', { table }));
  },
  async unchanged(c, before) {
    expectDbUnchanged(c.core.dbPath, before.db);
    expect(await c.core.invoke('calendar.list', {}), 'calendar years known to the process').toEqual(before.listed);
  },
  close: (c) => c.core.close(),
});

// --- shared lists (lists import) ---------------------------------------------------------------

/** The platform's key, made once by OpenSSL (as the platform would). */
let platform: PlatformKey | undefined;
const platformKey = () => (platform ??= opensslKey(tempFolder()));

/** The manifest changed and signed again with the platform's key: the checks after the signature run. */
function listResigned(ms: ZipMember[]): ZipMember[] {
  const manifest = ms.find((m) => m.name === 'manifest.json');
  if (!manifest) return ms;
  const signature = signSm2(manifest.data, parsePrivateKeyPem(platformKey().privatePem));
  return ms.map((m) => (m.name === 'manifest.sig' ? { ...m, data: signature } : m));
}

const sharedList = target<DeskContext, TableState>({
  kind: 'shared list (lists import)',
  // A newer version per case: an older or the same version is refused for that reason alone.
  async valid(_f, n) {
    const entries = [entry(), entry({ name: '石家庄市栾城区某某建材有限公司', code: '91130111MA0XXXXX0X' }), entry({ name: '无代码的个体户', code: null })];
    const path = await packed({ key: platformKey(), entries, version: n + 1 });
    return { fileName: 'list.zip', bytes: readFileSync(path) };
  },
  mutations: () => [
    ...byteMutations,
    ...zipMutations(),
    zipJsonMutation('manifest: change a field', 'manifest.json'),
    zipJsonMutation('manifest: change a field, signed again', 'manifest.json', listResigned),
    zipMutation('entries: damage a line, manifest signed again', (ms, r) => {
      const victim = ms.find((m) => m.name === 'data/entries.jsonl');
      if (!victim) return ms;
      const lines = victim.data.toString('utf8').split('\n');
      const i = int(r, lines.length);
      lines[i] = pick(r, ['{', '[]', 'null', '{"name":1}', lines[i].replace(/"code":"[^"]*"/, '"code":42'), '长'.repeat(5000)]);
      return listResigned(ms.map((m) => (m === victim ? { ...m, data: Buffer.from(lines.join('\n')) } : m)));
    }),
  ],
  async open(f) {
    const core = await desk(f, 'admin');
    const pinned = await core.invoke('lists.pin', { pem: platformKey().publicPem, label: '区信用信息共享平台（测试）' });
    if (!pinned.ok) throw new Error(`pinning the platform key: ${pinned.error.message}`);
    return { core };
  },
  snapshot: async (c) => ({ db: dbState(c.core.dbPath), listed: await c.core.invoke('lists.list', {}) }),
  apply: async (c, file) => outcomeOf(await c.core.invoke('lists.import', { fileName: file.fileName, content: base64(file.bytes) })),
  async unchanged(c, before) {
    expectDbUnchanged(c.core.dbPath, before.db);
    expect(await c.core.invoke('lists.list', {}), 'shared lists').toEqual(before.listed);
  },
  close: (c) => c.core.close(),
});

// --- signed receipts (credit-desk-receipt/2, issue 18) -------------------------------------------

/** Any text in a signed envelope, signed by the pinned platform key (so that the checks after the signature run). */
function platformSigned(text: string): Buffer {
  const key = parsePrivateKeyPem(platformKey().privatePem);
  const signature = signSm2(Buffer.from(text, 'utf8'), key).toString('base64');
  return Buffer.from(JSON.stringify({ format: SIGNED_RECEIPT_FORMAT, receipt: text, signature, signer: publicKeyPem(key.publicKey) }, null, 2));
}

/** The receipt inside the envelope damaged (bytes or JSON), then signed again by the platform. */
const innerResigned: Mutation = {
  name: 'signed: the receipt inside damaged, signed again',
  async apply(bytes, r) {
    const envelope = JSON.parse(bytes.toString('utf8')) as { receipt: string };
    const damage = pick(r, [...byteMutations, ...jsonFileMutations]);
    return platformSigned((await damage.apply(Buffer.from(envelope.receipt, 'utf8'), r)).toString('utf8'));
  },
};

/** The envelope's fields swapped for other values (the signature, the signer, the format). */
const envelopeFields: Mutation = {
  name: 'signed: an envelope field replaced',
  apply(bytes, r) {
    const envelope = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    const field = pick(r, ['format', 'receipt', 'signature', 'signer']);
    envelope[field] = pick(r, [null, 42, '', 'x'.repeat(3000), ['a'], { a: 1 }, publicKeyPem(generateSigningKey().publicKey), Buffer.alloc(72, 1).toString('base64'), 'credit-desk-receipt/1']);
    return Buffer.from(JSON.stringify(envelope));
  },
};

const signedReceipt = target<DeskContext, DbState>({
  kind: 'receipt (signed)',
  valid: (f) => ({ fileName: 'receipt.json', bytes: platformSigned(JSON.stringify({ format: RECEIPT_FORMAT, batchId: f.manifest.batchId, results: receiptResults(f) }, null, 2)) }),
  mutations: () => [...byteMutations, ...jsonFileMutations, innerResigned, innerResigned, envelopeFields],
  async open(f) {
    const core = await desk(f, 'admin');
    const pinned = await core.invoke('lists.pin', { pem: platformKey().publicPem, label: '区信用信息共享平台（测试）' });
    if (!pinned.ok) throw new Error(`pinning the platform key: ${pinned.error.message}`);
    await core.invoke('auth.logout', {});
    const login = await core.invoke('auth.login', { login: 'clerk1', password: PASSWORDS.clerk1 });
    if (!login.ok) throw new Error(login.error.message);
    return { core };
  },
  snapshot: (c) => dbState(c.core.dbPath),
  // A clerk imports a signed receipt; one that lost its signature is refused to a clerk (FORBIDDEN) — also a refusal.
  apply: async (c, file) => outcomeOf(await c.core.invoke('receipts.import', { fileName: file.fileName, content: base64(file.bytes) })),
  unchanged: (c, before) => expectDbUnchanged(c.core.dbPath, before),
  close: (c) => c.core.close(),
});

/** Every kind, in the order they run. */
export const TARGETS: FuzzTarget[] = [receiptJson, receiptXlsx, signedReceipt, batchCore, batchInApp, rules, calendar, sharedList, keyFile, backupVerify, backupRestore];
