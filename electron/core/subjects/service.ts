/**
 * Subjects (信用主体): one per 统一社会信用代码, or per ID number for a person,
 * or — with neither — per normalised name. A known code arriving with another
 * name is flagged for a person to look at, never silently merged or renamed.
 */
import type { SqliteDatabase } from '../store/database';
import { indexText, normalizeName } from '../search/grams';

export interface SubjectIdentity {
  kind: string;
  name: string;
  uscc: string | null;
  idNumber: string | null;
}

export interface ResolvedSubject {
  id: number;
  /** The subject's recorded name differs from the one on the record. */
  nameConflict: boolean;
}

export function subjectKey(identity: SubjectIdentity): { codeType: 'uscc' | 'id' | 'name'; code: string } {
  if (identity.uscc) return { codeType: 'uscc', code: identity.uscc.toUpperCase() };
  if (identity.idNumber) return { codeType: 'id', code: identity.idNumber.toUpperCase() };
  return { codeType: 'name', code: normalizeName(identity.name) };
}

/** Prepared statements per connection: resolving runs once per imported row. */
const statements = new WeakMap<SqliteDatabase, ReturnType<typeof prepare>>();

function prepare(db: SqliteDatabase) {
  return {
    find: db.prepare('SELECT id, name FROM subjects WHERE code_type = ? AND code = ?'),
    insert: db.prepare('INSERT INTO subjects (kind, code_type, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
    index: db.prepare('INSERT INTO subject_search (rowid, grams) VALUES (?, ?)'),
    conflict: db.prepare('INSERT INTO subject_name_conflicts (subject_id, record_id, name, detected_at) VALUES (?, ?, ?, ?)'),
  };
}

function stmts(db: SqliteDatabase) {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = prepare(db)));
  return s;
}

/**
 * The subject of a record, created when new. `known` carries the name's
 * normalised form and search bigrams when the caller has them already.
 */
export function resolveSubject(
  db: SqliteDatabase,
  identity: SubjectIdentity,
  at: string,
  known?: { subjectNameKey: string; grams: string },
): ResolvedSubject {
  const s = stmts(db);
  const key = subjectKey(identity);
  const found = s.find.get(key.codeType, key.code) as { id: number; name: string } | undefined;
  if (found) return { id: found.id, nameConflict: normalizeName(found.name) !== (known?.subjectNameKey ?? normalizeName(identity.name)) };
  const id = Number(s.insert.run(identity.kind, key.codeType, key.code, identity.name.trim(), at, at).lastInsertRowid);
  s.index.run(id, known?.grams ?? indexText(identity.name));
  return { id, nameConflict: false };
}

export function flagNameConflict(db: SqliteDatabase, subjectId: number, recordId: number, name: string, at: string): void {
  stmts(db).conflict.run(subjectId, recordId, name, at);
}
