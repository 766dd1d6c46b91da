/** Shared test helpers: real encrypted databases in temporary folders. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { unlockHolder } from '../electron/core/auth/keys';
import { createCore, type Core, type CoreOptions } from '../electron/core/index';
import { openEncrypted, type SqliteDatabase } from '../electron/core/store/database';
import { keyFilePath, readKeyFile } from '../electron/core/store/keyfile';
import type { Result } from '../electron/contract/errors';

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

export function newCore(options: Partial<CoreOptions> & { dbPath?: string } = {}): Core & { dbPath: string } {
  const dbPath = options.dbPath ?? join(tempFolder(), 'department.db');
  const core = createCore({ kdfCost: FAST_KDF, ...options, dbPath });
  cores.push(core);
  return Object.assign(core, { dbPath });
}

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
    CF_CFJGDM: '913502000728319549',
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
