/**
 * The PDF engine: lays a PrintDocument out on A4 pages with pdfkit and the
 * bundled fonts (embedded as subsets). Every line is placed by this code —
 * pdfkit never breaks lines or pages by itself — so text wraps inside its cell,
 * a table that runs onto the next page repeats its header row, a row taller
 * than a page continues on the next, and nothing is clipped or overlaps. Every
 * page has a header (department, title) and a footer (第 x 页 共 y 页, who
 * printed it and when, the print number). The layout runs twice: first only to
 * count the pages, then to draw them, each page leaving memory as soon as it is
 * finished (a credit file may run to hundreds of pages). The same document and
 * stamp give the same bytes.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Align, Block, ChartBlock, FieldRow, PrintDocument, PrintStamp, TableColumn, TableRow } from './model';
import { loadFaces, type FaceName, type FaceSet } from './fonts';
import { TextShaper } from './text';
import { chinaDateTime } from './time';
import { PREVIEW_MARK } from './preview';

const MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { left: 20 * MM, right: 20 * MM, top: 24 * MM, bottom: 22 * MM };
const PAD_X = 4;
const PAD_Y = 3;
const LINE = 1.45;
const BORDER = '#8c8c8c';
const SHADE = '#efefef';
const MUTED = '#595959';

export interface RenderResult {
  bytes: Buffer;
  pages: number;
  /** Characters no bundled font has; printed as boxes. */
  missingGlyphs: string[];
}

interface Cell {
  x: number;
  width: number;
  lines: string[];
  face: FaceName;
  size: number;
  align: Align;
  fill?: string;
  color?: string;
  /** Space before the text (a history line under its record). */
  indent?: number;
}

class Layout {
  /** The PDF being drawn; null while the first pass only counts pages. */
  private doc: PDFKit.PDFDocument | null = null;
  readonly shaper: TextShaper;
  private readonly pageWidth: number;
  private readonly pageHeight: number;
  private readonly left = MARGIN.left;
  private readonly right: number;
  private readonly top = MARGIN.top;
  private readonly bottom: number;
  private y = 0;
  private pageCount = 0;
  /** Known once the first pass has run. */
  private totalPages = 0;
  /** The page of each heading listed in the contents, in order: recorded by each pass, drawn from the first's. */
  private tocPages: number[] = [];
  private knownTocPages: number[] | null = null;
  /** The PDF outline's current chapter (bookmarks in the reader's side panel). */
  private outlineParent: PDFKit.PDFOutline | null = null;

  constructor(
    private readonly source: PrintDocument,
    private readonly stamp: PrintStamp,
    private readonly faces: FaceSet,
  ) {
    const landscape = source.landscape === true;
    this.pageWidth = landscape ? A4.height : A4.width;
    this.pageHeight = landscape ? A4.width : A4.height;
    this.right = this.pageWidth - MARGIN.right;
    this.bottom = this.pageHeight - MARGIN.bottom;
    this.shaper = new TextShaper(faces);
  }

  private createDocument(): PDFKit.PDFDocument {
    const { source, stamp } = this;
    const at = new Date(stamp.printedAt);
    const doc = new PDFDocument({
      size: 'A4',
      layout: source.landscape ? 'landscape' : 'portrait',
      margin: 0,
      autoFirstPage: false,
      compress: true,
      pdfVersion: '1.7',
      lang: 'zh-CN',
      displayTitle: true,
      info: {
        Title: `${source.title}${source.subtitle ? ` ${source.subtitle}` : ''}`,
        Author: stamp.department,
        Subject: stamp.printNo ? `打印编号 ${stamp.printNo}` : PREVIEW_MARK,
        Creator: '信用工作台 Credit Desk',
        Producer: '信用工作台 Credit Desk',
        CreationDate: at,
        ModDate: at,
      },
    });
    // The parsed fonts are shared by every document; pdfkit embeds a subset of each per document.
    for (const name of ['regular', 'bold', 'mono'] as const) doc.registerFont(name, this.faces[name].font as unknown as Buffer);
    return doc;
  }

  get contentWidth(): number {
    return this.right - this.left;
  }

  // --- pages ----------------------------------------------------------------------------

  private newPage(): void {
    this.pageCount++;
    this.y = this.top;
    if (!this.doc) return;
    // Adding a page finishes the one before: pdfkit writes it out and lets it go.
    this.doc.addPage({ size: 'A4', layout: this.source.landscape ? 'landscape' : 'portrait', margin: 0 });
    this.frame(this.pageCount);
  }

