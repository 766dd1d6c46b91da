/** Shared test helpers: real encrypted databases in temporary folders. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../electron/core/index';
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
