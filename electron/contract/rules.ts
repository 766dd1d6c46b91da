/** Contract types for the tables an administrator installs (系统设置 → 日历与规则). */
import type { CaseKind } from './cases';

/** What installing a table file would change (rules.preview); nothing is written. */
export interface TablePreview {
  /** `work-calendar` for a calendar year, else the rule family (`penalty-publication`, `case-rules` …). */
  kind: string;
  version: string;
  effectiveFrom: string;
  source: string;
  /** The version it follows or replaces (the year's calendar in use; the family's newest table). */
  replaces: string | null;
  /** What the table says, in sentences. */
  summary: string[];
  /** Open cases now. */
  openCases: number;
  /** Open cases whose due date moves when the table is installed. */
  casesMoved: { caseId: number; caseNo: string; kind: CaseKind; kindLabel: string; applicantName: string; before: string | null; after: string | null }[];
  /** The file's table, to install as read (calendar.install / rules.install). */
  table: Record<string, unknown>;
}
