import { EditOutlined, EyeOutlined, PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Popconfirm, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import type { RecordDetail } from '../../../electron/contract';
import { PrintPreview, type PrintJob } from './print/PrintPreview';
import { call } from '../api/client';
import { useCall } from '../api/hooks';
import { useI18n } from '../i18n';
import { formatDate, formatDateTime } from '../lib/dates';
import { navigate } from '../lib/hashRoute';
import { displayValue, EDITABLE_STATES, fieldLabel, useCatalog, useCatalogNames } from '../pages/records/catalog';
import { Person } from '../api/people';
import { useShortcuts } from '../lib/shortcuts';
import { useSession } from '../session/SessionContext';
import { ErrorAlert } from './ErrorAlert';
import { ObjectionMark } from './ObjectionMark';
import { RecordCases } from './RecordCases';
import { RecordHistory } from './RecordHistory';
import { RecordPublication } from './RecordPublication';
import { RecordStateTag } from './RecordStateTag';
import { RecordWithdrawModal } from './RecordWithdrawModal';

/** Recorded in the audit trail as the reason for showing personal data (in the department's language). */
const UNMASK_REASON_VIEW = '查看记录详情';

function Fields({ record, clear }: { record: RecordDetail; clear: Record<string, string | null> | null }) {
  const { t, locale } = useI18n();
  const { data: catalog } = useCatalog();
  const def = catalog?.categories.find((c) => c.key === record.category);
  if (!def) return <Skeleton active />;
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      data-testid="record-fields"
      styles={{ label: { width: 220 } }}
      items={def.fields.map((f) => {
        const masked = record.masked.includes(f.code);
        // Coded values in words, as the form shows them (当前状态 “有效（1）”, not “1”).
        const value = masked && clear ? clear[f.code] : displayValue(catalog, record.category, f.code, record.fields[f.code]);
        return {
          key: f.code,
          label: fieldLabel(f, locale, f.code),
          children:
            value === null || value === undefined ? (
              <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
            ) : (
              <span className={f.kind === 'uscc' || f.kind === 'idnumber' ? 'mono' : 'record-value'} data-field={f.code}>
                {value}
                {masked && !clear && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                    {t('records.masked')}
                  </Typography.Text>
                )}
              </span>
            ),
        };
      })}
    />
  );
}

