/**
 * Backups and restore (docs/backup.md).
 *
 * A backup is one file (format.ts): the database copied by SQLite while others
 * keep working — `VACUUM INTO`, a consistent snapshot written with the same key
 * (better-sqlite3's backup() opens its destination without a key, and SQLite3
 * Multiple Ciphers refuses an encrypted source to an unkeyed destination; VACUUM
 * INTO attaches its output keyed with the database's key: test/backup reads the
 * bytes) — with the key file of the same moment (both taken under the department
 * lock, so no re-key falls between them) and the audit head.
 *
 * Made on demand (an administrator, the command line) and on a schedule (daily
 * while the app runs, into the folder the administrator chose, rotated).
 *
 * Restore first verifies the backup — structure and digests, the database opens
 * with the administrator's password, passes SQLite's integrity check, its audit
 * chain verifies and ends exactly at the head the backup records — then, under
 * the lock and only when no other program has the database open, sets the
 * current files aside (`*.replaced-<time>`, never deleted) and puts the restored
 * ones in place, and records the restore in the restored trail. A crash in
 * between is finished at the next start (a restore intent file); a crash before
 * it leaves only the restored copy being prepared, removed at the next start
 * (removeAbandonedFiles). test/crash kills a restore at each of its file operations.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { BackupCheck, BackupInfo, BackupVerifyReport, RestoreNewer, RestorePlan, RestoreResult } from '../../contract/backup';
import { appendAudit, auditHead, verifyAuditSync } from '../audit/log';
import { newDataKey, resealAll, unlockHolder } from '../auth/keys';
import { getDepartment } from '../department/service';
import type { Desk } from '../desk';
import { CoreError } from '../errors';
import { count, eq, gt, notInArray, sql } from 'drizzle-orm';
import { auditLog, batches, cases, records, recordVersions, users } from '../../../drizzle/schema';
import { isOnlyConnection, openEncrypted, rekey, type SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { statement } from '../store/sql';
import { departmentFiles, finishInterruptedRestore, restoreIntentPath, restoringKeysPath, restoringPath } from '../store/department-files';
import { writeFileDurably } from '../store/files';
import { candidateKeyFiles, keyFilePath, nextKeyFilePath, parseKeyFile, readKeyFile, serializeKeyFile, type KeyFile } from '../store/keyfile';
import { appSchemaVersion, databaseSchemaVersion } from '../store/migrate';
import { getSetting, putSetting } from '../settings/service';
import { markDisabled } from '../users/service';
import { withTempFolder } from '../tempfiles';
import { BACKUP_EXTENSION, BACKUP_FORMAT, extractMember, openBackup, readBackupHeader, writeBackupFile, DB_MEMBER, KEYS_MEMBER, type BackupHeader } from './format';
import { backupsToKeep, DEFAULT_ROTATION } from './rotation';

export interface BackupConfig {
  /** The folder backups go to (a USB drive, a network share); null until the administrator chooses one. */
  folder: string | null;
  /** Daily backups while the app runs. */
  scheduled: boolean;
}

const CONFIG_KEY = 'backup.config';
const LAST_KEY = 'backup.last';
export const BACKUP_INTERVAL_MS = 24 * 3600_000;

// VACUUM INTO: a consistent copy, encrypted with the database's own key (see above).
const vacuumInto = statement<never, [string]>('backup.vacuumInto', 'VACUUM INTO ?');

export function backupConfig(db: SqliteDatabase): BackupConfig {
  return { folder: null, scheduled: true, ...(getSetting<Partial<BackupConfig>>(db, CONFIG_KEY) ?? {}) };
}

export function lastBackup(db: SqliteDatabase): BackupInfo | null {
  return getSetting<BackupInfo>(db, LAST_KEY) ?? null;
}

