/** Contract handlers for signing keys, batches and receipts. */
import { and, count, desc, eq, inArray, lt, lte, or, isNull, sql } from 'drizzle-orm';
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { batches, feedbackReceipts, listKeys, receiptResults, recordVersions, records, releasedBatchOps, reportOps } from '../../../drizzle/schema';
import type { BatchOperationView, BatchView, ReceiptPreview, SigningKeyView, VerifyReport } from '../../contract/batches';
import { getCompiledCategory } from '../catalog/registry';
import type { RecordValues } from '../catalog/types';
import { getDepartment } from '../department/service';
import type { Desk } from '../desk';
import { CoreError } from '../errors';
import type { Handlers } from '../handlers';
import { maskIdNumber } from '../identifiers/idcard';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { statement } from '../store/sql';
import { batchFileName, batchIdOf, opIdOf, serializeManifest, type Manifest } from './format';
import { generateKey, listSigningKeys, pemOf, signingKeyById, unlockSigningKey, type SigningKeyRow } from './keys';
import { describeFeedbackOp, feedbackCount, feedbackOperations, FEEDBACK_CATEGORY } from './feedback';
import { exportStoredArchive, rebuildArchive, storeArchive, storedArchive } from './archive';
import { buildMembers, withTemp, writeArchive, type MemberOptions } from './package';
import { applyReceipt, checkReceipt, parseReceiptText, parseXlsxReceipt, type ReadReceipt, type Receipt } from './receipt';
import { activeKeyFor } from '../lists/keys';
import { countsOf, getBatch, lastApproved, listBatches, prepareBatch, releaseBatch, type BatchRow } from './service';
import { fingerprint, signSm2, sm3Hex } from './sm2';
import { verifyBatchFile } from './verify';
import { chinaDate } from '../calendar';
import { displayOf } from './display';
import { lateOperations } from '../timeliness/service';
import { auditHead } from '../audit/log';

type BatchHandlers = Pick<
  Handlers,
  | 'keys.list'
  | 'keys.generate'
  | 'keys.exportPublic'
  | 'batches.pending'
  | 'batches.prepare'
  | 'batches.list'
  | 'batches.get'
  | 'batches.operations'
  | 'batches.approve'
  | 'batches.reject'
  | 'batches.cancel'
  | 'batches.export'
  | 'batches.exportFile'
  | 'batches.verify'
  | 'receipts.preview'
  | 'receipts.import'
  | 'receipts.importFile'
>;

function keyView(row: SigningKeyRow): SigningKeyView {
  return { keyId: row.id, login: row.login, fingerprint: row.fingerprint, createdAt: row.createdAt, retiredAt: row.retiredAt, active: row.retiredAt === null };
}

function batchView(db: SqliteDatabase, row: BatchRow, now: Date): BatchView {
  const uscc = getDepartment(db).uscc;
  const key = row.signingKeyId ? signingKeyById(db, row.signingKeyId) : undefined;
  const q = orm(db);
  const receipt = row.receiptAt
    ? q
        .select({ accepted: sql<number>`sum(${receiptResults.status} = 'accepted')`, rejected: sql<number>`sum(${receiptResults.status} = 'rejected')` })
        .from(receiptResults)
        .where(eq(receiptResults.batchId, row.id))
        .get()!
    : null;
  return {
    batchId: row.id,
    publicId: batchIdOf(uscc, row.sequence),
    sequence: row.sequence,
    state: row.state,
    preparedAt: row.preparedAt,
    preparedBy: row.preparedBy,
    counts: row.counts,
    operations: row.operations,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedBy,
    reason: row.reason,
    manifestSm3: row.manifestSm3,
    signerFingerprint: key?.fingerprint ?? null,
    fileName: row.state === 'approved' && row.decidedAt ? batchFileName(uscc, row.sequence, row.decidedAt) : null,
    receiptAt: row.receiptAt,
    receipt,
    ...lateOf(db, row, now),
    attempt: q
      .select({ n: count() })
      .from(batches)
      .where(and(eq(batches.sequence, row.sequence), lte(batches.id, row.id)))
      .get()!.n,
    auditHead: row.state === 'approved' ? manifestAuditHead(db, row.id) : null,
  };
}

