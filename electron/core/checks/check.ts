/**
 * Checking one subject (信用核查): every current entry of the shared lists and
 * every relevant record of the department's own (a blacklist entry in force, a
 * penalty still published, a red-list entry in force, any record with an open
 * objection), each with the measures that apply to the matter being decided.
 *
 * Subjects are found by 统一社会信用代码 or ID number, or by exact name normalised
 * as search normalises it (normalizeName): never by part of a name.
 */
import { MATTERS, MEASURES, type CheckHit, type Matter } from '../../contract/checks';
import { getCategory, hasCategory } from '../catalog/registry';
import type { RecordValues } from '../catalog/types';
import { checkIdCard } from '../identifiers/idcard';
import { listEffect as effectOf, normalizeCode, parseEntry, type EntryMeasure, type ListEntry } from '../lists/format';
import { findEntries, measureName, versionInfo, type CurrentIds, type VersionInfo } from '../lists/queries';
import { matchExpression, normalizeName } from '../search/grams';
import type { SqliteDatabase } from '../store/database';
import { statement, type Row } from '../store/sql';
import type { records, recordVersions, subjects } from '../../../drizzle/schema';

export type SubjectKind = 'uscc' | 'id' | 'name';

export interface SubjectQuery {
  kind: SubjectKind;
  /** Upper case, no spaces. */
  code: string | null;
  name: string | null;
}

const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** What kind of identifier a code is: an ID number (18 or old 15 digits) or a 统一社会信用代码. */
export function codeKind(code: string): 'uscc' | 'id' {
  if (/^\d{15}$/.test(code) || (/^\d{17}[\dX]$/.test(code) && checkIdCard(code).ok)) return 'id';
  if (USCC_SHAPE.test(code)) return 'uscc';
  return /^\d/.test(code) && code.length === 18 ? 'uscc' : 'id';
}

/** Reads what a person typed: a 统一社会信用代码, an ID number, or else a name. */
export function classifySubject(text: string): SubjectQuery {
  const t = text.trim();
  const code = normalizeCode(t);
  if (/^\d{15}$/.test(code) || /^\d{17}[\dX]$/.test(code) || USCC_SHAPE.test(code)) return { kind: codeKind(code), code, name: null };
  return { kind: 'name', code: null, name: t };
}

/** A subject from a file's name and code columns (either may be empty). */
export function subjectOfRow(name: string | null, code: string | null): SubjectQuery | null {
  const c = code ? normalizeCode(code) : '';
  const n = name?.trim() ?? '';
  if (c) return { kind: codeKind(c), code: c, name: n || null };
  if (n) return { kind: 'name', code: null, name: n };
  return null;
}

const MEASURE_MATTERS = new Map(MEASURES.map((m) => [m.measure, m.matters]));

/** The matters a measure applies to: as the entry says, as the measure table says, or every matter. */
export function mattersOf(m: EntryMeasure): readonly Matter[] {
  if (typeof m !== 'string') return m.matters;
  return MEASURE_MATTERS.get(m) ?? MATTERS;
}

function splitMeasures(measures: EntryMeasure[], matter: Matter): { measures: string[]; otherMeasures: string[] } {
  const applies: string[] = [];
  const other: string[] = [];
  for (const m of measures) (mattersOf(m).includes(matter) ? applies : other).push(measureName(m));
  return { measures: applies, otherMeasures: other };
}

/** A 惩戒措施 text of our own blacklist split into measures (；、, and new lines separate them). */
function measuresInText(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(/[；;、，,\n]+/)
    .map((s) => s.trim().replace(/[。.]$/, ''))
    .filter((s) => s !== '');
}

export interface CheckContext {
  db: SqliteDatabase;
  matter: Matter;
  today: string;
  /** Version facts, shared by the checks of one call. */
  versions: Map<number, VersionInfo>;
  /** The current list versions (currentVersionIds), read once per call. */
  versionIds: CurrentIds;
}

function listHit(ctx: CheckContext, entry: ListEntry, info: VersionInfo, matchedBy: 'code' | 'name'): CheckHit {
  return {
    source: 'list',
    list: info.name,
    listId: info.list_id,
    version: info.version,
    effect: effectOf(entry.listType) ?? effectOf(info.list_type) ?? 'sanction',
    listType: entry.listType,
    name: entry.name,
    code: entry.code,
    basis: entry.basis,
    listedOn: entry.listedOn,
    expires: entry.expires,
    matchedBy,
    ...splitMeasures(entry.measures, ctx.matter),
  };
}

/** A record as a check reads it. */
type RecordRow = Pick<
  Row<typeof records>,
  'id' | 'category' | 'subject_name' | 'subject_code' | 'decision_no' | 'decision_date' | 'state' | 'version' | 'publication_ends' | 'open_marks'
>;

// The check of many applicants runs these per applicant (bench section E): prepared once per connection.
const RECORD_COLUMNS = 'id, category, subject_name, subject_code, decision_no, decision_date, state, version, publication_ends, open_marks';
const recordsByCode = statement<RecordRow, [string]>('checks.recordsByCode', `SELECT ${RECORD_COLUMNS} FROM records WHERE subject_code = ?`);
const recordsBySubject = statement<RecordRow, [number]>('checks.recordsBySubject', `SELECT ${RECORD_COLUMNS} FROM records WHERE subject_id = ?`);
const namedSubject = statement<Pick<Row<typeof subjects>, 'id'>, [string]>('checks.namedSubject', `SELECT id FROM subjects WHERE code_type = 'name' AND code = ?`);
/** FTS5 MATCH: the query builder cannot say it. */
const subjectsMatching = statement<Pick<Row<typeof subjects>, 'id' | 'name'>, [string]>(
  'checks.subjectsMatching',
  'SELECT s.id, s.name FROM subjects s WHERE s.id IN (SELECT rowid FROM subject_search WHERE subject_search MATCH ?)',
);
const recordFields = statement<Pick<Row<typeof recordVersions>, 'fields'>, [number, number]>('checks.recordFields', 'SELECT fields FROM record_versions WHERE record_id = ? AND version = ?');

