/**
 * The importer against random and malformed files: truncated zips, random
 * bytes, wrong encodings, huge cells, formulas. It never crashes the core and
 * never leaves half an import: either the whole import committed or nothing.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportSummary, SearchResult } from '../../electron/contract/records';
import { mulberry32 } from '../../electron/core/demo/records';
import { clerkDesk, penaltyRow, value } from '../helpers';

/**
 * A new seed each run (so runs differ), named in the test titles: FUZZ_SEED=<n>
 * replays a failure. Each test draws from its own generator, so one test run
 * alone (-t) draws what it drew in the full run.
 */
const SEED = process.env.FUZZ_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED);
if (!Number.isSafeInteger(SEED)) throw new Error(`FUZZ_SEED should be a whole number: ${process.env.FUZZ_SEED}`);
const randomBytes = (random: () => number, n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));

const CODES = ['CF_XDR_MC', 'CF_XDR_LB', 'CF_XDR_SHXYM', 'CF_FRDB', 'CF_WSH', 'CF_WFXW', 'CF_SY', 'CF_YJ', 'CF_CFLB', 'CF_NR', 'CF_NR_FK', 'CF_JDRQ', 'CF_YXQ', 'CF_CFJG', 'CF_CFJGDM', 'CF_SJLY', 'CF_SJLYDM'];

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Fixed dates, so that the same seed cuts the same file (only the zip entries' times differ).
  wb.created = wb.modified = new Date('2026-01-01T00:00:00Z');
  const ws = wb.addWorksheet('s');
  ws.addRow(CODES);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const validRows = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => CODES.map((c) => penaltyRow({ CF_WSH: `栾市监罚〔2026〕${from + i}号` })[c] ?? null));

async function count(core: Awaited<ReturnType<typeof clerkDesk>>): Promise<number> {
  return value<SearchResult>(await core.invoke('records.search', { category: 'penalty' })).total;
}

describe(`import fuzzing (FUZZ_SEED=${SEED})`, () => {
  it('truncated workbooks at many lengths: a clear refusal or a whole import, never half', async () => {
    const random = mulberry32(SEED);
    const core = await clerkDesk();
    const good = await workbook(validRows(30));
    let before = 0;
    for (let i = 0; i < 40; i++) {
      const cut = Math.floor(random() * good.length);
      const result = await core.invoke('import.run', { category: 'penalty', fileName: 'cut.xlsx', content: good.subarray(0, cut).toString('base64') });
      const after = await count(core);
      if (result.ok) {
        const s = result.value as ImportSummary;
        expect(after - before).toBe(s.imported);
      } else {
        expect(['BAD_FILE', 'CANCELLED']).toContain(result.error.code);
        expect(result.error.message.length).toBeGreaterThan(4);
        expect(after).toBe(before);
      }
      before = after;
    }
    // The desk still works after all that.
    const ok = value<ImportSummary>(await core.invoke('import.run', { category: 'penalty', fileName: 'ok.xlsx', content: (await workbook(validRows(3, 100))).toString('base64') }));
    expect(ok.imported).toBe(3);
  });

  it('random bytes, as .xlsx and as .csv', async () => {
    const random = mulberry32(SEED + 1);
    const core = await clerkDesk();
    for (let i = 0; i < 25; i++) {
      const bytes = randomBytes(random, Math.floor(random() * 4000));
      for (const fileName of ['r.xlsx', 'r.csv']) {
        const result = await core.invoke('import.run', { category: 'penalty', fileName, content: bytes.toString('base64') || 'AA==' });
        if (result.ok) expect((result.value as ImportSummary).imported).toBe(0);
        else expect(result.error.code).not.toBe('INTERNAL');
      }
    }
    expect(await count(core)).toBe(0);
  });

  it('huge cells, formulas, control characters and a wrong-encoding CSV are rejected row by row', async () => {
    const core = await clerkDesk();
    const rows = validRows(4);
    rows[0][CODES.indexOf('CF_SY')] = '事'.repeat(200_000); // far beyond the field's length
    rows[1][CODES.indexOf('CF_XDR_MC')] = { formula: 'HYPERLINK("http://x","点我")', result: '=cmd|/C calc' } as never;
    rows[2][CODES.indexOf('CF_NR')] = '\u0000\u0007控制字符';
    const summary = value<ImportSummary>(await core.invoke('import.run', { category: 'penalty', fileName: 'odd.xlsx', content: (await workbook(rows)).toString('base64') }));
    expect(summary.totalRows).toBe(4);
    expect(summary.imported + summary.rejected).toBe(4);
    expect(summary.errors.some((e) => e.row === 2 && e.field === 'CF_SY')).toBe(true);
    expect(await count(core)).toBe(summary.imported);
    // Latin-1 bytes that are neither UTF-8 nor meaningful GB18030 Chinese headers: no column is recognised.
    const latin1 = Buffer.from('Name;Type\xe9\xe8\n\xff\xfe;1\n', 'latin1');
    const csv = await core.invoke('import.run', { category: 'penalty', fileName: 'x.csv', content: latin1.toString('base64') });
    expect(csv).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
  });
});
