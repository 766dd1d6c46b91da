import { Empty, Flex, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import type { CheckSummaryView } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { Person } from '../../api/people';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { navigate } from '../../lib/hashRoute';

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** 核查记录: the check log, newest first (a clerk sees their own checks); `runId` narrows it to one file's checks. */
export function CheckHistory({ runId }: { runId?: number }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 400);
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [seenQuery, setSeenQuery] = useState(query);
  if (seenQuery !== query) {
    setSeenQuery(query);
    setPage((p) => ({ ...p, current: 1 }));
  }
  const list = useCall('checks.list', { query: query || undefined, runId, offset: (page.current - 1) * page.pageSize, limit: page.pageSize });
  const columns: ColumnsType<CheckSummaryView> = [
    {
      title: t('checks.field.checkNo'),
      dataIndex: 'checkNo',
      width: 150,
      render: (no: string) => (
        <Typography.Link className="mono" onClick={() => navigate('checks', no)}>
          {no}
        </Typography.Link>
      ),
    },
    { title: t('checks.history.col.subject'), key: 'subject', render: (_: unknown, c) => [c.subjectName, c.subjectCode].filter(Boolean).join(' · ') },
    { title: t('checks.field.matter'), dataIndex: 'matter', width: 100 },
    {
      title: t('checks.history.col.result'),
      key: 'result',
      width: 140,
      render: (_: unknown, c) => (c.clean ? <Tag color="success">{t('checks.history.clean')}</Tag> : <Tag color="warning">{t('checks.history.hits', { n: c.hitCount })}</Tag>),
    },
    { title: t('checks.history.col.feedback'), dataIndex: 'feedbackCount', width: 90, align: 'right' },
    { title: t('checks.history.col.by'), dataIndex: 'by', width: 100, render: (by: string) => <Person login={by} /> },
    { title: t('checks.history.col.at'), dataIndex: 'at', width: 170, render: (d: string) => formatDateTime(d) },
  ];
  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('checks.history.search')}
          aria-label={t('checks.history.search')}
          style={{ width: 340 }}
        />
        {runId !== undefined && (
          <Tag closable onClose={() => navigate('checks', 'history')}>
            {t('checks.history.run', { runId })}
          </Tag>
        )}
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<CheckSummaryView>
        rowKey="checkNo"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        data-testid="check-history"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checks.history.empty')} /> }}
        pagination={{
          ...page,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('records.total', { total: total.toLocaleString('en-US') }),
          onChange: (current, pageSize) => setPage({ current: pageSize === page.pageSize ? current : 1, pageSize }),
        }}
      />
    </>
  );
}
