/**
 * Reading the core's PDFs in the page with pdf.js: the preview draws pages on
 * canvases (no PDF plugin needed), and printing draws each page once more at
 * print resolution as an image for the system print dialog. pdf.js is loaded
 * the first time something is previewed, so the app starts without it.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

export type { PDFDocumentProxy };

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await import('pdfjs-dist');
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  // No eval (the CSP forbids it) and only the fonts embedded in the file.
  return pdfjs.getDocument({ data: bytes, isEvalSupported: false, useSystemFonts: false }).promise;
}

/** Draws page `index` (1-based) on `canvas`, `cssWidth` pixels wide on screen. */
export async function drawPage(doc: PDFDocumentProxy, index: number, canvas: HTMLCanvasElement, cssWidth: number, pixelRatio = window.devicePixelRatio || 1): Promise<void> {
  const page = await doc.getPage(index);
  const base = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: (cssWidth / base.width) * pixelRatio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${Math.floor((cssWidth * base.height) / base.width)}px`;
  await page.render({ canvas, viewport }).promise;
  page.cleanup();
}

/** Every page as a PNG data URL at `dpi`, for printing. */
export async function pagesAsImages(doc: PDFDocumentProxy, dpi = 150, onPage?: (done: number) => void): Promise<string[]> {
  const images: string[] = [];
  const canvas = document.createElement('canvas');
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const viewport = page.getViewport({ scale: dpi / 72 });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    await page.render({ canvas, viewport }).promise;
    images.push(canvas.toDataURL('image/png'));
    page.cleanup();
    onPage?.(i);
  }
  return images;
}
