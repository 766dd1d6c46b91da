import { Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { BatchView } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import { BatchDigest } from './BatchDigest';
import { BatchStateTag, CountsText } from './labels';
import { OpenBatchNotice } from './OpenBatchNotice';
import { ReceiptImportButton } from './ReceiptImportButton';

function Who({ by, at }: { by: string | null; at: string | null }) {
  const { t } = useI18n();
  if (!by || !at) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <div style={{ lineHeight: 1.4 }}>
      <div>{by}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {formatDateTime(at)}
      </Typography.Text>
    </div>
  );
}

export function ReceiptSummaryText({ batch }: { batch: BatchView }) {
  const { t } = useI18n();
  if (batch.receipt) {
    return (
      <Space size={4} wrap>
        <Tag color="success">{t('receipts.accepted', { n: batch.receipt.accepted })}</Tag>
        {batch.receipt.rejected > 0 && <Tag color="error">{t('receipts.rejected', { n: batch.receipt.rejected })}</Tag>}
      </Space>
    );
  }
  if (batch.state === 'approved') return <Typography.Text type="secondary">{t('receipts.none')}</Typography.Text>;
  return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
}

/** 批次: every batch, newest first, with its state, counts, people and digest. */
export function HistoryTab() {
  const { t } = useI18n();
  const { may } = useSession();
  const list = useCall('batches.list');
  const open = list.data?.find((b) => b.state === 'prepared') ?? null;

  const columns: ColumnsType<BatchView> = [
    {
      title: t('batches.col.sequence'),
      dataIndex: 'sequence',
      width: 190,
      render: (_: unknown, b) => (
        <div style={{ lineHeight: 1.4 }}>
          <Typography.Link strong onClick={() => navigate('batches', String(b.batchId))}>
            {t('batches.sequenceName', { sequence: b.sequence })}
          </Typography.Link>
          <div>
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
              {b.publicId}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('batches.col.state'), dataIndex: 'state', width: 90, render: (_: unknown, b) => <BatchStateTag state={b.state} /> },
    {
      title: t('batches.col.operations'),
      dataIndex: 'operations',
      minWidth: 180,
      render: (_: unknown, b) => (
        <div style={{ lineHeight: 1.5 }}>
          <strong>{t('batches.opsCount', { n: b.operations })}</strong>
          <div style={{ fontSize: 12 }}>
            <CountsText counts={b.counts} />
          </div>
        </div>
      ),
    },
    { title: t('batches.col.prepared'), key: 'prepared', width: 150, render: (_: unknown, b) => <Who by={b.preparedBy} at={b.preparedAt} /> },
    {
      title: t('batches.col.decided'),
      key: 'decided',
      width: 170,
      render: (_: unknown, b) => (
        <>
          <Who by={b.decidedBy} at={b.decidedAt} />
          {b.reason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: b.reason }}>
              {t('batches.reasonShort', { reason: b.reason })}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: t('batches.col.manifest'), dataIndex: 'manifestSm3', width: 170, render: (v: string | null) => <BatchDigest value={v} /> },
    { title: t('batches.col.receipt'), key: 'receipt', width: 150, render: (_: unknown, b) => <ReceiptSummaryText batch={b} /> },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('batches.history.intro')}</Typography.Text>
        {may('receipts.import') && <ReceiptImportButton onImported={list.reload} />}
      </Flex>
      <OpenBatchNotice batch={open} />
      <ErrorAlert error={list.error} />
      <Table<BatchView>
        rowKey="batchId"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('batches.history.empty')} /> }}
        scroll={{ x: 1100 }}
        onRow={(b) => ({ onClick: () => navigate('batches', String(b.batchId)), style: { cursor: 'pointer' } })}
        data-testid="batches-table"
      />
    </>
  );
}
