/**
 * Building a batch's members and its one-file archive. Members are streamed
 * from the database to files while SM3 and SHA-256 are computed, so a
 * 100,000-operation batch stays within bounded memory. Everything is
 * deterministic (order, timestamps, compression): building the same batch twice
 * gives the same bytes. Approval builds the archive once and stores it
 * (archive.ts); a rebuild checks the digests against the signed manifest before
 * anything is written out.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { records, recordVersions, reportOps } from '../../../drizzle/schema';
import { withTempFolder } from '../tempfiles';
import { exportColumns } from '../catalog/records';
import type { RecordValues } from '../catalog/types';
import { CoreError } from '../errors';
import { writeXlsx } from '../io/xlsx-writer';
import type { SqliteDatabase } from '../store/database';
import { statement, type Row } from '../store/sql';
import { buildFeedbackMembers, FEEDBACK_CATEGORY } from './feedback';
import { MANIFEST, OP_NAMES, opIdOf, SIGNATURE, SIGNER, type Manifest, type ManifestMember } from './format';
import { newSm3 } from './sm3-stream';
import { displayOf } from './display';

/** The .xlsx members' columns for `publicDisplay` (是/否) and `displayUntil`. */
export const DISPLAY_HEADERS = ['是否公开显示', '公开显示截止日期'] as const;

/** Runs `fn` with a fresh temporary folder, removed afterwards whatever happens (and after a crash: tempfiles.ts). */
export const withTemp = withTempFolder;

export { OP_NAMES } from './format';

// The operations of a batch in order, streamed into its members (bench section C, approve).
const opsOf = statement<
  Pick<Row<typeof reportOps>, 'id' | 'op' | 'record_id' | 'version'> & Pick<Row<typeof recordVersions>, 'fields'> & Pick<Row<typeof records>, 'publication' | 'state'>,
  [batchId: number, category: string]
>(
  'batches.memberOps',
  `SELECT o.id, o.op, o.record_id, o.version, v.fields, r.publication, r.state FROM report_ops o
   JOIN record_versions v ON v.record_id = o.record_id AND v.version = o.version
   JOIN records r ON r.id = o.record_id
   WHERE o.batch_id = ? AND o.category = ? ORDER BY o.id`,
);

const cell = (v: RecordValues[string] | undefined): string | null => (v === null || v === undefined ? null : Array.isArray(v) ? v.join(';') : v);

/** Size, SM3 and SHA-256 of a member, computed as its bytes go by. */
export class MemberDigest {
  private readonly sm3 = newSm3();
  private readonly sha = createHash('sha256');
  private size = 0;

  update(bytes: Uint8Array): void {
    this.size += bytes.length;
    this.sm3.update(bytes);
    this.sha.update(bytes);
  }

  result(): { size: number; sm3: string; sha256: string } {
    return { size: this.size, sm3: this.sm3.digestHex(), sha256: this.sha.digest('hex') };
  }
}

export async function digestFile(path: string): Promise<{ size: number; sm3: string; sha256: string }> {
  const digest = new MemberDigest();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) digest.update(chunk as Buffer);
  return digest.result();
}

/**
 * How the members are written. `xlsxStyles`: the .xlsx members with cell styles
 * (a bold header), as before archives were stored at approval; the digests of a
 * batch approved then were computed over styled members, so its rebuild needs them.
 */
export interface MemberOptions {
  xlsxStyles: boolean;
  /** The leading apostrophe versions before 0.2 wrote before text starting with = + - @ (see writeXlsx). */
  quoteFormulaText?: boolean;
  /**
   * The day (YYYY-MM-DD, China Standard Time) the batch is signed: every record operation
   * then carries `publicDisplay` and `displayUntil` as of it (manifest `displayFields`).
   * Absent for batches signed before they existed, so their rebuild gives the same bytes.
   */
  displayAsOf?: string;
}

