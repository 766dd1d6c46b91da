/**
 * The archive stored at approval: export copies it out and it equals a rebuild
 * byte for byte; the stored rows never change (triggers); a copy whose size or
 * SHA-256 is wrong is refused and leaves nothing behind; chunking round-trips;
 * batches approved by an older version (no stored archive, styled .xlsx members)
 * are still rebuilt and exported.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { BatchView, FilePayload, SigningKeyView } from '../../electron/contract';
import { ARCHIVE_CHUNK_BYTES, exportStoredArchive, rebuildArchive, storeArchive, storedArchive, writeChecked } from '../../electron/core/batches/archive';
import { batchIdOf, serializeManifest, type Manifest } from '../../electron/core/batches/format';
import { unlockSigningKey } from '../../electron/core/batches/keys';
import { unlockHolder } from '../../electron/core/auth/keys';
import { keyFilePath, readKeyFile } from '../../electron/core/store/keyfile';
import { buildMembers, withTemp } from '../../electron/core/batches/package';
import { getBatch, lastApproved } from '../../electron/core/batches/service';
import { signSm2, sm3Hex } from '../../electron/core/batches/sm2';
import { verifyBatchFile } from '../../electron/core/batches/verify';
import { getDepartment } from '../../electron/core/department/service';
import { CoreError } from '../../electron/core/errors';
import { readXlsxRows } from '../../electron/core/io/xlsx-reader';
import type { SqliteDatabase } from '../../electron/core/store/database';
import { clerkDesk, penaltyRow, tempFolder, value, withRaw } from '../helpers';
import { collect, readZip } from '../io/helpers';

type Core = Awaited<ReturnType<typeof clerkDesk>>;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function as(core: Core, login: string, password: string) {
  value(await core.invoke('auth.logout', {}));
  value(await core.invoke('auth.login', { login, password }));
}

/** Text that starts like a formula: .xlsx members keep it as it is (older versions wrote an apostrophe before it). */
const FORMULA_LIKE = '-超范围经营（=另案处理）';

/** Three penalties (the third with formula-like text), batch 1 prepared by the clerk, the approver logged in with a key. */
async function preparedDesk() {
  const core = await clerkDesk();
  for (let i = 1; i <= 3; i++) {
    const values = penaltyRow({ CF_WSH: `栾市监罚〔2026〕${i}号`, CF_XDR_MC: `栾城区第${i}商贸有限公司`, ...(i === 3 ? { CF_WFXW: FORMULA_LIKE } : {}) });
    value(await core.invoke('records.create', { category: 'penalty', values }));
  }
  const batch = value<BatchView>(await core.invoke('batches.prepare', {}));
  await as(core, 'boss', 'boss-pass-1');
  value<SigningKeyView>(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
  return { core, batch };
}

async function exported(core: Core, batchId: number): Promise<Buffer> {
  return Buffer.from(value<FilePayload>(await core.invoke('batches.export', { batchId })).content, 'base64');
}

/** Approves a prepared batch the way versions before stored archives did: styled .xlsx members, formula-like text quoted, no archive row. */
async function approveLikeOlderVersion(db: SqliteDatabase, batchId: number, login: string, password: string, at: string): Promise<void> {
  const row = getBatch(db, batchId);
  const { row: key, pair } = unlockSigningKey(db, login, unlockHolder(readKeyFile(keyFilePath(db.name)), login, password)!);
  const department = getDepartment(db);
  const previous = lastApproved(db);
  await withTemp(async (folder) => {
    const members = await buildMembers(db, batchId, department.uscc, Object.keys(row.counts), folder, { xlsxStyles: true, quoteFormulaText: true });
    const manifest: Manifest = {
      format: 'credit-desk-batch',
      formatVersion: 1,
      batchId: batchIdOf(department.uscc, row.sequence),
      department: { name: department.name, uscc: department.uscc, regionCode: department.regionCode },
      sequence: row.sequence,
      previousManifestSm3: previous?.manifestSm3 ?? '',
      prepared: { at: row.preparedAt, by: row.preparedBy },
      approved: { at, by: login, keyFingerprint: key.fingerprint },
      counts: row.counts,
      operations: row.operations,
      members: members.map(({ path, size, sm3, sha256 }) => ({ path, size, sm3, sha256 })),
    };
    const bytes = serializeManifest(manifest);
    db.prepare(
      `UPDATE batches SET state = 'approved', decided_at = ?, decided_by = ?, manifest = ?, manifest_sm3 = ?, signature = ?, signing_key_id = ?
       WHERE id = ? AND state = 'prepared'`,
    ).run(at, login, bytes.toString('utf8'), sm3Hex(bytes), signSm2(bytes, pair).toString('base64'), key.id, batchId);
  });
}

/** The header cells of the first sheet of an .xlsx member: values (our reader) and boldness (exceljs). */
async function xlsxHeader(bytes: Buffer, folder: string): Promise<{ cells: unknown[]; bold: boolean; rows: number; all: unknown[][] }> {
  const path = join(folder, `member-${randomBytes(4).toString('hex')}.xlsx`);
  writeFileSync(path, bytes);
  const rows = await collect(readXlsxRows(path));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0];
  expect(ws.getCell('A1').value).toBe('操作类型');
  expect(ws.getCell('B2').value).toBe(rows[1].cells[1]);
  return { cells: rows[0].cells, bold: ws.getCell('A1').font?.bold === true, rows: rows.length, all: rows.map((r) => r.cells) };
}

