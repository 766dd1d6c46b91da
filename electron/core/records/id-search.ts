/**
 * Searches by a personal ID number (issue 11: audited; issue 18: bounded). Whole
 * ID numbers work as an oracle — does the department hold anything on this
 * person? — so after a number of distinct ID numbers searched by one person in a
 * short window (default 20 in 10 minutes, `settings.update` → `idSearchBurst`),
 * each further new number needs a reason, which enters the trail with the entry.
 * The window is read from the audit trail itself (by person, whatever the
 * session: a script that logs in for every search gains nothing). A refusal is
 * audited too, and the auditor's 工作台 lists the bursts (`audit.idSearchBursts`).
 *
 * Numbers are told apart without keeping them: each entry carries a keyed digest
 * (HMAC-SHA-256 under a random key of the department's, kept in the encrypted
 * database), the trail keeps showing the masked number.
 */
import { DEFAULT_ID_SEARCH_BURST } from '../../contract/limits';
import { createHmac, randomBytes } from 'node:crypto';
import type { IdSearchBurst } from '../../contract/audit';
import { maskIdNumber } from '../identifiers/idcard';
import type { Desk } from '../desk';
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';
import { statement, type Row } from '../store/sql';
import type { auditLog } from '../../../drizzle/schema';
import { getSetting, putSetting } from '../settings/service';

const KEY_SETTING = 'privacy.idSearchKey';
const LIMIT_SETTING = 'idSearchBurst';
const SEARCH_METHODS = ['records.search', 'subjects.search'];

/** Looks like a 居民身份证号 (18 characters, or the old 15 digits). */
const ID_NUMBER = /^(\d{17}[\dX]|\d{15})$/;

const knownIdSubjects = statement<{ n: number }, [code: string]>(
  'idSearch.knownSubjects',
  `SELECT count(*) AS n FROM subjects WHERE code_type = 'id' AND code = ?`,
);
const recentSearches = statement<{ idKey: string | null; masked: string | null }, [since: string, login: string, ...methods: string[]]>(
  'idSearch.recent',
  `SELECT json_extract(detail, '$.idKey') AS idKey, json_extract(detail, '$.idNumber') AS masked FROM audit_log
   WHERE at >= ? AND actor = ? AND target = 'id-number' AND outcome = 'ok' AND method IN (${SEARCH_METHODS.map(() => '?').join(', ')})`,
);
// An ID-number search is always made by someone: its entry has an actor.
const bursts = statement<
  Pick<Row<typeof auditLog>, 'seq' | 'at' | 'method' | 'outcome' | 'detail'> & { actor: string; name: string | null },
  [since: string, limit: number]
>(
  'idSearch.bursts',
  `SELECT a.seq, a.at, a.actor, a.method, a.outcome, a.detail, u.name FROM audit_log a LEFT JOIN users u ON u.login = a.actor
   WHERE a.at >= ? AND a.target = 'id-number'
     AND (json_extract(a.detail, '$.burst') = 1 OR json_extract(a.detail, '$.reason') = 'id-search-burst')
   ORDER BY a.seq DESC LIMIT ?`,
);

export function idSearchLimit(db: SqliteDatabase): { count: number; minutes: number } {
  return { ...DEFAULT_ID_SEARCH_BURST, ...(getSetting<{ count: number; minutes: number }>(db, LIMIT_SETTING) ?? {}) };
}


/** The query as an ID number, when it is one (by its form, or the whole number of a subject known by one); else null. */
export function idNumberOf(db: SqliteDatabase, query: string | undefined): { number: string; knownSubjects: number } | null {
  const q = query?.trim().toUpperCase();
  if (!q) return null;
  const known = knownIdSubjects.value<number>(db, q) ?? 0;
  if (!ID_NUMBER.test(q) && known === 0) return null;
  return { number: q, knownSubjects: known };
}

