/**
 * The printed manual (文件 → 打印用户手册, `print manual`): the same Markdown the help
 * shows, through the printing engine — a table of contents with page numbers, each
 * chapter on a new page, the pictures from the real screens, 第 k 页 共 n 页.
 */
import { existsSync, readFileSync } from 'node:fs';
import { inlineText, type Inline, type Manual, type ManualBlock } from '../../contract/manual';
import { CoreError } from '../errors';
import type { Block, PrintDocument } from '../print/model';
import { manualImagePath } from './source';

/** A link is printed as its words and where to find them: 恢复码（见“忘记密码”）. */
function flat(inlines: Inline[], titles: Map<string, string>): string {
  return inlines.map((i) => (i.link && titles.get(i.link) && titles.get(i.link) !== i.text ? `${i.text}（见“${titles.get(i.link)}”）` : i.text)).join('');
}

function blocks(b: ManualBlock, folder: string, titles: Map<string, string>): Block[] {
  switch (b.kind) {
    case 'paragraph':
      return [{ kind: 'paragraph', text: flat(b.inlines, titles) }];
    case 'note':
      return [{ kind: 'paragraph', text: flat(b.inlines, titles), shaded: true, size: 10 }];
    case 'list':
      return b.items.map((item, n) => ({ kind: 'paragraph', text: flat(item, titles), bullet: b.ordered ? `${n + 1}.` : '•' }));
    case 'table': {
      const total = b.header.length;
      return [
        {
          kind: 'table',
          columns: b.header.map((h, i) => ({ title: inlineText(h), width: i === 0 && total > 1 ? 1 : 2 })),
          rows: b.rows.map((r) => r.map((c) => flat(c, titles))),
        },
      ];
    }
    case 'image': {
      const path = manualImagePath(folder, b.name);
      if (!existsSync(path)) throw new CoreError('PRINT_FAILED', `用户手册缺少图片：images/${b.name}.png`);
      return [{ kind: 'image', png: readFileSync(path), caption: b.caption, maxHeight: 300 }];
    }
  }
}

export function buildManualDocument(manual: Manual, folder: string, version: string): PrintDocument {
  const titles = new Map(manual.chapters.flatMap((c) => c.sections.map((s) => [s.id, s.title] as const)));
  const body: Block[] = [];
  for (const chapter of manual.chapters) {
    body.push({ kind: 'pageBreak' });
    for (const section of chapter.sections) {
      body.push({ kind: 'heading', text: section.title, level: section.level, toc: section.level <= 2 });
      for (const b of section.blocks) body.push(...blocks(b, folder, titles));
    }
  }
  // The first page (title, contents) is followed by each chapter on its own page: drop the first break
  // only when the contents already ended its page.
  return {
    kind: 'manual',
    title: '信用工作台 用户手册',
    subtitle: `适用于 ${version} 版`,
    target: 'manual',
    targetLabel: `用户手册 ${version}`,
    masked: true,
    options: { version },
    blocks: [{ kind: 'contents', title: '目录' }, ...body.slice(1)],
  };
}
