/**
 * 统计分析: the department's figures as the district's bulletin counts them
 * (docs/statistics.md), for a month and per category, with the year's trend. Every
 * number and bar opens the records or cases behind it in their own lists. Loaded
 * on first use (with its chart library), not with the first page.
 */
import { DownloadOutlined, InfoCircleOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Flex, Row, Select, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import type { CaseFigure, CaseFigures, CaseKind, CategoryFigures, RecordFigure, RejectionReason } from '../../../../electron/contract';
import { call } from '../../api/client';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { PrintPreview, type PrintJob } from '../../components/print/PrintPreview';
import { useI18n } from '../../i18n';
import { downloadPayload } from '../../lib/files';
import { formatCount } from '../../lib/format';
import { useSession, useUser } from '../../session/SessionContext';
import { MonthChart, TrendChart } from './charts';
import { currentMonth, openCases, openFigure } from './drill';

const COUNT_FIGURES: RecordFigure[] = ['decided', 'reported', 'accepted', 'rejected', 'awaitingReceipt', 'late', 'unreported', 'overdueUnreported'];
const CASE_ROWS: CaseFigure[] = ['received', 'accepted', 'refused', 'decided', 'onTime', 'decidedLate', 'overdue'];

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** A number that opens what is behind it, when there is something and the person may see it. */
function Figure({ n, open, testId }: { n: number; open?: () => void; testId?: string }) {
  if (!open || n === 0) return <span data-testid={testId}>{formatCount(n)}</span>;
  return (
    <Typography.Link onClick={open} data-testid={testId}>
      {formatCount(n)}
    </Typography.Link>
  );
}

export default function StatisticsPage() {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const { may } = useSession();
  const user = useUser();
  const [month, setMonth] = useState(currentMonth());
  const [category, setCategory] = useState<string | undefined>(undefined);
  const [printing, setPrinting] = useState<PrintJob | null>(null);
  const [exporting, setExporting] = useState(false);
  const figures = useCall('statistics.month', { month });
  const trend = useCall('statistics.year', { year: Number(month.slice(0, 4)) });
  const readsRecords = may('records.search');
  const readsCases = may('cases.list');

  const rows = figures.data?.categories ?? [];
  const pick = <F extends { category: string }>(m: { categories: F[]; total: F }): F => (category ? (m.categories.find((c) => c.category === category) ?? m.total) : m.total);
  const shown = figures.data ? pick(figures.data) : undefined;
  const openRecords = readsRecords ? (figure: RecordFigure, m: string, c: string | undefined) => openFigure(user.login, figure, m, c, rows) : undefined;
  const open = (figure: RecordFigure, c: string | undefined) => (openRecords ? () => openRecords(figure, month, c) : undefined);
  const monthLabel = `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
  const categoryLabel = category ? (rows.find((r) => r.category === category)?.name ?? category) : t('stats.category.all');

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const file = await call('statistics.reportXlsx', { month });
      downloadPayload(file);
      message.success(t('stats.xlsx.done', { file: file.fileName }));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnsType<CategoryFigures> = [
    { title: t('stats.category'), dataIndex: 'name', fixed: 'left', width: 150 },
    ...COUNT_FIGURES.map((f) => ({
      title: <FigureTitle figure={f} />,
      dataIndex: f,
      align: 'right' as const,
      render: (n: number, r: CategoryFigures) => <Figure n={n} open={open(f, r.category === 'total' ? undefined : r.category)} testId={`fig-${r.category}-${f}`} />,
    })),
    { title: <FigureTitle figure="complianceRate" />, dataIndex: 'complianceRate', align: 'right', render: (r: number | null) => percent(r) },
    { title: <FigureTitle figure="lateRate" />, dataIndex: 'lateRate', align: 'right', render: (r: number | null) => percent(r) },
  ];

  return (
    <>
      <PageTitle
        title={t('stats.title')}
        intro={t('stats.intro')}
        extra={
          <Flex gap={8} wrap>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              format="YYYY-MM"
              onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
              disabledDate={(d) => d.format('YYYY-MM') > currentMonth()}
              aria-label={t('stats.month')}
              data-testid="stats-month"
            />
            <Select
              value={category ?? 'all'}
              onChange={(v: string) => setCategory(v === 'all' ? undefined : v)}
              style={{ width: 160 }}
              aria-label={t('stats.category')}
              options={[{ value: 'all', label: t('stats.category.all') }, ...rows.map((r) => ({ value: r.category, label: r.name }))]}
              data-testid="stats-category"
            />
            {may('print.monthlyReport') && (
              <Button icon={<PrinterOutlined />} onClick={() => setPrinting({ method: 'print.monthlyReport', input: { month } })} data-testid="stats-print">
                {t('stats.print')}
              </Button>
            )}
            {may('statistics.reportXlsx') && (
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="stats-xlsx">
                {t('stats.xlsx')}
              </Button>
            )}
          </Flex>
        }
      />
      <ErrorAlert error={figures.error} />
      {figures.data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={figures.data.complete ? t('stats.asOf.complete', { day: dayjs(`${month}-01`).endOf('month').format('YYYY-MM-DD') }) : t('stats.asOf.running')}
          description={figures.data.calendar.estimated ? t('stats.calendarEstimated') : undefined}
        />
      )}
      {!readsRecords && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('stats.noDrill')} />}

      {shown && (
        <Flex gap={12} style={{ marginBottom: 16 }} data-testid="stats-kpis">
          {(['decided', 'reported', 'accepted', 'rejected', 'late', 'unreported', 'overdueUnreported'] as const).map((f) => (
            <Card key={f} size="small" style={{ flex: '1 1 0', minWidth: 0 }} hoverable={Boolean(openRecords) && shown[f] > 0} onClick={shown[f] > 0 ? open(f, category) : undefined} data-testid={`kpi-${f}`}>
              <Statistic title={t(`stats.fig.${f}`)} value={shown[f]} formatter={(v) => formatCount(Number(v))} />
            </Card>
          ))}
          {(['complianceRate', 'lateRate'] as const).map((f) => (
            <Card key={f} size="small" style={{ flex: '1 1 0', minWidth: 0 }} data-testid={`kpi-${f}`}>
              <Statistic title={t(`stats.fig.${f}`)} value={percent(shown[f])} />
            </Card>
          ))}
        </Flex>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('stats.monthChart.title', { month: monthLabel })} loading={figures.loading && !figures.data}>
            {rows.some((r) => r.decided + r.reported + r.unreported > 0) ? (
              <MonthChart rows={rows.filter((r) => r.decided + r.reported + r.unreported > 0)} onOpen={openRecords && ((f, c) => openRecords(f, month, c))} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.firstChart.empty')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={t('stats.trend.title', { year: month.slice(0, 4), category: categoryLabel })}
            extra={
              <Tooltip title={t('stats.trend.hint')}>
                <InfoCircleOutlined />
              </Tooltip>
            }
            loading={trend.loading && !trend.data}
          >
            <ErrorAlert error={trend.error} />
            {trend.data && (
              <TrendChart
                trend={trend.data}
                pick={pick}
                // A total opens the first category that has some of that month's figure.
                onOpen={readsRecords ? (f, m) => openFigure(user.login, f, m, category, trend.data?.months.find((x) => x.month === m)?.categories ?? rows) : undefined}
              />
            )}
          </Card>
        </Col>
      </Row>

      <Card size="small" title={t('stats.table.title', { month: monthLabel })} style={{ marginTop: 16 }}>
        <Table<CategoryFigures>
          rowKey="category"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={figures.data ? [...rows, { ...figures.data.total, name: t('stats.table.total') }] : []}
          loading={figures.loading}
          scroll={{ x: 1000 }}
          data-testid="stats-table"
        />
      </Card>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <CaseCard cases={figures.data?.cases} open={readsCases ? (kind, f) => openCases(kind, f, month) : undefined} />
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('stats.rejections.title')} style={{ marginBottom: 16 }}>
            <Table<RejectionReason>
              rowKey={(r) => `${r.code}\n${r.message}`}
              size="small"
              pagination={false}
              dataSource={figures.data?.rejectionReasons ?? []}
              locale={{ emptyText: t('stats.rejections.none') }}
              columns={[
                { title: t('stats.rejections.code'), dataIndex: 'code', width: 100, render: (c: string) => c || '—' },
                { title: t('stats.rejections.message'), dataIndex: 'message' },
                { title: t('stats.rejections.count'), dataIndex: 'count', width: 90, align: 'right', render: (n: number) => <Figure n={n} open={open('rejected', undefined)} /> },
              ]}
              data-testid="stats-rejections"
            />
          </Card>
          {figures.data && (
            <Card size="small" title={t('stats.checks.title')}>
              <Space size={32}>
                <Statistic title={t('stats.checks.checks')} value={figures.data.checks.checks} />
                <Statistic title={t('stats.checks.hits')} value={figures.data.checks.hits} />
                <Statistic title={t('stats.checks.feedback')} value={figures.data.checks.feedback} />
              </Space>
            </Card>
          )}
        </Col>
      </Row>
      <PrintPreview request={printing} title={t('stats.print.title', { month: monthLabel })} onClose={() => setPrinting(null)} />
    </>
  );
}

function FigureTitle({ figure }: { figure: RecordFigure | 'complianceRate' | 'lateRate' }) {
  const { t } = useI18n();
  const help: Partial<Record<string, string>> = {
    decided: t('stats.fig.help.decided'),
    reported: t('stats.fig.help.reported'),
    late: t('stats.fig.help.late'),
    unreported: t('stats.fig.help.unreported'),
    complianceRate: t('stats.fig.help.complianceRate'),
    lateRate: t('stats.fig.help.lateRate'),
  };
  const text: ReactNode = t(`stats.fig.${figure}`);
  return help[figure] ? (
    <Tooltip title={help[figure]}>
      <span style={{ borderBottom: '1px dotted' }}>{text}</span>
    </Tooltip>
  ) : (
    text
  );
}

function CaseCard({ cases, open }: { cases: Record<CaseKind, CaseFigures> | undefined; open?: (kind: CaseKind, figure: CaseFigure) => void }) {
  const { t } = useI18n();
  type Row = { key: string; label: string; objection: ReactNode; repair: ReactNode };
  const kinds: CaseKind[] = ['objection', 'repair'];
  const days = (d: number | null) => (d === null ? '—' : String(d));
  const data: Row[] = cases
    ? [
        ...CASE_ROWS.map((f) => ({
          key: f,
          label: t(`stats.case.${f}`),
          ...Object.fromEntries(kinds.map((k) => [k, <Figure key={k} n={cases[k][f]} open={open && (() => open(k, f))} testId={`case-${k}-${f}`} />])),
        })) as Row[],
        { key: 'median', label: t('stats.case.daysMedian'), objection: days(cases.objection.daysToDecide.median), repair: days(cases.repair.daysToDecide.median) },
        { key: 'max', label: t('stats.case.daysMax'), objection: days(cases.objection.daysToDecide.max), repair: days(cases.repair.daysToDecide.max) },
      ]
    : [];
  return (
    <Card size="small" title={t('stats.cases.title')} style={{ marginBottom: 16 }}>
      <Table<Row>
        size="small"
        pagination={false}
        dataSource={data}
        columns={[
          { title: t('stats.cases.item'), dataIndex: 'label' },
          { title: t('stats.cases.objection'), dataIndex: 'objection', align: 'right', width: 120 },
          { title: t('stats.cases.repair'), dataIndex: 'repair', align: 'right', width: 120 },
        ]}
        data-testid="stats-cases"
      />
    </Card>
  );
}
