/** Contract types for the timeliness clock: 双公示 records due at the platform within 7 working days. */
import type { RecordSummary } from './records';

export interface TimelyRecord extends RecordSummary {
  /** The 7th working day after the decision. */
  dueDate: string;
  /** Working days from today to the due date: 0 on it, negative once it has passed. */
  workingDaysLeft: number;
}

export interface TimelinessSummary {
  /** Today in China Standard Time. */
  today: string;
  /** Not yet reported, due within 2 working days (today included). */
  dueSoon: { count: number; items: TimelyRecord[] };
  /** Not yet reported and past their due date. */
  overdue: { count: number; items: TimelyRecord[] };
  /** The calendar versions the dates rest on; `estimated` when a year without calendar data was crossed. */
  calendar: { versions: string[]; estimated: boolean };
}
