/** Contract types of the desktop product: 关于, the licences shipped, diagnostics. */

export interface AboutInfo {
  product: string;
  version: string;
  /** The schema this program writes (its newest migration). */
  appSchemaVersion: number;
  /** The open department database's schema; null before login (the database is closed). */
  schemaVersion: number | null;
  /** Where the department's files are (the database and its key file). */
  dataFolder: string;
  platform: string;
  arch: string;
  runtime: { electron: string | null; chrome: string | null; node: string };
}

export interface LicenseView {
  name: string;
  version: string;
  /** SPDX expression. */
  license: string;
  /** The licence's full text. */
  text: string;
  repository?: string;
}

export interface LicensesInfo {
  count: number;
  entries: LicenseView[];
}

export interface DiagnosticsTiming {
  method: string;
  calls: number;
  errors: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface DiagnosticsError {
  at: string;
  method: string;
  /** The contract's error code (BAD_INPUT, INTERNAL …), never its message. */
  code: string;
  /** For INTERNAL and storage errors: the kind of failure (TypeError, SQLITE_IOERR_WRITE …). */
  kind?: string;
}

/**
 * What an administrator gives to support. Only the program's own words (versions,
 * method names, error codes, counts and times): never a name, a code, an ID number,
 * a path or anything a record holds.
 */
export interface DiagnosticsReport {
  format: 'credit-desk-diagnostics/1';
  generatedAt: string;
  product: { name: string; version: string };
  schema: { app: number; database: number | null };
  platform: { os: string; release: string; arch: string; cpus: number; memoryMiB: number; timeZone: string; runtime: AboutInfo['runtime'] };
  process: { uptimeSeconds: number; rssMiB: number; heapUsedMiB: number };
  database: { fileBytes: number; walBytes: number; pageSize: number; journalMode: string; counts: Record<string, number> };
  settings: { idleLockMinutes: number };
  /** Since the program started, newest first (at most 100). */
  recentErrors: DiagnosticsError[];
  /** Per contract method since the program started, slowest in total first. */
  timings: DiagnosticsTiming[];
}
