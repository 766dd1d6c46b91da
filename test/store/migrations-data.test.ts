/**
 * Each migration applied to a database that holds data, the way Signal Desktop tests
 * each schema version: the database is built at the version before the migration
 * (drizzle/migrations with a shortened journal), every table that exists then gets
 * representative rows (FIXTURES, written with the columns of the migration that created
 * the table), the migration runs through the core's runMigrations, and then every row
 * is still there with its values, added columns hold their defaults, the FTS indexes
 * find what they found, the hand-written triggers still refuse what they refuse, and
 * SQLite's integrity and foreign-key checks are clean.
 *
 * A new migration needs: its entry in MIGRATIONS (with any check of its own), rows in
 * FIXTURES for each table it creates, and a TRIGGERS entry for each trigger it adds.
 * The tests below fail until all three are there.
 */
import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditSync } from '../../electron/core/audit/log';
import { indexText, matchExpression } from '../../electron/core/search/grams';
import type { SqliteDatabase } from '../../electron/core/store/database';
import { readJournal, runMigrations } from '../../electron/core/store/migrate';
import { MIGRATIONS as MIGRATIONS_FOLDER } from './schema-db';

type Row = Record<string, string | number | Buffer | null>;

const AT = '2026-03-02T01:02:03.000Z';
const LATER = '2026-04-01T08:00:00.000Z';
const COMPANY = '石家庄市栾城区华康商贸有限公司';
const PERSON = '张三丰';

/**
 * Rows per table, by the migration that created the table (`since`: its index in the
 * journal), in an order the foreign keys accept. Columns added later by ALTER TABLE are
 * left out on purpose: the rows are what an older version of the app wrote.
 */
