import { ImportOutlined, PlusOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Empty, Flex, Form, Input, Modal, Progress, Result, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useRef, useState, type ChangeEvent } from 'react';
import type { ListImportResult, ListVersionView, PinnedKeyView, SharedListView } from '../../../../electron/contract';
import { call, newCallId } from '../../api/client';
import { Person } from '../../api/people';
import { useCall, useProgress } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EffectTag } from '../../components/ListHits';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/dates';
import { fileToBase64 } from '../../lib/files';
import { useSession } from '../../session/SessionContext';
import { KeyFingerprint } from '../batches/BatchDigest';
import '../batches/batches.css';

type ImportOutcome = { kind: 'done'; fileName: string; result: ListImportResult } | { kind: 'failed'; fileName: string; error: unknown };

/** 导入名单: a signed list file; refused with its reason when anything does not hold, and then nothing changes. */
function ImportListButton({ onImported }: { onImported: () => void }) {
  const { t, errorText } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [callId, setCallId] = useState<string | null>(null);
  const progress = useProgress(callId);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);

  const picked = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const id = newCallId();
    setCallId(id);
    try {
      const content = await fileToBase64(file);
      const result = await call('lists.import', { fileName: file.name, content }, { callId: id });
      setOutcome({ kind: 'done', fileName: file.name, result });
      onImported();
    } catch (error) {
      setOutcome({ kind: 'failed', fileName: file.name, error });
    } finally {
      setCallId(null);
    }
  };

  return (
    <>
      <input ref={input} type="file" accept=".zip,application/zip" style={{ display: 'none' }} onChange={picked} data-testid="list-file" />
      <Button type="primary" icon={<ImportOutlined />} loading={callId !== null} onClick={() => input.current?.click()}>
        {t('lists.import')}
      </Button>
      {callId !== null && progress?.total ? (
        <Progress percent={Math.min(99, Math.floor((100 * progress.done) / progress.total))} size="small" style={{ width: 200 }} />
      ) : null}
      <Modal open={outcome !== null} title={t('lists.import.title')} onCancel={() => setOutcome(null)} footer={<Button type="primary" onClick={() => setOutcome(null)}>{t('receipts.close')}</Button>} destroyOnHidden>
        {outcome?.kind === 'done' && (
          <Result
            status="success"
            style={{ padding: '16px 0 0' }}
            title={t('lists.import.done', { name: outcome.result.name, version: outcome.result.version, n: outcome.result.entryCount.toLocaleString('en-US') })}
            subTitle={outcome.result.replaced ? t('lists.import.replaced', { version: outcome.result.replaced }) : undefined}
          />
        )}
        {outcome?.kind === 'failed' && (
          <Result status="error" style={{ padding: '16px 0 0' }} title={t('lists.import.refused')}>
            <Typography.Paragraph data-testid="list-import-error">{errorText(outcome.error)}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('lists.import.nothingChanged', { name: outcome.fileName })}</Typography.Paragraph>
          </Result>
        )}
      </Modal>
    </>
  );
}

/**
 * Pinning a platform key: the fingerprint first, compared with what the platform gave
 * by telephone or in writing, then the key is trusted (issue 19, item 6); the core
 * refuses a pin whose compared fingerprint is not the key's.
 */
