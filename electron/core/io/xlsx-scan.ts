/**
 * Hand-written incremental scanners for SpreadsheetML parts (worksheet `sheetData`,
 * shared strings). They take decoded text in arbitrary chunks (a chunk may end
 * anywhere, even inside a tag name) and scan with indexOf/charCodeAt, allocating only
 * the values themselves. They are not general XML parsers: they rely on the structure
 * that ECMA-376 fixes for these parts (`<row>` holds `<c>`, `<c>` holds `<f>`, `<v>`,
 * `<is>`; attribute values never contain `>` for the attributes we read). Any
 * namespace prefix (`<x:row>`) is supported, taken from the part's element.
 */
import { decodeXmlText } from './xml-text';
import { xlsxError } from './errors';

export type CellValue = string | number | boolean | null;

export interface XlsxRow {
  /** Row number as Excel shows it (1-based). */
  rowNumber: number;
  /**
   * Cell values, index 0 = column A. Gaps are `null`; trailing empty cells are not
   * included (a row's length is its last non-empty column + 1).
   */
  cells: CellValue[];
}

/** Largest text we hold while waiting for the end of one row / shared string. */
export const DEFAULT_MAX_PENDING_CHARS = 64 * 1024 * 1024;
const MAX_COLUMNS = 16384; // XFD
const MAX_ROWS = 1048576;

const T_NUM = 0;
const T_SST = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERR = 5;
const T_DATE = 6;

function isDelimiter(d: number): boolean {
  return d === 32 || d === 62 || d === 47 || d === 10 || d === 9 || d === 13;
}

/** `s` at `k` starts with `name` followed by a tag delimiter (whitespace, `>`, `/`). */
function isName(s: string, k: number, name: string): boolean {
  const len = name.length;
  for (let m = 0; m < len; m++) if (s.charCodeAt(k + m) !== name.charCodeAt(m)) return false;
  const d = s.charCodeAt(k + len);
  return d === 62 || d === 47 || d === 32 || d === 10 || d === 9 || d === 13;
}

function cellTypeOf(s: string, a: number, b: number): number {
  const len = b - a;
  const c = s.charCodeAt(a);
  if (len === 1) {
    if (c === 115) return T_SST; // s
    if (c === 98) return T_BOOL; // b
    if (c === 101) return T_ERR; // e
    if (c === 100) return T_DATE; // d
    return T_NUM; // n
  }
  if (len === 3 && c === 115) return T_STR; // str
  if (len === 9 && c === 105) return T_INLINE; // inlineStr
  return T_NUM;
}

const ISO_RE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/;

/** `t="d"` (ISO 8601) cell → Excel serial number (1900 date system), as for other dates. */
export function isoToSerial(text: string): number | null {
  const m = ISO_RE.exec(text);
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, 0) + (m[6] ? Math.round(+m[6] * 1000) : 0);
  return ms / 86_400_000 + 25569;
}

/** Collects the text of a string item (`<si>` / `<is>` content): `<t>` runs, without phonetic `<rPh>` runs. */
class TextCollector {
  readonly tName: string;
  readonly tClose: string;
  readonly rPhName: string;
  readonly rPhClose: string;

  constructor(prefix: string) {
    this.tName = prefix + 't';
    this.tClose = '</' + prefix + 't>';
    this.rPhName = prefix + 'rPh';
    this.rPhClose = '</' + prefix + 'rPh>';
  }

  collect(s: string, a: number, b: number): string {
    let out: string | null = null;
    let i = a;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt === -1 || lt >= b) break;
      const k = lt + 1;
      if (isName(s, k, this.tName)) {
        const gt = s.indexOf('>', k);
        if (gt === -1 || gt >= b) break;
        if (s.charCodeAt(gt - 1) === 47) {
          if (out === null) out = '';
          i = gt + 1;
          continue;
        }
        let close = s.indexOf(this.tClose, gt + 1);
        if (close === -1 || close > b) close = b;
        const piece = decodeXmlText(s.substring(gt + 1, close));
        out = out === null ? piece : out + piece;
        i = close + this.tClose.length;
      } else if (isName(s, k, this.rPhName)) {
        const gt = s.indexOf('>', k);
        if (gt === -1 || gt >= b) break;
        if (s.charCodeAt(gt - 1) === 47) {
          i = gt + 1;
          continue;
        }
        const close = s.indexOf(this.rPhClose, gt + 1);
        if (close === -1 || close > b) break;
        i = close + this.rPhClose.length;
      } else {
        i = k;
      }
    }
    return out ?? '';
  }
}

