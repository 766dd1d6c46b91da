/**
 * Crash injection (issue 11 item 11): a process doing real work through the core
 * — importing, approving batches, exporting, disabling users (re-keying),
 * changing a password, migrating an older database, backing up — is killed with
 * SIGKILL at random moments of that work. After each kill the department is
 * opened again the way the app does (createCore, login), and:
 *
 * - the database and key file open with every remaining account and the recovery code;
 * - SQLite's integrity check passes and the audit chain verifies;
 * - nothing committed is lost (every piece of work the child reported done is there);
 * - nothing half done is visible: no half import, no approved batch without its
 *   archive, no disabled person with a key copy, no file under its final name
 *   that is incomplete, no plaintext temporary file left behind.
 *
 * Restore (issue 18) is a few file operations around longer checks, so random
 * moments would seldom fall between them: the child numbers the operations
 * that change a department file and stops at a chosen one, where it is killed
 * (one kill per stretch of the restore, the point within it drawn from the seed).
 *
 * CRASH_KILLS kills per kind of work (default 8: 64 in all); `npm run soak` runs more.
 * The random moments come from CRASH_SEED (printed), so a failure can be replayed.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerifyResult, BackupInfo, BatchView, DeskInfo } from '../../electron/contract';
import { unlockHolder } from '../../electron/core/auth/keys';
import { verifyBackup } from '../../electron/core/backup/service';
import { verifyBatchFile } from '../../electron/core/batches/verify';
import { mulberry32 } from '../../electron/core/demo/records';
import { readSpreadsheetRows } from '../../electron/core/io/rows';
import { openEncrypted, type SqliteDatabase } from '../../electron/core/store/database';
import { keyFilePath, nextKeyFilePath, readKeyFile } from '../../electron/core/store/keyfile';
import { extractMember, KEYS_MEMBER, openBackup } from '../../electron/core/backup/format';
import { parseKeyFile } from '../../electron/core/store/keyfile';
import { appSchemaVersion, defaultMigrationsFolder } from '../../electron/core/store/migrate';
import { tempRoot } from '../../electron/core/tempfiles';
import { createOlderDepartment, errorOf, newCore, olderMigrations, penaltyRow, setUp, tempFolder, value } from '../helpers';
import { penaltyCsv } from '../fixtures/scripts/crash-child-rows';
import { bundleChild, runAndKill, type ChildMessage, type KilledRun } from './harness';

const KILLS = Number(process.env.CRASH_KILLS ?? 8);
const SEED = process.env.CRASH_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.CRASH_SEED);
const TIMEOUT = Math.max(240_000, KILLS * 40_000);

let child = '';
let removeBundle = () => {};
const tally = { injected: 0, survived: 0, duringWork: 0, byScenario: {} as Record<string, number> };

beforeAll(async () => {
  const bundle = await bundleChild();
  child = bundle.child;
  removeBundle = bundle.remove;
}, 120_000);

afterAll(() => {
  removeBundle();
  const line = `crash injection (CRASH_SEED=${SEED}): ${tally.injected} kills injected (${tally.duringWork} while work was under way), ${tally.survived} survived every check — ${Object.entries(tally.byScenario).map(([k, n]) => `${k} ${n}`).join(', ')}`;
  console.log(line);
  mkdirSync(join(__dirname, '../../test-results'), { recursive: true });
  writeFileSync(join(__dirname, '../../test-results/crash-injection.json'), JSON.stringify({ seed: SEED, ...tally }, null, 2));
});

interface Account {
  login: string;
  password: string;
}

interface Department {
  dbPath: string;
  work: string;
  recoveryCode: string;
  accounts: Account[];
}

const RECOVERY = 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE';

/** A department with an administrator, a clerk and an approver with a signing key. */
async function department(): Promise<Department> {
  const core = newCore();
  const { recoveryCode } = await setUp(core);
  value(await core.invoke('users.add', { login: 'clerk1', name: '录入员', roles: ['clerk'], password: 'clerk-pass-12' }));
  value(await core.invoke('users.add', { login: 'boss', name: '负责人', roles: ['approver'], password: 'boss-pass-123' }));
  value(await core.invoke('auth.logout', {}));
  value(await core.invoke('auth.login', { login: 'boss', password: 'boss-pass-123' }));
  value(await core.invoke('keys.generate', { password: 'boss-pass-123' }));
  core.close();
  const work = tempFolder();
  mkdirSync(join(work, 'backups'));
  return {
    dbPath: core.dbPath,
    work,
    recoveryCode,
    accounts: [
      { login: 'admin', password: 'admin-pass-1' },
      { login: 'clerk1', password: 'clerk-pass-12' },
      { login: 'boss', password: 'boss-pass-123' },
    ],
  };
}

