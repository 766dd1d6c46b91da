/**
 * The backup file `credit-desk-backup/1` (docs/backup.md): one ZIP archive, members
 * stored (not compressed: the database is encrypted, nothing would shrink), in
 * this order and nothing else:
 *
 *   backup.json          the header: when, by whom, which department and database,
 *                        the key generation, the schema version, the audit head (an
 *                        anchor), and each member's size and SHA-256
 *   department.db        the database, copied by SQLite (VACUUM INTO: a consistent
 *                        snapshot, encrypted with the same key — proved in
 *                        test/backup by reading its bytes)
 *   department.db.keys   the key file of the same moment (no secret in clear)
 *
 * The header is not signed (whoever holds a key could write one); restore trusts
 * nothing in it before it has opened the database, recomputed the audit chain and
 * found the header's audit head in it.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import type yauzl from 'yauzl';
import type { BackupHeaderView } from '../../contract/backup';
import { isAuditHead } from '../audit/head';
import { CoreError } from '../errors';
import { partialPath } from '../tempfiles';

export const BACKUP_FORMAT = 'credit-desk-backup/1';
export const BACKUP_EXTENSION = '.cdbackup';
export const HEADER_MEMBER = 'backup.json';
export const DB_MEMBER = 'department.db';
export const KEYS_MEMBER = 'department.db.keys';
const MEMBERS = [HEADER_MEMBER, DB_MEMBER, KEYS_MEMBER];
const MAX_HEADER_BYTES = 64 * 1024;
const MAX_KEYS_BYTES = 16 * 1024 * 1024;

export interface BackupMember {
  path: string;
  size: number;
  sha256: string;
}

/**
 * backup.json: what the screens show of it (`createdBy` a login, or `system` for a
 * scheduled backup; `generation` the key file's, which changes with every re-key),
 * with the format and the members.
 */
export interface BackupHeader extends BackupHeaderView {
  format: typeof BACKUP_FORMAT;
  members: BackupMember[];
}

const bad = (message: string) => new CoreError('BAD_FILE', `不是有效的信用工作台备份文件：${message}`);

function checkHeader(value: unknown): BackupHeader {
  const h = value as Partial<BackupHeader> | null;
  if (typeof h !== 'object' || h === null || Array.isArray(h)) throw bad('backup.json 不是 JSON 对象');
  if (h.format !== BACKUP_FORMAT) throw bad(`格式应为 ${BACKUP_FORMAT}`);
  const str = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 500;
  if (!str(h.createdAt) || !Number.isFinite(Date.parse(h.createdAt!)) || !str(h.createdBy) || typeof h.scheduled !== 'boolean') throw bad('缺少创建时间或创建人');
  if (typeof h.department !== 'object' || h.department === null || !str(h.department.uscc)) throw bad('缺少部门信息');
  if (!str(h.databaseId) || !Number.isSafeInteger(h.generation) || !Number.isSafeInteger(h.schemaVersion)) throw bad('缺少数据库编号、密钥代数或结构版本');
  if (!isAuditHead(h.auditHead)) throw bad('缺少审计日志的位置（auditHead）');
  if (!Array.isArray(h.members) || h.members.length !== 2) throw bad('成员清单不完整');
  for (const [i, m] of h.members.entries()) {
    if (typeof m !== 'object' || m === null || m.path !== MEMBERS[i + 1] || !Number.isSafeInteger(m.size) || m.size < 0 || typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256)) {
      throw bad(`成员清单第 ${i + 1} 项无效`);
    }
  }
  return h as BackupHeader;
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/** Writes the backup to `out` (via a partial file beside it, synced, then renamed): complete, or not there at all. */
export async function writeBackupFile(out: string, parts: { header: Omit<BackupHeader, 'members'>; dbFile: string; keys: Buffer }): Promise<BackupHeader> {
  const header: BackupHeader = {
    ...parts.header,
    members: [
      { path: DB_MEMBER, size: statSync(parts.dbFile).size, sha256: await sha256File(parts.dbFile) },
      { path: KEYS_MEMBER, size: parts.keys.length, sha256: createHash('sha256').update(parts.keys).digest('hex') },
    ],
  };
  const part = partialPath(out);
  const { default: yazl } = await import('yazl'); // the zip libraries load with the first backup, not with the core
  const zip = new yazl.ZipFile();
  const options = { mtime: new Date(header.createdAt), mode: 0o100600, compress: false };
  zip.addBuffer(Buffer.from(`${JSON.stringify(header, null, 2)}\n`, 'utf8'), HEADER_MEMBER, { ...options, compress: true });
  zip.addFile(parts.dbFile, DB_MEMBER, options);
  zip.addBuffer(parts.keys, KEYS_MEMBER, options);
  zip.end();
  try {
    await new Promise<void>((resolve, reject) => {
      const stream = createWriteStream(part, { mode: 0o600 });
      zip.outputStream.pipe(stream).on('close', () => resolve()).on('error', reject);
      zip.outputStream.on('error', reject);
    });
    const fd = openSync(part, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(part, out);
  } catch (err) {
    rmSync(part, { force: true });
    throw err;
  }
  return header;
}

async function openZip(path: string): Promise<yauzl.ZipFile> {
  const reader = (await import('yauzl')).default;
  return new Promise((resolve, reject) =>
    reader.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true }, (err, zip) =>
      err || !zip ? reject(bad(`不是 zip 文件（${err?.message ?? ''}）`)) : resolve(zip),
    ),
  );
}

