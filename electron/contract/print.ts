/** Contract types for printing: PDFs made by the core, and the print log. */
import type { Role } from './roles';

/** Who may print (the archivist above all; clerks and approvers too). */
export const PRINTERS: readonly Role[] = ['clerk', 'approver', 'archivist'];
/** The methods that print a document; `print.preview` shows any of them without a number. */
export const PRINT_METHODS = ['print.creditFile', 'print.batchSheet', 'print.keySheet', 'print.letter', 'print.checkResult', 'print.repairNotice', 'print.caseSheet', 'print.manual', 'print.monthlyReport'] as const;
export type PrintMethod = (typeof PRINT_METHODS)[number];

/** Who reads the print log. */
export const PRINT_LOG_READERS: readonly Role[] = ['archivist', 'auditor', 'admin'];
/** Who may look up a print by its number (what it was, who printed it, why unmasked): issue 18. */
export const PRINT_LOOKUP_ROLES: readonly Role[] = ['archivist', 'auditor', 'approver'];

/** A printed document as it reaches the page or the command line. */
export interface PrintPayload {
  /** 打印编号, e.g. P2026-000123; '' for a preview. */
  printNo: string;
  /** A preview (print.preview): marked 预览 on every page, no number, not in the print log. */
  preview?: boolean;
  pages: number;
  /** Size of the PDF in bytes. */
  bytes: number;
  /** SM3 of the PDF bytes, hex: what `print lookup --file` compares. */
  sm3: string;
  /** Suggested file name, e.g. 信用档案-某某公司-P2026-000123.pdf. */
  fileName: string;
  /** The PDF, base64. */
  content: string;
  /** Characters no bundled font has: printed as boxes, listed here and in the print log. */
  missingGlyphs: string[];
  /** A letter's 发文字号 (null: a letter issued before the register existed). */
  docNo?: string | null;
}

export type PrintState = 'rendering' | 'done' | 'failed';

export interface PrintLogEntry {
  printNo: string;
  /** credit-file · batch-sheet · key-sheet · letter … */
  kind: string;
  title: string;
  /** As the audit trail writes targets: subject:12, batch:3, key:2. */
  target: string;
  targetLabel: string;
  masked: boolean;
  unmaskReason: string | null;
  options: Record<string, unknown>;
  state: PrintState;
  pages: number | null;
  bytes: number | null;
  sm3: string | null;
  missingGlyphs: string[];
  error: string | null;
  printedBy: string;
  printedByName: string;
  printedAt: string;
}

export interface PrintLookup {
  entry: PrintLogEntry;
  /** Whether the given PDF is exactly this print (same SM3); null when no file was given. */
  matches: boolean | null;
  /** SM3 of the given file, when one was given. */
  fileSm3: string | null;
}
