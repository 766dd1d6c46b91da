/**
 * Whatever the file, the reader either yields rows or throws FileFormatError with a
 * Chinese message — never another error, never an uncaught one (vitest fails the run
 * on unhandled errors), never a leaked file descriptor.
 */
import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileFormatError } from '../../electron/core/io/errors';
import { readXlsxRows } from '../../electron/core/io/xlsx-reader';
import { collect, prng, thrown, tempDir, writeHandXlsx, writeZip } from './helpers';

const dir = tempDir('bad-');
let seq = 0;
const file = (name = 'bad.xlsx') => join(dir, `${++seq}-${name}`);

async function expectFormatError(path: string, message?: RegExp, options?: Parameters<typeof readXlsxRows>[1]): Promise<FileFormatError> {
  const err = await thrown(collect(readXlsxRows(path, options)));
  if (!(err instanceof FileFormatError)) throw new Error(`expected FileFormatError, got ${err?.name}: ${err?.message}`);
  expect(err.code).toBe('BAD_FILE');
  expect(err.message).toMatch(/[\u4e00-\u9fff]/);
  if (message) expect(err.message).toMatch(message);
  return err;
}

/** Rows, or FileFormatError: the only two outcomes allowed. */
async function rowsOrFormatError(path: string): Promise<'rows' | 'error'> {
  try {
    await collect(readXlsxRows(path));
    return 'rows';
  } catch (err) {
    if (!(err instanceof FileFormatError)) throw new Error(`expected FileFormatError, got ${(err as Error)?.name}: ${(err as Error)?.message}`);
    return 'error';
  }
}

/** Open file descriptors on files of this test's folder (Linux). */
function openTestFiles(): string[] {
  const out: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(dir)) out.push(target);
    } catch {
      // closed meanwhile
    }
  }
  return out;
}
let good: Buffer;

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  for (let r = 0; r < 200; r++) ws.addRow([`名称${r}`, r, r % 2 === 0, `备注：${'中文'.repeat(r % 7)}`]);
  wb.addWorksheet('二').addRow(['x']);
  const path = file('good.xlsx');
  await wb.xlsx.writeFile(path);
  good = readFileSync(path);
});

afterAll(async () => {
  // every zip and stream opened above was closed (closing is asynchronous: give it a moment)
  for (let i = 0; i < 50 && openTestFiles().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(openTestFiles()).toEqual([]);
});

/** Patches a 32-bit field of the central-directory record of `name`. */
function patchCentral(zip: Buffer, name: string, offset: number, value: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = out.length - 46; i >= 0; i--) {
    if (out.readUInt32LE(i) !== 0x02014b50) continue;
    const nameLen = out.readUInt16LE(i + 28);
    if (out.toString('utf8', i + 46, i + 46 + nameLen) === name) {
      out.writeUInt32LE(value, i + offset);
      return out;
    }
  }
  throw new Error(`no central record for ${name}`);
}

