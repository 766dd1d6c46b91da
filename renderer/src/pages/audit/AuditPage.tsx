import { CloseCircleOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { AuditEntryView, AuditOutcome } from '../../../../electron/contract';
import { ACTION_LABELS, AUDIT_OUTCOMES, type AuditAction } from '../../../../electron/contract/audit';
import { call, newCallId } from '../../api/client';
import { useCall, useProgress } from '../../api/hooks';
import { usePeople } from '../../api/people';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { methodLabel, useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { downloadPayload } from '../../lib/files';
import { hashQuery } from '../../lib/hashRoute';
import { formatCount } from '../../lib/format';
import { useAuditVerify } from './AuditVerify';

const OUTCOME_COLORS: Record<AuditOutcome, string> = { ok: 'success', error: 'warning', denied: 'error' };

interface Filters {
  actor?: string;
  method?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

/** Reads a filter from the address: `#/audit?outcome=denied` (the dashboard links so). */
function initialFilters(): Filters {
  const p = hashQuery();
  const outcome = p.get('outcome');
  return {
    actor: p.get('actor') ?? undefined,
    method: p.get('method') ?? undefined,
    outcome: (AUDIT_OUTCOMES as readonly string[]).includes(outcome ?? '') ? (outcome as AuditOutcome) : undefined,
  };
}

function ExportButton({ filters }: { filters: Filters }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const [callId, setCallId] = useState<string | null>(null);
  const progress = useProgress(callId);
  const run = async () => {
    const id = newCallId();
    setCallId(id);
    try {
      const file = await call('audit.export', filters, { callId: id });
      downloadPayload(file);
      message.success(t('audit.export.done', { rows: formatCount(file.rows), file: file.fileName }));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setCallId(null);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={callId !== null} onClick={() => void run()} data-testid="audit-export">
      {callId && progress ? t('audit.export.running', { n: formatCount(progress.done) }) : t('audit.export')}
    </Button>
  );
}

/** 审计日志: every entry in words — who, what, on what, the outcome and the details — filtered and exported. */
export function AuditPage() {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<Filters>(initialFilters);
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const verify = useAuditVerify();
  const people = usePeople();
  const list = useCall('audit.list', { ...filters, offset: (page.current - 1) * page.pageSize, limit: page.pageSize });

  const update = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, current: 1 }));
  };
  const range: [Dayjs | null, Dayjs | null] | null = filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null;

  const actionOptions = useMemo(
    () =>
      (Object.keys(ACTION_LABELS) as AuditAction[])
        .map((m) => ({ value: m, label: methodLabel(locale, m) }))
        // Two methods may share a name (in the window and on the command line): list each name once per method, sorted.
        .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
    [locale],
  );
  const peopleOptions = useMemo(
    () => [
      ...[...(people.names?.entries() ?? [])].map(([login, name]) => ({ value: login, label: `${name}（${login}）` })),
      { value: 'system', label: t('audit.actor.system') },
    ],
    [people.names, t],
  );

  const columns: ColumnsType<AuditEntryView> = [
    { title: t('audit.col.seq'), dataIndex: 'seq', width: 64, align: 'right' },
    { title: t('audit.col.at'), dataIndex: 'at', width: 160, render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span> },
    {
      title: t('audit.col.actor'),
      dataIndex: 'actor',
      width: 120,
      render: (a: string | null, e) =>
        a === null ? (
          t('common.none')
        ) : e.actorName ? (
          <span data-testid="audit-actor">
            {e.actorName}
            <div className="person-login">{a === 'system' ? '' : a}</div>
          </span>
        ) : (
          <span data-testid="audit-actor">{a}</span>
        ),
    },
    { title: t('audit.col.method'), dataIndex: 'method', width: 150, render: (m: string) => <span data-testid="audit-action">{methodLabel(locale, m)}</span> },
    {
      title: t('audit.col.target'),
      dataIndex: 'targetLabel',
      width: 250,
      render: (label: string | null) =>
        label ? (
          <span data-testid="audit-target">
            {/* A batch number is never broken mid-code. */}
            {label.split(/([0-9A-Z-]*\d{6,}[0-9A-Z-]*)/).map((part, i) => (i % 2 ? <span key={i} className="nowrap">{part}</span> : part))}
          </span>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('audit.col.outcome'),
      dataIndex: 'outcome',
      width: 72,
      render: (o: AuditOutcome) => <Tag color={OUTCOME_COLORS[o]}>{t(`audit.outcome.${o}`)}</Tag>,
    },
    {
      title: t('audit.col.detail'),
      dataIndex: 'details',
      render: (details: AuditEntryView['details']) =>
        details.length === 0 ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          <dl className="audit-details" data-testid="audit-details">
            {details.map((d, i) => (
              <div key={i}>
                <dt>
                  {d.label}
                  {t('batches.colon')}
                </dt>
                <dd>{d.value}</dd>
              </div>
            ))}
          </dl>
        ),
    },
  ];

  const filtered = Object.values(filters).some((v) => v !== undefined);
  return (
    <>
      <PageTitle title={t('audit.title')} intro={t('audit.intro')} extra={<Flex gap={8}>{verify.button}</Flex>} />
      {verify.outcome}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="audit-filters">
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters.actor}
          placeholder={t('audit.filter.actor')}
          aria-label={t('audit.filter.actor')}
          onChange={(v) => update({ actor: v ?? undefined })}
          options={peopleOptions}
          style={{ width: 180 }}
          data-testid="audit-filter-actor"
        />
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters.method}
          placeholder={t('audit.filter.action')}
          aria-label={t('audit.filter.action')}
          onChange={(v) => update({ method: v ?? undefined })}
          options={actionOptions}
          style={{ width: 200 }}
          data-testid="audit-filter-action"
        />
        <Select<AuditOutcome>
          allowClear
          value={filters.outcome}
          placeholder={t('audit.filter.outcome')}
          aria-label={t('audit.filter.outcome')}
          onChange={(v) => update({ outcome: v ?? undefined })}
          options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
          style={{ width: 110 }}
          data-testid="audit-filter-outcome"
        />
        <span data-testid="audit-filter-dates">
          <DatePicker.RangePicker
            value={range}
            format="YYYY-MM-DD"
            allowEmpty={[true, true]}
            placeholder={[t('audit.filter.from'), t('audit.filter.to')]}
            onChange={(dates) => update({ from: dates?.[0]?.format('YYYY-MM-DD'), to: dates?.[1]?.format('YYYY-MM-DD') })}
            style={{ width: 260 }}
          />
        </span>
        {filtered && (
          <Button type="link" icon={<CloseCircleOutlined />} onClick={() => update({ actor: undefined, method: undefined, outcome: undefined, from: undefined, to: undefined })}>
            {t('records.filter.clear')}
          </Button>
        )}
        <span style={{ flex: 1 }} />
        <ExportButton filters={filters} />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<AuditEntryView>
        rowKey="seq"
        size="small"
        tableLayout="fixed"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        sticky={{ offsetHeader: 64 }}
        pagination={{
          ...page,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('audit.total', { total: formatCount(total) }),
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
        data-testid="audit-table"
      />
    </>
  );
}
