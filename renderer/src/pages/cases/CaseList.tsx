import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import type { CaseFigure, CaseKind, CaseState, CaseSummary } from '../../../../electron/contract';
import { CASE_FIGURES, CASE_STATES, MONTH_PATTERN } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { hashQuery, navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import { CaseStateTag, ClockTag, KIND_PAGE, stateLabel } from './labels';

type Due = 'all' | 'soon' | 'overdue';

/** What a link into the list asks for: the cases behind a figure, or those due soon or overdue. */
function caseLinkOf(q: URLSearchParams): { statistic: { figure: CaseFigure; month: string } | null; due: Due; within: number } {
  const figure = q.get('figure');
  const month = q.get('month');
  const statistic = figure && (CASE_FIGURES as readonly string[]).includes(figure) && month && MONTH_PATTERN.test(month) ? { figure: figure as CaseFigure, month } : null;
  const due = q.get('due');
  const within = Number(q.get('within'));
  return { statistic, due: due === 'overdue' || due === 'soon' ? due : 'all', within: Number.isInteger(within) && within >= 0 && q.has('within') ? within : 2 };
}

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** 异议处理 / 信用修复: the cases of one kind, open ones due soonest first, with filters. */
export function CaseList({ kind }: { kind: CaseKind }) {
  const { t } = useI18n();
  const { may } = useSession();
  const [state, setState] = useState<CaseState | undefined>(undefined);
  // Opened from the 统计 page (?figure=…&month=…) or a warning on 工作台 (?due=overdue, ?due=soon&within=1).
  const [opened] = useState(() => caseLinkOf(hashQuery()));
  const [statistic, setStatistic] = useState(opened.statistic);
  const [due, setDue] = useState<Due>(opened.due);
  const within = opened.within;
  const [text, setText] = useState('');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const query = useDebounced(text.trim(), 300);
  const list = useCall('cases.list', {
    kind,
    ...(state ? { state } : {}),
    ...(due === 'overdue' ? { overdue: true } : due === 'soon' ? { dueWithin: within } : {}),
    ...(statistic ? { statistic: { ...statistic, kind } } : {}),
    ...(query ? { query } : {}),
    offset: (page.current - 1) * page.pageSize,
    limit: page.pageSize,
  });
  const pageId = KIND_PAGE[kind];
  const columns: ColumnsType<CaseSummary> = [
    {
      title: t('cases.col.caseNo'),
      dataIndex: 'caseNo',
      width: 150,
      render: (no: string, c) => (
        <Typography.Link className="mono" onClick={() => navigate(pageId, String(c.caseId))} data-testid="case-open">
          {no}
        </Typography.Link>
      ),
    },
    { title: t('cases.col.subject'), dataIndex: 'subjectName', render: (name: string | null) => name ?? t('common.none') },
    { title: t('cases.col.applicant'), dataIndex: 'applicantName', width: 180 },
    { title: t('cases.col.received'), dataIndex: 'received', width: 110 },
    { title: t('cases.col.due'), dataIndex: 'due', width: 110, render: (d: string | null) => d ?? t('common.none') },
    { title: t('cases.col.clock'), key: 'clock', width: 170, render: (_: unknown, c) => <ClockTag c={c} /> },
    { title: t('cases.col.state'), dataIndex: 'state', width: 100, render: (s: CaseState) => <CaseStateTag state={s} /> },
  ];
  return (
    <>
      <PageTitle
        title={t(kind === 'objection' ? 'cases.objections.title' : 'cases.repairs.title')}
        intro={t(kind === 'objection' ? 'cases.objections.intro' : 'cases.repairs.intro')}
        extra={
          may('cases.register') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(pageId, 'new')}>
              {t(kind === 'objection' ? 'cases.register.objection' : 'cases.register.repair')}
            </Button>
          )
        }
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPage((p) => ({ ...p, current: 1 }));
          }}
          placeholder={t('cases.search.placeholder')}
          aria-label={t('cases.search.label')}
          style={{ width: 300 }}
        />
        <Select
          allowClear
          placeholder={t('cases.filter.allStates')}
          aria-label={t('cases.filter.state')}
          value={state}
          onChange={(v: CaseState | undefined) => {
            setState(v);
            setPage((p) => ({ ...p, current: 1 }));
          }}
          style={{ width: 150 }}
          options={CASE_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))}
          data-testid="case-state-filter"
        />
        {statistic && (
          <Tag closable color="processing" onClose={() => setStatistic(null)} data-testid="case-statistic-filter">
            {t('stats.filter.tagCases', { month: statistic.month, figure: t(`stats.case.${statistic.figure}`) })}
          </Tag>
        )}
        <Space>
          <Segmented<Due>
            value={due}
            onChange={(v) => {
              setDue(v);
              setPage((p) => ({ ...p, current: 1 }));
            }}
            options={[
              { value: 'all', label: t('cases.filter.all') },
              { value: 'soon', label: t('cases.filter.dueSoon') },
              { value: 'overdue', label: t('cases.filter.overdue') },
            ]}
            data-testid="case-due-filter"
          />
        </Space>
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<CaseSummary>
        rowKey="caseId"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 960 }}
        data-testid="cases-table"
        onRow={(c) => ({ onDoubleClick: () => navigate(pageId, String(c.caseId)) })}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.empty')} /> }}
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