function rawOpenAs(dbPath: string, account: Account): SqliteDatabase {
  const unlocked = unlockHolder(readKeyFile(keyFilePath(dbPath)), account.login, account.password);
  if (!unlocked) throw new Error(`${account.login} cannot unlock the key file`);
  return openEncrypted(dbPath, unlocked.dataKey);
}

/**
 * Opens the department again as the app does and checks what every kill must
 * leave: accounts and recovery code open it, integrity, the audit chain, no
 * interrupted key change or restore left, no temporary file of the dead process.
 */
async function reopenAndCheck(d: Department, dead: KilledRun): Promise<void> {
  const core = newCore({ dbPath: d.dbPath });
  // The dead child's temporary files went when this core started.
  const leftovers = readdirSync(tempRoot()).filter((n) => n.startsWith(`${dead.pid}-`) || n === `${dead.pid}.partials`);
  expect(leftovers, 'temporary files of the killed process').toEqual([]);
  for (const [n, account] of d.accounts.entries()) {
    const login = await core.invoke('auth.login', account);
    expect(login.ok, `${account.login}: ${JSON.stringify(login)}`).toBe(true);
    if (n === 0) {
      expect(value<AuditVerifyResult>(await core.invoke('audit.verify', {})).ok, 'audit chain').toBe(true);
    }
    value(await core.invoke('auth.logout', {}));
  }
  core.close();
  expect(existsSync(nextKeyFilePath(d.dbPath)), '.keys.next left').toBe(false);
  expect(readKeyFile(keyFilePath(d.dbPath)).intent, 'key change left unfinished').toBeUndefined();
  const db = rawOpenAs(d.dbPath, d.accounts[0]);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
  const recovery = unlockHolder(readKeyFile(keyFilePath(d.dbPath)), '#recovery', d.recoveryCode);
  expect(recovery, 'the recovery code').not.toBeNull();
  openEncrypted(d.dbPath, recovery!.dataKey, { readonly: true }).close();
}

/** A kill moment: uniform over the work's measured duration (a guess until one piece has completed). */
function delays(seed: number, guessMs: number) {
  const random = mulberry32(seed);
  const seen: number[] = [];
  return {
    next: () => Math.floor(random() * 1.2 * (seen.length ? seen.reduce((a, b) => a + b, 0) / seen.length : guessMs)),
    learn: (run: KilledRun) => seen.push(...run.durations),
  };
}

async function kill(scenario: string, d: Department, round: number, delay: () => number, adminPassword = d.accounts[0].password): Promise<KilledRun> {
  const run = await runAndKill(child, [scenario, d.dbPath, d.work, String(round), adminPassword], delay);
  tally.injected++;
  // Killed while a piece of work was under way (begun, not reported done), not between two.
  if (run.messages.filter((m) => m.t === 'begin').length > run.messages.filter((m) => m.t === 'done').length) tally.duringWork++;
  return run;
}

function survived(scenario: string): void {
  tally.survived++;
  tally.byScenario[scenario] = (tally.byScenario[scenario] ?? 0) + 1;
}

function rawBatches(d: Department): { id: number; state: string }[] {
  const db = rawOpenAs(d.dbPath, d.accounts[0]);
  try {
    return db.prepare('SELECT id, state FROM batches').all() as { id: number; state: string }[];
  } finally {
    db.close();
  }
}

