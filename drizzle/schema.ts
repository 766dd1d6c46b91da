/**
 * The department database's tables. Migrations under drizzle/migrations are
 * generated from this file by `npm run db:generate` (drizzle-kit) and committed;
 * the core applies them in code when it opens a database.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { BatchStateName } from '../electron/contract/batches';
import type { CaseChannel, CaseOutcome, CaseState } from '../electron/contract/cases';
import type { Matter } from '../electron/contract/checks';
import type { LetterKind } from '../electron/contract/letters';
import type { PrintState } from '../electron/contract/print';
import type { AttachmentType } from '../electron/core/cases/attachments';
import type { RepairClass } from '../electron/core/cases/rules';
import type { RecordState } from '../electron/core/records/states';

/** The one department this database belongs to (a single row, id = 1). */
export const department = sqliteTable('department', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  uscc: text('uscc').notNull(),
  regionCode: text('region_code').notNull(),
  contactPerson: text('contact_person').notNull().default(''),
  contactPhone: text('contact_phone').notNull().default(''),
  /** 机关代字 for 发文字号 (e.g. 栾市监); empty: the department's name. */
  shortName: text('short_name').notNull().default(''),
  /** Where a letter's addressee may seek 行政复议 (e.g. 石家庄市栾城区人民政府) and 行政诉讼. */
  reconsiderationBody: text('reconsideration_body').notNull().default(''),
  court: text('court').notNull().default(''),
  /** 发文字号 patterns per letter kind, JSON {kind: "栾市监信复〔{year}〕{n}号"}; missing kinds use the default. */
  docNoPatterns: text('doc_no_patterns').notNull().default('{}'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** People who may log in. Never deleted: disabling is a state. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  login: text('login').notNull().unique(),
  name: text('name').notNull(),
  /** JSON array of roles, e.g. ["clerk","approver"]. */
  roles: text('roles').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by'),
  disabledAt: text('disabled_at'),
  disabledBy: text('disabled_by'),
  /** Why the administrator disabled the account (asked when disabling). */
  disabledReason: text('disabled_reason'),
  passwordChangedAt: text('password_changed_at'),
  /** Set when an administrator set the password (reset, re-enable): the person must choose a new one at next login. */
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  lastLoginAt: text('last_login_at'),
});

/** Department-wide settings as key → JSON value. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

/**
 * Append-only, hash-chained audit trail. Triggers (in the migration) refuse
 * UPDATE and DELETE; `hash` = SHA-256 over the previous hash and this entry.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actor: text('actor'),
    method: text('method').notNull(),
    target: text('target'),
    outcome: text('outcome', { enum: ['ok', 'error', 'denied'] }).notNull(),
    detail: text('detail').notNull().default(sql`'null'`),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_actor').on(t.actor)],
);

// --- credit records ----------------------------------------------------------------

/**
 * The subjects records are about: one per 统一社会信用代码, or per ID number for a
 * person; a subject with neither is keyed by its normalised name.
 */
export const subjects = sqliteTable(
  'subjects',
  {
    id: integer('id').primaryKey(),
    /** 法人及非法人组织 · 自然人 · 个体工商户 */
    kind: text('kind').notNull(),
    codeType: text('code_type', { enum: ['uscc', 'id', 'name'] }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('subjects_code').on(t.codeType, t.code)],
);

/** A record arrived with a known code but another name: flagged, never silently merged. */
export const subjectNameConflicts = sqliteTable(
  'subject_name_conflicts',
  {
    id: integer('id').primaryKey(),
    subjectId: integer('subject_id').notNull().references(() => subjects.id),
    recordId: integer('record_id').notNull(),
    name: text('name').notNull(),
    detectedAt: text('detected_at').notNull(),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
    resolution: text('resolution'),
  },
  (t) => [index('subject_name_conflicts_subject').on(t.subjectId)],
);

/** A subject's earlier names: a name conflict settled as a renaming keeps the old name here. Never changed. */
export const subjectFormerNames = sqliteTable(
  'subject_former_names',
  {
    id: integer('id').primaryKey(),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => subjects.id),
    name: text('name').notNull(),
    /** When it stopped being the subject's name. */
    until: text('until').notNull(),
    changedBy: text('changed_by').notNull(),
  },
  (t) => [index('subject_former_names_subject').on(t.subjectId)],
);

