/**
 * `list pack`: makes a signed shared-list file (`credit-desk-list/1`) from JSON
 * Lines and an SM2 private key, for platforms and for tests. Every line is checked
 * as the import checks it (a bad line is refused with its line number, nothing is
 * written); the member, its digests, the manifest, the signature and the archive are
 * written by the same code as a batch's (MemberDigest, signSm2, writeArchive).
 */
import { createReadStream, openSync, closeSync, writeSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MemberDigest, withTemp, writeArchive } from '../batches/package';
import { fingerprint, parsePrivateKeyPem, publicKeyPem, signSm2, sm3Hex } from '../batches/sm2';
import { ENTRIES, EntryProblem, isYmd, LIST_FORMAT, LIST_FORMAT_VERSION, listManifestProblem, parseEntry, serializeListManifest, type ListManifest } from './format';
import { LineSplitter } from './lines';

export class PackError extends Error {}

export interface PackOptions {
  jsonl: string;
  keyPem: string;
  name: string;
  listType: string;
  issuer: string;
  version: number;
  out: string;
  /** Default: derived from issuer and name (the same list keeps its id across versions). */
  listId?: string;
  /** The list's date, YYYY-MM-DD; default today in China Standard Time. */
  date?: string;
  now?: Date;
}

export interface PackResult {
  manifest: ListManifest;
  manifestSm3: string;
  out: string;
}

/** A stable id for a list that has none: SM3 of issuer and name, shortened. */
export function defaultListId(issuer: string, name: string): string {
  return `L-${sm3Hex(`${issuer.trim()}\n${name.trim()}`).slice(0, 16)}`;
}

const cstDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export async function packList(opts: PackOptions): Promise<PackResult> {
  let key;
  try {
    key = parsePrivateKeyPem(opts.keyPem);
  } catch (err) {
    throw new PackError(`私钥不可用：${(err as Error).message}`);
  }
  const now = opts.now ?? new Date();
  const date = opts.date ?? cstDate(now);
  if (!isYmd(date)) throw new PackError(`名单日期应为 YYYY-MM-DD：${date}`);
  return withTemp(async (folder) => {
    const member = join(folder, 'entries.jsonl');
    const digest = new MemberDigest();
    const fd = openSync(member, 'w');
    let count = 0;
    let pending: string[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      const bytes = Buffer.from(pending.join(''), 'utf8');
      digest.update(bytes);
      writeSync(fd, bytes);
      pending = [];
    };
    // Each line checked as the import will; written as given (blank lines dropped, `\r` removed).
    const lines = new LineSplitter((line, lineNo) => {
      if (line.trim() === '') return;
      try {
        parseEntry(line);
      } catch (err) {
        if (err instanceof EntryProblem) throw new PackError(`${opts.jsonl} 第 ${lineNo} 行：${err.message}`);
        throw err;
      }
      count++;
      pending.push(`${line}\n`);
      if (pending.length >= 4096) flush();
    });
    try {
      for await (const chunk of createReadStream(opts.jsonl, { highWaterMark: 1 << 20 })) lines.push(chunk as Buffer);
      lines.end();
      flush();
    } catch (err) {
      if (err instanceof PackError) throw err;
      if (err instanceof TypeError) throw new PackError(`${opts.jsonl} 不是有效的 UTF-8 文本`);
      const code = (err as NodeJS.ErrnoException).code;
      throw new PackError(code === 'ENOENT' ? `找不到文件：${opts.jsonl}` : `无法读取 ${opts.jsonl}：${(err as Error).message}`);
    } finally {
      closeSync(fd);
    }
    const manifest: ListManifest = {
      format: LIST_FORMAT,
      formatVersion: LIST_FORMAT_VERSION,
      listId: opts.listId ?? defaultListId(opts.issuer, opts.name),
      name: opts.name.trim(),
      issuer: opts.issuer.trim(),
      listType: opts.listType.trim(),
      version: opts.version,
      date,
      count,
      signed: { at: now.toISOString(), keyFingerprint: fingerprint(key.publicKey) },
      members: [{ path: ENTRIES, ...digest.result() }],
    };
    const problem = listManifestProblem(manifest);
    if (problem) throw new PackError(problem.replace(/^manifest\.json 的 /, ''));
    const manifestBytes = serializeListManifest(manifest);
    const signature = signSm2(manifestBytes, key);
    // Written beside the target and renamed into place: no half-written list is ever left.
    const tmp = `${opts.out}.${process.pid}.part`;
    try {
      await writeArchive(tmp, {
        manifest: manifestBytes,
        signature,
        signerPem: publicKeyPem(key.publicKey),
        members: [{ ...manifest.members[0], file: member }],
        mtime: now,
      });
      await rename(tmp, opts.out);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { manifest, manifestSm3: sm3Hex(manifestBytes), out: opts.out };
  });
}
