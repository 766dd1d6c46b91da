/**
 * What may not appear in the audit trail as people read it: an identifier of the
 * program (a method, a detail key, a code such as `repair` or `credit-file`), a
 * `key:` pair, JSON, or an object's raw name (`case:3`). What may: `names` — people's
 * logins (beside the 姓名) and table versions (`cn-2026.1`), names the department's
 * data chose —, file names and folders, sizes, codes people use (统一社会信用代码,
 * print numbers P2026-000001, check numbers HC2026-000001, batch ids, hex digests),
 * file names, and the words SM2/SM3/PDF/Excel.
 */
const ALLOWED_WORDS = new Set(['SM2', 'SM3', 'PDF', 'Excel', 'CSV', 'OFD', 'JPEG', 'PNG', 'ZIP', 'SHA-256', 'OpenSSL']);

export function auditTextProblems(text: string, names: readonly string[]): string[] {
  const problems: string[] = [];
  if (/[{}[\]"]/.test(text)) problems.push('JSON');
  let rest = text
    // file names, with their extension
    .replace(/[^\s：；、，（）|]*\.(xlsx|xls|csv|zip|pdf|png|jpe?g|ofd|json|cdbackup|pem)\b/gi, ' ')
    // folders people chose (a backup folder)
    .replace(/(^|[\s：])(\/|[A-Z]:\\)[^\s|；]*/g, ' ')
    // sizes
    .replace(/\d+(\.\d+)? (KB|MB)\b/g, ' ')
    // hex digests and fingerprints
    .replace(/\b[0-9a-fA-F]{16,}\b/g, ' ')
    .replace(/\b([0-9A-F]{4} ){3,}[0-9A-F]{4}\b/g, ' ');
  // logins beside a 姓名, and the names of table versions (cn-2026.1) as their files give them
  for (const login of names) rest = rest.replace(new RegExp(`（${login}）`, 'g'), ' ');
  for (const name of names) rest = rest.split(name).join(' ');
  for (const m of rest.matchAll(/[A-Za-z][A-Za-z0-9_.:/-]*/g)) {
    const word = m[0].replace(/[.:/-]+$/, '');
    if (ALLOWED_WORDS.has(word)) continue;
    // codes people use: upper case and digits (USCC, P2026-000001, HC2026-000001, XF-2026-001, cn-2026.1 is not one)
    if (/^[A-Z0-9][A-Z0-9-]*$/.test(word) && /\d/.test(word)) continue;
    problems.push(`ASCII “${word}”`);
  }
  if (/[A-Za-z0-9_]\s*[:：]\s*\S/.test(rest.replace(/[A-Z0-9-]*\d[A-Z0-9-]*/g, ''))) problems.push('a key: pair');
  return problems;
}
