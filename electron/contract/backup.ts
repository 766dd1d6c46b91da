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

/** What the current database holds that a backup does not: lost when the backup is restored (issue 18). */
export interface RestoreNewer {
  /** Records added since the backup. */
  records: number;
  /** Record versions added since (new records' first versions included). */
  recordVersions: number;
  /** Batches added or changed (prepared, approved, returned …) since. */
  batches: number;
  /** Cases added or changed since. */
  cases: number;
  /** Changes in the trail after the backup's head: the number a restore must be confirmed with. */
  auditEntries: number;
  /** Other entries after it (logins, refusals, errors). */
  otherAuditEntries: number;
}

/** Sent with CONFIRMATION_REQUIRED (`details.plan`) when a restore needs confirming. */
export interface RestorePlan {
  backup: { createdAt: string; createdBy: string; auditHead: AuditHead };
  newer: RestoreNewer;
  /** Accounts disabled since the backup: kept disabled, the restored database re-keyed without them. */
  keepDisabled: string[];
  /** Whether the current trail holds the backup's head (recomputed); why not, when it does not. */
  trail: { matches: boolean; reason: string | null };
}

export interface RestoreResult {
  restored: true;
  file: string;
  backup: BackupHeaderView;
  /** The current files, set aside (never deleted). */
  setAside: string[];
  /** Whether the current trail had the same entry at the backup's head (null: no current trail). */
  currentMatchedAtBackupHead: boolean | null;
  /** Batches added or changed after the backup was made: not in the restored one. */
  batchesAfterBackup: number;
  /** What was discarded (null: no current database to compare with). */
  discarded: RestoreNewer | null;
  /** Accounts disabled since the backup, kept disabled. */
  keptDisabled: string[];
  /** The restored database was re-keyed (so that their key copies fail). */
  rekeyed: boolean;
}
