/**
 * Credit records: insert, correct (a new version), withdraw — never delete.
 * Every function here runs inside the caller's transaction and queues the
 * platform operation in that same transaction.
 */
import type { CompiledCategory } from '../catalog/compile';
import type { PublicationClock } from '../catalog/publication';
import { normaliseDecisionNumber } from '../catalog/records';
import type { RecordValues, ValidationOverride } from '../catalog/types';
import { CoreError } from '../errors';
import { indexTextOfNormalized, normalizeName } from '../search/grams';
import type { SqliteDatabase } from '../store/database';
import { statement, type Row } from '../store/sql';
import type { records } from '../../../drizzle/schema';
import { flagNameConflict, hasPersonalCode, resolveSubject, settleCorrectedConflicts, SubjectBatch, type SubjectIdentity } from '../subjects/service';
import { queueOperation } from './queue';
import { EDITABLE_STATES, stateAfterEdit, type RecordState } from './states';

export interface FieldChange {
  field: string;
  before: RecordValues[string] | undefined;
  after: RecordValues[string] | undefined;
}

export interface SaveMeta {
  by: string;
  at: string;
  /** history: imported as already published on the platform; nothing is queued. */
  action: 'create' | 'import' | 'edit' | 'history';
  reason?: string | null;
  overrides?: ValidationOverride[];
  publication?: PublicationClock | null;
  /** The case (its number) whose decision makes this change: the one change allowed while it is open. */
  caseDecision?: string;
}

/**
 * The open objection or repair case on a record, if any. While one is open only its
 * decision changes the record (four eyes: the person who proposed the outcome must not
 * reach it through the record methods).
 */
export function openCaseOn(db: SqliteDatabase, recordId: number): string | null {
  return openCase.value<string>(db, recordId) ?? null;
}

const OPEN_CASES = `SELECT c.case_no FROM case_records cr JOIN cases c ON c.id = cr.case_id
  WHERE cr.record_id = ? AND c.state IN ('registered', 'investigating', 'proposed')`;
const openCase = statement<{ case_no: string }, [number]>('records.openCase', `${OPEN_CASES} ORDER BY c.id LIMIT 1`);
const openCases = statement<{ case_no: string }, [number]>('records.openCases', OPEN_CASES);

export function openCaseMessage(recordId: number, caseNo: string): string {
  return `记录 ${recordId} 有未办结的案件 ${caseNo}：办结前只能由该案的决定改动这条记录（更正、撤销经另一位审核人批准后生效）。`;
}

/** Refuses a change to a record while a case is open on it, unless the change is the decision of an open case on it. */
export function assertNoOpenCase(db: SqliteDatabase, recordId: number, caseDecision?: string): void {
  const caseNo = openCaseOn(db, recordId);
  if (caseNo === null) return;
  if (caseDecision !== undefined && (caseNo === caseDecision || openCasesOn(db, recordId).includes(caseDecision))) return;
  throw new CoreError('CASE_OPEN', openCaseMessage(recordId, caseNo), { recordId, caseNo });
}

function openCasesOn(db: SqliteDatabase, recordId: number): string[] {
  return openCases.values<string>(db, recordId);
}

const text = (v: RecordValues[string] | undefined): string | null =>
  v === null || v === undefined ? null : Array.isArray(v) ? v.join(';') : v;

export function subjectOf(compiled: CompiledCategory, values: RecordValues): SubjectIdentity {
  const s = compiled.def.subject;
  return {
    kind: text(values[s.type]) ?? '',
    name: text(values[s.name]) ?? '',
    uscc: text(values[s.uscc]),
    idNumber: text(values[s.idNumber]),
  };
}

export function diffValues(before: RecordValues | null, after: RecordValues): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  const changes: FieldChange[] = [];
  for (const field of keys) {
    const a = text(before?.[field]);
    const b = text(after[field]);
    if (a !== b) changes.push({ field, before: before?.[field] ?? null, after: after[field] ?? null });
  }
  return changes;
}

/**
 * The clock as stored on the record: JSON.stringify of the clock without its
 * explanation (`reasons`, recomputed when shown). Built by hand because it runs
 * for every imported penalty (about half the time of copying it and calling JSON.stringify).
 */
