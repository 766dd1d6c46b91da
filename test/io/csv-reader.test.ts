/**
 * CSV import: encodings (UTF-8 with and without BOM, GB18030/GBK, an ASCII start
 * followed by GBK), quoting, line ends, row numbers as a spreadsheet shows them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvParser, detectEncoding, readCsvRows, type CsvRow } from '../../electron/core/io/csv-reader';
import { FileFormatError } from '../../electron/core/io/errors';
import { readSpreadsheetRows } from '../../electron/core/io/rows';
import { generatePenaltyWorkbook } from '../bench/fixtures';
import { collect, prng, thrown, tempDir } from './helpers';

const dir = tempDir('csv-');
let seq = 0;
function csvFile(content: string | Buffer, name = 'data.csv'): string {
  const path = join(dir, `${++seq}-${name}`);
  writeFileSync(path, content);
  return path;
}

/** GBK bytes for the few characters the tests use (GB18030 agrees with GBK on them). */
const GBK: Record<string, number[]> = {
  中: [0xd6, 0xd0],
  文: [0xce, 0xc4],
  名: [0xc3, 0xfb],
  称: [0xb3, 0xc6],
  罚: [0xb7, 0xa3],
  款: [0xbf, 0xee],
};
function gbk(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else if (GBK[ch]) bytes.push(...GBK[ch]);
    else throw new Error(`no GBK bytes for ${ch}`);
  }
  return Buffer.from(bytes);
}

const cellsOf = (rows: CsvRow[]) => rows.map((r) => r.cells);

describe('detectEncoding', () => {
  it('UTF-8 with or without BOM, GB18030 otherwise; a sample cut inside a character is still UTF-8', () => {
    expect(detectEncoding(Buffer.from('\ufeffa,b'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('名称,中文'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('plain ascii'))).toBe('utf-8');
    expect(detectEncoding(gbk('名称,中文'))).toBe('gb18030');
    const cut = Buffer.from('中文');
    expect(detectEncoding(cut.subarray(0, 4))).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0xd6, 0xd0]))).toBe('gb18030');
  });
});

describe('readCsvRows', () => {
  const expected = [
    ['名称', '中文'],
    ['罚款', '中'],
  ];

  it('reads UTF-8, UTF-8 with BOM and GB18030 files alike', async () => {
    const text = '名称,中文\r\n罚款,中\r\n';
    for (const content of [Buffer.from(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), gbk(text)]) {
      const rows = await collect(readCsvRows(csvFile(content)));
      expect(cellsOf(rows)).toEqual(expected);
      expect(rows.map((r) => r.rowNumber)).toEqual([1, 2]);
    }
  });

  it('a GBK file whose first 64 KiB are plain ASCII switches encoding at the first GBK byte', async () => {
    const ascii = 'code,value\r\n' + 'A1,1\r\n'.repeat(20_000); // > 64 KiB
    const rows = await collect(readCsvRows(csvFile(Buffer.concat([Buffer.from(ascii), gbk('中文,罚款\r\n')]))));
    expect(rows).toHaveLength(20_002);
    expect(rows[20_001]).toMatchObject({ rowNumber: 20_002, cells: ['中文', '罚款'] });
  });

  it('refuses a file that starts as UTF-8 text and goes on in GBK, and UTF-16 text', async () => {
    const mixed = csvFile(Buffer.concat([Buffer.from('名称\r\n'.repeat(20_000)), gbk('中文\r\n')]));
    const err = await thrown(collect(readCsvRows(mixed)));
    expect(err).toBeInstanceOf(FileFormatError);
    expect(err.message).toMatch(/编码混杂/);
    const utf16 = csvFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\r\n', 'utf16le')]));
    expect((await thrown(collect(readCsvRows(utf16)))).message).toMatch(/UTF-16/);
  });

  it('quoted fields with commas, line breaks and doubled quotes; rowNumber counts records, lineNumber lines', async () => {
    const text = ['名称,说明,金额', '"甲, 乙","第一行', '第二行",1', '', ',,', '"他说""好""",x,"3"', 'last,"", '].join('\r\n');
    const rows = await collect(readCsvRows(csvFile(text)));
    expect(rows).toEqual([
      { rowNumber: 1, lineNumber: 1, cells: ['名称', '说明', '金额'] },
      { rowNumber: 2, lineNumber: 2, cells: ['甲, 乙', '第一行\r\n第二行', '1'] },
      // row 3 (empty line) and row 4 (empty fields only) are skipped but counted
      { rowNumber: 5, lineNumber: 6, cells: ['他说"好"', 'x', '3'] },
      { rowNumber: 6, lineNumber: 7, cells: ['last', '', ' '] },
    ]);
  });

  it('LF and lone CR line ends; no line end at the end; lenient stray quotes like Excel', async () => {
    const rows = await collect(readCsvRows(csvFile('a,b\nc,d\re,"f"g\nh"i,"open')));
    expect(cellsOf(rows)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'fg'],
      ['h"i', 'open'],
    ]);
  });

  it('the same records however the text is cut into chunks (CR LF, quotes, doubled quotes split)', () => {
    const text = 'h1,h2\r\n"a ""q"", b","x\r\ny"\r\n\r\nc,d\re\n"",z\r\n';
    const whole = new CsvParser();
    const expected: CsvRow[] = [];
    whole.push(text, expected);
    whole.end(expected);
    expect(expected.map((r) => [r.rowNumber, r.lineNumber, ...r.cells])).toEqual([
      [1, 1, 'h1', 'h2'],
      [2, 2, 'a "q", b', 'x\r\ny'],
      [4, 5, 'c', 'd'],
      [5, 6, 'e'],
      [6, 7, '', 'z'],
    ]);
    for (let seed = 1; seed <= 200; seed++) {
      const rand = prng(seed);
      const parser = new CsvParser();
      const out: CsvRow[] = [];
      for (let i = 0; i < text.length; ) {
        const n = 1 + Math.floor(rand() * 6);
        parser.push(text.slice(i, i + n), out);
        i += n;
      }
      parser.end(out);
      expect(out).toEqual(expected);
    }
  });

  it('multi-byte characters across read chunks, in UTF-8 and GB18030', async () => {
    const line = '中文名称,罚款\r\n';
    const utf8 = await collect(readCsvRows(csvFile('名称,中文\r\n' + line.repeat(30_000))));
    expect(utf8).toHaveLength(30_001);
    expect(utf8.every((r, i) => i === 0 || (r.cells[0] === '中文名称' && r.cells[1] === '罚款'))).toBe(true);
    const gb = await collect(readCsvRows(csvFile(gbk('名称,中文\r\n' + line.repeat(30_000)))));
    expect(gb).toHaveLength(30_001);
    expect(gb[30_000]).toEqual({ rowNumber: 30_001, lineNumber: 30_001, cells: ['中文名称', '罚款'] });
  });

  it('binary content is refused; an aborted signal stops the read', async () => {
    expect(await thrown(collect(readCsvRows(csvFile(Buffer.from([1, 2, 0, 3, 4])))))).toBeInstanceOf(FileFormatError);
    const controller = new AbortController();
    const path = csvFile('a\r\n'.repeat(1000));
    const err = await thrown(
      (async () => {
        for await (const row of readCsvRows(path, { signal: controller.signal })) if (row.rowNumber === 5) controller.abort();
      })(),
    );
    expect(err.name).toBe('AbortError');
  });
});