/** A folder backups can be written to: it exists, is a folder, and takes a file. */
export function checkFolder(folder: string): string {
  const path = resolve(folder);
  if (!existsSync(path)) throw new CoreError('BAD_INPUT', `备份文件夹不存在：${path}（U 盘或网络共享是否已连接？）`);
  if (!statSync(path).isDirectory()) throw new CoreError('BAD_INPUT', `不是文件夹：${path}`);
  const probe = join(path, `.credit-desk-probe-${process.pid}`);
  try {
    writeFileSync(probe, 'probe');
    unlinkSync(probe);
  } catch (err) {
    throw new CoreError('BAD_INPUT', `无法在备份文件夹中写入文件：${path}（${(err as Error).message}）`);
  }
  return path;
}

/** `<USCC>-<YYYYMMDD>-<HHmmss>.cdbackup`, China Standard Time. */
export function backupFileName(uscc: string, at: string): string {
  const cst = new Date(Date.parse(at) + 8 * 3600_000).toISOString();
  return `${uscc}-${cst.slice(0, 10).replace(/-/g, '')}-${cst.slice(11, 19).replace(/:/g, '')}${BACKUP_EXTENSION}`;
}

const infoOf = (path: string, h: BackupHeader): BackupInfo => ({
  fileName: basename(path),
  path,
  bytes: statSync(path).size,
  createdAt: h.createdAt,
  createdBy: h.createdBy,
  scheduled: h.scheduled,
  auditHead: h.auditHead,
  schemaVersion: h.schemaVersion,
});

/**
 * Makes a backup into `folder`. The snapshot (database and key file) is taken
 * under the department lock; writing the file happens afterwards.
 */
export async function createBackup(desk: Desk, options: { folder: string; scheduled: boolean; by: string }): Promise<BackupInfo> {
  const folder = checkFolder(options.folder);
  const db = desk.db;
  const department = getDepartment(db);
  return withTempFolder(async (temp) => {
    const copy = join(temp, DB_MEMBER);
    const createdAt = desk.now().toISOString();
    const snapshot = desk.withLock(() => {
      vacuumInto.run(db, copy);
      const keys = readKeyFile(keyFilePath(desk.dbPath));
      return { keys, head: auditHead(db) };
    });
    // Two backups in the same second (a script) get a suffix: a backup never replaces another.
    let path = join(folder, backupFileName(department.uscc, createdAt));
    for (let n = 2; existsSync(path); n++) path = join(folder, backupFileName(department.uscc, createdAt).replace(BACKUP_EXTENSION, `-${n}${BACKUP_EXTENSION}`));
    const header = await writeBackupFile(path, {
      header: {
        format: BACKUP_FORMAT,
        createdAt,
        createdBy: options.by,
        scheduled: options.scheduled,
        // The department by its public code only: nothing else of its data is in clear in the file.
        department: { uscc: department.uscc },
        databaseId: snapshot.keys.databaseId,
        generation: snapshot.keys.generation,
        schemaVersion: databaseSchemaVersion(db),
        auditHead: snapshot.head,
      },
      dbFile: copy,
      keys: Buffer.from(serializeKeyFile(snapshot.keys), 'utf8'),
    });
    return infoOf(path, header);
  });
}

/** Records a backup made into the configured folder (audited) and rotates the folder. */
export function recordBackup(desk: Desk, info: BackupInfo, actor: string | null): string[] {
  const db = desk.db;
  const at = desk.now().toISOString();
  db.transaction(() => {
    putSetting(db, LAST_KEY, info, actor, at);
    appendAudit(db, {
      at,
      actor,
      method: 'backup.create',
      target: `backup:${info.fileName}`,
      outcome: 'ok',
      detail: { bytes: info.bytes, auditHead: info.auditHead, scheduled: info.scheduled, folder: resolve(info.path, '..') },
    });
  })();
  return rotate(resolve(info.path, '..'), getDepartment(db).uscc);
}