  private get room(): number {
    return this.bottom - this.y;
  }

  /** Starts a new page unless `height` still fits on this one. */
  private ensure(height: number): void {
    if (height > this.room) this.newPage();
  }

  // --- drawing primitives ------------------------------------------------------------------

  private drawLine(line: string, face: FaceName, size: number, x: number, top: number, width: number, align: Align, color = '#000000'): void {
    if (!this.doc) return;
    const runs = this.shaper.runs(line, face);
    const total = runs.reduce((s, r) => s + r.width, 0) * size;
    let cx = align === 'center' ? x + (width - total) / 2 : align === 'right' ? x + width - total : x;
    // The ideographic em box sits about 0.88 em above the baseline; centre it in the line.
    const baseline = top + (size * LINE - size) / 2 + size * 0.88;
    this.doc.fillColor(color);
    for (const run of runs) {
      this.doc.font(run.face).fontSize(size).text(run.text, cx, baseline, { lineBreak: false, baseline: 'alphabetic' });
      cx += run.width * size;
    }
  }

  private lines(text: string, face: FaceName, size: number, width: number, indent = 0): string[] {
    return this.shaper.wrap(this.shaper.clean(text, face), face, size, width, indent);
  }

  // --- rows of cells (tables, label/value grids) --------------------------------------------

  private rowHeight(cells: Cell[]): number {
    return Math.max(...cells.map((c) => c.lines.length * c.size * LINE)) + 2 * PAD_Y;
  }

  private drawCells(cells: Cell[], height: number): void {
    const doc = this.doc;
    if (!doc) {
      this.y += height;
      return;
    }
    doc.lineWidth(0.5);
    for (const c of cells) {
      if (c.fill) doc.rect(c.x, this.y, c.width, height).fillColor(c.fill).fill();
      doc.rect(c.x, this.y, c.width, height).strokeColor(BORDER).stroke();
      const indent = c.indent ?? 0;
      c.lines.forEach((line, i) =>
        this.drawLine(line, c.face, c.size, c.x + PAD_X + indent, this.y + PAD_Y + i * c.size * LINE, c.width - 2 * PAD_X - indent, c.align, c.color),
      );
    }
    this.y += height;
  }

  /**
   * Places a row, on a new page when it does not fit (after repeating `header`,
   * a table's header row); a row taller than a whole page is split line by line.
   */
  private placeRow(cells: Cell[], header?: Cell[]): void {
    const headerHeight = header ? this.rowHeight(header) : 0;
    const repeat = () => header && this.drawCells(header, headerHeight);
    let rest = cells;
    for (;;) {
      const height = this.rowHeight(rest);
      if (height <= this.room) {
        this.drawCells(rest, height);
        return;
      }
      const minLine = Math.max(...rest.map((c) => c.size * LINE)) + 2 * PAD_Y;
      const fullPage = this.bottom - this.top - headerHeight;
      if (height <= fullPage || this.room < minLine) {
        this.newPage();
        repeat();
        continue;
      }
      // Split: as many lines of every cell as fit here, the rest on the next page.
      const take = (c: Cell) => Math.max(1, Math.floor((this.room - 2 * PAD_Y) / (c.size * LINE)));
      const head = rest.map((c) => ({ ...c, lines: c.lines.slice(0, take(c)) }));
      const tail = rest.map((c) => ({ ...c, lines: c.lines.slice(take(c)) }));
      this.drawCells(head, this.room);
      rest = tail.map((c) => (c.lines.length ? c : { ...c, lines: [''] }));
      this.newPage();
      repeat();
    }
  }

  // --- blocks -----------------------------------------------------------------------------

  private title(): void {
    const { title, subtitle, letterhead } = this.source;
    if (letterhead) return this.letterheadTitle(letterhead, title);
    for (const line of this.lines(title, 'bold', 18, this.contentWidth)) {
      this.drawLine(line, 'bold', 18, this.left, this.y, this.contentWidth, 'center');
      this.y += 18 * LINE;
    }
    if (subtitle) {
      for (const line of this.lines(subtitle, 'regular', 11, this.contentWidth)) {
        this.drawLine(line, 'regular', 11, this.left, this.y, this.contentWidth, 'center', MUTED);
        this.y += 11 * LINE;
      }
    }
    this.y += 8;
  }

