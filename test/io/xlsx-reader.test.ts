/**
 * The fast .xlsx reader against exceljs's own reader (differential), on workbooks
 * written by exceljs in every flavour it has, plus hand-written SpreadsheetML for
 * what exceljs never writes (phonetic runs, `_xHHHH_` escapes, prefixes, missing
 * `r` attributes …).
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsxRowBatches, readXlsxRows, type XlsxRow } from '../../electron/core/io/xlsx-reader';
import { generatePenaltyWorkbook } from '../bench/fixtures';
import { collect, exceljsRows, prng, readZip, sameRows, tempDir, writeHandXlsx, writeZip } from './helpers';

const dir = tempDir('xlsx-');
let seq = 0;
const file = (name = 'book.xlsx') => join(dir, `${++seq}-${name}`);

async function expectSameAsExceljs(path: string): Promise<XlsxRow[]> {
  const ours = await collect(readXlsxRows(path));
  const ref = await exceljsRows(path);
  expect(sameRows(ours, ref.rows)).toBeNull();
  return ours;
}

/** A workbook with every kind of cell exceljs can write. */
function kitchenSink(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('数据');
  ws.addRow(['名称', '数量', '日期', '布尔', '公式', '富文本', '链接']);
  ws.getCell('A2').value = '石家庄市栾城区<>&"\'商贸 & Co.';
  ws.getCell('B2').value = 12.5;
  ws.getCell('C2').value = new Date(Date.UTC(2025, 0, 15));
  ws.getCell('D2').value = true;
  ws.getCell('E2').value = { formula: 'B2*2', result: 25 };
  ws.getCell('F2').value = { richText: [{ text: '富', font: { bold: true } }, { text: '文本 ' }, { text: 'rich', font: { italic: true } }] };
  ws.getCell('G2').value = { text: '链接文字', hyperlink: 'https://example.org/?a=1&b=2' };
  ws.getCell('A3').value = { formula: 'A2&"x"', result: '石家庄x' };
  ws.getCell('B3').value = { error: '#N/A' };
  ws.getCell('C3').value = { formula: '1/0', result: { error: '#DIV/0!' } };
  ws.getCell('D3').value = false;
  ws.getCell('E3').value = { formula: 'TODAY()', result: new Date(Date.UTC(2026, 10, 26, 13, 45, 30)) };
  ws.getCell('F3').value = '长'.repeat(32767);
  ws.getCell('H5').value = '稀疏';
  ws.getCell('A7').value = -0.000123;
  ws.getCell('B7').value = 1e21;
  ws.getCell('C7').value = '  前后空格  ';
  ws.getCell('D7').value = '第一行\n第二行';
  ws.getCell('E7').value = 0;
  ws.getCell('F7').value = 123456789012345;
  ws.getCell('G7').value = 0.1 + 0.2;
  ws.getCell('AA9').value = 'far column AA';
  ws.getRow(10).height = 30; // a row with no values
  ws.getCell('B11').style = { font: { bold: true } }; // a styled, empty cell
  ws.getCell('C11').value = '😀 emoji ＆ 全角';
  // Not here: text containing "_x000D_". exceljs writes it unescaped and decodes it
  // back only in shared strings; ECMA-376 escapes (and we decode) it in every string
  // (ST_Xstring, incl. <v>): see the hand-written tests.
  wb.addWorksheet('第二张').addRow(['另一张表', 1]);
}