function Body({ recordId, onClose, onChanged }: { recordId: number; onClose: () => void; onChanged?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { may } = useSession();
  const names = useCatalogNames();
  const detail = useCall('records.get', { recordId });
  const [clear, setClear] = useState<Record<string, string | null> | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [tab, setTab] = useState('fields');
  const [historyKey, setHistoryKey] = useState(0);
  const [notice, setNotice] = useState<{ title: string; request: PrintJob } | null>(null);
  const record = detail.data;
  /** 信用修复告知书: issued once (its 发文字号), then printed; a reprint keeps the number. */
  const repairNotice = async () => {
    try {
      const issued = await call('letters.issueRepairNotice', { recordId });
      setNotice({ title: `${issued.title} · ${issued.docNo}`, request: { method: 'print.repairNotice', input: { recordId } } });
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };
  useShortcuts({ close: withdrawing ? undefined : onClose });

  const unmask = async () => {
    try {
      const { fields } = await call('records.unmask', { recordId, reason: UNMASK_REASON_VIEW });
      setClear(fields);
    } catch (err) {
      message.error(t('records.unmask.failed', { detail: err instanceof Error ? err.message : String(err) }));
    }
  };

  const actions = record && (
    <Space wrap size={8}>
      {record.masked.length > 0 && may('records.unmask') && !clear && (
        <Popconfirm
          title={t('records.unmask.title')}
          description={t('records.unmask.explain')}
          okText={t('records.unmask.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={unmask}
        >
          <Button icon={<EyeOutlined />}>{t('records.unmask.button')}</Button>
        </Popconfirm>
      )}
      {may('records.update') && EDITABLE_STATES.includes(record.state) && (
        <Button icon={<EditOutlined />} onClick={() => navigate('records', 'edit', String(record.recordId))}>
          {t('records.edit')}
        </Button>
      )}
      {record.publication && may('letters.issueRepairNotice') && may('print.repairNotice') && !['draft', 'withdrawn', 'repaired', 'expired'].includes(record.state) && (
        <Button icon={<PrinterOutlined />} onClick={() => void repairNotice()} data-testid="record-repair-notice">
          {t('records.repairNotice.button')}
        </Button>
      )}
      {may('records.withdraw') && record.state !== 'withdrawn' && (
        <Button danger icon={<RollbackOutlined />} onClick={() => setWithdrawing(true)}>
          {t('records.withdraw.button')}
        </Button>
      )}
    </Space>
  );

  return (
    <Drawer
      open
      size={880}
      onClose={onClose}
      destroyOnHidden
      title={
        record ? (
          <Space size={8} wrap>
            <span data-testid="record-title">{record.subjectName}</span>
            <RecordStateTag state={record.state} />
            <ObjectionMark openMarks={record.openMarks} />
          </Space>
        ) : (
          t('records.detail.loading')
        )
      }
      extra={actions}
      data-testid="record-drawer"
    >
      <ErrorAlert error={detail.error} />
      {!record ? (
        !detail.error && <Skeleton active />
      ) : (
        <>
          {record.rejection && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('records.detail.rejected', { message: record.rejection.message })}
              description={t('records.detail.rejectedHelp', { code: record.rejection.code || t('common.none') })}
              data-testid="detail-rejection"
            />
          )}
          {record.state === 'withdrawn' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('records.detail.withdrawnNote')} />}
          {record.state === 'repaired' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('cases.record.repairedNote')} />}
          {record.openMarks > 0 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('cases.record.markedNote')} data-testid="record-marked" />}
          {record.overrideRequest && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('records.detail.overrideRequested')} data-testid="detail-override-request" />
          )}
          {clear && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('records.unmask.shown')} />}
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            style={{ marginBottom: 16 }}
            data-testid="record-meta"
            items={[
              { key: 'category', label: t('records.col.category'), children: names.category(record.category) },
              { key: 'id', label: t('records.col.recordId'), children: <span className="mono">{record.recordId}</span> },
              {
                key: 'subject',
                label: t('records.detail.subject'),
                children: (
                  <Typography.Link onClick={() => navigate('subjects', String(record.subjectId))}>
                    {record.subjectName}
                    {record.subjectCode && <span className="mono"> · {record.subjectCode}</span>}
                  </Typography.Link>
                ),
              },
              { key: 'version', label: t('records.col.version'), children: t('records.history.version', { version: record.version }) },
              {
                key: 'created',
                label: t('records.detail.created'),
                children: (
                  <>
                    <Person login={record.createdBy} /> · {formatDateTime(record.createdAt)}
                  </>
                ),
              },
              {
                key: 'updated',
                label: t('records.detail.updated'),
                children: (
                  <>
                    <Person login={record.updatedBy} /> · {formatDateTime(record.updatedAt)}
                  </>
                ),
              },
            ]}
          />
          <Tabs
            activeKey={tab}
            onChange={(key) => {
              setTab(key);
              if (key === 'history') setHistoryKey((n) => n + 1);
            }}
            items={[
              { key: 'fields', label: t('records.detail.tab.fields'), children: <Fields record={record} clear={clear} /> },
              ...(record.publication
                ? [{ key: 'publication', label: t('records.detail.tab.publication'), children: <RecordPublication publication={record.publication} decisionDate={record.decisionDate} /> }]
                : []),
              ...(record.overrides.length
                ? [
                    {
                      key: 'overrides',
                      label: t('records.detail.tab.overrides', { n: record.overrides.length }),
                      children: (
                        <Table
                          size="small"
                          rowKey={(o) => `${o.field}:${o.at}`}
                          pagination={false}
                          dataSource={record.overrides}
                          columns={[
                            { title: t('records.import.col.field'), dataIndex: 'field', render: (f: string) => names.field(record.category, f) },
                            { title: t('records.override.reason'), dataIndex: 'reason' },
                            { title: t('records.detail.by'), dataIndex: 'by', width: 100, render: (by: string) => <Person login={by} /> },
                            { title: t('records.detail.at'), dataIndex: 'at', width: 110, render: (d: string) => formatDate(d) },
                          ]}
                        />
                      ),
                    },
                  ]
                : []),
              ...(may('cases.list') ? [{ key: 'cases', label: t('cases.record.tab'), children: <RecordCases record={record} /> }] : []),
              {
                key: 'history',
                label: t('records.detail.tab.history'),
                children: <RecordHistory key={historyKey} recordId={record.recordId} category={record.category} />,
              },
            ]}
          />
        </>
      )}
      <PrintPreview request={notice?.request ?? null} title={notice?.title ?? ''} onClose={() => setNotice(null)} />
      <RecordWithdrawModal
        record={withdrawing ? (record ?? null) : null}
        onClose={() => setWithdrawing(false)}
        onDone={() => {
          setWithdrawing(false);
          detail.reload();
          setHistoryKey((n) => n + 1);
          onChanged?.();
        }}
      />
    </Drawer>
  );
}

/** A record's detail: every field by its label, state, publication clock, overrides, rejection and history. */
export function RecordDetailDrawer({ recordId, onClose, onChanged }: { recordId: number | null; onClose: () => void; onChanged?: () => void }) {
  if (recordId === null) return null;
  return <Body key={recordId} recordId={recordId} onClose={onClose} onChanged={onChanged} />;
}