function PinKeyModal({ open, onClose, onPinned }: { open: boolean; onClose: () => void; onPinned: () => void }) {
  const { t, errorText } = useI18n();
  const [form] = Form.useForm<{ pem: string; label: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [checking, setChecking] = useState<{ pem: string; label: string; fingerprint: string } | null>(null);
  const [same, setSame] = useState(false);
  const [pinned, setPinned] = useState<PinnedKeyView | null>(null);
  const inspect = async (v: { pem: string; label: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { fingerprint } = await call('lists.inspectKey', { pem: v.pem });
      setChecking({ ...v, fingerprint });
      setSame(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const pin = async () => {
    if (!checking) return;
    setBusy(true);
    setError(null);
    try {
      setPinned(await call('lists.pin', checking));
      onPinned();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setPinned(null);
    setChecking(null);
    setError(null);
    form.resetFields();
    onClose();
  };
  const problem = error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null;
  return (
    <Modal open={open} title={t('lists.keys.pinTitle')} onCancel={close} footer={null} destroyOnHidden width={640}>
      {pinned ? (
        <Result status="success" title={t('lists.keys.pinned')} style={{ padding: '8px 0' }} extra={<Button type="primary" onClick={close}>{t('lists.keys.done')}</Button>}>
          <KeyFingerprint value={pinned.fingerprint} large />
        </Result>
      ) : checking ? (
        <div data-testid="pin-compare">
          <Typography.Paragraph style={{ marginTop: 12 }}>{t('lists.keys.compareFirst', { label: checking.label })}</Typography.Paragraph>
          <KeyFingerprint value={checking.fingerprint} large />
          <Checkbox checked={same} onChange={(e) => setSame(e.target.checked)} style={{ margin: '16px 0' }} data-testid="pin-same">
            {t('lists.keys.same')}
          </Checkbox>
          {problem}
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => setChecking(null)}>{t('lists.keys.back')}</Button>
            <Button type="primary" disabled={!same} loading={busy} onClick={() => void pin()}>
              {t('lists.keys.pin')}
            </Button>
          </Flex>
        </div>
      ) : (
        <Form form={form} layout="vertical" onFinish={inspect} requiredMark={false}>
          <Form.Item name="label" label={t('lists.keys.label')} rules={[{ required: true, min: 2, message: t('lists.keys.labelRequired') }]}>
            <Input placeholder={t('lists.keys.labelPlaceholder')} maxLength={100} />
          </Form.Item>
          <Form.Item
            name="pem"
            label={t('lists.keys.pem')}
            rules={[{ required: true, message: t('lists.keys.pemRequired') }]}
            extra={
              <Upload
                accept=".pem,.txt"
                showUploadList={false}
                beforeUpload={(file) => {
                  void file.text().then((text) => form.setFieldValue('pem', text));
                  return false;
                }}
              >
                <Button size="small" icon={<UploadOutlined />} style={{ marginTop: 8 }} data-testid="pin-file">
                  {t('lists.keys.pemFile')}
                </Button>
              </Upload>
            }
          >
            <Input.TextArea rows={6} className="mono" placeholder="-----BEGIN PUBLIC KEY-----" />
          </Form.Item>
          {problem}
          <Flex justify="flex-end" gap={8}>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('lists.keys.next')}
            </Button>
          </Flex>
        </Form>
      )}
    </Modal>
  );
}

function PinnedKeys({ admin }: { admin: boolean }) {
  const { t, errorText } = useI18n();
  const { modal, message } = App.useApp();
  const keys = useCall('lists.keys');
  const [pinning, setPinning] = useState(false);
  const unpin = (k: PinnedKeyView) => {
    let reason = '';
    modal.confirm({
      title: t('lists.keys.unpinTitle'),
      content: <Input placeholder={t('lists.keys.unpinReason')} onChange={(e) => (reason = e.target.value)} aria-label={t('lists.keys.unpinReason')} />,
      okText: t('lists.keys.unpin'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await call('lists.unpin', { keyId: k.keyId, reason });
          keys.reload();
        } catch (err) {
          message.error(errorText(err));
          throw err;
        }
      },
    });
  };
  const columns: ColumnsType<PinnedKeyView> = [
    { title: t('lists.keys.col.label'), dataIndex: 'label', width: 220 },
    { title: t('lists.keys.col.fingerprint'), dataIndex: 'fingerprint', render: (f: string) => <KeyFingerprint value={f} /> },
    { title: t('lists.keys.col.pinned'), key: 'pinned', width: 170, render: (_: unknown, k) => <><Person login={k.pinnedBy} /> {formatDate(k.pinnedAt)}</> },
    {
      title: t('lists.keys.col.status'),
      key: 'status',
      width: 200,
      render: (_: unknown, k) =>
        k.active ? (
          <Tag color="success">{t('lists.keys.active')}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('lists.keys.unpinnedAt', { date: formatDate(k.unpinnedAt), reason: k.unpinReason ?? '' })}</Typography.Text>
        ),
    },
    ...(admin
      ? [
          {
            title: t('keys.col.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, k: PinnedKeyView) =>
              k.active && (
                <Button type="link" size="small" danger icon={<StopOutlined />} onClick={() => unpin(k)}>
                  {t('lists.keys.unpin')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <Card
      size="small"
      title={t('lists.keys.title')}
      style={{ marginTop: 16 }}
      extra={
        admin && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setPinning(true)}>
            {t('lists.keys.pin')}
          </Button>
        )
      }
      data-testid="pinned-keys"
    >
      <ErrorAlert error={keys.error} />
      <Table<PinnedKeyView>
        size="small"
        rowKey="keyId"
        pagination={false}
        loading={keys.loading}
        dataSource={keys.data ?? []}
        columns={columns}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lists.keys.none')} /> }}
      />
      <PinKeyModal open={pinning} onClose={() => setPinning(false)} onPinned={() => keys.reload()} />
    </Card>
  );
}

/** 共享名单: the lists imported from the platform, their current and older versions; for administrators, import and the pinned keys. */
export function ListsTab() {
  const { t } = useI18n();
  const { may } = useSession();
  const admin = may('lists.import');
  const lists = useCall('lists.list');
  const versionColumns: ColumnsType<ListVersionView> = [
    { title: t('lists.col.version'), dataIndex: 'version', width: 90, render: (v: number, r) => <>{t('lists.version', { version: v })}{r.current && <Tag color="processing" style={{ marginInlineStart: 6 }}>{t('lists.current')}</Tag>}</> },
    { title: t('lists.col.date'), dataIndex: 'issuedOn', width: 110 },
    { title: t('lists.col.entries'), dataIndex: 'entryCount', width: 110, align: 'right', render: (n: number) => n.toLocaleString('en-US') },
    { title: t('lists.col.signer'), dataIndex: 'signerFingerprint', render: (f: string) => <span className="mono" style={{ fontSize: 12 }}>{f.slice(0, 19)}…</span> },
    { title: t('lists.col.imported'), key: 'imported', width: 220, render: (_: unknown, v) => `${v.importedBy} ${formatDateTime(v.importedAt)}` },
  ];
  const columns: ColumnsType<SharedListView> = [
    { title: t('lists.col.name'), dataIndex: 'name', render: (n: string, l) => <div><div>{n}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.issuer}</Typography.Text></div> },
    { title: t('lists.col.type'), dataIndex: 'listType', width: 190 },
    { title: t('lists.col.effect'), dataIndex: 'effect', width: 100, render: (e: SharedListView['effect']) => <EffectTag effect={e} ofList /> },
    { title: t('lists.col.current'), key: 'current', width: 200, render: (_: unknown, l) => (l.current ? `${t('lists.version', { version: l.current.version })}（${l.current.issuedOn}）` : t('common.none')) },
    { title: t('lists.col.entries'), key: 'entries', width: 110, align: 'right', render: (_: unknown, l) => (l.current?.entryCount ?? 0).toLocaleString('en-US') },
  ];
  return (
    <>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('lists.intro')}</Typography.Text>
        {admin && <ImportListButton onImported={() => lists.reload()} />}
      </Flex>
      <ErrorAlert error={lists.error} />
      <Table<SharedListView>
        rowKey="listId"
        size="middle"
        loading={lists.loading}
        dataSource={lists.data ?? []}
        columns={columns}
        data-testid="shared-lists"
        expandable={{
          expandedRowRender: (l) => <Table<ListVersionView> rowKey="versionId" size="small" pagination={false} dataSource={l.versions} columns={versionColumns} />,
        }}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={admin ? t('lists.noneAdmin') : t('lists.none')} /> }}
      />
      <PinnedKeys admin={admin} />
    </>
  );
}
