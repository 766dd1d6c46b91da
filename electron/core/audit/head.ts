/**
 * The audit trail's head as manifests and backups carry it: a check with no database
 * behind it, so that `verify` of a batch file loads neither SQLite nor drizzle.
 */
import type { AuditHead } from '../../contract/types';

export function isAuditHead(value: unknown): value is AuditHead {
  const h = value as Partial<AuditHead> | null;
  return typeof h === 'object' && h !== null && Number.isSafeInteger(h.seq) && (h.seq as number) >= 0 && typeof h.hash === 'string' && /^[0-9a-f]{64}$/.test(h.hash);
}