export function storedPublication(c: PublicationClock | null | undefined): string | null {
  if (!c) return null;
  let json =
    `{"class":${jsonString(c.class)},"derivedClass":${jsonString(c.derivedClass)},"ruleVersion":${jsonString(c.ruleVersion)},` +
    `"publishedByDefault":${c.publishedByDefault},"minMonths":${JSON.stringify(c.minMonths)},"maxMonths":${JSON.stringify(c.maxMonths)},` +
    `"publicationEnds":${jsonString(c.publicationEnds)},"minimumEnds":${jsonString(c.minimumEnds)},"earliestRepair":${jsonString(c.earliestRepair)}`;
  if (c.overrideReason !== undefined) json += `,"overrideReason":${jsonString(c.overrideReason)}`;
  if (c.specialField !== undefined) json += `,"specialField":${jsonString(c.specialField)}`;
  return `${json}}`;
}

/**
 * Everything insertRecord and reviseRecord write that follows from the
 * validated values alone. Imports compute it in their worker thread, so the
 * writing thread only writes.
 */
export interface PreparedRecord {
  subject: SubjectIdentity;
  /** normalizeName(subject.name): compared with a known subject's name. */
  subjectNameKey: string;
  /** The subject name's search bigrams (indexText). */
  grams: string;
  decisionNo: string;
  decisionKey: string;
  decisionDate: string | null;
  /** compactJson(values): the version's fields as stored. */
  fieldsJson: string;
  publicationJson: string | null;
  publicationEnds: string | null;
}

export function prepareRecord(compiled: CompiledCategory, values: RecordValues, publication: PublicationClock | null | undefined): PreparedRecord {
  const subject = subjectOf(compiled, values);
  const decisionNo = text(values[compiled.def.decisionNumberField]) ?? '';
  const subjectNameKey = normalizeName(subject.name);
  // The record's own 公示截止期 when it has one (entered, or filled from the clock): it is
  // what the platform is told, so publication ends then.
  const deadline = compiled.def.publication?.deadlineField;
  return {
    subject,
    subjectNameKey,
    grams: indexTextOfNormalized(subjectNameKey),
    decisionNo,
    decisionKey: normaliseDecisionNumber(decisionNo),
    decisionDate: text(values[compiled.def.decisionDateField]),
    fieldsJson: compactJson(values),
    publicationJson: storedPublication(publication),
    publicationEnds: (deadline ? text(values[deadline]) : null) ?? publication?.publicationEnds ?? null,
  };
}

/**
 * Field values as stored: JSON with empty fields left out (they read back as
 * absent = empty). Exactly what JSON.stringify gives for the non-empty fields
 * (keys are field codes: A–Z, 0–9, _), built by hand because it runs for every
 * imported row: V8's JSON.stringify took 5.0 µs for a typical 行政处罚 row, this 3.7 µs.
 */
export function compactJson(values: RecordValues): string {
  let out = '';
  for (const key in values) {
    const v = values[key];
    let encoded: string;
    if (typeof v === 'string') {
      if (v === '') continue;
      encoded = jsonString(v);
    } else if (Array.isArray(v)) {
      if (v.length === 0) continue;
      encoded = `[${v.map(jsonString).join(',')}]`;
    } else if (v === null || v === undefined) continue;
    else encoded = JSON.stringify(v);
    out += `${out ? ',' : '{'}"${key}":${encoded}`;
  }
  return out ? `${out}}` : '{}';
}

/** Characters JSON.stringify would escape: quote, backslash, controls, surrogates (lone ones are escaped). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

const jsonString = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

/** A record's row (raw SQL: snake_case keys), its state narrowed to the states a record takes. */
type RecordRow<K extends keyof Row<typeof records>> = Pick<Row<typeof records>, K> & ('state' extends K ? { state: RecordState } : unknown);

const findKey = statement<RecordRow<'id' | 'version' | 'state'>, [subjectId: number, category: string, decisionKey: string]>(
  'records.findKey',
  'SELECT id, version, state FROM records WHERE subject_id = ? AND category = ? AND decision_key = ?',
);
// Positional parameters: this runs once per imported row.
const insertRecordRow = statement<
  never,
  [
    category: string,
    subjectId: number,
    subjectName: string,
    subjectCode: string | null,
    personalCode: 0 | 1,
    decisionNo: string,
    decisionKey: string,
    decisionDate: string | null,
    state: string,
    publication: string | null,
    publicationEnds: string | null,
    createdAt: string,
    createdBy: string,
    updatedAt: string,
    updatedBy: string,
  ]
