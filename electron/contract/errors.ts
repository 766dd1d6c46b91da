/**
 * Stable error codes crossing the UI↔core boundary. The UI maps each code to a
 * localized message; the core also sends a Chinese message for the CLI and logs.
 */
export const ERROR_CODES = [
  'BAD_INPUT', // input failed the contract's schema or a domain rule
  'UNKNOWN_METHOD',
  'NOT_INITIALIZED', // no department database exists yet
  'ALREADY_INITIALIZED',
  'NOT_LOGGED_IN',
  'LOCKED', // the session locked itself after idle time
  'FORBIDDEN', // the role may not call this method
  'WRONG_PASSWORD',
  'THROTTLED', // too many failed logins; wait before trying again
  'USER_DISABLED',
  'USER_EXISTS',
  'NOT_FOUND',
  'WRONG_RECOVERY_CODE',
  'LAST_ADMIN', // refusing to disable or demote the last active administrator
  'DB_NEWER_VERSION', // written by a newer version of the app
  'DB_CORRUPT',
  'KEY_FILE_MISSING',
  'DATABASE_MISSING', // the key file is there but the database is not
  'BUSY', // another process holds the department (a re-key, a backup) or has the database open
  'PASSWORD_CHANGE_REQUIRED', // an administrator set this password: change it first
  'CANCELLED',
  'INVALID_RECORD', // a record failed the catalogue's checks; details.errors lists them
  'DUPLICATE', // same category + decision number + subject exists; details.recordId points to it
  'CONFLICT', // the record changed since it was read (stale baseVersion)
  'BAD_FILE', // an import file that cannot be read at all
  'PRINT_FAILED', // a document could not be printed (e.g. the bundled fonts are missing)
  'STORAGE_UNAVAILABLE', // the database file cannot be read or written (a drive unplugged, a disk full)
  // issue 18 (trust2)
  'CASE_OPEN', // a case is open on the record: only its decision changes it (details.caseNo)
  'CONFIRMATION_REQUIRED', // the call would lose or accept something only a confirmation allows (details say what)
  'REASON_REQUIRED', // a reason is needed to go on (many ID-number searches in a short time)
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface CoreErrorData {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CoreErrorData };
