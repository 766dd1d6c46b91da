/**
 * Text for the page: which bundled face draws each character (a character the
 * face lacks comes from the next face of its chain, else prints as a visible
 * box and is reported), and line breaking that never lets text run out of its
 * box. Chinese breaks between any two characters except before closing and
 * after opening punctuation (避头尾); Latin words and numbers stay whole unless
 * longer than the line.
 */
import { MISSING_GLYPH_BOX, type Face, type FaceName, type FaceSet } from './fonts';

/** Faces tried in order for a character. */
const CHAINS: Record<FaceName, FaceName[]> = {
  regular: ['regular'],
  bold: ['bold', 'regular'],
  mono: ['mono', 'regular'],
};

// Characters that may not start a line, and those that may not end one.
const NO_LINE_START = new Set('，。、；：？！）」』】〉》〕］｝”’…—·%‰,.;:?!)]}'.split(''));
const NO_LINE_END = new Set('（「『【〈《〔［｛“‘([{'.split(''));

// Control characters other than line breaks and tabs print as nothing useful.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u2028\u2029\uFEFF]/g;

export interface Run {
  face: FaceName;
  text: string;
  /** Width at size 1. */
  width: number;
}

export class TextShaper {
  /** Characters no bundled face has (printed as boxes), in the order first met. */
  readonly missing = new Set<string>();
  private readonly picks = new Map<FaceName, Map<number, FaceName>>();

  constructor(private readonly faces: FaceSet) {}

  private pick(primary: FaceName, cp: number): FaceName | null {
    let cache = this.picks.get(primary);
    if (!cache) this.picks.set(primary, (cache = new Map()));
    let face = cache.get(cp);
    if (face === undefined) {
      face = CHAINS[primary].find((f) => this.faces[f].has(cp)) ?? (null as unknown as FaceName);
      cache.set(cp, face);
    }
    return face;
  }

  /** The text as it will print: controls removed, tabs as spaces, characters no face has as boxes (and noted). */
  clean(text: string, primary: FaceName): string {
    let out = '';
    for (const ch of text.replace(CONTROLS, '').replace(/\r\n?/g, '\n').replace(/\t/g, '  ')) {
      if (ch === '\n' || this.pick(primary, ch.codePointAt(0)!) !== null) out += ch;
      else {
        this.missing.add(ch);
        out += MISSING_GLYPH_BOX;
      }
    }
    return out;
  }

  private face(primary: FaceName, ch: string): Face {
    return this.faces[this.pick(primary, ch.codePointAt(0)!) ?? primary];
  }

  /** Width at size 1 of already cleaned text. */
  width(text: string, primary: FaceName): number {
    let w = 0;
    for (const ch of text) w += this.face(primary, ch).width(ch);
    return w;
  }

  /** Consecutive characters drawn by the same face. */
  runs(line: string, primary: FaceName): Run[] {
    const runs: Run[] = [];
    for (const ch of line) {
      const face = this.face(primary, ch);
      const w = face.width(ch);
      const last = runs[runs.length - 1];
      if (last && last.face === face.name) {
        last.text += ch;
        last.width += w;
      } else runs.push({ face: face.name, text: ch, width: w });
    }
    return runs;
  }

  /**
   * Breaks cleaned text into lines no wider than `width` at `size`;
   * `firstIndent` narrows the first line of each paragraph.
   */
  wrap(text: string, primary: FaceName, size: number, width: number, firstIndent = 0): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      let lineWidth = 0;
      let avail = width - firstIndent;
      const push = () => {
        lines.push(line.trimEnd());
        line = '';
        lineWidth = 0;
        avail = width;
      };
      for (const unit of units(paragraph)) {
        const w = this.width(unit, primary) * size;
        const blank = /^\s+$/.test(unit);
        if (blank && line === '') continue;
        if (lineWidth + w <= avail + 0.01) {
          line += unit;
          lineWidth += w;
          continue;
        }
        if (blank) {
          push();
          continue;
        }
        if (line !== '') push();
        if (w <= avail + 0.01) {
          line = unit;
          lineWidth = w;
          continue;
        }
        // A unit longer than the line (a long code, a run of digits): break it anywhere.
        for (const ch of unit) {
          const cw = this.width(ch, primary) * size;
          if (line !== '' && lineWidth + cw > avail + 0.01) push();
          line += ch;
          lineWidth += cw;
        }
      }
      if (line !== '' || lines.length === 0 || paragraph === '') push();
    }
    return lines;
  }
}

/**
 * Units a line may break between: a CJK character (with punctuation that must
 * stay beside it), a Latin word or number, or a run of spaces.
 */
export function units(text: string): string[] {
  const raw = text.match(/\s+|[\x21-\x7E\u00A0-\u02FF]+|[\s\S]/gu) ?? [];
  const out: string[] = [];
  let carry = '';
  for (const u of raw) {
    if (out.length > 0 && carry === '' && NO_LINE_START.has([...u][0]) && !/^\s/.test(u)) {
      out[out.length - 1] += u;
      continue;
    }
    if (NO_LINE_END.has(u)) {
      carry += u;
      continue;
    }
    out.push(carry + u);
    carry = '';
  }
  if (carry) out.push(carry);
  return out;
}
