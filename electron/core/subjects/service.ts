/**
 * Subjects (信用主体): one per 统一社会信用代码, or per ID number for a person,
 * or — with neither — per normalised name. A known code arriving with another
 * name is flagged for a person to look at, never silently merged or renamed.
 */
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';
import { statement, type Row } from '../store/sql';
import type { subjectNameConflicts, subjects } from '../../../drizzle/schema';
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

export function subjectKey(identity: SubjectIdentity): { codeType: CodeType; code: string } {
  if (identity.uscc) return { codeType: 'uscc', code: identity.uscc.toUpperCase() };
  if (identity.idNumber) return { codeType: 'id', code: identity.idNumber.toUpperCase() };
  return { codeType: 'name', code: normalizeName(identity.name) };
}

type CodeType = 'uscc' | 'id' | 'name';

/** The subject is known by a person's ID number (subjectKey's code type 'id'): records.personal_code. */
export const hasPersonalCode = (identity: SubjectIdentity): boolean => !identity.uscc && !!identity.idNumber;

// Resolving runs once per imported row.
const find = statement<Pick<Row<typeof subjects>, 'id' | 'name'>, [codeType: CodeType, code: string]>(
  'subjects.find',
  'SELECT id, name FROM subjects WHERE code_type = ? AND code = ?',
);
const insert = statement<never, [kind: string, codeType: CodeType, code: string, name: string, createdAt: string, updatedAt: string]>(
  'subjects.insert',
  'INSERT INTO subjects (kind, code_type, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
);
const index = statement<never, [id: number, grams: string]>('subjects.index', 'INSERT INTO subject_search (rowid, grams) VALUES (?, ?)');
const unindex = statement<never, [id: number]>('subjects.unindex', 'DELETE FROM subject_search WHERE rowid = ?');
// SubjectBatch: many codes of one kind, and many search entries, each in one statement.
const findMany = statement<Pick<Row<typeof subjects>, 'code' | 'id' | 'name'>, [codeType: CodeType, codesJson: string]>(
  'subjects.findMany',
  'SELECT code, id, name FROM subjects WHERE code_type = ? AND code IN (SELECT value FROM json_each(?))',
);
const indexMany = statement<never, [json: string]>(
  'subjects.indexMany',
  'INSERT INTO subject_search (rowid, grams) SELECT value ->> 0, value ->> 1 FROM json_each(?)',
);
const conflict = statement<never, [subjectId: number, recordId: number, name: string, detectedAt: string]>(
  'subjects.flagConflict',
  'INSERT INTO subject_name_conflicts (subject_id, record_id, name, detected_at) VALUES (?, ?, ?, ?)',
);
const openConflict = statement<{ 1: number }, [subjectId: number, recordId: number, name: string]>(
  'subjects.openConflict',
  'SELECT 1 FROM subject_name_conflicts WHERE subject_id = ? AND record_id = ? AND name = ? AND resolved_at IS NULL',
);
const conflictToSettle = statement<Pick<Row<typeof subjectNameConflicts>, 'id' | 'name'> & { recordId: number }, [id: number, subjectId: number]>(
  'subjects.conflictToSettle',
  'SELECT id, record_id AS recordId, name FROM subject_name_conflicts WHERE id = ? AND subject_id = ? AND resolved_at IS NULL',
);
const nameOf = statement<Pick<Row<typeof subjects>, 'name'>, [id: number]>('subjects.name', 'SELECT name FROM subjects WHERE id = ?');
const keepFormerName = statement<never, [subjectId: number, name: string, until: string, changedBy: string]>(
  'subjects.keepFormerName',
  'INSERT INTO subject_former_names (subject_id, name, until, changed_by) VALUES (?, ?, ?, ?)',
);
const rename = statement<never, [name: string, at: string, id: number]>('subjects.rename', 'UPDATE subjects SET name = ?, updated_at = ? WHERE id = ?');
const openConflicts = statement<Pick<Row<typeof subjectNameConflicts>, 'id' | 'name'>, [subjectId: number]>(
  'subjects.openConflicts',
  'SELECT id, name FROM subject_name_conflicts WHERE subject_id = ? AND resolved_at IS NULL',
);
const settleRenamed = statement<never, [at: string, by: string, id: number]>(
  'subjects.settleRenamed',
  `UPDATE subject_name_conflicts SET resolved_at = ?, resolved_by = ?, resolution = 'renamed' WHERE id = ?`,
);
const openConflictsOfRecord = statement<
  Pick<Row<typeof subjectNameConflicts>, 'id'> & { subjectId: number; now: number; recordName: string; subjectName: string },
  [recordId: number]