describe('the archive stored at approval', () => {
  it('is what export writes, and equals a rebuild byte for byte', async () => {
    const { core, batch } = await preparedDesk();
    value(await core.invoke('batches.approve', { batchId: batch.batchId, password: 'boss-pass-1' }));
    const folder = tempFolder();
    const stored = await exported(core, batch.batchId);
    // exportFile: the same bytes, renamed into place, no temporary file left beside it
    const path = join(folder, 'batch.zip');
    value(await core.invoke('batches.exportFile', { batchId: batch.batchId, path }));
    expect(readFileSync(path).equals(stored)).toBe(true);
    expect(readdirSync(folder)).toEqual(['batch.zip']);
    expect(await verifyBatchFile(path)).toMatchObject({ ok: true, manifest: { sequence: 1, operations: 3 } });

    await withRaw(core, async (db) => {
      const archive = storedArchive(db, batch.batchId)!;
      expect(archive).toEqual({ size: stored.length, sha256: sha256(stored), xlsxStyles: false });
      expect(db.prepare('SELECT count(*) AS n FROM batch_archive_chunks WHERE batch_id = ?').get(batch.batchId)).toEqual({ n: 1 });
      // The rebuild path (batches approved by an older version) gives the same bytes.
      const rebuilt = join(folder, 'rebuilt.zip');
      await rebuildArchive(db, batch.batchId, rebuilt);
      expect(sha256(readFileSync(rebuilt))).toBe(archive.sha256);
    });

    // The .xlsx member, written without styles, reads back with our reader and with exceljs.
    const members = await readZip(path);
    const header = await xlsxHeader(members.get('data/penalty.xlsx')!, folder);
    expect(header).toMatchObject({ bold: false, rows: 4 });
    expect(header.cells.slice(0, 5)).toEqual(['操作类型', '操作编号', '是否公开显示', '公开显示截止日期', '行政相对人名称']);
    // Text that looks like a formula is kept as it is, the same as in the JSON Lines member (before: "'-超范围…").
    expect(header.all.flat()).toContain(FORMULA_LIKE);
    expect(members.get('data/penalty.jsonl')!.toString('utf8')).toContain(JSON.stringify(FORMULA_LIKE));
  });

  it('never changes: triggers refuse UPDATE, DELETE and extra chunks', async () => {
    const { core, batch } = await preparedDesk();
    value(await core.invoke('batches.approve', { batchId: batch.batchId, password: 'boss-pass-1' }));
    const before = await exported(core, batch.batchId);
    await as(core, 'clerk1', 'clerk-pass-1');
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕9号' }) }));
    const next = value<BatchView>(await core.invoke('batches.prepare', {}));
    await withRaw(core, (db) => {
      const id = batch.batchId;
      const refused = (sql: string, ...params: unknown[]) => expect(() => db.prepare(sql).run(...params)).toThrow(/never changes|stored once/);
      refused(`UPDATE batch_archive_chunks SET bytes = x'00' WHERE batch_id = ?`, id);
      refused('UPDATE batch_archive_chunks SET seq = seq + 1 WHERE batch_id = ?', id);
      refused('DELETE FROM batch_archive_chunks WHERE batch_id = ?', id);
      refused(`UPDATE batch_archives SET sha256 = ? WHERE batch_id = ?`, '0'.repeat(64), id);
      refused('UPDATE batch_archives SET size = size + 1 WHERE batch_id = ?', id);
      refused('DELETE FROM batch_archives WHERE batch_id = ?', id);
      // sealed: no chunk added or replaced afterwards
      refused(`INSERT INTO batch_archive_chunks (batch_id, seq, bytes) VALUES (?, 1, x'00')`, id);
      refused(`INSERT OR REPLACE INTO batch_archive_chunks (batch_id, seq, bytes) VALUES (?, 0, x'00')`, id);
      // only for an approved batch
      refused(`INSERT INTO batch_archive_chunks (batch_id, seq, bytes) VALUES (?, 0, x'00')`, next.batchId);
      refused(`INSERT INTO batch_archives (batch_id, size, sha256, xlsx_styles) VALUES (?, 1, ?, 0)`, next.batchId, '0'.repeat(64));
    });
    expect((await exported(core, batch.batchId)).equals(before)).toBe(true);
  });

  it('a copy that does not match the stored size or SHA-256 is refused and leaves nothing behind', async () => {
    const { core, batch } = await preparedDesk();
    value(await core.invoke('batches.approve', { batchId: batch.batchId, password: 'boss-pass-1' }));
    const folder = tempFolder();
    const out = join(folder, 'batch.zip');
    writeFileSync(out, 'an older file the user chose to replace');
    await withRaw(core, async (db) => {
      const archive = storedArchive(db, batch.batchId)!;
      for (const wrong of [{ ...archive, sha256: '0'.repeat(64) }, { ...archive, size: archive.size + 1 }, { ...archive, size: archive.size - 1 }]) {
        const err = await exportStoredArchive(db, batch.batchId, out, wrong).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(CoreError);
        expect(err).toMatchObject({ code: 'DB_CORRUPT', message: expect.stringContaining('校验值不一致') });
        expect(readdirSync(folder)).toEqual(['batch.zip']);
        expect(readFileSync(out, 'utf8')).toBe('an older file the user chose to replace');
      }
      await exportStoredArchive(db, batch.batchId, out, archive);
      expect(sha256(readFileSync(out))).toBe(archive.sha256);
    });
    // The streaming check itself: a stream that differs by one byte.
    const good = randomBytes(3000);
    const bad = Buffer.from(good);
    bad[1234] ^= 1;
    const target = join(folder, 'copy.bin');
    await expect(writeChecked(target, [bad.subarray(0, 1000), bad.subarray(1000)], { size: good.length, sha256: sha256(good) })).rejects.toMatchObject({ code: 'DB_CORRUPT' });
    expect(readdirSync(folder)).toEqual(['batch.zip']);
    await writeChecked(target, [good.subarray(0, 1000), good.subarray(1000)], { size: good.length, sha256: sha256(good) });
    expect(readFileSync(target).equals(good)).toBe(true);
  });

  it('stores and copies archives of several chunks, including an exact multiple of the chunk size', async () => {
    const core = await clerkDesk();
    const folder = tempFolder();
    await withRaw(core, async (db) => {
      const sizes = [0, 10, ARCHIVE_CHUNK_BYTES, 2 * ARCHIVE_CHUNK_BYTES, 2 * ARCHIVE_CHUNK_BYTES + 12345];
      for (const [i, size] of sizes.entries()) {
        // An approved batch row stands in for a real one: only the chunking is under test here.
        const batchId = Number(
          db
            .prepare(`INSERT INTO batches (sequence, state, prepared_at, prepared_by, counts, operations) VALUES (?, 'approved', '2026-01-01T00:00:00.000Z', 'clerk1', '{}', 0)`)
            .run(100 + i).lastInsertRowid,
        );
        const bytes = randomBytes(size);
        const source = join(folder, `source-${i}.zip`);
        writeFileSync(source, bytes);
        const stored = db.transaction(() => storeArchive(db, batchId, source, { xlsxStyles: false }))();
        expect(stored).toEqual({ size, sha256: sha256(bytes), xlsxStyles: false });
        const chunks = db.prepare('SELECT seq, length(bytes) AS n FROM batch_archive_chunks WHERE batch_id = ? ORDER BY seq').all(batchId) as { seq: number; n: number }[];
        expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, k) => k));
        expect(chunks.length).toBe(Math.ceil(size / ARCHIVE_CHUNK_BYTES));
        expect(chunks.every((c, k) => c.n === (k < chunks.length - 1 ? ARCHIVE_CHUNK_BYTES : size - k * ARCHIVE_CHUNK_BYTES))).toBe(true);
        const out = join(folder, `out-${i}.zip`);
        await exportStoredArchive(db, batchId, out, storedArchive(db, batchId)!);
        expect(readFileSync(out).equals(bytes)).toBe(true);
      }
    });
  });
});

