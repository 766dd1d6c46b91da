/**
 * A record's lifecycle. Designed with the signed-batch flow: a saved record is
 * `pending` (queued for the platform) unless kept as a `draft`; preparing a
 * batch makes it `reported`; the platform's receipt makes it `accepted` or
 * `rejected`; publication ends (`expired`, set when a session opens after the
 * 公示截止期: expireEndedPublications) or it is `withdrawn`. Nothing is deleted:
 * withdrawal is a state, and so is the end of publication by credit repair
 * (`repaired`, set when a repair case is approved: cases/service.ts). `published` is reserved for a platform that reports
 * publication separately from acceptance; today's receipts do not.
 */
export const RECORD_STATES = ['draft', 'pending', 'reported', 'accepted', 'rejected', 'published', 'expired', 'withdrawn', 'repaired'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

/** States whose content a clerk may still correct (a correction is a new version). */
export const EDITABLE_STATES: readonly RecordState[] = ['draft', 'pending', 'reported', 'accepted', 'rejected', 'published'];

/** The state after a content correction: back in the queue unless still a draft. */
export function stateAfterEdit(state: RecordState, submit: boolean): RecordState {
  if (state === 'draft') return submit ? 'pending' : 'draft';
  return 'pending';
}