/**
 * One row per credit record: what lists and searches need. The field values
 * live in record_versions; `version` points at the current one.
 */
export const records = sqliteTable(
  'records',
  {
    id: integer('id').primaryKey(),
    category: text('category').notNull(),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => subjects.id),
    subjectName: text('subject_name').notNull(),
    /** 统一社会信用代码 or ID number, upper case; null when the subject has neither. */
    subjectCode: text('subject_code'),
    /**
     * subject_code is a person's ID number (the subject's code_type is 'id'): masked when shown,
     * so a code prefix longer than the masked form shows finds it by its whole number only.
     * Kept on the record so that a prefix search reads one index instead of every hit's subject.
     */
    personalCode: integer('personal_code', { mode: 'boolean' }).notNull().default(false),
    /** 决定书文号 or 许可编号 as written. */
    decisionNo: text('decision_no').notNull(),
    /** The same, normalised (brackets, widths, spaces): with category and subject, the duplicate key. */
    decisionKey: text('decision_key').notNull(),
    decisionDate: text('decision_date'),
    /** draft · pending · reported · accepted · rejected · published · expired · withdrawn */
    state: text('state').$type<RecordState>().notNull(),
    version: integer('version').notNull(),
    /** Publication clock (行政处罚): class, end, earliest repair, rule version — JSON. */
    publication: text('publication'),
    publicationEnds: text('publication_ends'),
    /** Open objection marks (异议中) on this record. */
    openMarks: integer('open_marks').notNull().default(0),
    /** The platform's reason when it rejected the record. */
    rejection: text('rejection'),
    /** A clerk's open request that an approver accept a failed identifier check, JSON {issues, note, by, at}. */
    overrideRequest: text('override_request'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [
    uniqueIndex('records_key').on(t.subjectId, t.category, t.decisionKey),
    index('records_subject_code').on(t.subjectCode),
    // A code prefix search: the codes a prefix may find (not personal ID numbers).
    index('records_public_code').on(t.subjectCode).where(sql`personal_code = 0`),
    index('records_decision_key').on(t.decisionKey),
    index('records_category_state').on(t.category, t.state),
    // The records list's default order: decision date, newest first.
    index('records_category_decision_date').on(t.category, t.decisionDate),
    // The approver's to-do list: the few records waiting for acceptance.
    index('records_override_request').on(t.id).where(sql`override_request IS NOT NULL`),
  ],
);

/**
 * Every version of every record: nothing is overwritten, nothing deleted.
 * (WITHOUT ROWID, added by hand in the migration: one b-tree keyed by record and version.)
 */
export const recordVersions = sqliteTable(
  'record_versions',
  {
    recordId: integer('record_id')
      .notNull()
      .references(() => records.id),
    version: integer('version').notNull(),
    /** All field values keyed by standard field code (CF_WSH …), JSON. */
    fields: text('fields').notNull(),
    /** Field-by-field changes against the previous version, JSON [{field, before, after}]. */
    diff: text('diff').notNull(),
    state: text('state').$type<RecordState>().notNull(),
    /** create · import · edit · state — what made this version. */
    action: text('action').notNull(),
    reason: text('reason'),
    /** Accepted identifier-check failure: {code, reason, by} JSON. */
    override: text('override'),
    at: text('at').notNull(),
    by: text('by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.version] })],
);

/**
 * Operations waiting for the platform: every reportable change makes one, in
 * the same transaction. Frozen into a batch by `batchId` when prepared.
 */
export const reportOps = sqliteTable(
  'report_ops',
  {
    id: integer('id').primaryKey(),
    recordId: integer('record_id')
      .notNull()
      .references(() => records.id),
    version: integer('version').notNull(),
    category: text('category').notNull(),
    /** add · update · withdraw · end-publication · mark-objection · repair */
    op: text('op').notNull(),
    createdAt: text('created_at').notNull(),
    batchId: integer('batch_id'),
  },
  (t) => [index('report_ops_batch').on(t.batchId, t.category), index('report_ops_record').on(t.recordId)],
);

/** Versioned rule tables (publication periods …) an administrator may update. */
export const ruleTables = sqliteTable(
  'rule_tables',
  {
    kind: text('kind').notNull(),
    version: text('version').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    body: text('body').notNull(),
    installedAt: text('installed_at').notNull(),
    installedBy: text('installed_by'),
  },
  (t) => [primaryKey({ columns: [t.kind, t.version] })],
);

// --- signed batches ---------------------------------------------------------------

/**
 * A batch: the operations frozen for one report to the platform. Prepared by a
 * clerk, approved (signed) or sent back by an approver, or cancelled. Once
 * approved, its manifest and signature never change.
 */
export const batches = sqliteTable(
  'batches',
  {
    id: integer('id').primaryKey(),
    sequence: integer('sequence').notNull(),
    /** prepared · approved · returned · cancelled */
    state: text('state').$type<BatchStateName>().notNull(),
    preparedAt: text('prepared_at').notNull(),
    preparedBy: text('prepared_by').notNull(),
    /** Counts per category and operation, JSON. */
    counts: text('counts').notNull(),
    operations: integer('operations').notNull(),
    decidedAt: text('decided_at'),
    decidedBy: text('decided_by'),
    /** Why it was sent back or cancelled. */
    reason: text('reason'),
    /** The exact bytes of manifest.json, once approved. */
    manifest: text('manifest'),
    /** SM3 of `manifest`, hex: the next batch's `previousManifestSm3`. */
    manifestSm3: text('manifest_sm3'),
    /** DER SM2 signature over `manifest`, base64. */
    signature: text('signature'),
    signingKeyId: integer('signing_key_id'),
    receiptAt: text('receipt_at'),
    receiptBy: text('receipt_by'),
    receiptSm3: text('receipt_sm3'),
  },
  // The migration makes this unique index partial: WHERE state IN ('prepared', 'approved').
  (t) => [uniqueIndex('batches_sequence').on(t.sequence)],
);

/** Each approver's SM2 key pairs; the private key wrapped by the approver's password. Never deleted. */
export const signingKeys = sqliteTable(
  'signing_keys',
  {
    id: integer('id').primaryKey(),
    login: text('login').notNull(),
    publicKey: text('public_key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    /** {kdf, iv, ct, tag} JSON: scrypt(password) → AES-256-GCM over the private key. */
    wrappedPrivateKey: text('wrapped_private_key').notNull(),
    createdAt: text('created_at').notNull(),
    retiredAt: text('retired_at'),
  },
  (t) => [index('signing_keys_login').on(t.login)],
);

/** The platform's answer for each operation of a batch. */
export const receiptResults = sqliteTable(
  'receipt_results',
  {
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id),
    opId: integer('op_id').notNull(),
    status: text('status', { enum: ['accepted', 'rejected'] }).notNull(),
    code: text('code'),
    message: text('message'),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.opId] })],
);

