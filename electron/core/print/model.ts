/**
 * A printed document as plain data. A domain describes what to print (blocks of
 * headings, label/value grids, tables, paragraphs, signature lines, a QR code);
 * the engine (layout.ts) lays it out on A4 pages with the department's header
 * and a footer with page numbers, who printed it, when, and its print number.
 */

export const PRINT_KINDS = ['credit-file', 'batch-sheet', 'key-sheet', 'letter', 'check-result', 'manual', 'monthly-report'] as const;
export type PrintKind = (typeof PRINT_KINDS)[number] | (string & {});

export type Align = 'left' | 'center' | 'right';

export interface TableColumn {
  title: string;
  /** Relative width: the columns share the line in proportion. */
  width: number;
  align?: Align;
}

/** A table row: one cell per column, or one line across the whole table (e.g. a record's history). */
export type TableRow = string[] | { span: string; muted?: boolean };

export interface FieldRow {
  label: string;
  value: string;
  /** Takes the whole line in a two-column grid (long values). */
  wide?: boolean;
}

/** One series of a chart: a value per category (null: nothing to draw). */
export interface ChartSeries {
  name: string;
  values: (number | null)[];
  /** A fill or stroke colour, e.g. #1677ff. */
  color: string;
}

/**
 * A chart drawn as vector graphics: grouped bars against a count axis on the left,
 * and optional lines of rates (0–1) against a percent axis on the right. Each bar
 * and point carries its value, so the figures read back as text.
 */
export interface ChartBlock {
  kind: 'chart';
  title: string;
  /** The x axis: months, categories … */
  categories: string[];
  bars: ChartSeries[];
  lines?: ChartSeries[];
  /** Height of the plot in points (default 150). */
  height?: number;
}

export type Block =
  /**
   * A heading; `level` 1–3 for long documents (a chapter starts at 1), none for the short
   * ones' section titles. `toc` lists it in the document's table of contents.
   */
  | { kind: 'heading'; text: string; level?: 1 | 2 | 3; toc?: boolean }
  /** `bullet` ("•", "1.") hangs in the margin: the text wraps beside it, not under it. */
  | { kind: 'paragraph'; text: string; align?: Align; indent?: boolean; size?: number; bold?: boolean; muted?: boolean; bullet?: string; shaded?: boolean; keepWithNext?: boolean }
  /** The table of contents: every heading marked `toc`, with the page it is on. */
  | { kind: 'contents'; title?: string }
  /** A PNG picture across the text width (smaller when it would be taller than `maxHeight` points), with a caption under it. */
  | { kind: 'image'; png: Buffer; caption?: string; maxHeight?: number }
  | { kind: 'fields'; rows: FieldRow[]; columns?: 1 | 2 }
  | { kind: 'table'; columns: TableColumn[]; rows: TableRow[]; empty?: string }
  | { kind: 'signatures'; lines: string[] }
  | { kind: 'qr'; data: string; caption?: string }
  | { kind: 'mono'; text: string }
  | { kind: 'spacer'; height: number }
  /** The issuing body's name and 成文日期 at the right, under a round seal area (GB/T 9704 落款). */
  | { kind: 'seal'; issuer: string; date: string }
  | { kind: 'pageBreak' }
  | ChartBlock;

export interface PrintDocument {
  kind: PrintKind;
  /** The document's title, e.g. 信用档案. */
  title: string;
  /** A line under the title, e.g. the subject's name. */
  subtitle?: string;
  /** What it is about, as audit targets are written: `subject:12`, `batch:3`, `key:2`. */
  target: string;
  /** The same as people read it: a subject's name, 第 2 批 …, a key's owner. */
  targetLabel: string;
  /** Personal ID numbers are masked (false only with the unmask permission and a reason). */
  masked: boolean;
  unmaskReason?: string;
  /** Options that shaped the document (e.g. withHistory), kept in the print log. */
  options?: Record<string, unknown>;
  landscape?: boolean;
  /**
   * A letter that leaves the office (公文, GB/T 9704 on plain A4): the issuing body's name
   * at the top, the 发文字号 under the rule, no running header, and a footer with only the
   * page number and the print number — never who printed it.
   */
  letterhead?: { issuer: string; docNo: string | null };
  blocks: Block[];
}

/** What the footer of every page carries. */
export interface PrintStamp {
  department: string;
  /** Null for a preview: no number is taken, the pages say 预览. */
  printNo: string | null;
  printedBy: { login: string; name: string };
  /** ISO time of the print. */
  printedAt: string;
}
