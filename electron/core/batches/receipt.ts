/**
 * The platform's receipt (`credit-desk-receipt/1`, as JSON or .xlsx): per
 * operation accepted or rejected with a code and message. Importing one marks
 * the records; rejected records wait in the 待整改 queue. A receipt for an
 * unknown batch, naming an operation not in the batch (or one twice), or
 * contradicting a result already imported is refused and changes nothing. A
 * platform may answer in parts: a later receipt adds the results of operations
 * that had none (repeating ones already imported, unchanged, is fine).
 */
import { and, eq, sql } from 'drizzle-orm';
import { feedbackReceipts, receiptResults, records, reportOps } from '../../../drizzle/schema';
import { CoreError } from '../errors';
import { readSpreadsheetRows } from '../io/rows';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { feedbackOpsByOpId, recordFeedbackReceipt } from './feedback';
import { RECEIPT_FORMAT, SIGNED_RECEIPT_FORMAT } from './format';
import { parsePrivateKeyPem, parsePublicKeyPem, publicKeyPem, signSm2, verifySm2 } from './sm2';

export interface ReceiptResult {
  opId: string;
  status: 'accepted' | 'rejected';
  code: string | null;
  message: string | null;
}

export interface Receipt {
  batchId: string;
  results: ReceiptResult[];
}

const STATUS: Record<string, 'accepted' | 'rejected'> = {
  accepted: 'accepted',
  rejected: 'rejected',
  接收: 'accepted',
  已接收: 'accepted',
  通过: 'accepted',
  退回: 'rejected',
  已退回: 'rejected',
  不通过: 'rejected',
};

/** Longest code and message kept from a receipt (the platform's are short). */
const MAX_TEXT = 2000;

/** A text value (or a number written as text by a spreadsheet), or null; anything else is a damaged receipt. */
function textField(value: unknown, field: string, where: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
    throw new CoreError('BAD_FILE', `回执${where}的 ${field} 应为文字。`);
  }
  const s = String(value).trim();
  if (s.length > MAX_TEXT) throw new CoreError('BAD_FILE', `回执${where}的 ${field} 过长（${s.length} 个字符，上限 ${MAX_TEXT}）。`);
  return s === '' ? null : s;
}

function result(raw: unknown, where: string): ReceiptResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CoreError('BAD_FILE', `回执${where}应是一个对象（含 opId、status）。`);
  const r = raw as Record<string, unknown>;
  const opId = textField(r.opId, 'opId（操作编号）', where);
  if (!opId) throw new CoreError('BAD_FILE', `回执${where}缺少 opId（操作编号）。`);
  const statusText = textField(r.status, 'status（结果）', where) ?? '';
  const status = Object.prototype.hasOwnProperty.call(STATUS, statusText) ? STATUS[statusText] : undefined;
  if (!status) throw new CoreError('BAD_FILE', `回执${where}的 status 应为 accepted 或 rejected：${statusText.slice(0, 50)}`);
  return { opId, status, code: textField(r.code, 'code（规则代码）', where), message: textField(r.message, 'message（说明）', where) };
}

export function parseJsonReceipt(text: string): Receipt {
  let data: { format?: unknown; batchId?: unknown; results?: unknown };
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, '')) as typeof data;
  } catch {
    throw new CoreError('BAD_FILE', '回执不是有效的 JSON。');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new CoreError('BAD_FILE', '回执应是一个 JSON 对象（含 format、batchId、results）。');
  if (data.format !== RECEIPT_FORMAT) throw new CoreError('BAD_FILE', `回执格式应为 ${RECEIPT_FORMAT}。`);
  if (typeof data.batchId !== 'string' || data.batchId.length > 100 || !Array.isArray(data.results)) throw new CoreError('BAD_FILE', '回执缺少 batchId 或 results。');
  return { batchId: data.batchId, results: data.results.map((r, i) => result(r, `第 ${i + 1} 条结果`)) };
}

/** A receipt as read from its file, with the key that signed it (hex), when it was signed and the signature holds. */
export interface ReadReceipt {
  receipt: Receipt;
  signerKey: string | null;
}

/** Longest signed receipt text accepted (a platform's answer to 100,000 operations fits easily). */
const MAX_SIGNED_TEXT = 64 * 1024 * 1024;

/**
 * A JSON receipt, signed (`credit-desk-receipt/2`: the exact text of a `/1`
 * receipt, the SM2 signature over its UTF-8 bytes, the signer's PEM public key)
 * or not (`/1`). A signature that does not hold is refused here; whether the
 * signer is a pinned platform key the caller decides.
 */