// --- restore -----------------------------------------------------------------------------

const OLDER_NO = '栾市监罚〔2026〕701号';
const NEWER_NO = '栾市监罚〔2026〕702号';
const LEAVER = { login: 'leaver', password: 'leaver-pass-1' };

interface RestoreSetup {
  /** The department before the restore (copied for each kill): a record after the backup, the leaver disabled since. */
  template: string;
  recoveryCode: string;
  backup: string;
  /** The count of newer changes the restore is confirmed with. */
  discardNewer: number;
  /** The leaver's key copy in the backup: it must not open a restored database. */
  leaverKeyInBackup: Buffer;
}

/**
 * A department backed up with a record and an account (the leaver) in it; after the
 * backup the leaver is disabled (so the restore re-keys) and a newer record is added
 * (so the restore discards it, confirmed with the count the restore asks for).
 */
async function restoreSetup(): Promise<RestoreSetup> {
  const d = await department();
  const core = newCore({ dbPath: d.dbPath });
  const as = async (login: string, password: string) => {
    await core.invoke('auth.logout', {});
    value(await core.invoke('auth.login', { login, password }));
  };
  await as('admin', 'admin-pass-1');
  value(await core.invoke('users.add', { login: LEAVER.login, name: '调离者', roles: ['clerk'], password: LEAVER.password }));
  await as('clerk1', 'clerk-pass-12');
  value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: OLDER_NO }) }));
  await as('admin', 'admin-pass-1');
  const info = value<BackupInfo>(await core.invoke('backup.createFile', { folder: join(d.work, 'backups') }));
  value(await core.invoke('users.disable', { login: LEAVER.login, reason: '调离', password: 'admin-pass-1' }));
  await as('clerk1', 'clerk-pass-12');
  value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: NEWER_NO }) }));
  await as('admin', 'admin-pass-1');
  const asked = errorOf(await core.invoke('backup.restoreFile', { path: info.path, password: 'admin-pass-1' }));
  expect(asked.code).toBe('CONFIRMATION_REQUIRED');
  const plan = (asked.details as { plan: { newer: { records: number; auditEntries: number }; keepDisabled: string[] } }).plan;
  expect(plan.newer.records).toBe(1);
  expect(plan.keepDisabled).toEqual([LEAVER.login]);
  core.close();
  const opened = await openBackup(info.path);
  let keys: Buffer;
  try {
    keys = (await extractMember(opened, KEYS_MEMBER))!;
  } finally {
    opened.zip.close();
  }
  const leaver = unlockHolder(parseKeyFile(keys.toString('utf8'), 'backup'), LEAVER.login, LEAVER.password);
  expect(leaver, 'the leaver’s copy in the backup').not.toBeNull();
  return { template: d.dbPath, recoveryCode: d.recoveryCode, backup: info.path, discardNewer: plan.newer.auditEntries, leaverKeyInBackup: leaver!.dataKey };
}

/** A fresh copy of the department before the restore. */
function restoreTarget(setup: RestoreSetup, accounts: Account[]): Department {
  const d: Department = { dbPath: join(tempFolder(), 'department.db'), work: tempFolder(), recoveryCode: setup.recoveryCode, accounts };
  copyFileSync(setup.template, d.dbPath);
  copyFileSync(keyFilePath(setup.template), keyFilePath(d.dbPath));
  return d;
}

const restoreArgs = (setup: RestoreSetup, d: Department, round: number, stopAt: number) => [
  'restore', d.dbPath, d.work, String(round), d.accounts[0].password, setup.backup, String(setup.discardNewer), String(stopAt),
];

/** The department's folder holds its files (and, after a restore, the ones set aside) and nothing else. */
function strayFiles(dbPath: string): string[] {
  const own = new Set(['department.db', 'department.db.keys', 'department.db.lock', 'department.db.attempts']);
  return readdirSync(dirname(dbPath)).filter((n) => !own.has(n) && !/\.replaced-\d{8}T\d{6}$/.test(n));
}

