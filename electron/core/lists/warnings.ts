/**
 * Warnings where work happens: a record entered or imported about a subject on a
 * shared list shows the list entry. A warning, never a block: the department's
 * own record stands on its own decision.
 */
import type { records, sharedListEntries } from '../../../drizzle/schema';
import type { ImportListHits, ListHitBrief } from '../../contract/checks';
import type { CompiledCategory } from '../catalog/compile';
import type { RecordValues } from '../catalog/types';
import { subjectOf } from '../records/service';
import type { SqliteDatabase } from '../store/database';
import { statement, type Row } from '../store/sql';
import { normalizeCode, parseEntry } from './format';
import { briefOf, entriesFor, hasCurrentLists, versionInfo, type VersionInfo } from './queries';

/** The current (not expired) list entries about the subject of a record being entered. */
export function listHitsForValues(db: SqliteDatabase, compiled: CompiledCategory, values: RecordValues, today: string): ListHitBrief[] {
  if (!hasCurrentLists(db)) return [];
  const s = subjectOf(compiled, values);
  const code = s.uscc ?? s.idNumber;
  if (!code && !s.name) return [];
  return entriesFor(db, { code: code ? normalizeCode(code) : null, name: s.name || null }, today).filter((h) => !h.expired);
}

/** At most this many records are listed with their hits; all are counted. */
const MAX_ITEMS = 200;

type ImportHitRow = Pick<Row<typeof records>, 'id' | 'subject_name' | 'subject_code'> & Pick<Row<typeof sharedListEntries>, 'version_id' | 'entry'> & { matched_by: 'code' | 'name' };

/**
 * One pass in SQL after an import (a UNION ALL the query builder does not say well; the
 * literal `e.code <> ''` lets SQLite use the partial index on codes).
 */
const CURRENT = 'e.version_id IN (SELECT current_version_id FROM shared_lists WHERE current_version_id IS NOT NULL)';
const importHits = statement<ImportHitRow, [{ afterId: number }]>(
  'lists.importHits',
  `SELECT r.id, r.subject_name, r.subject_code, e.version_id, e.entry, 'code' AS matched_by
     FROM records r JOIN shared_list_entries e ON e.code = r.subject_code AND e.code <> '' AND ${CURRENT}
     WHERE r.id > @afterId AND r.subject_code IS NOT NULL
   UNION ALL
   SELECT r.id, r.subject_name, NULL, e.version_id, e.entry, 'name'
     FROM records r JOIN subjects s ON s.id = r.subject_id AND s.code_type = 'name'
     JOIN shared_list_entries e ON e.name_key = s.code AND ${CURRENT}
     WHERE r.id > @afterId
   ORDER BY 1`,
);

/**
 * The records of an import (ids above `afterId`) whose subject is on a current list:
 * by code, and by name for subjects that have no code.
 */
export function importListHits(db: SqliteDatabase, afterId: number, today: string): ImportListHits | undefined {
  if (!hasCurrentLists(db)) return undefined;
  const rows = importHits.all(db, { afterId });
  const cache = new Map<number, VersionInfo>();
  const items: ImportListHits['items'] = [];
  const counted = new Set<number>();
  for (const r of rows) {
    const brief = briefOf(parseEntry(r.entry), versionInfo(db, cache, r.version_id), r.matched_by, today);
    if (brief.expired) continue;
    counted.add(r.id);
    const last = items[items.length - 1];
    if (last?.recordId === r.id) last.hits.push(brief);
    else if (items.length < MAX_ITEMS) items.push({ recordId: r.id, subjectName: r.subject_name, code: brief.code, hits: [brief] });
  }
  return counted.size === 0 ? undefined : { count: counted.size, items };
}