/**
 * The final .zip of an approved batch, built once at approval and written in the
 * same transaction: export copies it out (and checks its SHA-256) instead of
 * rebuilding every member. A batch approved by an older version has no row here
 * and is rebuilt. Triggers (in the migration) refuse UPDATE and DELETE, and refuse
 * chunks for an archive that is already complete.
 */
export const batchArchives = sqliteTable('batch_archives', {
  batchId: integer('batch_id')
    .primaryKey()
    .references(() => batches.id),
  /** Size of the whole archive in bytes. */
  size: integer('size').notNull(),
  /** SHA-256 (hex) of the whole archive. */
  sha256: text('sha256').notNull(),
  /** Whether the .xlsx members were written with cell styles (false since archives are stored). */
  xlsxStyles: integer('xlsx_styles', { mode: 'boolean' }).notNull(),
});

/**
 * The archive's bytes in chunks of 1 MiB, `seq` = 0, 1, 2 …: better-sqlite3 has no
 * incremental blob I/O, so chunks keep memory bounded when storing and exporting.
 * (WITHOUT ROWID, added by hand in the migration: one b-tree keyed by batch and seq.)
 */
export const batchArchiveChunks = sqliteTable(
  'batch_archive_chunks',
  {
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id),
    seq: integer('seq').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.seq] })],
);

/**
 * What a returned or cancelled batch held when it was released: its operations go
 * back to the queue (or give way to newer ones), so their batch_id no longer says
 * it; this copy keeps the batch's history readable. Written once, never changed.
 */
