/**
 * Times on paper are China Standard Time (UTC+8, no daylight saving), whatever
 * the machine's time zone: the same print looks the same everywhere, as batch
 * file names do (batches/format.ts).
 */
const CST_OFFSET_MS = 8 * 3600_000;

/** `YYYY-MM-DD HH:mm` in China Standard Time. */
export function chinaDateTime(iso: string): string {
  return new Date(Date.parse(iso) + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** `YYYY-MM-DD` in China Standard Time. */
export function chinaDate(iso: string): string {
  return new Date(Date.parse(iso) + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function chinaYear(iso: string): number {
  return Number(chinaDate(iso).slice(0, 4));
}
