/** The batch file format `credit-desk-batch/1` (docs/batch-format.md), shared by export and verify. */
export const BATCH_FORMAT = 'credit-desk-batch';
export const BATCH_FORMAT_VERSION = 1;
export const RECEIPT_FORMAT = 'credit-desk-receipt/1';
/** A receipt signed by the platform (docs/batch-format.md): a `/1` receipt's exact text, its SM2 signature and the signer's public key. */
export const SIGNED_RECEIPT_FORMAT = 'credit-desk-receipt/2';

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const SIGNER = 'signer.pem';

export interface ManifestMember {
  path: string;
  size: number;
  sm3: string;
  sha256: string;
}

export interface Manifest {
  format: typeof BATCH_FORMAT;
  formatVersion: number;
  batchId: string;
  department: { name: string; uscc: string; regionCode: string };
  sequence: number;
  /** SM3 (hex) of the previous batch's manifest.json bytes; empty for the first batch. */
  previousManifestSm3: string;
  prepared: { at: string; by: string };
  approved: { at: string; by: string; keyFingerprint: string };
  /** Operations per category and kind, e.g. {"penalty": {"add": 10, "update": 2}}. */
  counts: Record<string, Record<string, number>>;
  operations: number;
  members: ManifestMember[];
  /**
   * The department's audit trail head when the batch was signed (since Credit Desk 0.2;
   * absent in earlier batches): an anchor the platform keeps (docs/batch-format.md).
   */
  auditHead?: { seq: number; hash: string };
  /**
   * true: every record operation line carries `publicDisplay` and `displayUntil` (since
   * Credit Desk 0.3; absent in earlier batches, whose lines do not).
   */
  displayFields?: boolean;
}

export const batchIdOf = (uscc: string, sequence: number) => `${uscc}-${String(sequence).padStart(6, '0')}`;

/** `<USCC>-<sequence, 6 digits>-<YYYYMMDD>.zip`, the date of approval in China Standard Time. */
export function batchFileName(uscc: string, sequence: number, approvedAt: string): string {
  const cst = new Date(Date.parse(approvedAt) + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  return `${batchIdOf(uscc, sequence)}-${cst}.zip`;
}

/** The exact bytes signed: two-space indented JSON and a final newline. */
export function serializeManifest(m: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8');
}

export const opIdOf = (uscc: string, opId: number) => `${uscc}-${opId}`;

/** Operation kinds as the standard Excel member names them. */
/** The batch member category of sanction feedback: data/feedback.jsonl (batches/feedback.ts). */
export const FEEDBACK_CATEGORY = 'feedback';

/** Batch states in words. */
export const STATE_NAMES: Record<'prepared' | 'approved' | 'returned' | 'cancelled', string> = { prepared: '待审核', approved: '已签发', returned: '已退回', cancelled: '已撤销' };

export const OP_NAMES: Record<string, string> = {
  add: '新增',
  update: '更正',
  withdraw: '撤回',
  'end-publication': '终止公示',
  'mark-objection': '异议标注',
  'clear-objection': '撤销异议标注',
  'sanction-feedback': '联合奖惩反馈',
};
