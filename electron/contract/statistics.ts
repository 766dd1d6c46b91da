/**
 * Contract types for statistics (统计), warnings (预警) and the monthly report
 * (月度报送情况). Every figure is defined in docs/statistics.md and computed by one
 * function in electron/core/statistics/, used by the 统计 page, the report and the CLI.
 */
import type { Role } from './roles';
import type { CaseKind } from './cases';

/** Who sees the figures: approvers (the department head) and auditors; clerks see their department's too. */
export const STATS_READERS: readonly Role[] = ['clerk', 'approver', 'auditor'];
/** Who sees the warnings on 工作台 (each links to what it is about, where the person may go). */
export const WARNING_READERS: readonly Role[] = ['clerk', 'approver', 'auditor', 'admin'];
/** Who may change the warnings' thresholds. */
export const WARNING_SETTERS: readonly Role[] = ['admin', 'approver'];

/** A calendar month, `YYYY-MM` (China Standard Time). */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Per category: counts of records (decided, unreported …) and of operations (reported, accepted …). */
export const RECORD_FIGURES = ['decided', 'reported', 'accepted', 'rejected', 'awaitingReceipt', 'late', 'unreported', 'overdueUnreported'] as const;
export type RecordFigure = (typeof RECORD_FIGURES)[number];

export const CASE_FIGURES = ['received', 'accepted', 'refused', 'decided', 'onTime', 'decidedLate', 'overdue'] as const;
export type CaseFigure = (typeof CASE_FIGURES)[number];

export interface CategoryFigures {
  /** The key `--category` takes (penalty, license …); `total` for the sum of all. */
  category: string;
  name: string;
  /** Records decided in the month (by decision date), as known at the month's end. */
  decided: number;
  /** Record operations in batches signed in the month (by signing date). */
  reported: number;
  /** Of those, accepted / rejected by the platform's receipts; the rest await a receipt. */
  accepted: number;
  rejected: number;
  awaitingReceipt: number;
  /** Of `reported`: first reports (add) of 双公示 records signed after their 7 working days. */
  late: number;
  /** Decided in the month and not in a signed batch at the month's end (or now, for the current month). */
  unreported: number;
  /** Of those, already past their 7 working days then. */
  overdueUnreported: number;
  /** accepted ÷ reported, 0–1; null when nothing was reported. */
  complianceRate: number | null;
  /** late ÷ reported, 0–1; null when nothing was reported. */
  lateRate: number | null;
}

export interface RejectionReason {
  code: string;
  message: string;
  count: number;
}

export interface CaseFigures {
  /** Received in the month (the day it arrived). */
  received: number;
  /** Taken up (受理) in the month. */
  accepted: number;
  /** Refused (不予受理) in the month. */
  refused: number;
  /** Decided (the approver's approval) in the month. */
  decided: number;
  /** Of those, decided on or before their due date. */
  onTime: number;
  decidedLate: number;
  /** Open at the month's end (or now) and past their due date. */
  overdue: number;
  /** Working days the decided cases' clocks ran (pauses for 补正 not counted). */
  daysToDecide: { median: number | null; max: number | null };
  /** Outcomes of the cases decided in the month: correct, revoke, maintain, repair, deny. */
  outcomes: Record<string, number>;
}

export interface CheckFigures {
  /** Credit checks made in the month. */
  checks: number;
  /** Of those, checks that found something. */
  hits: number;
  /** Sanction feedback recorded in the month. */
  feedback: number;
}

export const WARNING_KINDS = [
  'records-due-soon',
  'records-overdue',
  'rejection-rate',
  'cases-due-soon',
  'cases-overdue',
  'list-stale',
  'backup-stale',
  'key-sheet-missing',
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

/** Where a warning leads: a page of the app with its filter. */
export type WarningLink =
  /** `category`: the tab to open first (the list's tabs count every category). */
  | { page: 'records'; category?: string; timeliness?: 'soon' | 'overdue'; statistic?: RecordStatisticFilter }
  | { page: 'cases'; kind?: CaseKind; dueWithin?: number; overdue?: boolean }
  | { page: 'lists' }
  | { page: 'backup' }
  | { page: 'keys'; login?: string };

export interface WarningView {
  kind: WarningKind;
  count: number;
  /** In words, with the threshold that applies (中文). */
  message: string;
  link: WarningLink;
  /** What it is about, briefly (up to 10): records, cases, lists, people. */
  items: { label: string; detail?: string }[];
}

export interface WarningSettings {
  /** Records due within this many working days (0 = due today). */
  recordsDueWithinWorkingDays: number;
  /** Cases due within this many working days. */
  casesDueWithinWorkingDays: number;
  /** The month's rejection rate above the last three months' by more than this many percentage points. */
  rejectionRiseMargin: number;
  /** … once at least this many operations of the month have a receipt. */
  rejectionMinAnswered: number;
  /** A shared list whose current version is older than this many days. */
  listMaxAgeDays: number;
  /** No backup for more than this many days. */
  backupMaxAgeDays: number;
}

export interface MonthFigures {
  month: string;
  /** Figures count events before this instant: the month's end, or now while the month runs. */
  asOf: string;
  /** The month has ended: every figure but the receipts' is fixed. */
  complete: boolean;
  categories: CategoryFigures[];
  total: CategoryFigures;
  rejectionReasons: RejectionReason[];
  cases: Record<CaseKind, CaseFigures>;
  checks: CheckFigures;
  /** Calendar versions the 7-working-day limits rest on; estimated when a year without data was crossed. */
  calendar: { versions: string[]; estimated: boolean };
}

export interface MonthReport extends MonthFigures {
  department: { name: string; uscc: string };
  /** The warnings at the time the report is made (not the month's). */
  warnings: WarningView[];
  generatedAt: string;
}

/** A month of the trend: the reporting figures (operations), not the decisions. */
export type TrendFigures = Pick<CategoryFigures, 'category' | 'name' | 'reported' | 'accepted' | 'rejected' | 'awaitingReceipt' | 'late' | 'complianceRate' | 'lateRate'>;

/** A year's trend: each month's reporting figures per category (the 统计 page's lines and bars, the report's trend chart). */
export interface YearTrend {
  year: number;
  months: { month: string; complete: boolean; future: boolean; categories: TrendFigures[]; total: TrendFigures }[];
}

/** The records behind one figure (the records list's `statistic` filter). */
export interface RecordStatisticFilter {
  figure: RecordFigure;
  month: string;
  category?: string;
}

/** The cases behind one figure (the case list's `statistic` filter). */
export interface CaseStatisticFilter {
  figure: CaseFigure;
  month: string;
  kind: CaseKind;
}
