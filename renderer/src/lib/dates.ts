import dayjs, { type Dayjs } from 'dayjs';
import { zonedDate, zonedDateTime } from '../../../electron/contract/zone';

/**
 * Dates are shown as YYYY-MM-DD everywhere, in the department's time zone (系统设置,
 * default Asia/Shanghai), not the PC's: the screens agree with the printed papers.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : zonedDate(iso);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return zonedDateTime(iso);
}

/** Today's date in the department's zone. */
export function today(): string {
  return zonedDate(Date.now());
}

/** Today in the department's zone as a date picker's value (dayjs() would be the PC's day). */
export function todayValue(): Dayjs {
  return dayjs(today());
}
