/** Contract types for signed batches, signing keys and receipts. */
export type BatchStateName = 'prepared' | 'approved' | 'returned' | 'cancelled';

export interface BatchView {
  batchId: number;
  /** `<USCC>-<sequence>`: the id the platform sees (approved batches). */
  publicId: string;
  sequence: number;
  state: BatchStateName;
  preparedAt: string;
  preparedBy: string;
  counts: Record<string, Record<string, number>>;
  operations: number;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
  manifestSm3: string | null;
  signerFingerprint: string | null;
  fileName: string | null;
  receiptAt: string | null;
  receipt: { accepted: number; rejected: number } | null;
  /**
   * 双公示 records this batch brings to the platform for the first time after their
   * 7 working days had passed, as of its approval (or today, while it waits). Absent
   * for a returned or cancelled batch.
   */
  late?: { count: number; reference: string };
  /** Which preparation of this sequence number it is (a returned batch's number is prepared again): 1, 2 … */
  attempt: number;
  /** The audit trail's head recorded in the signed manifest (an anchor; null before approval or for older batches). */
  auditHead: { seq: number; hash: string } | null;
}

export interface BatchOperationView {
  opId: string;
  op: string;
  category: string;
  recordId: number;
  version: number;
  subjectName: string;
  decisionNo: string;
  /** A sanction-feedback operation (op `sanction-feedback`, recordId 0): the check it reports on. */
  checkNo?: string;
  /**
   * What the approver must see before signing. An add: every field it sends (empty ones
   * too). An update: the fields that differ from what the platform last accepted (see
   * `baseline`). A withdrawal: none (its reason says why). Personal data masked.
   */
  changes: { field: string; label: string; before: string | null; after: string | null }[];
  /** Every field the batch file carries for this operation, in the standard column order. */
  fields: { field: string; label: string; value: string | null }[];
  /** For public display on the platform (a 轻微 penalty, a passed 公示截止期, a withdrawal: not), and until when. */
  publicDisplay?: boolean;
  displayUntil?: string | null;
  /** The version an update is compared with: the one the platform last accepted, else last sent. */
  baseline: { version: number; sequence: number; status: 'accepted' | 'sent' } | null;
  /** The clerk's reason for this version (a correction's reason, a withdrawal's reason). */
  reason: string | null;
  receipt: { status: 'accepted' | 'rejected'; code: string | null; message: string | null } | null;
}

/** A receipt read but not applied: what confirming it would do (receipts.preview). */
export interface ReceiptPreview {
  batchId: number;
  publicId: string;
  sequence: number;
  /** Operations in the batch. */
  operations: number;
  accepted: number;
  rejected: number;
  /** Operations of the batch the receipt says nothing about. */
  unanswered: number;
  /** The first rejected operations, with the platform's code and message. */
  rejections: { opId: string; subjectName: string; decisionNo: string; code: string | null; message: string | null }[];
  /** The pinned platform key that signed it (credit-desk-receipt/2), or null: unsigned, only an approver imports it, confirming. */
  signer: { fingerprint: string; label: string } | null;
}

export interface SigningKeyView {
  keyId: number;
  login: string;
  fingerprint: string;
  createdAt: string;
  retiredAt: string | null;
  active: boolean;
}

export interface ReceiptSummary {
  batchId: number;
  publicId: string;
  accepted: number;
  rejected: number;
  /** Records whose state changed (a record corrected since the batch keeps its newer state). */
  recordsUpdated: number;
  /** Results in this receipt that an earlier (partial) receipt had already brought, unchanged. */
  alreadyImported: number;
  /** Signed by a pinned platform key (false: an unsigned receipt an approver confirmed; the trail marks it unauthenticated). */
  signed: boolean;
}

export interface VerifyReport {
  ok: boolean;
  code?: string;
  reason?: string;
  batchId?: string;
  sequence?: number;
  department?: { name: string; uscc: string };
  operations?: number;
  counts?: Record<string, Record<string, number>>;
  signerFingerprint?: string;
  approved?: { at: string; by: string };
  manifestSm3?: string;
  /** The audit head the manifest records (null for batches signed before manifests carried it). */
  auditHead?: { seq: number; hash: string } | null;
  /** Whether the chain to this department's previous batch was checked (it holds that batch). */
  previousChecked?: boolean;
}