/**
 * Accumulates chunks while the scanner waits for a closing tag, so that a long
 * element arriving in many chunks is joined once instead of once per chunk.
 */
function lastChars(s: string, n: number): string {
  return n <= 0 ? '' : s.length <= n ? s : s.substring(s.length - n);
}

class Pending {
  private parts: string[] = [];
  private length = 0;
  /** The last characters held (fewer than waitFor's length), to find a tag split across chunks. */
  private tail = '';
  /** What the scanner waits for; chunks that cannot complete it are only stored. */
  private waitFor = '';

  constructor(private readonly maxChars: number) {}

  /** Adds text; returns the whole buffer when the awaited tag may be complete, else null. */
  add(text: string): string | null {
    if (this.parts.length === 0) {
      this.parts.push(text);
      this.length = text.length;
      return this.flush();
    }
    this.parts.push(text);
    this.length += text.length;
    if (this.length > this.maxChars) {
      throw xlsxError(`单行（或单个单元格文本）超过 ${this.maxChars} 个字符，文件可能已损坏。`);
    }
    const w = this.waitFor;
    if (w !== '' && text.indexOf(w) === -1 && (this.tail + text.slice(0, w.length - 1)).indexOf(w) === -1) {
      this.tail = lastChars(this.tail + text, w.length - 1);
      return null;
    }
    return this.flush();
  }

  private flush(): string {
    const s = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    this.length = 0;
    return s;
  }

  /** Keeps `rest` (an unfinished element) for the next chunk. */
  keep(rest: string, waitFor: string): void {
    if (rest.length > this.maxChars) {
      throw xlsxError(`单行（或单个单元格文本）超过 ${this.maxChars} 个字符，文件可能已损坏。`);
    }
    this.waitFor = rest.length ? waitFor : '';
    this.tail = lastChars(rest, waitFor.length - 1);
    if (rest.length) {
      this.parts.push(rest);
      this.length = rest.length;
    }
  }

  get isEmpty(): boolean {
    return this.parts.length === 0;
  }

  text(): string {
    return this.parts.join('');
  }
}

const PREFIX_SRC = '(?:([A-Za-z_][\\w.-]*):)?';

/** Appended to scanned text; see SheetXmlParser.push. */
const SENTINEL = '\u0000'.repeat(32);

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A number from `<v>` text [a, b). Plain decimals of up to 15 digits are computed
 * directly (integer / power of ten: both exact, so the division rounds exactly as
 * Number() does); anything else (exponents, spaces) goes through Number().
 */
function numberAt(s: string, a: number, b: number): CellValue {
  let k = a;
  let neg = false;
  if (k < b && s.charCodeAt(k) === 45) {
    neg = true;
    k++;
  }
  let m = 0;
  let digits = 0;
  let point = -1;
  for (; k < b; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
    } else if (d === -2 && point < 0) {
      point = digits;
    } else {
      break;
    }
  }
  if (k === b && digits > 0 && digits <= 15) {
    const v = point < 0 || point === digits ? m : m / POW10[digits - point];
    return neg ? -v : v;
  }
  const t = s.substring(a, b);
  if (t.trim() === '') return null;
  const num = +t;
  return num === num ? num : decodeXmlText(t); // not a number: keep the text rather than lose it
}

function orInfinity(i: number): number {
  return i === -1 ? Infinity : i;
}

/**
 * Start of the value of the one-letter attribute `letter` (char code) within a start
 * tag's attribute text [a, b), or -1.
 */
