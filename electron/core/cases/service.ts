/**
 * Objection (异议) and credit-repair (信用修复) cases, domain.md §4–§5.
 *
 *   已登记 registered → 核查中 investigating → 拟处理 proposed → 已决定 decided → 已答复 answered
 *                     ↘ 不予受理 refused (with the reason)
 *
 * A clerk registers a case about one or more records; an objection marks them
 * 异议中 until it closes. Someone who handled the case proposes an outcome;
 * an approver who did not handle it approves (the outcome then takes effect on
 * the records: a corrected version and `update`, a withdrawal, or the end of
 * publication after repair) or sends it back. Every step is a row of
 * case_steps; every function here runs inside the caller's transaction, which
 * also writes the audit entry.
 */
import type {
  CaseChannel,
  CaseKind,
  CaseOutcome,
  CaseState,
} from '../../contract/cases';
import { OPEN_CASE_STATES, OUTCOMES_BY_KIND } from '../../contract/cases';
import { addWorkingDays, chinaDate, isYmd } from '../calendar';
import { addMonths, publicationForRecord, type PublicationClock } from '../catalog/publication';
import { chineseNumeral } from '../catalog/generations/fine-text';
import { getDepartment } from '../department/service';
import { legalBasesInForce } from '../letters/bases';
import { issueLetter, latestCaseLetter, recordService } from '../letters/register';
import type { LetterKind } from '../../contract/letters';
import { getCompiledCategory } from '../catalog/registry';
import type { RecordValues } from '../catalog/types';
import { validateRecord } from '../catalog/validate';
import { CoreError } from '../errors';
import { checkIdCard } from '../identifiers/idcard';
import { checkUscc } from '../identifiers/uscc';
import { currentRecord, endPublicationByRepair, reviseRecord, stateLabel, withdrawRecord } from '../records/service';
import type { RecordState } from '../records/states';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { caseRecords, cases, caseSteps as steps, records } from '../../../drizzle/schema';
import { insertAttachment, type CheckedAttachment } from './attachments';
import { dueOf, extend, pause, pausedClock, resume, startClock, type CaseClock } from './clock';
import { clearObjection, markObjection } from './marks';
import { caseRulesInForce, getCaseRules, type MaterialItem, type RepairClass } from './rules';

export { ACTION_LABELS, CASE_KIND_LABELS, CASE_STATE_LABELS, CHANNEL_LABELS, OUTCOME_LABELS } from './labels';
import { CASE_KIND_LABELS, CASE_STATE_LABELS, OUTCOME_LABELS } from './labels';

/** Steps that make a person a handler of the case: none of them may approve it. */
export const HANDLING_ACTIONS = ['register', 'accept', 'refuse', 'forward', 'attach', 'request-materials', 'extend', 'propose'];

/** Record states a case may concern: published or on its way there. */
const CASEABLE: readonly RecordState[] = ['pending', 'reported', 'accepted', 'rejected', 'published'];

export interface Actor {
  by: string;
  /** ISO time of the change. */
  at: string;
  /** Today in China Standard Time, YYYY-MM-DD. */
  today: string;
}

export function actorAt(by: string, now: Date): Actor {
  return { by, at: now.toISOString(), today: chinaDate(now) };
}

// --- reading ---------------------------------------------------------------------------

export interface MaterialState extends MaterialItem {
  received: boolean;
  /** The day it arrived (YYYY-MM-DD); absent in cases registered before it was kept. */
  receivedOn?: string | null;
  attachmentIds: number[];
}

export interface ProposalState {
  outcome: CaseOutcome;
  reason: string;
  set: RecordValues;
  /** Record id → its version when proposed: the outcome applies only to that version. */
  recordVersions: Record<string, number>;
  by: string;
  at: string;
}

/** A `cases` row as stored: the JSON columns still text, the enumerations plain strings. */
type StoredCase = typeof cases.$inferSelect;

/** A case as the core works with it: the JSON columns parsed, the text columns narrowed to the contract's unions. */
export type CaseRow = Omit<StoredCase, 'kind' | 'state' | 'channel' | 'repairClass' | 'materials' | 'clock' | 'dueCalendar' | 'proposal' | 'outcome'> & {
  kind: CaseKind;
  state: CaseState;
  channel: CaseChannel;
  repairClass: RepairClass | null;
  materials: MaterialState[] | null;
  clock: CaseClock;
  dueCalendar: { versions: string[]; yearsWithoutData: number[]; estimated: boolean } | null;
  proposal: ProposalState | null;
  outcome: CaseOutcome | null;
};

export function parseCase(r: StoredCase): CaseRow {
  return {
    ...r,
    materials: r.materials ? (JSON.parse(r.materials) as MaterialState[]) : null,
    clock: JSON.parse(r.clock) as CaseClock,
    dueCalendar: r.dueCalendar ? (JSON.parse(r.dueCalendar) as CaseRow['dueCalendar']) : null,
    proposal: r.proposal ? (JSON.parse(r.proposal) as ProposalState) : null,
  };
}

export function getCase(db: SqliteDatabase, caseId: number): CaseRow {
  const row = orm(db).select().from(cases).where(eq(cases.id, caseId)).get();
  if (!row) throw new CoreError('NOT_FOUND', `找不到编号为 ${caseId} 的案件。`);
  return parseCase(row);
}

