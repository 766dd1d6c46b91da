/** Contract types for backups and restore. */
import type { AuditHead } from './types';

export interface BackupInfo {
  fileName: string;
  path: string;
  bytes: number;
  createdAt: string;
  /** A login, or `system` for a scheduled backup. */
  createdBy: string;
  scheduled: boolean;
  /** The audit trail's head in the backup: an anchor. */
  auditHead: AuditHead;
  schemaVersion: number;
}

export interface BackupStatus {
  /** The folder backups go to, or null until an administrator chooses one. */
  folder: string | null;
  /** Daily backups while the app runs. */
  scheduled: boolean;
  rotation: { daily: number; weekly: number; monthly: number };
  last: BackupInfo | null;
  /** When the next scheduled backup is due (null: no folder or not scheduled). */
  nextDueAt: string | null;
  /** This department's backups in the folder, newest first. */
  backups: BackupInfo[];
  /** Why the folder cannot be used right now (a USB drive not plugged in), or null. */
  folderProblem: string | null;
}

export interface BackupCheck {
  name: string;
  ok: boolean;
  message: string;
}

export interface BackupHeaderView {
  createdAt: string;
  createdBy: string;
  scheduled: boolean;
  department: { uscc: string };
  databaseId: string;
  generation: number;
  schemaVersion: number;
  auditHead: AuditHead;
}

export interface BackupVerifyReport {
  ok: boolean;
  file: string;
  header: BackupHeaderView | null;
  bytes: number;
  checks: BackupCheck[];
  /** Opened with a password (otherwise only its structure, digests and encryption were checked). */
  opened: boolean;
}

export interface RestoreResult {
  restored: true;
  file: string;
  backup: BackupHeaderView;
  /** The current files, set aside (never deleted). */
  setAside: string[];
  /** Whether the current trail had the same entry at the backup's head (null: no current trail). */
  currentMatchedAtBackupHead: boolean | null;
  /** Batches the current database signed after the backup was made: not in the restored one. */
  batchesAfterBackup: number;
}
