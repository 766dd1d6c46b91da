/** Contract types for credit records, subjects, import and export. */
import type { ImportListHits, ListHitBrief } from './checks';
import type { Role } from './roles';

export const RECORD_STATE_NAMES = ['draft', 'pending', 'reported', 'accepted', 'rejected', 'published', 'expired', 'withdrawn', 'repaired'] as const;
export type RecordStateName = (typeof RECORD_STATE_NAMES)[number];

/** Who may read credit records (and their subjects); who may enter and correct them. */
export const RECORD_READERS: readonly Role[] = ['clerk', 'approver', 'archivist'];
export const RECORD_WRITERS: readonly Role[] = ['clerk', 'approver'];

export type FieldValue = string | string[] | null;
export type FieldValues = Record<string, FieldValue>;

export interface CatalogField {
  code: string;
  label: string;
  labelEn: string;
  kind: 'text' | 'date' | 'decimal' | 'code' | 'multi-code' | 'uscc' | 'idnumber';
  /** Code list key for `code` and `multi-code`. */
  codeList?: string;
  places?: number;
  unit?: string;
  /** always · never · conditional (with a Chinese description of when). */
  required: 'always' | 'never' | 'conditional';
  requiredWhen?: string;
  maxLength?: number;
  help?: string;
  personal: boolean;
  /** A new record's form fills this field with the department's name or 统一社会信用代码. */
  prefill?: 'department-name' | 'department-uscc';
}

export interface CatalogCodeList {
  key: string;
  name: string;
  items: { value: string; label: string; detail?: 'required' | 'optional' }[];
}

export interface CatalogCategory {
  key: string;
  name: string;
  nameEn: string;
  fields: CatalogField[];
  exportColumns: string[];
  decisionNumberField: string;
  decisionDateField: string;
  subject: { name: string; type: string; uscc: string; idType: string; idNumber: string };
  hasPublication: boolean;
  repairable: boolean;
}

export interface Catalog {
  categories: CatalogCategory[];
  codeLists: CatalogCodeList[];
}

export interface Issue {
  field: string;
  code: string;
  message: string;
  overridable?: boolean;
  overrideReason?: string;
}

export interface ValidationView {
  ok: boolean;
  values: FieldValues;
  errors: Issue[];
  warnings: Issue[];
  publication: PublicationView | null;
  /** The subject's entries on the platform's shared lists: shown, never blocking. */
  listHits?: ListHitBrief[];
}

export interface PublicationView {
  class: string;
  derivedClass: string;
  reasons: string[];
  overrideReason?: string;
  ruleVersion: string;
  publishedByDefault: boolean;
  publicationEnds: string;
  earliestRepair: string;
  /** The rule version's first day: a decision made before it used a table not yet in force (the product holds none older). */
  ruleEffectiveFrom?: string;
}

export interface RecordSummary {
  recordId: number;
  category: string;
  subjectId: number;
  subjectName: string;
  /** Masked when it is a personal ID number. */
  subjectCode: string | null;
  decisionNo: string;
  decisionDate: string | null;
  state: RecordStateName;
  version: number;
  publicationEnds: string | null;
  openMarks: number;
  updatedAt: string;
}

export interface RecordDetail extends RecordSummary {
  /** Current values; personal fields masked unless unmasked. */
  fields: FieldValues;
  masked: string[];
  publication: PublicationView | null;
  overrides: { field: string; code: string; reason: string; by: string; at: string }[];
  rejection: { code: string; message: string } | null;
  /** A clerk asked an approver to accept a failed identifier check (the record waits as a draft). */
  overrideRequest: OverrideRequest | null;
  createdAt: string;
  createdBy: string;
  updatedBy: string;
}

export interface RecordVersionView {
  version: number;
  state: RecordStateName;
  /** history: imported as already published on the platform (nothing was queued). */
  action: 'create' | 'import' | 'edit' | 'state' | 'history';
  reason: string | null;
  at: string;
  by: string;
  changes: { field: string; before: FieldValue; after: FieldValue }[];
}

export interface SearchResult {
  total: number;
  /** The total passed the counting cap: there are at least `total` matches. */
  totalCapped: boolean;
  tookMs: number;
  items: RecordSummary[];
  /** The sort asked for was not applied (too many hits to sort): newest entered first. */
  unsorted?: boolean;
}

/** Columns a record list can be sorted by. */
export const RECORD_SORT_KEYS = ['decisionDate', 'recordId', 'subjectName', 'publicationEnds', 'updatedAt'] as const;
export type RecordSortKey = (typeof RECORD_SORT_KEYS)[number];

/** A clerk's request that an approver accept an overridable error (a pilot 统一社会信用代码 …). */
export interface OverrideRequest {
  issues: { field: string; code: string; message: string }[];
  note: string;
  by: string;
  at: string;
}