function attrStart(s: string, a: number, b: number, letter: number): number {
  let j = a;
  while (j < b) {
    const ch = s.charCodeAt(j);
    if (ch <= 32) {
      j++;
      continue;
    }
    const eq = s.indexOf('=', j);
    if (eq === -1 || eq >= b) return -1;
    let ne = eq;
    while (ne > j && s.charCodeAt(ne - 1) <= 32) ne--;
    let q = eq + 1;
    while (q < b && s.charCodeAt(q) <= 32) q++;
    const quote = s.charCodeAt(q);
    if (quote !== 34 && quote !== 39) return -1;
    const vEnd = s.indexOf(quote === 34 ? '"' : "'", q + 1);
    if (vEnd === -1 || vEnd >= b) return -1;
    if (ne - j === 1 && ch === letter) return q + 1;
    j = vEnd + 1;
  }
  return -1;
}

/**
 * Skips one element (with its content), comment or processing instruction starting
 * at `lt`; returns the position after it, or -1 when the text ends first.
 */
function skipElement(s: string, lt: number): number {
  if (s.startsWith('<!--', lt)) {
    const e = s.indexOf('-->', lt + 4);
    return e === -1 ? -1 : e + 3;
  }
  const gt = s.indexOf('>', lt);
  if (gt === -1) return -1;
  const c1 = s.charCodeAt(lt + 1);
  if (c1 === 47 || c1 === 63 || c1 === 33 || s.charCodeAt(gt - 1) === 47) return gt + 1;
  let ne = lt + 1;
  while (ne < gt) {
    const ch = s.charCodeAt(ne);
    if (ch <= 32 || ch === 47) break;
    ne++;
  }
  const closeTag = '</' + s.substring(lt + 1, ne) + '>';
  const close = s.indexOf(closeTag, gt + 1);
  return close === -1 ? -1 : close + closeTag.length;
}

/**
 * Scans a worksheet part. `push()` decoded text as it arrives; complete rows are
 * appended to `out`. Rows without any value (empty or only styled cells) are skipped.
 *
 * One pass per row: cells are parsed as they are met, and a row that runs past the
 * end of the text received so far is parsed again, whole, once more text arrived.
 */
export class SheetXmlParser {
  private phase = 0; // 0 before <sheetData>, 1 inside, 2 after
  private head = ''; // phase 0 text not yet searched
  private readonly pending: Pending;
  private lastRow = 0;
  private rowName = 'row';
  private rowClose = '</row>';
  private cName = 'c';
  private cCloseLen = 4; // '</c>'
  private vName = 'v';
  private fName = 'f';
  private fClose = '</f>';
  private isName = 'is';
  private isClose = '</is>';
  private sheetDataClose = '</sheetData';
  private text = new TextCollector('');
  /**
   * Next positions of '&', '_x' and CR in the text being scanned (Infinity: none): a
   * value needs decoding only if one falls inside it. Each is searched again only once
   * passed, so the checks cost one scan of the text per character kind.
   */
  private nextAmp = 0;
  private nextEsc = 0;
  private nextCr = 0;
  private scanned = '';
  /** No namespace prefix: the fast paths apply. */
  private plain = true;
  /** Position after the row (scanRow) or cell (cellContent) just parsed; -1 = text ran out. */
  private endPos = 0;

  constructor(
    private readonly sst: readonly string[],
    maxPendingChars: number = DEFAULT_MAX_PENDING_CHARS,
  ) {
    this.pending = new Pending(maxPendingChars);
  }

  get done(): boolean {
    return this.phase === 2;
  }

  push(chunk: string, out: XlsxRow[]): void {
    if (this.phase === 2 || chunk.length === 0) return;
    if (this.phase === 0) {
      const rest = this.findSheetData(chunk);
      if (rest === null) return;
      chunk = rest;
    }
    const s = this.pending.add(chunk);
    // The sentinel lets the scanners look a few characters ahead without reading past
    // the end of the string, which would make V8 drop its optimised code (NUL cannot
    // occur in XML, so it also stops every scanning loop).
    if (s !== null) this.scanRows(s + SENTINEL, s.length, out);
  }