  /** 发文机关标志, the rule, the 发文字号 at the right under it, then the title. */
  private letterheadTitle(head: { issuer: string; docNo: string | null }, title: string): void {
    for (const line of this.lines(head.issuer, 'bold', 22, this.contentWidth)) {
      this.drawLine(line, 'bold', 22, this.left, this.y, this.contentWidth, 'center');
      this.y += 22 * LINE;
    }
    this.y += 4;
    this.doc?.lineWidth(1.2).strokeColor('#000000').moveTo(this.left, this.y).lineTo(this.right, this.y).stroke();
    this.y += 6;
    if (head.docNo) {
      this.drawLine(head.docNo, 'regular', 12, this.left, this.y, this.contentWidth, 'right');
      this.y += 12 * LINE;
    }
    this.y += 18;
    for (const line of this.lines(title, 'bold', 20, this.contentWidth)) {
      this.drawLine(line, 'bold', 20, this.left, this.y, this.contentWidth, 'center');
      this.y += 20 * LINE;
    }
    this.y += 14;
  }

  /** 落款: the issuing body's name and the date at the right, a dashed round seal area over them. */
  private seal(issuer: string, date: string): void {
    const size = 12;
    const radius = 42;
    const width = Math.max(this.shaper.width(this.shaper.clean(issuer, 'regular'), 'regular'), this.shaper.width(this.shaper.clean(date, 'regular'), 'regular')) * size;
    const blockWidth = Math.min(this.contentWidth, width + 2 * size);
    this.y += 18;
    this.ensure(2 * size * LINE + radius + 8);
    const x = this.right - blockWidth - 2 * size;
    const centreX = x + blockWidth / 2;
    const centreY = this.y + size * LINE;
    if (this.doc) {
      this.doc.save().lineWidth(0.6).dash(3, { space: 3 }).strokeColor('#8c8c8c').circle(centreX, centreY, radius).stroke().undash().restore();
      this.drawLine('（印章）', 'regular', 8, centreX - radius, centreY + radius - 14, 2 * radius, 'center', MUTED);
    }
    this.drawLine(issuer, 'regular', size, x, this.y, blockWidth, 'center');
    this.y += size * LINE;
    this.drawLine(date, 'regular', size, x, this.y, blockWidth, 'center');
    this.y += size * LINE + Math.max(0, radius - size * LINE) + 8;
  }

  private heading(b: Extract<Block, { kind: 'heading' }>, index: number): void {
    const size = b.level === 1 ? 17 : b.level === 2 ? 13.5 : b.level === 3 ? 11.5 : 12;
    const lines = this.lines(b.text, 'bold', size, this.contentWidth);
    // Keep a heading with the start of what follows it (a sub-heading, a table's header and first row).
    this.y += this.y > this.top ? (b.level === 1 ? 4 : 10) : 0;
    this.ensure(lines.length * size * LINE + 4 + Math.max(40, this.startHeight(index + 1)));
    if (b.toc) {
      this.tocPages.push(this.pageCount);
      if (this.doc) {
        // Bookmarks: chapters at the top level, their sections under them.
        if (b.level === 1 || !this.outlineParent) this.outlineParent = this.doc.outline.addItem(b.text);
        else this.outlineParent.addItem(b.text);
      }
    }
    for (const line of lines) {
      this.drawLine(line, 'bold', size, this.left, this.y, this.contentWidth, 'left');
      this.y += size * LINE;
    }
    if (b.level === 1 && this.doc) {
      this.doc.lineWidth(0.8).strokeColor('#1677ff').moveTo(this.left, this.y + 2).lineTo(this.right, this.y + 2).stroke();
    }
    this.y += b.level === 1 ? 10 : 4;
  }

  private paragraph(b: Extract<Block, { kind: 'paragraph' }>, index: number): void {
    const size = b.size ?? 10.5;
    const face: FaceName = b.bold ? 'bold' : 'regular';
    // A bullet hangs: the text wraps beside it. A shaded paragraph (a note) sits in a tinted box.
    const hang = b.bullet ? this.shaper.width(this.shaper.clean(b.bullet, 'regular'), 'regular') * size + size * 0.6 : 0;
    const pad = b.shaded ? 6 : 0;
    const width = this.contentWidth - hang - 2 * pad;
    const lines = this.lines(b.text, face, size, width, b.indent ? 2 * size : 0);
    // A sub-heading stays with the start of what it introduces.
    if (b.keepWithNext) this.ensure(lines.length * size * LINE + 4 + this.startHeight(index + 1));
    if (b.shaded) this.y += 2;
    lines.forEach((line, i) => {
      this.ensure(size * LINE + (i === lines.length - 1 ? pad : 0));
      if (b.shaded && this.doc) this.doc.rect(this.left, this.y - (i === 0 ? pad : 0), this.contentWidth, size * LINE + (i === 0 ? pad : 0) + (i === lines.length - 1 ? pad : 0)).fillColor('#f0f5ff').fill();
      if (b.bullet && i === 0) this.drawLine(b.bullet, 'regular', size, this.left + pad, this.y, hang, 'left', b.muted ? MUTED : undefined);
      const indent = b.indent && i === 0 ? 2 * size : 0;
      const x = this.left + pad + hang + indent;
      this.drawLine(line, face, size, x, this.y, width - indent, b.align ?? 'left', b.muted ? MUTED : undefined);
      this.y += size * LINE;
    });
    this.y += 4 + pad;
  }