export const releasedBatchOps = sqliteTable(
  'released_batch_ops',
  {
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id),
    opId: integer('op_id').notNull(),
    recordId: integer('record_id')
      .notNull()
      .references(() => records.id),
    version: integer('version').notNull(),
    category: text('category').notNull(),
    op: text('op').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.opId] })],
);

// --- printing -----------------------------------------------------------------------

/**
 * Every print: what was printed, for whom, masked or not, its print number
 * (打印编号 P<year>-<seq>, consecutive per year) and the SM3 of the PDF bytes, so
 * whoever finds a paper copy can tell what it was and whether a PDF is exactly
 * it. A row is written `rendering` when its number is taken and completed once
 * (`done` or `failed`); triggers (in the migration) refuse deletes and any other
 * change.
 */
export const printLog = sqliteTable(
  'print_log',
  {
    id: integer('id').primaryKey(),
    printNo: text('print_no').notNull().unique(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** credit-file · batch-sheet · key-sheet · letter … */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** As audit targets are written: subject:12, batch:3, key:2. */
    target: text('target').notNull(),
    targetLabel: text('target_label').notNull(),
    masked: integer('masked', { mode: 'boolean' }).notNull(),
    unmaskReason: text('unmask_reason'),
    /** What shaped the document (e.g. withHistory), JSON. */
    options: text('options').notNull().default('{}'),
    /** rendering · done · failed */
    state: text('state').$type<PrintState>().notNull(),
    pages: integer('pages'),
    bytes: integer('bytes'),
    sm3: text('sm3'),
    /** Characters printed as boxes because no bundled font has them, JSON array. */
    missingGlyphs: text('missing_glyphs'),
    error: text('error'),
    printedBy: text('printed_by').notNull(),
    printedAt: text('printed_at').notNull(),
  },
  (t) => [uniqueIndex('print_log_year_seq').on(t.year, t.seq), index('print_log_target').on(t.target)],
);

// --- objection and repair cases (异议处理, 信用修复) ---------------------------------------

/**
 * One objection (异议) or credit-repair request (信用修复) about one or more
 * records. This row is the case as it stands now; every step that changed it is
 * a row of case_steps (never changed or deleted), so its history is complete.
 */
export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey(),
    /** YY-2026-0001 (异议) · XF-2026-0001 (修复): per kind and year of registration. */
    caseNo: text('case_no').notNull(),
    kind: text('kind', { enum: ['objection', 'repair'] }).notNull(),
    /** registered · investigating · proposed · decided · answered · refused */
    state: text('state').$type<CaseState>().notNull(),
    /** window · letter · platform · phone */
    channel: text('channel').$type<CaseChannel>().notNull(),
    /** The platform's reference when forwarded (平台转办). */
    platformRef: text('platform_ref'),
    applicantName: text('applicant_name').notNull(),
    applicantCode: text('applicant_code'),
    applicantContact: text('applicant_contact'),
    /** The day the request arrived (YYYY-MM-DD, China Standard Time); may precede registration. */
    received: text('received').notNull(),
    grounds: text('grounds').notNull(),
    /** The case rule table version the case uses (cases/rules.ts). */
    ruleVersion: text('rule_version').notNull(),
    /** Repairs: 轻微 · 一般 · 严重 · 失信名单 — which materials checklist applies. */
    repairClass: text('repair_class').$type<RepairClass>(),
    /** Repairs: the checklist as it applied at registration, JSON [{item, required}]. */
    materials: text('materials'),
    /** The working-day clock, JSON (cases/clock.ts). */
    clock: text('clock').notNull(),
    /** Current due date (null while the clock is paused); kept once decided. */
    due: text('due'),
    /** Calendar versions the due date rests on, JSON {versions, yearsWithoutData, estimated}. */
    dueCalendar: text('due_calendar'),
    acceptedOn: text('accepted_on'),
    /** The proposed outcome awaiting approval, JSON {outcome, reason, set, by, at, recordVersions}. */
    proposal: text('proposal'),
    /** correct · revoke · maintain · repair · deny, once decided. */
    outcome: text('outcome').$type<CaseOutcome>(),
    outcomeReason: text('outcome_reason'),
    refusalReason: text('refusal_reason'),
    decidedOn: text('decided_on'),
    decidedBy: text('decided_by'),
    answeredOn: text('answered_on'),
    answerMethod: text('answer_method'),
    registeredAt: text('registered_at').notNull(),
    registeredBy: text('registered_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    /** The legal-bases table version the case's letters cite (letters/bases.ts); null before it existed. */
    basisVersion: text('basis_version'),
  },
  (t) => [uniqueIndex('cases_case_no').on(t.caseNo), index('cases_kind_state').on(t.kind, t.state), index('cases_due').on(t.due)],
);