  /** Call after the last chunk. Throws if the part ended inside a row. */
  end(): void {
    if (this.phase === 1 && !this.pending.isEmpty && this.pending.text().trim() !== '') {
      throw xlsxError('工作表数据不完整（文件可能被截断）。');
    }
    this.phase = 2;
  }

  private setPrefix(prefix: string): void {
    const p = prefix ? prefix + ':' : '';
    this.plain = p === '';
    this.rowName = p + 'row';
    this.rowClose = '</' + p + 'row>';
    this.cName = p + 'c';
    this.cCloseLen = 4 + p.length;
    this.vName = p + 'v';
    this.fName = p + 'f';
    this.fClose = '</' + p + 'f>';
    this.isName = p + 'is';
    this.isClose = '</' + p + 'is>';
    this.sheetDataClose = '</' + p + 'sheetData';
    this.text = new TextCollector(p);
  }

  /** Returns the text after the `<sheetData>` start tag once seen, else null. */
  private findSheetData(chunk: string): string | null {
    const s = this.head + chunk;
    const re = new RegExp(`<${PREFIX_SRC}sheetData(?=[\\s/>])[^>]*>`, 'g');
    const m = re.exec(s);
    if (!m) {
      const lt = s.lastIndexOf('<');
      this.head = lt === -1 ? '' : s.substring(lt);
      if (this.head.length > 1 << 20) throw xlsxError('工作表结构无法识别。');
      return null;
    }
    this.head = '';
    this.setPrefix(m[1] ?? '');
    if (m[0].charCodeAt(m[0].length - 2) === 47) {
      this.phase = 2; // <sheetData/>: empty sheet
      return null;
    }
    this.phase = 1;
    return s.substring(m.index + m[0].length);
  }

  /** Scans `s` (real length `n`, followed by the sentinel). */
  private scanRows(s: string, n: number, out: XlsxRow[]): void {
    let pos = 0;
    let waitFor = '>';
    for (;;) {
      const lt = s.indexOf('<', pos);
      if (lt === -1 || lt >= n) {
        pos = n;
        break;
      }
      const k = lt + 1;
      if (isName(s, k, this.rowName)) {
        const gt = s.indexOf('>', k);
        if (gt === -1) {
          pos = lt;
          waitFor = '>';
          break;
        }
        let rowNumber = 0;
        const r = attrStart(s, k + this.rowName.length, gt, 114);
        if (r !== -1) {
          for (let j = r; j < gt; j++) {
            const d = s.charCodeAt(j) - 48;
            if (d < 0 || d > 9) break;
            rowNumber = rowNumber * 10 + d;
            if (rowNumber > MAX_ROWS) break;
          }
        }
        if (rowNumber <= 0) rowNumber = this.lastRow + 1;
        if (rowNumber > MAX_ROWS) throw xlsxError(`行号 ${rowNumber} 超出 Excel 的范围。`);
        if (s.charCodeAt(gt - 1) === 47) {
          this.lastRow = rowNumber; // <row/>: no cells
          pos = gt + 1;
          continue;
        }
        const cells = this.scanRow(s, gt + 1, rowNumber);
        if (this.endPos < 0) {
          // The row runs past the text received so far. If its end tag is there after
          // all, the row is malformed: refuse it rather than wait for ever.
          if (s.indexOf(this.rowClose, gt + 1) !== -1) throw xlsxError(`第 ${rowNumber} 行的结构无法识别，文件可能已损坏。`);
          pos = lt;
          waitFor = this.rowClose;
          break;
        }
        this.lastRow = rowNumber;
        if (cells !== null) out.push({ rowNumber, cells });
        pos = this.endPos;
        continue;
      }
      if (s.startsWith(this.sheetDataClose, lt)) {
        this.phase = 2;
        pos = n;
        break;
      }
      const e = skipElement(s, lt);
      if (e === -1) {
        pos = lt;
        waitFor = '>';
        break;
      }
      pos = e;
    }
    this.pending.keep(pos >= n ? '' : s.substring(pos, n), waitFor);
  }