function entriesOf(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      if (entries.length > MEMBERS.length) reject(bad('成员过多'));
      else zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) => reject(bad(`zip 已损坏（${err.message}）`)));
    zip.readEntry();
  });
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, onChunk: (b: Buffer) => void, limit: number): Promise<number> {
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => (err || !s ? reject(bad(`无法读取 ${entry.fileName}（${err?.message ?? ''}）`)) : resolve(s))),
  );
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > limit) throw bad(`${entry.fileName} 过大`);
      onChunk(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof CoreError) throw err;
    throw bad(`${entry.fileName} 已损坏（${(err as Error).message}）`);
  }
  return size;
}

/** An opened backup: its header (checked for shape) and its members, in the required order. */
export interface OpenedBackup {
  header: BackupHeader;
  zip: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
}

export async function openBackup(path: string): Promise<OpenedBackup> {
  const zip = await openZip(path);
  try {
    const list = await entriesOf(zip);
    if (list.map((e) => e.fileName).join('|') !== MEMBERS.join('|')) throw bad(`成员应依次为 ${MEMBERS.join('、')}`);
    const entries = new Map(list.map((e) => [e.fileName, e]));
    if (entries.get(HEADER_MEMBER)!.uncompressedSize > MAX_HEADER_BYTES) throw bad('backup.json 过大');
    const parts: Buffer[] = [];
    await readEntry(zip, entries.get(HEADER_MEMBER)!, (b) => parts.push(b), MAX_HEADER_BYTES);
    let header: BackupHeader;
    try {
      header = checkHeader(JSON.parse(Buffer.concat(parts).toString('utf8')));
    } catch (err) {
      throw err instanceof CoreError ? err : bad('backup.json 不是有效的 JSON');
    }
    for (const m of header.members) {
      const e = entries.get(m.path)!;
      if (e.uncompressedSize !== m.size) throw bad(`${m.path} 的大小与 backup.json 不符`);
      if (e.compressionMethod !== 0) throw bad(`${m.path} 应以不压缩方式存放`);
    }
    if (header.members[1].size > MAX_KEYS_BYTES) throw bad('密钥文件过大');
    return { header, zip, entries };
  } catch (err) {
    zip.close();
    throw err;
  }
}

/** Only the header (for listing backups and for anchors). */
export async function readBackupHeader(path: string): Promise<BackupHeader> {
  const { header, zip } = await openBackup(path);
  zip.close();
  return header;
}

/**
 * Copies a member out (the database to `toFile`, the key file into memory),
 * checking its size and SHA-256 against the header.
 */
export async function extractMember(opened: OpenedBackup, path: typeof DB_MEMBER | typeof KEYS_MEMBER, toFile?: string): Promise<Buffer | null> {
  const member = opened.header.members.find((m) => m.path === path)!;
  const hash = createHash('sha256');
  const parts: Buffer[] = [];
  const out = toFile ? createWriteStream(toFile, { mode: 0o600 }) : null;
  const write = (b: Buffer) =>
    out ? new Promise<void>((resolve, reject) => (out.write(b, (err) => (err ? reject(err) : resolve())))) : (parts.push(b), Promise.resolve());
  const pending: Promise<void>[] = [];
  try {
    await readEntry(
      opened.zip,
      opened.entries.get(path)!,
      (b) => {
        hash.update(b);
        pending.push(write(b));
      },
      member.size,
    );
    await Promise.all(pending);
  } finally {
    if (out) await new Promise<void>((resolve) => out.end(() => resolve()));
  }
  if (hash.digest('hex') !== member.sha256) throw bad(`${path} 的内容与 backup.json 记载的 SHA-256 不符（文件被改动或损坏）`);
  return out ? null : Buffer.concat(parts);
}