/** Our backups of this department in a folder, newest first (unreadable ones left out). */
export async function listBackups(folder: string, uscc: string): Promise<BackupInfo[]> {
  const out: BackupInfo[] = [];
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(`${uscc}-`) || !name.endsWith(BACKUP_EXTENSION)) continue;
    const path = join(folder, name);
    try {
      out.push(infoOf(path, await readBackupHeader(path)));
    } catch {
      // not a backup of ours after all, or damaged: listed nowhere, never deleted
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Removes this department's backups the rotation does not keep (by their names' times). */
function rotate(folder: string, uscc: string): string[] {
  const pattern = new RegExp(`^${uscc}-(\\d{8})-(\\d{6})(-\\d+)?\\${BACKUP_EXTENSION}$`);
  const ours = readdirSync(folder)
    .map((name) => ({ name, m: pattern.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => ({
      name,
      // the name's China time back to an instant
      createdAt: new Date(Date.parse(`${m[1].slice(0, 4)}-${m[1].slice(4, 6)}-${m[1].slice(6)}T${m[2].slice(0, 2)}:${m[2].slice(2, 4)}:${m[2].slice(4)}Z`) - 8 * 3600_000).toISOString(),
    }));
  const keep = backupsToKeep(ours, DEFAULT_ROTATION);
  const removed: string[] = [];
  for (const b of ours) {
    if (keep.has(b.name)) continue;
    rmSync(join(folder, b.name), { force: true });
    removed.push(b.name);
  }
  return removed;
}

// --- verifying and restoring --------------------------------------------------------

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function firstBytes(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const read = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

interface Inspected {
  report: BackupVerifyReport;
  keyFile: KeyFile | null;
  keysBytes: Buffer | null;
  /** The backup's data key, when it was opened with a password. */
  dataKey?: Buffer;
}

/**
 * Checks a backup without trusting it: structure and digests, the database member
 * encrypted, the key file readable; with a login and password also opens the
 * database, runs SQLite's integrity check and verifies the audit chain, which
 * must end at the head the backup records. The database member is left at `dbOut`.
 */
async function inspect(path: string, dbOut: string, credentials: { login: string; password: string } | null, migrationsFolder: string): Promise<Inspected> {
  const checks: BackupCheck[] = [];
  const report: BackupVerifyReport = { ok: false, file: path, header: null, bytes: existsSync(path) ? statSync(path).size : 0, checks, opened: false };
  const fail = (name: string, message: string): Inspected => {
    checks.push({ name, ok: false, message });
    return { report, keyFile: null, keysBytes: null };
  };
  let opened;
  try {
    opened = await openBackup(path);
  } catch (err) {
    return fail('结构', err instanceof Error ? err.message : String(err));
  }
  const { members: _m, ...header } = opened.header;
  report.header = header;
  let keysBytes: Buffer;
  try {
    await extractMember(opened, DB_MEMBER, dbOut);
    keysBytes = (await extractMember(opened, KEYS_MEMBER))!;
  } catch (err) {
    return fail('摘要', err instanceof Error ? err.message : String(err));
  } finally {
    opened.zip.close();
  }
  checks.push({ name: '结构与摘要', ok: true, message: '成员齐全，大小和 SHA-256 与备份记载一致' });
  if (firstBytes(dbOut, SQLITE_HEADER.length).equals(SQLITE_HEADER)) return fail('加密', '备份中的数据库没有加密（文件头为明文）');
  checks.push({ name: '加密', ok: true, message: '数据库已加密（没有明文文件头）' });
  let keyFile: KeyFile;
  try {
    keyFile = parseKeyFile(keysBytes.toString('utf8'), `${basename(path)}:${KEYS_MEMBER}`);
  } catch (err) {
    return fail('密钥文件', err instanceof Error ? err.message : String(err));
  }
  if (keyFile.databaseId !== header.databaseId || keyFile.generation !== header.generation) return fail('密钥文件', '密钥文件与备份记载的数据库编号或密钥代数不符');
  checks.push({ name: '密钥文件', ok: true, message: `密钥文件可读（第 ${keyFile.generation} 代，${keyFile.holders.length - 1} 个账户）` });
  if (header.schemaVersion > appSchemaVersionOf(migrationsFolder)) {
    return fail('版本', `备份由更新版本的信用工作台创建（结构版本 ${header.schemaVersion}），请升级程序后再恢复`);
  }
  if (!credentials) {
    report.ok = true;
    return { report, keyFile, keysBytes };
  }
  let unlocked;
  try {
    unlocked = unlockHolder(keyFile, credentials.login, credentials.password);
  } catch (err) {
    return fail('打开', err instanceof Error ? err.message : String(err));
  }
  if (!unlocked) return fail('打开', `用户 ${credentials.login} 的密码打不开这个备份（备份时的密码）`);
  report.opened = true;
  let db: SqliteDatabase;
  try {
    db = openEncrypted(dbOut, unlocked.dataKey, { readonly: true });
  } catch (err) {
    return fail('打开', `密钥正确，但备份中的数据库打不开：${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    let integrity: unknown;
    try {
      integrity = db.pragma('quick_check', { simple: true });
    } catch (err) {
      // A page damaged badly enough stops the check itself (SQLITE_CORRUPT, a virtual table that cannot start).
      integrity = err instanceof Error ? err.message : String(err);
    }
    if (integrity !== 'ok') return fail('完整性', `SQLite 完整性检查未通过：${String(integrity)}`);
    checks.push({ name: '完整性', ok: true, message: 'SQLite 完整性检查通过' });
    const admin = orm(db).select({ roles: users.roles, active: users.active }).from(users).where(eq(users.login, credentials.login)).get();
    if (!admin || !admin.active || !(JSON.parse(admin.roles) as string[]).includes('admin')) {
      return fail('账户', `用户 ${credentials.login} 在备份中不是在用的系统管理员`);
    }
    const chain = verifyAuditSync(db, [{ source: '备份记载', ...header.auditHead }]);
    if (chain.firstBroken) return fail('审计链', `备份中的审计日志在第 ${chain.firstBroken.seq} 条断裂：${chain.firstBroken.reason}`);
    if (!chain.ok || chain.head.seq !== header.auditHead.seq) {
      return fail('审计链', `备份记载的审计日志位置（第 ${header.auditHead.seq} 条）与其中的日志（到第 ${chain.head.seq} 条）不符`);
    }
    checks.push({ name: '审计链', ok: true, message: `审计日志完整，共 ${chain.checked} 条，止于备份记载的位置` });
  } catch (err) {
    return fail('完整性', `备份中的数据库已损坏，无法读取：${err instanceof Error ? err.message : String(err)}`);
  } finally {
    db.close();
  }
  report.ok = true;
  return { report, keyFile, keysBytes, dataKey: unlocked.dataKey };
}

const appSchemaVersionOf = (folder: string) => appSchemaVersion(folder);

/** Verifies a backup file (into a temporary folder); opens it when a login and password are given. */
export async function verifyBackup(path: string, credentials: { login: string; password: string } | null, migrationsFolder: string): Promise<BackupVerifyReport> {
  return withTempFolder(async (temp) => (await inspect(resolve(path), join(temp, DB_MEMBER), credentials, migrationsFolder)).report);
}

// --- what a restore would lose, and who it must keep out (issue 18) -------------------

/**
 * Entries that record a session or the making of a backup, not a change of the
 * department's data: not counted among the changes a restore discards (so the
 * count to confirm does not move while someone is asked for it).
 */
const SESSION_METHODS = ['auth.login', 'auth.logout', 'auth.lock', 'backup.create'];

/** What the backup holds, read once it opened: the last ids, and every account's, batch's and case's state. */
interface BackupFacts {
  maxRecordId: number;
  recordVersions: number;
  batches: Map<number, string>;
  cases: Map<number, string>;
  activeUsers: Set<string>;
}

/** Every batch's and case's state by id. */
function states(db: SqliteDatabase, table: typeof batches | typeof cases): { id: number; state: string }[] {
  return orm(db).select({ id: table.id, state: table.state }).from(table).all();
}

function versionCount(db: SqliteDatabase): number {
  return orm(db).select({ n: count() }).from(recordVersions).get()?.n ?? 0;
}

function factsOf(db: SqliteDatabase): BackupFacts {
  const pairs = (table: typeof batches | typeof cases) => new Map(states(db, table).map((r) => [r.id, r.state]));
  return {
    maxRecordId: orm(db).select({ n: sql<number>`coalesce(max(${records.id}), 0)` }).from(records).get()?.n ?? 0,
    recordVersions: versionCount(db),
    batches: pairs(batches),
    cases: pairs(cases),
    activeUsers: new Set(orm(db).select({ login: users.login }).from(users).where(eq(users.active, true)).all().map((u) => u.login)),
  };
}

/** What the current database holds that the backup does not: it is lost when the backup is restored. */
function newerThan(current: SqliteDatabase, facts: BackupFacts, head: { seq: number }): RestoreNewer {
  const changed = (table: typeof batches | typeof cases, known: Map<number, string>) => states(current, table).filter((r) => known.get(r.id) !== r.state).length;
  const audit = orm(current)
    .select({
      changes: sql<number>`coalesce(sum(${auditLog.outcome} = 'ok' AND ${notInArray(auditLog.method, SESSION_METHODS)}), 0)`,
      total: count(),
    })
    .from(auditLog)
    .where(gt(auditLog.seq, head.seq))
    .get() ?? { changes: 0, total: 0 };
  return {
    records: orm(current).select({ n: count() }).from(records).where(gt(records.id, facts.maxRecordId)).get()?.n ?? 0,
    recordVersions: Math.max(0, versionCount(current) - facts.recordVersions),
    batches: changed(batches, facts.batches),
    cases: changed(cases, facts.cases),
    auditEntries: audit.changes,
    otherAuditEntries: audit.total - audit.changes,
  };
}

/** Accounts active in the backup and disabled since: they stay disabled, with when, by whom and why. */
function disabledSince(current: SqliteDatabase, facts: BackupFacts): { login: string; at: string; by: string; reason: string }[] {
  const rows = orm(current)
    .select({ login: users.login, at: users.disabledAt, by: users.disabledBy, reason: users.disabledReason })
    .from(users)
    .where(eq(users.active, false))
    .orderBy(users.login)
    .all();
  return rows.filter((u) => facts.activeUsers.has(u.login)).map((u) => ({ login: u.login, at: u.at ?? '', by: u.by ?? '', reason: u.reason ?? '' }));
}

/** Whether the current trail still holds the backup's head (recomputed, not just read). An empty head is no anchor. */
function trailAgainst(current: SqliteDatabase, head: { seq: number; hash: string }): RestorePlan['trail'] {
  if (head.seq === 0) return { matches: false, reason: '备份记载的是空日志（第 0 条），无法核对当前日志' };
  const check = verifyAuditSync(current, [{ source: '备份', ...head }]).anchors.find((a) => a.source === '备份');
  return check?.result === 'match' ? { matches: true, reason: null } : { matches: false, reason: check?.message ?? '无法核对' };
}

export function describeNewer(n: RestoreNewer): string {
  return `${n.records} 条信用记录（记录版本 ${n.recordVersions} 个）、${n.batches} 个批次、${n.cases} 个案件的新增或变化，审计日志中 ${n.auditEntries} 条改动（另有登录、拒绝等 ${n.otherAuditEntries} 条记录）`;
}

const anyNewer = (n: RestoreNewer) => n.records + n.recordVersions + n.batches + n.cases + n.auditEntries > 0;

/**
 * Restores a backup over the department at `desk.dbPath`: verified first, then
 * swapped under the lock. `current` is the open session's database (the
 * administrator logged in), or null when the department cannot be opened.
 *
 * With a current database (issue 18): what the restore would lose is counted and
 * must be confirmed (`discardNewer` = the count of changes in the trail after the
 * backup), a current trail that does not hold the backup's head must be confirmed
 * with a reason, and every account disabled since the backup stays disabled —
 * the restored copy is re-keyed without their key copies before it is put in
 * place, so there is no moment at which they could open it.
 */
export async function restoreBackup(
  desk: Desk,
  path: string,
  credentials: { login: string; password: string },
  current: SqliteDatabase | null,
  confirm: { discardNewer?: number; trailMismatchReason?: string } = {},
): Promise<RestoreResult> {
  const dbPath = desk.dbPath;
  const file = resolve(path);
  const restoringDb = restoringPath(dbPath);
  const restoringKeys = restoringKeysPath(dbPath);
  if (existsSync(restoreIntentPath(dbPath))) throw new CoreError('BUSY', '上一次恢复尚未完成：请重新启动程序，它会先完成那次恢复。');
  mkdirSync(resolve(dbPath, '..'), { recursive: true });
  const cleanup = () => [restoringDb, `${restoringDb}-wal`, `${restoringDb}-shm`, restoringKeys].forEach((f) => rmSync(f, { force: true }));
  cleanup();
  try {
    const { report, keysBytes, keyFile, dataKey } = await inspect(file, restoringDb, credentials, desk.migrationsFolder);
    if (!report.ok || !keysBytes || !keyFile || !dataKey) {
      const failed = report.checks.find((c) => !c.ok);
      throw new CoreError('BAD_FILE', `备份未通过校验，没有做任何改动：${failed ? `${failed.name}：${failed.message}` : '原因不明'}`, { report });
    }
    const backup = report.header!;
    const at = desk.now().toISOString();
    const stamp = at.replace(/[-:]/g, '').replace(/\..*$/, '');
    let plan: RestorePlan | null = null;
    let keep: ReturnType<typeof disabledSince> = [];
    const restored = openEncrypted(restoringDb, dataKey, { nativeBinding: desk.options.nativeBinding });
    try {
      if (current) {
        const uscc = getDepartment(current).uscc;
        if (uscc !== backup.department.uscc) throw new CoreError('BAD_INPUT', `这是另一个部门（统一社会信用代码 ${backup.department.uscc}）的备份，没有做任何改动。`);
        const facts = factsOf(restored);
        keep = disabledSince(current, facts);
        plan = {
          backup: { createdAt: backup.createdAt, createdBy: backup.createdBy, auditHead: backup.auditHead },
          newer: newerThan(current, facts, backup.auditHead),
          keepDisabled: keep.map((u) => u.login),
          trail: trailAgainst(current, backup.auditHead),
        };
        const problems: string[] = [];
        if (anyNewer(plan.newer) && confirm.discardNewer !== plan.newer.auditEntries) {
          problems.push(
            `恢复将丢弃备份（${backup.createdAt.slice(0, 10)}）之后的 ${describeNewer(plan.newer)}。确认丢弃后再恢复（命令行：--discard-newer ${plan.newer.auditEntries}）${confirm.discardNewer !== undefined ? `；给出的数目 ${confirm.discardNewer} 与之不符` : ''}。`,
          );
        }
        if (!plan.trail.matches && !confirm.trailMismatchReason) {
          problems.push(
            `当前的审计日志与备份记载的位置（第 ${backup.auditHead.seq} 条）不一致：${plan.trail.reason}。须说明理由确认后才能恢复（命令行：--trail-mismatch-reason 理由），理由记入审计日志。`,
          );
        }
        if (problems.length > 0) throw new CoreError('CONFIRMATION_REQUIRED', `${problems.join('\n')}\n没有做任何改动。`, { plan });
      }
      // The restored copy as it will be used, before it is put in place: the accounts disabled
      // since kept out (re-keyed without their key copies) and the restore in its trail.
      let keys: KeyFile = keyFile;
      let newKey: Buffer | null = null;
      if (keep.length > 0) {
        newKey = newDataKey();
        rekey(restored, newKey);
        keys = resealAll(keyFile, newKey, keep.map((u) => u.login));
      }
      const plannedAside = [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, keyFilePath(dbPath), nextKeyFilePath(dbPath)].filter((f) => existsSync(f)).map((f) => `${f}.replaced-${stamp}`);
      restored.transaction(() => {
        for (const u of keep) markDisabled(restored, u.login, u.by, u.at, u.reason);
        appendAudit(restored, {
          at,
          actor: credentials.login,
          method: 'backup.restore',
          target: `backup:${basename(file)}`,
          outcome: 'ok',
          detail: {
            backup: { createdAt: backup.createdAt, createdBy: backup.createdBy, auditHead: backup.auditHead },
            setAside: plannedAside,
            currentMatchedAtBackupHead: plan ? plan.trail.matches : null,
            ...(plan && !plan.trail.matches ? { trailMismatchReason: confirm.trailMismatchReason } : {}),
            ...(plan ? { discarded: plan.newer } : {}),
            keptDisabled: keep.map((u) => u.login),
            rekeyed: newKey !== null,
            ...(newKey ? { generation: keys.generation } : {}),
            whileLoggedIn: current !== null,
          },
        });
      })();
      restored.pragma('wal_checkpoint(TRUNCATE)');
      newKey?.fill(0);
      writeFileDurably(restoringKeys, serializeKeyFile(keys));
    } finally {
      restored.close();
      dataKey.fill(0);
    }
    for (const f of [`${restoringDb}-wal`, `${restoringDb}-shm`]) rmSync(f, { force: true });
    syncFile(restoringDb);
    const setAside = desk.withLock(() => {
      if (current) {
        if (!isOnlyConnection(current)) {
          throw new CoreError('BUSY', '数据库正被另一个程序打开（例如另一个信用工作台窗口或命令行）：请关闭后再恢复；没有做任何改动。');
        }
        desk.logout();
      }
      writeFileDurably(restoreIntentPath(dbPath), JSON.stringify({ stamp, file, pid: process.pid }));
      return finishInterruptedRestore(dbPath);
    });
    return {
      restored: true,
      file,
      backup,
      setAside,
      currentMatchedAtBackupHead: plan ? plan.trail.matches : null,
      batchesAfterBackup: plan ? plan.newer.batches : 0,
      discarded: plan ? plan.newer : null,
      keptDisabled: keep.map((u) => u.login),
      rekeyed: keep.length > 0,
    };
  } finally {
    if (!existsSync(restoreIntentPath(dbPath))) cleanup();
  }
}

/**
 * Restoring without logging in is only for a department that cannot be opened:
 * no files yet (a new PC), a file missing, or a database its own key no longer opens.
 */
export function assertCannotOpen(desk: Desk, credentials: { login: string; password: string }): string {
  const files = departmentFiles(desk.dbPath);
  if (files.state === 'empty') return 'empty';
  if (files.state === 'problem') return files.code;
  for (const path of candidateKeyFiles(desk.dbPath)) {
    let unlocked;
    try {
      unlocked = unlockHolder(readKeyFile(path), credentials.login, credentials.password);
    } catch {
      return 'key-file-damaged';
    }
    if (!unlocked) continue;
    try {
      openEncrypted(desk.dbPath, unlocked.dataKey, { readonly: true }).close();
    } catch {
      return 'database-damaged';
    }
    break;
  }
  throw new CoreError('FORBIDDEN', '当前的部门数据库可以打开：请以系统管理员身份登录后再恢复（backup restore 会先登录）。');
}