const FIXTURES: { since: number; table: string; rows: Row[] }[] = [
  // 0000_foundation
  {
    since: 0,
    table: 'department',
    rows: [
      {
        id: 1,
        name: '石家庄市栾城区市场监督管理局',
        uscc: '11130111MB0000000X',
        region_code: '130111',
        contact_person: '王五',
        contact_phone: '0311-85461234',
        created_at: AT,
        updated_at: AT,
      },
    ],
  },
  { since: 0, table: 'settings', rows: [{ key: 'retention', value: '{"years":5}', updated_at: AT, updated_by: 'admin' }] },
  {
    since: 0,
    table: 'users',
    rows: [
      { id: 1, login: 'admin', name: '管理员', roles: '["admin"]', active: 1, created_at: AT, created_by: null, password_changed_at: AT },
      { id: 2, login: 'li', name: '李四', roles: '["clerk","reviewer"]', active: 0, created_at: AT, created_by: 'admin', disabled_at: LATER, disabled_by: 'admin' },
    ],
  },
  // audit_log: written by the core's appendAudit below (the hash chain is part of the row).
  // 0001_records
  {
    since: 1,
    table: 'subjects',
    rows: [
      { id: 1, kind: 'legal', code_type: 'uscc', code: '91130111MA0CXXXX1K', name: COMPANY, created_at: AT, updated_at: AT },
      { id: 2, kind: 'natural', code_type: 'id', code: '130111199001011234', name: PERSON, created_at: AT, updated_at: AT },
    ],
  },
  {
    since: 1,
    table: 'records',
    rows: [
      {
        id: 1,
        category: 'penalty',
        subject_id: 1,
        subject_name: COMPANY,
        subject_code: '91130111MA0CXXXX1K',
        decision_no: '栾市监罚〔2026〕12号',
        decision_key: '栾市监罚202612号',
        decision_date: '2026-02-27',
        state: 'published',
        version: 2,
        publication: '{"from":"2026-03-02"}',
        publication_ends: '2029-03-02',
        open_marks: 0,
        rejection: null,
        created_at: AT,
        created_by: 'admin',
        updated_at: LATER,
        updated_by: 'admin',
      },
      {
        id: 2,
        category: 'license',
        subject_id: 2,
        subject_name: PERSON,
        subject_code: '130111199001011234',
        decision_no: '栾市监许〔2026〕3号',
        decision_key: '栾市监许20263号',
        decision_date: null,
        state: 'draft',
        version: 1,
        open_marks: 1,
        rejection: '{"reason":"缺少证件号码"}',
        created_at: AT,
        created_by: 'li',
        updated_at: AT,
        updated_by: 'li',
      },
    ],
  },
  {
    since: 1,
    table: 'record_versions',
    rows: [
      { record_id: 1, version: 1, fields: '{"处罚内容":"罚款"}', diff: '{}', state: 'draft', action: 'create', at: AT, by: 'admin' },
      {
        record_id: 1,
        version: 2,
        fields: '{"处罚内容":"罚款伍仟元"}',
        diff: '{"处罚内容":["罚款","罚款伍仟元"]}',
        state: 'published',
        action: 'correct',
        reason: '更正金额',
        override: '{"rule":"R12"}',
        at: LATER,
        by: 'admin',
      },
      { record_id: 2, version: 1, fields: '{}', diff: '{}', state: 'draft', action: 'create', at: AT, by: 'li' },
    ],
  },
  {
    since: 1,
    table: 'report_ops',
    rows: [
      { id: 1, record_id: 1, version: 1, category: 'penalty', op: 'add', created_at: AT, batch_id: 1 },
      { id: 2, record_id: 1, version: 2, category: 'penalty', op: 'update', created_at: LATER, batch_id: null },
    ],
  },
  {
    since: 1,
    table: 'rule_tables',
    rows: [{ kind: 'publication', version: '2025.1', effective_from: '2025-01-01', body: '{"penalty":{"years":3}}', installed_at: AT, installed_by: null }],
  },
  {
    since: 1,
    table: 'subject_name_conflicts',
    rows: [{ id: 1, subject_id: 1, record_id: 1, name: '华康商贸', detected_at: AT, resolved_at: LATER, resolved_by: 'admin', resolution: 'kept' }],
  },
  // 0002_batches
  {
    since: 2,
    table: 'signing_keys',
    rows: [{ id: 1, login: 'admin', public_key: '04ab', fingerprint: 'SM3:abcd', wrapped_private_key: 'wrapped', created_at: AT, retired_at: null }],
  },
  {
    since: 2,
    table: 'batches',
    rows: [
      {
        id: 1,
        sequence: 1,
        state: 'approved',
        prepared_at: AT,
        prepared_by: 'li',
        counts: '{"penalty":1}',
        operations: 1,
        decided_at: LATER,
        decided_by: 'admin',
        manifest: '{"ops":[1]}',
        manifest_sm3: 'aa',
        signature: 'sig',
        signing_key_id: 1,
      },
      { id: 2, sequence: 2, state: 'prepared', prepared_at: LATER, prepared_by: 'li', counts: '{"penalty":1}', operations: 1 },
      // A cancelled batch gave its sequence number back (the partial unique index).
      { id: 3, sequence: 2, state: 'cancelled', prepared_at: AT, prepared_by: 'li', counts: '{}', operations: 0, reason: '重做' },
    ],
  },
  { since: 2, table: 'receipt_results', rows: [{ batch_id: 1, op_id: 1, status: 'ok', code: '0', message: null }] },
  // 0003_batch_archives: the chunks first, then the row that seals them.
  {
    since: 3,
    table: 'batch_archive_chunks',
    rows: [
      { batch_id: 1, seq: 0, bytes: Buffer.from('PK\u0003\u0004 first chunk') },
      { batch_id: 1, seq: 1, bytes: Buffer.from([0, 1, 2, 255]) },
    ],
  },
  { since: 3, table: 'batch_archives', rows: [{ batch_id: 1, size: 24, sha256: 'e3b0c442', xlsx_styles: 1 }] },
  // 0004_released_batch_ops: a copy is written while its batch is still prepared.
  { since: 4, table: 'released_batch_ops', rows: [{ batch_id: 2, op_id: 2, record_id: 1, version: 2, category: 'penalty', op: 'update' }] },
  // 0005_print_log
  {
    since: 5,
    table: 'print_log',
    rows: [
      {
        id: 1,
        print_no: 'DY2026-000001',
        year: 2026,
        seq: 1,
        kind: 'record',
        title: '行政处罚信息',
        target: 'record:1',
        target_label: '栾市监罚〔2026〕12号',
        masked: 1,
        options: '{"copies":1}',
        state: 'done',
        pages: 2,
        bytes: 40960,
        sm3: 'bb',
        printed_by: 'admin',
        printed_at: AT,
      },
      {
        id: 2,
        print_no: 'DY2026-000002',
        year: 2026,
        seq: 2,
        kind: 'record',
        title: '行政许可信息',
        target: 'record:2',
        target_label: '栾市监许〔2026〕3号',
        masked: 0,
        unmask_reason: '当事人申请',
        state: 'rendering',
        printed_by: 'li',
        printed_at: LATER,
      },
    ],
  },
  // 0006_cases
  {
    since: 6,
    table: 'cases',
    rows: [
      {
        id: 1,
        case_no: 'XF2026-0001',
        kind: 'repair',
        state: 'accepted',
        channel: 'window',
        platform_ref: null,
        applicant_name: COMPANY,
        applicant_code: '91130111MA0CXXXX1K',
        applicant_contact: '13800000000',
        received: '2026-03-05',
        grounds: '已履行处罚决定',
        rule_version: '2025.1',
        repair_class: 'general',
        materials: '["承诺书"]',
        clock: '{"days":5}',
        due: '2026-03-12',
        due_calendar: 'cn-2026',
        accepted_on: '2026-03-06',
        registered_at: AT,
        registered_by: 'li',
        updated_at: LATER,
        updated_by: 'admin',
      },
    ],
  },
  { since: 6, table: 'case_records', rows: [{ case_id: 1, record_id: 1, version_at_registration: 2 }] },
  {
    since: 6,
    table: 'case_steps',
    rows: [
      { id: 1, case_id: 1, at: AT, by: 'li', action: 'register', from_state: null, to_state: 'registered', reason: null, detail: '{}' },
      { id: 2, case_id: 1, at: LATER, by: 'admin', action: 'accept', from_state: 'registered', to_state: 'accepted', reason: '材料齐全', detail: '{"due":"2026-03-12"}' },
    ],
  },
  {
    since: 6,
    table: 'case_attachments',
    rows: [
      {
        id: 1,
        case_id: 1,
        item: '承诺书',
        file_name: '承诺书.pdf',
        content_type: 'application/pdf',
        size: 8,
        sha256: 'cc',
        content: Buffer.from('%PDF-1.7'),
        added_at: AT,
        added_by: 'li',
      },
    ],
  },
  // 0007_credit_checks
  {
    since: 7,
    table: 'list_keys',
    rows: [
      { id: 1, public_key: '04cd', fingerprint: 'SM3:cdef', label: '省平台', pinned_at: AT, pinned_by: 'admin' },
      { id: 2, public_key: '04ef', fingerprint: 'SM3:efef', label: '旧密钥', pinned_at: AT, pinned_by: 'admin', unpinned_at: LATER, unpinned_by: 'admin', unpin_reason: '轮换' },
    ],
  },
  {
    since: 7,
    table: 'shared_lists',
    rows: [{ id: 1, list_id: 'HB-SXBZXR', name: '失信被执行人名单', issuer: '省法院', list_type: 'blacklist', current_version_id: 1, updated_at: AT }],
  },
  {
    since: 7,
    table: 'shared_list_versions',
    rows: [
      {
        id: 1,
        list_ref: 1,
        version: 7,
        issued_on: '2026-03-01',
        entry_count: 2,
        codeless_count: 1,
        manifest: '{}',
        manifest_sm3: 'dd',
        signature: 'sig',
        key_id: 1,
        file_name: 'list-v7.zip',
        imported_at: AT,
        imported_by: 'admin',
      },
    ],
  },
  {
    since: 7,
    table: 'shared_list_entries',
    rows: [
      { id: 1, version_id: 1, line: 1, code: '91130111MA0CXXXX1K', name_key: COMPANY, entry: `{"name":"${COMPANY}"}` },
      { id: 2, version_id: 1, line: 2, code: '', name_key: '张三丰', entry: '{"name":"张三丰"}' },
    ],
  },
  { since: 7, table: 'check_runs', rows: [{ id: 1, at: AT, by: 'li', matter: '评优评先', file_name: '名单.xlsx', total: 2, with_hits: 1, skipped: '[]' }] },
  {
    since: 7,
    table: 'credit_checks',
    rows: [
      {
        id: 1,
        check_no: 'HC2026-000001',
        at: AT,
        by: 'li',
        matter: '评优评先',
        query: '{"name":"华康商贸"}',
        subject_name: COMPANY,
        subject_code: '91130111MA0CXXXX1K',
        subject_kind: 'legal',
        clean: 0,
        hit_count: 1,
        hits: '[{"record":1}]',
        versions: '{"1":2}',
        run_id: 1,
        run_row: 1,
      },
      { id: 2, check_no: 'HC2026-000002', at: LATER, by: 'li', matter: '招投标', query: '{"code":"x"}', subject_kind: 'natural', clean: 1, hit_count: 0, hits: '[]', versions: '{}' },
    ],
  },
  { since: 7, table: 'check_feedback', rows: [{ id: 1, check_id: 1, measure: '取消评优资格', note: '已告知', at: LATER, by: 'li' }] },
  { since: 7, table: 'feedback_ops', rows: [{ id: 1, feedback_id: 1, created_at: LATER, batch_id: 1 }] },
  { since: 7, table: 'feedback_receipts', rows: [{ batch_id: 1, op_id: 1, status: 'ok', code: null, message: null }] },
  // 0008_everyday_use
  { since: 8, table: 'subject_former_names', rows: [{ id: 1, subject_id: 1, name: '石家庄华康商贸有限公司', until: '2025-12-31', changed_by: 'admin' }] },
  // 0009_trust adds columns only.
  // 0010_letters
  {
    since: 10,
    table: 'letters',
    rows: [
      {
        id: 1,
        kind: 'acceptance',
        case_id: 1,
        record_id: null,
        year: 2026,
        seq: 1,
        doc_no: '栾市监修受〔2026〕1号',
        issued_on: '2026-03-06',
        issued_at: AT,
        issued_by: 'admin',
        detail: '{}',
      },
      {
        id: 2,
        kind: 'notice',
        case_id: null,
        record_id: 1,
        year: 2026,
        seq: 1,
        doc_no: '栾市监告〔2026〕1号',
        issued_on: '2026-03-07',
        issued_at: LATER,
        issued_by: 'admin',
        detail: '{"to":"华康"}',
        served_method: 'post',
        served_on: '2026-03-09',
        served_to: COMPANY,
        served_note: null,
        served_by: 'li',
      },
    ],
  },
  // 0011_everyday2
  { since: 11, table: 'form_drafts', rows: [{ login: 'li', form: 'record.penalty', title: '未填完的处罚', data: '{"subject":"华康"}', updated_at: LATER }] },
  // 0012_stats
  { since: 12, table: 'decision_date_changes', rows: [{ id: 1, record_id: 1, at: LATER, before: '2026-02-26', after: '2026-02-27' }] },
];