/** A record waiting for an approver's acceptance (records.overrideRequests). */
export interface OverrideRequestItem extends RecordSummary {
  request: OverrideRequest;
}

/**
 * What happened to a record on its way to the platform, beside its versions
 * (records.events): put in a batch, the batch signed, sent back or cancelled,
 * the platform's answer.
 */
export interface RecordEvent {
  at: string;
  kind: 'batched' | 'approved' | 'returned' | 'cancelled' | 'accepted' | 'rejected';
  batchId: number;
  sequence: number;
  /** Which preparation of the batch number (a batch sent back is prepared again under its number). */
  attempt: number;
  publicId: string;
  /** The record version the operation carried. */
  version: number;
  op: string;
  /** Who did it (login); null for the platform's answer. */
  by: string | null;
  /** The batch's return or cancel reason; the platform's rule code and message. */
  reason: string | null;
  code: string | null;
}

export interface SubjectSummary {
  subjectId: number;
  kind: string;
  name: string;
  code: string | null;
  codeType: 'uscc' | 'id' | 'name';
  recordCount: number;
  openConflicts: number;
}

export interface SubjectDetail extends SubjectSummary {
  conflicts: { id: number; recordId: number; name: string; detectedAt: string; decisionNo: string; category: string }[];
  otherNames: string[];
  /** Names the subject had before a confirmed renaming, newest first. */
  formerNames: { name: string; until: string; by: string }[];
}

export interface ImportRowError {
  row: number;
  field: string;
  code: string;
  message: string;
}

/** One column of an import file, as the import reads it. */
export interface ImportColumnView {
  /** 0 = column A. */
  index: number;
  header: string;
  /**
   * field: one of today's fields · mapped: an older layout's column taken into today's field(s) ·
   * status: 当前状态 read for history imports · ignored: known, deliberately not imported ·
   * unknown: not a field of the category · repeated: a field already given by an earlier column.
   */
  status: 'field' | 'mapped' | 'status' | 'ignored' | 'unknown' | 'repeated';
  /** Today's field it fills (its code), when any. */
  field: string | null;
  /** What happens to it, in Chinese (where it goes, why it is ignored). */
  note: string | null;
}

/** A mapping rule (a value filled where a row has none), with what it did in an import. */
export interface ImportRuleView {
  /** The program's id (never shown: `name` says it in Chinese). */
  id: string;
  /** A short name: 按代码推定行政相对人类别 … */
  name: string;
  description: string;
  /** Imported rows it applied to (in a summary). */
  count?: number;
  /** For the subject-type rule: rows per inferred type. */
  outcomes?: Record<string, number>;
}

/** What an import will make of a file, decided from its header row before any record is read. */
export interface ImportPlanView {
  category: string;
  /** The template generation recognised: `penalty-current`, `penalty-2016` … with its Chinese name. */
  generation: { key: string; name: string };
  /** The header's row number (1 unless title rows come first). */
  headerRow: number;
  columns: ImportColumnView[];
  /** Required fields without a column; `rule` fills them (null: every row will be refused for it). */
  missing: { field: string; rule: string | null }[];
  rules: ImportRuleView[];
  /** The headers fit another category better: the import refuses with this message. */
  suggestion: { category: string; message: string } | null;
}

export interface ImportInspection extends ImportPlanView {
  fileName: string;
  format: 'xlsx' | 'xls' | 'csv';
}

export interface ImportSummary {
  importId: string;
  fileName: string;
  category: string;
  totalRows: number;
  imported: number;
  updated: number;
  duplicates: number;
  rejected: number;
  /** Every row error (a row may have several). */
  errors: ImportRowError[];
  unknownColumns: string[];
  /** all-or-nothing and some row was rejected: nothing was written. */
  rolledBack: boolean;
  tookMs: number;
  /** The template generation the file was read as. */
  generation: { key: string; name: string };
  /** Every column and where it went. */
  columns: ImportColumnView[];
  /** The mapping rules, each with the number of imported rows it applied to. */
  rules: ImportRuleView[];
  /** Rule id → imported rows it applied to (the rules with a count above zero). */
  inferred: Record<string, number>;
  /** Stored as history already published on the platform (`--already-reported`): nothing queued. */
  alreadyReported: boolean;
  /** History imports: records stored per state. */
  history: { accepted: number; expired: number; withdrawn: number } | null;
  /** Operations queued for the platform by this import. */
  queued: number;
  /** New records whose subject is on a shared list (absent when none is): shown, never blocking. */
  listHits?: ImportListHits;
}

export interface FilePayload {
  fileName: string;
  /** File content, base64. */
  content: string;
}

export interface RecordStats {
  byCategory: { category: string; state: RecordStateName; count: number }[];
  pendingOperations: number;
  openNameConflicts: number;
  subjects: number;
}
