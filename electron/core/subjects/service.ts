/**
 * Subjects (信用主体): one per 统一社会信用代码, or per ID number for a person,
 * or — with neither — per normalised name. A known code arriving with another
 * name is flagged for a person to look at, never silently merged or renamed.
 */
import { CoreError } from '../errors';
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
    // SubjectBatch: many codes of one kind, and many search entries, each in one statement.
    findMany: db.prepare('SELECT code, id, name FROM subjects WHERE code_type = ? AND code IN (SELECT value FROM json_each(?))'),
    indexMany: db.prepare('INSERT INTO subject_search (rowid, grams) SELECT value ->> 0, value ->> 1 FROM json_each(?)'),
    conflict: db.prepare('INSERT INTO subject_name_conflicts (subject_id, record_id, name, detected_at) VALUES (?, ?, ?, ?)'),
    openConflict: db.prepare('SELECT 1 FROM subject_name_conflicts WHERE subject_id = ? AND record_id = ? AND name = ? AND resolved_at IS NULL'),
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

/**
 * The subjects of many records written together (a chunk of an import): those already
 * known are read with one query per kind of code, new ones are inserted as they come
 * (a record needs its subject's id), and the new subjects' search entries are added
 * together at `flush`. Resolving gives what resolveSubject gives, row by row; only the
 * number of statements changes (two per new subject fewer, one per known subject).
 * Every subject written while the batch is open must be resolved through it.
 */
export class SubjectBatch {
  private readonly known = new Map<string, { id: number; name: string }>();
  private readonly grams: [number, string][] = [];

  constructor(
    private readonly db: SqliteDatabase,
    identities: Iterable<SubjectIdentity>,
  ) {
    const codes = new Map<string, Set<string>>();
    for (const identity of identities) {
      const { codeType, code } = subjectKey(identity);
      let set = codes.get(codeType);
      if (!set) codes.set(codeType, (set = new Set()));
      set.add(code);
    }
    const s = stmts(db);
    for (const [codeType, set] of codes) {
      for (const row of s.findMany.all(codeType, JSON.stringify([...set])) as { code: string; id: number; name: string }[]) {
        this.known.set(`${codeType}:${row.code}`, { id: row.id, name: row.name });
      }
    }
  }

  resolve(identity: SubjectIdentity, at: string, known: { subjectNameKey: string; grams: string }): ResolvedSubject {
    const key = subjectKey(identity);
    const mapKey = `${key.codeType}:${key.code}`;
    const found = this.known.get(mapKey);
    if (found) return { id: found.id, nameConflict: normalizeName(found.name) !== known.subjectNameKey };
    const name = identity.name.trim();
    const id = Number(stmts(this.db).insert.run(identity.kind, key.codeType, key.code, name, at, at).lastInsertRowid);
    this.known.set(mapKey, { id, name });
    this.grams.push([id, known.grams]);
    return { id, nameConflict: false };
  }

  /** Adds the new subjects' search entries. */
  flush(): void {
    if (this.grams.length === 0) return;
    stmts(this.db).indexMany.run(JSON.stringify(this.grams));
    this.grams.length = 0;
  }
}

export function flagNameConflict(db: SqliteDatabase, subjectId: number, recordId: number, name: string, at: string): void {
  const s = stmts(db);
  // A correction that keeps the same different name is still the one conflict.
  if (s.openConflict.get(subjectId, recordId, name)) return;
  s.conflict.run(subjectId, recordId, name, at);
}

/**
 * Settles a name conflict as a renaming (确认更名): the name the record arrived
 * with becomes the subject's name, the old one is kept as a former name, and every
 * open conflict that the new name answers is settled with it. Returns the new name.
 */
export function renameSubject(db: SqliteDatabase, subjectId: number, conflictId: number, by: string, at: string): { name: string; recordId: number } {
  const conflict = db
    .prepare('SELECT id, record_id AS recordId, name FROM subject_name_conflicts WHERE id = ? AND subject_id = ? AND resolved_at IS NULL')
    .get(conflictId, subjectId) as { id: number; recordId: number; name: string } | undefined;
  if (!conflict) throw new CoreError('NOT_FOUND', '找不到这条未处理的名称冲突（可能已由他人处理），请刷新后再看。');
  const subject = db.prepare('SELECT name FROM subjects WHERE id = ?').get(subjectId) as { name: string };
  const name = conflict.name.trim();
  db.prepare('INSERT INTO subject_former_names (subject_id, name, until, changed_by) VALUES (?, ?, ?, ?)').run(subjectId, subject.name, at, by);
  db.prepare('UPDATE subjects SET name = ?, updated_at = ? WHERE id = ?').run(name, at, subjectId);
  db.prepare('DELETE FROM subject_search WHERE rowid = ?').run(subjectId);
  stmts(db).index.run(subjectId, indexText(name));
  const key = normalizeName(name);
  const open = db.prepare('SELECT id, name FROM subject_name_conflicts WHERE subject_id = ? AND resolved_at IS NULL').all(subjectId) as { id: number; name: string }[];
  const settle = db.prepare(`UPDATE subject_name_conflicts SET resolved_at = ?, resolved_by = ?, resolution = 'renamed' WHERE id = ?`);
  for (const c of open) if (normalizeName(c.name) === key) settle.run(at, by, c.id);
  return { name, recordId: conflict.recordId };
}

/**
 * A record corrected since its conflict was flagged: the conflict is settled when
 * the record no longer belongs to the subject (its code was wrong) or now carries
 * the subject's own name.
 */
export function settleCorrectedConflicts(db: SqliteDatabase, recordId: number, by: string, at: string): void {
  const open = db
    .prepare(
      `SELECT c.id, c.subject_id AS subjectId, r.subject_id AS now, r.subject_name AS recordName, s.name AS subjectName
       FROM subject_name_conflicts c JOIN records r ON r.id = c.record_id JOIN subjects s ON s.id = c.subject_id
       WHERE c.record_id = ? AND c.resolved_at IS NULL`,
    )
    .all(recordId) as { id: number; subjectId: number; now: number; recordName: string; subjectName: string }[];
  const settle = db.prepare('UPDATE subject_name_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?');
  for (const c of open) {
    if (c.now !== c.subjectId) settle.run(at, by, 'code-corrected', c.id);
    else if (normalizeName(c.recordName) === normalizeName(c.subjectName)) settle.run(at, by, 'name-corrected', c.id);
  }
}
