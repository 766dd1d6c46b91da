import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import type { RecordStateName, RecordStats } from '../../../../electron/contract';
import { RECORD_STATE_NAMES } from '../../../../electron/contract';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { formatCount } from '../../lib/format';
import { useSession } from '../../session/SessionContext';
import { STATE_KEYS, useCatalogNames } from '../records/catalog';

interface CountRow {
  category: string;
  byState: Partial<Record<RecordStateName, number>>;
  total: number;
}

function Stat({
  title,
  value,
  onClick,
  testId,
  danger,
}: {
  title: MessageKey;
  value: number;
  onClick?: () => void;
  testId: string;
  danger?: boolean;
}) {
  const { t } = useI18n();
  const body = (
    <Statistic
      title={t(title)}
      value={value}
      styles={{ content: danger && value > 0 ? { color: '#cf1322' } : undefined }}
      data-testid={testId}
    />
  );
  return (
    <Card size="small" hoverable={Boolean(onClick)} onClick={onClick}>
      {body}
    </Card>
  );
}

/** Real counts from records.stats, each leading to the list it counts. */
export function DashboardRecords({ stats }: { stats: RecordStats }) {
  const { t } = useI18n();
  const { may } = useSession();
  const names = useCatalogNames();
  const canList = may('records.search');
  const rows = new Map<string, CountRow>();
  for (const c of names.catalog?.categories ?? []) rows.set(c.key, { category: c.key, byState: {}, total: 0 });
  for (const s of stats.byCategory) {
    const row = rows.get(s.category) ?? { category: s.category, byState: {}, total: 0 };
    row.byState[s.state] = (row.byState[s.state] ?? 0) + s.count;
    row.total += s.count;
    rows.set(s.category, row);
  }
  const all = [...rows.values()];
  const sum = (state?: RecordStateName) => all.reduce((n, r) => n + (state ? (r.byState[state] ?? 0) : r.total), 0);
  const link = (n: number, category: string, state?: RecordStateName): ReactNode => {
    if (!n) return <Typography.Text type="secondary">0</Typography.Text>;
    if (!canList) return formatCount(n);
    return (
      <Typography.Link onClick={() => navigate('records', category, state ?? 'all')} data-testid={`count-${category}-${state ?? 'all'}`}>
        {formatCount(n)}
      </Typography.Link>
    );
  };
  const firstWith = (state: RecordStateName) => all.find((r) => r.byState[state])?.category ?? all[0]?.category;
  const columns: ColumnsType<CountRow> = [
    { title: t('records.col.category'), dataIndex: 'category', render: (c: string) => names.category(c) },
    ...RECORD_STATE_NAMES.map((state) => ({
      title: t(STATE_KEYS[state]),
      key: state,
      align: 'right' as const,
      render: (_: unknown, r: CountRow) => link(r.byState[state] ?? 0, r.category, state),
    })),
    { title: t('dashboard.records.total'), key: 'total', align: 'right', render: (_: unknown, r: CountRow) => <strong>{link(r.total, r.category)}</strong> },
  ];

  return (
    <Card size="small" title={t('dashboard.records.title')} style={{ marginBottom: 24 }} data-testid="dashboard-records">
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={8} xl={4}>
          <Stat title="dashboard.records.all" value={sum()} testId="stat-records" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Stat
            title="dashboard.records.pending"
            value={sum('pending')}
            testId="stat-pending"
            onClick={canList && sum('pending') ? () => navigate('records', firstWith('pending'), 'pending') : undefined}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Stat
            title="dashboard.records.rejected"
            value={sum('rejected')}
            danger
            testId="stat-rejected"
            onClick={canList && sum('rejected') ? () => navigate('records', firstWith('rejected'), 'rejected') : undefined}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Stat
            title="dashboard.records.pendingOperations"
            value={stats.pendingOperations}
            testId="stat-operations"
            onClick={may('batches.pending') ? () => navigate('batches', 'pending') : undefined}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Stat
            title="dashboard.records.conflicts"
            value={stats.openNameConflicts}
            danger
            testId="stat-conflicts"
            onClick={may('subjects.search') ? () => navigate('subjects', 'conflicts') : undefined}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Stat
            title="dashboard.records.subjects"
            value={stats.subjects}
            testId="stat-subjects"
            onClick={may('subjects.search') ? () => navigate('subjects') : undefined}
          />
        </Col>
      </Row>
      <Table<CountRow>
        rowKey="category"
        size="small"
        columns={columns}
        dataSource={all}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="dashboard-record-counts"
      />
    </Card>
  );
}
