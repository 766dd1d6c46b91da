/**
 * Export: formula-injection neutralisation, the .xlsx writer (bold frozen header,
 * dropdowns, note, hidden code-list sheet; or no styles), byte-identical output, and
 * the CSV writer.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../../electron/core/io/csv-reader';
import { readXlsxRows } from '../../electron/core/io/xlsx-reader';
import { CODE_LIST_SHEET, neutralizeCell, pendingSheetBytes, writeCsv, writeXlsx, type OutCell } from '../../electron/core/io/xlsx-writer';
import { collect, readZip, tempDir } from './helpers';
import { zipEntries } from '../zip';

const dir = tempDir('writer-');
let seq = 0;
const file = (name: string) => join(dir, `${++seq}-${name}`);
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const INJECTIONS = ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', ' =HYPERLINK("http://x")', '\u3000=1', '\n-2'];

describe('neutralizeCell', () => {
  it('prefixes text that a spreadsheet could take for a formula, and nothing else', () => {
    for (const v of INJECTIONS) expect(neutralizeCell(v)).toBe(`'${v}`);
    for (const v of ['', 'a=1', '中文', '1-1', "'=already", '＝全角']) expect(neutralizeCell(v)).toBe(v);
    expect(neutralizeCell(-1)).toBe(-1);
    expect(neutralizeCell(null)).toBe(null);
    expect(neutralizeCell(true)).toBe(true);
  });
});

const LONG_LIST = Array.from({ length: 60 }, (_, i) => `代码${i}：某某类别名称`); // far over 255 characters
const SHORT_LIST = ['警告', '罚款', '没收违法所得'];

async function sampleWorkbook(path: string, fixedDate?: Date, styles?: boolean): Promise<void> {
  const rows: OutCell[][] = [
    ['甲公司', '罚款', '代码3：某某类别名称', 12.5, true],
    [...INJECTIONS.slice(0, 4), null],
    [INJECTIONS[4], null, null, -1, false],
  ];
  await writeXlsx(path, {
    sheetName: '行政处罚',
    columns: [{ header: '名称', width: 30 }, { header: '处罚类别' }, { header: '类别代码' }, { header: '金额' }, { header: '已公示' }],
    rows: (async function* () {
      yield* rows;
    })(),
    dropdowns: [
      { column: 1, values: SHORT_LIST },
      { column: 2, values: LONG_LIST },
    ],
    dropdownRows: 100,
    headerNote: '第 1 行为列名；日期写作 YYYY-MM-DD。',
    fixedDate,
    styles,
  });
}

describe('writeXlsx', () => {
  it('bold, frozen header with a note; dropdowns inline or from a hidden code-list sheet; text kept as it is', async () => {
    const path = file('out.xlsx');
    await sampleWorkbook(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['行政处罚', 'visible'],
      [CODE_LIST_SHEET, 'hidden'],
    ]);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('E1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(1).width).toBe(30);
    const note = ws.getCell('A1').note;
    expect(typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('')).toContain('第 1 行为列名');

    expect(ws.getCell('B2').dataValidation).toMatchObject({ type: 'list', allowBlank: true, formulae: ['"警告,罚款,没收违法所得"'], showErrorMessage: true });
    expect(ws.getCell('B101').dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell('B102').dataValidation).toBeUndefined();
    expect(ws.getCell('A2').dataValidation).toBeUndefined();
    expect(ws.getCell('C50').dataValidation).toMatchObject({ type: 'list', formulae: [`'${CODE_LIST_SHEET}'!$A$1:$A$60`] });
    const lists = wb.worksheets[1];
    expect(lists.getColumn(1).values.slice(1)).toEqual(LONG_LIST);

    // What the importer reads back: the text exactly as given (before: a literal apostrophe was added,
    // changing the data). They are text cells, not formulas: nothing runs when the file is opened.
    expect(await collect(readXlsxRows(path))).toEqual([
      { rowNumber: 1, cells: ['名称', '处罚类别', '类别代码', '金额', '已公示'] },
      { rowNumber: 2, cells: ['甲公司', '罚款', '代码3：某某类别名称', 12.5, true] },
      { rowNumber: 3, cells: ['=1+1', '+1', '-1', '@SUM(A1)'] },
      { rowNumber: 4, cells: ['\t=1', null, null, -1, false] },
    ]);
    expect(ws.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A3').formula).toBeUndefined();
    const sheetXml = (await readZip(path)).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheetXml).not.toContain('<f>');
  });

  it('a template with no rows still offers the dropdowns on its first rows (default 5,000)', async () => {
    const path = file('template.xlsx');
    await writeXlsx(path, { sheetName: 'a/b:c?', columns: [{ header: '类别' }], rows: [], dropdowns: [{ column: 0, values: SHORT_LIST }] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['a_b_c_']);
    expect(wb.worksheets[0].getCell('A5001').dataValidation).toMatchObject({ type: 'list' });
    expect(wb.worksheets[0].getCell('A5002').dataValidation).toBeUndefined();
  });

  it('is deterministic: the same input gives the same bytes, written seconds apart; entry times are the fixed date', async () => {
    const a = file('a.xlsx');
    const b = file('b.xlsx');
    await sampleWorkbook(a);
    await new Promise((r) => setTimeout(r, 2100)); // zip times have 2-second resolution
    await sampleWorkbook(b);
    expect(sha256(a)).toBe(sha256(b));

    const times = (await zipEntries(a)).map((e) => e.modified.toISOString());
    expect(new Set(times)).toEqual(new Set(['2000-01-01T00:00:00.000Z']));
    const core = (await readZip(a)).get('docProps/core.xml')!.toString('utf8');
    expect(core).toContain('2000-01-01T00:00:00Z');
    expect(core).toContain('信用工作台');

    const c = file('c.xlsx');
    await sampleWorkbook(c, new Date('2024-06-30T08:00:00Z'));
    expect(sha256(c)).not.toBe(sha256(a));
  });

  it('without styles (batch members): the same cells, no bold header, still deterministic', async () => {
    const styled = file('styled.xlsx');
    const plain = file('plain.xlsx');
    const again = file('plain-again.xlsx');
    await sampleWorkbook(styled);
    await sampleWorkbook(plain, undefined, false);
    await sampleWorkbook(again, undefined, false);
    expect(sha256(plain)).toBe(sha256(again));
    expect(sha256(plain)).not.toBe(sha256(styled));
    expect(await collect(readXlsxRows(plain))).toEqual(await collect(readXlsxRows(styled)));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(plain);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('名称');
    expect(ws.getCell('A1').font?.bold).toBeUndefined();
    expect(ws.getCell('D2').value).toBe(12.5);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['"警告,罚款,没收违法所得"'] });
  });

  it('can see how far the zip writer lags behind (the back-pressure hook into exceljs/archiver internals)', async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file('probe.xlsx') });
    const ws = wb.addWorksheet('probe');
    for (let i = 1; i <= 2000; i++) ws.addRow([i, `行${i}`]).commit();
    await new Promise((r) => setTimeout(r, 50));
    expect(pendingSheetBytes(ws)).toEqual(expect.any(Number));
    ws.commit();
    await wb.commit();
  });

  it('streams thousands of rows and reads them back', async () => {
    const path = file('many.xlsx');
    const n = 5000;
    await writeXlsx(path, {
      sheetName: '数据',
      columns: [{ header: '序号' }, { header: '名称' }, { header: '金额' }],
      rows: (function* () {
        for (let i = 0; i < n; i++) yield [i, `名称${i}`, i % 3 === 0 ? null : i / 8];
      })(),
    });
    const rows = await collect(readXlsxRows(path));
    expect(rows).toHaveLength(n + 1);
    expect(rows[n]).toEqual({ rowNumber: n + 1, cells: [n - 1, `名称${n - 1}`, (n - 1) / 8] });
    expect(rows[3]).toEqual({ rowNumber: 4, cells: [2, '名称2', 0.25] });
    expect(rows[4]).toEqual({ rowNumber: 5, cells: [3, '名称3'] });
  });
});

describe('writeCsv', () => {
  it('UTF-8 with BOM, CRLF, RFC 4180 quoting, neutralised text; reads back the same', async () => {
    const path = file('out.csv');
    const rows: OutCell[][] = [
      ['甲, 乙', '他说"好"', '第一行\n第二行', 1.5, null, true],
      INJECTIONS.slice(0, 5),
      [-1, '-1', '', 0, false, 'x'],
    ];
    await writeCsv(path, ['名称', '说明', '备注', '金额', '空', '是否'], rows, { bom: true });
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[1]).toBe('"甲, 乙","他说""好""","第一行\n第二行",1.5,,TRUE');
    expect(text.split('\r\n')[2]).toBe("'=1+1,'+1,'-1,'@SUM(A1),'\t=1");
    expect(text.endsWith('\r\n')).toBe(true);
    expect((await collect(readCsvRows(path))).map((r) => r.cells)).toEqual([
      ['名称', '说明', '备注', '金额', '空', '是否'],
      ['甲, 乙', '他说"好"', '第一行\n第二行', '1.5', '', 'TRUE'],
      ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\t=1"],
      ['-1', "'-1", '', '0', 'FALSE', 'x'],
    ]);
    const noBom = file('nobom.csv');
    await writeCsv(noBom, ['a'], [['b']], { bom: false });
    expect(readFileSync(noBom, 'utf8')).toBe('a\r\nb\r\n');
  });
});
