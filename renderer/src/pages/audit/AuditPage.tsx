import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { AuditEntry } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { methodLabel, useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { useAuditVerify } from './AuditVerify';

const OUTCOME_COLORS: Record<AuditEntry['outcome'], string> = { ok: 'success', error: 'warning', denied: 'error' };

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  return typeof detail === 'string' ? detail : JSON.stringify(detail);
}

export function AuditPage() {
  const { t } = useI18n();
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const verify = useAuditVerify();
  const list = useCall('audit.list', { offset: (page.current - 1) * page.pageSize, limit: page.pageSize });

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.col.seq'), dataIndex: 'seq', width: 80, align: 'right' },
    { title: t('audit.col.at'), dataIndex: 'at', width: 180, render: (at: string) => formatDateTime(at) },
    { title: t('audit.col.actor'), dataIndex: 'actor', width: 120, render: (a: string | null) => a ?? t('common.none') },
    {
      title: t('audit.col.method'),
      dataIndex: 'method',
      width: 170,
      render: (m: string) => methodLabel(t, m),
    },
    {
      title: t('audit.col.target'),
      dataIndex: 'target',
      width: 220,
      ellipsis: true,
      render: (v: string | null) => (v ? <span className="mono">{v}</span> : t('common.none')),
    },
    {
      title: t('audit.col.outcome'),
      dataIndex: 'outcome',
      width: 90,
      render: (o: AuditEntry['outcome']) => <Tag color={OUTCOME_COLORS[o]}>{t(`audit.outcome.${o}`)}</Tag>,
    },
    {
      title: t('audit.col.detail'),
      dataIndex: 'detail',
      ellipsis: { showTitle: true },
      render: (d: unknown) => <Typography.Text type="secondary">{detailText(d)}</Typography.Text>,
    },
  ];

  return (
    <>
      <PageTitle title={t('audit.title')} intro={t('audit.intro')} extra={verify.button} />
      {verify.outcome}
      <ErrorAlert error={list.error} />
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{
          ...page,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('audit.total', { total }),
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
        scroll={{ x: 960 }}
      />
    </>
  );
}