export function parseReceiptText(text: string): ReadReceipt {
  let data: { format?: unknown; receipt?: unknown; signature?: unknown; signer?: unknown };
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, '')) as typeof data;
  } catch {
    throw new CoreError('BAD_FILE', '回执不是有效的 JSON。');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || data.format !== SIGNED_RECEIPT_FORMAT) {
    return { receipt: parseJsonReceipt(text), signerKey: null };
  }
  if (typeof data.receipt !== 'string' || typeof data.signature !== 'string' || typeof data.signer !== 'string') {
    throw new CoreError('BAD_FILE', `签名回执（${SIGNED_RECEIPT_FORMAT}）应有 receipt（回执原文）、signature（签名）和 signer（签名人公钥）三项文字。`);
  }
  if (data.receipt.length > MAX_SIGNED_TEXT || data.signature.length > 1000 || data.signer.length > 5000) throw new CoreError('BAD_FILE', '签名回执的某一项过长。');
  const signerKey = parsePublicKeyPem(data.signer);
  if (!signerKey) throw new CoreError('BAD_FILE', '签名回执的 signer 不是 SM2 公钥（PEM）。');
  const signature = Buffer.from(data.signature, 'base64');
  if (signature.length === 0 || !verifySm2(Buffer.from(data.receipt, 'utf8'), signature, signerKey)) {
    throw new CoreError('BAD_FILE', '签名回执的签名不成立：回执原文在签名之后被改动过，或签名已损坏。未导入任何结果。');
  }
  const receipt = parseJsonReceipt(data.receipt);
  return { receipt, signerKey };
}

/** Signs a `/1` receipt's text with a platform key (PEM, as OpenSSL writes it): `receipt pack`, the platform side. */
export function packReceipt(receiptText: string, privateKeyPem: string): string {
  parseJsonReceipt(receiptText); // only a valid receipt is signed
  const key = parsePrivateKeyPem(privateKeyPem);
  const text = receiptText.replace(/^\uFEFF/, '');
  const signature = signSm2(Buffer.from(text, 'utf8'), key).toString('base64');
  return `${JSON.stringify({ format: SIGNED_RECEIPT_FORMAT, receipt: text, signature, signer: publicKeyPem(key.publicKey) }, null, 2)}\n`;
}

const HEADERS: Record<string, keyof ReceiptResult | 'batchId'> = {
  batchid: 'batchId',
  批次编号: 'batchId',
  opid: 'opId',
  操作编号: 'opId',
  status: 'status',
  结果: 'status',
  code: 'code',
  规则代码: 'code',
  代码: 'code',
  message: 'message',
  说明: 'message',
  原因: 'message',
};

/** The .xlsx receipt: one row per operation with columns batchId, opId, status, code, message (or their Chinese names). */
export async function parseXlsxReceipt(path: string): Promise<Receipt> {
  let columns: (string | null)[] | null = null;
  let batchId: string | null = null;
  const results: ReceiptResult[] = [];
  for await (const { rowNumber, cells } of readSpreadsheetRows(path)) {
    if (!columns) {
      columns = cells.map((c) => HEADERS[String(c ?? '').trim().toLowerCase()] ?? HEADERS[String(c ?? '').trim()] ?? null);
      if (!columns.includes('opId') || !columns.includes('status') || !columns.includes('batchId')) {
        throw new CoreError('BAD_FILE', '回执第 1 行应有列：batchId（批次编号）、opId（操作编号）、status（结果）、code、message。');
      }
      continue;
    }
    if (cells.every((c) => c === null || c === '')) continue;
    const raw: Record<string, unknown> = {};
    columns.forEach((k, i) => k && (raw[k] = cells[i]));
    const rowBatch = String(raw.batchId ?? '').trim();
    if (batchId !== null && rowBatch !== batchId) throw new CoreError('BAD_FILE', `回执第 ${rowNumber} 行属于另一个批次：${rowBatch}`);
    batchId = rowBatch;
    results.push(result(raw, `第 ${rowNumber} 行`));
  }
  if (!batchId) throw new CoreError('BAD_FILE', '回执中没有任何结果。');
  return { batchId, results };
}

/** A record operation of the batch a receipt answers. */
type BatchOp = Pick<typeof reportOps.$inferSelect, 'id' | 'recordId' | 'version' | 'op'>;

const STATUS_NAMES = { accepted: '接收', rejected: '退回' } as const;

/**
 * Checks a receipt against its batch without changing anything: every result names
 * an operation of the batch (a record operation or a sanction feedback), once, and
 * agrees with any result an earlier (partial) receipt gave it; at least one result
 * is new. Returns the batch's operations by operation id and the new results.
 */