/** The records a case concerns, with the version each had when the case was registered. */
export const caseRecords = sqliteTable(
  'case_records',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    recordId: integer('record_id')
      .notNull()
      .references(() => records.id),
    versionAtRegistration: integer('version_at_registration').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.recordId] }), index('case_records_record').on(t.recordId)],
);

/** Every step of every case: who did what, when, and why. Append-only (triggers in the migration). */
export const caseSteps = sqliteTable(
  'case_steps',
  {
    id: integer('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    at: text('at').notNull(),
    by: text('by').notNull(),
    /** register · accept · refuse · attach · request-materials · extend · propose · approve · return · answer */
    action: text('action').notNull(),
    fromState: text('from_state').$type<CaseState>(),
    toState: text('to_state').$type<CaseState>().notNull(),
    reason: text('reason'),
    /** What else the step carried, JSON (the proposal, the item, the due date …). */
    detail: text('detail').notNull().default(sql`'{}'`),
  },
  (t) => [index('case_steps_case').on(t.caseId)],
);

/**
 * Files a case holds (the grounds' evidence, repair materials): PDF, JPEG, PNG or
 * OFD, checked by content, at most 20 MiB, inside the encrypted database. Never
 * changed or deleted (triggers in the migration).
 */
export const caseAttachments = sqliteTable(
  'case_attachments',
  {
    id: integer('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    /** The materials checklist entry it proves (信用修复申请表 …), or null for other evidence. */
    item: text('item'),
    fileName: text('file_name').notNull(),
    /** application/pdf · image/jpeg · image/png · application/ofd, as the content showed. */
    contentType: text('content_type').$type<AttachmentType>().notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull(),
  },
  (t) => [index('case_attachments_case').on(t.caseId)],
);

// --- letters (文书) ------------------------------------------------------------------------

/**
 * Every letter the department issued (受理通知书, 补正材料通知书, 决定书, 信用修复告知书 …),
 * with its 发文字号: numbered per kind and year without gaps when issued, never reused
 * (triggers refuse deletes and changes of the number). A reprint prints the same row.
 * How it was served (送达) is filled in later, once.
 */
export const letters = sqliteTable(
  'letters',
  {
    id: integer('id').primaryKey(),
    /** acceptance · refusal · materials · objection-decision · repair-decision · repair-notice */
    kind: text('kind').$type<LetterKind>().notNull(),
    caseId: integer('case_id').references(() => cases.id),
    /** The record a 信用修复告知书 is about. */
    recordId: integer('record_id').references(() => records.id),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    docNo: text('doc_no').notNull(),
    /** 成文日期 (YYYY-MM-DD, China Standard Time). */
    issuedOn: text('issued_on').notNull(),
    issuedAt: text('issued_at').notNull(),
    issuedBy: text('issued_by').notNull(),
    /** What the letter said when issued (missing items, the date to supply them by …), JSON. */
    detail: text('detail').notNull().default('{}'),
    /** 送达: 直接送达 · 邮寄送达 · 电子送达 · 留置送达 …; null until served. */
    servedMethod: text('served_method'),
    servedOn: text('served_on'),
    servedTo: text('served_to'),
    servedNote: text('served_note'),
    servedBy: text('served_by'),
  },
  (t) => [
    uniqueIndex('letters_kind_year_seq').on(t.kind, t.year, t.seq),
    uniqueIndex('letters_doc_no').on(t.docNo),
    index('letters_case').on(t.caseId),
    index('letters_record').on(t.recordId),
  ],
);

// --- shared lists and credit checks (信用核查) ---------------------------------------

/**
 * The platform's public keys an administrator has pinned: a shared list is imported
 * only when signed by one of them. Never deleted: unpinning is a state.
 */
export const listKeys = sqliteTable('list_keys', {
  id: integer('id').primaryKey(),
  /** Uncompressed SM2 point, hex (04‖X‖Y). */
  publicKey: text('public_key').notNull().unique(),
  fingerprint: text('fingerprint').notNull(),
  /** Whose key it is, as the administrator wrote it (e.g. 区信用信息共享平台 2026). */
  label: text('label').notNull(),
  pinnedAt: text('pinned_at').notNull(),
  pinnedBy: text('pinned_by').notNull(),
  unpinnedAt: text('unpinned_at'),
  unpinnedBy: text('unpinned_by'),
  unpinReason: text('unpin_reason'),
});

/** A shared list (名单) as the platform identifies it; its versions replace each other. */
export const sharedLists = sqliteTable('shared_lists', {
  id: integer('id').primaryKey(),
  /** The manifest's listId. */
  listId: text('list_id').notNull().unique(),
  name: text('name').notNull(),
  issuer: text('issuer').notNull(),
  listType: text('list_type').notNull(),
  /** The version checks use now (the newest imported). */
  currentVersionId: integer('current_version_id'),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Every imported version of a list, kept so a past check can be shown as it was:
 * the exact signed manifest, its signature and the key that signed it.
 */
export const sharedListVersions = sqliteTable(
  'shared_list_versions',
  {
    id: integer('id').primaryKey(),
    listRef: integer('list_ref')
      .notNull()
      .references(() => sharedLists.id),
    version: integer('version').notNull(),
    /** The list's date (manifest `date`, YYYY-MM-DD). */
    issuedOn: text('issued_on').notNull(),
    entryCount: integer('entry_count').notNull(),
    /** Entries without a code (found by name only): when none, a check skips that lookup. */
    codelessCount: integer('codeless_count').notNull().default(0),
    /** The exact bytes of manifest.json. */
    manifest: text('manifest').notNull(),
    manifestSm3: text('manifest_sm3').notNull(),
    /** DER SM2 signature over `manifest`, base64. */
    signature: text('signature').notNull(),
    keyId: integer('key_id')
      .notNull()
      .references(() => listKeys.id),
    fileName: text('file_name').notNull(),
    importedAt: text('imported_at').notNull(),
    importedBy: text('imported_by').notNull(),
  },
  (t) => [uniqueIndex('shared_list_versions_version').on(t.listRef, t.version)],
);

/**
 * The entries of every list version, each the exact JSON line of data/entries.jsonl
 * (so the member can be rebuilt and checked against the signed digest), with the
 * two keys a check looks up: the code (upper case, '' when none) and the name
 * normalised as search does.
 */
export const sharedListEntries = sqliteTable(
  'shared_list_entries',
  {
    id: integer('id').primaryKey(),
    versionId: integer('version_id')
      .notNull()
      .references(() => sharedListVersions.id),
    /** Line number in data/entries.jsonl, from 1. */
    line: integer('line').notNull(),
    code: text('code').notNull(),
    nameKey: text('name_key').notNull(),
    entry: text('entry').notNull(),
  },
  (t) => [
    index('shared_list_entries_code').on(t.code, t.versionId).where(sql`code <> ''`),
    index('shared_list_entries_name').on(t.nameKey, t.versionId),
  ],
);

/**
 * The check log (信用核查): who checked whom, for what matter, when, and what was
 * found, with the list versions checked. Looking people up is personal-data
 * processing: rows are never changed or deleted (triggers).
 */
export const creditChecks = sqliteTable(
  'credit_checks',
  {
    id: integer('id').primaryKey(),
    /** 核查编号, e.g. HC2026-000123. */
    checkNo: text('check_no').notNull().unique(),
    at: text('at').notNull(),
    by: text('by').notNull(),
    /** 行政许可 · 政府采购 · 财政资金 · 评优评先 · 招标投标 · 资质审核 · 其他 */
    matter: text('matter').$type<Matter>().notNull(),
    /** What was asked for, as typed (code, ID number or name). */
    query: text('query').notNull(),
    subjectName: text('subject_name'),
    /** Upper case; a personal ID number is masked when shown. */
    subjectCode: text('subject_code'),
    /** uscc · id · name: how the subject was identified. */
    subjectKind: text('subject_kind', { enum: ['uscc', 'id', 'name'] }).notNull(),
    clean: integer('clean', { mode: 'boolean' }).notNull(),
    hitCount: integer('hit_count').notNull(),
    /** The hits as found, JSON (list entries with their versions, own records). */
    hits: text('hits').notNull(),
    /** The list versions checked against, JSON [{listId, name, version, versionId}]. */
    versions: text('versions').notNull(),
    /** The file run this check belongs to (checks of many applicants). */
    runId: integer('run_id'),
    /** Row of the applicant in that file. */
    runRow: integer('run_row'),
  },
  (t) => [index('credit_checks_at').on(t.at), index('credit_checks_code').on(t.subjectCode), index('credit_checks_run').on(t.runId)],
);

/** A check of many applicants from one file. */
export const checkRuns = sqliteTable('check_runs', {
  id: integer('id').primaryKey(),
  at: text('at').notNull(),
  by: text('by').notNull(),
  matter: text('matter').notNull(),
  fileName: text('file_name').notNull(),
  total: integer('total').notNull(),
  withHits: integer('with_hits').notNull(),
  /** Rows that could not be checked (no name and no code), JSON [{row, message}]. */
  skipped: text('skipped').notNull(),
});

/**
 * 联合奖惩反馈: a measure applied (or an incentive granted) on the strength of a check.
 * Never changed or deleted; it travels to the platform as a `sanction-feedback` operation.
 */
export const checkFeedback = sqliteTable(
  'check_feedback',
  {
    id: integer('id').primaryKey(),
    checkId: integer('check_id')
      .notNull()
      .references(() => creditChecks.id),
    measure: text('measure').notNull(),
    note: text('note').notNull(),
    at: text('at').notNull(),
    by: text('by').notNull(),
  },
  (t) => [index('check_feedback_check').on(t.checkId)],
);

/**
 * Feedback waiting for (or sent to) the platform: one row per sending. Frozen into a
 * batch by `batchId` when prepared; a returned or cancelled batch keeps its rows
 * and the feedback is queued again as a new row, so the batch's history stays whole.
 */
export const feedbackOps = sqliteTable(
  'feedback_ops',
  {
    id: integer('id').primaryKey(),
    feedbackId: integer('feedback_id')
      .notNull()
      .references(() => checkFeedback.id),
    createdAt: text('created_at').notNull(),
    batchId: integer('batch_id'),
  },
  (t) => [index('feedback_ops_batch').on(t.batchId)],
);

/** The platform's answer for each sanction-feedback operation of a batch. */
export const feedbackReceipts = sqliteTable(
  'feedback_receipts',
  {
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id),
    opId: integer('op_id')
      .notNull()
      .references(() => feedbackOps.id),
    status: text('status', { enum: ['accepted', 'rejected'] }).notNull(),
    code: text('code'),
    message: text('message'),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.opId] })],
);

