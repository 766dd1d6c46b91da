/**
 * Key changes that touch both the key file and the database — adding, disabling
 * and re-enabling a user, resetting or changing a password — are made complete
 * or not at all:
 *
 * 1. the key file is written (atomically, under the department lock) carrying an
 *    `intent` that describes the database half;
 * 2. the database half commits in one transaction with its audit entry, which
 *    names the intent (`detail.intent`);
 * 3. the intent is cleared from the key file.
 *
 * When the database half fails, the previous key file is put back (nothing
 * happened). When the process dies between 1 and 2, the intent is still in the
 * key file, and the next login completes it (`completedAtLogin: true` in its
 * audit entry); between 2 and 3, the next login finds its entry and only clears
 * the intent. Disabling re-keys the database between 1 and 2 (desk.ts).
 */
import { appendAudit } from '../audit/log';
import type { Role } from '../../contract/roles';
import type { SqliteDatabase } from '../store/database';
import { statement } from '../store/sql';
import { insertUser, markDisabled, markEnabled, markPasswordChanged } from '../users/service';

export type KeyIntentMethod = 'users.add' | 'users.disable' | 'users.enable' | 'users.resetPassword' | 'auth.changePassword' | 'auth.resetPassword';

export interface KeyIntent {
  id: string;
  method: KeyIntentMethod;
  /** The account concerned. */
  login: string;
  /** Who made the change. */
  by: string;
  at: string;
  /** users.add: name and roles; users.disable: reason and generation; … */
  detail: Record<string, unknown>;
  /** The trail's last entry when the intent was written: its own entry comes after. */
  auditAfter: number;
}

// Read before and after every mutating call (dispatch.ts): a prepared statement.
const lastSeq = statement<{ s: number }>('auth.lastAuditSeq', 'SELECT coalesce(max(seq), 0) AS s FROM audit_log');
const intentEntry = statement<{ found: 1 }, [number, string, string, string]>(
  'auth.intentEntry',
  `SELECT 1 AS found FROM audit_log WHERE seq > ? AND method = ? AND target = ? AND json_extract(detail, '$.intent') = ? LIMIT 1`,
);

export function lastAuditSeq(db: SqliteDatabase): number {
  return lastSeq.get(db)!.s;
}

/** Whether the database half of `intent` committed (its audit entry exists). */
export function intentApplied(db: SqliteDatabase, intent: KeyIntent): boolean {
  return intentEntry.get(db, intent.auditAfter, intent.method, `user:${intent.login}`, intent.id) !== undefined;
}

/** The database half of a key change, with its audit entry, in one transaction. */
export function applyIntent(db: SqliteDatabase, intent: KeyIntent, completedAtLogin = false): void {
  const { login, by, at, detail } = intent;
  db.transaction(() => {
    switch (intent.method) {
      case 'users.add':
        insertUser(db, { login, name: String(detail.name), roles: detail.roles as Role[] }, by, at);
        // The administrator chose this password: the person changes it at first login (issue 18).
        // Intents written before carry no flag and keep their old meaning.
        if (detail.mustChangePassword === true) markPasswordChanged(db, login, at, true);
        break;
      case 'users.disable':
        markDisabled(db, login, by, at, String(detail.reason ?? ''));
        break;
      case 'users.enable':
        markEnabled(db, login);
        markPasswordChanged(db, login, at, true);
        break;
      case 'users.resetPassword':
        markPasswordChanged(db, login, at, true);
        break;
      case 'auth.changePassword':
      case 'auth.resetPassword':
        markPasswordChanged(db, login, at, false);
        break;
    }
    appendAudit(db, {
      at,
      actor: by,
      method: intent.method,
      target: `user:${login}`,
      outcome: 'ok',
      detail: { ...detail, intent: intent.id, ...(completedAtLogin ? { completedAtLogin: true } : {}) },
    });
  })();
}
