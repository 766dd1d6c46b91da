import { Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import type { CaseOverview, CaseSummary } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { CaseStateTag, ClockTag, KIND_KEYS, KIND_PAGE } from '../cases/labels';

function count(o: CaseOverview, kind: 'objection' | 'repair', states: string[]): number {
  return o.counts.filter((c) => c.kind === kind && states.includes(c.state)).reduce((n, c) => n + c.count, 0);
}

function CaseRows({ items, empty, testId }: { items: CaseSummary[]; empty: MessageKey; testId: string }) {
  const { t } = useI18n();
  return (
    <Table<CaseSummary>
      rowKey="caseId"
      size="small"
      pagination={false}
      dataSource={items}
      data-testid={testId}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(empty)} /> }}
      columns={[
        {
          title: t('cases.col.caseNo'),
          dataIndex: 'caseNo',
          render: (no: string, c) => (
            <Typography.Link className="mono" onClick={() => navigate(KIND_PAGE[c.kind], String(c.caseId))}>
              {no}
            </Typography.Link>
          ),
        },
        { title: t('cases.col.kind'), dataIndex: 'kind', render: (k: CaseSummary['kind']) => t(KIND_KEYS[k]) },
        { title: t('cases.col.subject'), dataIndex: 'subjectName', render: (n: string | null) => n ?? t('common.none') },
        { title: t('cases.col.due'), dataIndex: 'due' },
        { title: t('cases.col.clock'), key: 'clock', render: (_: unknown, c) => <ClockTag c={c} /> },
        { title: t('cases.col.state'), dataIndex: 'state', render: (_: unknown, c) => <CaseStateTag state={c.state} /> },
      ]}
    />
  );
}

/** 工作台's cases: counts per state, those due within the rule's N working days, and those overdue. */
export function DashboardCases() {
  const { t } = useI18n();
  const overview = useCall('cases.overview');
  const o = overview.data;
  return (
    <Card size="small" title={t('dashboard.cases.title')} style={{ marginBottom: 24 }} data-testid="dashboard-cases">
      <ErrorAlert error={overview.error} />
      {o && (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {(
              [
                ['dashboard.cases.objectionsOpen', count(o, 'objection', ['registered', 'investigating', 'proposed']), () => navigate('objections'), 'stat-objections-open'],
                ['dashboard.cases.repairsOpen', count(o, 'repair', ['registered', 'investigating', 'proposed']), () => navigate('repairs'), 'stat-repairs-open'],
                ['dashboard.cases.awaiting', o.awaitingApproval, undefined, 'stat-cases-awaiting'],
                ['dashboard.cases.dueSoon', o.dueSoon.length, undefined, 'stat-cases-due-soon'],
                ['dashboard.cases.overdue', o.overdue.length, undefined, 'stat-cases-overdue'],
              ] as [MessageKey, number, (() => void) | undefined, string][]
            ).map(([title, value, onClick, testId]) => (
              <Col key={testId} xs={12} md={8} xl={4}>
                <Card size="small" hoverable={Boolean(onClick)} onClick={onClick}>
                  <Statistic
                    title={t(title, { n: o.dueSoonWorkingDays })}
                    value={value}
                    styles={{ content: testId === 'stat-cases-overdue' && value > 0 ? { color: '#cf1322' } : undefined }}
                    data-testid={testId}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xxl={12}>
              <Typography.Title level={5}>{t('dashboard.cases.dueSoonList', { n: o.dueSoonWorkingDays })}</Typography.Title>
              <CaseRows items={o.dueSoon} empty="dashboard.cases.noneDueSoon" testId="dashboard-due-soon" />
            </Col>
            <Col xs={24} xxl={12}>
              <Typography.Title level={5}>{t('dashboard.cases.overdueList')}</Typography.Title>
              <CaseRows items={o.overdue} empty="dashboard.cases.noneOverdue" testId="dashboard-overdue" />
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}
