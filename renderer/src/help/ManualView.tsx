/**
 * A chapter of the manual as React elements (never HTML from the text): paragraphs,
 * lists, tables, notes, pictures from the real screens and links between sections.
 */
import { Alert, Typography } from 'antd';
import { Fragment, type ReactNode } from 'react';
import type { Inline, ManualBlock, ManualChapter } from '../../../electron/contract/manual';

function Inlines({ items, onLink }: { items: Inline[]; onLink: (id: string) => void }) {
  return (
    <>
      {items.map((i, n) => {
        if (i.bold) return <strong key={n}>{i.text}</strong>;
        if (i.code) return <Typography.Text key={n} keyboard>{i.text}</Typography.Text>;
        if (i.link) {
          const id = i.link;
          return (
            <Typography.Link key={n} onClick={() => onLink(id)} data-help-link={id}>
              {i.text}
            </Typography.Link>
          );
        }
        return <Fragment key={n}>{i.text}</Fragment>;
      })}
    </>
  );
}

/** Where the build put a picture (manualContent.ts, loaded with the manual). */
export type PictureUrl = (name: string) => string | undefined;

function Block({ block, onLink, pictureUrl }: { block: ManualBlock; onLink: (id: string) => void; pictureUrl: PictureUrl }): ReactNode {
  switch (block.kind) {
    case 'paragraph':
      return (
        <Typography.Paragraph>
          <Inlines items={block.inlines} onLink={onLink} />
        </Typography.Paragraph>
      );
    case 'note':
      return <Alert type="info" showIcon style={{ marginBottom: 12 }} title={<Inlines items={block.inlines} onLink={onLink} />} />;
    case 'list': {
      const items = block.items.map((item, n) => (
        <li key={n}>
          <Inlines items={item} onLink={onLink} />
        </li>
      ));
      return block.ordered ? <ol className="help-list">{items}</ol> : <ul className="help-list">{items}</ul>;
    }
    case 'table':
      return (
        <table className="help-table">
          <thead>
            <tr>
              {block.header.map((h, n) => (
                <th key={n}>
                  <Inlines items={h} onLink={onLink} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, n) => (
                  <td key={n}>
                    <Inlines items={cell} onLink={onLink} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'image': {
      const url = pictureUrl(block.name);
      return (
        <figure className="help-figure">
          {/* Every picture is a 1366×768 screenshot (test/manual): the size is reserved before it loads, so scrolling to a section lands there. */}
          {url && <img src={url} alt={block.caption} width={1366} height={768} loading="lazy" />}
          <figcaption>{block.caption}</figcaption>
        </figure>
      );
    }
  }
}

/** One chapter; each section carries `help-<id>` so the drawer can scroll to it. */
export function ManualChapterView({ chapter, current, onLink, pictureUrl }: { chapter: ManualChapter; current: string | null; onLink: (id: string) => void; pictureUrl: PictureUrl }) {
  return (
    <article className="help-chapter">
      {chapter.sections.map((s) => {
        const Heading = s.level === 1 ? 'h2' : s.level === 2 ? 'h3' : 'h4';
        return (
          <section key={s.id} id={`help-${s.id}`} data-testid={`help-section-${s.id}`} className={s.id === current ? 'help-section help-current' : 'help-section'}>
            <Heading className={`help-h${s.level}`}>{s.title}</Heading>
            {s.blocks.map((b, n) => (
              <Block key={n} block={b} onLink={onLink} pictureUrl={pictureUrl} />
            ))}
          </section>
        );
      })}
    </article>
  );
}
