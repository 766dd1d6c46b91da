/**
 * 帮助: the user manual beside the page, offline. Opens at a section (本页帮助, F1),
 * lists the chapters and their sections, and searches every section's words as
 * typed (two Chinese characters are enough: 密码, 备份, 退回).
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Drawer, Empty, Flex, Input, List, Menu, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { searchManual, type Manual } from '../../../electron/contract/manual';
import { Highlight } from '../components/Highlight';
import { useI18n } from '../i18n';
import { ManualChapterView, type PictureUrl } from './ManualView';

interface Props {
  open: boolean;
  /** The section to show (its id), or null for the start of the manual. */
  section: string | null;
  onSection: (id: string) => void;
  onClose: () => void;
  /** Prints the manual (only offered while someone is logged in: printing is logged). */
  onPrint?: () => void;
}

export function HelpDrawer({ open, section, onSection, onClose, onPrint }: Props) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<{ manual: Manual; pictureUrl: PictureUrl } | null>(null);
  const manual = loaded?.manual ?? null;
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState('');
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open || manual) return;
    // The manual and its pictures are a chunk of their own, fetched the first time help opens.
    import('./manualContent').then(
      (m) => setLoaded({ manual: m.manual, pictureUrl: m.pictureUrl }),
      () => setFailed(true),
    );
  }, [open, manual]);

  const chapter = useMemo(() => {
    if (!manual) return null;
    return manual.chapters.find((c) => c.sections.some((s) => s.id === section)) ?? manual.chapters[0];
  }, [manual, section]);

  // The chapter of the section shown is open in the side list (others stay as the person left them).
  const [openKeys, setOpenKeys] = useState<string[]>([]);
  useEffect(() => {
    if (chapter) setOpenKeys((keys) => (keys.includes(chapter.id) ? keys : [...keys, chapter.id]));
  }, [chapter]);

  const hits = useMemo(() => (manual && query.trim() ? searchManual(manual, query) : null), [manual, query]);

  useEffect(() => {
    if (!open || !chapter) return;
    if (hits) {
      body.current?.scrollTo({ top: 0 });
      return;
    }
    // Scrolled once the drawer has laid the chapter out, and again a moment later: the drawer
    // opening and the side list unfolding can still move things in the first frames.
    const scroll = () => {
      const holder = body.current;
      const el = section ? document.getElementById(`help-${section}`) : null;
      if (!holder) return;
      holder.scrollTop = el ? el.getBoundingClientRect().top - holder.getBoundingClientRect().top + holder.scrollTop : 0;
    };
    scroll();
    const frame = requestAnimationFrame(scroll);
    const later = window.setTimeout(scroll, 300);
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(later);
    };
  }, [open, chapter, section, hits]);

  const show = (id: string) => {
    setQuery('');
    onSection(id);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={880}
      title={t('help.title')}
      extra={
        onPrint && (
          <Button icon={<PrinterOutlined />} onClick={onPrint} data-testid="help-print">
            {t('help.print')}
          </Button>
        )
      }
      styles={{ body: { padding: 0 } }}
      data-testid="help-drawer"
    >
      {!manual ? (
        <Flex justify="center" style={{ padding: 48 }}>
          {failed ? <Typography.Text type="danger">{t('help.loadFailed')}</Typography.Text> : <Spin />}
        </Flex>
      ) : (
        <Flex style={{ height: '100%' }}>
          <div className="help-nav">
            <Input.Search
              allowClear
              placeholder={t('help.searchPlaceholder')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              aria-label={t('help.search')}
              data-testid="help-search"
              style={{ padding: 12 }}
            />
            <Menu
              mode="inline"
              selectedKeys={section ? [section] : []}
              openKeys={openKeys}
              onOpenChange={setOpenKeys}
              onClick={({ key }) => show(key)}
              items={manual.chapters.map((c) => ({
                key: c.id,
                label: c.title,
                onTitleClick: () => show(c.id),
                children: c.sections.filter((s) => s.level === 2).map((s) => ({ key: s.id, label: s.title })),
              }))}
              style={{ borderInlineEnd: 'none' }}
            />
          </div>
          <div className="help-body" ref={body} data-testid="help-body">
            {hits ? (
              hits.length === 0 ? (
                <Empty description={t('help.noHits', { query: query.trim() })} />
              ) : (
                <List
                  header={t('help.hits', { n: hits.length })}
                  dataSource={hits}
                  data-testid="help-hits"
                  renderItem={(h) => (
                    <List.Item key={h.section.id} onClick={() => show(h.section.id)} className="help-hit" data-testid={`help-hit-${h.section.id}`}>
                      <List.Item.Meta
                        title={
                          <Typography.Link>
                            <Highlight text={h.section.title} query={query.trim().split(/\s+/)[0]} />
                          </Typography.Link>
                        }
                        description={
                          <>
                            <Typography.Text type="secondary">{h.chapterTitle} · </Typography.Text>
                            <Highlight text={h.snippet} query={query.trim().split(/\s+/)[0]} />
                          </>
                        }
                      />
                    </List.Item>
                  )}
                />
              )
            ) : (
              chapter && loaded && <ManualChapterView chapter={chapter} current={section} onLink={show} pictureUrl={loaded.pictureUrl} />
            )}
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
