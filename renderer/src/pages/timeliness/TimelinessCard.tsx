import { ClockCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TimelyRecord } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { useUser } from '../../session/SessionContext';
import { useCatalogNames } from '../records/catalog';
import { openTimelinessList } from '../records/RecordList';

function LeftTag({ left }: { left: number }) {
  const { t } = useI18n();
  if (left < 0) return <Tag color="error">{t('timeliness.lateBy', { n: -left })}</Tag>;
  if (left === 0) return <Tag color="warning">{t('timeliness.dueToday')}</Tag>;
  return <Tag color="gold">{t('timeliness.left', { n: left })}</Tag>;
}

/** 报送时限 on the 工作台: 双公示 records due at the platform within 2 working days, and those already late. */
export function TimelinessCard() {
  const { t } = useI18n();
  const user = useUser();
  const names = useCatalogNames();
  const summary = useCall('timeliness.summary');
  const s = summary.data;
  const columns: ColumnsType<TimelyRecord> = [
    {
      title: t('timeliness.col.record'),
      key: 'record',
      render: (_: unknown, r) => (
        <div>
          <Typography.Link onClick={() => navigate('records', r.category, 'all', String(r.recordId))}>{r.subjectName}</Typography.Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {names.category(r.category)} · {r.decisionNo}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('timeliness.col.decided'), dataIndex: 'decisionDate', width: 110 },
    { title: t('timeliness.col.due'), dataIndex: 'dueDate', width: 110 },
    { title: t('timeliness.col.left'), dataIndex: 'workingDaysLeft', width: 130, render: (n: number) => <LeftTag left={n} /> },
  ];
  const link = (which: 'soon' | 'overdue', items: TimelyRecord[]) => {
    const categories = [...new Set(items.map((r) => r.category))];
    return categories.map((c) => (
      <Typography.Link key={c} onClick={() => openTimelinessList(user.login, c, which)} style={{ marginInlineEnd: 12 }}>
        {t('timeliness.showAll', { category: names.category(c) })}
      </Typography.Link>
    ));
  };
  return (
    <Card
      size="small"
      title={
        <span>
          <ClockCircleOutlined /> {t('timeliness.title')}
        </span>
      }
      style={{ marginBottom: 24 }}
      data-testid="timeliness-card"
    >
      <ErrorAlert error={summary.error} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('timeliness.explain')}
      </Typography.Paragraph>
      {s?.calendar.estimated && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('timeliness.estimated')} />}
      <Row gutter={[16, 16]}>
        {(['overdue', 'dueSoon'] as const).map((which) => {
          const part = s?.[which];
          return (
            <Col key={which} xs={24} lg={12}>
              <Statistic
                title={t(which === 'overdue' ? 'timeliness.overdue' : 'timeliness.dueSoon')}
                value={part?.count ?? 0}
                loading={summary.loading}
                styles={{ content: { color: which === 'overdue' && (part?.count ?? 0) > 0 ? '#cf1322' : undefined } }}
                data-testid={`timeliness-${which}`}
              />
              <Table<TimelyRecord>
                size="small"
                rowKey="recordId"
                pagination={false}
                dataSource={part?.items ?? []}
                columns={columns}
                style={{ marginTop: 8 }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(which === 'overdue' ? 'timeliness.noneOverdue' : 'timeliness.noneSoon')} /> }}
              />
              {part && part.count > 0 && <div style={{ marginTop: 8 }}>{link(which === 'overdue' ? 'overdue' : 'soon', part.items)}</div>}
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}
