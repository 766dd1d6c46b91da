/**
 * The printed user manual, through the real command line (`print manual`) and the
 * printing engine: every chapter's title in the text pdftotext reads back, a table
 * of contents whose page numbers are the pages the chapters are on, the pictures,
 * 第 k 页 共 n 页 on every page, a print number in the print log.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualImages } from '../../electron/contract/manual';
import { readManual } from '../../electron/core/manual/source';
import { ADMIN_PASSWORD, cli, initDesk, onlyJson } from '../cli/run-cli';
import { MANUAL_DIR } from '../manual/shots';
import { pdfPageCount, pdfPagePng, pdfPages, pdfText, squash } from './pdf-tools';

const SLOW = 180_000;
let folder = '';
let db = '';
let pdf: Buffer;
let printed: { path: string; pages: number; printNo: string };

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'credit-desk-manual-'));
  ({ db } = await initDesk(join(folder, 'department.db')));
  const run = await cli(['print', 'manual', '--db', db, '--as', 'admin', '--out', join(folder, '用户手册.pdf'), '--json'], { CREDIT_DESK_PASSWORD: ADMIN_PASSWORD });
  if (run.code !== 0) throw new Error(`print manual failed (${run.code}): ${run.stderr}`);
  printed = onlyJson(run);
  pdf = readFileSync(printed.path);
}, SLOW);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('print manual', () => {
  const manual = readManual(MANUAL_DIR);

  it('holds every chapter, each on the page its line in the contents names', () => {
    const pages = pdfPages(pdf).map(squash);
    expect(pages.length).toBe(printed.pages);
    expect(pdfPageCount(pdf)).toBe(printed.pages);
    // Laid out as printed: a page's lines, the page header first.
    const lines = (page: number) => pdfText(pdf, page).split('\n').map((l) => l.trim()).filter(Boolean);
    const contents = [1, 2, 3].flatMap(lines);
    expect(contents).toContain('目录');
    for (const chapter of manual.chapters) {
      // In the contents: the title, dots drawn as lines (not text), the page number at the right.
      const entry = contents.find((l) => new RegExp(`^${chapter.title}\\s+\\d+$`).test(l));
      expect(entry, chapter.title).toBeDefined();
      const named = Number(/(\d+)$/.exec(entry!)![1]);
      // Each chapter starts a page: its title is the first line under the page header.
      expect(lines(named)[1], `${chapter.title} on page ${named}`).toBe(chapter.title);
      for (const s of chapter.sections.filter((x) => x.level === 2)) {
        expect(contents.some((l) => l.startsWith(s.title)), `${s.title} in the contents`).toBe(true);
        expect(pages.join(''), s.title).toContain(squash(s.title));
      }
    }
  });

  it('carries 第 k 页 共 n 页, the print number and the pictures from the real screens', () => {
    const pages = pdfPages(pdf).map(squash);
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(`第${i + 1}页共${pages.length}页`);
      expect(text).toContain(printed.printNo);
    });
    const list = execFileSync('pdfimages', ['-list', printed.path], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(list.length).toBe(manualImages(manual).length);
    for (const line of list) expect(line).toMatch(/\s1366\s+768\s/);
  });

  it('is in the print log as 用户手册 and can be looked up by its number', async () => {
    // Lookups are for archivists, auditors and approvers (issue 18).
    const add = await cli(['user', 'add', '--login', 'arch', '--name', '档案员', '--role', 'archivist', '--db', db, '--as', 'admin'], { CREDIT_DESK_PASSWORD: ADMIN_PASSWORD, CREDIT_DESK_NEW_PASSWORD: 'arch-pass-123' });
    expect(add.code, add.stderr).toBe(0);
    const run = await cli(['print', 'lookup', printed.printNo, '--db', db, '--as', 'arch', '--file', printed.path], { CREDIT_DESK_PASSWORD: 'arch-pass-123' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('用户手册');
  });

  it('renders as pages a person can read (PNG pages kept in test-results for a look)', () => {
    const out = join(__dirname, '../../test-results/manual');
    execFileSync('mkdir', ['-p', out]);
    const imagePage = pdfPages(pdf).findIndex((t) => t.includes('录入员的工作台')) + 1;
    for (const page of [1, 2, imagePage]) {
      const png = readFileSync(pdfPagePng(pdf, page, 60));
      writeFileSync(join(out, `manual-page-${page}.png`), png);
      expect(png.length).toBeGreaterThan(10_000);
    }
  });
});
