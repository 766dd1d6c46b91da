/** Contract handlers for credit records and subjects. */
import type { Handlers } from '../handlers';
import type { FieldValues, RecordDetail, RecordStateName, RecordVersionView } from '../../contract/records';
import { publicationForRecord } from '../catalog/publication';
import { maskPersonalData } from '../catalog/records';
import { getCompiledCategory, hasCategory } from '../catalog/registry';
import type { RecordValues, ValidationResult } from '../catalog/types';
import { validateRecord } from '../catalog/validate';
import { CoreError } from '../errors';
import { maskIdNumber } from '../identifiers/idcard';
import { searchRecords, type RecordQuery, type RecordRow } from '../search/records-search';
import type { SqliteDatabase } from '../store/database';
import { statement, type Row } from '../store/sql';
import type { records, recordVersions } from '../../../drizzle/schema';
import { getSubject, searchSubjects } from '../subjects/queries';
import { listHitsForValues } from '../lists/warnings';
import { chinaDate } from '../calendar';
import { timelinessRanges } from '../timeliness/clock';
import { timelinessFilter, timelinessSummary } from '../timeliness/service';
import { warningSettings } from '../statistics/settings';
import { statisticRecords } from '../statistics/drill';
import type { RecordStatisticFilter } from '../../contract/statistics';
import { renameSubject } from '../subjects/service';
import { recordEvents } from './events';
import { clearOverrideRequest, listOverrideRequests, overrideRequestOf, requestOverride } from './override-requests';
import { pendingOperationCount } from './queue';
import { currentRecord, insertRecord, reviseRecord, withdrawRecord } from './service';
import { catalogView, publicationView, summaryView } from './view';
import { listCategories } from '../catalog/registry';
import type { Desk } from '../desk';
import type { PublicationClock } from '../catalog/publication';
import { auditIdSearch, guardIdSearch } from './id-search';

type RecordHandlers = Pick<
  Handlers,
  | 'catalog.get'
  | 'records.validate'
  | 'records.create'
  | 'records.update'
  | 'records.withdraw'
  | 'records.withdrawMany'
  | 'records.get'
  | 'records.history'
  | 'records.events'
  | 'records.unmask'
  | 'records.search'
  | 'records.countByCategory'
  | 'records.stats'
  | 'timeliness.summary'
  | 'records.overrideRequests'
  | 'subjects.search'
  | 'subjects.get'
  | 'subjects.rename'
>;

export function compiledOrBadInput(category: string) {
  if (!hasCategory(category)) throw new CoreError('BAD_INPUT', `未知的信用信息类别：${category}`);
  return getCompiledCategory(category);
}

function today(desk: Desk): string {
  return desk.now().toISOString().slice(0, 10);
}

interface Checked {
  result: ValidationResult;
  publication: PublicationClock | null;
}

/** Validates and computes the publication clock; fills 公示截止期 when the category has one and it is empty. */
function check(
  desk: Desk,
  category: string,
  values: Record<string, unknown>,
  opts: { draft: boolean; overrides: { field: string; code: string; reason: string }[]; publicationOverride: { class: '轻微' | '一般' | '严重'; reason: string } | null },
): Checked {
  const compiled = compiledOrBadInput(category);
  const result = validateRecord(compiled, values, { today: today(desk), mode: opts.draft ? 'draft' : 'strict', overrides: opts.overrides });
  let publication: PublicationClock | null = null;
  if (compiled.def.publication && result.errors.length === 0) {
    publication = publicationForRecord(category, result.values, { override: opts.publicationOverride, asOf: today(desk) });
    const deadline = compiled.def.publication.deadlineField;
    if (publication && deadline && !result.values[deadline]) result.values[deadline] = publication.publicationEnds;
  }
  return { result, publication };
}

/** Only an approver may accept a record despite a failed identifier check. */
function assertMayOverride(desk: Desk, overrides: unknown[]): void {
  if (overrides.length > 0 && !desk.currentUser().roles.includes('approver')) {
    throw new CoreError('FORBIDDEN', '只有审核人可以放行未通过校验的统一社会信用代码。');
  }
}

/**
 * The errors an approver may accept, when they are the only ones: what a clerk's
 * request for acceptance asks about. Null when any other error remains (or none at all).
 */
function requestedIssues(result: ValidationResult): { field: string; code: string; message: string }[] | null {
  if (result.errors.length === 0 || result.errors.some((e) => !e.overridable)) return null;
  return result.errors.map((e) => ({ field: e.field, code: e.code, message: e.message }));
}

function nothingToAccept(): CoreError {
  return new CoreError('BAD_INPUT', '这条记录没有需要审核人放行的问题，请直接保存。');
}