/** Rows not in FIXTURES: the audit trail (hash-chained) and the FTS indexes (contentless). */
function writeSpecialRows(db: SqliteDatabase, since: number) {
  if (since === 0) {
    appendAudit(db, { at: AT, actor: 'admin', method: 'setup.initialize', target: 'department:11130111MB0000000X', outcome: 'ok' });
    appendAudit(db, { at: AT, actor: 'admin', method: 'users.create', target: 'user:li', outcome: 'ok', detail: { roles: ['clerk'] } });
    appendAudit(db, { at: LATER, actor: 'li', method: 'records.delete', target: 'record:1', outcome: 'denied', detail: { reason: '权限不足' } });
  }
  if (since === 1) {
    const index = (table: string, id: number, name: string) => db.prepare(`INSERT INTO ${table} (rowid, grams) VALUES (?, ?)`).run(id, indexText(name));
    index('record_search', 1, COMPANY);
    index('record_search', 2, PERSON);
    index('subject_search', 1, COMPANY);
    index('subject_search', 2, PERSON);
  }
}

/**
 * What each hand-written trigger still does after every later migration: refuses the
 * statement with its message, or (no `refused`) lets it through with the effect `then` checks.
 * Each runs inside a savepoint that is rolled back.
 */
const TRIGGERS: { trigger: string; since: number; sql: string; refused?: string; then?: (db: SqliteDatabase) => void }[] = [
  { trigger: 'audit_log_no_update', since: 0, sql: `UPDATE audit_log SET actor = 'x' WHERE seq = 2`, refused: 'audit_log is append-only' },
  { trigger: 'audit_log_no_delete', since: 0, sql: `DELETE FROM audit_log WHERE seq = 3`, refused: 'audit_log is append-only' },
  { trigger: 'record_versions_no_update', since: 1, sql: `UPDATE record_versions SET reason = 'x'`, refused: 'record versions are immutable' },
  { trigger: 'record_versions_no_delete', since: 1, sql: `DELETE FROM record_versions WHERE record_id = 2`, refused: 'record versions are immutable' },
  { trigger: 'records_no_delete', since: 1, sql: `DELETE FROM records WHERE id = 2`, refused: 'records are never deleted; withdraw them' },
  { trigger: 'batches_frozen', since: 2, sql: `UPDATE batches SET state = 'returned' WHERE id = 1`, refused: 'an approved batch never changes' },
  { trigger: 'receipt_results_no_update', since: 2, sql: `UPDATE receipt_results SET status = 'error'`, refused: 'receipt results are immutable' },
  {
    trigger: 'batch_archive_chunks_insert',
    since: 3,
    sql: `INSERT INTO batch_archive_chunks (batch_id, seq, bytes) VALUES (1, 2, x'00')`,
    refused: 'a batch archive is stored once, for an approved batch',
  },
  { trigger: 'batch_archive_chunks_no_update', since: 3, sql: `UPDATE batch_archive_chunks SET bytes = x'00'`, refused: 'a stored batch archive never changes' },
  { trigger: 'batch_archive_chunks_no_delete', since: 3, sql: `DELETE FROM batch_archive_chunks`, refused: 'a stored batch archive never changes' },
  {
    trigger: 'batch_archives_insert',
    since: 3,
    sql: `INSERT INTO batch_archives (batch_id, size, sha256, xlsx_styles) VALUES (2, 1, 'x', 0)`,
    refused: 'a batch archive is stored once, for an approved batch',
  },
  { trigger: 'batch_archives_no_update', since: 3, sql: `UPDATE batch_archives SET size = 0`, refused: 'a stored batch archive never changes' },
  { trigger: 'batch_archives_no_delete', since: 3, sql: `DELETE FROM batch_archives`, refused: 'a stored batch archive never changes' },
  {
    trigger: 'released_batch_ops_insert',
    since: 4,
    sql: `INSERT INTO released_batch_ops (batch_id, op_id, record_id, version, category, op) VALUES (1, 1, 1, 1, 'penalty', 'add')`,
    refused: 'only a prepared batch being returned or cancelled keeps a copy of its operations',
  },
  { trigger: 'released_batch_ops_no_update', since: 4, sql: `UPDATE released_batch_ops SET op = 'add'`, refused: 'the operations of a released batch never change' },
  { trigger: 'released_batch_ops_no_delete', since: 4, sql: `DELETE FROM released_batch_ops`, refused: 'the operations of a released batch never change' },
  { trigger: 'print_log_no_delete', since: 5, sql: `DELETE FROM print_log WHERE id = 2`, refused: 'the print log is append-only' },
  { trigger: 'print_log_complete_once', since: 5, sql: `UPDATE print_log SET state = 'failed' WHERE id = 1`, refused: 'a print is completed once and never changed' },
  {
    trigger: 'print_log_complete_once',
    since: 5,
    sql: `UPDATE print_log SET state = 'done', pages = 1 WHERE id = 2`,
    then: (db) => expect(db.prepare(`SELECT state, pages FROM print_log WHERE id = 2`).get()).toEqual({ state: 'done', pages: 1 }),
  },
  { trigger: 'case_steps_no_update', since: 6, sql: `UPDATE case_steps SET reason = 'x'`, refused: 'case steps are never changed' },
  { trigger: 'case_steps_no_delete', since: 6, sql: `DELETE FROM case_steps`, refused: 'case steps are never deleted' },
  { trigger: 'case_attachments_no_update', since: 6, sql: `UPDATE case_attachments SET item = 'x'`, refused: 'case attachments are never changed' },
  { trigger: 'case_attachments_no_delete', since: 6, sql: `DELETE FROM case_attachments`, refused: 'case attachments are never deleted' },
  { trigger: 'case_records_no_update', since: 6, sql: `UPDATE case_records SET version_at_registration = 1`, refused: 'the records of a case are never changed' },
  { trigger: 'case_records_no_delete', since: 6, sql: `DELETE FROM case_records`, refused: 'the records of a case are never changed' },
  { trigger: 'cases_no_delete', since: 6, sql: `DELETE FROM cases`, refused: 'cases are never deleted' },
  { trigger: 'shared_list_versions_no_update', since: 7, sql: `UPDATE shared_list_versions SET entry_count = 0`, refused: 'an imported list version never changes' },
  { trigger: 'shared_list_versions_no_delete', since: 7, sql: `DELETE FROM shared_list_versions`, refused: 'an imported list version never changes' },
  { trigger: 'shared_list_entries_no_update', since: 7, sql: `UPDATE shared_list_entries SET code = 'x'`, refused: 'list entries never change' },
  { trigger: 'shared_list_entries_no_delete', since: 7, sql: `DELETE FROM shared_list_entries`, refused: 'list entries never change' },
  { trigger: 'shared_lists_no_delete', since: 7, sql: `DELETE FROM shared_lists`, refused: 'shared lists are never deleted' },
  { trigger: 'list_keys_no_delete', since: 7, sql: `DELETE FROM list_keys WHERE id = 2`, refused: 'pinned keys are never deleted' },
  { trigger: 'list_keys_update', since: 7, sql: `UPDATE list_keys SET unpinned_at = NULL WHERE id = 2`, refused: 'a pinned key is only ever unpinned, once' },
  {
    trigger: 'list_keys_update',
    since: 7,
    sql: `UPDATE list_keys SET unpinned_at = '${LATER}', unpinned_by = 'admin', unpin_reason = '停用' WHERE id = 1`,
    then: (db) => expect(db.prepare(`SELECT unpin_reason FROM list_keys WHERE id = 1`).get()).toEqual({ unpin_reason: '停用' }),
  },
  { trigger: 'credit_checks_no_update', since: 7, sql: `UPDATE credit_checks SET clean = 1`, refused: 'the check log never changes' },
  { trigger: 'credit_checks_no_delete', since: 7, sql: `DELETE FROM credit_checks`, refused: 'the check log never changes' },
  { trigger: 'check_runs_no_update', since: 7, sql: `UPDATE check_runs SET total = 0`, refused: 'the check log never changes' },
  { trigger: 'check_runs_no_delete', since: 7, sql: `DELETE FROM check_runs`, refused: 'the check log never changes' },
  { trigger: 'check_feedback_no_update', since: 7, sql: `UPDATE check_feedback SET note = 'x'`, refused: 'recorded feedback never changes' },
  { trigger: 'check_feedback_no_delete', since: 7, sql: `DELETE FROM check_feedback`, refused: 'recorded feedback never changes' },
  {
    trigger: 'feedback_ops_update',
    since: 7,
    sql: `UPDATE feedback_ops SET batch_id = 2 WHERE id = 1`,
    refused: 'a feedback operation is frozen into a batch once and never changes after',
  },
  { trigger: 'feedback_ops_no_delete', since: 7, sql: `DELETE FROM feedback_ops`, refused: 'feedback operations are never deleted' },
  { trigger: 'feedback_receipts_no_update', since: 7, sql: `UPDATE feedback_receipts SET status = 'error'`, refused: 'receipt results never change' },
  { trigger: 'feedback_receipts_no_delete', since: 7, sql: `DELETE FROM feedback_receipts`, refused: 'receipt results never change' },
  { trigger: 'subject_former_names_no_update', since: 8, sql: `UPDATE subject_former_names SET name = 'x'`, refused: 'former names never change' },
  { trigger: 'subject_former_names_no_delete', since: 8, sql: `DELETE FROM subject_former_names`, refused: 'former names never change' },
  { trigger: 'letters_no_delete', since: 10, sql: `DELETE FROM letters WHERE id = 1`, refused: 'issued letters are never deleted' },
  {
    trigger: 'letters_keep_number',
    since: 10,
    sql: `UPDATE letters SET served_method = 'post' WHERE id = 2`,
    refused: 'a letter keeps its number and content; its service is recorded once',
  },
  {
    trigger: 'letters_keep_number',
    since: 10,
    sql: `UPDATE letters SET served_method = 'direct', served_on = '2026-03-07', served_to = '${COMPANY}' WHERE id = 1`,
    then: (db) => expect(db.prepare(`SELECT served_method FROM letters WHERE id = 1`).get()).toEqual({ served_method: 'direct' }),
  },
  {
    trigger: 'records_decision_date_change',
    since: 12,
    sql: `UPDATE records SET decision_date = '2026-02-20', updated_at = '2026-05-01T00:00:00.000Z' WHERE id = 1`,
    then: (db) =>
      expect(db.prepare(`SELECT record_id, at, before, after FROM decision_date_changes ORDER BY id DESC LIMIT 1`).get()).toEqual({
        record_id: 1,
        at: '2026-05-01T00:00:00.000Z',
        before: '2026-02-27',
        after: '2026-02-20',
      }),
  },
  { trigger: 'decision_date_changes_no_update', since: 12, sql: `UPDATE decision_date_changes SET after = NULL`, refused: 'decision date changes never change' },
  { trigger: 'decision_date_changes_no_delete', since: 12, sql: `DELETE FROM decision_date_changes`, refused: 'decision date changes never change' },
];

