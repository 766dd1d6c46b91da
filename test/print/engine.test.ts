/**
 * The PDF engine on its own: what comes out is read back with poppler, the
 * way anyone holding the file would read it.
 */
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../electron/core/print/layout';
import type { PrintDocument, PrintStamp } from '../../electron/core/print/model';
import { units } from '../../electron/core/print/text';
import { pdfFonts, pdfPageCount, pdfPages, pdfText, squash } from './pdf-tools';

const STAMP: PrintStamp = {
  department: '石家庄市栾城区测试监管局',
  printNo: 'P2026-000042',
  printedBy: { login: 'archivist', name: '赵档案' },
  printedAt: '2026-12-01T06:30:00Z',
};

/** Rare characters of personal names: CJK Extension A and Extensions B–F of the 通用规范汉字表. */
const RARE = ['䶮', '𬌗', '𬍛', '𫖯', '𬇙', '𬣙', '𬘓', '𬳵', '𬱖'];

function doc(blocks: PrintDocument['blocks'], extra: Partial<PrintDocument> = {}): PrintDocument {
  return { kind: 'test', title: '测试文件', target: 'test:1', targetLabel: '测试', masked: true, blocks, ...extra };
}

describe('PDF engine', () => {
  it('draws rare name characters from the bundled font, embedded as a subset, and they come back exactly', async () => {
    const names = RARE.map((c, i) => `王${c}${'一二三四五六七八九'[i]}`);
    const out = await renderPdf(doc([{ kind: 'paragraph', text: names.join(' ') }, { kind: 'table', columns: [{ title: '姓名', width: 1 }], rows: names.map((n) => [n]) }]), STAMP);
    expect(out.missingGlyphs).toEqual([]);
    const text = pdfText(out.bytes);
    for (const n of names) expect(squash(text)).toContain(n);
    const fonts = pdfFonts(out.bytes);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f, f.name).toMatchObject({ embedded: true, subset: true, unicode: true });
      expect(f.name).toMatch(/^[A-Z]{6}\+NotoSans/);
    }
    // A subset, not the whole 7 MB font.
    expect(out.bytes.length).toBeLessThan(200_000);
  });

  it('prints a character no bundled font has as a visible box and lists it', async () => {
    const out = await renderPdf(doc([{ kind: 'paragraph', text: '表情 😀 与泰文 ก 无字形' }]), STAMP);
    expect(out.missingGlyphs).toEqual(['😀', 'ก']);
    expect(squash(pdfText(out.bytes))).toContain('表情□与泰文□无字形');
  });

  it('numbers every page 第 k 页 共 n 页, with the print number, who printed it and when (China time)', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => [`栾市监罚〔2026〕${i + 1}号`, '2026-03-02', '罚款']);
    const out = await renderPdf(doc([{ kind: 'table', columns: [{ title: '决定文书号', width: 2 }, { title: '日期', width: 1 }, { title: '内容', width: 2 }], rows }]), STAMP);
    const pages = pdfPages(out.bytes);
    expect(pages.length).toBe(out.pages);
    expect(out.pages).toBe(pdfPageCount(out.bytes));
    expect(out.pages).toBeGreaterThan(2);
    pages.map(squash).forEach((page, k) => {
      expect(page).toContain(`第${k + 1}页共${out.pages}页`);
      expect(page).toContain('P2026-000042');
      expect(page).toContain('赵档案（archivist）');
      expect(page).toContain('2026-12-0114:30');
      expect(page).toContain('石家庄市栾城区测试监管局');
      // The table's header row is repeated on every page it runs onto.
      expect(page).toContain('决定文书号');
    });
    const all = pages.join('\n');
    for (let i = 1; i <= 150; i++) expect(all).toContain(`栾市监罚〔2026〕${i}号`);
  });

  it('gives the same bytes for the same document and stamp', async () => {
    const d = doc([{ kind: 'heading', text: '一、测试' }, { kind: 'qr', data: 'credit-desk-batch:x:y' }, { kind: 'mono', text: 'ABC' }]);
    const a = await renderPdf(d, STAMP);
    const b = await renderPdf(d, STAMP);
    expect(Buffer.compare(a.bytes, b.bytes)).toBe(0);
    const c = await renderPdf(d, { ...STAMP, printNo: 'P2026-000043' });
    expect(Buffer.compare(a.bytes, c.bytes)).not.toBe(0);
  });

  it('wraps long text inside its cell and splits a row taller than a page across pages', async () => {
    const long = '当事人对处罚决定不服的，可以在收到本决定书之日起六十日内依法申请行政复议。'.repeat(120);
    const out = await renderPdf(doc([{ kind: 'table', columns: [{ title: '编号', width: 1 }, { title: '内容', width: 4 }], rows: [['A-1', long], ['A-2', '短']] }]), STAMP);
    expect(out.pages).toBeGreaterThanOrEqual(2);
    // Every character of the long cell is printed, none clipped (page headers and footers left out).
    const text = squash(pdfPages(out.bytes).map((p) => p.split('\n').filter((l) => !/测试监管局|测试文件|打印人|打印编号|^第 ?\d+ ?页|^编号$|^内容$/.test(l)).join('')).join(''));
    expect(text.split('当事人对处罚决定不服的').length - 1).toBe(120);
    expect(text).toContain('A-2');
  });

  it('keeps closing punctuation off the start of a line and Latin words whole', () => {
    expect(units('信用，档案')).toEqual(['信', '用，', '档', '案']);
    expect(units('（一）行政')).toEqual(['（一）', '行', '政']);
    expect(units('SM3 digest')).toEqual(['SM3', ' ', 'digest']);
  });
});