/** Late 双公示 operations: as of the approval day once signed, as of today while it waits. */
function lateOf(db: SqliteDatabase, row: BatchRow, now: Date): { late?: { count: number; reference: string } } {
  if (row.state !== 'approved' && row.state !== 'prepared') return {};
  const reference = chinaDate(row.state === 'approved' && row.decidedAt ? new Date(row.decidedAt) : now);
  return { late: { count: lateOperations(db, row.id, reference), reference } };
}

/** The audit head a batch's signed manifest records (null for batches signed before manifests carried it). */
function manifestAuditHead(db: SqliteDatabase, batchId: number): { seq: number; hash: string } | null {
  const text = manifestOf(db, batchId);
  const head = text ? (JSON.parse(text) as Manifest).auditHead : undefined;
  return head ?? null;
}

/** A batch's signed manifest.json as stored (null until approved). */
function manifestOf(db: SqliteDatabase, batchId: number): string | null {
  return orm(db).select({ manifest: batches.manifest }).from(batches).where(eq(batches.id, batchId)).get()?.manifest ?? null;
}

function categoriesOf(row: BatchRow): string[] {
  return Object.keys(row.counts);
}

/**
 * Writes an approved batch's archive to `out`: the archive stored at approval,
 * checked against its SHA-256; or, for a batch approved by an older version, a
 * rebuild checked against the signed manifest.
 */
async function exportBatch(desk: Desk, batchId: number, out: string): Promise<string> {
  const db = desk.db;
  const row = getBatch(db, batchId);
  if (row.state !== 'approved') throw new CoreError('BAD_INPUT', `第 ${row.sequence} 批尚未签发，不能导出。`);
  const manifest = JSON.parse(manifestOf(db, batchId)!) as Manifest;
  const archive = storedArchive(db, batchId);
  if (archive) await exportStoredArchive(db, batchId, out, archive);
  else await rebuildArchive(db, batchId, out);
  desk.audit({ actor: desk.login, method: 'batches.export', target: `batch:${batchId}`, outcome: 'ok', detail: { sequence: row.sequence } });
  return batchFileName(manifest.department.uscc, row.sequence, manifest.approved.at);
}

/** The approved batch a receipt answers; refused when unknown or not signed. */
function receiptBatch(desk: Desk, receipt: Receipt): { row: BatchRow; uscc: string } {
  const db = desk.db;
  const uscc = getDepartment(db).uscc;
  const row = listBatches(db).find((b) => b.state === 'approved' && batchIdOf(uscc, b.sequence) === receipt.batchId);
  if (!row) throw new CoreError('NOT_FOUND', `回执所指的批次 ${receipt.batchId} 不存在或尚未签发，未导入。`);
  return { row, uscc };
}

/** Who signed a receipt: a pinned platform key, or nobody (null). A signer not pinned is refused. */
function receiptSigner(desk: Desk, read: ReadReceipt): { fingerprint: string; label: string } | null {
  if (read.signerKey === null) return null;
  const key = activeKeyFor(desk.db, read.signerKey);
  if (!key) {
    throw new CoreError(
      'BAD_FILE',
      `回执的签名人公钥（指纹 ${fingerprint(read.signerKey)}）不是已固定的平台公钥：请核对来源；确属平台的新公钥时，由系统管理员先在“信用核查 → 共享名单”中固定。未导入任何结果。`,
    );
  }
  const label = orm(desk.db).select({ label: listKeys.label }).from(listKeys).where(eq(listKeys.id, key.id)).get()?.label ?? '';
  return { fingerprint: key.fingerprint, label };
}

/**
 * A receipt nothing shows came from the platform (unsigned JSON, any .xlsx) is
 * imported only by an approver who confirms it (issue 18); the trail marks it
 * unauthenticated. A clerk is refused (and the refusal audited).
 */