describe('a batch approved by an older version (no stored archive)', () => {
  it('is rebuilt with styled .xlsx members, checked against its signed manifest, and verifies', async () => {
    const { core, batch } = await preparedDesk();
    await withRaw(core, (db) => approveLikeOlderVersion(db, batch.batchId, 'boss', 'boss-pass-1', '2026-11-26T06:30:00.000Z'));
    const folder = tempFolder();
    const path = join(folder, 'old.zip');
    value(await core.invoke('batches.exportFile', { batchId: batch.batchId, path }));
    expect(await verifyBatchFile(path)).toMatchObject({ ok: true, manifest: { sequence: 1, operations: 3 } });
    await withRaw(core, (db) => expect(storedArchive(db, batch.batchId)).toBeUndefined());
    const header = await xlsxHeader((await readZip(path)).get('data/penalty.xlsx')!, folder);
    expect(header.bold).toBe(true);
    // As that version wrote it (and signed it): with the apostrophe.
    expect(header.all.flat()).toContain(`'${FORMULA_LIKE}`);
    // Deterministic as before: the same bytes again.
    expect((await exported(core, batch.batchId)).equals(readFileSync(path))).toBe(true);

    // The next batch, approved now, stores its archive and chains onto the old one.
    await as(core, 'clerk1', 'clerk-pass-1');
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕9号' }) }));
    const next = value<BatchView>(await core.invoke('batches.prepare', {}));
    await as(core, 'boss', 'boss-pass-1');
    value(await core.invoke('batches.approve', { batchId: next.batchId, password: 'boss-pass-1' }));
    const nextPath = join(folder, 'next.zip');
    value(await core.invoke('batches.exportFile', { batchId: next.batchId, path: nextPath }));
    expect(await verifyBatchFile(nextPath, { previous: path })).toMatchObject({ ok: true, manifest: { sequence: 2 } });
    await withRaw(core, (db) => expect(storedArchive(db, next.batchId)).toMatchObject({ xlsxStyles: false }));
  });
});