/** Random cells (seeded): strings with Chinese, entities and spaces, numbers, booleans, dates, formulas, rich text, errors. */
function randomSheet(ws: ExcelJS.Worksheet, seed: number, rows: number, cols: number): void {
  const rand = prng(seed);
  const alphabet = ['中', '文', '字', '符', 'a', 'Z', '0', ' ', '&', '<', '>', '"', "'", ',', '，', '。', '\n', '_', '😀', 'é'];
  const str = () => Array.from({ length: 1 + Math.floor(rand() * 30) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
  for (let r = 1; r <= rows; r++) {
    if (rand() < 0.1) continue; // missing row
    for (let c = 1; c <= cols; c++) {
      const k = rand();
      const cell = ws.getCell(r, c);
      if (k < 0.15) continue;
      else if (k < 0.45) cell.value = str();
      else if (k < 0.6) cell.value = Math.round((rand() - 0.5) * 1e6) / 100;
      else if (k < 0.65) cell.value = Math.floor(rand() * 1e9);
      else if (k < 0.7) cell.value = rand() < 0.5;
      else if (k < 0.75) cell.value = new Date(Date.UTC(2000 + Math.floor(rand() * 30), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
      else if (k < 0.8) cell.value = { formula: `ROW()*${c}`, result: r * c };
      else if (k < 0.85) cell.value = { formula: 'CONCAT("a","b")', result: str() };
      else if (k < 0.9) cell.value = { richText: [{ text: str(), font: { bold: true } }, { text: str() }] };
      else if (k < 0.93) cell.value = { error: rand() < 0.5 ? '#VALUE!' : '#REF!' };
      else cell.value = str().trim() || 'x';
    }
  }
}

/** Copies a workbook into exceljs's streaming writer (the only exceljs writer that can skip shared strings). */
async function writeStreaming(source: ExcelJS.Workbook, path: string, useSharedStrings: boolean): Promise<void> {
  const out = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings, useStyles: true });
  for (const sheet of source.worksheets) {
    const ws = out.addWorksheet(sheet.name);
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const target = ws.getRow(n);
      if (row.height) target.height = row.height;
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const t = target.getCell(c);
        t.value = cell.value;
        t.style = cell.style;
      });
      target.commit();
    });
    ws.commit();
  }
  await out.commit();
}

type Writer = 'exceljs (shared strings)' | 'streaming, shared strings' | 'streaming, no shared strings (t="str", inline rich text)';
const WRITERS: Writer[] = ['exceljs (shared strings)', 'streaming, shared strings', 'streaming, no shared strings (t="str", inline rich text)'];

async function writeWith(writer: Writer, wb: ExcelJS.Workbook, path: string): Promise<void> {
  if (writer === 'exceljs (shared strings)') await wb.xlsx.writeFile(path);
  else await writeStreaming(wb, path, writer === 'streaming, shared strings');
}

describe('readXlsxRows against exceljs (differential)', () => {
  for (const writer of WRITERS) {
    it(`kitchen-sink workbook, ${writer}`, async () => {
      const wb = new ExcelJS.Workbook();
      kitchenSink(wb);
      const path = file();
      await writeWith(writer, wb, path);
      const sheetXml = (await readZip(path)).get('xl/worksheets/sheet1.xml')!.toString('utf8');
      if (writer.includes('no shared')) expect(sheetXml).toMatch(/t="str"[\s\S]*t="inlineStr"/);
      else expect(sheetXml).toContain('t="s"');
      const rows = await expectSameAsExceljs(path);
      // spot checks of what the comparison covers
      const byRow = new Map(rows.map((r) => [r.rowNumber, r.cells]));
      expect(byRow.get(2)?.[0]).toBe('石家庄市栾城区<>&"\'商贸 & Co.');
      expect(byRow.get(2)?.[2]).toBe(45672); // 2025-01-15 as a serial: no style-based date detection
      expect(byRow.get(2)?.[5]).toBe('富文本 rich');
      expect(byRow.get(3)?.slice(0, 4)).toEqual(['石家庄x', '#N/A', '#DIV/0!', false]);
      expect(byRow.get(3)?.[5]).toHaveLength(32767);
      expect(byRow.get(5)).toEqual([null, null, null, null, null, null, null, '稀疏']);
      expect(byRow.has(10)).toBe(false);
      expect(byRow.get(11)).toEqual([null, null, '😀 emoji ＆ 全角']);
      expect(byRow.get(9)?.length).toBe(27);
    });
  }

  it('random workbooks (several seeds) from each exceljs writer', async () => {
    for (const seed of [1, 2, 3]) {
      for (const writer of WRITERS) {
        const wb = new ExcelJS.Workbook();
        randomSheet(wb.addWorksheet('随机'), seed * 10 + WRITERS.indexOf(writer), 150, 24);
        const path = file(`random-${seed}.xlsx`);
        await writeWith(writer, wb, path);
        await expectSameAsExceljs(path);
      }
    }
  });

  it('a 3,000-row 行政处罚 workbook (rows and multi-byte characters across inflate chunks)', async () => {
    for (const sharedStrings of [false, true]) {
      const path = file('penalty.xlsx');
      await generatePenaltyWorkbook(path, 3000, { sharedStrings });
      const rows = await expectSameAsExceljs(path);
      expect(rows).toHaveLength(3001);
      expect(rows[0].cells[0]).toBe('CF_XDR_MC');
      // batches give the same rows
      const batched = (await collect(readXlsxRowBatches(path))).flat();
      expect(batched).toEqual(rows);
    }
  });

  it('reads the first sheet in workbook order, not sheet1.xml; skips a hidden first tab', async () => {
    const wb = new ExcelJS.Workbook();
    kitchenSink(wb);
    const path = file();
    await wb.xlsx.writeFile(path);
    const entries = await readZip(path);
    const workbookXml = entries.get('xl/workbook.xml')!.toString('utf8');
    const sheets = workbookXml.match(/<sheet [^>]*\/>/g)!;
    expect(sheets).toHaveLength(2);
    const write = async (xml: string) => {
      const out = file('reordered.xlsx');
      await writeZip(out, Object.fromEntries([...entries].map(([k, v]) => [k, k === 'xl/workbook.xml' ? Buffer.from(xml) : v])));
      return out;
    };
    const reordered = await write(workbookXml.replace(sheets.join(''), sheets[1] + sheets[0]));
    const ref = await exceljsRows(reordered);
    expect(ref.name).toBe('第二张');
    const rows = await expectSameAsExceljs(reordered);
    expect(rows).toEqual([{ rowNumber: 1, cells: ['另一张表', 1] }]);

    const hiddenFirst = await write(workbookXml.replace('state="visible"', 'state="hidden"'));
    expect((await exceljsRows(hiddenFirst)).name).toBe('第二张');
    expect(await collect(readXlsxRows(hiddenFirst))).toEqual([{ rowNumber: 1, cells: ['另一张表', 1] }]);
  });
});

