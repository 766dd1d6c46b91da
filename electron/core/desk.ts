/**
 * The desk: one department database and the person working at it. It owns the
 * open database and the data key while someone is logged in, and forgets both
 * on logout, lock or idle time-out. Everything that reads or changes the key
 * file runs under the department lock (store/lock.ts), so two processes (the
 * app and the command line) can never undo each other's key changes.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Role } from '../contract/roles';
import type { SessionUser } from '../contract/types';
import { LOGIN_PATTERN } from '../contract/methods';
import { CoreError } from './errors';
import { appendAudit, type NewAuditEntry } from './audit/log';
import { addPending, ingestForAudit, readAttempts, writeAttempts, type AttemptsFile } from './auth/attempts';
import { DEFAULT_KDF } from './auth/crypto';
import { applyIntent, intentApplied, lastAuditSeq, type KeyIntent } from './auth/intents';
import { belowCost, newDataKey, newKeyFile, resealAll, rewrapHolder, spendAttempt, unlockHolder, type KdfCost, type Unlocked } from './auth/keys';
import { bucketsFor, clearFailures, recordFailure, waitBeforeAttempt } from './auth/throttle';
import { sealLegacySigningKeys } from './batches/keys';
import { openEncrypted, rekey, type SqliteDatabase } from './store/database';
import {
  assertReady,
  creatingPath,
  departmentFiles,
  finishInterruptedRestore,
  finishInterruptedSetup,
  removeAbandonedFiles,
  restoreIntentPath,
  type DepartmentFiles,
} from './store/department-files';
import { linkDurably } from './store/files';
import { dropPreRekeyCopy, putBackPreRekeyCopy, savePreRekeyCopy } from './store/rekey-copy';
import {
  candidateKeyFiles,
  createKeyFile,
  discardNextKeyFile,
  findHolder,
  keyFilePath,
  nextKeyFilePath,
  promoteNextKeyFile,
  readKeyFile,
  RECOVERY_ID,
  writeKeyFile,
  type KeyFile,
  type PendingAuditEntry,
} from './store/keyfile';
import { withKeyLock } from './store/lock';
import { appSchemaVersion, defaultMigrationsFolder, runMigrations } from './store/migrate';
import { getIdleLockMinutes, getSettings } from './settings/service';
import { loadStoredRuleTables } from './rules/service';
import { setDepartmentTimeZone } from '../contract/zone';
import { listCategories } from './catalog/registry';
import { expireEndedPublications } from './records/service';
import { markLoggedIn } from './users/service';
import { isNotNull } from 'drizzle-orm';
import { department as departmentTable, users } from '../../drizzle/schema';
import { orm } from './store/orm';
import { statement, type Row } from './store/sql';

/**
 * Records whose publication ended since the last session become `expired` when a
 * session opens (one audit entry for them all), so every view starts current.
 */
function expireEndedOnOpen(db: SqliteDatabase, now: Date): void {
  const at = now.toISOString();
  db.transaction(() => {
    const clocked = listCategories().filter((c) => c.publication).map((c) => c.key);
    const ids = expireEndedPublications(db, clocked, at.slice(0, 10), at);
    if (ids.length > 0) {
      appendAudit(db, { at, actor: 'system', method: 'records.expire', target: 'records', outcome: 'ok', detail: { count: ids.length, recordIds: ids.slice(0, 100) } });
    }
  })();
}

/** What a change writes to the audit trail besides who, when and the outcome. */
export type AuditNote = Omit<NewAuditEntry, 'at' | 'outcome' | 'actor'>;
/** The parts of an intent a caller names; the desk adds who, when, an id and where the trail stood. */
export type IntentRequest = Pick<KeyIntent, 'method' | 'login' | 'detail'> & { by?: string };

export interface CoreOptions {
  /** The department database file; its key file is `<dbPath>.keys`. */
  dbPath: string;
  migrationsFolder?: string;
  /** better_sqlite3.node built for the running runtime (Electron's ABI in the app). */
  nativeBinding?: string;
  /** The bundled fonts for printing (resources/fonts); found beside the code when not given. */
  fontsFolder?: string;
  /** The user manual (docs/manual); found beside the code when not given. */
  manualFolder?: string;
  /** The licences file made by `npm run build` (out/licenses); found beside the code when not given. */
  licensesFolder?: string;
  /** scrypt cost; tests lower it, the product keeps the default. */
  kdfCost?: KdfCost;
  /** Injected clock for tests. */
  now?: () => Date;
  /** Make the daily backup while running (the app; not the command line). */
  scheduleBackups?: boolean;
}

