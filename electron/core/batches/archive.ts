/**
 * An approved batch's archive, kept in the encrypted database. Approval builds the
 * .zip once (writeArchive: the same bytes a rebuild gives in the same time zone, as
 * zip entry times are local) and stores it, in chunks
 * of 1 MiB, in the transaction that marks the batch approved. Export copies the
 * chunks to a temporary file beside the target while computing SHA-256, compares
 * size and digest with the stored ones, and only then renames the file into place.
 * better-sqlite3 has no incremental blob I/O: the chunks keep memory bounded both
 * when storing and when exporting.
 *
 * A batch approved by an older version has no stored archive: export rebuilds its
 * members and checks them against the signed manifest (rebuildArchive).
 */
import { eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { batchArchiveChunks, batchArchives, batches } from '../../../drizzle/schema';
import { chinaDate } from '../calendar';
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { statement, type Row } from '../store/sql';
import type { Manifest } from './format';
import { pemOf, signingKeyById } from './keys';
import { assertMembersMatch, buildMembers, membersMatch, withTemp, writeArchive, type MemberOptions } from './package';
import { getBatch } from './service';
import { partialPath } from '../tempfiles';

/** Bytes per stored chunk (the last one may be shorter). */
export const ARCHIVE_CHUNK_BYTES = 1 << 20;

/** Size, SHA-256 (hex, lower case) and how the .xlsx members inside were written (see MemberOptions). */
export type StoredArchive = Pick<typeof batchArchives.$inferSelect, 'size' | 'sha256' | 'xlsxStyles'>;

// Storing the archive at approval and copying it out at export (bench section C, approve
// and export): one statement per 1 MiB chunk, kept prepared.
const archiveOf = statement<Pick<Row<typeof batchArchives>, 'size' | 'sha256' | 'xlsx_styles'>, [batchId: number]>(
  'batches.archive',
  'SELECT size, sha256, xlsx_styles FROM batch_archives WHERE batch_id = ?',
);
const insertChunk = statement<never, [batchId: number, seq: number, bytes: Buffer]>(
  'batches.insertArchiveChunk',
  'INSERT INTO batch_archive_chunks (batch_id, seq, bytes) VALUES (?, ?, ?)',
);
const insertArchive = statement<never, [batchId: number, size: number, sha256: string, xlsxStyles: number]>(
  'batches.insertArchive',
  'INSERT INTO batch_archives (batch_id, size, sha256, xlsx_styles) VALUES (?, ?, ?, ?)',
);
const chunkOf = statement<Pick<Row<typeof batchArchiveChunks>, 'bytes'>, [batchId: number, seq: number]>(
  'batches.archiveChunk',
  'SELECT bytes FROM batch_archive_chunks WHERE batch_id = ? AND seq = ?',
);

/** The stored archive's size and digest, or undefined for a batch approved before archives were stored. */
export function storedArchive(db: SqliteDatabase, batchId: number): StoredArchive | undefined {
  const row = archiveOf.get(db, batchId);
  return row && { size: row.size, sha256: row.sha256, xlsxStyles: row.xlsx_styles === 1 };
}

/**
 * Stores the archive file at `path` for `batchId`, which must already be approved
 * in this transaction (triggers refuse anything else): the chunks first, then the
 * batch_archives row with size and SHA-256, which seals them.
 */
export function storeArchive(db: SqliteDatabase, batchId: number, path: string, members: MemberOptions): StoredArchive {
  const sha = createHash('sha256');
  const buffer = Buffer.allocUnsafe(ARCHIVE_CHUNK_BYTES);
  let size = 0;
  const fd = openSync(path, 'r');
  try {
    for (let seq = 0; ; seq++) {
      let filled = 0;
      while (filled < buffer.length) {
        const n = readSync(fd, buffer, filled, buffer.length - filled, null);
        if (n === 0) break;
        filled += n;
      }
      if (filled === 0) break;
      const chunk = buffer.subarray(0, filled);
      sha.update(chunk);
      insertChunk.run(db, batchId, seq, chunk);
      size += filled;
      if (filled < buffer.length) break;
    }
  } finally {
    closeSync(fd);
  }
  const stored: StoredArchive = { size, sha256: sha.digest('hex'), xlsxStyles: members.xlsxStyles };
  insertArchive.run(db, batchId, size, stored.sha256, stored.xlsxStyles ? 1 : 0);
  return stored;
}

/** Writes the stored archive of `batchId` to `out`, checked against its size and SHA-256. */
export async function exportStoredArchive(db: SqliteDatabase, batchId: number, out: string, stored: StoredArchive): Promise<void> {
  // One chunk at a time, by key: no statement stays open across the awaits.
  function* chunks(): Generator<Buffer> {
    for (let seq = 0; ; seq++) {
      const bytes = chunkOf.value(db, batchId, seq);
      if (bytes === undefined) return;
      yield bytes;
    }
  }
  await writeChecked(out, chunks(), stored);
}

/**
 * Writes `chunks` to a temporary file beside `out` while computing SHA-256; renames
 * it to `out` only if size and digest are the expected ones. Otherwise removes it
 * and throws DB_CORRUPT: nothing is left behind and an existing `out` is untouched.
 */
export async function writeChecked(
  out: string,
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  expected: { size: number; sha256: string },
): Promise<void> {
  const tmp = partialPath(out);
  const sha = createHash('sha256');
  let size = 0;
  try {
    const file = await open(tmp, 'wx');
    try {
      for await (const chunk of chunks) {
        size += chunk.length;
        if (size > expected.size) break; // already wrong: stop copying
        sha.update(chunk);
        for (let offset = 0; offset < chunk.length; ) offset += (await file.write(chunk, offset)).bytesWritten;
      }
      await file.sync();
    } finally {
      await file.close();
    }
    if (size !== expected.size || sha.digest('hex') !== expected.sha256) {
      throw new CoreError('DB_CORRUPT', '数据库中保存的批次文件与签发时记录的校验值不一致，可能已损坏。已停止导出，没有写出文件。请联系技术支持。');
    }
    await rename(tmp, out);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Rebuilds an approved batch's archive into `out` from its operations: the members
 * are written again, checked against the signed manifest, and zipped with the
 * stored manifest, signature and signer key. Export uses it for batches approved
 * before archives were stored; for the others it gives the stored archive's bytes.
 */
export async function rebuildArchive(db: SqliteDatabase, batchId: number, out: string): Promise<void> {
  const row = getBatch(db, batchId);
  if (row.state !== 'approved') throw new CoreError('BAD_INPUT', `第 ${row.sequence} 批尚未签发，不能导出。`);
  const signed = orm(db)
    .select({ manifest: batches.manifest, signature: batches.signature, keyId: batches.signingKeyId })
    .from(batches)
    .where(eq(batches.id, batchId))
    .get()!;
  // An approved batch has all three (approval writes them in one statement).
  const manifest = JSON.parse(signed.manifest!) as Manifest;
  const key = signingKeyById(db, signed.keyId!)!;
  // The members as they were written at approval: styled unless the archive was stored then;
  // text quoted before = + - @ by versions before 0.2 — the signed digests say which (most
  // batches have no such text, and the first attempt matches).
  const xlsxStyles = storedArchive(db, batchId)?.xlsxStyles ?? true;
  await withTemp(async (folder) => {
    let built: Awaited<ReturnType<typeof buildMembers>> | null = null;
    for (const quoteFormulaText of [false, true]) {
      const attempt = await buildMembers(db, batchId, manifest.department.uscc, Object.keys(row.counts), folder, { xlsxStyles, quoteFormulaText, ...(manifest.displayFields ? { displayAsOf: chinaDate(new Date(manifest.approved.at)) } : {}) } satisfies MemberOptions);
      if (membersMatch(manifest, attempt)) {
        built = attempt;
        break;
      }
    }
    if (!built) assertMembersMatch(manifest, []);
    built = built!;
    await writeArchive(out, {
      manifest: Buffer.from(signed.manifest!, 'utf8'),
      signature: Buffer.from(signed.signature!, 'base64'),
      signerPem: pemOf(key),
      members: built,
      mtime: new Date(manifest.approved.at),
    });
  });
}
