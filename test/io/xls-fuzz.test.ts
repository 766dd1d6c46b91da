/**
 * The .xls reader against damaged and hostile files: a valid BIFF8 workbook with
 * bytes flipped, cut short, record lengths overwritten, and OLE containers whose
 * Workbook stream is random. Each read yields rows or a FileFormatError (BAD_FILE,
 * a Chinese message) within the reader's time limit; through the contract, an
 * import of such a file either commits whole or writes nothing.
 *
 * A new seed each run, named in the titles: FUZZ_SEED=<n> replays a failure. Each
 * test draws from its own generator.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import type { ImportSummary, SearchResult } from '../../electron/contract/records';
import { mulberry32 } from '../../electron/core/demo/records';
import { FileFormatError } from '../../electron/core/io/errors';
import { readSpreadsheetRows } from '../../electron/core/io/rows';
import { clerkDesk, value } from '../helpers';
import { PENALTY_2016_CODES, penalty2016Rows, xlsBytes } from '../records/history-fixtures';
import { tempDir } from './helpers';

const SEED = process.env.FUZZ_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED);
if (!Number.isSafeInteger(SEED)) throw new Error(`FUZZ_SEED should be a whole number: ${process.env.FUZZ_SEED}`);

const dir = tempDir('xls-fuzz-');
let seq = 0;
const GOOD = xlsBytes(PENALTY_2016_CODES, penalty2016Rows());
/** OLE sectors are 512 bytes; the first is the container's header. */
const SECTOR = 512;

/** Rows or a FileFormatError: nothing else, and never a hang (the reader's own time limit applies). */
async function readOutcome(bytes: Buffer): Promise<'rows' | 'refused'> {
  const path = join(dir, `${++seq}.xls`);
  writeFileSync(path, bytes);
  try {
    for await (const row of readSpreadsheetRows(path)) expect(row.rowNumber).toBeGreaterThan(0);
    return 'rows';
  } catch (err) {
    if (!(err instanceof FileFormatError)) throw new Error(`expected FileFormatError, got ${(err as Error)?.name}: ${(err as Error)?.message}`);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    return 'refused';
  }
}

function flipped(random: () => number, bytes: Buffer, flips: number): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < flips; i++) out[SECTOR + Math.floor(random() * (out.length - SECTOR))] ^= 1 + Math.floor(random() * 255);
  return out;
}

describe(`.xls fuzzing (FUZZ_SEED=${SEED})`, () => {
  it('bytes flipped in the workbook, cut short, record lengths overwritten: rows or a clear refusal', async () => {
    const random = mulberry32(SEED);
    const outcomes = { rows: 0, refused: 0 };
    for (let i = 0; i < 8; i++) outcomes[await readOutcome(flipped(random, GOOD, 1 + Math.floor(random() * 40)))]++;
    for (let i = 0; i < 5; i++) outcomes[await readOutcome(GOOD.subarray(0, Math.floor(random() * GOOD.length)))]++;
    for (let i = 0; i < 5; i++) {
      // BIFF records are [type:2][length:2][data]: absurd lengths at random places.
      const out = Buffer.from(GOOD);
      for (let k = 0; k < 4; k++) out.writeUInt16LE(random() < 0.5 ? 0xffff : Math.floor(random() * 0x10000), SECTOR + 2 * Math.floor((random() * (out.length - SECTOR - 2)) / 2));
      outcomes[await readOutcome(out)]++;
    }
    expect(outcomes.rows + outcomes.refused).toBe(18);
  }, 180_000); // a worker per file

  it('OLE containers holding a random Workbook stream', async () => {
    const random = mulberry32(SEED + 1);
    for (let i = 0; i < 6; i++) {
      const c = XLSX.CFB.utils.cfb_new();
      const length = 8 + Math.floor(random() * 20_000);
      // Half start as a real BIFF8 stream does (a BOF record), so that parsing goes past the first record.
      const stream = Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
      if (i % 2 === 0) Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00]).copy(stream);
      XLSX.CFB.utils.cfb_add(c, '/Workbook', stream);
      expect(['rows', 'refused']).toContain(await readOutcome(XLSX.CFB.write(c, { type: 'buffer' }) as Buffer));
    }
  }, 180_000);

  it('through the contract: a damaged .xls imports whole or not at all, and the desk goes on working', async () => {
    const random = mulberry32(SEED + 2);
    const core = await clerkDesk();
    const count = async () => value<SearchResult>(await core.invoke('records.search', { category: 'penalty' })).total;
    let before = 0;
    for (let i = 0; i < 6; i++) {
      const bytes = i % 2 ? GOOD.subarray(0, Math.floor(random() * GOOD.length)) : flipped(random, GOOD, 1 + Math.floor(random() * 8));
      const r = await core.invoke('import.run', { category: 'penalty', fileName: '历史.xls', content: bytes.toString('base64'), alreadyReported: true });
      const after = await count();
      if (r.ok) expect(after - before).toBe((r.value as ImportSummary).imported);
      else {
        expect(r.error.code).toBe('BAD_FILE');
        expect(after).toBe(before);
      }
      before = after;
    }
    const ok = value<ImportSummary>(await core.invoke('import.run', { category: 'penalty', fileName: '历史.xls', content: GOOD.toString('base64'), alreadyReported: true, allOrNothing: false }));
    expect(ok.totalRows).toBe(8);
  }, 180_000);
});
