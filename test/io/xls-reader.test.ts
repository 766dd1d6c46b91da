/**
 * The legacy .xls (BIFF8) reader: real .xls files written by SheetJS's BIFF8
 * writer, read back through readSpreadsheetRows (content sniffing, the bounded
 * worker): values, row numbers, the first visible sheet, progress, refusals
 * with how to save as .xlsx, and the limits on size, memory and time.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { FileFormatError } from '../../electron/core/io/errors';
import { detectSpreadsheetFormat, readSpreadsheetRows } from '../../electron/core/io/rows';
import { xlsLimits } from '../../electron/core/io/xls-reader';
import { collect, tempDir, thrown } from './helpers';

const dir = tempDir('xls-');
let seq = 0;

function writeXls(sheets: { name: string; rows: unknown[][]; hidden?: boolean }[], bookType: 'biff8' | 'biff5' = 'biff8', fileName = 'a.xls'): string {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(s.rows), s.name);
  wb.Workbook = { Sheets: sheets.map((s) => ({ Hidden: s.hidden ? 1 : 0 })) } as XLSX.WorkBook['Workbook'];
  const path = join(dir, `${++seq}-${fileName}`);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
  return path;
}

async function refusal(path: string): Promise<FileFormatError> {
  const err = await thrown(collect(readSpreadsheetRows(path)));
  if (!(err instanceof FileFormatError)) throw new Error(`expected FileFormatError, got ${err?.name}: ${err?.message}`);
  expect(err.code).toBe('BAD_FILE');
  return err;
}

const usual = { ...xlsLimits };
afterEach(() => Object.assign(xlsLimits, usual));

describe('reading .xls (BIFF8)', () => {
  it('reads text (Chinese too), numbers, dates as Excel serials, booleans and errors, with Excel’s row numbers; empty rows are skipped', async () => {
    const errorCell = { t: 'e', v: 0x2a } as XLSX.CellObject;
    const path = writeXls([
      {
        name: '行政处罚',
        rows: [
          ['行政相对人名称', 'CF_JDRQ', '罚款金额（万元）', '已缴'],
          ['石家庄市栾城区恒瑞商贸有限公司', 45658, 0.5, true],
          [],
          ['王五', '2026/01/02', errorCell, false],
          ['  带空格  ', null, 12345678901234, null],
        ],
      },
    ]);
    expect(await detectSpreadsheetFormat(path)).toBe('xls');
    const rows = await collect(readSpreadsheetRows(path));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['行政相对人名称', 'CF_JDRQ', '罚款金额（万元）', '已缴'] },
      { rowNumber: 2, cells: ['石家庄市栾城区恒瑞商贸有限公司', 45658, 0.5, true] },
      { rowNumber: 4, cells: ['王五', '2026/01/02', '#N/A', false] },
      { rowNumber: 5, cells: ['  带空格  ', null, 12345678901234] },
    ]);
  });

  it('reads the first visible worksheet, as the .xlsx reader does', async () => {
    const path = writeXls([
      { name: '说明', rows: [['隐藏的说明页']], hidden: true },
      { name: '数据', rows: [['列'], ['值']] },
    ]);
    expect((await collect(readSpreadsheetRows(path))).map((r) => r.cells[0])).toEqual(['列', '值']);
  });

  it('is found by its content whatever its name, and reports progress rising to 1', async () => {
    const rows = [['n', '名称'], ...Array.from({ length: 3000 }, (_, i) => [i, `第${i}行`])];
    const path = writeXls([{ name: 's', rows }], 'biff8', 'renamed.csv');
    const fractions: number[] = [];
    const read = await collect(readSpreadsheetRows(path, { onProgress: (f) => fractions.push(f) }));
    expect(read).toHaveLength(3001);
    expect(read[3000]).toEqual({ rowNumber: 3001, cells: [2999, '第2999行'] });
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    expect(fractions[fractions.length - 1]).toBe(1);
  });

  it('stops when cancelled', async () => {
    const path = writeXls([{ name: 's', rows: Array.from({ length: 5000 }, (_, i) => [i]) }]);
    const controller = new AbortController();
    let n = 0;
    const err = await thrown(
      (async () => {
        for await (const _ of readSpreadsheetRows(path, { signal: controller.signal })) if (++n === 10) controller.abort();
      })(),
    );
    expect(err.name).toBe('AbortError');
    expect(n).toBeLessThan(5000);
  });
});

describe('refusing what it cannot read, saying how to save as .xlsx', () => {
  it('an encrypted workbook, Excel 95, an Office file that is not a workbook, a web page named .xls, a damaged file', async () => {
    const cfb = (streams: Record<string, Buffer>, name: string) => {
      const c = XLSX.CFB.utils.cfb_new();
      for (const [path, bytes] of Object.entries(streams)) XLSX.CFB.utils.cfb_add(c, path, bytes);
      const path = join(dir, `${++seq}-${name}`);
      writeFileSync(path, XLSX.CFB.write(c, { type: 'buffer' }) as Buffer);
      return path;
    };
    expect((await refusal(cfb({ '/EncryptionInfo': Buffer.alloc(64, 1), '/EncryptedPackage': Buffer.alloc(600, 2) }, 'enc.xlsx'))).message).toContain('打开密码');
    expect((await refusal(writeXls([{ name: 's', rows: [['a']] }], 'biff5'))).message).toContain('Excel 95');
    expect((await refusal(cfb({ '/WordDocument': Buffer.alloc(600, 3) }, 'doc.xls'))).message).toContain('没有工作簿');
    const html = join(dir, 'page.xls');
    writeFileSync(html, '<html><body><table><tr><td>行政相对人名称</td></tr></table></body></html>');
    expect((await refusal(html)).message).toContain('网页');
    const good = XLSX.write({ SheetNames: ['s'], Sheets: { s: XLSX.utils.aoa_to_sheet([['a', 'b']]) } }, { type: 'buffer', bookType: 'biff8' }) as Buffer;
    const cut = join(dir, 'cut.xls');
    writeFileSync(cut, good.subarray(0, 700));
    expect((await refusal(cut)).message).toMatch(/\.xls.*另存为/);
  });

  it('bounds size, memory and time: a file over the limits is refused, the worker stopped', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`第${i}行的一段较长的文字，用来占用内存`, i, i * 2, `${i}`]);
    const path = writeXls([{ name: 's', rows }]);
    xlsLimits.maxBytes = 1024;
    expect((await refusal(path)).message).toContain('文件过大');
    Object.assign(xlsLimits, usual);
    xlsLimits.timeoutMs = () => 1;
    expect((await refusal(path)).message).toMatch(/超过 0 秒仍未完成|超过 \d+ 秒仍未完成/);
    Object.assign(xlsLimits, usual);
    xlsLimits.maxHeapMb = 4;
    expect((await refusal(path)).message).toContain('内存超出上限');
  }, 180_000);
});
