/**
 * The user manual's format, read by both sides: the window shows it as help and
 * the core prints it. The chapters are Markdown files in docs/manual/, in a small
 * fixed subset that this parser reads completely and refuses beyond:
 *
 *   # Chapter title {#id}          every heading carries a stable id: pages link to it
 *   ## Section {#id}   ### Sub-section {#id}
 *   paragraphs (lines joined), - bullets, 1. numbered steps
 *   | a | b | tables with a --- separator row
 *   ![caption](images/name.png)    a picture on a line of its own (made by the e2e tests)
 *   > a note
 *   **bold**, `key or code`, [text](#id) a link to another section
 *
 * No HTML is ever produced or accepted: the window renders these blocks as React
 * elements and the printer as print blocks.
 */

export interface Inline {
  text: string;
  bold?: boolean;
  code?: boolean;
  /** A link to another section of the manual (its id). */
  link?: string;
}

export type ManualBlock =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] }
  | { kind: 'image'; name: string; caption: string }
  | { kind: 'note'; inlines: Inline[] };

export interface ManualSection {
  id: string;
  title: string;
  level: 1 | 2 | 3;
  /** The chapter's id (for a chapter's own heading, its id). */
  chapter: string;
  blocks: ManualBlock[];
}

export interface ManualChapter {
  id: string;
  title: string;
  file: string;
  sections: ManualSection[];
}

export interface Manual {
  chapters: ManualChapter[];
}

export class ManualFormatError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'ManualFormatError';
  }
}

/** Picture references: images/<name>.png, the name as the e2e tests save it. */
export const IMAGE_REF = /^!\[([^\]]*)\]\(images\/([a-z0-9-]+)\.png\)$/;
const HEADING = /^(#{1,3}) (.+?) \{#([a-z0-9-]+)\}$/;
const INLINE = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(#([a-z0-9-]+)\)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index) });
    if (m[1] !== undefined) out.push({ text: m[1], bold: true });
    else if (m[2] !== undefined) out.push({ text: m[2], code: true });
    else out.push({ text: m[3], link: m[4] });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

export function inlineText(inlines: Inline[]): string {
  return inlines.map((i) => i.text).join('');
}

function tableCells(line: string): string[] {
  return line
    .replace(/^\s*\|/, '')
    .replace(/\|\s*$/, '')
    .split('|')
    .map((c) => c.trim());
}

/** One chapter file. */
export function parseChapter(file: string, source: string): ManualChapter {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const sections: ManualSection[] = [];
  let chapter: ManualChapter | null = null;
  let section: ManualSection | null = null;
  let i = 0;
  const fail = (message: string): never => {
    throw new ManualFormatError(file, i + 1, message);
  };
  const push = (block: ManualBlock) => {
    if (!section) fail('正文出现在第一个标题之前');
    section!.blocks.push(block);
  };
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '' || /^<!--.*-->$/.test(line.trim())) {
      i++;
      continue;
    }
    if (line.startsWith('#')) {
      const m = HEADING.exec(line);
      if (!m) fail(`标题须写成“## 标题 {#id}”（id 为小写字母、数字和连字符）：${line}`);
      const level = m![1].length as 1 | 2 | 3;
      if (level === 1) {
        if (chapter) fail('一个文件只能有一个一级标题（一章）');
        chapter = { id: m![3], title: m![2], file, sections };
      } else if (!chapter) fail('第一个标题须是一级标题（章）');
      section = { id: m![3], title: m![2], level, chapter: chapter!.id, blocks: [] };
      sections.push(section);
      i++;
      continue;
    }
    if (line.startsWith('![')) {
      const m = IMAGE_REF.exec(line.trim());
      if (!m) fail(`图片须写成“![说明](images/名称.png)”并单独成行：${line}`);
      push({ kind: 'image', name: m![2], caption: m![1] });
      i++;
      continue;
    }
    if (line.startsWith('>')) {
      const text: string[] = [];
      while (i < lines.length && lines[i].startsWith('>')) text.push(lines[i++].replace(/^>\s?/, ''));
      push({ kind: 'note', inlines: parseInline(text.join('')) });
      continue;
    }
    if (line.startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && lines[i].startsWith('|')) rows.push(tableCells(lines[i++]));
      if (rows.length < 2 || !rows[1].every((c) => /^:?-{3,}:?$/.test(c))) fail('表格的第二行须是 | --- | 分隔行');
      const width = rows[0].length;
      if (rows.some((r) => r.length !== width)) fail('表格各行的列数须相同');
      push({ kind: 'table', header: rows[0].map(parseInline), rows: rows.slice(2).map((r) => r.map(parseInline)) });
      continue;
    }
    const bullet = /^(-|\d+\.) /.exec(line);
    if (bullet) {
      const ordered = bullet[1] !== '-';
      const items: string[] = [];
      while (i < lines.length && lines[i].trim() !== '') {
        const m = /^(-|\d+\.) (.*)$/.exec(lines[i]);
        if (m) {
          if ((m[1] !== '-') !== ordered) fail('同一个列表不能混用“-”和“1.”');
          items.push(m[2]);
        } else if (/^\s+\S/.test(lines[i])) items[items.length - 1] += lines[i].trim();
        else break;
        i++;
      }
      push({ kind: 'list', ordered, items: items.map(parseInline) });
      continue;
    }
    if (/^(\s{4}|\t|```|<)/.test(line)) fail(`不支持的写法（代码块或 HTML）：${line}`);
    const text: string[] = [];
    while (i < lines.length && lines[i].trim() !== '' && !/^(#|!\[|>|\||- |\d+\. )/.test(lines[i])) text.push(lines[i++].trim());
    push({ kind: 'paragraph', inlines: parseInline(text.join('')) });
  }
  if (!chapter) throw new ManualFormatError(file, 1, '缺少一级标题（章）');
  return chapter;
}

/** The chapters in file-name order (01-setup.md, 02-clerk.md …); ids must be unique and links must resolve. */
export function parseManual(files: { name: string; text: string }[]): Manual {
  const chapters = [...files].sort((a, b) => a.name.localeCompare(b.name)).map((f) => parseChapter(f.name, f.text));
  const ids = new Map<string, string>();
  for (const c of chapters) {
    for (const s of c.sections) {
      if (ids.has(s.id)) throw new ManualFormatError(c.file, 0, `标题 id “${s.id}”重复（另见 ${ids.get(s.id)}）`);
      ids.set(s.id, c.file);
    }
  }
  for (const c of chapters) {
    for (const s of c.sections) {
      for (const link of sectionLinks(s)) {
        if (!ids.has(link)) throw new ManualFormatError(c.file, 0, `链接指向不存在的标题 #${link}（在“${s.title}”中）`);
      }
    }
  }
  return { chapters };
}

