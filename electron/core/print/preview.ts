/**
 * A preview is the document as it would print, without a print number: nothing is
 * taken from the year's numbers and nothing enters the print log (issue 19, item 5).
 * `print.preview` runs a print method's own handler inside `asPreview`, and
 * `printDocument` (service.ts) renders the pages marked 预览 instead of logging them.
 * AsyncLocalStorage keeps the mark with that one call while a long render awaits.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const previewing = new AsyncLocalStorage<true>();

export function asPreview<T>(fn: () => T): T {
  return previewing.run(true, fn);
}

export function isPreview(): boolean {
  return previewing.getStore() === true;
}

/** What a preview's footer says where a print number would be. */
export const PREVIEW_MARK = '预览（未编号，保存或打印时编号）';
