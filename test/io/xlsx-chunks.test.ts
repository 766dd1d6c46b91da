/**
 * The sheet and shared-strings scanners give the same result however the text is cut
 * into chunks: anywhere in a tag, an attribute, an entity, a `</row>`, and (at the
 * byte level, before decoding) inside a multi-byte UTF-8 character.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SharedStringsParser, SheetXmlParser, type XlsxRow } from '../../electron/core/io/xlsx-scan';
import { generatePenaltyWorkbook } from '../bench/fixtures';
import { prng, readZip, tempDir } from './helpers';

const dir = tempDir('chunks-');

function parseSheet(chunks: Iterable<string>, sst: string[] = []): XlsxRow[] {
  const parser = new SheetXmlParser(sst);
  const out: XlsxRow[] = [];
  for (const c of chunks) parser.push(c, out);
  parser.end();
  return out;
}

function parseSst(chunks: Iterable<string>): string[] {
  const parser = new SharedStringsParser();
  for (const c of chunks) parser.push(c);
  return parser.end();
}

function* bySize(text: string, size: number): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

function* randomCuts(text: string, seed: number, max: number): Generator<string> {
  const rand = prng(seed);
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(rand() * max);
    yield text.slice(i, i + n);
    i += n;
  }
}

/** Bytes cut at random places (inside multi-byte characters too), decoded as a stream. */
function* randomByteCuts(bytes: Buffer, seed: number, max: number): Generator<string> {
  const rand = prng(seed);
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + Math.floor(rand() * max);
    yield decoder.decode(bytes.subarray(i, i + n), { stream: true });
    i += n;
  }
  yield decoder.decode();
}

const HAND_SHEET =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="1" max="3" width="9"/></cols>' +
  '<sheetData>' +
  '<row r="1" spans="1:5"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>中</t></r><r><t xml:space="preserve"> 文 </t></r><rPh sb="0" eb="1"><t>ちゅう</t></rPh></is></c><c r="C1" t="str"><f>A1&amp;B1</f><v>&lt;&amp;&gt; &#x4E2D;_x000D_</v></c><c r="D1" s="1"/><c r="E1"><v>-12.5E2</v></c></row>' +
  '<row r="2"/><!-- c --><row r="3"><c r="B3" t="b"><v>1</v></c><c t="e"><v>#REF!</v></c><c><v>0.1</v></c></row>' +
  '<row><c r="XFD4"><v>16384</v></c></row>' +
  '</sheetData><pageMargins left="0.7"/></worksheet>';

const HAND_SST =
  '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3"><si><t>共享</t></si><si/><si><r><t>a&amp;</t></r><r><rPr><b/></rPr><t>b</t></r><rPh><t>x</t></rPh></si></sst>';

describe('chunk boundaries', () => {
  it('hand-written sheet and shared strings, cut into chunks of every small size and at random', () => {
    const sst = parseSst([HAND_SST]);
    expect(sst).toEqual(['共享', '', 'a&b']);
    const whole = parseSheet([HAND_SHEET], sst);
    expect(whole).toEqual([
      { rowNumber: 1, cells: ['共享', '中 文 ', '<&> 中\r', null, -1250] },
      { rowNumber: 3, cells: [null, true, '#REF!', 0.1] },
      { rowNumber: 4, cells: [...Array<null>(16383).fill(null), 16384] },
    ]);
    for (let size = 1; size <= 40; size++) {
      expect(parseSst(bySize(HAND_SST, size))).toEqual(sst);
      expect(parseSheet(bySize(HAND_SHEET, size), sst)).toEqual(whole);
    }
    for (let seed = 1; seed <= 50; seed++) {
      expect(parseSheet(randomCuts(HAND_SHEET, seed, 30), sst)).toEqual(whole);
      expect(parseSheet(randomByteCuts(Buffer.from(HAND_SHEET), seed, 7), sst)).toEqual(whole);
      expect(parseSst(randomByteCuts(Buffer.from(HAND_SST), seed, 5))).toEqual(sst);
    }
  });

  it('a real 行政处罚 sheet (Chinese text) cut at random byte positions', async () => {
    for (const sharedStrings of [false, true]) {
      const path = join(dir, `p-${sharedStrings}.xlsx`);
      await generatePenaltyWorkbook(path, 400, { sharedStrings });
      const parts = await readZip(path);
      const sheetBytes = parts.get('xl/worksheets/sheet1.xml')!;
      const sstBytes = parts.get('xl/sharedStrings.xml');
      const sst = sstBytes ? parseSst([sstBytes.toString('utf8')]) : [];
      if (sstBytes) {
        for (const seed of [1, 2, 3]) expect(parseSst(randomByteCuts(sstBytes, seed, 300))).toEqual(sst);
      }
      const whole = parseSheet([sheetBytes.toString('utf8')], sst);
      expect(whole).toHaveLength(401);
      expect(whole[1].cells).toHaveLength(17);
      for (const [seed, max] of [
        [1, 5],
        [2, 97],
        [3, 4096],
        [4, 65536],
      ]) {
        expect(parseSheet(randomByteCuts(sheetBytes, seed, max), sst)).toEqual(whole);
      }
    }
  });

  it('a row longer than many chunks is joined once it is complete', () => {
    const long = 'é'.repeat(200_000);
    const xml = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${long}</t></is></c><c r="B1"><v>2</v></c></row></sheetData></worksheet>`;
    const rows = parseSheet(bySize(xml, 1000));
    expect(rows).toEqual([{ rowNumber: 1, cells: [long, 2] }]);
  });
});