function blockInlines(b: ManualBlock): Inline[][] {
  switch (b.kind) {
    case 'paragraph':
    case 'note':
      return [b.inlines];
    case 'list':
      return b.items;
    case 'table':
      return [...b.header, ...b.rows.flat()];
    case 'image':
      return [[{ text: b.caption }]];
  }
}

function sectionLinks(s: ManualSection): string[] {
  return s.blocks.flatMap((b) => blockInlines(b).flat().flatMap((i) => (i.link ? [i.link] : [])));
}

/** Every picture the manual names, in order. */
export function manualImages(manual: Manual): string[] {
  return manual.chapters.flatMap((c) => c.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'image' ? [b.name] : []))));
}

export function allSections(manual: Manual): ManualSection[] {
  return manual.chapters.flatMap((c) => c.sections);
}

/** A section's words as plain text (title first), for search. */
export function sectionText(s: ManualSection): string {
  return [s.title, ...s.blocks.map((b) => blockInlines(b).map(inlineText).join(' '))].join('\n');
}

export interface ManualHit {
  section: ManualSection;
  chapterTitle: string;
  /** Some text around the first match, the match itself marked by `at` and `length`. */
  snippet: string;
  at: number;
  length: number;
}

/** Folds what differs only in width or case: ＡＢＣ → abc, full-width digits and spaces. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Sections containing the query, a plain substring of their words (so any two
 * Chinese characters match, as people type them: 密码, 备份, 退回); hits in a
 * title first. Whitespace splits the query into words that must all occur.
 */
export function searchManual(manual: Manual, query: string, limit = 30): ManualHit[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const scored: { hit: ManualHit; score: number; order: number }[] = [];
  let order = 0;
  for (const chapter of manual.chapters) {
    for (const section of chapter.sections) {
      order++;
      const text = sectionText(section);
      const folded = foldForSearch(text);
      if (!words.every((w) => folded.includes(w))) continue;
      const title = foldForSearch(section.title);
      const score = words.filter((w) => title.includes(w)).length * 10 + (section.level === 1 ? 0 : 1);
      const at = folded.indexOf(words[0]);
      // From the start of the sentence (or line) the word is in, when that is near.
      const before = text.slice(Math.max(0, at - 24), at);
      const boundary = Math.max(before.lastIndexOf('。'), before.lastIndexOf('\n'), before.lastIndexOf('：'), before.lastIndexOf('；'));
      const from = boundary >= 0 ? at - before.length + boundary + 1 : Math.max(0, at - 24);
      const end = at + words[0].length + 48;
      const snippet = `${from > 0 && boundary < 0 ? '…' : ''}${text.slice(from, end).replace(/\n/g, ' ')}${end < text.length ? '…' : ''}`;
      scored.push({ hit: { section, chapterTitle: chapter.title, snippet, at: at - from, length: words[0].length }, score, order });
    }
  }
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.hit);
}
