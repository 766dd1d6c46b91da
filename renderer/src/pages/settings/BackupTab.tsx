import { CloudUploadOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Descriptions, Flex, Form, Input, Modal, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { BackupInfo, BackupStatus, RestorePlan } from '../../../../electron/contract';
import { ApiError, call, newCallId } from '../../api/client';
import { Person } from '../../api/people';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { useSession } from '../../session/SessionContext';

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

function FolderForm({ status, onSaved }: { status: BackupStatus; onSaved: (s: BackupStatus) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async ({ folder, scheduled }: { folder: string; scheduled: boolean }) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('backup.configure', { folder: folder.trim() || null, scheduled }));
      message.success(t('backup.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" name="backup-folder" initialValues={{ folder: status.folder ?? '', scheduled: status.scheduled }} onFinish={save} disabled={busy} style={{ maxWidth: 640 }}>
      <Form.Item name="folder" label={t('backup.folder')} extra={t('backup.folder.help')}>
        <Input placeholder={t('backup.folder.placeholder')} className="mono" />
      </Form.Item>
      <Form.Item name="scheduled" label={t('backup.scheduled')} valuePropName="checked" extra={t('backup.scheduled.help', { daily: status.rotation.daily, weekly: status.rotation.weekly, monthly: status.rotation.monthly })}>
        <Switch />
      </Form.Item>
      <ErrorAlert error={error} />
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

/**
 * What a restore would lose, and who it keeps out, as the core counted it (issue 18):
 * confirmed before anything is replaced; a trail that does not match the backup
 * needs a reason, which enters the audit trail.
 */
function RestorePlanView({ plan }: { plan: RestorePlan }) {
  const { t } = useI18n();
  const n = plan.newer;
  return (
    <div data-testid="restore-plan">
      <Alert type="error" showIcon title={t('backup.restore.plan.title')} description={t('backup.restore.plan.intro')} style={{ marginBottom: 12 }} />
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('backup.restore.plan.records')}>{n.records}</Descriptions.Item>
        <Descriptions.Item label={t('backup.restore.plan.versions')}>{n.recordVersions}</Descriptions.Item>
        <Descriptions.Item label={t('backup.restore.plan.batches')}>{n.batches}</Descriptions.Item>
        <Descriptions.Item label={t('backup.restore.plan.cases')}>{n.cases}</Descriptions.Item>
        <Descriptions.Item label={t('backup.restore.plan.changes')}>{n.auditEntries}</Descriptions.Item>
        <Descriptions.Item label={t('backup.restore.plan.other')}>{n.otherAuditEntries}</Descriptions.Item>
      </Descriptions>
      {plan.keepDisabled.length > 0 && (
        <Alert type="info" showIcon title={t('backup.restore.plan.keepDisabled', { logins: plan.keepDisabled.join('、') })} style={{ marginBottom: 12 }} />
      )}
      {!plan.trail.matches && (
        <Alert type="error" showIcon title={t('backup.restore.plan.trail', { seq: plan.backup.auditHead.seq })} description={plan.trail.reason} style={{ marginBottom: 12 }} />
      )}
    </div>
  );
}

/** Restoring replaces the department's files: confirmed with what it means and the administrator's password (at backup time). */
function RestoreModal({ backup, onClose }: { backup: BackupInfo | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { refresh } = useSession();
  const [form] = Form.useForm<{ password: string; confirmed?: boolean; reason?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [plan, setPlan] = useState<RestorePlan | null>(null);
  const [password, setPassword] = useState('');
  const restore = async (values: { password?: string; confirmed?: boolean; reason?: string }) => {
    if (!backup) return;
    const pw = plan ? password : (values.password ?? '');
    setBusy(true);
    setError(null);
    try {
      await call(
        'backup.restore',
        {
          fileName: backup.fileName,
          password: pw,
          ...(plan ? { discardNewer: plan.newer.auditEntries } : {}),
          ...(plan && !plan.trail.matches ? { trailMismatchReason: values.reason } : {}),
        },
        { callId: newCallId() },
      );
      message.success(t('backup.restore.done'));
      refresh(); // logged out: the login screen, on the restored department
    } catch (err) {
      const asked = err instanceof ApiError && err.code === 'CONFIRMATION_REQUIRED' ? (err.details as { plan?: RestorePlan } | undefined)?.plan : undefined;
      if (asked && !plan) {
        // The core counted what would be lost: shown for confirmation, nothing changed yet.
        setPassword(pw);
        setPlan(asked);
      } else setError(err);
      setBusy(false);
    }
  };
  return (
    <Modal
      open={backup !== null}
      title={backup ? t('backup.restore.title', { at: formatDateTime(backup.createdAt) }) : ''}
      okText={t(plan ? 'backup.restore.plan.confirm' : 'backup.restore.confirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      closable={!busy}
      mask={{ closable: false }}
      onOk={() => form.submit()}
      onCancel={() => !busy && onClose()}
      destroyOnHidden
      width={560}
    >
      {plan ? <RestorePlanView plan={plan} /> : <Alert type="warning" showIcon title={t('backup.restore.explain')} style={{ margin: '16px 0' }} />}
      <Form form={form} layout="vertical" name="restore-backup" onFinish={restore} preserve={false} disabled={busy}>
        {!plan && (
          <Form.Item name="password" label={t('backup.restore.password')} extra={t('backup.restore.passwordHelp')} rules={[{ required: true, message: t('field.password.required') }]}>
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
        )}
        {plan && !plan.trail.matches && (
          <Form.Item name="reason" label={t('backup.restore.plan.reason')} rules={[{ required: true, whitespace: true, min: 4, message: t('backup.restore.plan.reasonRequired') }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="restore-reason" />
          </Form.Item>
        )}
        {plan && (
          <Form.Item
            name="confirmed"
            valuePropName="checked"
            rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('backup.restore.plan.confirmRequired')))) }]}
          >
            <Checkbox data-testid="restore-confirm">{t('backup.restore.plan.check', { n: plan.newer.auditEntries })}</Checkbox>
          </Form.Item>
        )}
      </Form>
      <ErrorAlert error={error} style={{ marginBottom: 0 }} />
    </Modal>
  );
}

/** 备份: where backups go, whether daily, the last ones, back up now, restore. */
export function BackupTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const status = useCall('backup.status');
  const [saved, setSaved] = useState<BackupStatus | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);

  const backupNow = async () => {
    setRunning(true);
    setError(null);
    try {
      const info = await call('backup.create', undefined, { callId: newCallId() });
      message.success(t('backup.now.done', { file: info.fileName }));
      setSaved(null);
      status.reload();
    } catch (err) {
      setError(err);
    } finally {
      setRunning(false);
    }
  };

  const columns: ColumnsType<BackupInfo> = [
    { title: t('backup.col.at'), dataIndex: 'createdAt', width: 180, render: (at: string) => formatDateTime(at) },
    { title: t('backup.col.by'), dataIndex: 'createdBy', width: 140, render: (by: string, b) => (b.scheduled ? <Tag>{t('backup.scheduledTag')}</Tag> : <Person login={by} />) },
    { title: t('backup.col.size'), dataIndex: 'bytes', width: 100, align: 'right', render: size },
    { title: t('backup.col.audit'), key: 'audit', width: 120, align: 'right', render: (_: unknown, b) => t('backup.auditSeq', { seq: b.auditHead.seq }) },
    { title: t('backup.col.file'), dataIndex: 'fileName', ellipsis: true, render: (f: string) => <span className="mono">{f}</span> },
    {
      title: t('users.col.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, b) => (
        <Button type="link" size="small" danger icon={<HistoryOutlined />} onClick={() => setRestoring(b)}>
          {t('backup.restore')}
        </Button>
      ),
    },
  ];

  return (
    <LoadState {...status}>
      {(loaded) => {
        const data = saved ?? loaded;
        return (
          <>
            <FolderForm
              status={data}
              onSaved={(s) => {
                setSaved(s);
                status.reload();
              }}
            />
            <Typography.Title level={5} style={{ marginTop: 32 }}>
              {t('backup.recent')}
            </Typography.Title>
            {data.folderProblem && <Alert type="error" showIcon title={data.folderProblem} style={{ marginBottom: 16 }} data-testid="backup-folder-problem" />}
            <Descriptions
              size="small"
              column={2}
              style={{ maxWidth: 800, marginBottom: 16 }}
              items={[
                { key: 'last', label: t('backup.last'), children: data.last ? `${formatDateTime(data.last.createdAt)}（${data.last.fileName}）` : t('backup.never') },
                { key: 'next', label: t('backup.next'), children: data.nextDueAt ? formatDateTime(data.nextDueAt) : t('backup.notScheduled') },
              ]}
            />
            <Flex gap={8} style={{ marginBottom: 16 }}>
              <Button type="primary" icon={<CloudUploadOutlined />} loading={running} disabled={!data.folder} onClick={() => void backupNow()}>
                {t('backup.now')}
              </Button>
            </Flex>
            <ErrorAlert error={error} />
            <Table<BackupInfo>
              rowKey="fileName"
              size="middle"
              columns={columns}
              dataSource={data.backups}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: data.folder ? t('backup.none') : t('backup.noFolder') }}
              data-testid="backups-table"
            />
            <RestoreModal backup={restoring} onClose={() => setRestoring(null)} />
          </>
        );
      }}
    </LoadState>
  );
}
