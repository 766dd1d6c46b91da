/**
 * Whether an operation that reaches the platform is for public display, and until
 * when (docs/batch-format.md, `publicDisplay` / `displayUntil`). Publication follows
 * the class (domain.md §4–§5b): a 行政处罚 whose class the rule table does not publish
 * by default (轻微: 警告, 通报批评, 简易程序 fines) is shared but not displayed, unless
 * the department's table says otherwise; a record whose 公示截止期 has passed by the
 * day the batch is signed is not sent for display; a withdrawal or an end of
 * publication is never for display. Categories without a publication clock (行政许可 …)
 * are displayed with no end the product sets.
 */
import { getCompiledCategory, hasCategory } from '../catalog/registry';
import type { PublicationClock } from '../catalog/publication';
import type { RecordValues } from '../catalog/types';

export interface Display {
  publicDisplay: boolean;
  /** YYYY-MM-DD, the last day of display; null: not displayed, or no end set. */
  displayUntil: string | null;
}

const HIDDEN: Display = { publicDisplay: false, displayUntil: null };
const NOT_DISPLAYED_STATES = new Set(['withdrawn', 'repaired', 'expired']);

export function displayOf(op: string, category: string, fields: RecordValues, publication: string | null, recordState: string, asOf: string): Display {
  if (op === 'withdraw' || op === 'end-publication' || NOT_DISPLAYED_STATES.has(recordState)) return HIDDEN;
  if (!hasCategory(category)) return { publicDisplay: true, displayUntil: null };
  const def = getCompiledCategory(category).def;
  if (!def.publication || !publication) return { publicDisplay: true, displayUntil: null };
  const clock = JSON.parse(publication) as PublicationClock;
  if (!clock.publishedByDefault) return HIDDEN;
  const written = def.publication.deadlineField ? fields[def.publication.deadlineField] : null;
  const until = typeof written === 'string' && written ? written : clock.publicationEnds;
  if (until < asOf) return HIDDEN;
  return { publicDisplay: true, displayUntil: until };
}

/** The words the approver reads and the xlsx member writes. */
export function displayWords(d: Display): string {
  return d.publicDisplay ? (d.displayUntil ? `公开显示至 ${d.displayUntil}` : '公开显示') : '仅共享，不公开显示';
}
