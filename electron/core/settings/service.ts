import type { Settings } from '../../contract/types';
import { DEFAULT_TIME_ZONE } from '../../contract/zone';
import type { SqliteDatabase } from '../store/database';

export const DEFAULT_SETTINGS: Settings = { idleLockMinutes: 10, idSearchBurst: { count: 20, minutes: 10 }, timeZone: DEFAULT_TIME_ZONE };

/** The settings everyone may read (other keys of the table, such as the backup's, have their own readers). */
export function getSettings(db: SqliteDatabase): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.filter((r) => r.key in DEFAULT_SETTINGS).map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return { ...DEFAULT_SETTINGS, ...stored } as Settings;
}

/** One stored value by key (JSON), or undefined. */
export function getSetting<T>(db: SqliteDatabase, key: string): T | undefined {
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return value === undefined ? undefined : (JSON.parse(value) as T);
}

export function putSetting(db: SqliteDatabase, key: string, value: unknown, by: string | null, at: string): void {
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(key, JSON.stringify(value), at, by);
}

export function getIdleLockMinutes(db: SqliteDatabase): number {
  return getSettings(db).idleLockMinutes;
}

export function putSettings(db: SqliteDatabase, values: Partial<Settings>, by: string, at: string): Settings {
  const stmt = db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  for (const [key, value] of Object.entries(values)) if (value !== undefined) stmt.run(key, JSON.stringify(value), at, by);
  return getSettings(db);
}