describe('readXlsxRows on hand-written SpreadsheetML', () => {
  it('shared strings: rich text runs joined, phonetic runs left out, preserved spaces, empty items, entities and escapes', async () => {
    const path = file();
    await writeHandXlsx(
      path,
      [{ name: 'S', rows: [0, 1, 2, 3, 4, 5, 6].map((i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`).join('') }],
      {
        sharedStrings: [
          '<si><t>plain</t></si>',
          '<si><r><rPr><b/><sz val="11"/></rPr><t>富</t></r><r><t xml:space="preserve"> 文本 </t></r><rPh sb="0" eb="1"><t>ふ</t></rPh><phoneticPr fontId="1"/></si>',
          '<si><t xml:space="preserve">  lead and trail  </t></si>',
          '<si/>',
          '<si><t>&lt;a&gt; &amp; &quot;q&quot; &apos;s&apos; &#20013;&#x6587; &#x1F600;</t></si>',
          '<si><t>line_x000D_break _x005F_x000D_ kept _x0041_</t></si>',
          '<si><t/></si>',
        ],
      },
    );
    const rows = await collect(readXlsxRows(path));
    expect(rows.map((r) => r.cells[0])).toEqual([
      'plain',
      '富 文本 ',
      '  lead and trail  ',
      '',
      '<a> & "q" \'s\' 中文 😀',
      'line\rbreak _x000D_ kept A',
      '',
    ]);
  });

  it('cell types: inline strings, formula strings, booleans, errors, ISO dates, numbers; cached values of formulas', async () => {
    const path = file();
    await writeHandXlsx(path, [
      {
        name: 'T',
        rows:
          '<row r="1">' +
          '<c r="A1" t="inlineStr"><is><t>inline</t></is></c>' +
          '<c r="B1" t="inlineStr"><is><r><t>run1</t></r><r><rPr><i/></rPr><t xml:space="preserve"> run2</t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c>' +
          '<c r="C1" t="str"><f>A1&amp;"!"</f><v>inline!</v></c>' +
          '<c r="D1" t="b"><v>1</v></c><c r="E1" t="b"><v>0</v></c>' +
          '<c r="F1" t="e"><f>NA()</f><v>#N/A</v></c>' +
          '<c r="G1" t="d"><v>2025-01-15T12:00:00</v></c>' +
          '<c r="H1"><f>1+1</f><v>2</v></c>' +
          '<c r="I1" t="n"><v>-1.5E-3</v></c>' +
          '<c r="J1"><f>SUM(A1:A2)</f></c>' + // never calculated: no value
          '<c r="K1" s="3"><v>45658.5</v></c>' +
          '<c r="L1"><f t="shared" ref="L1:L2" si="0">ROW()</f><v>1</v></c>' +
          '<c r="M1" t="str"><f>CHAR(13)</f><v>a_x000D_b</v></c>' +
          '</row>',
      },
    ]);
    const [row] = await collect(readXlsxRows(path));
    expect(row).toEqual({
      rowNumber: 1,
      cells: ['inline', 'run1 run2', 'inline!', true, false, '#N/A', 45672.5, 2, -0.0015, null, 45658.5, 1, 'a\rb'],
    });
  });

  it('missing r attributes, sparse and self-closing cells, empty rows, comments and extLst, a BOM and a namespace prefix', async () => {
    const rows =
      '<row><c><v>1</v></c><c t="inlineStr"><is><t>b</t></is></c><c/><c><v>4</v></c></row>' + // row 1, A..D
      '<row r="3"><c r="C3" s="1"/><c r="E3"><v>5</v></c><c><v>6</v></c></row>' + // F3 follows E3
      '<row r="4" spans="1:3"/>' + // empty
      '<!-- a comment --><row r="5" ht="20" customHeight="1"><c r="B5" s="2"/></row>' + // only styled
      '<row><c r="B6"><v/></c><c r="C6"><v>7</v></c><extLst><ext uri="x"><y/></ext></extLst></row>'; // row 6
    const expected = [
      { rowNumber: 1, cells: [1, 'b', null, 4] },
      { rowNumber: 3, cells: [null, null, null, null, 5, 6] },
      { rowNumber: 6, cells: [null, null, 7] },
    ];
    const plain = file();
    await writeHandXlsx(plain, [{ name: 'P', rows }]);
    expect(await collect(readXlsxRows(plain))).toEqual(expected);

    const prefixed = file();
    const p = (xml: string) => xml.replace(/<(\/?)(row|c|v|is|t)(?=[\s>/])/g, '<$1x:$2');
    await writeHandXlsx(prefixed, [{ name: 'P', rows: p(rows).replace('<x:c t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c>', '<x:c t="s"><x:v>0</x:v></x:c>') }], {
      prefix: 'x',
      sharedStrings: ['<x:si><x:t>b</x:t></x:si>'],
    });
    expect(await collect(readXlsxRows(prefixed))).toEqual(expected);
  });

  it('literal CR LF in text becomes LF (XML end-of-line handling); &#13; stays CR', async () => {
    const path = file();
    await writeHandXlsx(path, [{ name: 'N', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb\rc&#13;d</t></is></c></row>' }]);
    expect((await collect(readXlsxRows(path)))[0].cells).toEqual(['a\nb\nc\rd']);
  });

  it('follows relationships: absolute targets, other part names, a chartsheet first, a UTF-8 BOM in the part', async () => {
    const path = file();
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    await writeZip(path, {
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="/wb/book.xml"/></Relationships>`,
      'wb/book.xml': `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="${REL}"><sheets><sheet name="图表" sheetId="1" rel:id="c"/><sheet name="数据 &amp; 表" sheetId="2" rel:id="w"/></sheets></workbook>`,
      'wb/_rels/book.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="c" Type="${REL}/chartsheet" Target="charts/c1.xml"/><Relationship Id="w" Type="${REL}/worksheet" Target="/data/DATA%20sheet.xml"/><Relationship Id="s" Type="${REL}/sharedStrings" Target="../strings/sst.xml"/></Relationships>`,
      'wb/charts/c1.xml': '<chartsheet/>',
      'data/DATA sheet.xml': Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData></worksheet>'),
      ]),
      'strings/sst.xml': '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>找到了</t></si></sst>',
    });
    expect(await collect(readXlsxRows(path))).toEqual([{ rowNumber: 2, cells: ['找到了'] }]);
  });

  it('an empty sheet yields no rows', async () => {
    const path = file();
    await writeZip(path, {
      'xl/workbook.xml': '<workbook xmlns:r="R"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml': '<worksheet><dimension ref="A1"/><sheetData/></worksheet>',
    });
    expect(await collect(readXlsxRows(path))).toEqual([]);
  });
});