/**
 * Per migration (by journal index): the tag it must have, and checks of its own: `check`
 * right after it ran (the old rows only), `withNewRows` once its own tables hold rows.
 */
const MIGRATIONS: {
  tag: string;
  check?: (db: SqliteDatabase) => void;
  withNewRows?: (db: SqliteDatabase) => void;
  /** Added columns (`table.column`) the migration fills from old rows: `check` says with what, not the default. */
  backfills?: string[];
}[] = [
  { tag: '0000_foundation' },
  { tag: '0001_records' },
  {
    tag: '0002_batches',
    withNewRows: (db) => {
      // The sequence is unique among prepared and approved batches only.
      const insert = db.prepare(
        `INSERT INTO batches (sequence, state, prepared_at, prepared_by, counts, operations) VALUES (?, ?, '${AT}', 'li', '{}', 0)`,
      );
      expect(() => insert.run(1, 'prepared')).toThrow(/UNIQUE constraint failed: batches.sequence/);
      withRollback(db, () => insert.run(1, 'returned'));
    },
  },
  { tag: '0003_batch_archives' },
  { tag: '0004_released_batch_ops' },
  { tag: '0005_print_log' },
  { tag: '0006_cases' },
  { tag: '0007_credit_checks' },
  {
    tag: '0008_everyday_use',
    check: (db) => {
      expect(db.prepare(`SELECT id, override_request FROM records ORDER BY id`).all()).toEqual([
        { id: 1, override_request: null },
        { id: 2, override_request: null },
      ]);
    },
  },
  {
    tag: '0009_trust',
    check: (db) => {
      expect(db.prepare(`SELECT login, disabled_reason, must_change_password, last_login_at FROM users ORDER BY id`).all()).toEqual([
        { login: 'admin', disabled_reason: null, must_change_password: 0, last_login_at: null },
        { login: 'li', disabled_reason: null, must_change_password: 0, last_login_at: null },
      ]);
    },
  },
  {
    tag: '0010_letters',
    check: (db) => {
      expect(db.prepare(`SELECT short_name, reconsideration_body, court, doc_no_patterns FROM department`).all()).toEqual([
        { short_name: '', reconsideration_body: '', court: '', doc_no_patterns: '{}' },
      ]);
      expect(db.prepare(`SELECT basis_version FROM cases`).all()).toEqual([{ basis_version: null }]);
    },
  },
  { tag: '0011_everyday2' },
  {
    tag: '0012_stats',
    check: (db) => {
      // The trigger starts with the migration: past changes of a decision date are not invented.
      expect(db.prepare(`SELECT count(*) AS n FROM decision_date_changes`).get()).toEqual({ n: 0 });
    },
  },
  {
    tag: '0013_search_codes',
    backfills: ['records.personal_code'],
    check: (db) => {
      // The person's record is marked from its subject's code type; the company's is not.
      expect(db.prepare(`SELECT id, personal_code FROM records ORDER BY id`).all()).toEqual([
        { id: 1, personal_code: 0 },
        { id: 2, personal_code: 1 },
      ]);
      const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM records WHERE personal_code = 0 AND subject_code >= '9113' AND subject_code < '9114'`).all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n')).toContain('records_public_code');
    },
  },
];

let scratch: string;
/** folders[n]: drizzle/migrations with the journal cut to its first n entries. */
const folders: string[] = [];
const journal = readJournal(MIGRATIONS_FOLDER);

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'credit-desk-migrations-data-'));
  for (let n = 0; n <= journal.entries.length; n++) {
    const folder = join(scratch, `migrations-${n}`);
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const path = join(folder, 'meta', '_journal.json');
    const cut = JSON.parse(readFileSync(path, 'utf8')) as { entries: unknown[] };
    cut.entries = cut.entries.slice(0, n);
    writeFileSync(path, JSON.stringify(cut));
    folders[n] = folder;
  }
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function insertRows(db: SqliteDatabase, table: string, rows: Row[]) {
  for (const row of rows) {
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }
}

/** The rows of the tables created by migration `since`, as that version of the app wrote them. */
function writeFixtures(db: SqliteDatabase, since: number) {
  db.transaction(() => {
    for (const f of FIXTURES.filter((x) => x.since === since)) insertRows(db, f.table, f.rows);
    writeSpecialRows(db, since);
  })();
}

interface Column {
  name: string;
  dflt_value: string | null;
  pk: number;
}

/** Ordinary tables (not FTS and their shadow tables, not drizzle's journal). */
function tables(db: SqliteDatabase): string[] {
  const all = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string; sql: string }[];
  const virtual = all.filter((t) => /CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  return all
    .map((t) => t.name)
    .filter((n) => !n.startsWith('sqlite_') && n !== '__drizzle_migrations' && !virtual.some((v) => n === v || n.startsWith(`${v}_`)));
}

function columns(db: SqliteDatabase, table: string): Column[] {
  return db.prepare(`PRAGMA table_info("${table}")`).all() as Column[];
}

/** Every row of every table, by primary key, with the columns the table has now. */
function snapshot(db: SqliteDatabase): Map<string, { columns: string[]; rows: unknown[] }> {
  const out = new Map<string, { columns: string[]; rows: unknown[] }>();
  for (const t of tables(db)) {
    const cols = columns(db, t).map((c) => c.name);
    out.set(t, { columns: cols, rows: readRows(db, t, cols) });
  }
  return out;
}

function readRows(db: SqliteDatabase, table: string, cols: string[]): unknown[] {
  const pk = columns(db, table)
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => `"${c.name}"`);
  const order = pk.length > 0 ? pk.join(', ') : 'rowid';
  return db.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY ${order}`).all();
}

function count(db: SqliteDatabase, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

function withRollback(db: SqliteDatabase, fn: () => void) {
  db.exec('SAVEPOINT probe');
  try {
    fn();
  } finally {
    db.exec('ROLLBACK TO probe; RELEASE probe');
  }
}

function expectSound(db: SqliteDatabase) {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
}

/** The FTS indexes still find the names they were given, and pass FTS5's own check. */
function expectSearchable(db: SqliteDatabase) {
  const find = (table: string, query: string) =>
    (db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).all(matchExpression(query)) as { rowid: number }[]).map((r) => r.rowid);
  for (const table of ['record_search', 'subject_search']) {
    expect(find(table, '华康商贸'), `${table} finds 华康商贸`).toEqual([1]);
    expect(find(table, '张三'), `${table} finds 张三`).toEqual([2]);
    expect(find(table, '栾城'), `${table} finds 栾城`).toEqual([1]);
    expect(find(table, '李四'), `${table} finds nobody for 李四`).toEqual([]);
    db.prepare(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`).run();
  }
}

/** Every hand-written trigger of the database is exercised by TRIGGERS (on fixture rows), and behaves. */
function expectTriggers(db: SqliteDatabase, version: number) {
  const present = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  const checks = TRIGGERS.filter((t) => t.since < version);
  expect([...new Set(checks.map((t) => t.trigger))].sort(), 'every trigger has a TRIGGERS entry').toEqual(present);
  for (const t of checks) {
    withRollback(db, () => {
      if (t.refused !== undefined) {
        expect(() => db.prepare(t.sql).run(), `${t.trigger}: ${t.sql}`).toThrow(t.refused);
      } else {
        db.prepare(t.sql).run();
        t.then?.(db);
      }
    });
  }
}

describe('each migration applied to a database holding data', () => {
  it('the journal and MIGRATIONS list the same migrations, in order', () => {
    expect(journal.entries.map((e) => e.tag)).toEqual(MIGRATIONS.map((m) => m.tag));
  });

  it('every table has fixture rows', () => {
    const db = new Database(':memory:');
    try {
      runMigrations(db, ':memory:', folders[journal.entries.length], new Date());
      const covered = new Set(FIXTURES.map((f) => f.table).concat('audit_log'));
      expect(tables(db).filter((t) => !covered.has(t))).toEqual([]);
    } finally {
      db.close();
    }
  });

  for (let k = 1; k < MIGRATIONS.length; k++) {
    it(`${MIGRATIONS[k].tag} keeps every row and invariant`, () => {
      const path = join(scratch, `v${k}.db`);
      const db = new Database(path);
      try {
        // The database as the version before this migration left it, with its data.
        expect(runMigrations(db, path, folders[k], new Date())).toMatchObject({ from: 0, to: k });
        for (let since = 0; since < k; since++) writeFixtures(db, since);
        for (const t of tables(db)) expect(count(db, t), `fixture rows in ${t}`).toBeGreaterThan(0);
        expectSound(db);
        const before = snapshot(db);

        const outcome = runMigrations(db, path, folders[k + 1], new Date());
        expect(outcome).toMatchObject({ from: k, to: k + 1 });
        expect(db.pragma('user_version', { simple: true })).toBe(k + 1);

        // Every row is still there, with the values it had.
        const after = snapshot(db);
        for (const [table, { columns: cols, rows }] of before) {
          expect(after.has(table), `${table} still exists`).toBe(true);
          expect(readRows(db, table, cols), `rows of ${table}`).toEqual(rows);
        }
        // Columns added to existing tables hold their declared default (or NULL).
        for (const [table, { columns: cols }] of before) {
          for (const c of columns(db, table).filter((x) => !cols.includes(x.name) && !MIGRATIONS[k].backfills?.includes(`${table}.${x.name}`))) {
            const expected = c.dflt_value === null ? null : (db.prepare(`SELECT (${c.dflt_value}) AS v`).get() as { v: unknown }).v;
            const values = (db.prepare(`SELECT "${c.name}" AS v FROM "${table}"`).all() as { v: unknown }[]).map((r) => r.v);
            expect(values, `${table}.${c.name} after ${MIGRATIONS[k].tag}`).toEqual(values.map(() => expected));
          }
        }
        // Tables the migration creates start empty (none of ours fills one).
        for (const t of tables(db).filter((x) => !before.has(x))) {
          expect(count(db, t), `new table ${t} is empty`).toBe(0);
        }
        MIGRATIONS[k].check?.(db);

        // The new version's own tables take rows that point at the old rows…
        writeFixtures(db, k);
        MIGRATIONS[k].withNewRows?.(db);
        // …and the whole database holds together.
        expectSound(db);
        expect(verifyAuditSync(db).ok, 'the audit chain verifies').toBe(true);
        expectSearchable(db);
        expectTriggers(db, k + 1);
      } finally {
        db.close();
      }
    });
  }
});