/** Writes `data/<category>.jsonl` and `data/<category>.xlsx` for every category of the batch into `folder`. */
export async function buildMembers(
  db: SqliteDatabase,
  batchId: number,
  uscc: string,
  categories: string[],
  folder: string,
  options: MemberOptions,
): Promise<(ManifestMember & { file: string })[]> {
  const members: (ManifestMember & { file: string })[] = [];
  for (const category of [...categories].sort()) {
    // Sanction feedback is not a record category: its own members (batches/feedback.ts).
    if (category === FEEDBACK_CATEGORY) {
      members.push(...(await buildFeedbackMembers(db, batchId, uscc, folder, options, FIXED_TIME)));
      continue;
    }
    const columns = exportColumns(category);
    const jsonl = join(folder, `${category}.jsonl`);
    const xlsx = join(folder, `${category}.xlsx`);
    const fd = openSync(jsonl, 'w');
    const digest = new MemberDigest();
    const flush = (text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      digest.update(bytes);
      writeSync(fd, bytes);
    };
    let buffer: string[] = [];
    let pending = 0;
    let complete = false;
    // One pass over the operations: each is written as a JSON line (one operation per
    // line, fields keyed by standard field code) and handed to the .xlsx writer as a row
    // of the standard Excel template, with the operation in front.
    function* rows() {
      for (const op of opsOf.iterate(db, batchId, category)) {
        const values = JSON.parse(op.fields) as RecordValues;
        const fields: Record<string, string | null> = {};
        for (const c of columns) fields[c.code] = cell(values[c.code]);
        const opId = opIdOf(uscc, op.id);
        const display = options.displayAsOf ? displayOf(op.op, category, values, op.publication, op.state, options.displayAsOf) : null;
        const line = JSON.stringify(
          display
            ? { opId, op: op.op, recordId: op.record_id, version: op.version, publicDisplay: display.publicDisplay, displayUntil: display.displayUntil, fields }
            : { opId, op: op.op, recordId: op.record_id, version: op.version, fields },
        );
        buffer.push(line);
        pending += line.length;
        if (pending > 1 << 20) {
          flush(buffer.join('\n') + '\n');
          buffer = [];
          pending = 0;
        }
        yield display
          ? [OP_NAMES[op.op] ?? op.op, opId, display.publicDisplay ? '是' : '否', display.displayUntil, ...columns.map((c) => fields[c.code])]
          : [OP_NAMES[op.op] ?? op.op, opId, ...columns.map((c) => fields[c.code])];
      }
      if (buffer.length) flush(buffer.join('\n') + '\n');
      complete = true;
    }
    try {
      await writeXlsx(xlsx, {
        sheetName: category,
        columns: [
          { header: '操作类型' },
          { header: '操作编号' },
          ...(options.displayAsOf ? [{ header: DISPLAY_HEADERS[0] }, { header: DISPLAY_HEADERS[1] }] : []),
          ...columns.map((c) => ({ header: c.label })),
        ],
        rows: rows(),
        // The writer stamps every zip entry with this time: the same batch gives the same bytes.
        fixedDate: FIXED_TIME,
        styles: options.xlsxStyles,
        quoteFormulaText: options.quoteFormulaText ?? false,
      });
    } finally {
      closeSync(fd);
    }
    // The JSON Lines member is whole only if the xlsx writer took every row.
    if (!complete) throw new CoreError('INTERNAL', `生成批次数据时未读完“${category}”的全部操作，已停止。`);
    members.push({ path: `data/${category}.jsonl`, file: jsonl, ...digest.result() });
    members.push({ path: `data/${category}.xlsx`, file: xlsx, ...(await digestFile(xlsx)) });
  }
  return members;
}

const FIXED_TIME = new Date('2000-01-01T00:00:00Z');

/** Whether rebuilt members are the ones the manifest signed. */
export function membersMatch(manifest: Manifest, members: ManifestMember[]): boolean {
  return JSON.stringify(manifest.members) === JSON.stringify(members.map(({ path, size, sm3, sha256 }) => ({ path, size, sm3, sha256 })));
}

/** Checks rebuilt members against the signed manifest: a re-export must be the same batch. */
export function assertMembersMatch(manifest: Manifest, members: ManifestMember[]): void {
  if (!membersMatch(manifest, members)) {
    throw new CoreError('INTERNAL', '重新生成的批次数据与已签名的清单不一致，已停止导出。请联系技术支持。');
  }
}

/** Writes the archive: manifest, signature, signer key, then the members, in that order, with one fixed timestamp. */
export async function writeArchive(
  out: string,
  parts: { manifest: Buffer; signature: Buffer; signerPem: string; members: (ManifestMember & { file: string })[]; mtime: Date },
): Promise<void> {
  const { default: yazl } = await import('yazl'); // loaded when an archive is written, not with the core
  const zip = new yazl.ZipFile();
  const options = { mtime: parts.mtime, mode: 0o100644, compress: true };
  zip.addBuffer(parts.manifest, MANIFEST, options);
  zip.addBuffer(parts.signature, SIGNATURE, options);
  zip.addBuffer(Buffer.from(parts.signerPem, 'utf8'), SIGNER, options);
  for (const m of parts.members) zip.addFile(m.file, m.path, options);
  zip.end();
  return new Promise((resolve, reject) => {
    const stream = createWriteStream(out);
    zip.outputStream.pipe(stream).on('close', () => resolve()).on('error', reject);
    zip.outputStream.on('error', reject);
  });
}