export function checkReceipt(
  db: SqliteDatabase,
  batch: { id: number; opIdPrefix: string },
  receipt: Receipt,
): { ops: Map<string, BatchOp>; feedback: Map<string, number>; fresh: ReceiptResult[] } {
  const q = orm(db);
  const ops = new Map<string, BatchOp>(
    q
      .select({ id: reportOps.id, recordId: reportOps.recordId, version: reportOps.version, op: reportOps.op })
      .from(reportOps)
      .where(eq(reportOps.batchId, batch.id))
      .all()
      .map((o) => [`${batch.opIdPrefix}${o.id}`, o]),
  );
  // Sanction-feedback operations (`<USCC>-F<n>`) are answered in the same receipt.
  const feedback = feedbackOpsByOpId(db, batch.id, batch.opIdPrefix);
  const answered = (table: typeof receiptResults | typeof feedbackReceipts, prefix: string) =>
    q
      .select({ opId: table.opId, status: table.status, code: table.code, message: table.message })
      .from(table)
      .where(eq(table.batchId, batch.id))
      .all()
      .map((r): [string, typeof r] => [`${batch.opIdPrefix}${prefix}${r.opId}`, r]);
  const existing = new Map([...answered(receiptResults, ''), ...answered(feedbackReceipts, 'F')]);
  const seen = new Set<string>();
  const fresh: ReceiptResult[] = [];
  for (const r of receipt.results) {
    if (!ops.has(r.opId) && !feedback.has(r.opId)) throw new CoreError('BAD_INPUT', `回执中的操作 ${r.opId} 不属于该批次，未导入任何结果。`);
    if (seen.has(r.opId)) throw new CoreError('BAD_INPUT', `回执中操作 ${r.opId} 出现了两次，未导入任何结果。`);
    seen.add(r.opId);
    const before = existing.get(r.opId);
    if (!before) fresh.push(r);
    else if (before.status !== r.status || before.code !== r.code || before.message !== r.message) {
      throw new CoreError(
        'BAD_INPUT',
        `回执中操作 ${r.opId} 的结果（${STATUS_NAMES[r.status]}）与此前导入的回执（${STATUS_NAMES[before.status]}${before.code ? `，${before.code}` : ''}）不同，未导入任何结果。`,
      );
    }
  }
  if (fresh.length === 0) throw new CoreError('BAD_INPUT', '这份回执的结果此前都已导入过，没有新的结果。');
  return { ops, feedback, fresh };
}

/** Applies a parsed receipt inside the caller's transaction: the results for operations that had none. */
export function applyReceipt(
  db: SqliteDatabase,
  batch: { id: number; opIdPrefix: string },
  receipt: Receipt,
): { accepted: number; rejected: number; recordsUpdated: number; alreadyImported: number } {
  const { ops, feedback, fresh } = checkReceipt(db, batch, receipt);
  // Prepared once for every result of the receipt (up to a batch's 100,000 operations).
  const q = orm(db);
  const insert = q
    .insert(receiptResults)
    .values({ batchId: batch.id, opId: sql.placeholder('opId'), status: sql.placeholder('status'), code: sql.placeholder('code'), message: sql.placeholder('message') })
    .prepare();
  // Only a record still at the reported version takes the platform's verdict; a newer correction keeps its own state.
  const mark = q
    .update(records)
    .set({ state: sql`${sql.placeholder('state')}`, rejection: sql`${sql.placeholder('rejection')}` })
    .where(and(eq(records.id, sql.placeholder('id')), eq(records.version, sql.placeholder('version')), eq(records.state, 'reported')))
    .prepare();
  let accepted = 0;
  let rejected = 0;
  let recordsUpdated = 0;
  for (const r of fresh) {
    const feedbackOp = feedback.get(r.opId);
    if (feedbackOp !== undefined) {
      recordFeedbackReceipt(db, batch.id, feedbackOp, r);
      if (r.status === 'accepted') accepted++;
      else rejected++;
      continue;
    }
    const op = ops.get(r.opId)!;
    insert.run({ opId: op.id, status: r.status, code: r.code, message: r.message });
    if (r.status === 'accepted') accepted++;
    else rejected++;
    // Only a record's content takes the platform's verdict as its state (not a withdrawal, an end of publication or a mark).
    if (op.op !== 'add' && op.op !== 'update') continue;
    const rejection = r.status === 'rejected' ? JSON.stringify({ code: r.code ?? '', message: r.message ?? '' }) : null;
    recordsUpdated += mark.run({ state: r.status, rejection, id: op.recordId, version: op.version }).changes;
  }
  return { accepted, rejected, recordsUpdated, alreadyImported: receipt.results.length - fresh.length };
}