function invalid(result: ValidationResult): CoreError {
  const first = result.errors[0];
  return new CoreError('INVALID_RECORD', `记录未通过校验：${first?.message ?? ''}${result.errors.length > 1 ? `（共 ${result.errors.length} 处）` : ''}`, {
    errors: result.errors,
  });
}

const recordById = statement<
  RecordRow & Pick<typeof records.$inferSelect, 'rejection' | 'publication' | 'createdAt' | 'createdBy' | 'updatedBy'>,
  [id: number]
>(
  'records.byId',
  `SELECT id, category, subject_id AS subjectId, subject_name AS subjectName, subject_code AS subjectCode,
    decision_no AS decisionNo, decision_date AS decisionDate, state, version, publication_ends AS publicationEnds,
    open_marks AS openMarks, updated_at AS updatedAt, rejection, publication, created_at AS createdAt,
    created_by AS createdBy, updated_by AS updatedBy,
    (SELECT code_type FROM subjects WHERE subjects.id = records.subject_id) AS subjectCodeType
   FROM records WHERE id = ?`,
);
const overridesOfRecord = statement<Pick<Row<typeof recordVersions>, 'override'>, [recordId: number]>(
  'records.overrides',
  'SELECT override FROM record_versions WHERE record_id = ? AND override IS NOT NULL ORDER BY version',
);
const versionsOfRecord = statement<
  Pick<Row<typeof recordVersions>, 'version' | 'reason' | 'at' | 'by' | 'fields' | 'diff'> & { state: RecordStateName; action: RecordVersionView['action'] },
  [recordId: number]
>('records.versions', 'SELECT version, state, action, reason, at, by, fields, diff FROM record_versions WHERE record_id = ? ORDER BY version DESC');
const countsByCategoryState = statement<Pick<Row<typeof records>, 'category'> & { state: RecordStateName; count: number }>(
  'records.countsByCategoryState',
  'SELECT category, state, count(*) AS count FROM records GROUP BY category, state',
);
const openNameConflictCount = statement<{ n: number }>('records.openNameConflictCount', 'SELECT count(*) AS n FROM subject_name_conflicts WHERE resolved_at IS NULL');
const subjectCount = statement<{ n: number }>('records.subjectCount', 'SELECT count(*) AS n FROM subjects');

function rowOf(db: SqliteDatabase, id: number): NonNullable<ReturnType<typeof recordById.get>> {
  const row = recordById.get(db, id);
  if (!row) throw new CoreError('NOT_FOUND', `找不到编号为 ${id} 的记录。`);
  return row;
}

function overridesOf(db: SqliteDatabase, id: number): RecordDetail['overrides'] {
  return overridesOfRecord.values<string>(db, id).flatMap((o) => JSON.parse(o) as RecordDetail['overrides']);
}

/** The stored clock with its explanation recomputed under the rule version it used. */
function withReasons(category: string, fields: RecordValues, stored: PublicationClock): PublicationClock {
  try {
    const override = stored.overrideReason ? { class: stored.class, reason: stored.overrideReason } : null;
    const again = publicationForRecord(category, fields, { ruleVersion: stored.ruleVersion, override });
    return { ...stored, reasons: again?.reasons ?? [] };
  } catch {
    return { ...stored, reasons: [] };
  }
}

/**
 * A search narrowed by the timeliness lists (双公示 records awaiting their first report,
 * "soon" as the department's warning setting says) or to the records behind a figure of
 * the 统计 page.
 */
function narrowed(desk: Desk, q: RecordQuery, timeliness: 'soon' | 'overdue' | undefined, statistic: RecordStatisticFilter | undefined): RecordQuery {
  const soonDays = warningSettings(desk.db).recordsDueWithinWorkingDays;
  const query: RecordQuery = timeliness ? { ...q, ...timelinessFilter(timeliness, timelinessRanges(chinaDate(desk.now()), soonDays), q) } : { ...q };
  if (statistic) query.idsFrom = statisticRecords(desk.db, statistic, desk.now());
  return query;
}