>(
  'subjects.openConflictsOfRecord',
  `SELECT c.id, c.subject_id AS subjectId, r.subject_id AS now, r.subject_name AS recordName, s.name AS subjectName
   FROM subject_name_conflicts c JOIN records r ON r.id = c.record_id JOIN subjects s ON s.id = c.subject_id
   WHERE c.record_id = ? AND c.resolved_at IS NULL`,
);
const settle = statement<never, [at: string, by: string, resolution: string, id: number]>(
  'subjects.settle',
  'UPDATE subject_name_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?',
);

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
  const key = subjectKey(identity);
  const found = find.get(db, key.codeType, key.code);
  if (found) return { id: found.id, nameConflict: normalizeName(found.name) !== (known?.subjectNameKey ?? normalizeName(identity.name)) };
  const id = Number(insert.run(db, identity.kind, key.codeType, key.code, identity.name.trim(), at, at).lastInsertRowid);
  index.run(db, id, known?.grams ?? indexText(identity.name));
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
    const codes = new Map<CodeType, Set<string>>();
    for (const identity of identities) {
      const { codeType, code } = subjectKey(identity);
      let set = codes.get(codeType);
      if (!set) codes.set(codeType, (set = new Set()));
      set.add(code);
    }
    for (const [codeType, set] of codes) {
      for (const row of findMany.all(db, codeType, JSON.stringify([...set]))) {
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
    const id = Number(insert.run(this.db, identity.kind, key.codeType, key.code, name, at, at).lastInsertRowid);
    this.known.set(mapKey, { id, name });
    this.grams.push([id, known.grams]);
    return { id, nameConflict: false };
  }

  /** Adds the new subjects' search entries. */
  flush(): void {
    if (this.grams.length === 0) return;
    indexMany.run(this.db, JSON.stringify(this.grams));
    this.grams.length = 0;
  }
}

export function flagNameConflict(db: SqliteDatabase, subjectId: number, recordId: number, name: string, at: string): void {
  // A correction that keeps the same different name is still the one conflict.
  if (openConflict.get(db, subjectId, recordId, name)) return;
  conflict.run(db, subjectId, recordId, name, at);
}

/**
 * Settles a name conflict as a renaming (确认更名): the name the record arrived
 * with becomes the subject's name, the old one is kept as a former name, and every
 * open conflict that the new name answers is settled with it. Returns the new name.
 */
export function renameSubject(db: SqliteDatabase, subjectId: number, conflictId: number, by: string, at: string): { name: string; recordId: number } {
  const conflict = conflictToSettle.get(db, conflictId, subjectId);
  if (!conflict) throw new CoreError('NOT_FOUND', '找不到这条未处理的名称冲突（可能已由他人处理），请刷新后再看。');
  // The conflict's subject exists (a foreign key of the conflict).
  const subjectName = nameOf.value<string>(db, subjectId)!;
  const name = conflict.name.trim();
  keepFormerName.run(db, subjectId, subjectName, at, by);
  rename.run(db, name, at, subjectId);
  unindex.run(db, subjectId);
  index.run(db, subjectId, indexText(name));
  const key = normalizeName(name);
  for (const c of openConflicts.all(db, subjectId)) if (normalizeName(c.name) === key) settleRenamed.run(db, at, by, c.id);
  return { name, recordId: conflict.recordId };
}

/**
 * A record corrected since its conflict was flagged: the conflict is settled when
 * the record no longer belongs to the subject (its code was wrong) or now carries
 * the subject's own name.
 */
export function settleCorrectedConflicts(db: SqliteDatabase, recordId: number, by: string, at: string): void {
  for (const c of openConflictsOfRecord.all(db, recordId)) {
    if (c.now !== c.subjectId) settle.run(db, at, by, 'code-corrected', c.id);
    else if (normalizeName(c.recordName) === normalizeName(c.subjectName)) settle.run(db, at, by, 'name-corrected', c.id);
  }
}
