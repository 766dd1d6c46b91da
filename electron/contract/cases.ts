/** Contract types for objection (异议) and credit-repair (信用修复) cases and the working-day calendar. */
import type { IssuedLetterView } from './letters';
import type { Role } from './roles';

export const CASE_KINDS = ['objection', 'repair'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** 已登记 → 核查中 → 拟处理 → 已决定 → 已答复; or 不予受理. */
export const CASE_STATES = ['registered', 'investigating', 'proposed', 'decided', 'answered', 'refused'] as const;
export type CaseState = (typeof CASE_STATES)[number];
/** States in which the case's clock runs and its records carry the 异议中 mark (objections). */
export const OPEN_CASE_STATES: readonly CaseState[] = ['registered', 'investigating', 'proposed'];

export const CASE_CHANNELS = ['window', 'letter', 'platform', 'phone'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/** 更正 · 撤销 · 维持 (objections); 同意修复 · 不予修复 (repairs). */
export const CASE_OUTCOMES = ['correct', 'revoke', 'maintain', 'repair', 'deny'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
export const OUTCOMES_BY_KIND: Record<CaseKind, readonly CaseOutcome[]> = {
  objection: ['correct', 'revoke', 'maintain'],
  repair: ['repair', 'deny'],
};

/** Who may read cases; who may work them (register, accept, attach, propose, answer …); who approves. */
export const CASE_READERS: readonly Role[] = ['clerk', 'approver', 'archivist'];
export const CASE_WORKERS: readonly Role[] = ['clerk', 'approver'];
export const CASE_APPROVERS: readonly Role[] = ['approver'];

/** Which calendar data a date rests on (calendar/working-days.ts). */
export interface CalendarUseView {
  versions: string[];
  yearsWithoutData: number[];
  /** The date counted weekends only in a year without calendar data: it may move. */
  estimated: boolean;
}

export interface CaseClockView {
  /** Working days allowed (rule + extension). */
  days: number;
  ruleDays: number;
  extensions: number;
  /** The day the clock runs from (not counted), or null while paused. */
  runningFrom: string | null;
  /** Paused (补正) since. */
  pausedSince: string | null;
  used: number;
}

export interface CaseSummary {
  caseId: number;
  caseNo: string;
  kind: CaseKind;
  state: CaseState;
  channel: CaseChannel;
  applicantName: string;
  /** Masked when it is a personal ID number. */
  applicantCode: string | null;
  received: string;
  acceptedOn: string | null;
  /** Due date: null while a repair's clock is paused. Kept after the decision. */
  due: string | null;
  dueCalendar: CalendarUseView | null;
  /** Working days from today to the due date (0 on it, negative after); null when closed or paused. */
  workingDaysLeft: number | null;
  overdue: boolean;
  /** Decided after the due date. */
  decidedLate: boolean;
  paused: boolean;
  ruleVersion: string;
  recordIds: number[];
  /** The first record's subject, for lists. */
  subjectName: string | null;
  outcome: CaseOutcome | null;
  registeredAt: string;
  registeredBy: string;
  updatedAt: string;
}

export interface CaseRecordView {
  recordId: number;
  category: string;
  subjectName: string;
  subjectCode: string | null;
  decisionNo: string;
  decisionDate: string | null;
  state: string;
  version: number;
  versionAtRegistration: number;
  openMarks: number;
  publication: { class: string; publicationEnds: string; earliestRepair: string; ruleVersion: string } | null;
}

export interface CaseStepView {
  seq: number;
  at: string;
  by: string;
  byName: string;
  action: string;
  fromState: CaseState | null;
  toState: CaseState;
  reason: string | null;
  detail: Record<string, unknown>;
}

export interface CaseAttachmentView {
  attachmentId: number;
  item: string | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  addedAt: string;
  addedBy: string;
}

export interface CaseMaterialView {
  item: string;
  required: boolean;
  received: boolean;
  /** The day it arrived, when known. */
  receivedOn: string | null;
  attachmentIds: number[];
}

export interface CaseProposalView {
  outcome: CaseOutcome;
  reason: string;
  /** 更正: field code → new value. */
  set: Record<string, string | string[] | null>;
  /** The same as field label → [before, after] per record, for reviewing. */
  changes: { recordId: number; field: string; label: string; before: string | null; after: string | null }[];
  by: string;
  at: string;
}

export interface CaseDetail extends CaseSummary {
  platformRef: string | null;
  applicantContact: string | null;
  grounds: string;
  repairClass: string | null;
  clock: CaseClockView;
  /** The rule's basis for the time limit, in Chinese. */
  clockBasis: string;
  extensionDays: number;
  extensionsAllowed: number;
  records: CaseRecordView[];
  steps: CaseStepView[];
  attachments: CaseAttachmentView[];
  materials: CaseMaterialView[] | null;
  proposal: CaseProposalView | null;
  outcomeReason: string | null;
  refusalReason: string | null;
  decidedOn: string | null;
  decidedBy: string | null;
  answeredOn: string | null;
  answerMethod: string | null;
  /** Logins who handled the case (registered, accepted, proposed …): none of them may approve. */
  handlers: string[];
  /** The letters the case issued, each with its 发文字号 and how it was served. */
  letters: IssuedLetterView[];
  /** The legal-bases table version its letters cite. */
  basisVersion: string | null;
}

export interface CaseListResult {
  total: number;
  items: CaseSummary[];
}

export interface CaseOverview {
  counts: { kind: CaseKind; state: CaseState; count: number }[];
  dueSoon: CaseSummary[];
  overdue: CaseSummary[];
  /** Cases waiting for an approver's decision. */
  awaitingApproval: number;
  dueSoonWorkingDays: number;
  today: string;
}

export interface CalendarYearView {
  year: number;
  /** null: the product has no calendar for this year (weekends only). */
  version: string | null;
  source: string | null;
  holidays: { name: string; from: string; to: string }[];
  workdays: { name: string; date: string }[];
  workingDays: number;
  /** Every version known for the year, oldest first. */
  versions: string[];
  installed: boolean;
}
