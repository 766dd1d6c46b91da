/** Cases as the contract shows them: lists with their clocks, the dashboard's overview, one case in full. */
import { caseLetters } from '../letters/register';
import type {
  CaseDetail,
  CaseKind,
  CaseListResult,
  CaseOverview,
  CaseProposalView,
  CaseRecordView,
  CaseState,
  CaseSummary,
} from '../../contract/cases';
import { workingDaysBetween } from '../calendar';
import type { PublicationClock } from '../catalog/publication';
import { getCompiledCategory } from '../catalog/registry';
import type { RecordValues } from '../catalog/types';
import { maskIdNumber } from '../identifiers/idcard';
import { checkUscc } from '../identifiers/uscc';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { userNames } from '../users/service';
import { and, asc, count, desc, eq, inArray, isNotNull, lt, notInArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { caseRecords, cases, caseSteps as steps, records, recordVersions, subjects } from '../../../drizzle/schema';
import { listAttachments } from './attachments';
import { caseRulesInForce, getCaseRules } from './rules';
import { caseHandlers, caseSteps, getCase, HANDLING_ACTIONS, isOpen, parseCase, type CaseRow } from './service';
import { OPEN_CASE_STATES } from '../../contract/cases';

/** A person's ID number is masked wherever a case is shown: every code but a valid 统一社会信用代码. */
export function maskApplicantCode(code: string | null): string | null {
  if (!code) return null;
  return checkUscc(code).ok ? code : maskIdNumber(code);
}

function summary(db: SqliteDatabase, c: CaseRow, today: string): CaseSummary {
  const concerned = orm(db)
    .select({ id: caseRecords.recordId, name: records.subjectName })
    .from(caseRecords)
    .innerJoin(records, eq(records.id, caseRecords.recordId))
    .where(eq(caseRecords.caseId, c.id))
    .orderBy(caseRecords.recordId)
    .all();
  const open = isOpen(c.state);
  const running = open && c.due !== null;
  return {
    caseId: c.id,
    caseNo: c.caseNo,
    kind: c.kind,
    state: c.state,
    channel: c.channel,
    applicantName: c.applicantName,
    applicantCode: maskApplicantCode(c.applicantCode),
    received: c.received,
    acceptedOn: c.acceptedOn,
    due: c.due,
    dueCalendar: c.dueCalendar,
    workingDaysLeft: running ? workingDaysBetween(today, c.due!) : null,
    overdue: running && today > c.due!,
    decidedLate: c.decidedOn !== null && c.due !== null && c.decidedOn > c.due,
    paused: open && c.clock.runningFrom === null,
    ruleVersion: c.ruleVersion,
    recordIds: concerned.map((r) => r.id),
    subjectName: concerned[0]?.name ?? null,
    outcome: c.outcome,
    registeredAt: c.registeredAt,
    registeredBy: c.registeredBy,
    updatedAt: c.updatedAt,
  };
}

export interface CaseQuery {
  kind?: CaseKind;
  state?: CaseState;
  /** Open cases past their due date. */
  overdue?: boolean;
  /** Open cases due within N working days (0 = due today), overdue ones included. */
  dueWithin?: number;
  recordId?: number;
  /** Part of the case number, the applicant's name or a record's subject name. */
  query?: string;
  /** Proposed cases this login did not handle: the ones they may approve (待办). */
  approvableBy?: string;
  /** Only these cases: those behind a figure of the 统计 page (statistics/cases.ts). */
  caseIds?: number[];
  offset?: number;
  limit?: number;
}

/** `column LIKE pattern ESCAPE '\'`: the pattern's own % _ \ are escaped by the caller. */
const likeEscaped = (column: SQLWrapper, pattern: string): SQL => sql`${column} LIKE ${pattern} ESCAPE '\\'`;

/** Cases matching the filters, those due soonest first among open ones, newest first otherwise. */
export function listCases(db: SqliteDatabase, q: CaseQuery, today: string): CaseListResult {
  const d = orm(db);
  const where: (SQL | undefined)[] = [];
  if (q.kind) where.push(eq(cases.kind, q.kind));
  if (q.state) where.push(eq(cases.state, q.state));
  if (q.recordId !== undefined) {
    where.push(inArray(cases.id, d.select({ id: caseRecords.caseId }).from(caseRecords).where(eq(caseRecords.recordId, q.recordId))));
  }
  if (q.query) {
    const like = `%${q.query.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    where.push(
      or(
        likeEscaped(cases.caseNo, like),
        likeEscaped(cases.applicantName, like),
        inArray(
          cases.id,
          d
            .select({ id: caseRecords.caseId })
            .from(caseRecords)
            .innerJoin(records, eq(records.id, caseRecords.recordId))
            .where(or(likeEscaped(records.subjectName, like), likeEscaped(records.decisionNo, like))),
        ),
      ),
    );
  }
  if (q.approvableBy) {
    const handled = d
      .select({ id: steps.caseId })
      .from(steps)
      .where(and(eq(steps.by, q.approvableBy), inArray(steps.action, HANDLING_ACTIONS)));
    where.push(eq(cases.state, 'proposed'), notInArray(cases.id, handled));
  }
  if (q.caseIds) {
    // Integers from the statistics' own query, written into the statement: a long list would exceed SQLite's parameter limit.
    where.push(sql`${cases.id} IN (${sql.raw(q.caseIds.map((id) => Math.trunc(Number(id))).join(',') || 'NULL')})`);
  }
  const clocked = q.overdue || q.dueWithin !== undefined;
  if (clocked) where.push(inArray(cases.state, OPEN_CASE_STATES), isNotNull(cases.due));
  if (q.overdue) where.push(lt(cases.due, today));
  const rows = d
    .select()
    .from(cases)
    .where(and(...where))
    .orderBy(sql`CASE WHEN ${inArray(cases.state, OPEN_CASE_STATES)} THEN 0 ELSE 1 END`, sql`${cases.due} IS NULL`, asc(cases.due), desc(cases.id))
    .all()
    .map(parseCase);
  let items = rows.map((c) => summary(db, c, today));
  if (q.dueWithin !== undefined) {
    // Working days are counted on the calendar, not in SQL: a short list of open cases.
    items = items.filter((s) => s.overdue || (s.workingDaysLeft !== null && s.workingDaysLeft <= q.dueWithin!));
  }
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 50;
  return { total: items.length, items: items.slice(offset, offset + limit) };
}

export function caseOverview(db: SqliteDatabase, today: string): CaseOverview {
  const counts: CaseOverview['counts'] = orm(db)
    .select({ kind: cases.kind, state: cases.state, count: count() })
    .from(cases)
    .groupBy(cases.kind, cases.state)
    .orderBy(cases.kind, cases.state)
    .all();
  const open = listCases(db, { dueWithin: 1_000_000, limit: 1_000_000 }, today).items;
  const within = caseRulesInForce(today).dueSoonWorkingDays;
  return {
    counts,
    overdue: open.filter((c) => c.overdue),
    dueSoon: open.filter((c) => !c.overdue && c.workingDaysLeft !== null && c.workingDaysLeft <= within),
    awaitingApproval: counts.filter((c) => c.state === 'proposed').reduce((n, c) => n + c.count, 0),
    dueSoonWorkingDays: within,
    today,
  };
}

function recordViews(db: SqliteDatabase, caseId: number): CaseRecordView[] {
  const rows = orm(db)
    .select({
      id: records.id,
      category: records.category,
      subjectName: records.subjectName,
      subjectCode: records.subjectCode,
      decisionNo: records.decisionNo,
      decisionDate: records.decisionDate,
      state: records.state,
      version: records.version,
      openMarks: records.openMarks,
      publication: records.publication,
      versionAtRegistration: caseRecords.versionAtRegistration,
      codeType: subjects.codeType,
    })
    .from(caseRecords)
    .innerJoin(records, eq(records.id, caseRecords.recordId))
    .leftJoin(subjects, eq(subjects.id, records.subjectId))
    .where(eq(caseRecords.caseId, caseId))
    .orderBy(records.id)
    .all();
  return rows.map((r) => {
    const clock = r.publication ? (JSON.parse(r.publication) as PublicationClock) : null;
    return {
      recordId: r.id,
      category: r.category,
      subjectName: r.subjectName,
      subjectCode: r.subjectCode && r.codeType !== 'uscc' ? maskIdNumber(r.subjectCode) : r.subjectCode,
      decisionNo: r.decisionNo,
      decisionDate: r.decisionDate,
      state: r.state,
      version: r.version,
      versionAtRegistration: r.versionAtRegistration,
      openMarks: r.openMarks,
      publication: clock ? { class: clock.class, publicationEnds: clock.publicationEnds, earliestRepair: clock.earliestRepair, ruleVersion: clock.ruleVersion } : null,
    };
  });
}

function proposalView(db: SqliteDatabase, c: CaseRow): CaseProposalView | null {
  const p = c.proposal;
  if (!p) return null;
  const changes: CaseProposalView['changes'] = [];
  const text = (v: RecordValues[string] | undefined) => (v === null || v === undefined ? null : Array.isArray(v) ? v.join(';') : v);
  for (const [id] of Object.entries(p.recordVersions)) {
    const row = orm(db)
      .select({ category: records.category, fields: recordVersions.fields })
      .from(records)
      .innerJoin(recordVersions, and(eq(recordVersions.recordId, records.id), eq(recordVersions.version, p.recordVersions[id])))
      .where(eq(records.id, Number(id)))
      .get();
    if (!row) continue;
    const compiled = getCompiledCategory(row.category);
    const personal = new Set(compiled.personalFields);
    const before = JSON.parse(row.fields) as RecordValues;
    for (const [field, after] of Object.entries(p.set)) {
      const mask = (s: string | null) => (s !== null && personal.has(field) ? maskIdNumber(s) : s);
      changes.push({ recordId: Number(id), field, label: compiled.byCode.get(field)?.def.label ?? field, before: mask(text(before[field])), after: mask(text(after)) });
    }
  }
  return { outcome: p.outcome, reason: p.reason, set: p.set, changes, by: p.by, at: p.at };
}

export function caseDetail(db: SqliteDatabase, caseId: number, today: string): CaseDetail {
  const c = getCase(db, caseId);
  const rules = getCaseRules(c.ruleVersion);
  const names = userNames(db);
  return {
    ...summary(db, c, today),
    platformRef: c.platformRef,
    applicantContact: c.applicantContact,
    grounds: c.grounds,
    repairClass: c.repairClass,
    clock: {
      days: c.clock.days,
      ruleDays: c.clock.ruleDays,
      extensions: c.clock.extensions,
      runningFrom: c.clock.runningFrom,
      pausedSince: c.clock.pausedSince,
      used: c.clock.used,
    },
    clockBasis: c.kind === 'objection' ? rules.objection.basis : rules.repair.basis,
    extensionDays: rules.extension.workingDays,
    extensionsAllowed: rules.extension.times,
    records: recordViews(db, caseId),
    steps: caseSteps(db, caseId).map((s, i) => ({
      seq: i + 1,
      at: s.at,
      by: s.by,
      byName: names.get(s.by) ?? s.by,
      action: s.action,
      fromState: s.fromState,
      toState: s.toState,
      reason: s.reason,
      detail: s.detail,
    })),
    attachments: listAttachments(db, caseId).map((a) => ({
      attachmentId: a.id,
      item: a.item,
      fileName: a.fileName,
      contentType: a.contentType,
      size: a.size,
      sha256: a.sha256,
      addedAt: a.addedAt,
      addedBy: a.addedBy,
    })),
    materials: c.materials ? c.materials.map((m) => ({ item: m.item, required: m.required, received: m.received, receivedOn: m.receivedOn ?? null, attachmentIds: m.attachmentIds })) : null,
    proposal: proposalView(db, c),
    outcomeReason: c.outcomeReason,
    refusalReason: c.refusalReason,
    decidedOn: c.decidedOn,
    decidedBy: c.decidedBy,
    answeredOn: c.answeredOn,
    answerMethod: c.answerMethod,
    handlers: caseHandlers(db, caseId),
    letters: caseLetters(db, caseId).map(({ detail: _detail, ...letter }) => letter),
    basisVersion: c.basisVersion,
  };
}

/** Open cases by id (for a record's view): the record's own cases, newest first. */
export function casesOfRecord(db: SqliteDatabase, recordId: number, today: string): CaseSummary[] {
  return listCases(db, { recordId, limit: 500 }, today).items;
}

export { parseCase };