// Read on every call (dispatch → currentUser): a prepared statement. Booleans come back as 0/1.
const userByLogin = statement<Pick<Row<typeof users>, 'id' | 'login' | 'name' | 'roles' | 'active' | 'must_change_password'>, [string]>(
  'desk.userByLogin',
  'SELECT id, login, name, roles, active, must_change_password FROM users WHERE login = ?',
);
// Asked once per waiting failed attempt (up to PENDING_LIMIT) at a login.
const attemptInTrail = statement<{ found: 1 }, [string, string]>(
  'desk.attemptInTrail',
  `SELECT 1 AS found FROM audit_log WHERE actor = ? AND json_extract(detail, '$.attempt') = ? LIMIT 1`,
);

interface OpenSession {
  db: SqliteDatabase;
  dataKey: Buffer;
  login: string;
  lastActivity: number;
}

export class Desk {
  readonly migrationsFolder: string;
  readonly kdfCost: KdfCost;
  private session: OpenSession | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private tidied = false;
  lockedLogin: string | null = null;
  /** Short-lived results of this session (import error reports); forgotten at logout and lock. */
  readonly memo = new Map<string, unknown>();
  /** Called when the desk locks itself after idle time. */
  onLocked: (login: string) => void = () => {};

  constructor(readonly options: CoreOptions) {
    this.migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
    this.kdfCost = options.kdfCost ?? DEFAULT_KDF;
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  get dbPath(): string {
    return this.options.dbPath;
  }

  /** Runs `fn` (synchronous) holding the department lock across processes. */
  withLock<T>(fn: () => T): T {
    return withKeyLock(this.dbPath, fn, { nativeBinding: this.options.nativeBinding });
  }

  /**
   * What the department's files amount to; finishes a setup or a restore a crash
   * interrupted, and (once) removes what a killed process left half written.
   */
  files(): DepartmentFiles {
    if (existsSync(creatingPath(this.dbPath)) || existsSync(restoreIntentPath(this.dbPath))) {
      this.withLock(() => {
        finishInterruptedRestore(this.dbPath);
        finishInterruptedSetup(this.dbPath);
      });
    }
    if (!this.tidied) {
      this.tidied = true;
      try {
        removeAbandonedFiles(this.dbPath);
      } catch {
        // never a reason not to start
      }
    }
    return departmentFiles(this.dbPath);
  }

  get initialized(): boolean {
    return this.files().state === 'ready';
  }

  get loggedIn(): boolean {
    return this.session !== null;
  }

  /** The open database; only while someone is logged in. */
  get db(): SqliteDatabase {
    if (!this.session) throw new CoreError('NOT_LOGGED_IN', '请先登录。');
    return this.session.db;
  }

  /** The data key; only while someone is logged in (to give a new account its copy). */
  get dataKey(): Buffer {
    if (!this.session) throw new CoreError('NOT_LOGGED_IN', '请先登录。');
    return this.session.dataKey;
  }

  get login(): string | null {
    return this.session?.login ?? null;
  }

  appSchemaVersion(): number {
    return appSchemaVersion(this.migrationsFolder);
  }

  // --- audit ----------------------------------------------------------------

  audit(entry: Omit<NewAuditEntry, 'at'> & { at?: string }): void {
    appendAudit(this.db, { at: this.now().toISOString(), ...entry });
  }

  /**
   * Runs `fn` and its audit entry in one transaction. The entry may be built from
   * `fn`'s result (a new record's id is known only once it is written); then give
   * `fn`'s parameter its type, so TypeScript reads the result type from `fn`.
   */
  write<T>(entry: AuditNote | ((result: NoInfer<T>) => AuditNote), fn: (db: SqliteDatabase) => T): T {
    const db = this.db;
    return db.transaction(() => {
      const result = fn(db);
      this.audit({ ...(typeof entry === 'function' ? entry(result) : entry), actor: this.login, outcome: 'ok' });
      return result;
    })();
  }

  // --- the current person ---------------------------------------------------

  /** Re-reads the logged-in person on every call, so a role change or disabling applies at once. */
  currentUser(): SessionUser & { active: boolean; mustChangePassword: boolean } {
    const row = this.userRow(this.db, this.login!);
    if (!row) throw new CoreError('USER_DISABLED', '当前用户已不存在。');
    return { login: row.login, name: row.name, roles: JSON.parse(row.roles) as Role[], active: row.active === 1, mustChangePassword: row.must_change_password === 1 };
  }

  userRow(db: SqliteDatabase, login: string) {
    return userByLogin.get(db, login);
  }

  /** Checks and refreshes the idle clock. Returns false (and locks) when idle time has passed. */
  touch(): boolean {
    if (!this.session) return false;
    const now = this.now().getTime();
    const limit = getIdleLockMinutes(this.session.db) * 60_000;
    if (now - this.session.lastActivity > limit) {
      this.lock(true);
      return false;
    }
    this.session.lastActivity = now;
    this.armIdleTimer(limit);
    return true;
  }

  private armIdleTimer(limitMs: number): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.options.now) return; // tests drive the clock themselves
    this.idleTimer = setTimeout(() => this.lock(true), limitMs + 1000);
    this.idleTimer.unref();
  }

  // --- setup ------------------------------------------------------------------

  /**
   * Creates the department: never over an existing database or key file. The
   * database is built aside, the key file placed (never replacing one), then the
   * database (never replacing one); a crash between the two is finished at the next start.
   */
  initialize(
    department: { name: string; uscc: string; regionCode: string; contactPerson: string; contactPhone: string },
    admin: { login: string; name: string; password: string },
    recoveryCode: string,
  ): SessionUser {
    if (!existsSync(dirname(this.dbPath))) {
      throw new CoreError('BAD_INPUT', `数据库所在的文件夹不存在：${dirname(this.dbPath)}`);
    }
    this.withLock(() => {
      finishInterruptedSetup(this.dbPath);
      const existing = [this.dbPath, `${this.dbPath}-wal`, keyFilePath(this.dbPath), nextKeyFilePath(this.dbPath)].filter((f) => existsSync(f));
      if (existing.length > 0) {
        throw new CoreError('ALREADY_INITIALIZED', `此位置已有部门的文件，不能再建立部门数据库，也没有改动任何文件：${existing.join('、')}`, { files: existing });
      }
      const dataKey = newDataKey();
      const keyFile = newKeyFile(dataKey, admin, recoveryCode, this.kdfCost);
      const building = creatingPath(this.dbPath);
      for (const f of [building, `${building}-wal`, `${building}-shm`]) if (existsSync(f)) unlinkSync(f);
      const db = openEncrypted(building, dataKey, { nativeBinding: this.options.nativeBinding });
      try {
        runMigrations(db, building, this.migrationsFolder, this.now());
        const at = this.now().toISOString();
        db.transaction(() => {
          const q = orm(db);
          q.insert(departmentTable)
            .values({
              id: 1,
              name: department.name,
              uscc: department.uscc,
              regionCode: department.regionCode,
              contactPerson: department.contactPerson,
              contactPhone: department.contactPhone,
              createdAt: at,
              updatedAt: at,
            })
            .run();
          q.insert(users)
            .values({ login: admin.login, name: admin.name, roles: JSON.stringify(['admin']), active: true, createdAt: at, createdBy: null })
            .run();
          appendAudit(db, { at, actor: admin.login, method: 'setup.initialize', target: `department:${department.uscc}`, outcome: 'ok' });
        })();
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
      createKeyFile(keyFilePath(this.dbPath), keyFile);
      try {
        linkDurably(building, this.dbPath);
      } catch (err) {
        unlinkSync(keyFilePath(this.dbPath));
        throw new CoreError('ALREADY_INITIALIZED', `此位置已有部门数据库：${this.dbPath}（${(err as Error).message}）`);
      }
      unlinkSync(building);
    });
    return this.login_(admin.login, admin.password);
  }

  // --- login, lock, logout ----------------------------------------------------------

  login_(login: string, password: string): SessionUser {
    // Only real login names reach a holder: `#recovery` (the recovery code's holder) is not one.
    return this.unlockAs(login, LOGIN_PATTERN.test(login) ? login : null, password, 'auth.login');
  }

  /**
   * Unlocks the data key through holder `holderId` with `secret`, opens the
   * database and starts a session for `login`. Under the department lock: the
   * throttle, finishing an interrupted re-key or key change, the failed attempts
   * that waited outside the database, upgrading the password's cost.
   */
  private unlockAs(login: string, holderId: string | null, secret: string, method: 'auth.login' | 'auth.resetPassword'): SessionUser {
    assertReady(this.files());
    this.logout();
    const now = this.now();
    const at = now.toISOString();
    const session = this.withLock((): OpenSession => {
      const attempts = readAttempts(this.dbPath);
      const candidates = candidateKeyFiles(this.dbPath).map((path) => ({ path, file: readKeyFile(path) }));
      const isHolder = holderId !== null && candidates.some((c) => findHolder(c.file, holderId));
      const buckets = bucketsFor(holderId, isHolder);
      const wait = waitBeforeAttempt(attempts.throttle, buckets, now);
      if (wait > 0) {
        throw new CoreError('THROTTLED', `尝试次数过多，请 ${Math.ceil(wait / 1000)} 秒后再试。`, { retryAfterMs: wait });
      }
      let opened: ReturnType<Desk['openWithAnyKeyFile']> = null;
      if (holderId === null) spendAttempt(candidates[0].file, secret);
      else opened = this.openWithAnyKeyFile(candidates, holderId, secret);
      if (!opened) {
        const reason = method === 'auth.resetPassword' ? 'wrong-recovery-code' : isHolder ? 'wrong-password' : 'unknown-user';
        const entry = { at, actor: login, method, target: `user:${login}`, outcome: 'denied' as const, detail: { reason } };
        writeAttempts(this.dbPath, addPending({ ...attempts, throttle: recordFailure(attempts.throttle, buckets, now) }, entry, isHolder));
        throw method === 'auth.resetPassword'
          ? new CoreError('WRONG_RECOVERY_CODE', '恢复码不正确。')
          : new CoreError('WRONG_PASSWORD', '登录名或密码不正确。');
      }
      const { db, unlocked, keyFile } = opened;
      try {
        runMigrations(db, this.dbPath, this.migrationsFolder, now);
        let current = this.completeIntent(db, keyFile);
        const row = this.userRow(db, login);
        if (!row || row.active !== 1) {
          appendAudit(db, { at, actor: login, method, target: `user:${login}`, outcome: 'denied', detail: { reason: 'user-disabled' } });
          throw new CoreError('USER_DISABLED', '该用户已停用，无法登录。');
        }
        this.ingestAttempts(db, attempts, keyFile.pendingAudit ?? [], now);
        db.transaction(() => {
          markLoggedIn(db, login, at);
          appendAudit(db, { at, actor: login, method, target: `user:${login}`, outcome: 'ok' });
        })();
        writeAttempts(this.dbPath, { ...attempts, throttle: clearFailures(attempts.throttle, holderId!), pending: [], dropped: 0 });
        // A password key made at a lower cost is wrapped again at the current cost (same key pair).
        const upgrade = belowCost(current, holderId!, this.kdfCost);
        if (upgrade) current = rewrapHolder(current, holderId!, unlocked.privateKey, secret, this.kdfCost);
        if (upgrade || keyFile.pendingAudit || keyFile.throttle) writeKeyFile(keyFilePath(this.dbPath), current);
        if (holderId !== RECOVERY_ID) sealLegacySigningKeys(db, login, secret, unlocked);
        loadStoredRuleTables(db);
        setDepartmentTimeZone(getSettings(db).timeZone);
        expireEndedOnOpen(db, now);
      } catch (err) {
        db.close();
        throw err;
      }
      return { db, dataKey: unlocked.dataKey, login, lastActivity: now.getTime() };
    });
    this.session = session;
    this.lockedLogin = null;
    this.armIdleTimer(getIdleLockMinutes(session.db) * 60_000);
    const user = this.currentUser();
    return { login: user.login, name: user.name, roles: user.roles, mustChangePassword: user.mustChangePassword };
  }

  /** Tries `.keys.next` (an interrupted re-key) and then `.keys`; finishes or discards the re-key. Under the lock. */
  private openWithAnyKeyFile(
    candidates: { path: string; file: KeyFile }[],
    holderId: string,
    secret: string,
  ): { db: SqliteDatabase; unlocked: Unlocked; keyFile: KeyFile } | null {
    let anyUnlocked = false;
    for (const { path, file } of candidates) {
      const unlocked = unlockHolder(file, holderId, secret);
      if (!unlocked) continue;
      anyUnlocked = true;
      let db: SqliteDatabase;
      try {
        db = openEncrypted(this.dbPath, unlocked.dataKey, { nativeBinding: this.options.nativeBinding });
      } catch (err) {
        if (err instanceof CoreError && (err.details as { wrongKey?: boolean } | undefined)?.wrongKey) continue;
        throw err;
      }
      if (path === nextKeyFilePath(this.dbPath)) promoteNextKeyFile(this.dbPath);
      else discardNextKeyFile(this.dbPath);
      dropPreRekeyCopy(this.dbPath);
      return { db, unlocked, keyFile: file };
    }
    // A re-key killed midway can leave a file no key opens: the copy it kept goes back (store/rekey-copy.ts).
    if (anyUnlocked && putBackPreRekeyCopy(this.dbPath)) {
      discardNextKeyFile(this.dbPath);
      return this.openWithAnyKeyFile(
        candidates.filter((c) => c.path !== nextKeyFilePath(this.dbPath)),
        holderId,
        secret,
      );
    }
    if (anyUnlocked) {
      throw new CoreError('DB_CORRUPT', '密钥正确，但数据库文件无法打开：文件可能已损坏或被替换。请从备份恢复。');
    }
    return null;
  }

  /**
   * A key change that a crash interrupted is completed (its database half, audited
   * with `completedAtLogin`) and its intent cleared. One that cannot be completed
   * is recorded as an error instead: it must never keep everyone out.
   */
  private completeIntent(db: SqliteDatabase, file: KeyFile): KeyFile {
    const intent = file.intent;
    if (!intent) return file;
    if (!intentApplied(db, intent)) {
      try {
        applyIntent(db, intent, true);
      } catch (err) {
        appendAudit(db, {
          at: this.now().toISOString(),
          actor: intent.by,
          method: intent.method,
          target: `user:${intent.login}`,
          outcome: 'error',
          detail: { intent: intent.id, completedAtLogin: false, message: err instanceof Error ? err.message : String(err) },
        });
      }
    }
    const { intent: _done, ...rest } = file;
    writeKeyFile(keyFilePath(this.dbPath), rest);
    return rest;
  }

  /** The failed attempts that waited outside the database join the trail: validated, bounded, marked unauthenticated. */
  private ingestAttempts(db: SqliteDatabase, attempts: AttemptsFile, legacy: PendingAuditEntry[], now: Date): void {
    // After a crash between the trail's commit and the attempts file's rewrite, some are in already.
    const fresh = attempts.pending.filter((p) => typeof p.id !== 'string' || typeof p.actor !== 'string' || !attemptInTrail.get(db, p.actor, p.id));
    // An account's failures from before its last successful login would have joined the trail then.
    const lastLogins = new Map(
      orm(db)
        .select({ login: users.login, at: users.lastLoginAt })
        .from(users)
        .where(isNotNull(users.lastLoginAt))
        .all()
        .map((u) => [u.login, u.at!]),
    );
    const entries = [
      ...ingestForAudit(fresh, { dropped: attempts.dropped, damaged: attempts.damaged === true, tooLarge: attempts.tooLarge === true, source: 'attempts-file', lastLogins }, now),
      ...ingestForAudit(legacy, { dropped: 0, damaged: false, source: 'key-file' }, now),
    ];
    if (entries.length === 0) return;
    db.transaction(() => {
      for (const e of entries) appendAudit(db, e);
    })();
  }

  resetPassword(login: string, recoveryCode: string): SessionUser {
    return this.unlockAs(login, RECOVERY_ID, recoveryCode, 'auth.resetPassword');
  }

  /**
   * Checks the logged-in person's password inside a session (approving, keys,
   * password changes, administrators' confirmations), throttled like a login.
   * Returns their unlocked account key.
   */
  checkPassword(password: string): Unlocked {
    const login = this.login!;
    return this.withLock(() => {
      const attempts = readAttempts(this.dbPath);
      // The person's own bucket only: someone flooding the login screen must not stop a signed-in approver.
      const buckets = [login];
      const now = this.now();
      const wait = waitBeforeAttempt(attempts.throttle, buckets, now);
      if (wait > 0) throw new CoreError('THROTTLED', `密码错误次数过多，请 ${Math.ceil(wait / 1000)} 秒后再试。`, { retryAfterMs: wait });
      const unlocked = unlockHolder(readKeyFile(keyFilePath(this.dbPath)), login, password);
      if (!unlocked) {
        writeAttempts(this.dbPath, { ...attempts, throttle: recordFailure(attempts.throttle, buckets, now) });
        throw new CoreError('WRONG_PASSWORD', '密码不正确。');
      }
      if (attempts.throttle[login]) writeAttempts(this.dbPath, { ...attempts, throttle: clearFailures(attempts.throttle, login) });
      return unlocked;
    });
  }

  private fullIntent(request: IntentRequest, extra: Record<string, unknown> = {}): KeyIntent {
    return {
      id: randomUUID(),
      method: request.method,
      login: request.login,
      by: request.by ?? this.login!,
      at: this.now().toISOString(),
      detail: { ...request.detail, ...extra },
      auditAfter: lastAuditSeq(this.db),
    };
  }

  /**
   * A key change with a database half (auth/intents.ts): the key file `build`
   * makes is written with the intent, the database half commits, the intent is
   * cleared. When the database half fails, the previous key file is put back.
   */
  changeKeys(request: IntentRequest, build: (file: KeyFile) => KeyFile): void {
    this.withLock(() => {
      const path = keyFilePath(this.dbPath);
      const before = readKeyFile(path);
      const next = build(before);
      const intent = this.fullIntent(request);
      writeKeyFile(path, { ...next, intent });
      try {
        applyIntent(this.db, intent);
      } catch (err) {
        writeKeyFile(path, before);
        throw err;
      }
      writeKeyFile(path, next);
    });
  }

  /**
   * Re-keys the database with a fresh data key sealed to every holder but
   * `excluded` (disabling a user). `.keys.next`, carrying the intent, is durable
   * before the database changes key; the database half commits after the re-key;
   * then `.keys.next` becomes the key file. A crash before the re-key leaves the
   * old key working and nothing done; after it, the next login finishes it.
   */
  rekeyExcluding(excluded: string, request: IntentRequest, progress: (phase: string) => void): void {
    const session = this.session!;
    this.withLock(() => {
      const file = readKeyFile(keyFilePath(this.dbPath));
      const newKey = newDataKey();
      const next = resealAll(file, newKey, excluded);
      const intent = this.fullIntent(request, { rekeyed: true, generation: next.generation });
      writeKeyFile(nextKeyFilePath(this.dbPath), { ...next, intent });
      progress('rekey');
      try {
        // A copy under the old key while the file changes key: SQLite3MC cannot always roll a killed re-key back.
        rekey(session.db, newKey, () => savePreRekeyCopy(this.dbPath));
      } catch (err) {
        discardNextKeyFile(this.dbPath);
        dropPreRekeyCopy(this.dbPath);
        throw err;
      }
      // From here on only `.keys.next` opens the database.
      session.dataKey.fill(0);
      session.dataKey = newKey;
      let failure: unknown = null;
      try {
        applyIntent(session.db, intent);
        writeKeyFile(nextKeyFilePath(this.dbPath), next);
      } catch (err) {
        failure = err; // the intent stays in the file: the next login completes it
      }
      promoteNextKeyFile(this.dbPath);
      dropPreRekeyCopy(this.dbPath);
      if (failure) throw failure;
    });
  }

  /**
   * COMMIT of a large write (an import) without the WAL checkpoint SQLite would
   * otherwise run inside it, which re-reads and re-encrypts every page written
   * (measured: 1.4 s of a 1.9 s commit for 100,000 records). The data is durable
   * once the WAL is synced; the checkpoint runs as soon as the call has returned.
   */
  commitThenCheckpoint(): void {
    const db = this.db;
    const pages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    db.pragma('wal_autocheckpoint = 0');
    try {
      db.exec('COMMIT');
    } finally {
      db.pragma(`wal_autocheckpoint = ${pages}`);
    }
    const session = this.session;
    const checkpoint = (attempt: number) => {
      if (this.session !== session || !db.open) return;
      try {
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // Busy with the next call (a transaction, an open iterator): try again shortly.
        // A checkpoint that never runs loses nothing; the next commit's automatic one does it.
        if (attempt < 5) setTimeout(() => checkpoint(attempt + 1), 1000).unref();
      }
    };
    setImmediate(() => checkpoint(1));
  }

  lock(fromIdle = false): void {
    const login = this.login;
    if (!login) return;
    this.closeSession();
    this.lockedLogin = login;
    if (fromIdle) this.onLocked(login);
  }

  logout(): void {
    this.closeSession();
    this.lockedLogin = null;
  }

  private closeSession(): void {
    this.memo.clear();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.session) return;
    this.session.dataKey.fill(0);
    this.session.db.close();
    this.session = null;
  }
}
