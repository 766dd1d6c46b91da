import { CalendarOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Modal, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { CalendarYearView, TablePreview } from '../../../../electron/contract';
import { call } from '../../api/client';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';
import { fileToBase64 } from '../../lib/files';
import { formatCount } from '../../lib/format';
import { today } from '../../lib/dates';

type RuleRow = { kind: string; version: string; effectiveFrom: string; source: string; builtIn: boolean };

/** A family's name; a family added later without a name here shows its own key (rules.list says which exist). */
function useFamilyName() {
  const { t } = useI18n();
  return (kind: string) => {
    const key = `rules.family.${kind}` as MessageKey;
    const name = t(key);
    return name === key ? kind : name;
  };
}

/** Reads a chosen file, asks the core what it would change, and installs it once confirmed. */
function InstallTable({ onInstalled }: { onInstalled: () => void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const family = useFamilyName();
  const [preview, setPreview] = useState<(TablePreview & { fileName: string }) | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const read = async (file: File) => {
    setError(null);
    setBusy(true);
    try {
      const p = await call('rules.preview', { fileName: file.name, content: await fileToBase64(file) });
      setPreview({ ...p, fileName: file.name });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const install = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      if (preview.kind === 'work-calendar') {
        const r = await call('calendar.install', { table: preview.table });
        message.success(t('rules.installed.calendar', { year: r.year, version: r.version, n: formatCount(r.casesMoved) }));
      } else {
        const r = await call('rules.install', { table: preview.table });
        message.success(t('rules.installed.table', { family: family(r.kind), version: r.version }));
      }
      setPreview(null);
      onInstalled();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const moved: ColumnsType<TablePreview['casesMoved'][number]> = [
    { title: t('cases.col.caseNo'), dataIndex: 'caseNo', render: (no: string, c) => `${c.kindLabel} ${no}` },
    { title: t('cases.col.applicant'), dataIndex: 'applicantName' },
    { title: t('rules.preview.before'), dataIndex: 'before', render: (d: string | null) => d ?? t('common.none') },
    { title: t('rules.preview.after'), dataIndex: 'after', render: (d: string | null) => <strong>{d ?? t('common.none')}</strong> },
  ];

  return (
    <>
      <Upload
        accept=".json,application/json"
        showUploadList={false}
        beforeUpload={(file) => {
          void read(file);
          return false;
        }}
      >
        <Button type="primary" icon={<UploadOutlined />} loading={busy && !preview} data-testid="rules-install">
          {t('rules.install')}
        </Button>
      </Upload>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('rules.installHelp')}
      </Typography.Paragraph>
      <ErrorAlert error={error} />
      <Modal
        open={preview !== null}
        title={preview ? t('rules.preview.title', { family: family(preview.kind), version: preview.version }) : ''}
        okText={t('rules.preview.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => void install()}
        onCancel={() => setPreview(null)}
        width={720}
        destroyOnHidden
      >
        {preview && (
          <div data-testid="rules-preview">
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              {t('rules.preview.file', { file: preview.fileName, source: preview.source || t('common.none'), from: preview.effectiveFrom })}
            </Typography.Paragraph>
            <ul>
              {preview.summary.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            {preview.casesMoved.length > 0 ? (
              <>
                <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('rules.preview.moved', { n: preview.casesMoved.length, open: preview.openCases })} />
                <Table rowKey="caseId" size="small" pagination={false} columns={moved} dataSource={preview.casesMoved} data-testid="rules-preview-moved" />
              </>
            ) : (
              <Alert type="info" showIcon title={t('rules.preview.noneMoved', { open: preview.openCases })} data-testid="rules-preview-none" />
            )}
          </div>
        )}
      </Modal>
    </>
  );
}

/**
 * 系统设置 → 日历与规则: the working-day calendar years and rule-table versions in use,
 * and installing a new one from a file with a preview of what changes (issue 19).
 * Families come from rules.list, so a family added later appears without more work here.
 */
export function RulesTab() {
  const { t } = useI18n();
  const family = useFamilyName();
  const calendars = useCall('calendar.list');
  const rules = useCall('rules.list');
  const reload = () => {
    calendars.reload();
    rules.reload();
  };
  const nextYear = Number(today().slice(0, 4)) + 1;
  const years: ColumnsType<CalendarYearView> = [
    { title: t('rules.col.year'), dataIndex: 'year', width: 80 },
    { title: t('rules.col.version'), dataIndex: 'version', width: 140, render: (v: string | null) => <span className="mono">{v ?? t('common.none')}</span> },
    { title: t('rules.col.source'), dataIndex: 'source', render: (s: string | null) => s ?? t('common.none') },
    {
      title: t('rules.col.days'),
      key: 'days',
      width: 220,
      render: (_: unknown, y) => t('rules.calendar.days', { holidays: y.holidays.length, workdays: y.workdays.length, working: y.workingDays }),
    },
    { title: t('rules.col.origin'), dataIndex: 'installed', width: 110, render: (installed: boolean) => <Tag color={installed ? 'blue' : 'default'}>{t(installed ? 'rules.installedTag' : 'rules.builtIn')}</Tag> },
  ];
  const byKind = new Map<string, RuleRow[]>();
  for (const r of rules.data ?? []) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
  const ruleColumns: ColumnsType<RuleRow> = [
    { title: t('rules.col.version'), dataIndex: 'version', width: 180, render: (v: string) => <span className="mono">{v}</span> },
    { title: t('rules.col.from'), dataIndex: 'effectiveFrom', width: 120 },
    { title: t('rules.col.source'), dataIndex: 'source' },
    { title: t('rules.col.origin'), dataIndex: 'builtIn', width: 110, render: (builtIn: boolean) => <Tag color={builtIn ? 'default' : 'blue'}>{t(builtIn ? 'rules.builtIn' : 'rules.installedTag')}</Tag> },
  ];
  const hasNext = (calendars.data ?? []).some((y) => y.year === nextYear);
  return (
    <div data-testid="rules-tab">
      <Typography.Paragraph type="secondary">{t('rules.intro')}</Typography.Paragraph>
      <InstallTable onInstalled={reload} />
      <Card
        size="small"
        title={
          <span>
            <CalendarOutlined /> {t('rules.calendars')}
          </span>
        }
        style={{ marginTop: 16 }}
      >
        <ErrorAlert error={calendars.error} />
        {calendars.data && !hasNext && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('rules.calendar.missing', { year: nextYear })} data-testid="calendar-missing" />}
        <Table rowKey="year" size="small" pagination={false} columns={years} dataSource={calendars.data ?? []} loading={calendars.loading} data-testid="calendar-years" />
      </Card>
      <ErrorAlert error={rules.error} />
      {[...byKind.entries()].map(([kind, rows]) => (
        <Card key={kind} size="small" title={family(kind)} style={{ marginTop: 16 }} data-testid={`rules-${kind}`}>
          <Table rowKey="version" size="small" pagination={false} columns={ruleColumns} dataSource={rows} />
        </Card>
      ))}
    </div>
  );
}
