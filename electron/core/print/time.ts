/**
 * Times on paper are in the department's time zone (系统设置, default China Standard
 * Time), whatever the machine's zone: the same print looks the same everywhere, as
 * batch file names do (batches/format.ts). contract/zone.ts holds the one helper.
 */
import { zonedDate, zonedDateTime } from '../../contract/zone';

/** `YYYY-MM-DD HH:mm` in the department's zone. */
export function chinaDateTime(iso: string): string {
  return zonedDateTime(iso, 'minute');
}

/** `YYYY-MM-DD` in the department's zone. */
export function chinaDate(iso: string): string {
  return zonedDate(iso);
}

export function chinaYear(iso: string): number {
  return Number(chinaDate(iso).slice(0, 4));
}
