/**
 * Issue 22: the administrative queries moved to drizzle's query builder answer as the
 * hand-written SQL did — the drafts' per-person bound, the print log's filters (an
 * escaped LIKE, the exact print number, dates, paging) and its booleans, settings and
 * the department profile — on a freshly migrated database, without a desk.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDraft, listDrafts, saveDraft, discardDraft } from '../../electron/core/drafts/service';
import { completePrint, failPrint, findPrint, listPrints, startPrint, type NewPrint } from '../../electron/core/print/log';
import { getIdleLockMinutes, getSetting, getSettings, putSetting, putSettings, DEFAULT_SETTINGS } from '../../electron/core/settings/service';
import { getDepartment, updateDepartment } from '../../electron/core/department/service';
import type { SqliteDatabase } from '../../electron/core/store/database';
import { migratedDatabase } from '../store/schema-db';

let db: SqliteDatabase;
beforeEach(() => {
  db = migratedDatabase();
});
afterEach(() => db.close());

describe('drafts', () => {
  it('keeps a person’s newest 50, replaces by form, discards only what exists', () => {
    const t0 = Date.parse('2026-12-01T00:00:00Z');
    for (let i = 0; i < 52; i++) saveDraft(db, 'clerk1', { form: `f${i}`, title: `表单 ${i}`, data: { route: '#/records', i } }, new Date(t0 + i * 1000));
    saveDraft(db, 'boss', { form: 'f0', title: '别人的', data: null }, new Date(t0));
    const now = new Date(t0 + 60_000);
    const mine = listDrafts(db, 'clerk1', now);
    expect(mine).toHaveLength(50);
    expect(mine[0]).toMatchObject({ form: 'f51', route: '#/records', updatedAt: new Date(t0 + 51_000).toISOString() });
    expect(mine.map((d) => d.form)).not.toContain('f0');
    expect(mine.map((d) => d.form)).not.toContain('f1');
    expect(getDraft(db, 'boss', 'f0', now)).toMatchObject({ title: '别人的', data: null, route: null });
    saveDraft(db, 'clerk1', { form: 'f2', title: '改过', data: { route: 'http://elsewhere' } }, now);
    expect(getDraft(db, 'clerk1', 'f2', now)).toMatchObject({ title: '改过', route: null, updatedAt: now.toISOString() });
    expect(discardDraft(db, 'clerk1', 'f2')).toBe(true);
    expect(discardDraft(db, 'clerk1', 'f2')).toBe(false);
    // Seven days on, all of them are gone.
    expect(listDrafts(db, 'clerk1', new Date(t0 + 8 * 86_400_000))).toEqual([]);
  });
});

describe('print log', () => {
  const print = (over: Partial<NewPrint>): NewPrint => ({
    kind: 'credit-file',
    title: '信用档案',
    target: 'subject:1',
    targetLabel: '恒瑞商贸',
    masked: true,
    unmaskReason: null,
    options: {},
    printedBy: 'clerk1',
    printedAt: '2026-12-01T02:00:00.000Z',
    year: 2026,
    ...over,
  });

  it('numbers per year, completes once, filters and pages as before', () => {
    db.prepare(`INSERT INTO users (login, name, roles, active, created_at) VALUES ('clerk1', '王会计', '["clerk"]', 1, 'x')`).run();
    const a = startPrint(db, print({}));
    const b = startPrint(db, print({ kind: 'batch-sheet', title: '第 2 批 报送单', targetLabel: '100%_done', masked: false, unmaskReason: '核对', printedBy: 'zhao', printedAt: '2026-12-03T02:00:00.000Z' }));
    const c = startPrint(db, print({ year: 2027, printedAt: '2027-01-02T02:00:00.000Z', options: { withHistory: true } }));
    expect([a.printNo, b.printNo, c.printNo]).toEqual(['P2026-000001', 'P2026-000002', 'P2027-000001']);
    completePrint(db, a.id, { pages: 3, bytes: 1200, sm3: 'ab'.repeat(32), missingGlyphs: ['𠀀'] });
    failPrint(db, b.id, 'x'.repeat(600));
    expect(() => completePrint(db, a.id, { pages: 1, bytes: 1, sm3: '', missingGlyphs: [] })).toThrow(/completed once/);

    const first = findPrint(db, ' p2026-000001 ');
    expect(first).toMatchObject({ state: 'done', masked: true, pages: 3, missingGlyphs: ['𠀀'], printedByName: '王会计', options: {} });
    const second = findPrint(db, 'P2026-000002');
    expect(second).toMatchObject({ state: 'failed', masked: false, unmaskReason: '核对', printedByName: 'zhao', missingGlyphs: [], pages: null });
    expect(second.error).toHaveLength(500);
    expect(findPrint(db, 'P2027-000001')).toMatchObject({ state: 'rendering', options: { withHistory: true } });
    expect(() => findPrint(db, 'P2026-000009')).toThrow(/没有打印编号/);
    expect(() => findPrint(db, '2026-1')).toThrow(/格式/);

    const nos = (q: Parameters<typeof listPrints>[1]) => {
      const r = listPrints(db, q);
      return { total: r.total, nos: r.items.map((i) => i.printNo) };
    };
    expect(nos({})).toEqual({ total: 3, nos: ['P2027-000001', 'P2026-000002', 'P2026-000001'] });
    expect(nos({ query: 'p2026-000001' })).toEqual({ total: 1, nos: ['P2026-000001'] });
    // % and _ are the text's own, not wildcards.
    expect(nos({ query: '100%_' })).toEqual({ total: 1, nos: ['P2026-000002'] });
    expect(nos({ query: '0%d' })).toEqual({ total: 0, nos: [] });
    expect(nos({ query: '第 2 批' })).toEqual({ total: 1, nos: ['P2026-000002'] });
    expect(nos({ kind: 'credit-file' })).toEqual({ total: 2, nos: ['P2027-000001', 'P2026-000001'] });
    expect(nos({ printedBy: 'zhao' })).toEqual({ total: 1, nos: ['P2026-000002'] });
    expect(nos({ from: '2026-12-02', to: '2027-01-01' })).toEqual({ total: 1, nos: ['P2026-000002'] });
    expect(nos({ limit: 1, offset: 1 })).toEqual({ total: 3, nos: ['P2026-000002'] });
    expect(nos({ kind: 'credit-file', query: '恒瑞', limit: 1 })).toEqual({ total: 2, nos: ['P2027-000001'] });

    // Days are the department's (China time): 17:00 UTC on 1 December is 01:00 on the 2nd.
    startPrint(db, print({ printedAt: '2026-12-01T17:00:00.000Z' }));
    expect(nos({ from: '2026-12-02', to: '2026-12-02' })).toEqual({ total: 1, nos: ['P2026-000003'] });
    expect(nos({ to: '2026-12-01' })).toEqual({ total: 1, nos: ['P2026-000001'] });
  });
});

describe('settings and the department', () => {
  it('stores JSON values by key, defaults the rest', () => {
    expect(getSettings(db)).toEqual(DEFAULT_SETTINGS);
    expect(getIdleLockMinutes(db)).toBe(10);
    expect(getSetting(db, 'backup')).toBeUndefined();
    putSetting(db, 'backup', { folder: '/b' }, null, '2026-12-01T00:00:00Z');
    putSettings(db, { idleLockMinutes: 5, timeZone: undefined }, 'admin', '2026-12-01T00:00:01Z');
    putSettings(db, { idleLockMinutes: 7 }, 'admin2', '2026-12-01T00:00:02Z');
    expect(getSetting(db, 'backup')).toEqual({ folder: '/b' });
    expect(getSettings(db)).toEqual({ ...DEFAULT_SETTINGS, idleLockMinutes: 7 });
    expect(getIdleLockMinutes(db)).toBe(7);
    expect(db.prepare(`SELECT value, updated_at AS at, updated_by AS by FROM settings WHERE key = 'idleLockMinutes'`).get()).toEqual({ value: '7', at: '2026-12-01T00:00:02Z', by: 'admin2' });
  });

  it('keeps the letter settings not given, merges the patterns', () => {
    db.prepare(
      `INSERT INTO department (id, name, uscc, region_code, contact_person, contact_phone, created_at, updated_at)
       VALUES (1, '栾城区市场监督管理局', '91350200776049653A', '130124', '', '', 'x', 'x')`,
    ).run();
    expect(getDepartment(db)).toMatchObject({ shortName: '', court: '', docNoPatterns: {} });
    const base = { name: '栾城区市场监督管理局', uscc: '91350200776049653A', regionCode: '130124', contactPerson: '张三', contactPhone: '0311' };
    // A code that fails the check is refused before anything is written.
    expect(() => updateDepartment(db, { ...base, uscc: '123' }, 'y')).toThrow();
    updateDepartment(db, { ...base, shortName: '栾市监', court: '栾城区人民法院', docNoPatterns: { acceptance: '栾市监信受〔{year}〕{n}号' } }, '2026-12-01');
    const next = updateDepartment(db, { ...base, docNoPatterns: { refusal: '栾市监信不〔{year}〕{n}号', acceptance: ' ' } }, '2026-12-02');
    expect(next).toMatchObject({ shortName: '栾市监', court: '栾城区人民法院', contactPerson: '张三', docNoPatterns: { refusal: '栾市监信不〔{year}〕{n}号' } });
    expect(db.prepare('SELECT updated_at FROM department').pluck().get()).toBe('2026-12-02');
  });
});