/** The keyed digest that tells ID numbers apart in the trail (the key made once, in the encrypted database). */
function idKeyOf(desk: Desk, number: string): string {
  const db = desk.db;
  let key = getSetting<string>(db, KEY_SETTING);
  if (!key) {
    key = randomBytes(32).toString('hex');
    putSetting(db, KEY_SETTING, key, 'system', desk.now().toISOString());
  }
  return createHmac('sha256', Buffer.from(key, 'hex')).update(number).digest('hex').slice(0, 32);
}

/** The distinct ID numbers this person searched in the window (by digest; entries from before digests by their masked number). */
function recentNumbers(db: SqliteDatabase, login: string, since: string): Set<string> {
  const rows = recentSearches.all(db, since, login, ...SEARCH_METHODS);
  return new Set(rows.map((r) => r.idKey ?? `masked:${r.masked}`));
}

export interface IdSearchGuard {
  number: string;
  knownSubjects: number;
  idKey: string;
  /** Beyond the limit: allowed because a reason was given. */
  burst: boolean;
  distinct: number;
}

/**
 * Before an ID-number search runs: within the limit, or a number already searched
 * in the window, goes ahead; a new number beyond it needs a reason (REASON_REQUIRED,
 * audited as a refusal). Null when the query is not an ID number.
 */
export function guardIdSearch(desk: Desk, method: string, query: string | undefined, reason: string | undefined): IdSearchGuard | null {
  const id = idNumberOf(desk.db, query);
  if (!id) return null;
  const limit = idSearchLimit(desk.db);
  const now = desk.now();
  const since = new Date(now.getTime() - limit.minutes * 60_000).toISOString();
  const idKey = idKeyOf(desk, id.number);
  const seen = recentNumbers(desk.db, desk.login!, since);
  const distinct = seen.size + (seen.has(idKey) ? 0 : 1);
  const burst = !seen.has(idKey) && seen.size >= limit.count;
  if (burst && !reason) {
    desk.audit({
      actor: desk.login,
      method,
      target: 'id-number',
      outcome: 'denied',
      detail: { reason: 'id-search-burst', idNumber: maskIdNumber(id.number), distinct, limit: limit.count, minutes: limit.minutes },
    });
    throw new CoreError(
      'REASON_REQUIRED',
      `最近 ${limit.minutes} 分钟内您已按 ${seen.size} 个不同的身份证号查询（上限 ${limit.count} 个）：继续按新的身份证号查询须说明理由，理由记入审计日志。`,
      { distinct: seen.size, limit },
    );
  }
  return { ...id, idKey, burst, distinct };
}

/** After the search: who looked for whom (masked), how many matched, and the reason when beyond the limit. */
export function auditIdSearch(desk: Desk, method: string, guard: IdSearchGuard | null, hits: number, reason: string | undefined): void {
  if (!guard) return;
  desk.audit({
    actor: desk.login,
    method,
    target: 'id-number',
    outcome: 'ok',
    detail: {
      idNumber: maskIdNumber(guard.number),
      subjects: guard.knownSubjects,
      hits,
      idKey: guard.idKey,
      ...(guard.burst ? { burst: true, distinct: guard.distinct, searchReason: reason } : {}),
    },
  });
}

/** The bursts for the auditor: searches beyond the limit (with their reasons) and refusals, newest first. */
export function idSearchBursts(db: SqliteDatabase, options: { since: string; limit: number }): IdSearchBurst[] {
  const rows = bursts.all(db, options.since, options.limit);
  return rows.map((r) => {
    const d = JSON.parse(r.detail) as { idNumber?: string; distinct?: number; searchReason?: string };
    return {
      seq: r.seq,
      at: r.at,
      login: r.actor,
      name: r.name ?? r.actor,
      refused: r.outcome !== 'ok',
      idNumber: d.idNumber ?? '',
      distinct: d.distinct ?? 0,
      reason: d.searchReason ?? null,
    };
  });
}

