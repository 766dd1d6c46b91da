/**
 * The paged search over many records (electron/core/search/records-search.ts):
 * whichever way a branch is read (its index, newest records first, or the
 * decision-number index sorted by id), a page is exactly the newest matches.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDataKey } from '../../electron/core/auth/keys';
import { getCompiledCategory } from '../../electron/core/catalog/registry';
import { validateRecord } from '../../electron/core/catalog/validate';
import { insertRecord } from '../../electron/core/records/service';
import { searchRecords } from '../../electron/core/search/records-search';
import { openEncrypted, type SqliteDatabase } from '../../electron/core/store/database';
import { defaultMigrationsFolder, runMigrations } from '../../electron/core/store/migrate';
import { penaltyRow, tempFolder } from '../helpers';

/** `older` penalties numbered 栾市监罚〔2024〕n号, then `newer` numbered 栾市监罚〔2026〕n号. */
function database(older: number, newer: number): SqliteDatabase {
  const dbPath = join(tempFolder(), 'search.db');
  const db = openEncrypted(dbPath, newDataKey());
  runMigrations(db, dbPath, defaultMigrationsFolder(), new Date());
  const penalty = getCompiledCategory('penalty');
  const at = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < older + newer; i++) {
      const year = i < older ? 2024 : 2026;
      const result = validateRecord(penalty, penaltyRow({ CF_WSH: `栾市监罚〔${year}〕${i + 1}号`, CF_JDRQ: `${year}-03-02`, CF_YXQ: `${year + 1}-03-02` }), { today: '2026-11-27' });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      insertRecord(db, penalty, result.values, 'pending', { by: 'test', at, action: 'import' });
    }
  })();
  return db;
}

const newestIds = (db: SqliteDatabase, prefix: string, offset: number, limit: number) =>
  (db.prepare('SELECT id FROM records WHERE decision_key >= ? AND decision_key < ? ORDER BY id DESC LIMIT ? OFFSET ?').pluck().all(prefix, `${prefix}\uffff`, limit, offset) as number[]);

describe('decision-number prefix search', () => {
  // 2,500 older hits (more than a branch sorts directly) behind 10,500 newer records (more than the newest-records window).
  const db = database(2_500, 10_500);

  it('finds an older year’s numbers, hidden behind newer records, newest first and page by page', () => {
    for (const offset of [0, 20, 2_480]) {
      const page = searchRecords(db, { query: '栾市监罚〔2024〕', offset, limit: 20 });
      expect(page.items.map((r) => r.id)).toEqual(newestIds(db, '栾市监罚(2024)', offset, 20));
      expect(page.total).toBe(2_500);
    }
  });

  it('finds the newest year’s numbers among the newest records', () => {
    const page = searchRecords(db, { query: '栾市监罚〔2026〕', limit: 20 });
    expect(page.items.map((r) => r.id)).toEqual(newestIds(db, '栾市监罚(2026)', 0, 20));
    expect(page).toMatchObject({ total: 10_000, totalCapped: true });
  });

  it('a rare number is found through the index', () => {
    const page = searchRecords(db, { query: '栾市监罚[2024]17号' });
    expect(page.items.map((r) => r.decisionNo)).toEqual(['栾市监罚〔2024〕17号']);
  });
});
