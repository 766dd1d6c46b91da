/**
 * Publication clock for 行政处罚 (domain.md §4): the class 轻微/一般/严重 derived
 * from the decision by a rule table, overridable with a reason; the 公示截止期
 * (maximum period) and the earliest repair date (minimum period). Every result
 * carries the rule table version it used.
 */
import { getCompiledCategory } from './registry';
import {
  PENALTY_CLASSES,
  getRuleTable,
  ruleTableInForce,
  type PenaltyClass,
  type PenaltyPublicationRuleTable,
} from './publication-rules';
import type { RecordValues, SubjectType } from './types';
import { decimalToUnits, Fail, parseDateString } from './values';
import { todayYmd } from './validate';

export interface PenaltyDecision {
  /** `YYYY-MM-DD`. */
  decisionDate: string;
  /** Today's 处罚类别 names (as validateRecord returns them). */
  kinds: string[];
  /** Fine in 万元, a normalised decimal string (as validateRecord returns it). */
  fineWanYuan?: string | null;
  subjectType?: SubjectType | null;
  /** A special field (rule table `specialFields[].key`) with a longer minimum, e.g. `fire-safety`. */
  specialField?: string | null;
  /** When the legal duty was fulfilled (fine paid …); repair is never earlier. */
  dutyFulfilledOn?: string | null;
  /** An approver's class, replacing the derived one; the reason is required. */
  override?: { class: PenaltyClass; reason: string } | null;
}

export interface TableChoice {
  /** A rule table version id; default: the table in force on `asOf`. */
  ruleVersion?: string;
  /** Default today. */
  asOf?: string;
  /** Build the `reasons` lines (default true). Imports, which store the clock without them, say false. */
  explain?: boolean;
}

export interface PenaltyClassification {
  class: PenaltyClass;
  /** The class the rules give before any override. */
  derivedClass: PenaltyClass;
  /** Why, in Chinese, one line per deciding fact. */
  reasons: string[];
  overrideReason?: string;
  ruleVersion: string;
}

export interface PublicationClock extends PenaltyClassification {
  /** Published at all in principle (轻微: no). */
  publishedByDefault: boolean;
  minMonths: number;
  maxMonths: number;
  /** 公示截止期: decision date + maximum period; publication stops automatically then. */
  publicationEnds: string;
  /** Decision date + minimum period. */
  minimumEnds: string;
  /** Earliest date credit repair may end publication: the minimum, and never before the duty is fulfilled. */
  earliestRepair: string;
  specialField?: string;
}

const RANK: Record<PenaltyClass, number> = { 轻微: 0, 一般: 1, 严重: 2 };

function tableFor(choice: TableChoice = {}): PenaltyPublicationRuleTable {
  return choice.ruleVersion ? getRuleTable(choice.ruleVersion) : ruleTableInForce(choice.asOf ?? todayYmd());
}

function yuan(units: number): string {
  // units are 10^-6 万元 = 0.01 yuan
  const s = (units / 100).toFixed(2);
  return s.endsWith('.00') ? s.slice(0, -3) : s.replace(/0$/, '');
}

function ymd(s: string, what: string): string {
  const r = parseDateString(s);
  if (r instanceof Fail) throw new Error(`${what}不是有效日期：${s}`);
  return r;
}

/**
 * `date` + `months` calendar months, as dayjs counts them: the day is kept, or
 * clamped to the month's last day (2025-01-31 + 1 month = 2025-02-28). Plain
 * arithmetic: this runs for every imported penalty.
 */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12; // 0-based
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Class of a decision under a rule table; the most severe 处罚类别 decides. */
export function classifyPenalty(decision: PenaltyDecision, choice: TableChoice = {}): PenaltyClassification {
  const table = tableFor(choice);
  const rules = table.classification;
  const reasons: string[] = [];
  const state: { cls: PenaltyClass | null } = { cls: null };
  const explain = choice.explain ?? true;
  // The reason is a function: its text is built only when explaining.
  const raise = (c: PenaltyClass, reason: () => string) => {
    if (state.cls === null || RANK[c] > RANK[state.cls]) state.cls = c;
    if (explain) reasons.push(`${reason()} → ${c}`);
  };

  const subject = decision.subjectType ?? null;
  for (const kind of decision.kinds) {
    const base = kind.startsWith('其他-') ? '其他' : kind;
    if (rules.severeKinds.includes(base)) raise('严重', () => `处罚类别含“${kind}”`);
    else if (rules.minorKinds.includes(base)) raise('轻微', () => `处罚类别含“${kind}”`);
    else if (base === rules.fineKind) {
      const fine = decision.fineWanYuan;
      if (fine == null || fine === '') {
        raise(rules.defaultClass, () => '罚款金额未填写');
        continue;
      }
      const units = decimalToUnits(fine, 6);
      // Unknown subject type: the smallest 简易程序 limit and the smallest 严重 threshold.
      const minorMax = subject ? rules.minorFineMaxYuan[subject] : Math.min(...Object.values(rules.minorFineMaxYuan));
      const severeCandidates = subject ? [rules.severeFineMinYuan[subject]] : Object.values(rules.severeFineMinYuan);
      const severeMin = severeCandidates.filter((x): x is number => x !== null).reduce((a, b) => Math.min(a, b), Infinity);
      const who = subject ?? '类别未知';
      if (units <= minorMax * 100) raise('轻微', () => `罚款${yuan(units)}元，不超过简易程序限额${minorMax}元（${who}）`);
      else if (units >= severeMin * 100) raise('严重', () => `罚款${yuan(units)}元，达到${severeMin}元`);
      else raise(rules.defaultClass, () => `罚款${yuan(units)}元`);
    } else raise(rules.defaultClass, () => `处罚类别含“${kind}”`);
  }
  if (state.cls === null) raise(rules.defaultClass, () => '未填写处罚类别');
  const derived: PenaltyClass = state.cls ?? rules.defaultClass;

  if (decision.override) {
    const reason = decision.override.reason?.trim() ?? '';
    if (!reason) throw new Error('调整公示等级须填写理由');
    if (!PENALTY_CLASSES.includes(decision.override.class)) throw new Error(`未知的公示等级“${decision.override.class}”`);
    return {
      class: decision.override.class,
      derivedClass: derived,
      reasons: [...reasons, `人工调整为${decision.override.class}：${reason}`],
      overrideReason: reason,
      ruleVersion: table.version,
    };
  }
  return { class: derived, derivedClass: derived, reasons, ruleVersion: table.version };
}

