import { CheckCircleOutlined } from '@ant-design/icons';
import { Button, Empty, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { RecordSummary } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RecordRejection } from '../../components/RecordRejection';
import { useI18n } from '../../i18n';
import { formatCount } from '../../lib/format';
import { formatDate } from '../../lib/dates';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import { NAV } from '../shell/nav';
import { useCategoryName } from './labels';

/** 待整改: records the platform sent back; a correction queues them for the next batch. */
export function RectifyTab() {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const { may } = useSession();
  // The records page opens a record at #/records/<category>/<state>/<id> and corrects it at #/records/edit/<id>.
  const recordsPage = NAV.some((item) => item.id === 'records');
  const list = useCall('records.search', { state: 'rejected', offset: (page.current - 1) * page.pageSize, limit: page.pageSize });

  const columns: ColumnsType<RecordSummary> = [
    { title: t('batches.col.recordId'), dataIndex: 'recordId', width: 80, render: (id: number) => <span className="mono">{id}</span> },
    { title: t('batches.col.category'), dataIndex: 'category', width: 110, render: (c: string) => categoryName(c) },
    {
      title: t('batches.col.subject'),
      dataIndex: 'subjectName',
      minWidth: 180,
      render: (name: string, r) => (
        <div style={{ lineHeight: 1.4 }}>
          <div>{name}</div>
          {r.subjectCode && (
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
              {r.subjectCode}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('batches.col.decisionNo'),
      dataIndex: 'decisionNo',
      width: 190,
      render: (no: string, r) => (
        <div style={{ lineHeight: 1.4 }}>
          <div>{no}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDate(r.decisionDate)}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('batches.col.rejection'), key: 'rejection', minWidth: 240, render: (_: unknown, r) => <RecordRejection recordId={r.recordId} /> },
    ...(recordsPage
      ? [
          {
            title: t('batches.col.fix'),
            key: 'fix',
            width: 130,
            render: (_: unknown, r: RecordSummary) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => navigate('records', r.category, 'rejected', String(r.recordId))}>
                  {t('batches.rectify.open')}
                </Button>
                {may('records.update') && (
                  <Button type="link" size="small" onClick={() => navigate('records', 'edit', String(r.recordId))}>
                    {t('batches.rectify.edit')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('batches.rectify.intro')}</Typography.Paragraph>
      <ErrorAlert error={list.error} />
      <Table<RecordSummary>
        rowKey="recordId"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        locale={{
          emptyText: (
            <Empty image={<CheckCircleOutlined style={{ fontSize: 40, color: '#52c41a' }} />} description={t('batches.rectify.empty')} />
          ),
        }}
        pagination={{
          ...page,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          showTotal: (total) => t('batches.rectify.total', { total: formatCount(total) }),
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
        scroll={{ x: recordsPage ? 1050 : 920 }}
        data-testid="rectify-table"
      />
    </>
  );
}
