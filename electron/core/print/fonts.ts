/**
 * The bundled print fonts (resources/fonts, see its README) and what the layout
 * needs from them: advance widths for line breaking, and whether a character
 * has a glyph. A character no bundled font has is printed as a visible box and
 * reported, never dropped silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { CoreError } from '../errors';

export type FaceName = 'regular' | 'bold' | 'mono';

const FILES: Record<FaceName, string> = {
  regular: 'NotoSansCJKsc-Regular.otf',
  bold: 'NotoSansCJKsc-Bold.otf',
  mono: 'NotoSansMonoCJKsc-Regular.otf',
};

/** Printed where a character has no glyph in any bundled font. */
export const MISSING_GLYPH_BOX = '\u25A1';

/** Finds resources/fonts by walking up from this module (source, bundle), unless given. */
export function defaultFontsFolder(): string {
  const fromEnv = process.env.CREDIT_DESK_RESOURCES;
  if (fromEnv) return join(fromEnv, 'fonts');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'resources', 'fonts');
    if (existsSync(join(candidate, FILES.regular))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new CoreError('PRINT_FAILED', '找不到打印所需的字体文件（resources/fonts）。请重新安装本程序。');
}

export interface Face {
  name: FaceName;
  /** The parsed font, shared by every document of the process (pdfkit takes it as is and subsets it per document). */
  font: fontkit.Font;
  /** Width of a string at size 1 (multiply by the font size). */
  width(text: string): number;
  has(codePoint: number): boolean;
  ascent: number;
  descent: number;
}

function loadFace(name: FaceName, path: string): Face {
  if (!existsSync(path)) throw new CoreError('PRINT_FAILED', `找不到打印字体：${path}`);
  const bytes = readFileSync(path);
  const font = fontkit.create(bytes) as fontkit.Font;
  const perEm = font.unitsPerEm;
  const widths = new Map<number, number>();
  const advance = (cp: number): number => {
    let w = widths.get(cp);
    if (w === undefined) {
      w = font.hasGlyphForCodePoint(cp) ? font.glyphForCodePoint(cp).advanceWidth / perEm : 1;
      widths.set(cp, w);
    }
    return w;
  };
  const covered = new Map<number, boolean>();
  return {
    name,
    font,
    ascent: font.ascent / perEm,
    descent: font.descent / perEm,
    width(text) {
      let w = 0;
      for (const ch of text) w += advance(ch.codePointAt(0)!);
      return w;
    },
    has(cp) {
      let c = covered.get(cp);
      if (c === undefined) covered.set(cp, (c = font.hasGlyphForCodePoint(cp)));
      return c;
    },
  };
}

export type FaceSet = Record<FaceName, Face>;

const cache = new Map<string, FaceSet>();

/** The faces, read once per process. */
export function loadFaces(folder: string = defaultFontsFolder()): FaceSet {
  let set = cache.get(folder);
  if (!set) {
    set = {
      regular: loadFace('regular', join(folder, FILES.regular)),
      bold: loadFace('bold', join(folder, FILES.bold)),
      mono: loadFace('mono', join(folder, FILES.mono)),
    };
    cache.set(folder, set);
  }
  return set;
}
