/**
 * Contract types and code lists for shared lists (联合奖惩名单) and credit checks
 * (信用核查): the matters a check is made for, the kinds of list, the common
 * measures and where each applies. Plain data: the core and the window share it.
 */
import type { Role } from './roles';

/** Who may check subjects and record feedback: the people deciding licences, subsidies, awards. */
export const CHECKERS: readonly Role[] = ['clerk', 'approver'];
/** Who may read the check log (everybody's checks; a clerk sees their own). */
export const CHECK_LOG_READERS: readonly Role[] = ['clerk', 'approver', 'auditor'];

/** The matters a check is made for (核查事项). */
export const MATTERS = ['行政许可', '政府采购', '财政资金', '评优评先', '招标投标', '资质审核', '其他'] as const;
export type Matter = (typeof MATTERS)[number];

/** 联合惩戒 (a sanction list) or 联合激励 (an incentive list). */
export type ListEffect = 'sanction' | 'incentive';

/** The kinds of shared list (名单类型) a platform may send, and whether they sanction or reward. */
export const LIST_TYPES: readonly { name: string; effect: ListEffect }[] = [
  { name: '严重失信主体名单', effect: 'sanction' },
  { name: '失信被执行人', effect: 'sanction' },
  { name: '重大税收违法失信主体', effect: 'sanction' },
  { name: '政府采购严重违法失信行为记录名单', effect: 'sanction' },
  { name: '其他失信名单', effect: 'sanction' },
  { name: '守信激励名单', effect: 'incentive' },
  { name: '诚信典型名单', effect: 'incentive' },
  { name: '纳税信用A级纳税人', effect: 'incentive' },
];

/**
 * Common measures (联合奖惩措施) and the matters each applies to. A list entry may
 * name its measures with their matters; a measure named without matters applies
 * where this table says, and one this table does not know applies to every matter
 * (better shown than hidden).
 */
export const MEASURES: readonly { measure: string; effect: ListEffect; matters: readonly Matter[] }[] = [
  { measure: '不予受理', effect: 'sanction', matters: MATTERS },
  { measure: '从严审核', effect: 'sanction', matters: ['行政许可', '资质审核', '其他'] },
  { measure: '限制市场准入', effect: 'sanction', matters: ['行政许可'] },
  { measure: '限制参与政府采购', effect: 'sanction', matters: ['政府采购'] },
  { measure: '限制参与招标投标', effect: 'sanction', matters: ['招标投标'] },
  { measure: '限制申请财政资金', effect: 'sanction', matters: ['财政资金'] },
  { measure: '取消评优评先资格', effect: 'sanction', matters: ['评优评先'] },
  { measure: '限制取得相关资质', effect: 'sanction', matters: ['资质审核'] },
  { measure: '容缺受理', effect: 'incentive', matters: ['行政许可', '资质审核'] },
  { measure: '优先办理', effect: 'incentive', matters: ['行政许可', '资质审核', '其他'] },
  { measure: '优先安排财政资金', effect: 'incentive', matters: ['财政资金'] },
  { measure: '评优评先优先考虑', effect: 'incentive', matters: ['评优评先'] },
];

export interface PinnedKeyView {
  keyId: number;
  fingerprint: string;
  label: string;
  pem: string;
  pinnedAt: string;
  pinnedBy: string;
  unpinnedAt: string | null;
  unpinnedBy: string | null;
  unpinReason: string | null;
  active: boolean;
}

export interface ListVersionView {
  versionId: number;
  version: number;
  issuedOn: string;
  entryCount: number;
  manifestSm3: string;
  signerFingerprint: string;
  fileName: string;
  importedAt: string;
  importedBy: string;
  current: boolean;
}

export interface SharedListView {
  listId: string;
  name: string;
  issuer: string;
  listType: string;
  effect: ListEffect;
  current: ListVersionView | null;
  /** Newest first, the current one included. */
  versions: ListVersionView[];
}