  /** The table of contents; page numbers from the first pass (the same layout, so the same pages). */
  private contents(title: string): void {
    const entries = this.source.blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.toc === true);
    this.heading({ kind: 'heading', text: title, level: 1 }, this.source.blocks.length);
    const numberWidth = 36;
    entries.forEach((e, i) => {
      const size = e.level === 1 ? 11 : 10;
      const face: FaceName = e.level === 1 ? 'bold' : 'regular';
      const indent = ((e.level ?? 1) - 1) * 16;
      const textWidth = this.contentWidth - indent - numberWidth - 12;
      const lines = this.lines(e.text, face, size, textWidth);
      if (e.level === 1 && i > 0) this.y += 4;
      this.ensure(lines.length * size * LINE);
      lines.forEach((line, j) => {
        this.drawLine(line, face, size, this.left + indent, this.y, textWidth, 'left');
        if (j === lines.length - 1 && this.doc) {
          const page = String(this.knownTocPages?.[i] ?? '');
          const end = this.left + indent + this.shaper.width(this.shaper.clean(line, face), face) * size + 4;
          const numberX = this.right - numberWidth;
          const baseline = this.y + size * LINE - 3;
          if (numberX - 4 > end) {
            this.doc.save().lineWidth(0.5).dash(0.5, { space: 2.5 }).strokeColor(MUTED).moveTo(end, baseline).lineTo(numberX - 4, baseline).stroke().undash().restore();
          }
          this.drawLine(page, 'regular', size, numberX, this.y, numberWidth, 'right');
        }
        this.y += size * LINE;
      });
    });
    this.newPage();
  }

  /** Width and height of a PNG, from its IHDR chunk. */
  private static pngSize(png: Buffer): { width: number; height: number } {
    if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG picture');
    return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  }

  private image(b: Extract<Block, { kind: 'image' }>): void {
    const { width: pw, height: ph } = Layout.pngSize(b.png);
    const captionSize = 9;
    const captionLines = b.caption ? this.lines(b.caption, 'regular', captionSize, this.contentWidth) : [];
    const captionHeight = captionLines.length * captionSize * LINE;
    const limit = Math.min(b.maxHeight ?? Infinity, this.bottom - this.top - captionHeight - 12);
    let width = this.contentWidth;
    let height = (width * ph) / pw;
    if (height > limit) {
      height = limit;
      width = (height * pw) / ph;
    }
    this.ensure(height + captionHeight + 10);
    const x = this.left + (this.contentWidth - width) / 2;
    if (this.doc) {
      this.doc.image(b.png, x, this.y, { width, height });
      this.doc.lineWidth(0.5).strokeColor(BORDER).rect(x, this.y, width, height).stroke();
    }
    this.y += height + 4;
    for (const line of captionLines) {
      this.drawLine(line, 'regular', captionSize, this.left, this.y, this.contentWidth, 'center', MUTED);
      this.y += captionSize * LINE;
    }
    this.y += 8;
  }

  private columnsX(columns: TableColumn[]): { x: number; width: number }[] {
    const total = columns.reduce((s, c) => s + c.width, 0);
    let x = this.left;
    return columns.map((c) => {
      const width = (c.width / total) * this.contentWidth;
      const at = { x, width };
      x += width;
      return at;
    });
  }

  /** A table's header cells and a maker of its row cells. */
  private tableCells(b: Extract<Block, { kind: 'table' }>): { header: Cell[]; rowCells: (row: TableRow) => Cell[] } {
    const size = 9;
    const geometry = this.columnsX(b.columns);
    const header: Cell[] = b.columns.map((c, i) => ({
      x: geometry[i].x,
      width: geometry[i].width,
      lines: this.lines(c.title, 'bold', size, geometry[i].width - 2 * PAD_X),
      face: 'bold',
      size,
      align: 'center',
      fill: SHADE,
    }));
    const rowCells = (row: TableRow): Cell[] => {
      if (!Array.isArray(row)) {
        // A line across the table (a record's history), indented under its row.
        const indent = 12;
        return [
          {
            x: this.left,
            width: this.contentWidth,
            lines: this.lines(row.span, 'regular', size - 0.5, this.contentWidth - 2 * PAD_X - indent),
            face: 'regular',
            size: size - 0.5,
            align: 'left',
            color: row.muted ? MUTED : undefined,
            indent,
          },
        ];
      }
      return b.columns.map((c, i) => ({
        x: geometry[i].x,
        width: geometry[i].width,
        lines: this.lines(row[i] ?? '', 'regular', size, geometry[i].width - 2 * PAD_X),
        face: 'regular' as const,
        size,
        align: c.align ?? 'left',
      }));
    };
    return { header, rowCells };
  }

  /**
   * A table's rows in groups that stay on one page: a row and the lines across the
   * table that follow it (a record and its history), so that a history line never
   * starts a page away from its record.
   */
  private static groups(rows: TableRow[]): TableRow[][] {
    const out: TableRow[][] = [];
    for (const row of rows) {
      if (!Array.isArray(row) && out.length > 0 && out[out.length - 1].some(Array.isArray)) out[out.length - 1].push(row);
      else out.push([row]);
    }
    return out;
  }

  /** How much of a block must share a page with a heading before it (the heading is never left alone). */
  private startHeight(index: number): number {
    const b = this.source.blocks[index];
    if (!b) return 0;
    switch (b.kind) {
      case 'table': {
        const { header, rowCells } = this.tableCells(b);
        const rows = b.rows.length > 0 ? b.rows : [{ span: b.empty ?? '（无）' }];
        const first = Layout.groups(rows)[0].map((r) => this.rowHeight(rowCells(r))).reduce((a, h) => a + h, 0);
        return this.rowHeight(header) + Math.min(first, (this.bottom - this.top) / 3);
      }
      case 'paragraph': {
        const size = b.size ?? 10.5;
        if (!b.keepWithNext) return size * LINE + 4;
        return this.lines(b.text, b.bold ? 'bold' : 'regular', size, this.contentWidth).length * size * LINE + 4 + this.startHeight(index + 1);
      }
      case 'fields':
        return 2 * 9.5 * LINE + 2 * PAD_Y;
      default:
        return 40;
    }
  }

  private table(b: Extract<Block, { kind: 'table' }>): void {
    const { header, rowCells } = this.tableCells(b);
    const rows = b.rows.length > 0 ? b.rows : [{ span: b.empty ?? '（无）', muted: true }];
    const groups = Layout.groups(rows);
    const headerHeight = this.rowHeight(header);
    const fullPage = this.bottom - this.top - headerHeight;
    groups.forEach((group, g) => {
      const cells = group.map(rowCells);
      const height = cells.reduce((h, c) => h + this.rowHeight(c), 0);
      if (g === 0) {
        // The header does not stay alone at the foot of a page: it goes with the first group (or its start).
        this.ensure(headerHeight + Math.min(height, fullPage, (this.bottom - this.top) / 3));
        this.drawCells(header, headerHeight);
      }
      // A group that fits on a page is not split: it starts the next page, under the repeated header.
      if (height > this.room && height <= fullPage) {
        this.newPage();
        this.drawCells(header, headerHeight);
      }
      for (const c of cells) this.placeRow(c, header);
    });
    this.y += 6;
  }

  private fields(b: Extract<Block, { kind: 'fields' }>): void {
    const size = 9.5;
    const columns = b.columns ?? 2;
    const labelWidth = Math.min(
      Math.max(...b.rows.map((r) => this.shaper.width(this.shaper.clean(r.label, 'bold'), 'bold') * size)) + 2 * PAD_X + 2,
      this.contentWidth / (columns * 2.2),
    );
    const pairWidth = this.contentWidth / columns;
    const cell = (x: number, width: number, text: string, label: boolean): Cell => ({
      x,
      width,
      lines: this.lines(text, label ? 'bold' : 'regular', size, width - 2 * PAD_X),
      face: label ? 'bold' : 'regular',
      size,
      align: 'left',
      fill: label ? SHADE : undefined,
    });
    const pending: FieldRow[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      const cells: Cell[] = [];
      pending.forEach((r, i) => {
        const x = this.left + i * pairWidth;
        const width = i === columns - 1 || pending.length === 1 ? this.right - x : pairWidth;
        cells.push(cell(x, labelWidth, r.label, true), cell(x + labelWidth, width - labelWidth, r.value, false));
      });
      // A lone field on the last row of a two-column grid takes the whole line.
      this.placeRow(cells);
      pending.length = 0;
    };
    for (const row of b.rows) {
      if (row.wide || columns === 1) {
        flush();
        pending.push(row);
        flush();
        continue;
      }
      pending.push(row);
      if (pending.length === columns) flush();
    }
    flush();
    this.y += 6;
  }

  private signatures(lines: string[]): void {
    const size = 10.5;
    const rowHeight = 40;
    const half = this.contentWidth / 2;
    this.y += 8;
    for (let i = 0; i < lines.length; i += 2) {
      this.ensure(rowHeight);
      for (const [j, label] of lines.slice(i, i + 2).entries()) {
        const x = this.left + j * half;
        const text = `${label}：`;
        const w = this.shaper.width(this.shaper.clean(text, 'regular'), 'regular') * size;
        const base = this.y + 18;
        this.drawLine(text, 'regular', size, x, base - size * LINE + 4, w + 2, 'left');
        this.doc?.lineWidth(0.6).strokeColor('#000000').moveTo(x + w + 4, base + 4).lineTo(x + half - 16, base + 4).stroke();
        this.drawLine('日期：      年    月    日', 'regular', 9, x + w + 4, base + 8, half - w - 20, 'right', MUTED);
      }
      this.y += rowHeight;
    }
  }

  private qr(data: string, caption?: string): void {
    const size = 118;
    const quiet = 4;
    this.ensure(size + 8);
    const x0 = this.left;
    const y0 = this.y;
    this.y = y0 + size + 8;
    const doc = this.doc;
    if (!doc) return;
    const modules = QRCode.create(data, { errorCorrectionLevel: 'M' }).modules;
    const unit = size / (modules.size + 2 * quiet);
    doc.fillColor('#000000');
    for (let r = 0; r < modules.size; r++) {
      for (let c = 0; c < modules.size; c++) {
        if (modules.get(r, c)) doc.rect(x0 + (c + quiet) * unit, y0 + (r + quiet) * unit, unit + 0.05, unit + 0.05);
      }
    }
    doc.fill();
    const captionLines = caption ? this.lines(caption, 'mono', 7.5, this.contentWidth - size - 24) : [];
    captionLines.forEach((line, i) => this.drawLine(line, 'mono', 7.5, x0 + size + 12, y0 + quiet * unit + i * 7.5 * LINE, this.contentWidth - size - 12, 'left'));
  }

  private mono(text: string): void {
    const size = 8.5;
    const lines = this.lines(text, 'mono', size, this.contentWidth - 2 * PAD_X - 4);
    const cells: Cell[] = [{ x: this.left, width: this.contentWidth, lines, face: 'mono', size, align: 'left', fill: '#f7f7f7' }];
    this.placeRow(cells);
    this.y += 6;
  }

  /** A step of 1, 2 or 5 × 10ⁿ giving at most `ticks` intervals up to `max`. */
  private static niceStep(max: number, ticks: number): number {
    const raw = Math.max(max, 1) / ticks;
    const p = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * p).find((x) => x >= raw)!;
    return Math.max(1, step);
  }

  /** Grouped bars (left axis, counts) and lines of rates (right axis, percent), as vector paths. */
  private chart(b: ChartBlock): void {
    const titleSize = 10;
    const small = 7;
    const plotHeight = b.height ?? 150;
    const legendHeight = small * LINE + 4;
    const axisLabelHeight = small * LINE * 2 + 4;
    const total = titleSize * LINE + 4 + legendHeight + plotHeight + axisLabelHeight + 8;
    this.ensure(total);
    const top = this.y;
    this.y += total;
    const doc = this.doc;
    if (!doc) return;
    this.drawLine(b.title, 'bold', titleSize, this.left, top, this.contentWidth, 'left');

    // Legend: a swatch and the name of every series.
    const lines = b.lines ?? [];
    let lx = this.left;
    const legendTop = top + titleSize * LINE + 4;
    for (const [i, series] of [...b.bars, ...lines].entries()) {
      const isLine = i >= b.bars.length;
      if (isLine) doc.lineWidth(1.5).strokeColor(series.color).moveTo(lx, legendTop + small * 0.75).lineTo(lx + 12, legendTop + small * 0.75).stroke();
      else doc.rect(lx, legendTop + 1, 10, small).fillColor(series.color).fill();
      const w = this.shaper.width(this.shaper.clean(series.name, 'regular'), 'regular') * small;
      this.drawLine(series.name, 'regular', small, lx + 14, legendTop - 1, w + 2, 'left', MUTED);
      lx += 14 + w + 12;
    }

    // The plot area, with room for the axes' labels.
    const axisWidth = 30;
    const x0 = this.left + axisWidth;
    const x1 = this.right - (lines.length ? axisWidth : 4);
    const y0 = legendTop + legendHeight;
    const y1 = y0 + plotHeight;
    const max = Math.max(0, ...b.bars.flatMap((s) => s.values.map((v) => v ?? 0)));
    const step = Layout.niceStep(max, 5);
    const top0 = Math.max(step, Math.ceil(max / step) * step);
    const yOf = (v: number) => y1 - (v / top0) * (y1 - y0 - small * LINE);
    doc.lineWidth(0.3).strokeColor('#d9d9d9');
    for (let v = 0; v <= top0 + 1e-9; v += step) {
      doc.moveTo(x0, yOf(v)).lineTo(x1, yOf(v)).stroke();
      this.drawLine(String(v), 'regular', small, this.left, yOf(v) - small * LINE / 2, axisWidth - 4, 'right', MUTED);
    }
    if (lines.length) {
      for (let pct = 0; pct <= 100; pct += 25) {
        const y = y1 - (pct / 100) * (y1 - y0 - small * LINE);
        this.drawLine(`${pct}%`, 'regular', small, x1 + 4, y - small * LINE / 2, axisWidth - 4, 'left', MUTED);
      }
    }
    doc.lineWidth(0.6).strokeColor('#595959').moveTo(x0, y1).lineTo(x1, y1).stroke();

    const slot = (x1 - x0) / Math.max(1, b.categories.length);
    const groupWidth = slot * 0.78;
    const barWidth = groupWidth / Math.max(1, b.bars.length);
    b.categories.forEach((name, i) => {
      const sx = x0 + i * slot;
      this.drawLine(name, 'regular', small, sx, y1 + 2, slot, 'center');
      b.bars.forEach((series, j) => {
        const v = series.values[i];
        if (v === null || v === undefined) return;
        const bx = sx + (slot - groupWidth) / 2 + j * barWidth;
        const h = y1 - yOf(v);
        if (h > 0) doc.rect(bx + 0.5, yOf(v), barWidth - 1, h).fillColor(series.color).fill();
        this.drawLine(String(v), 'regular', 5.5, bx - 4, yOf(v) - 5.5 * LINE, barWidth + 8, 'center', '#262626');
      });
    });
    for (const [k, series] of lines.entries()) {
      const points = series.values
        .map((v, i) => (v === null || v === undefined ? null : { x: x0 + i * slot + slot / 2, y: y1 - v * (y1 - y0 - small * LINE), v }))
        .filter((p): p is { x: number; y: number; v: number } => p !== null);
      if (points.length === 0) continue;
      doc.lineWidth(1.5).strokeColor(series.color);
      points.forEach((p, k) => (k === 0 ? doc.moveTo(p.x, p.y) : doc.lineTo(p.x, p.y)));
      if (points.length > 1) doc.stroke();
      for (const p of points) {
        doc.circle(p.x, p.y, 1.8).fillColor(series.color).fill();
        // The value on a white label, above the point for the first line and below it for the next, so two never overlap.
        const label = `${(p.v * 100).toFixed(1)}%`;
        const size = 6;
        const w = this.shaper.width(label, 'regular') * size + 4;
        const h = size * LINE;
        const ly = k % 2 === 0 ? p.y - h - 3 : p.y + 3;
        doc.rect(p.x - w / 2, ly, w, h).fillColor('#ffffff').fill();
        doc.lineWidth(0.4).rect(p.x - w / 2, ly, w, h).strokeColor(series.color).stroke();
        this.drawLine(label, 'regular', size, p.x - w / 2, ly, w, 'center', series.color);
      }
    }
  }

  // --- the whole document -------------------------------------------------------------------

  private block(b: Block, index: number): void {
    switch (b.kind) {
      case 'heading':
        return this.heading(b, index);
      case 'contents':
        return this.contents(b.title ?? '目录');
      case 'image':
        return this.image(b);
      case 'paragraph':
        return this.paragraph(b, index);
      case 'fields':
        return this.fields(b);
      case 'table':
        return this.table(b);
      case 'signatures':
        return this.signatures(b.lines);
      case 'qr':
        return this.qr(b.data, b.caption);
      case 'mono':
        return this.mono(b.text);
      case 'seal':
        return this.seal(b.issuer, b.date);
      case 'spacer':
        this.y += b.height;
        if (this.y > this.bottom) this.newPage();
        return;
      case 'pageBreak':
        return this.newPage();
      case 'chart':
        return this.chart(b);
    }
  }

  /** The header and footer of page `n` (of `totalPages`, counted by the first pass). */
  private frame(n: number): void {
    const doc = this.doc!;
    const third = this.contentWidth / 3;
    if (this.source.letterhead) {
      // A letter carries only what its addressee should read: no running header, no printer's name.
      const footerTop = this.bottom + 10;
      this.drawLine(`第 ${n} 页 共 ${this.totalPages} 页`, 'regular', 9, this.left + third, footerTop + 4, third, 'center');
      this.drawLine(this.stamp.printNo ?? PREVIEW_MARK, 'regular', 7, this.left + third * 2, footerTop + 4, third, 'right', MUTED);
      if (!this.stamp.printNo) this.previewMark(MARGIN.top);
      return;
    }
    const headerTop = MARGIN.top - 30;
    this.drawLine(this.shaper.clean(this.stamp.department, 'regular'), 'regular', 9, this.left, headerTop, this.contentWidth * 0.65, 'left', MUTED);
    this.drawLine(this.shaper.clean(this.source.title, 'regular'), 'regular', 9, this.left + this.contentWidth * 0.65, headerTop, this.contentWidth * 0.35, 'right', MUTED);
    doc.lineWidth(0.6).strokeColor('#000000').moveTo(this.left, headerTop + 16).lineTo(this.right, headerTop + 16).stroke();
    const footerTop = this.bottom + 10;
    const by = this.shaper.clean(`打印人：${this.stamp.printedBy.name}（${this.stamp.printedBy.login}）  ${chinaDateTime(this.stamp.printedAt)}`, 'regular');
    doc.lineWidth(0.4).strokeColor(BORDER).moveTo(this.left, footerTop).lineTo(this.right, footerTop).stroke();
    this.drawLine(by, 'regular', 8, this.left, footerTop + 4, third * 1.25, 'left', MUTED);
    this.drawLine(`第 ${n} 页 共 ${this.totalPages} 页`, 'regular', 9, this.left + third * 1.25, footerTop + 4, third * 0.6, 'center');
    if (this.stamp.printNo) {
      this.drawLine(`打印编号：${this.stamp.printNo}`, 'regular', 8, this.left + third * 1.85, footerTop + 4, third * 1.15, 'right', MUTED);
    } else {
      // A preview: no number, and a mark across the page that it is not the printed file.
      this.drawLine(PREVIEW_MARK, 'regular', 8, this.left + third * 1.85, footerTop + 4, third * 1.15, 'right', MUTED);
      this.previewMark(headerTop);
    }
  }

  /** A preview's mark across the page: it is not the printed file (a letter's preview carries its real 发文字号). */
  private previewMark(top: number): void {
    const doc = this.doc!;
    doc.save();
    doc.rotate(-30, { origin: [this.left + this.contentWidth / 2, (this.bottom + top) / 2] });
    doc.fillColor('#d9d9d9').fillOpacity(0.45);
    this.drawLine('预览', 'regular', 96, this.left, (this.bottom + top) / 2 - 60, this.contentWidth, 'center', '#d9d9d9');
    doc.restore();
    doc.fillOpacity(1);
  }

  private layOut(): void {
    this.pageCount = 0;
    this.tocPages = [];
    this.outlineParent = null;
    this.newPage();
    this.title();
    this.source.blocks.forEach((b, i) => this.block(b, i));
  }

  async render(): Promise<RenderResult> {
    // First pass: where every page breaks, to know how many there are.
    this.layOut();
    this.totalPages = this.pageCount;
    this.knownTocPages = this.tocPages;
    // Second pass: the same layout, drawn.
    const doc = (this.doc = this.createDocument());
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve, reject) => {
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    this.layOut();
    if (this.pageCount !== this.totalPages) throw new Error(`layout is not deterministic: ${this.pageCount} pages drawn, ${this.totalPages} counted`);
    if (this.tocPages.join() !== this.knownTocPages.join()) throw new Error('layout is not deterministic: the contents would name other pages than the headings are on');
    doc.end();
    await ended;
    return { bytes: Buffer.concat(chunks), pages: this.pageCount, missingGlyphs: [...this.shaper.missing] };
  }
}

/** Lays out and renders a document to PDF bytes. */
export function renderPdf(source: PrintDocument, stamp: PrintStamp, fontsFolder?: string): Promise<RenderResult> {
  return new Layout(source, stamp, loadFaces(fontsFolder)).render();
}