function assertMayImportUnsigned(desk: Desk, confirmUnsigned: boolean): void {
  const roles = desk.currentUser().roles;
  if (!roles.includes('approver')) {
    desk.audit({ actor: desk.login, method: 'receipts.import', target: null, outcome: 'denied', detail: { reason: 'unsigned-receipt', unauthenticated: true } });
    throw new CoreError('FORBIDDEN', '这份回执没有平台签名：未签名的回执只能由审核人核对来源并确认后导入。请把它交给审核人，或请平台提供签名回执（credit-desk-receipt/2）。');
  }
  if (!confirmUnsigned) {
    throw new CoreError('CONFIRMATION_REQUIRED', '这份回执没有平台签名，无法证明来自平台：请核对来源后确认导入（命令行：--confirm-unsigned）。审计日志将记下它未经认证。', {
      unsigned: true,
    });
  }
}

function receiptFor(desk: Desk, read: ReadReceipt, confirmUnsigned: boolean) {
  const db = desk.db;
  const { receipt } = read;
  const signer = receiptSigner(desk, read);
  const { row, uscc } = receiptBatch(desk, receipt);
  if (!signer) assertMayImportUnsigned(desk, confirmUnsigned);
  const digest = sm3Hex(JSON.stringify(receipt));
  return db.transaction(() => {
    const counts = applyReceipt(db, { id: row.id, opIdPrefix: `${uscc}-` }, receipt);
    // The latest receipt's time and digest; each receipt is in the trail.
    orm(db).update(batches).set({ receiptAt: desk.now().toISOString(), receiptBy: desk.login, receiptSm3: digest }).where(eq(batches.id, row.id)).run();
    desk.audit({
      actor: desk.login,
      method: 'receipts.import',
      target: `batch:${row.id}`,
      outcome: 'ok',
      detail: {
        batchId: receipt.batchId,
        results: receipt.results.length,
        added: counts.accepted + counts.rejected,
        alreadyImported: counts.alreadyImported,
        receiptSm3: digest,
        ...(signer ? { signed: true, keyFingerprint: signer.fingerprint } : { signed: false, unauthenticated: true }),
      },
    });
    return { batchId: row.id, publicId: receipt.batchId, ...counts, signed: signer !== null };
  })();
}

/** Operations of a batch an earlier receipt answered (record operations and feedback). */
function answeredBefore(db: SqliteDatabase, batchId: number): number {
  const q = orm(db);
  const records = q.select({ n: count() }).from(receiptResults).where(eq(receiptResults.batchId, batchId)).get()!.n;
  const feedback = q.select({ n: count() }).from(feedbackReceipts).where(eq(feedbackReceipts.batchId, batchId)).get()!.n;
  return records + feedback;
}

/** What importing the receipt would do, with the same checks, changing nothing. */
function previewFor(desk: Desk, read: ReadReceipt): ReceiptPreview {
  const { receipt } = read;
  const signer = receiptSigner(desk, read);
  const { row, uscc } = receiptBatch(desk, receipt);
  const checked = checkReceipt(desk.db, { id: row.id, opIdPrefix: `${uscc}-` }, receipt);
  // Results an earlier (partial) receipt already gave are not counted again.
  const rejected = checked.fresh.filter((r) => r.status === 'rejected');
  const describe = (recordId: number) =>
    orm(desk.db).select({ subjectName: records.subjectName, decisionNo: records.decisionNo }).from(records).where(eq(records.id, recordId)).get()!;
  return {
    batchId: row.id,
    publicId: receipt.batchId,
    sequence: row.sequence,
    operations: row.operations,
    accepted: checked.fresh.length - rejected.length,
    rejected: rejected.length,
    unanswered: Math.max(0, row.operations - answeredBefore(desk.db, row.id) - checked.fresh.length),
    signer,
    rejections: rejected.slice(0, 20).map((r) => {
      const feedbackOp = checked.feedback.get(r.opId);
      const record =
        feedbackOp !== undefined ? describeFeedbackOp(desk.db, feedbackOp) : describe(checked.ops.get(r.opId)!.recordId);
      return { opId: r.opId, ...record, code: r.code, message: r.message };
    }),
  };
}

async function readReceipt(path: string, fileName: string): Promise<ReadReceipt> {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.json') return parseReceiptText(readFileSync(path, 'utf8'));
  // A workbook carries no signature.
  if (ext === '.xlsx') return { receipt: await parseXlsxReceipt(path), signerKey: null };
  throw new CoreError('BAD_FILE', `回执应为 .json 或 .xlsx 文件：${fileName}`);
}