/** The department's own records about the subject (any state; filtered by ownHit). */
function ownRecords(db: SqliteDatabase, q: SubjectQuery, nameKey: string | null): { row: RecordRow; matchedBy: 'code' | 'name' }[] {
  const out: { row: RecordRow; matchedBy: 'code' | 'name' }[] = [];
  const seen = new Set<number>();
  const add = (rows: RecordRow[], matchedBy: 'code' | 'name') => {
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      out.push({ row, matchedBy });
    }
  };
  if (q.code) add(recordsByCode.all(db, q.code), 'code');
  if (nameKey) {
    // Subjects recorded without a code are keyed by their normalised name.
    const named = namedSubject.get(db, nameKey);
    if (named) add(recordsBySubject.all(db, named.id), 'name');
    if (!q.code) {
      // A name only: every subject whose name is exactly this one (candidates from the bigram index).
      const match = matchExpression(q.name ?? '');
      if (match) {
        for (const c of subjectsMatching.all(db, match)) {
          if (normalizeName(c.name) === nameKey) add(recordsBySubject.all(db, c.id), 'name');
        }
      }
    }
  }
  return out;
}

const text = (v: RecordValues[string] | undefined): string | null => (v === null || v === undefined ? null : Array.isArray(v) ? v.join('、') : v);

const LIVE_STATES = new Set(['pending', 'reported', 'accepted', 'rejected', 'published']);

/** A record of our own as a hit, or null when it says nothing about the subject's credit today. */
function ownHit(ctx: CheckContext, row: RecordRow, matchedBy: 'code' | 'name'): CheckHit | null {
  const live = LIVE_STATES.has(row.state);
  const disputed = row.open_marks > 0;
  if (!live && !disputed) return null;
  const fields = JSON.parse(recordFields.value(ctx.db, row.id, row.version)!) as RecordValues;
  const base = {
    source: 'records' as const,
    list: hasCategory(row.category) ? getCategory(row.category).name : row.category,
    listId: row.category,
    version: row.version,
    name: row.subject_name,
    code: row.subject_code,
    listedOn: row.decision_date,
    matchedBy,
    recordId: row.id,
    decisionNo: row.decision_no,
    state: row.state,
    ...(disputed ? { disputed: true } : {}),
  };
  let hit: Omit<CheckHit, keyof typeof base> | null = null;
  if (live && row.category === 'blacklist') {
    const removed = text(fields.SXMD_YCRQ);
    if (!removed || removed > ctx.today) {
      const measures = measuresInText(text(fields.SXMD_CJCS));
      hit = {
        effect: 'sanction',
        listType: text(fields.SXMD_MDMC) ?? '严重失信主体名单',
        basis: [text(fields.SXMD_SXXW), text(fields.SXMD_RDYJ) && `依据${text(fields.SXMD_RDYJ)}`].filter(Boolean).join('；'),
        expires: removed,
        ...splitMeasures(measures, ctx.matter),
      };
    }
  } else if (live && row.category === 'redlist') {
    const until = text(fields.HMD_YXQZ);
    if (!until || until >= ctx.today) {
      hit = {
        effect: 'incentive',
        listType: text(fields.HMD_MDMC) ?? '守信激励名单',
        basis: [text(fields.HMD_LRYY), text(fields.HMD_RDYJ) && `依据${text(fields.HMD_RDYJ)}`].filter(Boolean).join('；'),
        expires: until,
        measures: [],
        otherMeasures: [],
      };
    }
  } else if (live && row.category === 'penalty' && row.publication_ends !== null && row.publication_ends >= ctx.today) {
    hit = {
      effect: 'sanction',
      listType: '行政处罚（公示中）',
      basis: [text(fields.CF_WFXW), text(fields.CF_CFLB) && `处罚类别：${text(fields.CF_CFLB)}`, text(fields.CF_NR)].filter(Boolean).join('；'),
      expires: row.publication_ends,
      measures: [],
      otherMeasures: [],
    };
  }
  if (!hit && disputed) {
    hit = { effect: 'notice', listType: '异议处理中', basis: `该记录有 ${row.open_marks} 项异议正在处理`, expires: null, measures: [], otherMeasures: [] };
  }
  return hit && ({ ...base, ...hit } as CheckHit);
}

/** Every hit for the subject: shared-list entries in force first, then the department's own records. */
export function findHits(ctx: CheckContext, q: SubjectQuery): CheckHit[] {
  const nameKey = q.name ? normalizeName(q.name) || null : null;
  const hits: CheckHit[] = [];
  for (const found of findEntries(ctx.db, { code: q.code, nameKey }, ctx.versionIds)) {
    const entry = parseEntry(found.entry);
    if (entry.expires !== null && entry.expires < ctx.today) continue; // no longer listed
    hits.push(listHit(ctx, entry, versionInfo(ctx.db, ctx.versions, found.version_id), found.matchedBy));
  }
  for (const { row, matchedBy } of ownRecords(ctx.db, q, nameKey)) {
    const hit = ownHit(ctx, row, matchedBy);
    if (hit) hits.push(hit);
  }
  return hits;
}