describe('readSpreadsheetRows', () => {
  it('picks the reader from the content, then the extension; accepts a format or options', async () => {
    const csv = csvFile('名称,金额\r\n甲,1\r\n');
    expect(cellsOf((await collect(readSpreadsheetRows(csv))) as CsvRow[])).toEqual([
      ['名称', '金额'],
      ['甲', '1'],
    ]);
    const txt = csvFile('a,b\r\n', 'data.txt');
    expect((await collect(readSpreadsheetRows(txt, 'csv'))).map((r) => r.cells)).toEqual([['a', 'b']]);
    const fakeXlsx = csvFile('a,b\r\n', 'data.xlsx');
    expect((await thrown(collect(readSpreadsheetRows(fakeXlsx)))).message).toMatch(/不是 \.xlsx 格式/);
    expect((await collect(readSpreadsheetRows(fakeXlsx, { format: 'csv' }))).map((r) => r.cells)).toEqual([['a', 'b']]);
    const ole = csvFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.csv');
    expect((await thrown(collect(readSpreadsheetRows(ole)))).message).toMatch(/\.xls/);
  });
});

describe('reading progress', () => {
  it('reports the share of a .csv and of an .xlsx read, rising to 1, while the rows come', async () => {
    const dir = tempDir();
    const csv = join(dir, 'big.csv');
    writeFileSync(csv, ['名称,金额', ...Array.from({ length: 20_000 }, (_, i) => `石家庄市第${i}商贸有限公司,${i}`)].join('\n'));
    const xlsx = join(dir, 'big.xlsx');
    await generatePenaltyWorkbook(xlsx, 3000);
    for (const path of [csv, xlsx]) {
      const seen: number[] = [];
      let rows = 0;
      const atRows: number[] = [];
      for await (const _row of readSpreadsheetRows(path, { onProgress: (f) => seen.push(f) })) {
        rows++;
        if (rows % 500 === 0) atRows.push(seen[seen.length - 1] ?? 0);
      }
      expect(seen.length, path).toBeGreaterThan(1);
      expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1])), path).toBe(true);
      expect(seen[seen.length - 1], path).toBe(1);
      // Halfway through the rows, about half of the data has been read.
      const half = atRows[Math.floor(atRows.length / 2)];
      expect(half, path).toBeGreaterThan(0.3);
      expect(half, path).toBeLessThan(0.8);
    }
  });

  it('a file that is gone is refused with a clear message, also when progress is asked for (and nothing is left unhandled)', async () => {
    const missing = join(tempDir(), 'gone.csv');
    expect((await thrown(collect(readCsvRows(missing, { onProgress: () => undefined })))).message).toBe('找不到文件。');
    await new Promise((resolve) => setTimeout(resolve, 50)); // an unhandled stream error would surface here
  });
});