export function caseRecordIds(db: SqliteDatabase, caseId: number): number[] {
  return orm(db)
    .select({ id: caseRecords.recordId })
    .from(caseRecords)
    .where(eq(caseRecords.caseId, caseId))
    .orderBy(caseRecords.recordId)
    .all()
    .map((r) => r.id);
}

export type StepRow = Omit<typeof steps.$inferSelect, 'fromState' | 'toState' | 'detail'> & {
  fromState: CaseState | null;
  toState: CaseState;
  detail: Record<string, unknown>;
};

export function caseSteps(db: SqliteDatabase, caseId: number): StepRow[] {
  return orm(db)
    .select()
    .from(steps)
    .where(eq(steps.caseId, caseId))
    .orderBy(steps.id)
    .all()
    .map((s) => ({
      ...s,
      detail: JSON.parse(s.detail) as Record<string, unknown>,
    }));
}

/** Logins who handled the case: none of them may approve its outcome. */
export function caseHandlers(db: SqliteDatabase, caseId: number): string[] {
  return orm(db)
    .selectDistinct({ by: steps.by })
    .from(steps)
    .where(and(eq(steps.caseId, caseId), inArray(steps.action, HANDLING_ACTIONS)))
    .orderBy(steps.by)
    .all()
    .map((r) => r.by);
}

export function isOpen(state: CaseState): boolean {
  return OPEN_CASE_STATES.includes(state);
}

// --- writing helpers ----------------------------------------------------------------------

function addStep(
  db: SqliteDatabase,
  caseId: number,
  actor: Actor,
  action: string,
  from: CaseState | null,
  to: CaseState,
  reason: string | null,
  detail: Record<string, unknown> = {},
): void {
  orm(db)
    .insert(steps)
    .values({ caseId, at: actor.at, by: actor.by, action, fromState: from, toState: to, reason, detail: JSON.stringify(detail) })
    .run();
}

/** Writes the case's changed columns (and its due date when the clock changed). */
function save(db: SqliteDatabase, c: CaseRow, actor: Actor, changes: Partial<CaseRow>): CaseRow {
  const next: CaseRow = { ...c, ...changes, updatedAt: actor.at, updatedBy: actor.by };
  if (changes.clock) {
    const due = dueOf(next.clock);
    next.due = due?.due ?? null;
    next.dueCalendar = due ? { versions: due.versions, yearsWithoutData: due.yearsWithoutData, estimated: due.estimated } : null;
  }
  orm(db)
    .update(cases)
    .set({
      state: next.state,
      materials: next.materials ? JSON.stringify(next.materials) : null,
      clock: JSON.stringify(next.clock),
      due: next.due,
      dueCalendar: next.dueCalendar ? JSON.stringify(next.dueCalendar) : null,
      acceptedOn: next.acceptedOn,
      proposal: next.proposal ? JSON.stringify(next.proposal) : null,
      outcome: next.outcome,
      outcomeReason: next.outcomeReason,
      refusalReason: next.refusalReason,
      decidedOn: next.decidedOn,
      decidedBy: next.decidedBy,
      answeredOn: next.answeredOn,
      answerMethod: next.answerMethod,
      updatedAt: next.updatedAt,
      updatedBy: next.updatedBy,
    })
    .where(eq(cases.id, next.id))
    .run();
  return next;
}

function caseLabel(c: Pick<CaseRow, 'kind' | 'caseNo'>): string {
  return `${CASE_KIND_LABELS[c.kind]}案件 ${c.caseNo}`;
}

function requireState(c: CaseRow, allowed: readonly CaseState[], doing: string): void {
  if (!allowed.includes(c.state)) {
    throw new CoreError('BAD_INPUT', `${caseLabel(c)}为“${CASE_STATE_LABELS[c.state]}”，不能${doing}。`, { state: c.state });
  }
}

function requireDate(date: string, what: string, today: string): void {
  if (!isYmd(date)) throw new CoreError('BAD_INPUT', `${what}不是有效日期（应为 YYYY-MM-DD）：${date}`);
  if (date > today) throw new CoreError('BAD_INPUT', `${what}（${date}）晚于今天（${today}），不能是将来的日期。`);
}

function nextCaseNo(db: SqliteDatabase, kind: CaseKind, today: string): string {
  const prefix = `${kind === 'objection' ? 'YY' : 'XF'}-${today.slice(0, 4)}-`;
  const row = orm(db)
    .select({ n: sql<number | null>`max(CAST(substr(${cases.caseNo}, ${prefix.length + 1}) AS INTEGER))` })
    .from(cases)
    .where(like(cases.caseNo, `${prefix}%`))
    .get();
  return `${prefix}${String((row?.n ?? 0) + 1).padStart(4, '0')}`;
}

// --- register ------------------------------------------------------------------------------

export interface RegisterInput {
  kind: CaseKind;
  recordIds: number[];
  applicant: { name: string; code?: string | null; contact?: string | null };
  channel: CaseChannel;
  platformRef?: string | null;
  received?: string | null;
  grounds: string;
  /** Checked files; `item` names a repair materials checklist entry. */
  attachments: (CheckedAttachment & { item?: string | null })[];
  /**
   * About another authority's record (谁认定、谁修复): forward the request to it (recorded
   * as 已转送) instead of refusing it with a letter naming it.
   */
  forward?: boolean;
}

type RecordHead = Pick<
  typeof records.$inferSelect,
  'id' | 'category' | 'version' | 'publication' | 'decisionNo' | 'decisionDate' | 'subjectName' | 'subjectCode'
> & { state: RecordState };

