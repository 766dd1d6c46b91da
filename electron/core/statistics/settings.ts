/**
 * The warnings' thresholds: department settings (the settings table, key
 * `warnings`), each with a default a department head would start from.
 */
import type { WarningSettings } from '../../contract/statistics';
import { getSetting, putSetting } from '../settings/service';
import type { SqliteDatabase } from '../store/database';

export const WARNING_SETTINGS_KEY = 'warnings';

export const DEFAULT_WARNING_SETTINGS: WarningSettings = {
  recordsDueWithinWorkingDays: 2,
  casesDueWithinWorkingDays: 1,
  rejectionRiseMargin: 0,
  rejectionMinAnswered: 10,
  listMaxAgeDays: 31,
  backupMaxAgeDays: 3,
};

export function warningSettings(db: SqliteDatabase): WarningSettings {
  return { ...DEFAULT_WARNING_SETTINGS, ...(getSetting<Partial<WarningSettings>>(db, WARNING_SETTINGS_KEY) ?? {}) };
}

export function putWarningSettings(db: SqliteDatabase, values: Partial<WarningSettings>, by: string, at: string): WarningSettings {
  const next = { ...warningSettings(db), ...values };
  putSetting(db, WARNING_SETTINGS_KEY, next, by, at);
  return next;
}