  /** Parses the cells of a row from `a` (after `<row …>`) up to `</row>`; sets endPos. */
  private scanRow(s: string, a: number, rowNumber: number): CellValue[] | null {
    const cName = this.cName;
    let cells: CellValue[] | null = null;
    let col = -1;
    let i = a;
    for (;;) {
      const lt = s.charCodeAt(i) === 60 ? i : s.indexOf('<', i);
      if (lt === -1) break;
      if (s.charCodeAt(lt + 1) === 47) {
        if (s.startsWith(this.rowClose, lt)) {
          this.endPos = lt + this.rowClose.length;
          return cells;
        }
        const gt = s.indexOf('>', lt); // a stray end tag
        if (gt === -1) break;
        i = gt + 1;
        continue;
      }
      const c1 = s.charCodeAt(lt + 1);
      const isCell = this.plain ? c1 === 99 && isDelimiter(s.charCodeAt(lt + 2)) : isName(s, lt + 1, cName);
      if (!isCell) {
        const e = skipElement(s, lt);
        if (e === -1) break;
        i = e;
        continue;
      }
      // attributes: only r (column) and t (type) matter
      let ref = -1;
      let type = T_NUM;
      let j = lt + 1 + cName.length;
      let ch = s.charCodeAt(j);
      for (;;) {
        while (ch === 32 || ch === 10 || ch === 9 || ch === 13) ch = s.charCodeAt(++j);
        if (ch === 62 || ch === 47 || ch === 0 || ch !== ch) break; // '>', '/', end of text
        const nameStart = j;
        while (ch !== 61 && ch !== 62 && ch !== 0 && ch === ch) ch = s.charCodeAt(++j);
        if (ch !== 61) break;
        let nameEnd = j;
        while (nameEnd > nameStart && s.charCodeAt(nameEnd - 1) <= 32) nameEnd--;
        ch = s.charCodeAt(++j);
        while (ch === 32 || ch === 10 || ch === 9 || ch === 13) ch = s.charCodeAt(++j);
        if (ch !== 34 && ch !== 39) break;
        const quote = ch;
        const vStart = j + 1;
        ch = s.charCodeAt(++j);
        while (ch !== quote && ch !== 0 && ch === ch) ch = s.charCodeAt(++j);
        if (ch !== quote) break;
        const vEnd = j;
        ch = s.charCodeAt(++j);
        if (nameEnd - nameStart === 1) {
          const nc = s.charCodeAt(nameStart);
          if (nc === 114) {
            let c = 0; // r="AB12": column letters
            for (let m = vStart; m < vEnd; m++) {
              const d = s.charCodeAt(m);
              if (d >= 65 && d <= 90) c = c * 26 + (d - 64);
              else if (d >= 97 && d <= 122) c = c * 26 + (d - 96);
              else break;
              if (c > MAX_COLUMNS) break;
            }
            ref = c - 1;
          } else if (nc === 116) {
            type = cellTypeOf(s, vStart, vEnd);
          }
        }
      }
      if (ch !== 62) {
        // '/>' (no value), a malformed attribute, or the end of the text
        const gt = s.indexOf('>', j);
        if (gt === -1) break;
        j = gt;
      }
      col = ref >= 0 ? ref : col + 1;
      if (col >= MAX_COLUMNS) throw xlsxError(`第 ${rowNumber} 行的列号超出 Excel 的范围。`);
      if (s.charCodeAt(j - 1) === 47) {
        i = j + 1; // <c r="B2" s="1"/>
        continue;
      }
      let value: CellValue;
      if (this.plain && s.charCodeAt(j + 1) === 60 && s.charCodeAt(j + 2) === 118 && s.charCodeAt(j + 3) === 62) {
        // fast path for the usual <c …><v>text</v></c>
        const te = s.indexOf('<', j + 4);
        if (te === -1) break;
        value = this.convert(s, j + 4, te, type, rowNumber);
        if (
          s.charCodeAt(te + 1) === 47 &&
          s.charCodeAt(te + 2) === 118 &&
          s.charCodeAt(te + 3) === 62 &&
          s.charCodeAt(te + 4) === 60 &&
          s.charCodeAt(te + 5) === 47 &&
          s.charCodeAt(te + 6) === 99 &&
          s.charCodeAt(te + 7) === 62
        ) {
          i = te + 8;
        } else {
          value = this.cellContent(s, te, type, rowNumber, value);
          if (this.endPos < 0) break;
          i = this.endPos;
        }
      } else {
        value = this.cellContent(s, j + 1, type, rowNumber, null);
        if (this.endPos < 0) break;
        i = this.endPos;
      }
      if (value === null) continue;
      if (cells === null) cells = [];
      if (cells.length === col) {
        cells.push(value);
      } else {
        while (cells.length < col) cells.push(null);
        cells[col] = value;
      }
    }
    this.endPos = -1;
    return null;
  }