/**
 * The chain to what this department signed: a batch of ours must follow our
 * previous batch's manifest, and a batch whose sequence we signed must be that
 * very batch. Files of another department are not ours to judge.
 */
function chainToOurBatches(db: SqliteDatabase, m: Manifest, manifestSm3: string): Partial<VerifyReport> {
  if (m.department.uscc !== getDepartment(db).uscc) return { previousChecked: false };
  const stored = (sequence: number) =>
    orm(db)
      .select({ manifestSm3: batches.manifestSm3 })
      .from(batches)
      .where(and(eq(batches.sequence, sequence), eq(batches.state, 'approved')))
      .get()?.manifestSm3;
  const same = stored(m.sequence);
  if (same !== undefined && same !== manifestSm3) {
    return { ok: false, code: 'SEQUENCE_BREAK', reason: `本部门签发的第 ${m.sequence} 批不是这个文件（清单摘要不同）：文件不是本部门签发的那一批。`, previousChecked: false };
  }
  if (m.sequence === 1) return { previousChecked: true };
  const previous = stored(m.sequence - 1);
  if (previous === undefined) return { previousChecked: false };
  if (m.previousManifestSm3 !== previous) {
    return { ok: false, code: 'PREVIOUS_DIGEST', reason: `清单记载的上一批摘要与本部门签发的第 ${m.sequence - 1} 批不符：批次链断裂。`, previousChecked: true };
  }
  return { previousChecked: true };
}

// Approval (bench section C, approve): the batch signed, and every record of its
// operations marked reported in one statement.
const approveBatch = statement<never, [at: string, by: string, manifest: string, manifestSm3: string, signature: string, keyId: number, batchId: number]>(
  'batches.approve',
  `UPDATE batches SET state = 'approved', decided_at = ?, decided_by = ?, manifest = ?, manifest_sm3 = ?, signature = ?, signing_key_id = ?
   WHERE id = ? AND state = 'prepared'`,
);
const markReported = statement<never, [batchId: number, batchId: number]>(
  'batches.markReported',
  `UPDATE records SET state = 'reported' WHERE state IN ('pending', 'rejected', 'accepted', 'published')
     AND id IN (SELECT record_id FROM report_ops WHERE batch_id = ? AND op IN ('add', 'update'))
     AND version = (SELECT max(o.version) FROM report_ops o WHERE o.batch_id = ? AND o.record_id = records.id)`,
);

