/**
 * The department database's tables. Migrations under drizzle/migrations are
 * generated from this file by `npm run db:generate` (drizzle-kit) and committed;
 * the core applies them in code when it opens a database.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** The one department this database belongs to (a single row, id = 1). */
export const department = sqliteTable('department', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  uscc: text('uscc').notNull(),
  regionCode: text('region_code').notNull(),
  contactPerson: text('contact_person').notNull().default(''),
  contactPhone: text('contact_phone').notNull().default(''),
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
    /** 决定书文号 or 许可编号 as written. */
    decisionNo: text('decision_no').notNull(),
    /** The same, normalised (brackets, widths, spaces): with category and subject, the duplicate key. */
    decisionKey: text('decision_key').notNull(),
    decisionDate: text('decision_date'),
    /** draft · pending · reported · accepted · rejected · published · expired · withdrawn */
    state: text('state').notNull(),
    version: integer('version').notNull(),
    /** Publication clock (行政处罚): class, end, earliest repair, rule version — JSON. */
    publication: text('publication'),
    publicationEnds: text('publication_ends'),
    /** Open objection marks (异议中) on this record. */
    openMarks: integer('open_marks').notNull().default(0),
    /** The platform's reason when it rejected the record. */
    rejection: text('rejection'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [
    uniqueIndex('records_key').on(t.subjectId, t.category, t.decisionKey),
    index('records_subject_code').on(t.subjectCode),
    index('records_decision_key').on(t.decisionKey),
    index('records_category_state').on(t.category, t.state),
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
    state: text('state').notNull(),
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
    state: text('state').notNull(),
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