  /** A cell's value from its content at `a` up to `</c>`; sets endPos (-1: text ran out). */
  private cellContent(s: string, a: number, type: number, rowNumber: number, value: CellValue): CellValue {
    let i = a;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt === -1) break;
      const k = lt + 1;
      if (s.charCodeAt(k) === 47) {
        if (isName(s, k + 1, this.cName)) {
          this.endPos = lt + this.cCloseLen;
          return value;
        }
        if (s.startsWith(this.rowClose, lt)) {
          this.endPos = lt; // </c> missing: let the row end here
          return value;
        }
        const gt = s.indexOf('>', k);
        if (gt === -1) break;
        i = gt + 1;
        continue;
      }
      if (isName(s, k, this.vName)) {
        let gt = k + this.vName.length;
        if (s.charCodeAt(gt) !== 62) {
          gt = s.indexOf('>', gt);
          if (gt === -1) break;
          if (s.charCodeAt(gt - 1) === 47) {
            value = this.convert(s, gt, gt, type, rowNumber); // <v/>
            i = gt + 1;
            continue;
          }
        }
        const te = s.indexOf('<', gt + 1);
        if (te === -1) break;
        value = this.convert(s, gt + 1, te, type, rowNumber);
        i = te; // the </v> is skipped as a stray end tag
        continue;
      }
      if (isName(s, k, this.fName)) {
        const gt = s.indexOf('>', k);
        if (gt === -1) break;
        if (s.charCodeAt(gt - 1) === 47) {
          i = gt + 1;
          continue;
        }
        const close = s.indexOf(this.fClose, gt + 1);
        if (close === -1) break;
        i = close + this.fClose.length;
        continue;
      }
      if (isName(s, k, this.isName)) {
        const close = s.indexOf(this.isClose, k);
        if (close === -1) break;
        value = this.text.collect(s, k, close);
        i = close + this.isClose.length;
        continue;
      }
      const e = skipElement(s, lt);
      if (e === -1) break;
      i = e;
    }
    this.endPos = -1;
    return null;
  }

  /** Text [a, b) of `s`, decoded (entities, `_xHHHH_`, CR) only if it needs it. */
  private textAt(s: string, a: number, b: number): string {
    if (s !== this.scanned) {
      this.scanned = s;
      this.nextAmp = this.nextEsc = this.nextCr = -1;
    }
    if (this.nextAmp < a && this.nextAmp !== Infinity) this.nextAmp = orInfinity(s.indexOf('&', a));
    if (this.nextEsc < a && this.nextEsc !== Infinity) this.nextEsc = orInfinity(s.indexOf('_x', a));
    if (this.nextCr < a && this.nextCr !== Infinity) this.nextCr = orInfinity(s.indexOf('\r', a));
    const t = s.substring(a, b);
    return this.nextAmp < b || this.nextEsc < b || this.nextCr < b ? decodeXmlText(t) : t;
  }

  /** The value of `<v>` text [a, b) for the cell type. */
  private convert(s: string, a: number, b: number, type: number, rowNumber: number): CellValue {
    switch (type) {
      case T_NUM:
        return numberAt(s, a, b);
      case T_SST: {
        let idx = 0;
        let digits = 0;
        for (let m = a; m < b; m++) {
          const d = s.charCodeAt(m) - 48;
          if (d >= 0 && d <= 9) {
            idx = idx * 10 + d;
            digits++;
          } else if (d + 48 > 32) {
            digits = -1;
            break;
          }
        }
        if (digits <= 0) return null;
        const str = this.sst[idx];
        if (str === undefined) throw xlsxError(`第 ${rowNumber} 行引用了不存在的共享字符串（第 ${idx} 项）。`);
        return str;
      }
      case T_STR:
      case T_ERR:
      case T_INLINE:
        return this.textAt(s, a, b);
      case T_BOOL: {
        const t = s.substring(a, b).trim();
        if (t === '1' || t === 'true') return true;
        if (t === '0' || t === 'false') return false;
        return t === '' ? null : t;
      }
      case T_DATE: {
        const t = this.textAt(s, a, b);
        if (t.trim() === '') return null;
        return isoToSerial(t) ?? t;
      }
      default:
        return null;
    }
  }
}

