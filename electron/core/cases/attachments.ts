/**
 * Files a case holds: the grounds' evidence and the repair materials. Only PDF,
 * JPEG, PNG and OFD (GB/T 33190, the national layout format: a zip package
 * whose root holds OFD.xml), at most 20 MiB each. The type is decided by the
 * content, and must be what the file's name says: a picture renamed `.pdf` is
 * refused. The bytes are stored in the department database, which is encrypted
 * as a whole; nothing is written to disk in clear.
 */
import { createHash } from 'node:crypto';
import type yauzl from 'yauzl';
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { and, eq, getTableColumns } from 'drizzle-orm';
import { caseAttachments } from '../../../drizzle/schema';

export { formatSize, MAX_ATTACHMENT_BYTES } from './labels';
import { formatSize, MAX_ATTACHMENT_BYTES } from './labels';

export type AttachmentType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'application/ofd';

const BY_EXTENSION: Record<string, AttachmentType> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  ofd: 'application/ofd',
};

export const TYPE_NAMES: Record<AttachmentType | 'application/zip', string> = {
  'application/pdf': 'PDF 文件',
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'application/ofd': 'OFD 文件',
  'application/zip': 'ZIP 压缩包',
};

export interface CheckedAttachment {
  fileName: string;
  contentType: AttachmentType;
  size: number;
  sha256: string;
  bytes: Buffer;
}

function startsWith(bytes: Buffer, magic: number[], at = 0): boolean {
  return bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
}

/** The zip's entry names (no content is inflated). */
async function zipEntryNames(bytes: Buffer): Promise<string[] | null> {
  const reader = (await import('yauzl')).default; // loaded at the first zip-like attachment, not with the core
  return new Promise((resolve) => {
    reader.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return resolve(null);
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', () => resolve(null));
      zip.readEntry();
    });
  });
}

/** What the content is, by its first bytes (and, for a zip, whether it is an OFD package). */
export async function sniffType(bytes: Buffer): Promise<AttachmentType | 'application/zip' | null> {
  // A PDF's header may follow a few bytes of junk (readers look within the first 1 KiB).
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'application/pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = await zipEntryNames(bytes);
    if (names === null) return null;
    return names.some((n) => n.toLowerCase() === 'ofd.xml') ? 'application/ofd' : 'application/zip';
  }
  return null;
}

/**
 * Checks one file before anything is stored: an accepted extension, not empty,
 * within the size limit, and content of the type the name says. BAD_INPUT with
 * a Chinese message naming the file otherwise.
 */
export async function checkAttachment(fileName: string, bytes: Buffer): Promise<CheckedAttachment> {
  const name = fileName.trim().split(/[\\/]/).pop() ?? '';
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const expected = BY_EXTENSION[ext];
  if (!name || !expected) throw new CoreError('BAD_INPUT', `附件只能是 PDF、JPEG、PNG 或 OFD 文件（.pdf .jpg .jpeg .png .ofd）：${name || '（无文件名）'}`);
  if (bytes.length === 0) throw new CoreError('BAD_INPUT', `附件“${name}”是空文件，未保存。`);
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new CoreError('BAD_INPUT', `附件“${name}”有 ${formatSize(bytes.length)}，超过每个附件 20 MB 的上限，未保存。`, { fileName: name, size: bytes.length });
  }
  const actual = await sniffType(bytes);
  if (actual !== expected) {
    const seen = actual ? `，看起来是${TYPE_NAMES[actual]}` : '';
    throw new CoreError('BAD_INPUT', `附件“${name}”的内容不是${TYPE_NAMES[expected]}${seen}：文件名与内容不符，未保存。`, { fileName: name, expected, actual });
  }
  return { fileName: name, contentType: expected, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

/** A file as it crossed the contract (base64) → checked bytes. */
export async function checkBase64Attachment(fileName: string, content: string): Promise<CheckedAttachment> {
  return checkAttachment(fileName, Buffer.from(content, 'base64'));
}

/** An attachment without its bytes. */
export type AttachmentRow = Omit<typeof caseAttachments.$inferSelect, 'content' | 'contentType'> & { contentType: AttachmentType };

// Every column but the content: lists never read the files themselves.
const { content: _content, ...withoutContent } = getTableColumns(caseAttachments);


export function insertAttachment(db: SqliteDatabase, caseId: number, file: CheckedAttachment, item: string | null, by: string, at: string): number {
  return Number(
    orm(db)
      .insert(caseAttachments)
      .values({ caseId, item, fileName: file.fileName, contentType: file.contentType, size: file.size, sha256: file.sha256, content: file.bytes, addedAt: at, addedBy: by })
      .run().lastInsertRowid,
  );
}

export function listAttachments(db: SqliteDatabase, caseId: number): AttachmentRow[] {
  return orm(db).select(withoutContent).from(caseAttachments).where(eq(caseAttachments.caseId, caseId)).orderBy(caseAttachments.id).all();
}

export function attachmentContent(db: SqliteDatabase, caseId: number, attachmentId: number): AttachmentRow & { content: Buffer } {
  const row = orm(db)
    .select()
    .from(caseAttachments)
    .where(and(eq(caseAttachments.caseId, caseId), eq(caseAttachments.id, attachmentId)))
    .get();
  if (!row) throw new CoreError('NOT_FOUND', `案件中没有编号为 ${attachmentId} 的附件。`);
  return row;
}
