import { ArrowLeftOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Flex, Input, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import type { SubjectDetail, SubjectSummary } from '../../../../electron/contract';
import { call } from '../../api/client';
import { useCall } from '../../api/hooks';
import { formatCount } from '../../lib/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubjectListEntries } from '../../components/ListHits';
import { PageTitle } from '../../components/PageTitle';
import { RecordDetailDrawer } from '../../components/RecordDetailDrawer';
import { RecordTable, type RecordPage } from '../../components/RecordTable';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/dates';
import { hashQuery, navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import '../records/records.css';
import { CreditFilePrint } from './CreditFilePrint';

const CODE_TYPES: Record<SubjectSummary['codeType'], MessageKey> = {
  uscc: 'subjects.codeType.uscc',
  id: 'subjects.codeType.id',
  name: 'subjects.codeType.name',
};

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function ConflictTag({ n }: { n: number }) {
  const { t } = useI18n();
  if (!n) return null;
  return (
    <Tag color="warning" icon={<WarningOutlined />} data-testid="conflict-tag">
      {t('subjects.conflictsTag', { n })}
    </Tag>
  );
}

/** 信用主体: search by name or code; 名称冲突 lists the subjects whose code arrived with another name. */
function SubjectList({ conflictsOnly }: { conflictsOnly: boolean }) {
  const { t } = useI18n();
  // `#/subjects?q=…`: a search started elsewhere (工作台).
  const [text, setText] = useState(() => hashQuery().get('q') ?? '');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const query = useDebounced(text.trim(), 400);
  const [seenQuery, setSeenQuery] = useState(query);
  if (seenQuery !== query) {
    setSeenQuery(query);
    setPage((p) => ({ ...p, current: 1 }));
  }
  const list = useCall('subjects.search', {
    query: query || undefined,
    conflictsOnly,
    offset: (page.current - 1) * page.pageSize,
    limit: page.pageSize,
  });
  const columns: ColumnsType<SubjectSummary> = [
    {
      title: t('subjects.col.name'),
      dataIndex: 'name',
      render: (name: string, s) => (
        <Space size={4} wrap>
          <Typography.Link onClick={() => navigate('subjects', String(s.subjectId))}>{name}</Typography.Link>
          <ConflictTag n={s.openConflicts} />
        </Space>
      ),
    },
    { title: t('subjects.col.kind'), dataIndex: 'kind', width: 160 },
    {
      title: t('subjects.col.code'),
      dataIndex: 'code',
      width: 220,
      render: (code: string | null, s) =>
        code ? <span className="mono">{code}</span> : <Typography.Text type="secondary">{t(CODE_TYPES[s.codeType])}</Typography.Text>,
    },
    { title: t('subjects.col.records'), dataIndex: 'recordCount', width: 100, align: 'right', render: (n: number) => formatCount(n) },
  ];
  return (
    <>
      <PageTitle title={t('subjects.title')} intro={t('subjects.intro')} />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('subjects.search.placeholder')}
          aria-label={t('subjects.search.label')}
          style={{ width: 340 }}
          data-testid="subject-search"
        />
        <Checkbox checked={conflictsOnly} onChange={(e) => navigate('subjects', ...(e.target.checked ? ['conflicts'] : []))} data-testid="conflicts-filter">
          {t('subjects.filter.conflicts')}
        </Checkbox>
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<SubjectSummary>
        rowKey="subjectId"
        size="middle"
        data-testid="subjects-table"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(conflictsOnly ? 'subjects.emptyConflicts' : 'subjects.empty')} /> }}
        pagination={{
          ...page,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('records.total', { total: formatCount(total) }),
          onChange: (current, pageSize) => setPage({ current: pageSize === page.pageSize ? current : 1, pageSize }),
        }}
      />
    </>
  );
}

function SubjectFacts({ subject }: { subject: SubjectDetail }) {
  const { t } = useI18n();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      data-testid="subject-facts"
      items={[
        { key: 'name', label: t('subjects.col.name'), children: subject.name },
        { key: 'kind', label: t('subjects.col.kind'), children: subject.kind },
        {
          key: 'code',
          label: t(CODE_TYPES[subject.codeType]),
          children: subject.code ? <span className="mono">{subject.code}</span> : t('subjects.noCode'),
        },
        { key: 'records', label: t('subjects.col.records'), children: formatCount(subject.recordCount) },
        ...(subject.formerNames.length
          ? [
              {
                key: 'former',
                label: t('subjects.formerNames'),
                span: 2,
                children: (
                  <span data-testid="former-names">
                    {subject.formerNames.map((n) => (
                      <Tag key={`${n.name}:${n.until}`}>{t('subjects.formerName', { name: n.name, until: formatDate(n.until) })}</Tag>
                    ))}
                  </span>
                ),
              },
            ]
          : []),
        ...(subject.otherNames.length
          ? [{ key: 'other', label: t('subjects.otherNames'), span: 2, children: subject.otherNames.map((n) => <Tag key={n}>{n}</Tag>) }]
          : []),
      ]}
    />
  );
}