export interface ListImportResult {
  listId: string;
  name: string;
  version: number;
  /** The version this one replaced, if any. */
  replaced: number | null;
  entryCount: number;
  signerFingerprint: string;
  tookMs: number;
}

/** One measure of a hit: applies to the matter checked for, or not. */
export interface HitMeasure {
  measure: string;
  applies: boolean;
}

export interface CheckHit {
  /** `list`: a shared list from the platform; `records`: the department's own records. */
  source: 'list' | 'records';
  /** The list's name, or the record category's name. */
  list: string;
  /** The list's id (source list) or the record category key (source records). */
  listId: string;
  /** The list version, or the record version. */
  version: number;
  /** `notice`: nothing to apply, but the decision-maker should know (an open objection). */
  effect: ListEffect | 'notice';
  listType: string;
  name: string;
  /** Masked when it is a personal ID number. */
  code: string | null;
  /** 认定依据 / the decision and its basis. */
  basis: string;
  listedOn: string | null;
  expires: string | null;
  /** How the subject was found: by its code, or (no code on one side) by its exact name. */
  matchedBy: 'code' | 'name';
  /** The measures that apply to the matter checked for. */
  measures: string[];
  /** The entry's other measures (for other matters). */
  otherMeasures: string[];
  /** Own records: which record, its decision number and state, and an open objection (异议处理中). */
  recordId?: number;
  decisionNo?: string;
  state?: string;
  disputed?: boolean;
}

export interface CheckedVersion {
  listId: string;
  name: string;
  version: number;
  issuedOn: string;
}

export interface FeedbackView {
  feedbackId: number;
  measure: string;
  note: string;
  at: string;
  by: string;
  /** Where it is on its way to the platform. */
  status: 'queued' | 'prepared' | 'sent' | 'accepted' | 'rejected';
  batchSequence: number | null;
  receipt: { code: string | null; message: string | null } | null;
}

export interface CheckResultView {
  checkNo: string;
  at: string;
  by: string;
  byName: string;
  matter: Matter;
  query: string;
  subject: { name: string | null; code: string | null; kind: 'uscc' | 'id' | 'name' };
  clean: boolean;
  hits: CheckHit[];
  /** The shared list versions this check was made against. */
  versions: CheckedVersion[];
  /** The department's own records were searched too. */
  ownRecords: true;
  feedback: FeedbackView[];
  runId: number | null;
}

export interface CheckSummaryView {
  checkNo: string;
  at: string;
  by: string;
  matter: Matter;
  subjectName: string | null;
  /** Masked when it is a personal ID number. */
  subjectCode: string | null;
  clean: boolean;
  hitCount: number;
  feedbackCount: number;
  runId: number | null;
}

export interface CheckRunSummary {
  runId: number;
  fileName: string;
  matter: Matter;
  total: number;
  clean: number;
  withHits: number;
  /** Rows without a name or code, not checked. */
  skipped: { row: number; message: string }[];
  firstCheckNo: string | null;
  lastCheckNo: string | null;
  versions: CheckedVersion[];
  tookMs: number;
}

/** A list hit shown where work happens (record entry, import, the subject page). */
export interface ListHitBrief {
  name: string;
  /** Masked when it is a personal ID number. */
  code: string | null;
  list: string;
  listId: string;
  version: number;
  effect: ListEffect;
  basis: string;
  listedOn: string | null;
  expires: string | null;
  measures: string[];
  matchedBy: 'code' | 'name';
  /** An entry whose 有效期 has passed (shown on the subject page, not a hit). */
  expired: boolean;
}

/** Subjects of an import found on shared lists. */
export interface ImportListHits {
  /** Records of the import whose subject is on a list (counted up to the end). */
  count: number;
  /** The first of them (at most 200), in row order. */
  items: { recordId: number; subjectName: string; code: string | null; hits: ListHitBrief[] }[];
}