/**
 * After a kill: the old database with all its data (the newer record, the leaver
 * disabled), or the restored one complete (the backup's record only, the restore in
 * its trail, the leaver disabled and its key copy of the backup's key no longer
 * opening it, the old files set aside intact) — exactly one of the two.
 */
async function oldOrRestored(d: Department, setup: RestoreSetup): Promise<'old' | 'restored'> {
  const db = rawOpenAs(d.dbPath, d.accounts[0]);
  let facts: { numbers: string[]; restores: number; leaverActive: number };
  try {
    facts = {
      numbers: db.prepare('SELECT decision_no FROM records ORDER BY id').pluck().all() as string[],
      restores: db.prepare(`SELECT count(*) FROM audit_log WHERE method = 'backup.restore'`).pluck().get() as number,
      leaverActive: db.prepare('SELECT active FROM users WHERE login = ?').pluck().get(LEAVER.login) as number,
    };
  } finally {
    db.close();
  }
  const state = facts.restores === 1 && facts.numbers.length === 1 ? 'restored' : 'old';
  if (state === 'old') expect(facts, 'the old database, whole').toEqual({ numbers: [OLDER_NO, NEWER_NO], restores: 0, leaverActive: 0 });
  else expect(facts, 'the restored database, whole').toEqual({ numbers: [OLDER_NO], restores: 1, leaverActive: 0 });
  expect(readKeyFile(keyFilePath(d.dbPath)).holders.map((h) => h.id), 'key copies').not.toContain(LEAVER.login);
  expect(() => openEncrypted(d.dbPath, setup.leaverKeyInBackup, { readonly: true }).close(), 'the backup’s key opens the database').toThrow();
  const core = newCore({ dbPath: d.dbPath });
  expect((await core.invoke('auth.login', LEAVER)).ok, 'the leaver logs in').toBe(false);
  core.close();
  const setAside = readdirSync(dirname(d.dbPath)).filter((n) => n.includes('.replaced-'));
  if (state === 'old') expect(setAside, 'files set aside without a restore').toEqual([]);
  else {
    // The old files were set aside, never deleted: they still open, with the newer record.
    const db = setAside.find((n) => /^department\.db\.replaced-/.test(n));
    const keys = setAside.find((n) => /^department\.db\.keys\.replaced-/.test(n));
    expect(db && keys, `set aside: ${setAside.join(', ')}`).toBeTruthy();
    const unlocked = unlockHolder(readKeyFile(join(dirname(d.dbPath), keys!)), 'admin', d.accounts[0].password)!;
    const copy = join(tempFolder(), 'set-aside.db'); // opened as a copy: SQLite adds side files beside what it opens
    copyFileSync(join(dirname(d.dbPath), db!), copy);
    const old = openEncrypted(copy, unlocked.dataKey, { readonly: true });
    try {
      expect(old.prepare('SELECT decision_no FROM records ORDER BY id').pluck().all()).toEqual([OLDER_NO, NEWER_NO]);
    } finally {
      old.close();
    }
  }
  expect(strayFiles(d.dbPath), 'files the restore left behind').toEqual([]);
  return state;
}

/** `count` kill points spread over `n`: one drawn from each of `count` equal stretches, so all distinct. */
function spreadPoints(n: number, count: number, seed: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, k) => {
    const lo = Math.floor((k * n) / count);
    const hi = Math.floor(((k + 1) * n) / count);
    return lo + Math.floor(random() * (hi - lo));
  });
}

const done = (run: KilledRun) => run.messages.filter((m) => m.t === 'done');
const begun = (run: KilledRun) => run.messages.filter((m) => m.t === 'begin');

