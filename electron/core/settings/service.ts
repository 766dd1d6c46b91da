import { DEFAULT_ID_SEARCH_BURST } from '../../contract/limits';
import type { Settings } from '../../contract/types';
import { DEFAULT_TIME_ZONE } from '../../contract/zone';
import { eq, sql } from 'drizzle-orm';
import { settings } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { statement, type Row } from '../store/sql';

export const DEFAULT_SETTINGS: Settings = { idleLockMinutes: 10, idSearchBurst: { ...DEFAULT_ID_SEARCH_BURST }, timeZone: DEFAULT_TIME_ZONE };

/** The settings everyone may read (other keys of the table, such as the backup's, have their own readers). */
export function getSettings(db: SqliteDatabase): Settings {
  const rows = orm(db).select({ key: settings.key, value: settings.value }).from(settings).all();
  const stored = Object.fromEntries(rows.filter((r) => r.key in DEFAULT_SETTINGS).map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return { ...DEFAULT_SETTINGS, ...stored } as Settings;
}

/** One stored value by key (JSON), or undefined. */
export function getSetting<T>(db: SqliteDatabase, key: string): T | undefined {
  const row = orm(db).select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  return row === undefined ? undefined : (JSON.parse(row.value) as T);
}

export function putSetting(db: SqliteDatabase, key: string, value: unknown, by: string | null, at: string): void {
  orm(db)
    .insert(settings)
    .values({ key, value: JSON.stringify(value), updatedAt: at, updatedBy: by })
    .onConflictDoUpdate({
      target: settings.key,
      set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at`, updatedBy: sql`excluded.updated_by` },
    })
    .run();
}

// Read on every call (desk.touch from dispatch): a prepared statement, one row.
const idleLockValue = statement<Pick<Row<typeof settings>, 'value'>>('settings.idleLockMinutes', `SELECT value FROM settings WHERE key = 'idleLockMinutes'`);

export function getIdleLockMinutes(db: SqliteDatabase): number {
  const row = idleLockValue.get(db);
  return row === undefined ? DEFAULT_SETTINGS.idleLockMinutes : (JSON.parse(row.value) as number);
}

export function putSettings(db: SqliteDatabase, values: Partial<Settings>, by: string, at: string): Settings {
  for (const [key, value] of Object.entries(values)) if (value !== undefined) putSetting(db, key, value, by, at);
  return getSettings(db);
}
