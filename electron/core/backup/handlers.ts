/** Contract handlers for backups and restore, and the scheduled backup. */
import { basename, join, resolve } from 'node:path';
import type { BackupStatus } from '../../contract/backup';
import { getDepartment } from '../department/service';
import type { Desk } from '../desk';
import { CoreError } from '../errors';
import type { Handlers } from '../handlers';
import { putSetting } from '../settings/service';
import { BACKUP_EXTENSION } from './format';
import { DEFAULT_ROTATION } from './rotation';
import {
  assertCannotOpen,
  BACKUP_INTERVAL_MS,
  backupConfig,
  checkFolder,
  createBackup,
  lastBackup,
  listBackups,
  recordBackup,
  restoreBackup,
  verifyBackup,
} from './service';

type BackupHandlers = Pick<
  Handlers,
  'backup.status' | 'backup.configure' | 'backup.create' | 'backup.createFile' | 'backup.verifyFile' | 'backup.restore' | 'backup.restoreFile' | 'backup.restoreOffline'
>;

async function status(desk: Desk): Promise<BackupStatus> {
  const db = desk.db;
  const config = backupConfig(db);
  const last = lastBackup(db);
  let folderProblem: string | null = null;
  let backups: BackupStatus['backups'] = [];
  if (config.folder) {
    try {
      checkFolder(config.folder);
      backups = await listBackups(config.folder, getDepartment(db).uscc);
    } catch (err) {
      folderProblem = err instanceof Error ? err.message : String(err);
    }
  }
  const nextDueAt = config.folder && config.scheduled ? new Date(last ? Date.parse(last.createdAt) + BACKUP_INTERVAL_MS : desk.now().getTime()).toISOString() : null;
  return { ...config, rotation: DEFAULT_ROTATION, last, nextDueAt, backups, folderProblem };
}

/** A backup file in the chosen folder, by name only (the page never names other paths). */
function inFolder(desk: Desk, fileName: string): string {
  const folder = backupConfig(desk.db).folder;
  if (!folder) throw new CoreError('BAD_INPUT', '还没有选择备份文件夹。');
  if (basename(fileName) !== fileName || !fileName.endsWith(BACKUP_EXTENSION)) throw new CoreError('BAD_INPUT', `不是备份文件夹中的备份：${fileName}`);
  return join(resolve(folder), fileName);
}

/**
 * The scheduled backup: when one is due (a folder chosen, scheduled, the last one a
 * day old), made as `system` and audited; a failure (the drive not plugged in) is
 * audited and tried again six hours later.
 */
export async function runScheduledBackup(desk: Desk, lastAttempt: { at: number }): Promise<'made' | 'not-due' | 'failed'> {
  if (!desk.loggedIn) return 'not-due';
  const db = desk.db;
  const config = backupConfig(db);
  if (!config.folder || !config.scheduled) return 'not-due';
  const now = desk.now().getTime();
  const last = lastBackup(db);
  if (last && now - Date.parse(last.createdAt) < BACKUP_INTERVAL_MS) return 'not-due';
  if (now - lastAttempt.at < 6 * 3600_000) return 'not-due';
  lastAttempt.at = now;
  try {
    const info = await createBackup(desk, { folder: config.folder, scheduled: true, by: 'system' });
    recordBackup(desk, info, 'system');
    return 'made';
  } catch (err) {
    desk.audit({ actor: 'system', method: 'backup.create', target: 'backup', outcome: 'error', detail: { scheduled: true, folder: config.folder, message: err instanceof Error ? err.message : String(err) } });
    return 'failed';
  }
}

export const backupHandlers: BackupHandlers = {
  'backup.status': ({ desk }) => status(desk),

  'backup.configure': async ({ desk }, { folder, scheduled }) => {
    const chosen = folder === null ? null : checkFolder(folder);
    desk.write({ method: 'backup.configure', target: 'backup', detail: { folder: chosen, scheduled } }, (db) =>
      putSetting(db, 'backup.config', { folder: chosen, scheduled }, desk.login, desk.now().toISOString()),
    );
    return status(desk);
  },

  'backup.create': async ({ desk, progress }) => {
    const folder = backupConfig(desk.db).folder;
    if (!folder) throw new CoreError('BAD_INPUT', '还没有选择备份文件夹：请先在“系统设置 → 备份”中选择。');
    progress(0, 2, 'backup');
    const info = await createBackup(desk, { folder, scheduled: false, by: desk.login! });
    progress(1, 2, 'rotate');
    recordBackup(desk, info, desk.login);
    progress(2, 2, 'done');
    return info;
  },

  'backup.createFile': async ({ desk }, { folder }) => {
    const info = await createBackup(desk, { folder, scheduled: false, by: desk.login! });
    desk.audit({ actor: desk.login, method: 'backup.create', target: `backup:${info.fileName}`, outcome: 'ok', detail: { bytes: info.bytes, auditHead: info.auditHead, folder: resolve(folder) } });
    return info;
  },

  'backup.verifyFile': ({ desk }, { path, login, password }) =>
    verifyBackup(path, login && password ? { login, password } : null, desk.migrationsFolder),

  'backup.restore': ({ desk }, { fileName, password, discardNewer, trailMismatchReason }) =>
    restoreBackup(desk, inFolder(desk, fileName), { login: desk.login!, password }, desk.db, { discardNewer, trailMismatchReason }),

  'backup.restoreFile': ({ desk }, { path, password, discardNewer, trailMismatchReason }) =>
    restoreBackup(desk, path, { login: desk.login!, password }, desk.db, { discardNewer, trailMismatchReason }),

  'backup.restoreOffline': async ({ desk }, { path, login, password }) => {
    assertCannotOpen(desk, { login, password });
    return restoreBackup(desk, path, { login, password }, null);
  },
};
