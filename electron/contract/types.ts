import type { Role } from './roles';

/** What the UI knows about the logged-in person. */
export interface SessionUser {
  login: string;
  name: string;
  roles: Role[];
  /** An administrator set this person's password: they must choose a new one before anything else. */
  mustChangePassword?: boolean;
}

export interface DepartmentProfile {
  name: string;
  uscc: string;
  regionCode: string;
  contactPerson: string;
  contactPhone: string;
  /** 机关代字 for 发文字号 (栾市监); empty: the department's name is used. */
  shortName: string;
  /** The 行政复议 body and the court letters name (e.g. 石家庄市栾城区人民政府, 石家庄市栾城区人民法院). */
  reconsiderationBody: string;
  court: string;
  /** 发文字号 pattern per letter kind as set by the administrator ({year}, {n}); kinds not set use the default. */
  docNoPatterns: Record<string, string>;
}

export interface AppStatus {
  /** Whether a department database exists at the configured location. */
  initialized: boolean;
  /** A department's files are incomplete (the database or its key file is missing): nothing is created over them. */
  problem: { code: 'KEY_FILE_MISSING' | 'DATABASE_MISSING'; message: string } | null;
  /** The person currently logged in, if any. */
  user: SessionUser | null;
  /** Login of the person whose session locked itself, to pre-fill the unlock form. */
  lockedLogin: string | null;
  /** The idle-lock setting of the open department, known only while logged in. */
  idleLockMinutes: number | null;
}

export interface UserSummary {
  login: string;
  name: string;
  roles: Role[];
  active: boolean;
  createdAt: string;
  disabledAt: string | null;
  disabledReason: string | null;
  /** An administrator set the password; the person must change it at next login. */
  mustChangePassword: boolean;
  lastLoginAt: string | null;
}

export interface Settings {
  /** Minutes without activity after which the window locks (default 10). */
  idleLockMinutes: number;
  /** Distinct ID numbers one person may search within `minutes` before each new one needs a reason (default 20 in 10; issue 18). */
  idSearchBurst: { count: number; minutes: number };
  /** The department's time zone: every time shown or printed is in it (default Asia/Shanghai). */
  timeZone: string;
}

export interface DeskInfo {
  department: DepartmentProfile;
  schemaVersion: number;
  appSchemaVersion: number;
  counts: { users: number; activeUsers: number; auditEntries: number };
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string | null;
  method: string;
  target: string | null;
  outcome: 'ok' | 'error' | 'denied';
  detail: unknown;
}

/** The audit trail's newest entry: what an anchor records outside the database. */
export interface AuditHead {
  seq: number;
  /** SHA-256 of the chain up to `seq` (hex, lower case). */
  hash: string;
}

/** An audit head recorded outside the database: a signed batch's manifest, a backup, a printed sheet. */
export interface AuditAnchor extends AuditHead {
  /** Where it comes from, as people read it: “第 3 批的清单”, “备份 … ”, “打印的审批单”. */
  source: string;
}

export interface AuditAnchorCheck extends AuditAnchor {
  /** `beyond-end`: the trail stops before the anchor (entries were removed from its end). */
  result: 'match' | 'mismatch' | 'beyond-end' | 'bad-signature';
  message: string;
}

export interface AuditVerifyResult {
  /** The chain is whole and every anchor matches. */
  ok: boolean;
  checked: number;
  /** The first entry whose hash does not match, when the chain is broken. */
  firstBroken: { seq: number; reason: string } | null;
  /** Where the verified chain ends. */
  head: AuditHead;
  /** Every anchor given or known, newest first, with its result. */
  anchors: AuditAnchorCheck[];
  /** The newest anchor that matched: entries after it are anchored nowhere outside the database yet. */
  newestAnchoredSeq: number | null;
}

export interface ProgressEvent {
  type: 'progress';
  callId: string;
  method: string;
  done: number;
  total: number | null;
  phase?: string;
}

export interface LockedEvent {
  type: 'locked';
  login: string;
}

/** What the application menu asks of the page (electron/host/menu.ts). */
export type MenuCommand = 'print-manual' | 'lock' | 'find' | 'page-help' | 'manual' | 'shortcuts' | 'diagnostics' | 'about';

/** Sent by the host (not the core) when a menu item is chosen. */
export interface MenuEvent {
  type: 'menu';
  command: MenuCommand;
}

/** Sent by the host when the data folder went away while the app runs (a drive unplugged). */
export interface DataFolderEvent {
  type: 'data-folder';
  title: string;
  message: string;
}

export type CoreEvent = ProgressEvent | LockedEvent | MenuEvent | DataFolderEvent;
