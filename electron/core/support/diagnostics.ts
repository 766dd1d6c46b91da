/**
 * Diagnostics for support (系统设置 → 诊断信息). Recent errors and timings are kept
 * in memory from the program's start, by dispatch, with nothing but the contract's
 * own words: the method's name (only names the contract lists), the error's code
 * (the contract's ERROR_CODES) and, for an unexpected failure, the kind of error
 * (an identifier such as TypeError or SQLITE_IOERR_WRITE). No message, input,
 * result or path is recorded — those can hold names, codes, ID numbers and record
 * content — so the file can leave the office without personal data.
 */
import { statSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import type { AboutInfo, DiagnosticsError, DiagnosticsReport, DiagnosticsTiming } from '../../contract/desktop';
import { ERROR_CODES } from '../../contract/errors';
import { isMethodName } from '../../contract/methods';
import type { Desk } from '../desk';
import { getSettings } from '../settings/service';
import { databaseSchemaVersion } from '../store/migrate';
import { statementFamily } from '../store/sql';

const MAX_ERRORS = 100;
const MAX_SAMPLES = 200;
const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;

interface MethodStats {
  calls: number;
  errors: number;
  totalMs: number;
  maxMs: number;
  /** The last MAX_SAMPLES durations, for the 95th percentile. */
  samples: number[];
}

const stats = new Map<string, MethodStats>();
const errors: DiagnosticsError[] = [];

/** The kind of an unexpected error, when it is an identifier (never its message). */
export function errorKind(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && IDENTIFIER.test(code)) return code;
  const name = err instanceof Error ? err.name : undefined;
  return name && IDENTIFIER.test(name) ? name : undefined;
}

/** Called by dispatch for every call of a contract method. */
export function recordCall(method: string, ms: number, failure?: { code: string; kind?: string }, at = new Date()): void {
  if (!isMethodName(method)) return;
  const s = stats.get(method) ?? { calls: 0, errors: 0, totalMs: 0, maxMs: 0, samples: [] };
  s.calls++;
  s.totalMs += ms;
  s.maxMs = Math.max(s.maxMs, ms);
  s.samples.push(ms);
  if (s.samples.length > MAX_SAMPLES) s.samples.shift();
  stats.set(method, s);
  if (!failure) return;
  s.errors++;
  const entry: DiagnosticsError = { at: at.toISOString(), method, code: KNOWN_CODES.has(failure.code) ? failure.code : 'INTERNAL' };
  if (failure.kind && IDENTIFIER.test(failure.kind)) entry.kind = failure.kind;
  errors.unshift(entry);
  if (errors.length > MAX_ERRORS) errors.pop();
}

/** Forgets what was recorded (tests). */
export function resetDiagnostics(): void {
  stats.clear();
  errors.length = 0;
}

const round = (n: number) => Math.round(n * 10) / 10;
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

function timings(): DiagnosticsTiming[] {
  return [...stats.entries()]
    .sort((a, b) => b[1].totalMs - a[1].totalMs)
    .map(([method, s]) => {
      const sorted = [...s.samples].sort((a, b) => a - b);
      return {
        method,
        calls: s.calls,
        errors: s.errors,
        meanMs: round(s.totalMs / s.calls),
        p95Ms: round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0),
        maxMs: round(s.maxMs),
      };
    });
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

const COUNTED_TABLES = ['records', 'record_versions', 'subjects', 'cases', 'batches', 'report_ops', 'audit_log', 'print_log', 'credit_checks', 'users'];
const countRows = statementFamily<string, { n: number }>('diagnostics.countRows', (table) => `SELECT count(*) AS n FROM ${table}`, COUNTED_TABLES);

/** Row counts of the main tables: sizes, not contents. */
function counts(desk: Desk): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    try {
      out[table] = countRows(table).value<number>(desk.db) ?? 0;
    } catch {
      // a table another version names differently: left out
    }
  }
  return out;
}

/** What dispatch has recorded: the report's two lists. */
export function diagnosticsSnapshot(): Pick<DiagnosticsReport, 'recentErrors' | 'timings'> {
  return { recentErrors: errors.slice(), timings: timings() };
}

export function runtimeVersions(): AboutInfo['runtime'] {
  const v = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return { electron: v.electron ?? null, chrome: v.chrome ?? null, node: v.node };
}

export function diagnosticsReport(desk: Desk, product: { name: string; version: string }): DiagnosticsReport {
  const memory = process.memoryUsage();
  const pragma = (name: string) => desk.db.pragma(name, { simple: true }) as string | number;
  return {
    format: 'credit-desk-diagnostics/1',
    generatedAt: desk.now().toISOString(),
    product,
    schema: { app: desk.appSchemaVersion(), database: databaseSchemaVersion(desk.db) },
    platform: {
      os: process.platform,
      release: release(),
      arch: process.arch,
      cpus: cpus().length,
      memoryMiB: mib(totalmem()),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      runtime: runtimeVersions(),
    },
    process: { uptimeSeconds: Math.round(process.uptime()), rssMiB: mib(memory.rss), heapUsedMiB: mib(memory.heapUsed) },
    database: {
      fileBytes: fileSize(desk.dbPath),
      walBytes: fileSize(`${desk.dbPath}-wal`),
      pageSize: Number(pragma('page_size')),
      journalMode: String(pragma('journal_mode')),
      counts: counts(desk),
    },
    settings: { idleLockMinutes: getSettings(desk.db).idleLockMinutes },
    ...diagnosticsSnapshot(),
  };
}
