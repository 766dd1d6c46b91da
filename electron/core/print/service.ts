/**
 * Printing a document: take the next print number, lay the PDF out, and log
 * it (pages, SM3 of the bytes, masked or not) with its audit entry in one
 * transaction. A failed render leaves its number in the log as failed, so the
 * numbers stay consecutive and every gap is explained.
 */
import type { PrintPayload } from '../../contract/print';
import { sm3Hex } from '../batches/sm2';
import { getDepartment } from '../department/service';
import type { Desk } from '../desk';
import { CoreError } from '../errors';
import { completePrint, failPrint, startPrint } from './log';
import type { PrintDocument } from './model';
import { chinaYear } from './time';
import { isPreview } from './preview';

/**
 * The document as it would print, marked 预览 and without a number: no print-log row,
 * no number used. Only a preview with ID numbers in clear is audited (personal data shown).
 */
async function previewDocument(desk: Desk, doc: PrintDocument, method: string): Promise<PrintPayload> {
  const user = desk.currentUser();
  const printedAt = desk.now().toISOString();
  const { renderPdf } = await import('./layout');
  const rendered = await renderPdf(doc, { department: getDepartment(desk.db).name, printNo: null, printedBy: { login: user.login, name: user.name }, printedAt }, desk.options.fontsFolder);
  if (!doc.masked) {
    desk.audit({ actor: user.login, method: 'print.preview', target: doc.target, outcome: 'ok', detail: { kind: doc.kind, of: method, unmaskReason: doc.unmaskReason } });
  }
  const label = doc.targetLabel.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
  return {
    printNo: '',
    preview: true,
    pages: rendered.pages,
    bytes: rendered.bytes.length,
    sm3: sm3Hex(rendered.bytes),
    fileName: `${doc.title}-${label}-预览.pdf`,
    content: rendered.bytes.toString('base64'),
    missingGlyphs: rendered.missingGlyphs,
    ...(doc.letterhead ? { docNo: doc.letterhead.docNo } : {}),
  };
}

/** A file name people can read and every system accepts. */
export function printFileName(doc: PrintDocument, printNo: string): string {
  const label = doc.targetLabel.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
  return `${doc.title}-${label}-${printNo}.pdf`;
}

/**
 * Prints `doc` as the logged-in person; `method` names the contract method in
 * the audit trail (print.creditFile …).
 */
export async function printDocument(desk: Desk, doc: PrintDocument, method: string): Promise<PrintPayload> {
  const user = desk.currentUser();
  const now = desk.now();
  const printedAt = now.toISOString();
  if (isPreview()) return previewDocument(desk, doc, method);
  const { id, printNo } = startPrint(desk.db, {
    kind: doc.kind,
    title: doc.title,
    target: doc.target,
    targetLabel: doc.targetLabel,
    masked: doc.masked,
    unmaskReason: doc.masked ? null : (doc.unmaskReason ?? null),
    options: doc.options ?? {},
    printedBy: user.login,
    printedAt,
    year: chinaYear(printedAt),
  });
  let rendered;
  try {
    // The PDF engine (pdfkit, fontkit with brotli, qrcode) loads at the first print, not with the core.
    const { renderPdf } = await import('./layout');
    rendered = await renderPdf(doc, { department: getDepartment(desk.db).name, printNo, printedBy: { login: user.login, name: user.name }, printedAt }, desk.options.fontsFolder);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    desk.db.transaction(() => failPrint(desk.db, id, message))();
    throw err instanceof CoreError ? err : new CoreError('PRINT_FAILED', `打印失败（${printNo}）：${message}`);
  }
  const sm3 = sm3Hex(rendered.bytes);
  const done = { pages: rendered.pages, bytes: rendered.bytes.length, sm3, missingGlyphs: rendered.missingGlyphs };
  desk.write(
    {
      method,
      target: doc.target,
      detail: { printNo, kind: doc.kind, pages: done.pages, sm3, masked: doc.masked, ...(doc.masked ? {} : { unmaskReason: doc.unmaskReason }), ...(done.missingGlyphs.length ? { missingGlyphs: done.missingGlyphs } : {}) },
    },
    (db) => completePrint(db, id, done),
  );
  return {
    printNo,
    pages: done.pages,
    bytes: done.bytes,
    sm3,
    fileName: printFileName(doc, printNo),
    content: rendered.bytes.toString('base64'),
    missingGlyphs: done.missingGlyphs,
    ...(doc.letterhead ? { docNo: doc.letterhead.docNo } : {}),
  };
}
