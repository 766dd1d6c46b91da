/** Contract types for drafts of open forms (electron/core/drafts). */

/** Which form a draft is of: `record:new:penalty`, `record:edit:12:v3`, `check:one`, `user:add` … */
export const DRAFT_FORM_PATTERN = /^[a-z][a-z0-9:._-]{1,99}$/;

export interface DraftSummary {
  form: string;
  title: string;
  updatedAt: string;
  /** When the draft is removed if it is not touched again. */
  expiresAt: string;
  /** Where the form is in the window (`#/records/penalty/new`), when the window said so. */
  route: string | null;
}

export interface DraftView extends DraftSummary {
  /** The form's values as the window saved them. */
  data: unknown;
}
