/** Counts are written one way everywhere: 1,418 (grouped by thousands). */
export function formatCount(n: number | null | undefined): string {
  return (n ?? 0).toLocaleString('en-US');
}
