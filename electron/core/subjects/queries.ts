/** Finding subjects: by part of a name (bigram FTS) or a prefix of their code. */
import type { SubjectDetail, SubjectSummary } from '../../contract/records';
import { CoreError } from '../errors';
import { maskIdNumber } from '../identifiers/idcard';
import { matchExpression } from '../search/grams';
import { VISIBLE_ID_CHARS } from '../search/records-search';
import type { SqliteDatabase } from '../store/database';

interface Row {
  id: number;
  kind: string;
  name: string;
  code: string;
  codeType: 'uscc' | 'id' | 'name';
  recordCount: number;
  openConflicts: number;
}

const SELECT = `SELECT s.id, s.kind, s.name, s.code, s.code_type AS codeType,
  (SELECT count(*) FROM records r WHERE r.subject_id = s.id) AS recordCount,
  (SELECT count(*) FROM subject_name_conflicts c WHERE c.subject_id = s.id AND c.resolved_at IS NULL) AS openConflicts
  FROM subjects s`;

function view(r: Row): SubjectSummary {
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

export function searchSubjects(
  db: SqliteDatabase,
  q: { query?: string; conflictsOnly?: boolean; offset?: number; limit?: number },
): { total: number; items: SubjectSummary[] } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: q.limit ?? 20, offset: q.offset ?? 0 };
  const text = q.query?.trim();
  if (text) {
    const match = matchExpression(text);
    const prefix = text.toUpperCase();
    params.prefix = prefix;
    params.prefixEnd = `${text.toUpperCase()}\uffff`;
    // A personal ID number: by its whole number only, beyond what its masked form shows (records-search.ts).
    const personal = prefix.length > VISIBLE_ID_CHARS ? `AND (s.code_type <> 'id' OR s.code = @prefix)` : '';
    const byCode = `(s.code >= @prefix AND s.code < @prefixEnd AND s.code_type <> 'name' ${personal})`;
    if (match) {
      params.match = match;
      where.push(`(s.id IN (SELECT rowid FROM subject_search WHERE subject_search MATCH @match) OR ${byCode})`);
    } else where.push(byCode);
  }
  if (q.conflictsOnly) where.push('EXISTS (SELECT 1 FROM subject_name_conflicts c WHERE c.subject_id = s.id AND c.resolved_at IS NULL)');
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM subjects s ${filter}`).get(params) as { n: number }).n;
  const rows = db.prepare(`${SELECT} ${filter} ORDER BY s.id DESC LIMIT @limit OFFSET @offset`).all(params) as Row[];
  return { total, items: rows.map(view) };
}

export function getSubject(db: SqliteDatabase, id: number): SubjectDetail {
  const row = db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as Row | undefined;
  if (!row) throw new CoreError('NOT_FOUND', `找不到编号为 ${id} 的信用主体。`);
  const conflicts = db
    .prepare(
      `SELECT c.id, c.record_id AS recordId, c.name, c.detected_at AS detectedAt, r.decision_no AS decisionNo, r.category
       FROM subject_name_conflicts c JOIN records r ON r.id = c.record_id
       WHERE c.subject_id = ? AND c.resolved_at IS NULL ORDER BY c.id`,
    )
    .all(id) as SubjectDetail['conflicts'];
  const otherNames = (
    db.prepare('SELECT DISTINCT subject_name AS n FROM records WHERE subject_id = ? AND subject_name <> ?').all(id, row.name) as { n: string }[]
  ).map((r) => r.n);
  const formerNames = db
    .prepare('SELECT name, until, changed_by AS by FROM subject_former_names WHERE subject_id = ? ORDER BY id DESC')
    .all(id) as SubjectDetail['formerNames'];
  return { ...view(row), conflicts, otherNames, formerNames };
}
