/**
 * Reading produced PDFs back with the tools an archivist's colleagues would
 * use: poppler's pdftotext / pdffonts / pdfinfo / pdftoppm, and zbarimg for QR
 * codes (Debian's poppler-utils and zbar-tools; .ci/run installs them).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolder } from '../helpers';

function save(bytes: Uint8Array): string {
  const path = join(tempFolder(), 'doc.pdf');
  writeFileSync(path, bytes);
  return path;
}

/** The text of the whole document, or of page `page` (1-based). */
export function pdfText(bytes: Uint8Array, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', ...range, save(bytes), '-'], { encoding: 'utf8' });
}

/** The text of every page, in order (pdftotext separates pages with a form feed). */
export function pdfPages(bytes: Uint8Array): string[] {
  const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', save(bytes), '-'], { encoding: 'utf8' }).split('\f');
  if (pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

export interface FontInfo {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export function pdfFonts(bytes: Uint8Array): FontInfo[] {
  const [, dashes, ...lines] = execFileSync('pdffonts', [save(bytes)], { encoding: 'utf8' }).trimEnd().split('\n');
  // Columns are as wide as the dashes under their titles: name, type, encoding, emb, sub, uni, object ID.
  const spans: [number, number][] = [];
  for (const m of dashes.matchAll(/-+/g)) spans.push([m.index, m.index + m[0].length]);
  return lines.map((line) => {
    const [name, type, , emb, sub, uni] = spans.map(([a, b]) => line.slice(a, b).trim());
    return { name, type, embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
  });
}

/** Text without whitespace: pdftotext keeps or drops the narrow spaces of CJK text by its own heuristics. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

export function pdfPageCount(bytes: Uint8Array): number {
  const info = execFileSync('pdfinfo', [save(bytes)], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
}

/** Renders page `page` to PNG at `dpi` and returns the file's path. */
export function pdfPagePng(bytes: Uint8Array, page: number, dpi = 150): string {
  const dir = tempFolder();
  execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), '-png', save(bytes), join(dir, 'page')]);
  const file = readdirSync(dir).find((f) => f.endsWith('.png'));
  if (!file) throw new Error('pdftoppm produced no page');
  return join(dir, file);
}

/** Every QR code zbarimg finds on the rendered page. */
export function qrCodesOnPage(bytes: Uint8Array, page: number): string[] {
  const out = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', pdfPagePng(bytes, page, 200)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.trim().split('\n').filter(Boolean);
}
