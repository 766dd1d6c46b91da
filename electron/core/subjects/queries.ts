/** Finding subjects: by part of a name (bigram FTS) or a prefix of their code. */
import type { SubjectDetail, SubjectSummary } from '../../contract/records';
import { CoreError } from '../errors';
import { maskIdNumber } from '../identifiers/idcard';
import { matchExpression } from '../search/grams';
import { VISIBLE_ID_CHARS } from '../search/records-search';
import type { SqliteDatabase } from '../store/database';
import { statement, statementFamily } from '../store/sql';
import type { records, subjectFormerNames, subjectNameConflicts, subjects } from '../../../drizzle/schema';

/** A subject with its counts (camelCase aliases of the schema's columns). */
type SubjectRow = Pick<typeof subjects.$inferSelect, 'id' | 'kind' | 'name' | 'code' | 'codeType'> & { recordCount: number; openConflicts: number };

const SELECT = `SELECT s.id, s.kind, s.name, s.code, s.code_type AS codeType,
  (SELECT count(*) FROM records r WHERE r.subject_id = s.id) AS recordCount,
  (SELECT count(*) FROM subject_name_conflicts c WHERE c.subject_id = s.id AND c.resolved_at IS NULL) AS openConflicts
  FROM subjects s`;

function view(r: SubjectRow): SubjectSummary {
  return {
    subjectId: r.id,
    kind: r.kind,
    name: r.name,
    code: r.codeType === 'name' ? null : r.codeType === 'id' ? maskIdNumber(r.code) : r.code,
    codeType: r.codeType,
    recordCount: r.recordCount,
    openConflicts: r.openConflicts,
  };
}

interface SearchShape {
  text: boolean;
  match: boolean;
  personal: boolean;
  conflictsOnly: boolean;
}

/** The WHERE of a subject search: a name (FTS) or code prefix, and/or open conflicts only. */
function searchFilter(f: SearchShape): string {
  const where: string[] = [];
  if (f.text) {
    // A personal ID number: by its whole number only, beyond what its masked form shows (records-search.ts).
    const personal = f.personal ? `AND (s.code_type <> 'id' OR s.code = @prefix)` : '';
    const byCode = `(s.code >= @prefix AND s.code < @prefixEnd AND s.code_type <> 'name' ${personal})`;
    if (f.match) where.push(`(s.id IN (SELECT rowid FROM subject_search WHERE subject_search MATCH @match) OR ${byCode})`);
    else where.push(byCode);
  }
  if (f.conflictsOnly) where.push('EXISTS (SELECT 1 FROM subject_name_conflicts c WHERE c.subject_id = s.id AND c.resolved_at IS NULL)');
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

const SEARCH_SAMPLES: SearchShape[] = [
  { text: false, match: false, personal: false, conflictsOnly: false },
  { text: true, match: true, personal: true, conflictsOnly: true },
  { text: true, match: false, personal: false, conflictsOnly: false },
];
type SearchParams = [Record<string, unknown>];
const countSubjects = statementFamily<SearchShape, { n: number }, SearchParams>(
  'subjects.searchCount',
  (f) => `SELECT count(*) AS n FROM subjects s ${searchFilter(f)}`,
  SEARCH_SAMPLES,
);
const searchPage = statementFamily<SearchShape, SubjectRow, SearchParams>(
  'subjects.searchPage',
  (f) => `${SELECT} ${searchFilter(f)} ORDER BY s.id DESC LIMIT @limit OFFSET @offset`,
  SEARCH_SAMPLES,
);
const byId = statement<SubjectRow, [id: number]>('subjects.byId', `${SELECT} WHERE s.id = ?`);
const openConflictsOf = statement<
  Pick<typeof subjectNameConflicts.$inferSelect, 'id' | 'recordId' | 'name' | 'detectedAt'> & Pick<typeof records.$inferSelect, 'decisionNo' | 'category'>,
  [subjectId: number]
>(
  'subjects.openConflictsOf',
  `SELECT c.id, c.record_id AS recordId, c.name, c.detected_at AS detectedAt, r.decision_no AS decisionNo, r.category
   FROM subject_name_conflicts c JOIN records r ON r.id = c.record_id
   WHERE c.subject_id = ? AND c.resolved_at IS NULL ORDER BY c.id`,
);
const otherNamesOf = statement<{ n: string }, [subjectId: number, name: string]>(
  'subjects.otherNames',
  'SELECT DISTINCT subject_name AS n FROM records WHERE subject_id = ? AND subject_name <> ?',
);
const formerNamesOf = statement<Pick<typeof subjectFormerNames.$inferSelect, 'name' | 'until'> & { by: string }, [subjectId: number]>(
  'subjects.formerNames',
  'SELECT name, until, changed_by AS by FROM subject_former_names WHERE subject_id = ? ORDER BY id DESC',
);

export function searchSubjects(
  db: SqliteDatabase,
  q: { query?: string; conflictsOnly?: boolean; offset?: number; limit?: number },
): { total: number; items: SubjectSummary[] } {
  const params: Record<string, unknown> = { limit: q.limit ?? 20, offset: q.offset ?? 0 };
  const text = q.query?.trim();
  const shape: SearchShape = { text: false, match: false, personal: false, conflictsOnly: q.conflictsOnly === true };
  if (text) {
    const match = matchExpression(text);
    const prefix = text.toUpperCase();
    params.prefix = prefix;
    params.prefixEnd = `${text.toUpperCase()}\uffff`;
    shape.text = true;
    shape.personal = prefix.length > VISIBLE_ID_CHARS;
    if (match) {
      params.match = match;
      shape.match = true;
    }
  }
  const total = countSubjects(shape).value<number>(db, params) ?? 0;
  const rows = searchPage(shape).all(db, params);
  return { total, items: rows.map(view) };
}

export function getSubject(db: SqliteDatabase, id: number): SubjectDetail {
  const row = byId.get(db, id);
  if (!row) throw new CoreError('NOT_FOUND', `找不到编号为 ${id} 的信用主体。`);
  const conflicts: SubjectDetail['conflicts'] = openConflictsOf.all(db, id);
  const otherNames = otherNamesOf.values<string>(db, id, row.name);
  const formerNames: SubjectDetail['formerNames'] = formerNamesOf.all(db, id);
  return { ...view(row), conflicts, otherNames, formerNames };
}
