import { ExportOutlined, KeyOutlined, PrinterOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { SigningKeyView } from '../../../../electron/contract';
import { PrintPreview, type PrintJob } from '../../components/print/PrintPreview';
import { call } from '../../api/client';
import { useCall } from '../../api/hooks';
import { Person } from '../../api/people';
import { navigate } from '../../lib/hashRoute';
import { batchPath } from './labels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { useSession, useUser } from '../../session/SessionContext';
import { KeyFingerprint } from './BatchDigest';
import { downloadText } from '../../lib/files';
import { KeyGenerateModal } from './KeyGenerateModal';
import { KeyPublicModal, type ExportedKey } from './KeyPublicModal';

/** Downloads a public key's PEM and shows its fingerprint for the registration sheet. */
function useExportPublic() {
  const { errorText } = useI18n();
  const { message } = App.useApp();
  const [exported, setExported] = useState<ExportedKey | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  /** `fresh`: just generated — show it and offer the download rather than starting one. */
  const run = async (key: SigningKeyView, fresh = false) => {
    setBusy(key.keyId);
    try {
      const r = await call('keys.exportPublic', { keyId: key.keyId });
      if (!fresh) downloadText(r.pem, r.fileName, 'application/x-pem-file');
      setExported({ ...r, key, fresh });
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };
  return { exported, busy, run, close: () => setExported(null) };
}

/** 签名密钥: the approver's SM2 key (generate, rotate, export the public key); the key list for everyone. */
export function KeysTab() {
  const { t } = useI18n();
  const { may } = useSession();
  const me = useUser();
  const keys = useCall('keys.list');
  const [generating, setGenerating] = useState(false);
  const exporter = useExportPublic();
  const mayPrint = may('print.keySheet');
  const [sheet, setSheet] = useState<PrintJob | null>(null);
  const printSheet = (k: SigningKeyView) => setSheet({ method: 'print.keySheet', input: { keyId: k.keyId } });
  const mayGenerate = may('keys.generate');
  const mine = (keys.data ?? []).filter((k) => k.login === me.login);
  const active = mine.find((k) => k.active) ?? null;
  const others = (keys.data ?? []).some((k) => k.login !== me.login);
  // Sent here from a batch waiting for a signature: with a key now, the way back to it.
  const batches = useCall('batches.list', undefined, mayGenerate);
  const waiting = active ? (batches.data ?? []).find((b) => b.state === 'prepared' && b.preparedBy !== me.login) : undefined;

  // An approver sees their active key in the card above; the table lists the rest.
  const listed = (keys.data ?? []).filter((k) => !(mayGenerate && k.keyId === active?.keyId));
  const columns: ColumnsType<SigningKeyView> = [
    {
      title: t('keys.col.fingerprint'),
      dataIndex: 'fingerprint',
      render: (f: string) => <KeyFingerprint value={f} />,
    },
    ...(others ? [{ title: t('keys.col.login'), dataIndex: 'login', width: 120, render: (login: string) => <Person login={login} /> }] : []),
    { title: t('keys.col.created'), dataIndex: 'createdAt', width: 120, render: (d: string) => formatDate(d) },
    {
      title: t('keys.col.status'),
      key: 'status',
      width: 210,
      render: (_: unknown, k) =>
        k.active ? (
          <Tag color="success">{t('keys.status.active')}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('keys.status.retiredAt', { date: formatDate(k.retiredAt) })}</Typography.Text>
        ),
    },
    {
      title: t('keys.col.actions'),
      key: 'actions',
      width: mayPrint ? 240 : 130,
      render: (_: unknown, k) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<ExportOutlined />} loading={exporter.busy === k.keyId} onClick={() => exporter.run(k)}>
            {t('keys.exportPublic')}
          </Button>
          {mayPrint && (
            <Button type="link" size="small" icon={<PrinterOutlined />} onClick={() => printSheet(k)} data-testid="print-key-sheet">
              {t('print.keySheet.button')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const table = (
    <Table<SigningKeyView>
      rowKey="keyId"
      size="middle"
      columns={columns}
      dataSource={listed}
      loading={keys.loading}
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('keys.listEmpty')} /> }}
      data-testid="keys-table"
    />
  );

  return (
    <>
      <Typography.Paragraph type="secondary">{t(mayGenerate ? 'keys.intro.approver' : 'keys.intro.other')}</Typography.Paragraph>
      <ErrorAlert error={keys.error} />
      {waiting && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('keys.batchWaiting', { sequence: waiting.sequence })}
          action={
            <Button type="primary" size="small" onClick={() => navigate(...batchPath(waiting, true))} data-testid="keys-to-batch">
              {t('keys.toBatch', { sequence: waiting.sequence })}
            </Button>
          }
          data-testid="keys-batch-waiting"
        />
      )}
      {mayGenerate && keys.data && (
        <Card size="small" style={{ marginBottom: 24 }} title={t('keys.mine')} data-testid="my-key">
          {active ? (
            <Flex justify="space-between" align="flex-start" gap={24} wrap>
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'fingerprint', label: t('keys.fingerprint'), children: <KeyFingerprint value={active.fingerprint} large /> },
                  { key: 'created', label: t('keys.col.created'), children: formatDate(active.createdAt) },
                ]}
              />
              <Space wrap>
                <Button type="primary" icon={<ExportOutlined />} loading={exporter.busy === active.keyId} onClick={() => exporter.run(active)}>
                  {t('keys.exportPublic')}
                </Button>
                {mayPrint && (
                  <Button icon={<PrinterOutlined />} onClick={() => printSheet(active)} data-testid="print-my-key-sheet">
                    {t('print.keySheet.button')}
                  </Button>
                )}
                <Button icon={<SyncOutlined />} onClick={() => setGenerating(true)}>
                  {t('keys.rotate')}
                </Button>
              </Space>
            </Flex>
          ) : (
            <Empty image={<KeyOutlined style={{ fontSize: 40, opacity: 0.45 }} />} description={t('keys.none')}>
              <Button type="primary" icon={<KeyOutlined />} onClick={() => setGenerating(true)}>
                {t('keys.generate')}
              </Button>
            </Empty>
          )}
        </Card>
      )}
      {mayGenerate ? (
        listed.length > 0 && (
          <>
            <Typography.Title level={5}>{t('keys.others')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('keys.rotatedNote')}</Typography.Paragraph>
            {table}
          </>
        )
      ) : (
        table
      )}
      <KeyGenerateModal
        open={generating}
        rotating={active !== null}
        onClose={() => setGenerating(false)}
        onDone={(key) => {
          setGenerating(false);
          keys.reload();
          void exporter.run(key, true);
        }}
      />
      <KeyPublicModal exported={exporter.exported} onClose={exporter.close} />
      <PrintPreview request={sheet} title={t('print.keySheet.title')} onClose={() => setSheet(null)} />
    </>
  );
}
