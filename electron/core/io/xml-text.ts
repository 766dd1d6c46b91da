/**
 * Text-level helpers for the hand-written OOXML scanners: XML character data and
 * attribute decoding, and SpreadsheetML's `_xHHHH_` escapes.
 */

const ENTITY_RE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const OOXML_ESCAPE_RE = /_x([0-9a-fA-F]{4})_/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function entity(match: string, hex: string | undefined, dec: string | undefined, name: string | undefined): string {
  if (name !== undefined) return NAMED[name];
  const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec as string, 10);
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return match; // not a character: keep as written
  return String.fromCodePoint(code);
}

function ooxmlEscape(_m: string, hex: string): string {
  return String.fromCharCode(parseInt(hex, 16));
}

/** Decodes XML entities and character references only (attribute values, part names). */
export function decodeEntities(raw: string): string {
  return raw.indexOf('&') === -1 ? raw : raw.replace(ENTITY_RE, entity);
}

/**
 * Decodes the character data of a SpreadsheetML text node (`<t>`, `<v>`):
 *  1. XML end-of-line handling: a literal CR LF or lone CR becomes LF (as every
 *     conforming XML parser does; `&#13;` survives as CR);
 *  2. entities `&amp; &lt; &gt; &quot; &apos;` and `&#NNN;` / `&#xHH;`;
 *  3. OOXML escapes `_xHHHH_` (Excel writes control characters such as CR as
 *     `_x000D_`, and a literal `_x000D_` as `_x005F_x000D_`).
 * Returns the input unchanged (no allocation) when none of them occurs.
 */
export function decodeXmlText(raw: string): string {
  let s = raw;
  if (s.indexOf('\r') !== -1) s = s.replace(/\r\n?/g, '\n');
  if (s.indexOf('&') !== -1) s = s.replace(ENTITY_RE, entity);
  if (s.indexOf('_x') !== -1) s = s.replace(OOXML_ESCAPE_RE, ooxmlEscape);
  return s;
}

export interface XmlElement {
  /** Local name (prefix removed). */
  name: string;
  /** Attributes by qualified name as written (e.g. `r:id`), values entity-decoded. */
  attrs: Record<string, string>;
}

const ATTR_RE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * All start (or empty) tags with the given local name, any namespace prefix. For the
 * small package parts only (workbook, relationships): not a streaming scanner.
 */
export function findElements(xml: string, localName: string): XmlElement[] {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${localName}(?=[\\s/>])([^>]*)>`, 'g');
  const out: XmlElement[] = [];
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    const attrs: Record<string, string> = {};
    ATTR_RE.lastIndex = 0;
    for (let a = ATTR_RE.exec(m[1]); a !== null; a = ATTR_RE.exec(m[1])) {
      attrs[a[1]] = decodeEntities(a[2] ?? a[3] ?? '');
    }
    out.push({ name: localName, attrs });
  }
  return out;
}
