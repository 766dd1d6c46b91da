/**
 * What the case tests share: real files of each accepted type, a desk whose
 * records the platform has accepted (a real signed batch and receipt), and
 * reading a batch's JSON Lines back out of its archive.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yazl from 'yazl';
import type { BatchView, FilePayload, SigningKeyView } from '../../electron/contract';
import { newCore, penaltyRow, setUp, tempFolder, value } from '../helpers';
import { platformReceipt } from '../receipts';
import { unzip } from '../zip';

export { unzip };

/** A one-page PDF with a correct cross-reference table. */
export function pdfBytes(text = 'Credit Desk test'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length + 30} >>\nstream\nBT /F1 12 Tf 20 100 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** A 1×1 baseline JPEG. */
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

async function zipOf(members: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(members)) zip.addBuffer(Buffer.from(text, 'utf8'), name, { mtime: new Date('2026-01-01T00:00:00Z') });
  zip.end();
  const parts: Buffer[] = [];
  for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** An OFD package (GB/T 33190): a zip whose root holds OFD.xml. */
export function ofdBytes(): Promise<Buffer> {
  return zipOf({ 'OFD.xml': '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>', 'Doc_0/Document.xml': '<Document/>' });
}

/** A plain zip (not an OFD). */
export function plainZip(): Promise<Buffer> {
  return zipOf({ 'readme.txt': 'not an OFD' });
}

export const file = (fileName: string, bytes: Buffer, item?: string) => ({ fileName, content: bytes.toString('base64'), ...(item ? { item } : {}) });

export type Core = ReturnType<typeof newCore>;

export const USERS = {
  clerk: { login: 'clerk1', name: '李晓梅', roles: ['clerk'], password: 'clerk-pass-1' },
  boss: { login: 'boss', name: '赵国强', roles: ['approver'], password: 'boss-pass-1' },
  deputy: { login: 'deputy', name: '钱副局', roles: ['approver'], password: 'deputy-pass-1' },
  both: { login: 'both', name: '孙兼任', roles: ['clerk', 'approver'], password: 'both-pass-1' },
  archivist: { login: 'archive', name: '周档案', roles: ['archivist'], password: 'archive-pass-1' },
} as const;

export async function as(core: Core, who: keyof typeof USERS | 'admin') {
  await core.invoke('auth.logout', {});
  const u = who === 'admin' ? { login: 'admin', password: 'admin-pass-1' } : USERS[who];
  value(await core.invoke('auth.login', { login: u.login, password: u.password }));
}

/** A clock the test moves: `clock.set('2026-03-10')` (10:00 in China). */
export function testClock(start: string) {
  let now = new Date(`${start}T02:00:00Z`);
  return {
    now: () => now,
    set(day: string) {
      now = new Date(`${day}T02:00:00Z`);
    },
  };
}

/** A department with every test user, the approver's signing key, and the clerk logged in. */
export async function caseDesk(clock = testClock('2026-03-10')) {
  const core = newCore({ now: clock.now });
  await setUp(core);
  for (const u of Object.values(USERS)) value(await core.invoke('users.add', { login: u.login, name: u.name, roles: [...u.roles], password: u.password }));
  for (const approver of ['boss', 'deputy'] as const) {
    await as(core, approver);
    value<SigningKeyView>(await core.invoke('keys.generate', { password: USERS[approver].password }));
  }
  await as(core, 'clerk');
  return { core, clock };
}

export async function createPenalty(core: Core, n: number, overrides: Record<string, unknown> = {}): Promise<number> {
  return value<{ recordId: number }>(
    await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: `栾市监罚〔2026〕${n}号`, CF_XDR_MC: `石家庄市栾城区第${n}商贸有限公司`, ...overrides }) }),
  ).recordId;
}

/**
 * Prepares (as the clerk) and signs (as boss) the next batch, exports it, and
 * returns the file and its JSON Lines per category. Logs the clerk back in.
 */
export async function nextBatch(core: Core) {
  await as(core, 'clerk');
  const batch = value<BatchView>(await core.invoke('batches.prepare', {}));
  await as(core, 'boss');
  value(await core.invoke('batches.approve', { batchId: batch.batchId, password: USERS.boss.password }));
  const payload = value<FilePayload>(await core.invoke('batches.export', { batchId: batch.batchId }));
  const path = join(tempFolder(), payload.fileName);
  writeFileSync(path, Buffer.from(payload.content, 'base64'));
  const members = await unzip(path);
  const lines = (category: string) =>
    (members.get(`data/${category}.jsonl`)?.toString('utf8') ?? '')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { opId: string; op: string; recordId: number; version: number; fields: Record<string, string | null> });
  await as(core, 'clerk');
  return { batch: value<BatchView>(await core.invoke('batches.get', { batchId: batch.batchId })), path, lines };
}

/** The platform accepts every operation of a batch (a real receipt, signed by the test platform's pinned key, imported by the clerk). */
export async function acceptAll(core: Core, batchId: number, publicId: string, opIds: string[]) {
  const receipt = { format: 'credit-desk-receipt/1', batchId: publicId, results: opIds.map((opId) => ({ opId, status: 'accepted' })) };
  value(await core.invoke('receipts.import', { fileName: 'receipt.json', content: platformReceipt(core.dbPath, receipt) }));
}

