/** Contract types for credit records, subjects, import and export. */
import type { ImportListHits, ListHitBrief } from './checks';
import type { Role } from './roles';

export const RECORD_STATE_NAMES = ['draft', 'pending', 'reported', 'accepted', 'rejected', 'published', 'expired', 'withdrawn'] as const;
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
  createdAt: string;
  createdBy: string;
  updatedBy: string;
}

export interface RecordVersionView {
  version: number;
  state: RecordStateName;
  action: 'create' | 'import' | 'edit' | 'state';
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
  conflicts: { id: number; recordId: number; name: string; detectedAt: string }[];
  otherNames: string[];
}

export interface ImportRowError {
  row: number;
  field: string;
  code: string;
  message: string;
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
