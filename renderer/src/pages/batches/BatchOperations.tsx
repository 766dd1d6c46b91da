import { Button, Flex, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { BatchOperationView, BatchView } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { BatchDiff } from './BatchDiff';
import { OpTag, useCategoryName } from './labels';
import { useCategoryOrder } from '../records/catalog';
import { formatCount } from '../../lib/format';

const ALL = '';

/** One line per operation saying what it sends: every field of an add, the changes of an update, a withdrawal's reason. */
function ChangeSummary({ op }: { op: BatchOperationView }) {
  const { t } = useI18n();
  if (op.op === 'add') return <Typography.Text type="secondary">{t('batches.diff.addSummary', { n: op.fields.length })}</Typography.Text>;
  if (op.op === 'sanction-feedback') {
    const measure = op.changes.find((c) => c.field === 'measure')?.after ?? '';
    return <Typography.Text type="secondary">{t('batches.diff.feedbackSummary', { measure })}</Typography.Text>;
  }
  if (op.op === 'withdraw')
    return (
      <Typography.Text type="secondary" ellipsis={{ tooltip: op.reason }}>
        {op.reason ? t('batches.diff.withdrawSummary', { reason: op.reason }) : t('batches.diff.stopSummary')}
      </Typography.Text>
    );
  if (op.op === 'end-publication') return <Typography.Text type="secondary">{t('batches.diff.stopSummary')}</Typography.Text>;
  if (op.op !== 'update') return <Typography.Text type="secondary">{t(`batches.op.${op.op}` as 'batches.op.add')}</Typography.Text>;
  if (op.changes.length === 0) return <Typography.Text type="secondary">{t('batches.diff.noChangeSummary')}</Typography.Text>;
  const labels = op.changes.map((c) => c.label);
  const shown = labels.slice(0, 3).join(t('batches.listSeparator'));
  return (
    <span className="batch-diff-summary">
      {t('batches.diff.changeSummary', { n: labels.length, fields: labels.length > 3 ? `${shown}…` : shown })}
    </span>
  );
}

function ReceiptCell({ op }: { op: BatchOperationView }) {
  const { t } = useI18n();
  if (!op.receipt) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  if (op.receipt.status === 'accepted') return <Tag color="success">{t('receipts.status.accepted')}</Tag>;
  return (
    <div data-testid="op-rejection">
      <Tag color="error">{t('receipts.status.rejected')}</Tag>
      {op.receipt.code && <span className="mono">{op.receipt.code} </span>}
      <Typography.Text type="danger">{op.receipt.message}</Typography.Text>
    </div>
  );
}

/** The batch's operations, a page at a time, each with its diff against what the platform last received. */
export function BatchOperations({ batch }: { batch: BatchView }) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const inOrder = useCategoryOrder();
  const categories = inOrder(Object.keys(batch.counts));
  const [category, setCategory] = useState<string>(ALL);
  const [page, setPage] = useState({ current: 1, pageSize: 50 });
  const ops = useCall('batches.operations', {
    batchId: batch.batchId,
    ...(category ? { category } : {}),
    offset: (page.current - 1) * page.pageSize,
    limit: page.pageSize,
  });
  // Corrections and withdrawals are short: open by default; an add lists every field: closed until asked.
  const [expanded, setExpanded] = useState<{ key: string; rows: string[] } | null>(null);
  const pageKey = JSON.stringify([category, page]);
  const items = ops.data?.items ?? [];
  const expandedRows = expanded?.key === pageKey ? expanded.rows : items.filter((o) => o.op !== 'add').map((o) => o.opId);
  const allOpen = items.length > 0 && expandedRows.length === items.length;
  const showReceipt = batch.receipt !== null || items.some((o) => o.receipt);

  const columns: ColumnsType<BatchOperationView> = [
    {
      title: t('batches.col.op'),
      dataIndex: 'op',
      width: 130,
      render: (op: string, o) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <OpTag op={op} />
          {o.version > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('batches.versionShort', { version: o.version })}
            </Typography.Text>
          )}
        </span>
      ),
    },
    ...(categories.length > 1 ? [{ title: t('batches.col.category'), dataIndex: 'category', width: 120, render: (c: string) => categoryName(c) }] : []),
    { title: t('batches.col.subject'), dataIndex: 'subjectName', minWidth: 180 },
    {
      title: t('batches.col.decisionNo'),
      dataIndex: 'decisionNo',
      width: 200,
      render: (no: string, o) => (
        <div style={{ lineHeight: 1.4 }}>
          <div>{no}</div>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 11 }} title={t('batches.col.opId')}>
            {o.opId}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('batches.col.changes'), key: 'changes', width: 240, render: (_: unknown, op) => <ChangeSummary op={op} /> },
    {
      title: t('batches.col.display'),
      key: 'display',
      width: 150,
      render: (_: unknown, op) =>
        op.publicDisplay === undefined ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : op.publicDisplay ? (
          <Tag color="blue" data-testid="op-display">
            {op.displayUntil ? t('batches.display.until', { date: op.displayUntil }) : t('batches.display.yes')}
          </Tag>
        ) : (
          <Tag data-testid="op-display">{t('batches.display.no')}</Tag>
        ),
    },
    ...(showReceipt ? [{ title: t('batches.col.receiptResult'), key: 'receipt', width: 220, render: (_: unknown, op: BatchOperationView) => <ReceiptCell op={op} /> }] : []),
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 12 }}>
        {categories.length > 1 ? (
          <Segmented<string>
            value={category}
            onChange={(c) => {
              setCategory(c);
              setPage((p) => ({ ...p, current: 1 }));
            }}
            options={[{ value: ALL, label: t('batches.filter.all') }, ...categories.map((c) => ({ value: c, label: categoryName(c) }))]}
          />
        ) : (
          <span />
        )}
        <Button size="small" disabled={items.length === 0} onClick={() => setExpanded({ key: pageKey, rows: allOpen ? [] : items.map((o) => o.opId) })}>
          {t(allOpen ? 'batches.diff.collapseAll' : 'batches.diff.expandAll')}
        </Button>
      </Flex>
      <ErrorAlert error={ops.error} />
      <Table<BatchOperationView>
        rowKey="opId"
        size="small"
        columns={columns}
        dataSource={items}
        loading={ops.loading}
        expandable={{
          expandedRowKeys: expandedRows,
          onExpandedRowsChange: (keys) => setExpanded({ key: pageKey, rows: keys.map(String) }),
          expandedRowRender: (op) => <BatchDiff op={op} />,
        }}
        pagination={{
          ...page,
          total: ops.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          hideOnSinglePage: (ops.data?.total ?? 0) <= 20,
          showTotal: (total) => t('batches.opsCount', { n: formatCount(total) }),
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
        scroll={{ x: 950 + (categories.length > 1 ? 120 : 0) + (showReceipt ? 220 : 0) }}
        data-testid="operations-table"
      />
    </>
  );
}
