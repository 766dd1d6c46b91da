import { Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ColumnsType } from 'antd/es/table';
import type { BatchView } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { Person } from '../../api/people';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { formatCount } from '../../lib/format';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import { BatchStateTag, batchPath, CountsText, groupBySequence } from './labels';
import { OpenBatchNotice } from './OpenBatchNotice';
import { ReceiptImportButton } from './ReceiptImportButton';

function Who({ by, at }: { by: string | null; at: string | null }) {
  const { t } = useI18n();
  if (!by || !at) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <div style={{ lineHeight: 1.4 }}>
      <div>
        <Person login={by} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} className="nowrap">
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
        <Tag color="success">{t('receipts.accepted', { n: formatCount(batch.receipt.accepted) })}</Tag>
        {batch.receipt.rejected > 0 && <Tag color="error">{t('receipts.rejected', { n: formatCount(batch.receipt.rejected) })}</Tag>}
      </Space>
    );
  }
  if (batch.state === 'approved') return <Typography.Text type="secondary">{t('receipts.none')}</Typography.Text>;
  return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
}

type Row = BatchView & { latest: boolean; children?: Row[] };

/**
 * 批次: one row per batch number, newest first; a number prepared again after it was
 * sent back shows its earlier preparations beneath it, each with who sent it back and why.
 */
export function HistoryTab() {
  const { t } = useI18n();
  const { may } = useSession();
  const list = useCall('batches.list');
  // Earlier preparations are shown beneath their number unless folded away.
  const [folded, setFolded] = useState<Set<number>>(() => new Set());
  const open = list.data?.find((b) => b.state === 'prepared') ?? null;
  const rows: Row[] = groupBySequence(list.data ?? []).map(({ latest, earlier }) => ({
    ...latest,
    latest: true,
    ...(earlier.length ? { children: earlier.map((b) => ({ ...b, latest: false })) } : {}),
  }));

  const columns: ColumnsType<Row> = [
    {
      title: t('batches.col.sequence'),
      key: 'sequence',
      width: 230,
      render: (_: unknown, b) =>
        b.latest ? (
          <div style={{ lineHeight: 1.4 }}>
            <Typography.Link strong onClick={() => navigate(...batchPath(b, true))}>
              {t('batches.sequenceName', { sequence: b.sequence })}
            </Typography.Link>
            {b.attempt > 1 && (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                {t('batches.attemptOf', { attempt: b.attempt })}
              </Typography.Text>
            )}
            <div className="mono nowrap batch-public-id">{b.publicId}</div>
          </div>
        ) : (
          <Typography.Link onClick={() => navigate(...batchPath(b, false))} data-testid="batch-attempt">
            {t('batches.attemptName', { attempt: b.attempt })}
          </Typography.Link>
        ),
    },
    { title: t('batches.col.state'), dataIndex: 'state', width: 120, render: (_: unknown, b) => <BatchStateTag state={b.state} receipt={b.receipt} /> },
    {
      title: t('batches.col.operations'),
      dataIndex: 'operations',
      render: (_: unknown, b) => (
        <div style={{ lineHeight: 1.5 }}>
          <strong>{t('batches.opsCount', { n: formatCount(b.operations) })}</strong>
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
      width: 190,
      render: (_: unknown, b) => (
        <>
          <Who by={b.decidedBy} at={b.decidedAt} />
          {b.reason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: b.reason }} data-testid="batch-reason">
              {t('batches.reasonShort', { reason: b.reason })}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: t('batches.col.receipt'), key: 'receipt', width: 140, render: (_: unknown, b) => <ReceiptSummaryText batch={b} /> },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('batches.history.intro')}</Typography.Text>
        {may('receipts.import') && <ReceiptImportButton onImported={list.reload} />}
      </Flex>
      <OpenBatchNotice batch={open} />
      <ErrorAlert error={list.error} />
      <Table<Row>
        rowKey="batchId"
        size="middle"
        tableLayout="fixed"
        columns={columns}
        dataSource={rows}
        loading={list.loading}
        expandable={{
          indentSize: 16,
          expandedRowKeys: rows.filter((r) => r.children && !folded.has(r.batchId)).map((r) => r.batchId),
          onExpand: (expanded, r) =>
            setFolded((f) => {
              const next = new Set(f);
              if (expanded) next.delete(r.batchId);
              else next.add(r.batchId);
              return next;
            }),
        }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('batches.history.empty')} /> }}
        onRow={(b) => ({ onClick: () => navigate(...batchPath(b, b.latest)), style: { cursor: 'pointer' } })}
        data-testid="batches-table"
      />
    </>
  );
}
