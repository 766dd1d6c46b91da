/**
 * Formula-injection ("CSV injection") neutralisation for exported cells, after OWASP:
 * a text cell that a spreadsheet could take for a formula — first non-blank character
 * `=`, `+`, `-` or `@`, or a leading tab or carriage return — is written with a
 * leading single quote, so Excel and WPS show it as text and never evaluate it.
 * Numbers, booleans and null pass unchanged (a number -1 is not a formula; the text
 * "-1" is prefixed).
 */
export function neutralizeCell<T>(value: T): T | string {
  if (typeof value !== 'string' || value.length === 0) return value;
  const c0 = value.charCodeAt(0);
  if (c0 === 9 || c0 === 13) return "'" + value;
  let i = 0;
  while (i < value.length && isBlank(value.charCodeAt(i))) i++;
  const c = value.charCodeAt(i);
  return c === 61 || c === 43 || c === 45 || c === 64 ? "'" + value : value;
}

/** Whitespace a spreadsheet skips before a formula (ASCII blanks, NBSP, ideographic space). */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0x3000;
}