/** One subject: its data, the names its code also arrived with, and all its records. */
function SubjectPage({ subjectId }: { subjectId: number }) {
  const { t } = useI18n();
  const { may } = useSession();
  const subject = useCall('subjects.get', { subjectId });
  const [page, setPage] = useState<RecordPage>({ current: 1, pageSize: 20 });
  const records = useCall('records.search', { subjectId, offset: (page.current - 1) * page.pageSize, limit: page.pageSize });
  const [openId, setOpenId] = useState<number | null>(null);
  const { message } = App.useApp();
  const { errorText } = useI18n();
  const s = subject.data;
  const rename = async (conflictId: number) => {
    try {
      const renamed = await call('subjects.rename', { subjectId, conflictId });
      message.success(t('subjects.rename.done', { name: renamed.name }));
      subject.reload();
      records.reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  if (subject.error) {
    return (
      <>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('subjects')} style={{ marginBottom: 16 }}>
          {t('subjects.back')}
        </Button>
        <ErrorAlert error={subject.error} />
      </>
    );
  }
  return (
    <>
      <PageTitle
        title={
          <Space size={12} wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => window.history.back()} aria-label={t('subjects.back')} />
            <span data-testid="subject-name">{s?.name ?? t('records.detail.loading')}</span>
            {s && <ConflictTag n={s.openConflicts} />}
          </Space>
        }
        extra={s && <CreditFilePrint subject={s} />}
      />
      {!s ? (
        <Skeleton active />
      ) : (
        <>
          <SubjectFacts subject={s} />
          {may('lists.subjectEntries') && <SubjectListEntries subjectId={subjectId} />}
          {s.conflicts.length > 0 && (
            <Card size="small" title={t('subjects.conflicts.title')} style={{ marginTop: 16 }} data-testid="subject-conflicts">
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('subjects.conflicts.explain', { name: s.name })} />
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={s.conflicts}
                columns={[
                  { title: t('subjects.conflicts.name'), dataIndex: 'name' },
                  {
                    title: t('subjects.conflicts.record'),
                    dataIndex: 'recordId',
                    width: 200,
                    render: (id: number, c: SubjectDetail['conflicts'][number]) => (
                      <Typography.Link onClick={() => setOpenId(id)}>{c.decisionNo}</Typography.Link>
                    ),
                  },
                  { title: t('subjects.conflicts.at'), dataIndex: 'detectedAt', width: 170, render: (d: string) => formatDateTime(d) },
                  ...(may('subjects.rename')
                    ? [
                        {
                          title: t('subjects.conflicts.settle'),
                          key: 'settle',
                          width: 200,
                          render: (_: unknown, c: SubjectDetail['conflicts'][number]) => (
                            <Space size={0} data-testid="conflict-actions">
                              <Popconfirm
                                title={t('subjects.rename.title', { name: c.name })}
                                description={t('subjects.rename.explain', { name: c.name, old: s.name })}
                                okText={t('subjects.rename.confirm')}
                                cancelText={t('common.cancel')}
                                onConfirm={() => rename(c.id)}
                              >
                                <Button type="link" size="small">
                                  {t('subjects.rename.button')}
                                </Button>
                              </Popconfirm>
                              <Button type="link" size="small" onClick={() => navigate('records', 'edit', String(c.recordId))}>
                                {t('subjects.wrongCode.button')}
                              </Button>
                            </Space>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
          )}
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('subjects.records')}
      </Typography.Title>
      <ErrorAlert error={records.error} />
      <RecordTable
        testId="subject-records"
        result={records.data}
        loading={records.loading}
        page={page}
        onPage={setPage}
        columns={['category', 'decisionNo', 'decisionDate', 'state', 'publicationEnds', 'updatedAt']}
        onOpen={setOpenId}
        onEdit={may('records.update') ? (id) => navigate('records', 'edit', String(id)) : undefined}
      />
      <RecordDetailDrawer
        recordId={openId}
        onClose={() => setOpenId(null)}
        onChanged={() => {
          records.reload();
          subject.reload();
        }}
      />
    </>
  );
}

/** `#/subjects`, `#/subjects/conflicts`, `#/subjects/<id>`. */
export function SubjectsPage({ rest }: { rest: string[] }) {
  const id = rest[0] && /^\d+$/.test(rest[0]) ? Number(rest[0]) : null;
  if (id) return <SubjectPage key={id} subjectId={id} />;
  return <SubjectList key={rest[0] ?? ''} conflictsOnly={rest[0] === 'conflicts'} />;
}