export const batchHandlers: BatchHandlers = {
  'keys.list': ({ desk }) => {
    const user = desk.currentUser();
    // Public keys: administrators, auditors and archivists (who print registration sheets) see every approver's.
    const all = user.roles.some((r) => r === 'admin' || r === 'auditor' || r === 'archivist');
    return listSigningKeys(desk.db, all ? undefined : user.login).map(keyView);
  },

  'keys.generate': ({ desk }, { password }) => {
    // The password proves who is asking and unlocks the account key the new private key is sealed to.
    const account = desk.checkPassword(password);
    return keyView(desk.write({ method: 'keys.generate', target: `user:${desk.login}` }, (db) => generateKey(db, desk.login!, account, desk.now().toISOString())));
  },

  'keys.exportPublic': ({ desk }, { keyId }) => {
    const row = signingKeyById(desk.db, keyId);
    if (!row) throw new CoreError('NOT_FOUND', `找不到编号为 ${keyId} 的签名密钥。`);
    return { pem: pemOf(row), fingerprint: row.fingerprint, fileName: `${row.login}-sm2-${row.id}.pem` };
  },

  'batches.pending': ({ desk }) => countsOf(desk.db, null),

  'batches.prepare': ({ desk }) =>
    batchView(
      desk.db,
      desk.write(
        (b) => ({ method: 'batches.prepare', target: `batch:${b.id}`, detail: { sequence: b.sequence, operations: b.operations } }),
        (db: SqliteDatabase) => prepareBatch(db, desk.login!, desk.now().toISOString()),
      ),
      desk.now(),
    ),

  'batches.list': ({ desk }) => listBatches(desk.db).map((b) => batchView(desk.db, b, desk.now())),

  'batches.get': ({ desk }, { batchId }) => batchView(desk.db, getBatch(desk.db, batchId), desk.now()),

  'batches.operations': ({ desk }, { batchId, category, offset, limit }) => {
    const db = desk.db;
    const batch = getBatch(db, batchId);
    const uscc = getDepartment(db).uscc;
    const q = orm(db);
    // A returned or cancelled batch gave its operations back to the queue: what it held is kept in released_batch_ops.
    const o =
      batch.state === 'returned' || batch.state === 'cancelled'
        ? q
            .select({
              id: releasedBatchOps.opId,
              op: releasedBatchOps.op,
              category: releasedBatchOps.category,
              recordId: releasedBatchOps.recordId,
              version: releasedBatchOps.version,
              batchId: releasedBatchOps.batchId,
            })
            .from(releasedBatchOps)
            .as('o')
        : q
            .select({ id: reportOps.id, op: reportOps.op, category: reportOps.category, recordId: reportOps.recordId, version: reportOps.version, batchId: reportOps.batchId })
            .from(reportOps)
            .as('o');
    // Sanction feedback (category `feedback`) follows the record operations.
    const feedbackTotal = !category || category === FEEDBACK_CATEGORY ? feedbackCount(db, batchId) : 0;
    if (category === FEEDBACK_CATEGORY) return { total: feedbackTotal, items: feedbackOperations(db, batchId, uscc, offset, limit) };
    const where = and(eq(o.batchId, batchId), category ? eq(o.category, category) : undefined);
    const recordTotal = q.select({ n: count() }).from(o).where(where).get()!.n;
    const total = recordTotal + feedbackTotal;
    const rows = q
      .select({
        id: o.id,
        op: o.op,
        category: o.category,
        recordId: o.recordId,
        version: o.version,
        fields: recordVersions.fields,
        reason: recordVersions.reason,
        subjectName: records.subjectName,
        decisionNo: records.decisionNo,
        publication: records.publication,
        recordState: records.state,
        status: receiptResults.status,
        code: receiptResults.code,
        message: receiptResults.message,
      })
      .from(o)
      .innerJoin(recordVersions, and(eq(recordVersions.recordId, o.recordId), eq(recordVersions.version, o.version)))
      .innerJoin(records, eq(records.id, o.recordId))
      .leftJoin(receiptResults, and(eq(receiptResults.batchId, o.batchId), eq(receiptResults.opId, o.id)))
      .where(where)
      .orderBy(o.id)
      .limit(limit)
      .offset(offset)
      .all();
    // What the platform holds of the record before this operation: the version it last
    // accepted, or (no receipt yet) the last one sent and not refused.
    const baselineOf = (recordId: number, opId: number) =>
      q
        .select({ version: reportOps.version, sequence: batches.sequence, status: receiptResults.status })
        .from(reportOps)
        .innerJoin(batches, eq(batches.id, reportOps.batchId))
        .leftJoin(receiptResults, and(eq(receiptResults.batchId, reportOps.batchId), eq(receiptResults.opId, reportOps.id)))
        .where(
          and(
            eq(reportOps.recordId, recordId),
            lt(reportOps.id, opId),
            eq(batches.state, 'approved'),
            inArray(reportOps.op, ['add', 'update']),
            or(isNull(receiptResults.status), eq(receiptResults.status, 'accepted')),
          ),
        )
        .orderBy(sql`(${receiptResults.status} = 'accepted') DESC`, desc(reportOps.id))
        .limit(1)
        .get();
    const before = (recordId: number, version: number) =>
      q
        .select({ fields: recordVersions.fields })
        .from(recordVersions)
        .where(and(eq(recordVersions.recordId, recordId), eq(recordVersions.version, version)))
        .get()!;
    // Display as of the day the batch was signed (what its file says), or today while it waits.
    const displayAsOf = chinaDate(batch.state === 'approved' && batch.decidedAt ? new Date(batch.decidedAt) : desk.now());
    const items: BatchOperationView[] = rows.map((r) => {
      const compiled = getCompiledCategory(r.category);
      const personal = new Set(compiled.personalFields);
      const text = (field: string, v: RecordValues[string] | undefined) => {
        const s = v === null || v === undefined || v === '' ? null : Array.isArray(v) ? v.join(';') : v;
        return s !== null && personal.has(field) ? maskIdNumber(s) : s;
      };
      const label = (field: string) => compiled.byCode.get(field)?.def.label ?? field;
      const after = JSON.parse(r.fields) as RecordValues;
      // Every column the batch file carries for the operation, as the file has it.
      const fields = compiled.exportColumns.map((field) => ({ field, label: label(field), value: text(field, after[field]) }));
      const found = r.op === 'update' ? baselineOf(r.recordId, r.id) : undefined;
      const baseline = found ? { version: found.version, sequence: found.sequence, status: found.status === 'accepted' ? ('accepted' as const) : ('sent' as const) } : null;
      let changes: BatchOperationView['changes'];
      if (r.op === 'add') changes = fields.map((f) => ({ field: f.field, label: f.label, before: null, after: f.value }));
      else if (r.op === 'update') {
        const prior = baseline ? (JSON.parse(before(r.recordId, baseline.version).fields) as RecordValues) : {};
        changes = fields.map((f) => ({ field: f.field, label: f.label, before: text(f.field, prior[f.field]), after: f.value })).filter((c) => c.before !== c.after);
      } else changes = [];
      return {
        opId: opIdOf(uscc, r.id),
        op: r.op,
        category: r.category,
        recordId: r.recordId,
        version: r.version,
        subjectName: r.subjectName,
        decisionNo: r.decisionNo,
        changes,
        fields,
        ...displayOf(r.op, r.category, after, r.publication, r.recordState, displayAsOf),
        baseline,
        reason: r.reason,
        receipt: r.status ? { status: r.status, code: r.code, message: r.message } : null,
      };
    });
    if (feedbackTotal > 0 && items.length < limit) {
      items.push(...feedbackOperations(db, batchId, uscc, Math.max(0, offset - recordTotal), limit - items.length));
    }
    return { total, items };
  },

  'batches.approve': async ({ desk, progress }, { batchId, password }) => {
    const db = desk.db;
    const row = getBatch(db, batchId);
    if (row.state !== 'prepared') throw new CoreError('BAD_INPUT', `第 ${row.sequence} 批不是待审核状态。`);
    if (row.preparedBy === desk.login) throw new CoreError('FORBIDDEN', '批次由您本人准备，须由另一位审核人审核签发。');
    const { row: key, pair } = unlockSigningKey(db, desk.login!, desk.checkPassword(password));
    const department = getDepartment(db);
    const previous = lastApproved(db);
    const at = desk.now().toISOString();
    // Members for the platform's machines: .xlsx without cell styles (faster to write).
    const memberOptions: MemberOptions = { xlsxStyles: false, displayAsOf: chinaDate(new Date(at)) };
    progress(0, 3, 'members');
    await withTemp(async (folder) => {
      const members = await buildMembers(db, batchId, department.uscc, categoriesOf(row), folder, memberOptions);
      const manifest: Manifest = {
        format: 'credit-desk-batch',
        formatVersion: 1,
        batchId: batchIdOf(department.uscc, row.sequence),
        department: { name: department.name, uscc: department.uscc, regionCode: department.regionCode },
        sequence: row.sequence,
        previousManifestSm3: previous?.manifestSm3 ?? '',
        prepared: { at: row.preparedAt, by: row.preparedBy },
        approved: { at, by: desk.login!, keyFingerprint: key.fingerprint },
        counts: row.counts,
        operations: row.operations,
        members: members.map(({ path, size, sm3, sha256 }) => ({ path, size, sm3, sha256 })),
        // The trail's head as of now: the platform keeps it, so the trail up to here cannot be rewritten unnoticed.
        auditHead: auditHead(db),
        displayFields: true,
      };
      const manifestBytes = serializeManifest(manifest);
      progress(1, 3, 'sign');
      const signature = signSm2(manifestBytes, pair);
      progress(2, 3, 'store');
      // The final file, built once: export copies it out (rebuildArchive gives the same bytes).
      const zip = join(folder, 'batch.zip');
      await writeArchive(zip, { manifest: manifestBytes, signature, signerPem: pemOf(key), members, mtime: new Date(at) });
      desk.write({ method: 'batches.approve', target: `batch:${batchId}`, detail: { sequence: row.sequence, key: key.fingerprint } }, (tx) => {
        const approved = approveBatch.run(tx, at, desk.login!, manifestBytes.toString('utf8'), sm3Hex(manifestBytes), signature.toString('base64'), key.id, batchId);
        if (approved.changes !== 1) throw new CoreError('CONFLICT', `第 ${row.sequence} 批的状态已改变（可能已被签发、退回或撤销），本次未签发。`);
        storeArchive(tx, batchId, zip, memberOptions);
        // The records whose content is now on its way to the platform (a mark alone changes no state).
        markReported.run(tx, batchId, batchId);
      });
    });
    progress(3, 3, 'done');
    return batchView(db, getBatch(db, batchId), desk.now());
  },

  'batches.reject': ({ desk }, { batchId, reason }) => {
    const row = getBatch(desk.db, batchId);
    return batchView(
      desk.db,
      desk.write({ method: 'batches.reject', target: `batch:${batchId}`, detail: { sequence: row.sequence, reason } }, (db) =>
        releaseBatch(db, batchId, 'returned', desk.login!, desk.now().toISOString(), reason),
      ),
      desk.now(),
    );
  },

  'batches.cancel': ({ desk }, { batchId, reason }) => {
    const row = getBatch(desk.db, batchId);
    return batchView(
      desk.db,
      desk.write({ method: 'batches.cancel', target: `batch:${batchId}`, detail: { sequence: row.sequence, reason } }, (db) =>
        releaseBatch(db, batchId, 'cancelled', desk.login!, desk.now().toISOString(), reason),
      ),
      desk.now(),
    );
  },

  'batches.export': ({ desk }, { batchId }) =>
    withTemp(async (folder) => {
      const out = join(folder, 'batch.zip');
      const fileName = await exportBatch(desk, batchId, out);
      return { fileName, content: readFileSync(out).toString('base64') };
    }),

  'batches.exportFile': async ({ desk }, { batchId, path }) => {
    const fileName = await exportBatch(desk, batchId, path);
    return { path, fileName };
  },

  'batches.verify': ({ desk }, { content }) =>
    withTemp(async (folder) => {
      const path = join(folder, 'batch.zip');
      writeFileSync(path, Buffer.from(content, 'base64'));
      const db = desk.db;
      const known = listSigningKeys(db).map(pemOf);
      const r = await verifyBatchFile(path, { publicKeys: known });
      const report: VerifyReport = { ok: r.ok, code: r.code, reason: known.length === 0 && r.code === 'UNKNOWN_SIGNER' ? '本部门还没有登记任何签名密钥，无法确认签名人是谁：文件未被认可。' : r.reason };
      if (r.manifest) {
        const m = r.manifest;
        Object.assign(report, {
          batchId: m.batchId,
          sequence: m.sequence,
          department: { name: m.department.name, uscc: m.department.uscc },
          operations: m.operations,
          counts: m.counts,
          signerFingerprint: r.signerFingerprint,
          approved: { at: m.approved.at, by: m.approved.by },
          manifestSm3: r.manifestSm3,
          auditHead: m.auditHead ?? null,
        });
        if (r.ok) Object.assign(report, chainToOurBatches(db, m, r.manifestSm3!));
      }
      return report;
    }),

  'receipts.preview': ({ desk }, { fileName, content }) =>
    withTemp(async (folder) => {
      const path = join(folder, `receipt${extname(fileName).toLowerCase()}`);
      writeFileSync(path, Buffer.from(content, 'base64'));
      return previewFor(desk, await readReceipt(path, fileName));
    }),

  'receipts.import': ({ desk }, { fileName, content, confirmUnsigned }) =>
    withTemp(async (folder) => {
      const path = join(folder, `receipt${extname(fileName).toLowerCase()}`);
      writeFileSync(path, Buffer.from(content, 'base64'));
      return receiptFor(desk, await readReceipt(path, fileName), confirmUnsigned);
    }),

  'receipts.importFile': async ({ desk }, { path, confirmUnsigned }) => receiptFor(desk, await readReceipt(path, path), confirmUnsigned),
};