/**
 * What a person has typed into an open form and not yet saved (issue 19): one row per
 * person and form, replaced as they type, removed when the form is saved or discarded,
 * and gone after DRAFT_DAYS (drafts/service.ts). Only its own person reads it back.
 */
export const formDrafts = sqliteTable(
  'form_drafts',
  {
    login: text('login').notNull(),
    /** Which form: `record:new:penalty`, `record:edit:12:v3`, `check:one`, `user:add` … */
    form: text('form').notNull(),
    /** What the person would call it: 新增行政处罚, 更正 栾市监罚〔2026〕12号 … */
    title: text('title').notNull(),
    /** The form's values (JSON). */
    data: text('data').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.login, t.form] })],
);

// --- statistics (统计) -------------------------------------------------------------------

/**
 * Every change of a record's decision date, written by a trigger on `records` (in
 * the migration): a past month's figures count decisions by the date they had at
 * the month's end, so a later correction does not rewrite a report already filed.
 * Never changed or deleted. Databases from before it lack the changes made earlier.
 */
export const decisionDateChanges = sqliteTable(
  'decision_date_changes',
  {
    id: integer('id').primaryKey(),
    recordId: integer('record_id')
      .notNull()
      .references(() => records.id),
    /** When the change was saved (the record's updated_at). */
    at: text('at').notNull(),
    before: text('before'),
    after: text('after'),
  },
  (t) => [index('decision_date_changes_record').on(t.recordId, t.at), index('decision_date_changes_at').on(t.at)],
);