export const recordHandlers: RecordHandlers = {
  'catalog.get': () => catalogView(),

  'records.validate': ({ desk }, { category, values, draft, overrides, publicationOverride }) => {
    const { result, publication } = check(desk, category, values, { draft, overrides, publicationOverride });
    const listHits = listHitsForValues(desk.db, compiledOrBadInput(category), result.values, today(desk));
    return {
      ok: result.ok,
      values: result.values as FieldValues,
      errors: result.errors,
      warnings: result.warnings,
      publication: publicationView(publication),
      ...(listHits.length ? { listHits } : {}),
    };
  },

  'records.create': ({ desk }, { category, values, draft, overrides, publicationOverride, overrideRequest }) => {
    assertMayOverride(desk, overrides);
    // A request for an approver's acceptance keeps the record as a draft meanwhile.
    const asDraft = draft || overrideRequest !== null;
    const { result, publication } = check(desk, category, values, { draft: asDraft, overrides, publicationOverride });
    const requested = overrideRequest ? requestedIssues(result) : null;
    if (!result.ok && !requested) throw invalid(result);
    if (overrideRequest && !requested) throw nothingToAccept();
    const compiled = getCompiledCategory(category);
    const state = asDraft ? 'draft' : 'pending';
    const saved = desk.write(
      (r) => ({ method: 'records.create', target: `record:${r.id}`, detail: { state, overrides: overrides.length, ...(requested ? { overrideRequested: true } : {}) } }),
      (db: SqliteDatabase) => {
        const r = insertRecord(db, compiled, result.values, state, { by: desk.login!, at: desk.now().toISOString(), action: 'create', overrides, publication });
        if (requested) requestOverride(db, r.id, { issues: requested, note: overrideRequest!.note, by: desk.login!, at: desk.now().toISOString() });
        return r;
      },
    );
    const listHits = listHitsForValues(desk.db, compiled, result.values, today(desk));
    return { recordId: saved.id, version: saved.version, state, warnings: result.warnings, ...(listHits.length ? { listHits } : {}) };
  },

  'records.update': ({ desk }, { recordId, baseVersion, values, reason, submit, overrides, publicationOverride, overrideRequest }) => {
    assertMayOverride(desk, overrides);
    const current = currentRecord(desk.db, recordId);
    if (overrideRequest && current.state !== 'draft') {
      throw new CoreError('BAD_INPUT', '只有草稿可以请审核人放行：请由审核人直接更正这条记录。');
    }
    const draft = current.state === 'draft' && (!submit || overrideRequest !== null);
    const { result, publication } = check(desk, current.category, values, { draft, overrides, publicationOverride });
    const requested = overrideRequest ? requestedIssues(result) : null;
    if (!result.ok && !requested) throw invalid(result);
    if (overrideRequest && !requested) throw nothingToAccept();
    const compiled = getCompiledCategory(current.category);
    const saved = desk.write({ method: 'records.update', target: `record:${recordId}`, detail: { reason, baseVersion, ...(requested ? { overrideRequested: true } : {}) } }, (db) => {
      const r = reviseRecord(db, compiled, recordId, result.values, {
        by: desk.login!,
        at: desk.now().toISOString(),
        action: 'edit',
        reason,
        submit: submit && !requested,
        baseVersion,
        overrides,
        publication,
      });
      // Saved without an open problem: a request for acceptance is settled.
      if (requested) requestOverride(db, recordId, { issues: requested, note: overrideRequest!.note, by: desk.login!, at: desk.now().toISOString() });
      else clearOverrideRequest(db, recordId);
      return r;
    });
    return { recordId, version: saved.version, state: saved.state, changed: saved.changed };
  },

  'records.withdraw': ({ desk }, { recordId, reason }) =>
    desk.write({ method: 'records.withdraw', target: `record:${recordId}`, detail: { reason } }, (db) => ({
      recordId,
      ...withdrawRecord(db, recordId, { by: desk.login!, at: desk.now().toISOString(), reason }),
    })),

  'records.withdrawMany': ({ desk }, { recordIds, reason }) => {
    const ids = [...new Set(recordIds)];
    return desk.write(
      (r) => ({ method: 'records.withdrawMany', target: 'records', detail: { reason, count: r.withdrawn.length, recordIds: r.withdrawn, skipped: r.skipped } }),
      (db: SqliteDatabase) => {
        const withdrawn: number[] = [];
        const skipped: number[] = [];
        for (const id of ids) {
          // Already withdrawn: nothing to do; anything else wrong (an unknown id) stops the whole batch.
          if (currentRecord(db, id).state === 'withdrawn') skipped.push(id);
          else {
            withdrawRecord(db, id, { by: desk.login!, at: desk.now().toISOString(), reason });
            withdrawn.push(id);
          }
        }
        return { withdrawn, skipped };
      },
    );
  },

  'records.get': ({ desk }, { recordId }) => {
    const row = rowOf(desk.db, recordId);
    const current = currentRecord(desk.db, recordId);
    const masked = getCompiledCategory(row.category).personalFields.filter((f) => typeof current.fields[f] === 'string');
    return {
      ...summaryView(row),
      fields: maskPersonalData(row.category, current.fields) as FieldValues,
      masked,
      publication: publicationView(row.publication ? withReasons(row.category, current.fields, JSON.parse(row.publication) as PublicationClock) : null),
      overrides: overridesOf(desk.db, recordId),
      rejection: row.rejection ? (JSON.parse(row.rejection) as { code: string; message: string }) : null,
      overrideRequest: overrideRequestOf(desk.db, recordId),
      createdAt: row.createdAt,
      createdBy: row.createdBy,
      updatedBy: row.updatedBy,
    };
  },

  'records.history': ({ desk }, { recordId }) => {
    const { category } = rowOf(desk.db, recordId);
    const personal = new Set(getCompiledCategory(category).personalFields);
    const mask = (field: string, v: unknown) => (personal.has(field) && typeof v === 'string' ? maskIdNumber(v) : v);
    const rows = versionsOfRecord.all(desk.db, recordId);
    return rows.map((r) => {
      // Version 1 stores no diff: its changes are all of its fields.
      const changes =
        r.version === 1
          ? Object.entries(JSON.parse(r.fields) as RecordValues).map(([field, after]) => ({ field, before: null, after }))
          : (JSON.parse(r.diff) as RecordVersionView['changes']);
      return {
        version: r.version,
        state: r.state,
        action: r.action,
        reason: r.reason,
        at: r.at,
        by: r.by,
        changes: changes.map((c) => ({ field: c.field, before: mask(c.field, c.before) as never, after: mask(c.field, c.after) as never })),
      };
    });
  },

  'records.events': ({ desk }, { recordId }) => {
    rowOf(desk.db, recordId);
    return recordEvents(desk.db, recordId);
  },

  'records.unmask': ({ desk }, { recordId, reason }) => {
    const current = currentRecord(desk.db, recordId);
    const personal = getCompiledCategory(current.category).personalFields;
    const fields = Object.fromEntries(personal.map((f) => [f, typeof current.fields[f] === 'string' ? (current.fields[f] as string) : null]));
    desk.audit({ actor: desk.login, method: 'records.unmask', target: `record:${recordId}`, outcome: 'ok', detail: { fields: personal, reason } });
    return { fields };
  },

  'records.search': ({ desk }, { timeliness, statistic, reason, ...q }) => {
    const started = performance.now();
    // A search by ID number is audited, and bounded (records/id-search.ts).
    const idSearch = guardIdSearch(desk, 'records.search', q.query, reason);
    const page = searchRecords(desk.db, narrowed(desk, q, timeliness, statistic));
    auditIdSearch(desk, 'records.search', idSearch, page.total, reason);
    return {
      total: page.total,
      totalCapped: page.totalCapped,
      tookMs: Math.round(performance.now() - started),
      items: page.items.map(summaryView),
      ...(page.unsorted ? { unsorted: true } : {}),
    };
  },

  'records.countByCategory': ({ desk }, { timeliness, statistic, reason, ...q }) => {
    // Counts by ID number tell as much as a search: bounded the same way (the search beside it is the one audited).
    guardIdSearch(desk, 'records.search', q.query, reason);
    const counts: Record<string, { total: number; capped: boolean }> = {};
    for (const c of listCategories()) {
      const page = searchRecords(desk.db, narrowed(desk, { ...q, category: c.key, limit: 1 }, timeliness, statistic && { ...statistic, category: c.key }));
      counts[c.key] = { total: page.total, capped: page.totalCapped };
    }
    return counts;
  },

  'records.stats': ({ desk }) => ({
    byCategory: countsByCategoryState.all(desk.db),
    pendingOperations: pendingOperationCount(desk.db),
    openNameConflicts: openNameConflictCount.value<number>(desk.db) ?? 0,
    subjects: subjectCount.value<number>(desk.db) ?? 0,
  }),

  'timeliness.summary': ({ desk }) => timelinessSummary(desk.db, desk.now(), 10, warningSettings(desk.db).recordsDueWithinWorkingDays),

  'subjects.search': ({ desk }, { reason, ...q }) => {
    const idSearch = guardIdSearch(desk, 'subjects.search', q.query, reason);
    const found = searchSubjects(desk.db, q);
    auditIdSearch(desk, 'subjects.search', idSearch, found.total, reason);
    return found;
  },

  'subjects.get': ({ desk }, { subjectId }) => getSubject(desk.db, subjectId),

  'subjects.rename': ({ desk }, { subjectId, conflictId }) => {
    const before = getSubject(desk.db, subjectId);
    desk.write(
      (r) => ({ method: 'subjects.rename', target: `subject:${subjectId}`, detail: { from: before.name, to: r.name, recordId: r.recordId } }),
      (db: SqliteDatabase) => renameSubject(db, subjectId, conflictId, desk.login!, desk.now().toISOString()),
    );
    return getSubject(desk.db, subjectId);
  },

  'records.overrideRequests': ({ desk }) => listOverrideRequests(desk.db).map((r) => ({ ...summaryView(r), request: r.request })),
};