/** Class, 公示截止期 and earliest repair date of a decision. */
export function computePublication(decision: PenaltyDecision, choice: TableChoice = {}): PublicationClock {
  const decided = ymd(decision.decisionDate, '处罚决定日期');
  // The table in force on the decision date (not today's): a decision keeps the rules it was made under.
  const table = choice.ruleVersion ? getRuleTable(choice.ruleVersion) : ruleTableInForce(decided);
  const classification = classifyPenalty(decision, { ruleVersion: table.version, explain: choice.explain });
  const periods = table.classes[classification.class];
  let minMonths = periods.minMonths;
  let maxMonths = periods.maxMonths;
  const reasons = [...classification.reasons];
  let special: string | undefined;
  if (decision.specialField) {
    const sf = table.specialFields.find((s) => s.key === decision.specialField || s.name === decision.specialField);
    if (!sf) throw new Error(`未知的特殊领域“${decision.specialField}”`);
    special = sf.key;
    if (sf.appliesTo.includes(classification.class) && sf.minMonths > minMonths) {
      minMonths = sf.minMonths;
      if (choice.explain ?? true) reasons.push(`${sf.name}领域最短公示${sf.minMonths}个月`);
    }
    if (maxMonths < minMonths) maxMonths = minMonths;
  }
  // 民法典 第二百零一条、第二百零二条: the period starts the day after the decision and its last
  // day is the 对应日 of the last month; repair may be asked for once it has ended, the day after.
  const minimumEnds = addMonths(decided, minMonths);
  let earliestRepair = minMonths === 0 ? minimumEnds : nextDay(minimumEnds);
  if (decision.dutyFulfilledOn) {
    const fulfilled = ymd(decision.dutyFulfilledOn, '履行日期');
    if (fulfilled > earliestRepair) earliestRepair = fulfilled;
  }
  // Built property by property: spreading here measured four times slower (it runs for every imported penalty).
  const clock: PublicationClock = {
    class: classification.class,
    derivedClass: classification.derivedClass,
    reasons,
    ruleVersion: classification.ruleVersion,
    publishedByDefault: periods.publishedByDefault,
    minMonths,
    maxMonths,
    publicationEnds: addMonths(decided, maxMonths),
    minimumEnds,
    earliestRepair,
  };
  if (classification.overrideReason !== undefined) clock.overrideReason = classification.overrideReason;
  if (special) clock.specialField = special;
  return clock;
}

/** 公示截止期 alone. */
export function publicationDeadline(decision: PenaltyDecision, choice: TableChoice = {}): { date: string; ruleVersion: string } {
  const r = computePublication(decision, choice);
  return { date: r.publicationEnds, ruleVersion: r.ruleVersion };
}

/** Earliest repair date alone. */
export function earliestRepairDate(decision: PenaltyDecision, choice: TableChoice = {}): { date: string; ruleVersion: string } {
  const r = computePublication(decision, choice);
  return { date: r.earliestRepair, ruleVersion: r.ruleVersion };
}

/**
 * The clock for a validated record of a category that has publication rules
 * (行政处罚), reading the fields its definition names. Null for categories
 * without publication rules or a record without a decision date.
 */
export function publicationForRecord(
  categoryKey: string,
  values: RecordValues,
  extra: Pick<PenaltyDecision, 'specialField' | 'dutyFulfilledOn' | 'override'> & TableChoice = {},
): PublicationClock | null {
  const def = getCompiledCategory(categoryKey).def;
  const p = def.publication;
  if (!p) return null;
  const date = values[def.decisionDateField];
  if (typeof date !== 'string') return null;
  const kinds = values[p.kindsField];
  const fine = p.fineField ? values[p.fineField] : null;
  const subjectType = values[def.subject.type];
  return computePublication(
    {
      decisionDate: date,
      kinds: Array.isArray(kinds) ? kinds : typeof kinds === 'string' ? [kinds] : [],
      fineWanYuan: typeof fine === 'string' ? fine : null,
      subjectType: typeof subjectType === 'string' ? (subjectType as SubjectType) : null,
      specialField: extra.specialField,
      dutyFulfilledOn: extra.dutyFulfilledOn,
      override: extra.override,
    },
    { ruleVersion: extra.ruleVersion, asOf: extra.asOf, explain: extra.explain },
  );
}
