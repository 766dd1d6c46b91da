/** Shared test helpers: real encrypted databases in temporary folders. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { appendAudit } from '../electron/core/audit/log';
import { newDataKey, newKeyFile, unlockHolder } from '../electron/core/auth/keys';
import { createCore, type Core, type CoreOptions } from '../electron/core/index';
import { openEncrypted, type SqliteDatabase } from '../electron/core/store/database';
import { createKeyFile, keyFilePath, readKeyFile } from '../electron/core/store/keyfile';
import { defaultMigrationsFolder, runMigrations } from '../electron/core/store/migrate';
import type { Result } from '../electron/contract/errors';
import { letOffFirstLoginChange } from './first-login';

/** scrypt at a test cost (the product uses N = 2^15). */
export const FAST_KDF = { N: 1024, r: 8, p: 1 };

export const DEPARTMENT = {
  name: '石家庄市栾城区测试监管局',
  uscc: '91350200776049653A',
  regionCode: '130111',
  contactPerson: '张三',
  contactPhone: '0311-12345678',
};

const folders: string[] = [];
const cores: Core[] = [];
afterEach(() => {
  cores.splice(0).forEach((c) => c.close());
  folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true }));
});

export function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'credit-desk-test-'));
  folders.push(dir);
  return dir;
}

/**
 * A core on a new (or the given) department file, at the test scrypt cost.
 *
 * New accounts must change their password at first login (issue 18). Tests that are
 * not about that add people and log in as them at once, so by default every account
 * a successful `users.add` through this core makes is let off that change, directly
 * in the database (`skipFirstLoginChange`); `{ firstLogin: true }` keeps the product's
 * behaviour, for the tests of it.
 */
export function newCore(options: Partial<CoreOptions> & { dbPath?: string } = {}, test: { firstLogin?: boolean } = {}): Core & { dbPath: string } {
  const dbPath = options.dbPath ?? join(tempFolder(), 'department.db');
  const core = createCore({ kdfCost: FAST_KDF, ...options, dbPath });
  cores.push(core);
  if (!test.firstLogin) letOffFirstLoginChange(core, dbPath);
  return Object.assign(core, { dbPath });
}


export { letOffFirstLoginChange, skipFirstLoginChange } from './first-login';

export function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

export async function setUp(core: Core, admin = { login: 'admin', name: '管理员', password: 'admin-pass-1' }) {
  return value<{ recoveryCode: string }>(await core.invoke('setup.initialize', { department: DEPARTMENT, admin }));
}

/** A complete, valid 行政处罚 row (organisation) by field code. */
export function penaltyRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    CF_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司',
    CF_XDR_LB: '法人及非法人组织',
    CF_XDR_SHXYM: '91350200776049653A',
    CF_FRDB: '张三',
    CF_WSH: '栾市监罚〔2026〕12号',
    CF_WFXW: '销售过期食品',
    CF_SY: '经查，当事人于2026年2月销售超过保质期的食品。',
    CF_YJ: '《中华人民共和国食品安全法》第一百二十四条',
    CF_CFLB: '罚款',
    CF_NR: '罚款人民币五千元',
    CF_NR_FK: '0.5',
    CF_JDRQ: '2026-03-02',
    CF_YXQ: '2027-03-02',
    CF_CFJG: '石家庄市栾城区市场监督管理局',
    // The test department's own code: its cases are decided here (谁认定、谁修复).
    CF_CFJGDM: DEPARTMENT.uscc,
    CF_SJLY: '石家庄市栾城区市场监督管理局',
    CF_SJLYDM: '913502000728319549',
    ...overrides,
  };
}

/** A desk with an admin and a clerk (clerk1 / clerk-pass-1), logged in as the clerk. */
export async function clerkDesk(options: Partial<CoreOptions> = {}) {
  const core = newCore(options);
  await setUp(core);
  value(await core.invoke('users.add', { login: 'clerk1', name: '录入员甲', roles: ['clerk'], password: 'clerk-pass-1' }));
  value(await core.invoke('users.add', { login: 'boss', name: '部门负责人', roles: ['approver'], password: 'boss-pass-1' }));
  value(await core.invoke('auth.logout', {}));
  value(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-1' }));
  return core;
}

/** A second connection to a desk's database, unlocked as the administrator (tests only). */
export function rawOpen(dbPath: string): SqliteDatabase {
  const unlocked = unlockHolder(readKeyFile(keyFilePath(dbPath)), 'admin', 'admin-pass-1');
  if (!unlocked) throw new Error('could not unlock');
  return openEncrypted(dbPath, unlocked.dataKey);
}

/** Runs `fn` with a second connection to the core's database, closed afterwards. */
export async function withRaw<T>(core: { dbPath: string }, fn: (db: SqliteDatabase) => Promise<T> | T): Promise<T> {
  const db = rawOpen(core.dbPath);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** A copy of the migrations without the newest `drop` of them: what an older version of the app shipped. */
export function olderMigrations(drop = 1): { folder: string; version: number } {
  const folder = join(tempFolder(), 'migrations');
  cpSync(defaultMigrationsFolder(), folder, { recursive: true });
  const journalPath = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  journal.entries.splice(journal.entries.length - drop, drop);
  writeFileSync(journalPath, JSON.stringify(journal));
  return { folder, version: journal.entries.length };
}

/**
 * A department as an older version of the app created it: its schema from
 * `migrationsFolder`, the department, the administrator (admin / admin-pass-1)
 * and a key file. Built directly, because today's login needs today's schema.
 */
export function createOlderDepartment(dbPath: string, migrationsFolder: string, recoveryCode = 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE'): void {
  const dataKey = newDataKey();
  const db = openEncrypted(dbPath, dataKey);
  try {
    runMigrations(db, dbPath, migrationsFolder, new Date());
    const at = new Date().toISOString();
    db.prepare(
      `INSERT INTO department (id, name, uscc, region_code, contact_person, contact_phone, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(DEPARTMENT.name, DEPARTMENT.uscc, DEPARTMENT.regionCode, DEPARTMENT.contactPerson, DEPARTMENT.contactPhone, at, at);
    db.prepare(`INSERT INTO users (login, name, roles, active, created_at) VALUES ('admin', '管理员', '["admin"]', 1, ?)`).run(at);
    appendAudit(db, { at, actor: 'admin', method: 'setup.initialize', target: `department:${DEPARTMENT.uscc}`, outcome: 'ok' });
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  createKeyFile(keyFilePath(dbPath), newKeyFile(dataKey, { login: 'admin', password: 'admin-pass-1' }, recoveryCode, FAST_KDF));
}

/** Logs out and in as `login`. */
export async function as(core: Core, login: string, password: string): Promise<void> {
  value(await core.invoke('auth.logout', {}));
  value(await core.invoke('auth.login', { login, password }));
}

/** The error of a failed call (fails the test when the call succeeded). */
export function errorOf(result: Result<unknown>): { code: string; message: string; details?: unknown } {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

/** The audit trail, oldest first (read directly, whoever is logged in). */
export function auditRows(dbPath: string): { seq: number; actor: string | null; method: string; target: string | null; outcome: string; detail: Record<string, unknown> | null }[] {
  const db = rawOpen(dbPath);
  try {
    return (db.prepare('SELECT seq, actor, method, target, outcome, detail FROM audit_log ORDER BY seq').all() as { detail: string }[]).map((r) => ({
      ...(r as unknown as { seq: number; actor: string | null; method: string; target: string | null; outcome: string }),
      detail: JSON.parse(r.detail) as Record<string, unknown> | null,
    }));
  } finally {
    db.close();
  }
}