/** Scans `xl/sharedStrings.xml` into an array of strings. */
export class SharedStringsParser {
  readonly items: string[] = [];
  private phase = 0; // 0 before <sst>, 1 inside
  private head = '';
  private readonly pending: Pending;
  private siName = 'si';
  private siClose = '</si>';
  private text = new TextCollector('');

  constructor(
    maxPendingChars: number = DEFAULT_MAX_PENDING_CHARS,
    private readonly maxItems = 16 * 1024 * 1024,
  ) {
    this.pending = new Pending(maxPendingChars);
  }

  push(chunk: string): void {
    if (chunk.length === 0) return;
    if (this.phase === 0) {
      const s = this.head + chunk;
      const m = new RegExp(`<${PREFIX_SRC}sst(?=[\\s/>])[^>]*>`).exec(s);
      if (!m) {
        const lt = s.lastIndexOf('<');
        this.head = lt === -1 ? '' : s.substring(lt);
        if (this.head.length > 1 << 20) throw xlsxError('共享字符串表结构无法识别。');
        return;
      }
      this.head = '';
      const p = m[1] ? m[1] + ':' : '';
      this.siName = p + 'si';
      this.siClose = '</' + p + 'si>';
      this.text = new TextCollector(p);
      this.phase = 1;
      chunk = s.substring(m.index + m[0].length);
    }
    const s = this.pending.add(chunk);
    if (s !== null) this.scan(s);
  }

  end(): string[] {
    if (!this.pending.isEmpty && this.pending.text().indexOf('<') !== -1) {
      throw xlsxError('共享字符串表不完整（文件可能被截断）。');
    }
    return this.items;
  }

  private scan(s: string): void {
    const n = s.length;
    let pos = 0;
    let waitFor = '>';
    for (;;) {
      const lt = s.indexOf('<', pos);
      if (lt === -1) {
        pos = n;
        break;
      }
      const k = lt + 1;
      if (isName(s, k, this.siName)) {
        const gt = s.indexOf('>', k);
        if (gt === -1) {
          pos = lt;
          waitFor = '>';
          break;
        }
        if (s.charCodeAt(gt - 1) === 47) {
          this.add('');
          pos = gt + 1;
          continue;
        }
        const close = s.indexOf(this.siClose, gt + 1);
        if (close === -1) {
          pos = lt;
          waitFor = this.siClose;
          break;
        }
        this.add(this.text.collect(s, gt + 1, close));
        pos = close + this.siClose.length;
        continue;
      }
      const gt = s.indexOf('>', k);
      if (gt === -1) {
        pos = lt;
        waitFor = '>';
        break;
      }
      pos = gt + 1;
    }
    this.pending.keep(pos >= n ? '' : s.substring(pos), waitFor);
  }

  private add(item: string): void {
    if (this.items.length >= this.maxItems) throw xlsxError('共享字符串过多，文件可能已损坏。');
    this.items.push(item);
  }
}
