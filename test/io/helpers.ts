/**
 * Helpers for the io tests: temp folders, hand-built zip packages (yazl) and a
 * reference reading of the first worksheet through exceljs's own (non-streaming)
 * reader, normalised to what our reader yields.
 */
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { afterAll } from 'vitest';
import type { XlsxRow } from '../../electron/core/io/xlsx-reader';
import { unzip } from '../zip';

/** A temp folder removed after the test file. */
export function tempDir(prefix = 'io-'): string {
  const dir = mkdtempSync(join(tmpdir(), `credit-desk-${prefix}`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes a zip with the given entries (in order). `store` keeps entries uncompressed. */
export function writeZip(path: string, entries: Record<string, string | Buffer>, options: { store?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, data] of Object.entries(entries)) {
      if (name.endsWith('/')) continue; // directory entries (JSZip writes them)
      zip.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8'), name, {
        mtime: new Date('2020-01-01T00:00:00Z'),
        compress: !options.store,
      });
    }
    zip.end();
    zip.outputStream.pipe(createWriteStream(path)).on('close', () => resolve()).on('error', reject);
  });
}

/** Every entry of a zip, as buffers (to rewrite a package). */
export function readZip(path: string): Promise<Map<string, Buffer>> {
  return unzip(path);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface HandSheet {
  name: string;
  /** `<sheetData>` content (rows). */
  rows: string;
  /** Part name below xl/ (default worksheets/sheetN.xml). */
  part?: string;
  state?: 'hidden' | 'veryHidden';
}

/**
 * A minimal but valid .xlsx from hand-written XML: sheets in workbook order, an
 * optional shared-strings part (`<si>` items), optional namespace prefix.
 */
export async function writeHandXlsx(
  path: string,
  sheets: HandSheet[],
  options: { sharedStrings?: string[]; prefix?: string; extraEntries?: Record<string, string | Buffer> } = {},
): Promise<void> {
  const p = options.prefix ? `${options.prefix}:` : '';
  const xmlns = options.prefix ? `xmlns:${options.prefix}="${NS}"` : `xmlns="${NS}"`;
  const entries: Record<string, string | Buffer> = {};
  entries['[Content_Types].xml'] =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>';
  entries['_rels/.rels'] = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const sheetEls = sheets
    .map((s, i) => `<${p}sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rIdS${i + 1}"/>`)
    .join('');
  entries['xl/workbook.xml'] = `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${xmlns} xmlns:r="${REL_NS}"><${p}sheets>${sheetEls}</${p}sheets></${p}workbook>`;
  const rels = sheets.map((s, i) => `<Relationship Id="rIdS${i + 1}" Type="${REL_NS}/worksheet" Target="${s.part ?? `worksheets/sheet${i + 1}.xml`}"/>`);
  if (options.sharedStrings) rels.push(`<Relationship Id="rIdSST" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
  entries['xl/_rels/workbook.xml.rels'] = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}">${rels.join('')}</Relationships>`;
  if (options.sharedStrings) {
    entries['xl/sharedStrings.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><${p}sst ${xmlns} count="${options.sharedStrings.length}" uniqueCount="${options.sharedStrings.length}">` +
      options.sharedStrings.join('') +
      `</${p}sst>`;
  }
  sheets.forEach((s, i) => {
    const part = s.part ?? `worksheets/sheet${i + 1}.xml`;
    const name = part.startsWith('/') ? part.slice(1) : `xl/${part}`;
    entries[name] = `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${xmlns} xmlns:r="${REL_NS}"><${p}sheetData>${s.rows}</${p}sheetData></${p}worksheet>`;
  });
  Object.assign(entries, options.extraEntries ?? {});
  await writeZip(path, entries);
}

/** Reads all rows with our reader. */
export async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

/** Awaits `p` and returns what it threw (or fails if it did not throw). */
export async function thrown(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

type Norm = string | number | boolean | null;

/** exceljs cell value → what our reader yields for it (dates as 1900-system serials). */
export function normaliseExceljsValue(v: unknown): Norm {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return 25569 + v.getTime() / 86_400_000;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('error' in o) return String(o.error);
    if ('formula' in o || 'sharedFormula' in o) return normaliseExceljsValue(o.result);
    if ('hyperlink' in o) return normaliseExceljsValue(o.text);
  }
  return String(v);
}

/** The first worksheet (workbook order) as exceljs's reader sees it, normalised. */
export async function exceljsRows(path: string): Promise<{ name: string; rows: XlsxRow[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets.find((w) => w.state === 'visible') ?? wb.worksheets[0];
  const rows: XlsxRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    const cells: Norm[] = [];
    for (let i = 1; i < values.length; i++) cells.push(normaliseExceljsValue(values[i]));
    while (cells.length && cells[cells.length - 1] === null) cells.pop();
    if (cells.length) rows.push({ rowNumber: row.number, cells });
  });
  return { name: ws.name, rows };
}

/** Compares rows allowing tiny floating differences (exceljs round-trips dates through milliseconds). */
export function sameRows(actual: XlsxRow[], expected: XlsxRow[]): string | null {
  if (actual.length !== expected.length) return `row count ${actual.length} ≠ ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (a.rowNumber !== e.rowNumber) return `row ${i}: rowNumber ${a.rowNumber} ≠ ${e.rowNumber}`;
    if (a.cells.length !== e.cells.length) return `row ${a.rowNumber}: ${a.cells.length} cells ≠ ${e.cells.length}: ${JSON.stringify(a.cells)} vs ${JSON.stringify(e.cells)}`;
    for (let c = 0; c < a.cells.length; c++) {
      const x = a.cells[c];
      const y = e.cells[c];
      if (typeof x === 'number' && typeof y === 'number' ? Math.abs(x - y) > 1e-8 * Math.max(1, Math.abs(y)) : x !== y) {
        return `row ${a.rowNumber} col ${c}: ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`;
      }
    }
  }
  return null;
}

/** Small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
