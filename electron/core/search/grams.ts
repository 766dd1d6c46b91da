/**
 * Name search by character bigrams. A name is normalised (NFKC: full-width to
 * half-width; lower case; punctuation and spaces removed) and indexed as its
 * overlapping bigrams, space-separated, in an FTS5 unicode61 table. A query of
 * two or more characters becomes the phrase of its bigrams, which matches
 * exactly the names containing it.
 */
const DROP = /[\s\p{P}\p{S}]/gu;

/** Chinese characters, ASCII letters and digits only: NFKC leaves these as they are. */
const PLAIN = /^[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9]*$/;

export function normalizeName(name: string): string {
  // Most names are plain, and NFKC is the dear part (this runs for every imported row).
  if (PLAIN.test(name)) return name.toLowerCase();
  return name.normalize('NFKC').toLowerCase().replace(DROP, '');
}

export function bigrams(normalized: string): string[] {
  const chars = Array.from(normalized);
  if (chars.length < 2) return chars.length === 1 ? [chars[0]] : [];
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i] + chars[i + 1]);
  return grams;
}

/** The text stored in the FTS5 column for a name. */
export function indexText(name: string): string {
  return indexTextOfNormalized(normalizeName(name));
}

/** indexText for a name already normalised with normalizeName. */
export function indexTextOfNormalized(normalized: string): string {
  return bigrams(normalized).join(' ');
}

/** An FTS5 MATCH expression for a name query, or null when it is shorter than 2 characters. */
export function matchExpression(query: string): string | null {
  const grams = bigrams(normalizeName(query));
  if (grams.length === 0 || Array.from(normalizeName(query)).length < 2) return null;
  // Each bigram is quoted, so FTS5 operators in user text (AND, NEAR, *) mean nothing.
  return `"${grams.map((g) => g.replace(/"/g, '""')).join(' ')}"`;
}