>(
  'records.insert',
  `INSERT INTO records (category, subject_id, subject_name, subject_code, personal_code, decision_no, decision_key, decision_date, state, version,
     publication, publication_ends, created_at, created_by, updated_at, updated_by)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
);
const insertFirstVersion = statement<
  never,
  [recordId: number, fields: string, state: string, action: string, reason: string | null, override: string | null, at: string, by: string]
>(
  'records.insertFirstVersion',
  `INSERT INTO record_versions (record_id, version, fields, diff, state, action, reason, override, at, by)
   VALUES (?, 1, ?, '[]', ?, ?, ?, ?, ?, ?)`,
);
const insertOp = statement<never, [recordId: number, version: number, category: string, createdAt: string]>(
  'records.insertAddOp',
  `INSERT INTO report_ops (record_id, version, category, op, created_at) VALUES (?, ?, ?, 'add', ?)`,
);
const updateRecord = statement<
  never,
  [
    {
      id: number;
      subjectId: number;
      subjectName: string;
      subjectCode: string | null;
      personalCode: 0 | 1;
      decisionNo: string;
      decisionKey: string;
      decisionDate: string | null;
      state: RecordState;
      version: number;
      publication: string | null;
      publicationEnds: string | null;
      at: string;
      by: string;
    },
  ]
>(
  'records.update',
  `UPDATE records SET subject_id = @subjectId, subject_name = @subjectName, subject_code = @subjectCode,
     personal_code = @personalCode, decision_no = @decisionNo, decision_key = @decisionKey, decision_date = @decisionDate, state = @state, version = @version,
     publication = @publication, publication_ends = @publicationEnds, rejection = NULL,
     updated_at = @at, updated_by = @by WHERE id = @id`,
);
const setState = statement<never, [state: RecordState, version: number, at: string, by: string, id: number]>(
  'records.setState',
  'UPDATE records SET state = ?, version = ?, updated_at = ?, updated_by = ? WHERE id = ?',
);
const insertVersion = statement<
  never,
  [{ recordId: number; version: number; fields: string; diff: string; state: RecordState; action: string; reason: string | null; override: string | null; at: string; by: string }]
>(
  'records.insertVersion',
  `INSERT INTO record_versions (record_id, version, fields, diff, state, action, reason, override, at, by)
   VALUES (@recordId, @version, @fields, @diff, @state, @action, @reason, @override, @at, @by)`,
);
const indexRecord = statement<never, [id: number, grams: string]>('records.index', 'INSERT INTO record_search (rowid, grams) VALUES (?, ?)');
// RecordBatch: the search entries and `add` operations of many new records, each in one statement.
const indexRecords = statement<never, [json: string]>(
  'records.indexMany',
  'INSERT INTO record_search (rowid, grams) SELECT value ->> 0, value ->> 1 FROM json_each(?)',
);
const insertAddOps = statement<never, [category: string, createdAt: string, idsJson: string]>(
  'records.insertAddOps',
  `INSERT INTO report_ops (record_id, version, category, op, created_at) SELECT value, 1, ?, 'add', ? FROM json_each(?)`,
);
const unindexRecord = statement<never, [id: number]>('records.unindex', 'DELETE FROM record_search WHERE rowid = ?');
const currentRow = statement<
  Pick<typeof records.$inferSelect, 'id' | 'category' | 'version' | 'subjectName' | 'publication'> & { state: RecordState; fields: string },
  [id: number]
>(
  'records.current',
  `SELECT r.id, r.category, r.state, r.version, r.subject_name AS subjectName, r.publication, v.fields
   FROM records r JOIN record_versions v ON v.record_id = r.id AND v.version = r.version WHERE r.id = ?`,
);
// Per category, so that the (category, state) index answers.
const endedPublications = statement<Pick<Row<typeof records>, 'id'> & { ends: string }, [category: string, today: string]>(
  'records.endedPublications',
  `SELECT id, publication_ends AS ends FROM records
   WHERE category = ? AND state IN ('accepted', 'published') AND publication_ends < ? ORDER BY id`,
);

export type ExistingKey = RecordRow<'id' | 'version' | 'state'>;

export function findByKey(db: SqliteDatabase, subjectId: number, category: string, decisionNo: string): ExistingKey | undefined {
  return findKey.get(db, subjectId, category, normaliseDecisionNumber(decisionNo));
}

export function duplicateError(existing: ExistingKey, decisionNo: string): CoreError {
  return new CoreError('DUPLICATE', `已存在同一主体、同一文号（${decisionNo}）的记录（编号 ${existing.id}），未重复录入。`, {
    recordId: existing.id,
  });
}

/**
 * Records written together (a chunk of an import, in the caller's transaction): what
 * insertRecord would write row by row, with the subjects looked up once for the chunk
 * (SubjectBatch) and the search entries and `add` operations of the new records added in
 * one statement each at `flush`, which the caller runs before the chunk ends. Nothing is
 * checked less: the record, its version, the unique key and the foreign keys are written
 * row by row as before. reviseRecord flushes first, since it reads and replaces both.
 */
export class RecordBatch {
  readonly subjects: SubjectBatch;
  private readonly grams: [number, string][] = [];
  private readonly adds = new Map<string, { category: string; at: string; ids: number[] }>();

  constructor(
    private readonly db: SqliteDatabase,
    records: readonly PreparedRecord[],
  ) {
    this.subjects = new SubjectBatch(db, records.map((r) => r.subject));
  }

  index(id: number, grams: string): void {
    this.grams.push([id, grams]);
  }

  queueAdd(id: number, category: string, at: string): void {
    const key = `${category} ${at}`;
    let adds = this.adds.get(key);
    if (!adds) this.adds.set(key, (adds = { category, at, ids: [] }));
    adds.ids.push(id);
  }

  flush(): void {
    const db = this.db;
    this.subjects.flush();
    if (this.grams.length > 0) indexRecords.run(db, JSON.stringify(this.grams));
    this.grams.length = 0;
    for (const { category, at, ids } of this.adds.values()) insertAddOps.run(db, category, at, JSON.stringify(ids));
    this.adds.clear();
  }
}

function overrideJson(meta: SaveMeta): string | null {
  return meta.overrides?.length ? JSON.stringify(meta.overrides.map((o) => ({ ...o, by: meta.by, at: meta.at }))) : null;
}

/**
 * Inserts a validated record as version 1. Throws DUPLICATE when its key exists.
 * A `pending` record queues its `add`; a draft queues nothing, and neither does
 * history already published on the platform (accepted, expired or withdrawn).
 */
export function insertRecord(
  db: SqliteDatabase,
  compiled: CompiledCategory,
  values: RecordValues | PreparedRecord,
  state: 'draft' | 'pending' | 'accepted' | 'expired' | 'withdrawn',
  meta: SaveMeta,
  batch?: RecordBatch,
): { id: number; version: number; subjectId: number; nameConflict: boolean } {
  const p = isPrepared(values) ? values : prepareRecord(compiled, values, meta.publication);
  const resolved = batch ? batch.subjects.resolve(p.subject, meta.at, p) : resolveSubject(db, p.subject, meta.at, p);
  let id: number;
  try {
    id = Number(
      insertRecordRow.run(
        db,
        compiled.key,
        resolved.id,
        p.subject.name,
        p.subject.uscc ?? p.subject.idNumber,
        hasPersonalCode(p.subject) ? 1 : 0,
        p.decisionNo,
        p.decisionKey,
        p.decisionDate,
        state,
        p.publicationJson,
        p.publicationEnds,
        meta.at,
        meta.by,
        meta.at,
        meta.by,
      ).lastInsertRowid,
    );
  } catch (err) {
    // The unique key (subject, category, decision number) is the duplicate check.
    const existing = (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && findByKey(db, resolved.id, compiled.key, p.decisionNo);
    if (existing) throw duplicateError(existing, p.decisionNo);
    throw err;
  }
  insertFirstVersion.run(db, id, p.fieldsJson, state, meta.action, meta.reason ?? null, overrideJson(meta), meta.at, meta.by);
  if (batch) batch.index(id, p.grams);
  else indexRecord.run(db, id, p.grams);
  if (resolved.nameConflict) flagNameConflict(db, resolved.id, id, p.subject.name, meta.at);
  // A new record has no queued operation yet: queue its `add` directly.
  if (state === 'pending') {
    if (batch) batch.queueAdd(id, compiled.key, meta.at);
    else insertOp.run(db, id, 1, compiled.key, meta.at);
  }
  return { id, version: 1, subjectId: resolved.id, nameConflict: resolved.nameConflict };
}

function isPrepared(v: RecordValues | PreparedRecord): v is PreparedRecord {
  return typeof (v as PreparedRecord).fieldsJson === 'string' && typeof (v as PreparedRecord).subject === 'object';
}

/** A record's row with its current version's fields; `publication` is the stored clock (JSON), if any. */
export type CurrentRecord = Omit<NonNullable<ReturnType<typeof currentRow.get>>, 'fields'> & { fields: RecordValues };

export function currentRecord(db: SqliteDatabase, id: number): CurrentRecord {
  const row = currentRow.get(db, id);
  if (!row) throw new CoreError('NOT_FOUND', `找不到编号为 ${id} 的记录。`);
  return { ...row, fields: JSON.parse(row.fields) as RecordValues };
}

/**
 * Records a correction as a new version (only when something changed). The
 * record returns to the queue; a rejected record so re-enters the next batch.
 */
export function reviseRecord(
  db: SqliteDatabase,
  compiled: CompiledCategory,
  id: number,
  input: RecordValues | PreparedRecord,
  meta: SaveMeta & {
    submit?: boolean;
    baseVersion?: number;
    /** A record that may no longer be corrected (withdrawn, expired) is left alone and reported, not an error. */
    skipNotEditable?: boolean;
  },
  batch?: RecordBatch,
): { version: number; changed: boolean; state: RecordState; notEditable?: boolean } {
  // The record may have been inserted in this batch: its search entry and queue row must be there first.
  batch?.flush();
  const p = isPrepared(input) ? input : prepareRecord(compiled, input, meta.publication);
  // Compared as stored (empty fields left out), so "empty" never differs from "absent".
  const values = JSON.parse(p.fieldsJson) as RecordValues;
  const current = currentRecord(db, id);
  assertNoOpenCase(db, id, meta.caseDecision);
  if (meta.baseVersion !== undefined && meta.baseVersion !== current.version) {
    throw new CoreError('CONFLICT', `记录已被他人更正（当前为第 ${current.version} 版），请刷新后再更正。`, { version: current.version });
  }
  const diff = diffValues(current.fields, values);
  const nextState = stateAfterEdit(current.state, meta.submit ?? false);
  // Nothing to record unless a field or an override of the publication class changed, a
  // draft is submitted, or a rejected record is submitted again as it is (the platform may
  // have fixed its side): an unchanged correction must not send a reported or accepted
  // record back to the queue (re-importing an unchanged file with --update did).
  const submitsDraft = current.state === 'draft' && nextState !== 'draft';
  const resubmitsRejected = current.state === 'rejected' && meta.submit === true;
  const unchanged = diff.length === 0 && !submitsDraft && !resubmitsRejected && classOverride(p.publicationJson) === classOverride(current.publication);
  if (!EDITABLE_STATES.includes(current.state)) {
    if (!meta.skipNotEditable) throw new CoreError('BAD_INPUT', `“${stateLabel(current.state)}”状态的记录不能更正。`);
    return { version: current.version, changed: false, state: current.state, notEditable: !unchanged };
  }
  if (unchanged) return { version: current.version, changed: false, state: current.state };
  const resolved = batch ? batch.subjects.resolve(p.subject, meta.at, p) : resolveSubject(db, p.subject, meta.at, p);
  const clash = findByKey(db, resolved.id, compiled.key, p.decisionNo);
  if (clash && clash.id !== id) throw duplicateError(clash, p.decisionNo);
  const version = current.version + 1;
  updateRecord.run(db, {
    id,
    subjectId: resolved.id,
    subjectName: p.subject.name,
    subjectCode: p.subject.uscc ?? p.subject.idNumber,
    personalCode: hasPersonalCode(p.subject) ? 1 : 0,
    decisionNo: p.decisionNo,
    decisionKey: p.decisionKey,
    decisionDate: p.decisionDate,
    state: nextState,
    version,
    publication: p.publicationJson,
    publicationEnds: p.publicationEnds,
    at: meta.at,
    by: meta.by,
  });
  insertVersion.run(db, {
    recordId: id,
    version,
    fields: p.fieldsJson,
    diff: JSON.stringify(diff),
    state: nextState,
    action: meta.action,
    reason: meta.reason ?? null,
    override: overrideJson(meta),
    at: meta.at,
    by: meta.by,
  });
  if (p.subject.name !== current.subjectName) {
    unindexRecord.run(db, id);
    indexRecord.run(db, id, p.grams);
  }
  settleCorrectedConflicts(db, id, meta.by, meta.at);
  if (resolved.nameConflict) flagNameConflict(db, resolved.id, id, p.subject.name, meta.at);
  if (nextState !== 'draft') queueOperation(db, id, version, compiled.key, current.state === 'draft' ? 'add' : 'update', meta.at);
  return { version, changed: true, state: nextState };
}

/** A stored clock's overridden class and reason ('' when the class is the derived one). */
function classOverride(json: string | null): string {
  if (!json) return '';
  const clock = JSON.parse(json) as Partial<PublicationClock>;
  return clock.overrideReason === undefined ? '' : `${clock.class}\n${clock.overrideReason}`;
}

/** Withdrawal (撤回/撤销) is a state with its own version and reason; the record stays. */
export function withdrawRecord(db: SqliteDatabase, id: number, meta: { by: string; at: string; reason: string; caseDecision?: string }): { version: number } {
  const current = currentRecord(db, id);
  assertNoOpenCase(db, id, meta.caseDecision);
  if (current.state === 'withdrawn') throw new CoreError('BAD_INPUT', '该记录已撤回。');
  const version = changeState(db, current, 'withdrawn', meta);
  if (current.state !== 'draft') queueOperation(db, id, version, current.category, 'withdraw', meta.at);
  return { version };
}

/**
 * Credit repair approved (cases/service.ts): publication ends early. The record
 * becomes 已修复 (`repaired`) in a version of its own, and `end-publication` is
 * queued for the platform (信用中国 and every platform stop showing it).
 */
export function endPublicationByRepair(db: SqliteDatabase, id: number, meta: { by: string; at: string; reason: string }): { version: number } {
  const current = currentRecord(db, id);
  if (current.state === 'withdrawn' || current.state === 'expired' || current.state === 'repaired' || current.state === 'draft') {
    throw new CoreError('BAD_INPUT', `记录 ${id} 为“${stateLabel(current.state)}”，不能再终止公示。`);
  }
  const version = changeState(db, current, 'repaired', meta);
  queueOperation(db, id, version, current.category, 'end-publication', meta.at);
  return { version };
}

/** A state change as a version of its own (the fields unchanged); returns the new version. */
function changeState(db: SqliteDatabase, current: CurrentRecord, state: RecordState, meta: { by: string; at: string; reason: string }): number {
  const version = current.version + 1;
  setState.run(db, state, version, meta.at, meta.by, current.id);
  insertVersion.run(db, {
    recordId: current.id,
    version,
    fields: compactJson(current.fields),
    diff: JSON.stringify([{ field: '$state', before: current.state, after: state }]),
    state,
    action: 'state',
    reason: meta.reason,
    override: null,
    at: meta.at,
    by: meta.by,
  });
  return version;
}

/**
 * Publication stops automatically at the 公示截止期 (domain.md §4): a record the
 * platform accepted whose 公示截止期 has passed becomes `expired`, in a version of
 * its own by `system`. Nothing is queued: the platform ends publication itself.
 * Returns the records that expired.
 */
export function expireEndedPublications(db: SqliteDatabase, categories: readonly string[], today: string, at: string): number[] {
  const expired: number[] = [];
  for (const category of categories) {
    for (const { id, ends } of endedPublications.all(db, category, today)) {
      changeState(db, currentRecord(db, id), 'expired', { by: 'system', at, reason: `公示期满（公示截止期 ${ends}）` });
      expired.push(id);
    }
  }
  return expired;
}

export const STATE_LABELS: Record<RecordState, string> = {
  draft: '草稿',
  pending: '待报送',
  reported: '已报送',
  accepted: '已接收',
  rejected: '被退回',
  published: '公示中',
  expired: '公示期满',
  withdrawn: '已撤回',
  repaired: '已修复',
};

export function stateLabel(state: RecordState): string {
  return STATE_LABELS[state] ?? state;
}