/** Issues the case's letter of a kind in the caller's transaction (letters/register.ts). */
function issue(db: SqliteDatabase, caseId: number, kind: LetterKind, actor: Actor, detail: Record<string, unknown> = {}) {
  return issueLetter(db, { kind, caseId, issuedOn: actor.today, at: actor.at, by: actor.by, detail });
}

/** The deciding authority of a record when it is not this department (谁认定、谁修复), else null. */
export function otherAuthority(db: SqliteDatabase, recordId: number): { name: string; code: string | null } | null {
  const r = currentRecord(db, recordId);
  const def = getCompiledCategory(r.category).def;
  if (!def.authority) return null;
  const name = r.fields[def.authority.name];
  const code = r.fields[def.authority.code];
  const dept = getDepartment(db);
  const sameCode = typeof code === 'string' && code.toUpperCase() === dept.uscc.toUpperCase();
  const sameName = typeof name === 'string' && name.trim() === dept.name.trim();
  if (sameCode || sameName || (typeof name !== 'string' && typeof code !== 'string')) return null;
  return { name: typeof name === 'string' ? name : String(code), code: typeof code === 'string' ? code : null };
}

function recordHead(db: SqliteDatabase, id: number): RecordHead | undefined {
  const row = orm(db)
    .select({
      id: records.id,
      category: records.category,
      state: records.state,
      version: records.version,
      publication: records.publication,
      decisionNo: records.decisionNo,
      decisionDate: records.decisionDate,
      subjectName: records.subjectName,
      subjectCode: records.subjectCode,
    })
    .from(records)
    .where(eq(records.id, id))
    .get();
  return row;
}

/** An open case of this kind about the record, if any. */
export function openCaseOn(db: SqliteDatabase, recordId: number, kind: CaseKind): { id: number; caseNo: string } | undefined {
  return orm(db)
    .select({ id: cases.id, caseNo: cases.caseNo })
    .from(cases)
    .innerJoin(caseRecords, eq(caseRecords.caseId, cases.id))
    .where(and(eq(caseRecords.recordId, recordId), eq(cases.kind, kind), inArray(cases.state, OPEN_CASE_STATES)))
    .limit(1)
    .get();
}

/**
 * The applicant's code is checked like any code (GB 32100, GB 11643): a valid
 * 统一社会信用代码 or 居民身份证号码, or exactly a record's own subject code (a passport
 * number as the record holds it). Anything else — a 16-character “code” — is refused.
 */
function checkApplicantCode(code: string, recordCodes: (string | null)[]): void {
  if (recordCodes.some((c) => c !== null && c.toUpperCase() === code)) return;
  if (checkUscc(code).ok || checkIdCard(code).ok) return;
  const why = code.length === 18 ? '校验不通过' : `有 ${code.length} 位（应为 18 位）`;
  throw new CoreError('BAD_INPUT', `申请人代码 ${code} ${why}：既不是有效的统一社会信用代码（GB 32100），也不是有效的居民身份证号码（GB 11643），请核对。`, { field: 'applicant.code' });
}

/**
 * 严重失信主体名单: the list's own removal — its 移出日期, or the period its 移出条件
 * names (“列入满三年”, “满6个月”) counted from the listing date; null when it names none.
 */
