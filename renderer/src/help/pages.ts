/**
 * Which section of the manual is “本页帮助” for the page shown (the hash path) and
 * the person's roles. test/manual/manual.test.ts checks every id here exists in
 * the manual, and that every page of the side menu has one.
 */
import type { Role } from '../../../electron/contract';

/** Before login: the screens of AuthLayout. */
export const AUTH_HELP = { login: 'login', setup: 'setup-wizard', reset: 'lost-password' } as const;

/** The 工作台 of each role (a person with several roles gets the first that applies). */
export const DASHBOARD_HELP: Record<Role, string> = {
  clerk: 'clerk-dashboard',
  approver: 'approver-dashboard',
  archivist: 'archivist-dashboard',
  auditor: 'auditor-dashboard',
  admin: 'admin-dashboard',
};

const ROLE_ORDER: Role[] = ['clerk', 'approver', 'archivist', 'auditor', 'admin'];

/** Per page of the side menu: its section, or one per tab / sub-path. */
export const PAGE_HELP: Record<string, string | ((rest: string[], roles: Role[]) => string)> = {
  dashboard: (_rest, roles) => DASHBOARD_HELP[ROLE_ORDER.find((r) => roles.includes(r)) ?? 'clerk'],
  records: (rest) => (rest.includes('import') ? 'clerk-import' : rest.includes('new') || rest[0] === 'edit' ? 'clerk-create' : 'clerk-records'),
  subjects: 'archivist-credit-file',
  checks: (rest) => (rest[0] === 'lists' ? 'admin-lists' : 'clerk-checks'),
  objections: 'clerk-objections',
  repairs: 'clerk-repairs',
  batches: (rest, roles) =>
    rest[0] === 'keys' ? 'approver-keys' : rest[0] === 'rectify' ? 'clerk-rejected' : roles.includes('approver') && !roles.includes('clerk') ? 'approver-review' : 'clerk-batches',
  statistics: 'approver-statistics',
  prints: 'archivist-print-log',
  audit: 'auditor-audit',
  settings: (rest) =>
    ({ users: 'admin-users', backup: 'admin-backup', diagnostics: 'admin-diagnostics', security: 'admin-security', rules: 'admin-calendar' })[rest[0] ?? ''] ?? 'admin-department',
};

export function helpSectionFor(path: string[], roles: Role[]): string {
  const [page = 'dashboard', ...rest] = path;
  const entry = PAGE_HELP[page] ?? PAGE_HELP.dashboard;
  return typeof entry === 'string' ? entry : entry(rest, roles);
}
