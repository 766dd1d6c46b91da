/**
 * 系统设置 → 诊断信息: the file an administrator gives to support. After a working
 * session on demo data — searches by name and code, a check, failed entries whose
 * messages name people, a refused call — the report has the versions, the errors
 * (by code) and the timings, and not one name, code, ID number, decision number or
 * value of a record: every one of them from the database is looked for in it.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticsReport, Result } from '../../electron/contract';
import { createDemoDepartment, DEMO_DEPARTMENT, DEMO_USERS } from '../../electron/core/demo/department';
import { diagnosticsSnapshot, errorKind, recordCall, resetDiagnostics } from '../../electron/core/support/diagnostics';
import { FAST_KDF, newCore, penaltyRow, tempFolder, value, withRaw } from '../helpers';

// The administrator's password as the test helpers' second connection (withRaw) knows it.
const ADMIN = { login: 'admin', password: 'admin-pass-1' };
const login = (role: string) => (role === 'admin' ? ADMIN : DEMO_USERS.find((u) => u.roles.includes(role as never))!);

describe('diagnostics', () => {
  let dbPath = '';
  beforeAll(async () => {
    dbPath = join(tempFolder(), 'department.db');
    await createDemoDepartment({ dbPath, kdfCost: FAST_KDF }, ADMIN, { records: 200, recordOptions: { seed: 7 } });
  }, 120_000);

  it('holds versions, error codes and timings, and no personal data or record content from a day’s work', async () => {
    resetDiagnostics();
    const core = newCore({ dbPath });
    const clerk = login('clerk');
    value(await core.invoke('auth.login', { login: clerk.login, password: clerk.password }));

    // What the clerk handles, read straight from the database: every string the report must not hold.
    const secrets = await withRaw(core, (db) => {
      const rows = db.prepare('SELECT name, code FROM subjects').all() as { name: string; code: string }[];
      const records = db.prepare('SELECT subject_name AS name, subject_code AS code, decision_no AS no FROM records').all() as { name: string; code: string | null; no: string }[];
      const users = db.prepare('SELECT login, name FROM users').all() as { login: string; name: string }[];
      return [
        ...rows.flatMap((r) => [r.name, r.code]),
        ...records.flatMap((r) => [r.name, r.code ?? '', r.no]),
        ...users.flatMap((u) => [u.login, u.name]),
        DEMO_DEPARTMENT.name,
        DEMO_DEPARTMENT.uscc,
        DEMO_DEPARTMENT.contactPhone,
        dbPath,
      ].filter((s) => s.length >= 4);
    });
    const someSubject = await withRaw(core, (db) => db.prepare("SELECT name, code FROM subjects WHERE code_type = 'uscc' LIMIT 1").get() as { name: string; code: string });
    const person = await withRaw(core, (db) => db.prepare("SELECT name, code FROM subjects WHERE code_type = 'id' LIMIT 1").get() as { name: string; code: string } | undefined);
    expect(secrets.length).toBeGreaterThan(300);

    // A day's work, with failures whose messages carry names and codes.
    value(await core.invoke('records.search', { query: someSubject.name.slice(0, 4) }));
    value(await core.invoke('records.search', { query: someSubject.code.slice(0, 8) }));
    value(await core.invoke('subjects.search', { query: someSubject.name.slice(1, 3) }));
    value(await core.invoke('checks.run', { subject: someSubject.code, matter: '政府采购' }));
    if (person) value(await core.invoke('checks.run', { subject: person.code, matter: '行政许可' }));
    const invalid = (await core.invoke('records.create', {
      category: 'penalty',
      values: penaltyRow({ CF_XDR_MC: someSubject.name, CF_XDR_SHXYM: `${someSubject.code.slice(0, 17)}X`, CF_WSH: '栾市监罚〔2026〕99号' }),
    })) as Result<unknown>;
    expect(invalid.ok).toBe(false);
    const badInput = (await core.invoke('records.search', { query: someSubject.name, limit: 99_999 })) as Result<unknown>;
    expect(badInput).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const forbidden = (await core.invoke('users.list', {})) as Result<unknown>;
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const missing = (await core.invoke('cases.get', { caseId: 9999 })) as Result<unknown>;
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // The administrator saves the file.
    value(await core.invoke('auth.logout', {}));
    const admin = login('admin');
    value(await core.invoke('auth.login', { login: admin.login, password: admin.password }));
    const report = value<DiagnosticsReport>(await core.invoke('diagnostics.report', {}));
    const file = JSON.stringify(report, null, 2);

    // What support needs is there.
    expect(report.format).toBe('credit-desk-diagnostics/1');
    expect(report.product.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(report.schema.database).toBe(report.schema.app);
    expect(report.platform.os).toBe(process.platform);
    expect(report.database.counts.records).toBeGreaterThanOrEqual(200);
    const codes = report.recentErrors.map((e) => `${e.method}:${e.code}`);
    for (const c of ['records.create:INVALID_RECORD', 'records.search:BAD_INPUT', 'users.list:FORBIDDEN', 'cases.get:NOT_FOUND']) expect(codes).toContain(c);
    const search = report.timings.find((t) => t.method === 'records.search')!;
    expect(search).toMatchObject({ calls: 3, errors: 1 });
    expect(search.maxMs).toBeGreaterThanOrEqual(search.meanMs);
    expect(Object.keys(report.recentErrors[0]).sort()).toEqual(['at', 'code', 'method']);

    // …and nothing else: not one of the database's names, codes, ID numbers, decision numbers, logins or paths.
    const found = secrets.filter((s) => file.includes(s));
    expect(found).toEqual([]);
    // Nor a piece of a record's content the clerk typed, nor a Chinese message: the product's name is its only Chinese.
    expect(file).not.toContain('栾市监罚');
    expect(file.replace(`"name": "${report.product.name}"`, '')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('records only the contract’s method names, error codes and error kinds that are identifiers', () => {
    resetDiagnostics();
    recordCall('records.search', 5, { code: 'INTERNAL', kind: 'SQLITE_IOERR_WRITE' });
    recordCall('records.search', 3, { code: 'BAD_INPUT 张三 91350200776049653A', kind: '张三的错误' });
    recordCall('张三.search', 3, { code: 'INTERNAL' });
    expect(errorKind(Object.assign(new Error('公司 91350200776049653A 不存在'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(errorKind(new TypeError('x of 张三'))).toBe('TypeError');
    expect(errorKind('张三')).toBeUndefined();
    const { recentErrors, timings } = diagnosticsSnapshot();
    expect(recentErrors.map(({ method, code, kind }) => ({ method, code, kind }))).toEqual([
      // A code the contract does not know is INTERNAL; a kind that is not an identifier is left out.
      { method: 'records.search', code: 'INTERNAL', kind: undefined },
      { method: 'records.search', code: 'INTERNAL', kind: 'SQLITE_IOERR_WRITE' },
    ]);
    expect(timings.map((t) => [t.method, t.calls, t.errors])).toEqual([['records.search', 2, 2]]);
  });
});