export function blacklistEarliest(fields: RecordValues, removal: { listedOn: string; condition: string; date: string }): { date: string; because: string } | null {
  const date = fields[removal.date];
  if (typeof date === 'string') return { date, because: `移出日期为 ${date}` };
  const condition = fields[removal.condition];
  const listed = fields[removal.listedOn];
  if (typeof condition !== 'string' || typeof listed !== 'string') return null;
  const m = /满\s*([0-9]+|[零一二两三四五六七八九十百]+)\s*(年|个月|月)/.exec(condition);
  if (!m) return null;
  const n = /^[0-9]+$/.test(m[1]) ? Number(m[1]) : Number(chineseNumeral(m[1].replace('两', '二')) ?? NaN);
  if (!Number.isInteger(n) || n <= 0) return null;
  const months = m[2] === '年' ? n * 12 : n;
  // 民法典 第二百零一条、第二百零二条: the period ends on the 对应日; removal may be asked for the day after.
  const end = addMonths(listed, months);
  const next = new Date(`${end}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { date: next.toISOString().slice(0, 10), because: `移出条件为“${condition}”，自列入日期 ${listed} 起算` };
}

/** Which repair class (materials checklist) a record falls in, and the earliest date repair may be asked for. */
export function repairEligibility(record: RecordHead): { repairClass: RepairClass; earliest: string | null } {
  const def = getCompiledCategory(record.category).def;
  if (!def.repairable) {
    throw new CoreError('BAD_INPUT', `记录 ${record.id} 属于“${def.name}”，不能申请信用修复：只有行政处罚和严重失信主体名单可以修复。`);
  }
  if (!def.publication) return { repairClass: '失信名单', earliest: null };
  if (!record.publication) throw new CoreError('BAD_INPUT', `记录 ${record.id} 没有公示期限，无法判断能否修复：请先补全处罚决定日期。`);
  const clock = JSON.parse(record.publication) as PublicationClock;
  // 轻微: once the legal duty is fulfilled (proved by the materials); 一般 and 严重: from the earliest repair date.
  return { repairClass: clock.class, earliest: clock.class === '轻微' ? null : clock.earliestRepair };
}

export interface RegisterResult {
  caseId: number;
  caseNo: string;
  state: CaseState;
  /** A repair asked for too early is refused at once: the day it becomes possible. */
  earliestRepair?: string;
  /** About another authority's record: refused (or forwarded) at once, naming it. */
  otherAuthority?: string;
}

export function registerCase(db: SqliteDatabase, input: RegisterInput, actor: Actor): RegisterResult {
  const received = input.received ?? actor.today;
  requireDate(received, '收到日期', actor.today);
  const ids = [...new Set(input.recordIds)];
  if (ids.length === 0) throw new CoreError('BAD_INPUT', '请至少指定一条信用记录。');
  if (input.kind === 'repair' && ids.length > 1) throw new CoreError('BAD_INPUT', '信用修复按一个处罚决定（一条记录）申请：请为每条记录分别登记。');
  const name = input.applicant.name.trim();
  if (!name) throw new CoreError('BAD_INPUT', '请填写申请人（异议人）名称。');
  let code = input.applicant.code?.trim().toUpperCase() || null;
  if (input.channel === 'platform' && !input.platformRef?.trim()) throw new CoreError('BAD_INPUT', '平台转办的案件须填写平台的转办编号。');
  if (!input.grounds.trim()) throw new CoreError('BAD_INPUT', input.kind === 'objection' ? '请填写异议理由。' : '请填写修复申请的事由。');

  const heads: RecordHead[] = [];
  for (const id of ids) {
    const r = recordHead(db, id);
    if (!r) throw new CoreError('BAD_INPUT', `找不到编号为 ${id} 的信用记录，未登记。`, { recordId: id });
    if (!CASEABLE.includes(r.state)) {
      const why =
        r.state === 'withdrawn'
          ? '已撤回，不再公示'
          : r.state === 'draft'
            ? '是尚未报送的草稿'
            : r.state === 'repaired'
              ? '已修复，公示已终止'
              : '公示期已满，已不再公示';
      throw new CoreError('BAD_INPUT', `记录 ${id}（${r.decisionNo}）${why}，不能登记${CASE_KIND_LABELS[input.kind]}。`, { recordId: id, state: r.state });
    }
    const open = openCaseOn(db, id, input.kind);
    if (open) {
      throw new CoreError('BAD_INPUT', `记录 ${id}（${r.decisionNo}）已有未办结的${CASE_KIND_LABELS[input.kind]}案件 ${open.caseNo}，不能重复登记。`, {
        recordId: id,
        caseId: open.id,
      });
    }
    heads.push(r);
  }
  const subjects = heads.map((r) => ({ name: r.subjectName, code: r.subjectCode }));
  if (code) checkApplicantCode(code, subjects.map((s) => s.code));
  // The applicant is the record's subject: its code comes from the record (a form cannot show a masked ID number).
  else code = subjects.find((s) => s.name === name && s.code)?.code ?? null;
  for (const r of heads) {
    const decided = r.decisionDate;
    if (decided && received < decided) {
      throw new CoreError('BAD_INPUT', `收到日期（${received}）早于记录 ${r.id}（${r.decisionNo}）的决定日期（${decided}）：请核对收到日期。`, { field: 'received', recordId: r.id });
    }
  }
  // 谁认定、谁修复: a case about another authority's record is not decided here.
  const others = heads.map((r) => otherAuthority(db, r.id)).filter((a): a is { name: string; code: string | null } => a !== null);
  const elsewhere = others.length > 0 ? others[0] : null;

  const rules = caseRulesInForce(received);
  let repairClass: RepairClass | null = null;
  let earliest: string | null = null;
  let materials: MaterialState[] | null = null;
  let earliestBecause: string | null = null;
  if (input.kind === 'repair') {
    ({ repairClass, earliest } = repairEligibility(heads[0]));
    const def = getCompiledCategory(heads[0].category).def;
    if (def.removal) {
      const removal = blacklistEarliest(currentRecord(db, heads[0].id).fields, def.removal);
      if (removal) {
        earliest = removal.date;
        earliestBecause = removal.because;
      }
    }
    materials = rules.repair.materials[repairClass].map((m) => ({ ...m, received: false, receivedOn: null, attachmentIds: [] }));
  }
  for (const a of input.attachments) {
    if (!a.item) continue;
    if (!materials) throw new CoreError('BAD_INPUT', `异议案件的附件不属于材料清单：“${a.item}”。`);
    if (!materials.some((m) => m.item === a.item)) {
      throw new CoreError('BAD_INPUT', `“${a.item}”不在${repairClass}类信用修复的材料清单中：${materials.map((m) => m.item).join('、')}。`);
    }
  }

  const caseNo = nextCaseNo(db, input.kind, actor.today);
  const tooEarly = elsewhere === null && earliest !== null && received < earliest;
  const days = input.kind === 'objection' ? rules.objection.decideWithinWorkingDays : rules.repair.decideWithinWorkingDays;
  const id = Number(
    orm(db)
      .insert(cases)
      .values({
        caseNo,
        kind: input.kind,
        state: 'registered',
        channel: input.channel,
        platformRef: input.platformRef?.trim() || null,
        applicantName: name,
        applicantCode: code,
        applicantContact: input.applicant.contact?.trim() || null,
        received,
        grounds: input.grounds.trim(),
        ruleVersion: rules.version,
        repairClass,
        materials: null,
        clock: JSON.stringify(pausedClock(days, received)),
        registeredAt: actor.at,
        registeredBy: actor.by,
        updatedAt: actor.at,
        updatedBy: actor.by,
        basisVersion: legalBasesInForce(received).version,
      })
      .run().lastInsertRowid,
  );
  orm(db)
    .insert(caseRecords)
    .values(heads.map((r) => ({ caseId: id, recordId: r.id, versionAtRegistration: r.version })))
    .run();
  for (const a of input.attachments) {
    const attachmentId = insertAttachment(db, id, a, a.item ?? null, actor.by, actor.at);
    const m = a.item ? materials?.find((x) => x.item === a.item) : undefined;
    if (m) {
      m.received = true;
      m.receivedOn = received;
      m.attachmentIds.push(attachmentId);
    }
  }
  let c = getCase(db, id);
  const complete = materials === null || materials.every((m) => !m.required || m.received);
  // An objection's clock runs from the day it was received; a repair's once its materials are complete.
  const clock = complete ? startClock(days, received) : pausedClock(days, received);
  c = save(db, c, actor, { materials, clock });
  addStep(db, id, actor, 'register', null, 'registered', null, {
    recordIds: ids,
    received,
    due: c.due,
    ruleVersion: rules.version,
    attachments: input.attachments.map((a) => a.fileName),
  });
  if (elsewhere) {
    const kindWord = input.kind === 'objection' ? '异议' : '信用修复申请';
    const reason = input.forward
      ? `所涉信用信息由${elsewhere.name}认定。按照“谁认定、谁修复”的原则，本机关已于${actor.today}将你的${kindWord}转送${elsewhere.name}办理，请与该机关联系。`
      : `所涉信用信息由${elsewhere.name}认定，不属于本机关的职权范围。按照“谁认定、谁修复”的原则，请向${elsewhere.name}提出${kindWord}。`;
    save(db, c, actor, { state: 'refused', refusalReason: reason });
    addStep(db, id, actor, input.forward ? 'forward' : 'refuse', 'registered', 'refused', reason, { authority: elsewhere.name, authorityCode: elsewhere.code });
    issue(db, id, 'refusal', actor, { situation: 'other-authority', authority: elsewhere.name, forwarded: input.forward === true });
    return { caseId: id, caseNo, state: 'refused', otherAuthority: elsewhere.name };
  }
  if (tooEarly) {
    const reason = repairClass === '失信名单'
      ? `未到最早可申请信用修复的日期：${earliestBecause ?? ''}，${earliest} 起可以申请。`
      : `未到最早可申请信用修复的日期：该${repairClass}类行政处罚信息最短公示期满后方可修复，${earliest} 起可以申请。`;
    save(db, c, actor, { state: 'refused', refusalReason: reason });
    addStep(db, id, actor, 'refuse', 'registered', 'refused', reason, { earliestRepair: earliest });
    issue(db, id, 'refusal', actor, { situation: 'repair-too-early', earliestRepair: earliest });
    return { caseId: id, caseNo, state: 'refused', earliestRepair: earliest! };
  }
  if (!complete && materials) {
    // 一次性告知: the notice lists every missing item at once, with the date to supply them by.
    issueMaterialsNotice(db, id, materials, rules.repair.supplyWithinWorkingDays ?? DEFAULT_SUPPLY_DAYS, null, null, actor);
  }
  if (input.kind === 'objection') for (const r of heads) markObjection(db, r.id, actor.at);
  return { caseId: id, caseNo, state: 'registered' };
}

// --- the steps ---------------------------------------------------------------------------------

export function acceptCase(db: SqliteDatabase, caseId: number, actor: Actor): CaseRow {
  const c = getCase(db, caseId);
  requireState(c, ['registered'], '受理');
  addStep(db, caseId, actor, 'accept', c.state, 'investigating', null);
  const next = save(db, c, actor, { state: 'investigating', acceptedOn: actor.today });
  issue(db, caseId, 'acceptance', actor);
  return next;
}

/** 不予受理: the case closes with the reason; an objection's marks are cleared. */
export function refuseCase(db: SqliteDatabase, caseId: number, reason: string, actor: Actor): CaseRow {
  const c = getCase(db, caseId);
  requireState(c, ['registered', 'investigating'], '不予受理');
  addStep(db, caseId, actor, 'refuse', c.state, 'refused', reason);
  const next = save(db, c, actor, { state: 'refused', refusalReason: reason, proposal: null });
  issue(db, caseId, 'refusal', actor, { situation: `${c.kind}-refusal` });
  if (c.kind === 'objection') for (const id of caseRecordIds(db, caseId)) clearObjection(db, id, actor.at);
  return next;
}

/** Adds a file to an open case; for a repair, `item` ticks a checklist entry (and may restart the clock). */
export function attachToCase(
  db: SqliteDatabase,
  caseId: number,
  file: CheckedAttachment,
  item: string | null,
  actor: Actor,
  receivedOn: string | null = null,
): { case: CaseRow; attachmentId: number } {
  const c = getCase(db, caseId);
  requireState(c, OPEN_CASE_STATES, '添加附件');
  // The day the material actually arrived: the clock runs from it, not from the day it was entered.
  const arrived = receivedOn ?? actor.today;
  requireDate(arrived, '材料收到日期', actor.today);
  if (arrived < c.received) throw new CoreError('BAD_INPUT', `材料收到日期（${arrived}）早于申请的收到日期（${c.received}）。`, { field: 'received' });
  let materials = c.materials;
  if (item) {
    if (!materials) throw new CoreError('BAD_INPUT', `异议案件没有材料清单：“${item}”。`);
    if (!materials.some((m) => m.item === item)) {
      throw new CoreError('BAD_INPUT', `“${item}”不在${c.repairClass}类信用修复的材料清单中：${materials.map((m) => m.item).join('、')}。`);
    }
  }
  const attachmentId = insertAttachment(db, caseId, file, item, actor.by, actor.at);
  if (item && materials) materials = materials.map((m) => (m.item === item ? { ...m, received: true, receivedOn: arrived, attachmentIds: [...m.attachmentIds, attachmentId] } : m));
  addStep(db, caseId, actor, 'attach', c.state, c.state, null, { attachmentId, fileName: file.fileName, item, size: file.size, receivedOn: arrived });
  let clock = c.clock;
  const complete = materials === null || materials.every((m) => !m.required || m.received);
  if (c.kind === 'repair' && complete && clock.runningFrom === null) {
    // Complete on the day the last required material arrived (never before the pause began).
    const from = [arrived, ...(materials ?? []).filter((m) => m.required).map((m) => m.receivedOn ?? arrived)].sort().pop()!;
    const runningFrom = clock.pausedSince && from < clock.pausedSince ? clock.pausedSince : from;
    clock = resume(clock, runningFrom);
    const due = dueOf(clock);
    addStep(db, caseId, actor, 'materials-complete', c.state, c.state, null, { runningFrom, due: due?.due ?? null });
  }
  return { case: save(db, c, actor, { materials, clock }), attachmentId };
}

/** Working days an applicant has to supply missing materials when the rules say nothing (the product's choice). */
export const DEFAULT_SUPPLY_DAYS = 10;

/** The 补正材料通知书: every missing required item at once (一次性告知) and the date to supply them by. */
function issueMaterialsNotice(
  db: SqliteDatabase,
  caseId: number,
  materials: MaterialState[],
  supplyDays: number,
  supplyBy: string | null,
  reason: string | null,
  actor: Actor,
) {
  const missing = materials.filter((m) => m.required && !m.received).map((m) => m.item);
  const by = supplyBy ?? addWorkingDays(actor.today, supplyDays).date;
  return issue(db, caseId, 'materials', actor, { missing, supplyBy: by, reason });
}

/**
 * 补正: repair materials are missing or defective; the clock pauses (from today, at any
 * point while it runs) until they arrive, and a 补正材料通知书 lists every missing item
 * with the date to supply them by. A pending proposal goes back to 核查中.
 */
export function requestMaterials(
  db: SqliteDatabase,
  caseId: number,
  items: string[],
  reason: string,
  actor: Actor,
  supplyBy: string | null = null,
): CaseRow {
  const c = getCase(db, caseId);
  if (c.kind !== 'repair' || !c.materials) throw new CoreError('BAD_INPUT', '只有信用修复案件有材料清单。');
  requireState(c, OPEN_CASE_STATES, '要求补正材料');
  if (items.length === 0) throw new CoreError('BAD_INPUT', '请指出需要补正的材料。');
  for (const item of items) {
    if (!c.materials.some((m) => m.item === item)) throw new CoreError('BAD_INPUT', `“${item}”不在材料清单中：${c.materials.map((m) => m.item).join('、')}。`);
  }
  if (supplyBy !== null) {
    if (!isYmd(supplyBy)) throw new CoreError('BAD_INPUT', `补正期限不是有效日期（应为 YYYY-MM-DD）：${supplyBy}`);
    if (supplyBy <= actor.today) throw new CoreError('BAD_INPUT', `补正期限（${supplyBy}）应晚于今天（${actor.today}）。`);
  }
  const materials = c.materials.map((m) => (items.includes(m.item) ? { ...m, received: false, receivedOn: null } : m));
  const clock = pause(c.clock, actor.today);
  const to: CaseState = c.state === 'proposed' ? 'investigating' : c.state;
  addStep(db, caseId, actor, 'request-materials', c.state, to, reason, { items, pausedSince: actor.today });
  const next = save(db, c, actor, { materials, clock, state: to, proposal: c.state === 'proposed' ? null : c.proposal });
  const rules = getCaseRules(c.ruleVersion);
  issueMaterialsNotice(db, caseId, materials, rules.repair.supplyWithinWorkingDays ?? DEFAULT_SUPPLY_DAYS, supplyBy, reason, actor);
  return next;
}

/** One extension per case (as the rules allow), with a reason. */
export function extendCase(db: SqliteDatabase, caseId: number, reason: string, actor: Actor): CaseRow {
  const c = getCase(db, caseId);
  requireState(c, OPEN_CASE_STATES, '延期');
  const rules = getCaseRules(c.ruleVersion);
  if (c.clock.extensions >= rules.extension.times) {
    throw new CoreError('BAD_INPUT', `${caseLabel(c)}已延期 ${c.clock.extensions} 次，规则（${rules.version}）只允许延期 ${rules.extension.times} 次。`);
  }
  const clock = extend(c.clock, rules.extension.workingDays);
  const next = save(db, c, actor, { clock });
  addStep(db, caseId, actor, 'extend', c.state, c.state, reason, { workingDays: rules.extension.workingDays, dueBefore: c.due, due: next.due });
  return next;
}

export interface ProposeInput {
  outcome: CaseOutcome;
  reason: string;
  /** 更正: field (code or label) → new value. */
  set?: Record<string, string>;
}

/** Field code for a code or a label of the category (e.g. CF_NR_FK or 罚款金额（万元）). */
function fieldCode(category: string, key: string): string {
  const compiled = getCompiledCategory(category);
  if (compiled.byCode.has(key)) return key;
  const byLabel = compiled.def.fields.find((f) => f.label === key || f.code === key.toUpperCase());
  if (!byLabel) throw new CoreError('BAD_INPUT', `“${compiled.def.name}”没有字段“${key}”（可用字段代码或中文名称）。`);
  return byLabel.code;
}

/** The record's values with the correction applied, validated as an entry would be. */
function correctedValues(db: SqliteDatabase, recordId: number, set: Record<string, string>, today: string) {
  const current = currentRecord(db, recordId);
  const raw: Record<string, unknown> = { ...current.fields };
  for (const [key, value] of Object.entries(set)) raw[fieldCode(current.category, key)] = value;
  const compiled = getCompiledCategory(current.category);
  const result = validateRecord(compiled, raw, { today, mode: 'strict' });
  if (!result.ok) {
    const first = result.errors[0];
    throw new CoreError('INVALID_RECORD', `更正后的记录 ${recordId} 未通过校验：${first?.message ?? ''}${result.errors.length > 1 ? `（共 ${result.errors.length} 处）` : ''}`, {
      errors: result.errors,
      recordId,
    });
  }
  let publication: PublicationClock | null = null;
  if (compiled.def.publication) {
    const stored = current.publication ? (JSON.parse(current.publication) as PublicationClock) : null;
    const override = stored?.overrideReason ? { class: stored.class, reason: stored.overrideReason } : null;
    publication = publicationForRecord(current.category, result.values, { override, asOf: today });
  }
  return { current, compiled, values: result.values, publication };
}

export function proposeOutcome(db: SqliteDatabase, caseId: number, input: ProposeInput, actor: Actor): CaseRow {
  let c = getCase(db, caseId);
  requireState(c, ['registered', 'investigating'], '拟处理');
  if (!OUTCOMES_BY_KIND[c.kind].includes(input.outcome)) {
    throw new CoreError('BAD_INPUT', `${CASE_KIND_LABELS[c.kind]}案件的处理结果只能是：${OUTCOMES_BY_KIND[c.kind].map((o) => `${OUTCOME_LABELS[o]}（${o}）`).join('、')}。`);
  }
  const set = input.set ?? {};
  if (input.outcome !== 'correct' && Object.keys(set).length > 0) throw new CoreError('BAD_INPUT', '只有“更正”需要给出更正的字段（--set）。');
  const recordIds = caseRecordIds(db, caseId);
  const recordVersions: Record<string, number> = {};
  const normalised: RecordValues = {};
  for (const id of recordIds) {
    const current = currentRecord(db, id);
    recordVersions[String(id)] = current.version;
    if (input.outcome === 'correct') {
      if (Object.keys(set).length === 0) throw new CoreError('BAD_INPUT', '“更正”须给出要更正的字段和新值（字段=新值）。');
      const { values } = correctedValues(db, id, set, actor.today);
      const changed = Object.keys(set).map((k) => fieldCode(current.category, k)).filter((f) => JSON.stringify(values[f] ?? null) !== JSON.stringify(current.fields[f] ?? null));
      if (changed.length === 0) throw new CoreError('BAD_INPUT', `更正后的记录 ${id} 与现有内容相同，没有需要更正的字段。`);
      for (const f of Object.keys(set).map((k) => fieldCode(current.category, k))) normalised[f] = values[f] ?? null;
      if (!['pending', 'reported', 'accepted', 'rejected', 'published'].includes(current.state)) {
        throw new CoreError('BAD_INPUT', `记录 ${id} 为“${stateLabel(current.state)}”，不能更正。`);
      }
    }
    if (input.outcome === 'revoke' && current.state === 'withdrawn') throw new CoreError('BAD_INPUT', `记录 ${id} 已撤回。`);
  }
  if (input.outcome === 'repair') {
    const missing = (c.materials ?? []).filter((m) => m.required && !m.received).map((m) => m.item);
    if (missing.length > 0) throw new CoreError('BAD_INPUT', `材料尚不齐全，不能拟同意修复：缺少${missing.join('、')}。`);
    const head = recordHead(db, recordIds[0])!;
    const { earliest } = repairEligibility(head);
    if (earliest !== null && actor.today < earliest) throw new CoreError('BAD_INPUT', `未到最早可修复日期（${earliest}），不能拟同意修复。`);
  }
  if (c.state === 'registered') {
    // Proposing an outcome means the case was taken up: the acceptance is its own step.
    addStep(db, caseId, actor, 'accept', 'registered', 'investigating', null);
    c = save(db, c, actor, { state: 'investigating', acceptedOn: actor.today });
    issue(db, caseId, 'acceptance', actor);
  }
  const proposal: ProposalState = { outcome: input.outcome, reason: input.reason, set: normalised, recordVersions, by: actor.by, at: actor.at };
  addStep(db, caseId, actor, 'propose', 'investigating', 'proposed', input.reason, { outcome: input.outcome, set: normalised });
  return save(db, c, actor, { state: 'proposed', proposal });
}

/** An approver sends the proposal back with a reason; the case is 核查中 again. */
export function returnProposal(db: SqliteDatabase, caseId: number, reason: string, actor: Actor): CaseRow {
  const c = getCase(db, caseId);
  requireState(c, ['proposed'], '退回');
  assertMayApprove(db, c, actor.by);
  addStep(db, caseId, actor, 'return', 'proposed', 'investigating', reason, { proposal: c.proposal });
  return save(db, c, actor, { state: 'investigating', proposal: null });
}

function assertMayApprove(db: SqliteDatabase, c: CaseRow, login: string): void {
  if (c.proposal?.by === login) throw new CoreError('FORBIDDEN', `处理意见由您本人提出，须由另一位未经办本案的审核人批准（${c.caseNo}）。`);
  if (caseHandlers(db, c.id).includes(login)) throw new CoreError('FORBIDDEN', `您经办过本案（${c.caseNo}），须由另一位未经办本案的审核人批准。`);
}

/**
 * Four eyes: an approver who did not handle the case decides. The outcome takes
 * effect on the records in the same transaction: 更正 → a new version (the case
 * number its reason) and `update`; 撤销 → withdrawn and `withdraw`; 同意修复 →
 * 已修复 and `end-publication`; an objection's marks are cleared (`clear-objection`).
 */
export function approveProposal(db: SqliteDatabase, caseId: number, actor: Actor): CaseRow {
  const c = getCase(db, caseId);
  requireState(c, ['proposed'], '批准');
  assertMayApprove(db, c, actor.by);
  const proposal = c.proposal!;
  const recordIds = caseRecordIds(db, caseId);
  for (const id of recordIds) {
    const now = currentRecord(db, id).version;
    const then = proposal.recordVersions[String(id)];
    if (now !== then) {
      throw new CoreError('CONFLICT', `记录 ${id} 在拟处理之后又有改动（第 ${then} 版 → 第 ${now} 版）：请退回，按最新内容重新拟处理。`, { recordId: id });
    }
  }
  const reason = `${c.caseNo} ${OUTCOME_LABELS[proposal.outcome]}：${proposal.reason}`;
  const applied: Record<string, number> = {};
  for (const id of recordIds) {
    if (proposal.outcome === 'correct') {
      const set = Object.fromEntries(Object.entries(proposal.set).map(([k, v]) => [k, Array.isArray(v) ? v.join(';') : (v ?? '')]));
      const { compiled, values, publication } = correctedValues(db, id, set, actor.today);
      applied[id] = reviseRecord(db, compiled, id, values, { by: actor.by, at: actor.at, action: 'edit', reason, publication, caseDecision: c.caseNo }).version;
    } else if (proposal.outcome === 'revoke') {
      applied[id] = withdrawRecord(db, id, { by: actor.by, at: actor.at, reason, caseDecision: c.caseNo }).version;
    } else if (proposal.outcome === 'repair') {
      applied[id] = endPublicationByRepair(db, id, { by: actor.by, at: actor.at, reason }).version;
    }
  }
  addStep(db, caseId, actor, 'approve', 'proposed', 'decided', null, { outcome: proposal.outcome, recordVersions: applied });
  const next = save(db, c, actor, {
    state: 'decided',
    outcome: proposal.outcome,
    outcomeReason: proposal.reason,
    decidedOn: actor.today,
    decidedBy: actor.by,
  });
  if (c.kind === 'objection') for (const id of recordIds) clearObjection(db, id, actor.at);
  issue(db, caseId, c.kind === 'objection' ? 'objection-decision' : 'repair-decision', actor, { outcome: proposal.outcome });
  return next;
}

/** 已答复: who was told, how and when (not before the decision, not in the future). */
export function answerCase(db: SqliteDatabase, caseId: number, method: string, date: string | null, actor: Actor, servedTo: string | null = null): CaseRow {
  const c = getCase(db, caseId);
  requireState(c, ['decided'], '答复');
  const on = date ?? actor.today;
  requireDate(on, '答复日期', actor.today);
  if (c.decidedOn && on < c.decidedOn) throw new CoreError('BAD_INPUT', `答复日期（${on}）早于决定日期（${c.decidedOn}）。`);
  addStep(db, caseId, actor, 'answer', 'decided', 'answered', null, { method, on, to: servedTo ?? c.applicantName });
  // The decision letter's 送达 record is the answer.
  const decision = latestCaseLetter(db, caseId, ['objection-decision', 'repair-decision']);
  if (decision && !decision.service) recordService(db, decision.letterId, { method, on, to: servedTo ?? c.applicantName, note: null }, actor.by, actor.today);
  return save(db, c, actor, { state: 'answered', answeredOn: on, answerMethod: method });
}

/** Open cases (their clocks may run), oldest first. */
export function openCases(db: SqliteDatabase): CaseRow[] {
  return orm(db).select().from(cases).where(inArray(cases.state, OPEN_CASE_STATES)).orderBy(cases.id).all().map(parseCase);
}

/**
 * After a calendar year was installed: the due dates of open cases are
 * computed again on it (audited by the caller), each with a step when it moved.
 */
export function recomputeOpenDueDates(db: SqliteDatabase, actor: Actor): { caseId: number; before: string | null; after: string | null }[] {
  const rows = openCases(db);
  const moved: { caseId: number; before: string | null; after: string | null }[] = [];
  for (const c of rows) {
    const next = save(db, c, actor, { clock: c.clock });
    if (next.due !== c.due || JSON.stringify(next.dueCalendar) !== JSON.stringify(c.dueCalendar)) {
      addStep(db, c.id, actor, 'recompute', c.state, c.state, null, { dueBefore: c.due, due: next.due, calendar: next.dueCalendar });
      moved.push({ caseId: c.id, before: c.due, after: next.due });
    }
  }
  return moved;
}