describe(`crash injection (CRASH_SEED=${SEED}, ${KILLS} kills per kind of work)`, () => {
  it('import: a whole import or none of it', { timeout: TIMEOUT }, async () => {
    const d = await department();
    const when = delays(SEED + 1, 1500);
    for (let round = 0; round < KILLS; round++) {
      const run = await kill('import', d, round, when.next);
      when.learn(run);
      await reopenAndCheck(d, run);
      const db = rawOpenAs(d.dbPath, d.accounts[0]);
      try {
        for (const m of begun(run)) {
          const n = db.prepare(`SELECT count(*) FROM records WHERE decision_no LIKE ?`).pluck().get(`栾罚${String(m.tag)}-%`) as number;
          expect([0, 400], `import ${String(m.tag)}`).toContain(n);
          if (done(run).some((x) => x.tag === m.tag)) expect(n, `committed import ${String(m.tag)}`).toBe(400);
        }
      } finally {
        db.close();
      }
      survived('import');
    }
  });

  it('batch approval: approved with its whole stored archive, or still prepared', { timeout: TIMEOUT }, async () => {
    const d = await department();
    const when = delays(SEED + 2, 2500);
    for (let round = 0; round < KILLS; round++) {
      const run = await kill('approve', d, round, when.next);
      when.learn(run);
      await reopenAndCheck(d, run);
      const db = rawOpenAs(d.dbPath, d.accounts[0]);
      try {
        const batches = db.prepare('SELECT id, state FROM batches').all() as { id: number; state: string }[];
        for (const b of batches) {
          const archive = db.prepare('SELECT size, sha256 FROM batch_archives WHERE batch_id = ?').get(b.id) as { size: number; sha256: string } | undefined;
          const chunks = db.prepare('SELECT bytes FROM batch_archive_chunks WHERE batch_id = ? ORDER BY seq').pluck().all(b.id) as Buffer[];
          if (b.state === 'approved') {
            expect(archive, `batch ${b.id} approved without its archive`).toBeDefined();
            const bytes = Buffer.concat(chunks);
            expect(bytes.length).toBe(archive!.size);
            expect(createHash('sha256').update(bytes).digest('hex')).toBe(archive!.sha256);
          } else {
            expect(archive, `batch ${b.id} (${b.state}) has an archive`).toBeUndefined();
            expect(chunks).toHaveLength(0);
          }
        }
        for (const m of done(run)) expect(batches.find((b) => b.id === m.batchId)?.state, `committed approval of ${String(m.batchId)}`).toBe('approved');
      } finally {
        db.close();
      }
      survived('approve');
      // A batch the kill left prepared is cancelled, so that the clerk can prepare the next one.
      const open = rawBatches(d).find((b) => b.state === 'prepared');
      if (open) {
        const core = newCore({ dbPath: d.dbPath });
        value(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-12' }));
        value(await core.invoke('batches.cancel', { batchId: open.id, reason: '崩溃测试后撤销' }));
        core.close();
      }
    }
    // Every approved batch exports and verifies.
    const core = newCore({ dbPath: d.dbPath });
    value(await core.invoke('auth.login', { login: 'boss', password: 'boss-pass-123' }));
    for (const b of value<BatchView[]>(await core.invoke('batches.list', {})).filter((x) => x.state === 'approved')) {
      const path = join(d.work, `check-${b.batchId}.zip`);
      value(await core.invoke('batches.exportFile', { batchId: b.batchId, path }));
      expect((await verifyBatchFile(path)).ok).toBe(true);
    }
  });

  it('export: a file under its final name is complete; nothing partial is left', { timeout: TIMEOUT }, async () => {
    const d = await department();
    {
      // Records and an approved batch to export.
      const core = newCore({ dbPath: d.dbPath });
      value(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-12' }));
      const csv = join(d.work, 'seed.csv');
      writeFileSync(csv, penaltyCsv('E', 3000));
      value(await core.invoke('import.runFile', { category: 'penalty', path: csv, allOrNothing: true }));
      const batch = value<BatchView>(await core.invoke('batches.prepare', {}));
      value(await core.invoke('auth.logout', {}));
      value(await core.invoke('auth.login', { login: 'boss', password: 'boss-pass-123' }));
      value(await core.invoke('batches.approve', { batchId: batch.batchId, password: 'boss-pass-123' }));
      core.close();
    }
    const when = delays(SEED + 3, 1500);
    for (let round = 0; round < KILLS; round++) {
      const run = await kill('export', d, round, when.next);
      when.learn(run);
      await reopenAndCheck(d, run);
      const files = readdirSync(d.work);
      expect(files.filter((f) => f.endsWith('.part')), 'partial files').toEqual([]);
      for (const f of files.filter((x) => x.startsWith(`out-${round}-`))) {
        const path = join(d.work, f);
        if (f.endsWith('.zip')) expect((await verifyBatchFile(path)).ok, f).toBe(true);
        else {
          let rows = 0;
          for await (const _ of readSpreadsheetRows(path)) rows++;
          expect(rows, f).toBe(3001);
        }
      }
      for (const m of done(run)) expect(existsSync(String(m.path)), `committed export ${String(m.path)}`).toBe(true);
      survived('export');
    }
  });

  it('re-key (disabling users): a disabled person never keeps a key copy; everyone else opens the database', { timeout: TIMEOUT }, async () => {
    const d = await department();
    const when = delays(SEED + 4, 800);
    for (let round = 0; round < KILLS; round++) {
      const run = await kill('rekey', d, round, when.next);
      when.learn(run);
      await reopenAndCheck(d, run);
      const keys = readKeyFile(keyFilePath(d.dbPath));
      const db = rawOpenAs(d.dbPath, d.accounts[0]);
      let users: { login: string; active: number }[];
      try {
        users = db.prepare(`SELECT login, active FROM users WHERE login LIKE 'u%x%'`).all() as { login: string; active: number }[];
      } finally {
        db.close();
      }
      for (const u of users) {
        const holder = keys.holders.some((h) => h.id === u.login);
        if (u.active === 0) expect(holder, `disabled ${u.login} still has a key copy`).toBe(false);
        else {
          const unlocked = unlockHolder(keys, u.login, `${u.login}-pass-1`);
          expect(unlocked, `active ${u.login} has no key copy`).not.toBeNull();
          openEncrypted(d.dbPath, unlocked!.dataKey, { readonly: true }).close();
        }
      }
      for (const m of done(run)) {
        const u = users.find((x) => x.login === m.login);
        expect(u, `committed ${String(m.step)} of ${String(m.login)}`).toBeDefined();
        if (m.step === 'disable') expect(u!.active).toBe(0);
      }
      survived('rekey');
    }
  });

  it('password change: the old password or the new one, never neither', { timeout: TIMEOUT }, async () => {
    const d = await department();
    const when = delays(SEED + 5, 300);
    for (let round = 0; round < KILLS; round++) {
      const run = await kill('password', d, round, when.next, d.accounts[0].password);
      when.learn(run);
      const lastDone = done(run).at(-1)?.password as string | undefined;
      const current = lastDone ?? d.accounts[0].password;
      const pending = begun(run).at(-1)?.next as string | undefined;
      const core = newCore({ dbPath: d.dbPath });
      const works = [];
      for (const candidate of ['admin-pass-1', 'admin-pass-2']) {
        const r = await core.invoke('auth.login', { login: 'admin', password: candidate });
        if (r.ok) {
          works.push(candidate);
          value(await core.invoke('auth.logout', {}));
        }
      }
      core.close();
      expect(works, 'exactly one of the two passwords opens').toHaveLength(1);
      expect([current, pending]).toContain(works[0]);
      d.accounts[0] = { login: 'admin', password: works[0] };
      await reopenAndCheck(d, run);
      survived('password');
    }
  });

  it('migration of an older database: migrated, or as it was', { timeout: TIMEOUT }, async () => {
    const old = olderMigrations(1);
    const template = join(tempFolder(), 'template.db');
    createOlderDepartment(template, old.folder, RECOVERY);
    const when = delays(SEED + 6, 400);
    const appVersion = appSchemaVersion(defaultMigrationsFolder());
    for (let round = 0; round < KILLS; round++) {
      const d: Department = { dbPath: join(tempFolder(), 'department.db'), work: tempFolder(), recoveryCode: RECOVERY, accounts: [{ login: 'admin', password: 'admin-pass-1' }] };
      copyFileSync(template, d.dbPath);
      copyFileSync(keyFilePath(template), keyFilePath(d.dbPath));
      const run = await kill('migration', d, round, when.next);
      when.learn(run);
      await reopenAndCheck(d, run);
      const core = newCore({ dbPath: d.dbPath });
      value(await core.invoke('auth.login', d.accounts[0]));
      const info = value<DeskInfo>(await core.invoke('info.get', {}));
      expect(info.schemaVersion).toBe(info.appSchemaVersion);
      expect(info.appSchemaVersion).toBe(appVersion);
      expect(info.department.uscc).toBe('91350200776049653A');
      core.close();
      survived('migration');
    }
  });

  it('backup: every backup file under its final name verifies; nothing partial is left', { timeout: TIMEOUT }, async () => {
    const d = await department();
    const when = delays(SEED + 7, 600);
    for (let round = 0; round < KILLS; round++) {
      const run = await kill('backup', d, round, when.next);
      when.learn(run);
      await reopenAndCheck(d, run);
      const folder = join(d.work, 'backups');
      const files = readdirSync(folder);
      expect(files.filter((f) => f.endsWith('.part')), 'partial backups').toEqual([]);
      for (const f of files.filter((x) => x.endsWith('.cdbackup')).slice(-3)) {
        const report = await verifyBackup(join(folder, f), d.accounts[0], defaultMigrationsFolder());
        expect(report.ok, `${f}: ${JSON.stringify(report.checks)}`).toBe(true);
      }
      for (const m of done(run)) expect(existsSync(String(m.path))).toBe(true);
      survived('backup');
    }
  });

  it('restore: the old database usable with all its data, or the restored one complete — never neither', { timeout: TIMEOUT }, async () => {
    const setup = await restoreSetup();
    const accounts = () => [
      { login: 'admin', password: 'admin-pass-1' },
      { login: 'clerk1', password: 'clerk-pass-12' },
      { login: 'boss', password: 'boss-pass-123' },
    ];
    // One restore not stopped: the points it passes, in order.
    const traced = restoreTarget(setup, accounts());
    const trace = await runAndKill(child, restoreArgs(setup, traced, 0, -1), { at: (m) => m.t === 'done' });
    const points = trace.messages.filter((m) => m.t === 'point');
    console.log(`restore: kill points ${points.map((p) => `${String(p.n)} ${String(p.op)} ${String(p.file)}`).join('; ')}`);
    expect(points.length, 'kill points in a restore').toBeGreaterThanOrEqual(8);
    expect(await oldOrRestored(traced, setup)).toBe('restored');
    const chosen = spreadPoints(points.length, Math.min(points.length, Math.max(KILLS, 8)), SEED + 8);
    const outcome: string[] = [];
    for (const [round, stopAt] of chosen.entries()) {
      const d = restoreTarget(setup, accounts());
      const run = await runAndKill(child, restoreArgs(setup, d, round + 1, stopAt), { at: (m: ChildMessage) => m.t === 'point' && m.n === stopAt });
      tally.injected++;
      // Killed mid-restore, at the chosen point: begun, not done, the point reached as in the trace.
      const last = run.messages.at(-1)!;
      expect(last, `kill point ${stopAt}`).toEqual(points[stopAt]);
      expect(done(run)).toHaveLength(0);
      expect(begun(run)).toHaveLength(1);
      tally.duringWork++;
      await reopenAndCheck(d, run);
      outcome.push(`${stopAt}:${String(last.op)} ${String(last.file)} → ${await oldOrRestored(d, setup)}`);
      survived('restore');
    }
    console.log(`restore: ${points.length} kill points; killed at ${outcome.join('; ')}`);
    // Both outcomes occur: kills before the restored files are in place, and after.
    expect(outcome.some((o) => o.endsWith('old'))).toBe(true);
    expect(outcome.some((o) => o.endsWith('restored'))).toBe(true);
  });
});
