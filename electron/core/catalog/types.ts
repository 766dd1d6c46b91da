/**
 * The credit-record catalogue, as data.
 *
 * A category (行政许可, 行政处罚, 红名单 …) is ONE plain object: its fields with
 * their standard codes and labels, types, required rules, code lists, cross-field
 * rules, export column order, which fields identify the subject and the decision,
 * and a reference to its publication rule table. The records store, importer,
 * exporter, form and batch exporter all read the same definition, so everything a
 * screen shows (labels, code lists, help) is data here, and everything except a
 * `custom` cross-field rule is JSON-serialisable (it can cross the worker/IPC
 * boundary as is).
 *
 * Facts: shared/reference/domain.md §2–§4.
 */

/** 行政相对人类别 (domain.md §1). */
export const SUBJECT_TYPES = ['法人及非法人组织', '自然人', '个体工商户'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

// ---------------------------------------------------------------------------
// Code lists

export interface CodeItem {
  /** What is stored and exported (today's name, or the platform's code such as `1`). */
  value: string;
  /** What people see, when it differs from `value` (e.g. value `1`, label `有效`). */
  label?: string;
  /** Other spellings accepted on input and mapped to `value`. */
  aliases?: string[];
  /**
   * The item takes a free-text detail, written `值-说明` (e.g. `其他-军官证`).
   * `required`: the bare value alone is an error (许可类别 其他 must name the kind).
   */
  detail?: 'required' | 'optional';
  /** An identifier check applied to the ID-number field when this ID type is chosen. */
  idCheck?: 'gb11643';
  help?: string;
}

/** Resolution of an older code by words found in the record's context fields. */
export interface LegacyResolveRule {
  /** A word looked for in the field's `legacyContext` fields (e.g. `吊销`). */
  contains: string;
  /** Today's value it resolves to. */
  to: string;
}

/**
 * A code used by older templates or platforms (e.g. 处罚类别 `5` 暂扣或吊销证照).
 * When `resolve` rules match, their targets are used (several may match);
 * otherwise `to` is used, with a warning if `warnWhenUnresolved`.
 */
export interface LegacyCode {
  code: string;
  /** The old name (shown in warnings; also accepted as input). */
  label: string;
  aliases?: string[];
  to: string[];
  resolve?: LegacyResolveRule[];
  warnWhenUnresolved?: boolean;
}

export interface CodeList {
  key: string;
  name: string;
  items: CodeItem[];
  legacy?: LegacyCode[];
  /** Where the list comes from (law, standard), shown in help. */
  source?: string;
}

// ---------------------------------------------------------------------------
// Fields

export type FieldType =
  | { kind: 'text' }
  | { kind: 'date' }
  /** A non-negative decimal with at most `places` decimals, normalised to a string. */
  | { kind: 'decimal'; places: number; unit?: string }
  | { kind: 'code'; codeList: string }
  /** One or more codes separated by `;` `；` or `、`; normalised to an array. */
  | { kind: 'multi-code'; codeList: string; legacyContext?: string[] }
  /** 统一社会信用代码 (GB 32100 incl. the embedded 组织机构代码). */
  | { kind: 'uscc' }
  /** An ID number whose check depends on the ID type held in `idTypeField`. */
  | { kind: 'idnumber'; idTypeField: string };

export type FieldKind = FieldType['kind'];

/**
 * A predicate over the record, as data. `subjectType` reads the category's
 * subject-type field; `is` compares a (normalised) code or text value; `has`
 * tests whether a multi-code field contains a value; `filled` tests presence.
 */
export type Condition =
  | { subjectType: SubjectType | SubjectType[] }
  | { field: string; is: string | string[] }
  | { field: string; has: string }
  | { field: string; filled: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** `when`: required only when the condition holds; `hint` overrides the generated Chinese wording of it. */
export type RequiredRule = 'always' | 'never' | { when: Condition; hint?: string };

export interface FieldDefinition {
  /** Standard field code, the column name used by platforms (e.g. `CF_WSH`). */
  code: string;
  label: string;
  labelEn: string;
  type: FieldType;
  required: RequiredRule;
  /** Maximum length in characters (UTF-16 code units; Chinese characters count as one). */
  maxLength?: number;
  help?: string;
  /** Other column headers accepted on import (besides the code and the label). */
  headerAliases?: string[];
  /** Personal data: shown masked unless a permitted user unmasks it. */
  personal?: boolean;
  /** When empty, take the value of this field instead (with a warning). */
  fillFrom?: string;
  /** Warn when a date lies after `options.today`. */
  warnIfFuture?: boolean;
  /**
   * A new record's form starts with the department's own name or code here (the
   * department is usually the deciding authority and the data source). Entry only:
   * imports and checks ignore it.
   */
  prefill?: 'department-name' | 'department-uscc';
}

// ---------------------------------------------------------------------------
// Cross-field rules

export type Severity = 'error' | 'warning';

export type CrossFieldRule =
  /** `to` ≥ `from` (both dates). The issue is reported on `to`. */
  | { kind: 'date-order'; from: string; to: string; severity?: Severity }
  /**
   * A 统一社会信用代码 starting with `prefix` must be filed with `subjectType`
   * (domain.md §1: a code beginning `92` is an 个体工商户). `converse`: what to
   * do when the subject type is `subjectType` but the code does not start so.
   */
  | { kind: 'uscc-prefix-subject-type'; usccField: string; prefix: string; subjectType: SubjectType; converse?: Severity }
  /** At least one of `fields` is filled (optionally only when `when` holds). */
  | { kind: 'one-of'; fields: string[]; when?: Condition; severity?: Severity; message?: string }
  /**
   * An amount written in a text field (“罚款人民币3700元” in 处罚内容) must be the amount
   * field's (罚款金额, in 万元): two fields that contradict each other. Reported on the
   * text field, naming both. Only a text that names exactly one amount is checked.
   */
  | { kind: 'amount-in-text'; text: string; amount: string; severity?: Severity }
  /** An escape hatch for rules data cannot express. Not serialisable. */
  | { kind: 'custom'; id: string; check: (values: RecordValues, ctx: CustomRuleContext) => CustomIssue[] | null };

export interface CustomRuleContext {
  category: CategoryDefinition;
  label(fieldCode: string): string;
}
export interface CustomIssue {
  field: string;
  code: string;
  message: string;
  severity?: Severity;
}

// ---------------------------------------------------------------------------
// Category

export interface SubjectFields {
  name: string;
  type: string;
  uscc: string;
  idType: string;
  idNumber: string;
}

export interface PersonFields {
  name: string;
  idType: string;
  idNumber: string;
}

/** Publication clock settings; `ruleTable` names a family in publication-rules.ts. */
export interface PublicationSettings {
  ruleTable: string;
  /** The multi-code field holding 处罚类别. */
  kindsField: string;
  /** The fine amount in 万元. */
  fineField?: string;
  /** Where the computed 公示截止期 is written. */
  deadlineField?: string;
}

export interface CategoryDefinition {
  key: string;
  name: string;
  nameEn: string;
  /** Short prefix of this category's field codes (e.g. `CF`), for templates and docs. */
  codePrefix: string;
  fields: FieldDefinition[];
  /** Category-specific code lists (registered with the category). */
  codeLists?: CodeList[];
  rules?: CrossFieldRule[];
  /** Standard column order for export and templates; defaults to field order. */
  exportColumns?: string[];
  /** The decision number (决定书文号 / 许可编号) used with the subject for duplicate detection. */
  decisionNumberField: string;
  decisionDateField: string;
  subject: SubjectFields;
  legalRepresentative?: PersonFields;
  /** Fields that say in one line what a record is (a credit file's listing): e.g. 处罚类别 and 处罚内容. */
  summaryFields?: string[];
  publication?: PublicationSettings;
  /** Credit repair applies to this category (行政处罚, 严重失信主体名单). */
  repairable?: boolean;
  /**
   * The deciding authority's name and 统一社会信用代码 fields: “谁认定、谁修复” — a case
   * about another authority's record is not decided here (cases/service.ts).
   */
  authority?: { name: string; code: string };
  /** 严重失信主体名单: the listing date and the removal condition (“列入满三年”) and date, for the earliest repair. */
  removal?: { listedOn: string; condition: string; date: string };
  help?: string;
}

// ---------------------------------------------------------------------------
// Validation

/** Normalised values: strings, arrays of today's code names for multi-codes, null when empty. */
export type RecordValue = string | string[] | null;
export type RecordValues = Record<string, RecordValue>;

export type IssueCode =
  | 'required'
  | 'too-long'
  | 'value-invalid'
  | 'date-invalid'
  | 'date-out-of-range'
  | 'date-order'
  | 'date-future'
  | 'decimal-invalid'
  | 'decimal-negative'
  | 'decimal-places'
  | 'code-unknown'
  | 'code-detail-required'
  | 'code-legacy-ambiguous'
  | 'uscc-format'
  | 'uscc-check'
  | 'uscc-subject-type'
  | 'idcard-format'
  | 'idcard-birth-date'
  | 'idcard-check'
  | 'one-of'
  | 'amount-in-text'
  | 'filled-from'
  | 'overridden'
  | (string & {});

export interface ValidationIssue {
  field: string;
  code: IssueCode;
  message: string;
  /** An approver may accept the record despite this error, with a recorded reason. */
  overridable?: boolean;
  /** On a warning: the error was accepted by an approver for this reason. */
  overrideReason?: string;
}

/** An approver's acceptance of one overridable error. */
export interface ValidationOverride {
  field: string;
  code: string;
  reason: string;
}

export interface ValidateOptions {
  /** Today, for future-date warnings and ID birth dates (default: now). `YYYY-MM-DD` or Date. */
  today?: string | Date;
  /**
   * How JS Date objects are read: `utc` (default; exceljs gives date cells as UTC
   * midnight) or `local` (a Date built from local calendar fields).
   */
  dateObjects?: 'utc' | 'local';
  /** `draft`: missing required values are warnings, not errors (a clerk keeping a draft). */
  mode?: 'strict' | 'draft';
  /** Overridable errors accepted by an approver become warnings carrying the reason. */
  overrides?: ValidationOverride[];
}

export interface ValidationResult {
  ok: boolean;
  values: RecordValues;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}