describe('files that are not readable workbooks', () => {
  it('random bytes, an empty file, a zip signature followed by junk', async () => {
    const empty = file();
    writeFileSync(empty, '');
    await expectFormatError(empty, /空/);
    for (let seed = 1; seed <= 12; seed++) {
      const rand = prng(seed);
      const bytes = Buffer.from(Array.from({ length: Math.floor(rand() * 5000) + 1 }, () => Math.floor(rand() * 256)));
      if (seed % 3 === 0) bytes.write('PK\x03\x04', 0, 'latin1');
      const path = file();
      writeFileSync(path, bytes);
      await expectFormatError(path);
    }
  });

  it('a CSV or HTML file renamed to .xlsx, a folder, a missing file', async () => {
    const csv = file('data.xlsx');
    writeFileSync(csv, '名称,代码\n甲,1\n');
    await expectFormatError(csv, /不是 \.xlsx 格式/);
    const folder = file('folder.xlsx');
    mkdirSync(folder);
    await expectFormatError(folder, /文件夹/);
    await expectFormatError(join(dir, 'missing.xlsx'), /找不到文件/);
  });

  it('an OLE file (password-protected .xlsx or old .xls) gets its own message', async () => {
    const path = file('encrypted.xlsx');
    writeFileSync(path, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 0)]));
    await expectFormatError(path, /密码.*\.xls.*另存为/);
  });

  it('a valid workbook truncated at many lengths', async () => {
    const lengths = [1, 2, 3, 4, 10, 30, 100, 1000, 2000, good.length >> 2, good.length >> 1, good.length - 200, good.length - 22, good.length - 1];
    const rand = prng(7);
    for (let i = 0; i < 20; i++) lengths.push(Math.floor(rand() * good.length));
    for (const n of lengths) {
      const path = file('truncated.xlsx');
      writeFileSync(path, good.subarray(0, n));
      await expectFormatError(path);
    }
  });

  it('a valid workbook with bytes flipped anywhere: rows or FileFormatError, nothing else', async () => {
    const rand = prng(11);
    const outcomes = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const bytes = Buffer.from(good);
      for (let k = 0; k < 1 + (i % 4); k++) bytes[Math.floor(rand() * bytes.length)] ^= 1 + Math.floor(rand() * 255);
      const path = file('flipped.xlsx');
      writeFileSync(path, bytes);
      outcomes.add(await rowsOrFormatError(path));
    }
    expect(outcomes.has('error')).toBe(true);
  });

  it('zips without a workbook, without relationships, with a missing sheet, with no sheets', async () => {
    const a = file();
    await writeZip(a, { 'readme.txt': 'hello' });
    await expectFormatError(a, /缺少工作簿/);
    const b = file();
    await writeZip(b, { 'xl/workbook.xml': '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>' });
    await expectFormatError(b, /关系文件/);
    const c = file();
    await writeZip(c, {
      'xl/workbook.xml': '<workbook><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    });
    await expectFormatError(c, /缺少工作表“数据”/);
    const d = file();
    await writeZip(d, { 'xl/workbook.xml': '<workbook><sheets/></workbook>', 'xl/_rels/workbook.xml.rels': '<Relationships/>' });
    await expectFormatError(d, /没有工作表/);
  });

  it('broken sheet XML: cut inside a row, absurd column or row numbers, a shared string that does not exist', async () => {
    const cut = file();
    await writeZip(cut, {
      'xl/workbook.xml': '<workbook xmlns:r="r"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2',
    });
    await expectFormatError(cut, /不完整/);
    const wide = file();
    await writeHandXlsx(wide, [{ name: 'a', rows: '<row r="1"><c r="ZZZZZZZ1"><v>1</v></c></row>' }]);
    await expectFormatError(wide, /列号/);
    const tall = file();
    await writeHandXlsx(tall, [{ name: 'a', rows: '<row r="99999999"><c><v>1</v></c></row>' }]);
    await expectFormatError(tall, /行号/);
    const sst = file();
    await writeHandXlsx(sst, [{ name: 'a', rows: '<row r="1"><c r="A1" t="s"><v>5</v></c></row>' }], { sharedStrings: ['<si><t>only</t></si>'] });
    await expectFormatError(sst, /共享字符串/);
  });
});

describe('size limits and zip bombs', () => {
  it('an entry that inflates ~1000:1 (a zip bomb) is refused before inflating', async () => {
    const path = file('bomb.xlsx');
    await writeHandXlsx(path, [{ name: 'a', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' + ' '.repeat(40 * 1024 * 1024) }]);
    await expectFormatError(path, /压缩炸弹/);
  });

  it('a declared size over the limit, a declared size smaller than the data, a low maxUncompressedBytes', async () => {
    const huge = file('declared-huge.xlsx');
    writeFileSync(huge, patchCentral(good, 'xl/worksheets/sheet1.xml', 24, 0xf0000000));
    await expectFormatError(huge, /超过上限/);
    const small = file('declared-small.xlsx');
    writeFileSync(small, patchCentral(good, 'xl/worksheets/sheet1.xml', 24, 100));
    await expectFormatError(small, /超过声明值/);
    const limited = file('limited.xlsx');
    writeFileSync(limited, good);
    await expectFormatError(limited, /超过上限/, { maxUncompressedBytes: 1000 });
  });
});

describe('cancellation and early stop', () => {
  it('an aborted signal stops the read with an AbortError; the zip is closed', async () => {
    const path = file('good.xlsx');
    writeFileSync(path, good);
    const before = new AbortController();
    before.abort();
    expect((await thrown(collect(readXlsxRows(path, { signal: before.signal })))).name).toBe('AbortError');

    const during = new AbortController();
    const err = await thrown(
      (async () => {
        let n = 0;
        for await (const _row of readXlsxRows(path, { signal: during.signal })) if (++n === 3) during.abort();
      })(),
    );
    expect(err.name).toBe('AbortError');
    expect((err as FileFormatError).code).toBe('CANCELLED');
  });

  it('a consumer that stops early (break) leaves nothing open', async () => {
    const path = file('good.xlsx');
    writeFileSync(path, good);
    for (let i = 0; i < 20; i++) {
      for await (const row of readXlsxRows(path)) {
        expect(row.rowNumber).toBe(1);
        break;
      }
    }
  });
});
