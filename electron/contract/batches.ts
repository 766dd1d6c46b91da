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
  /** Against the version last reported to the platform (all fields for an add). Personal data masked. */
  changes: { field: string; label: string; before: string | null; after: string | null }[];
  receipt: { status: 'accepted' | 'rejected'; code: string | null; message: string | null } | null;
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
