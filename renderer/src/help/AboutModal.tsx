/**
 * 关于: the version, the database schema, the data folder (with 打开文件夹) and the
 * licences of everything the installer ships, each with its full text.
 */
import { FolderOpenOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Input, List, Modal, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { LicenseView } from '../../../electron/contract';
import { call } from '../api/client';
import { useCall } from '../api/hooks';
import { LoadState } from '../components/LoadState';
import { useI18n } from '../i18n';

function Licences({ entries }: { entries: LicenseView[] }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const [shown, setShown] = useState<LicenseView | null>(null);
  const list = useMemo(() => entries.filter((e) => `${e.name} ${e.license}`.toLowerCase().includes(filter.trim().toLowerCase())), [entries, filter]);
  if (shown) {
    return (
      <div data-testid="licence-text">
        <Space style={{ marginBottom: 8 }}>
          <Button onClick={() => setShown(null)}>{t('about.licences.back')}</Button>
          <Typography.Text strong>
            {shown.name} {shown.version}
          </Typography.Text>
          <Typography.Text type="secondary">{shown.license}</Typography.Text>
        </Space>
        <pre className="licence-text">{shown.text}</pre>
      </div>
    );
  }
  return (
    <>
      <Typography.Paragraph type="secondary">{t('about.licences.intro', { n: entries.length })}</Typography.Paragraph>
      <Input.Search allowClear placeholder={t('about.licences.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} style={{ marginBottom: 8 }} />
      <List
        size="small"
        bordered
        dataSource={list}
        style={{ maxHeight: 320, overflow: 'auto' }}
        data-testid="licence-list"
        renderItem={(e) => (
          <List.Item key={`${e.name}@${e.version}`} actions={[<Typography.Link key="show" onClick={() => setShown(e)}>{t('about.licences.show')}</Typography.Link>]}>
            <Typography.Text>
              {e.name} <Typography.Text type="secondary">{e.version}</Typography.Text>
            </Typography.Text>
            <Typography.Text type="secondary">{e.license}</Typography.Text>
          </List.Item>
        )}
      />
    </>
  );
}

export function AboutModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const about = useCall('app.about', undefined, open);
  const licences = useCall('app.licenses', undefined, open);

  const openFolder = async () => {
    try {
      const result = await call('app.openDataFolder');
      // Outside the desktop program (a browser preview) nothing can open a folder window.
      if (!result.opened) message.info(t('about.folder.manual', { folder: result.folder }));
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Modal open={open} onCancel={onClose} footer={null} width={720} title={t('about.title')} destroyOnHidden data-testid="about">
      <Tabs
        items={[
          {
            key: 'about',
            label: t('about.tab.about'),
            children: (
              <LoadState {...about}>
                {(a) => (
                  <Descriptions column={1} size="small" bordered styles={{ label: { width: 160 } }}>
                    <Descriptions.Item label={t('about.product')}>{a.product}</Descriptions.Item>
                    <Descriptions.Item label={t('about.version')}>
                      <span data-testid="about-version">{a.version}</span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('about.schema')}>
                      <span data-testid="about-schema">
                        {a.schemaVersion === null ? t('about.schema.appOnly', { app: a.appSchemaVersion }) : t('about.schema.both', { db: a.schemaVersion, app: a.appSchemaVersion })}
                      </span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('about.folder')}>
                      <Space wrap>
                        <Typography.Text copyable data-testid="about-folder">
                          {a.dataFolder}
                        </Typography.Text>
                        <Button size="small" icon={<FolderOpenOutlined />} onClick={() => void openFolder()} data-testid="open-folder">
                          {t('about.folder.open')}
                        </Button>
                      </Space>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('about.platform')}>
                      {a.platform} {a.arch} · {a.runtime.electron ? `Electron ${a.runtime.electron} · ` : ''}Node.js {a.runtime.node}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('about.font')}>{t('about.font.value')}</Descriptions.Item>
                  </Descriptions>
                )}
              </LoadState>
            ),
          },
          {
            key: 'licences',
            label: t('about.tab.licences'),
            children: <LoadState {...licences}>{(l) => <Licences entries={l.entries} />}</LoadState>,
          },
        ]}
      />
    </Modal>
  );
}
