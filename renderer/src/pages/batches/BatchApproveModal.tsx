import { formatCount } from '../../lib/format';
import { Alert, Button, Form, Input, Modal, Progress, Typography } from 'antd';
import { useState } from 'react';
import type { BatchView, SigningKeyView } from '../../../../electron/contract';
import { call, isApiError, newCallId } from '../../api/client';
import { useProgress } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { CountsText } from './labels';

const PHASES: Record<string, MessageKey> = {
  members: 'batches.approve.phase.members',
  sign: 'batches.approve.phase.sign',
  store: 'batches.approve.phase.store',
  done: 'batches.approve.phase.done',
};

/**
 * 审核通过并签名: the approver's password unlocks their signing key; the core
 * builds the data members, signs the manifest and records the approval.
 */
export function BatchApproveModal({
  batch,
  signingKey,
  open,
  onClose,
  onApproved,
}: {
  batch: BatchView;
  /** The approver's active key: null when they have none, undefined while unknown (the core decides in the end). */
  signingKey: SigningKeyView | null | undefined;
  open: boolean;
  onClose: () => void;
  onApproved: (batch: BatchView) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const [callId, setCallId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const progress = useProgress(callId);
  const busy = callId !== null;
  const noKey = isApiError(error, 'NOT_FOUND') || signingKey === null;

  const close = () => {
    if (busy) return; // signing is short; it is not walked away from
    setError(null);
    onClose();
  };

  const submit = async ({ password }: { password: string }) => {
    const id = newCallId();
    setCallId(id);
    setError(null);
    try {
      const approved = await call('batches.approve', { batchId: batch.batchId, password }, { callId: id });
      setCallId(null);
      onApproved(approved);
    } catch (err) {
      setError(err);
      setCallId(null);
      form.setFieldValue('password', '');
    }
  };

  const phase = progress?.phase ? PHASES[progress.phase] : undefined;
  return (
    <Modal
      open={open}
      title={t('batches.approve.title', { sequence: batch.sequence })}
      okText={t('batches.approve.confirm')}
      okButtonProps={{ disabled: noKey }}
      cancelText={t('common.cancel')}
      cancelButtonProps={{ disabled: busy }}
      closable={!busy}
      mask={{ closable: false }}
      keyboard={!busy}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {t('batches.approve.summary', { sequence: batch.sequence, operations: formatCount(batch.operations), id: batch.publicId })}
      </Typography.Paragraph>
      <div style={{ marginBottom: 16 }}>
        <CountsText counts={batch.counts} />
      </div>
      <Typography.Paragraph>{t('batches.approve.meaning')}</Typography.Paragraph>
      {noKey ? (
        <Alert
          type="warning"
          showIcon
          title={t('batches.approve.noKey')}
          description={t('batches.approve.noKeyHelp')}
          action={
            <Button
              type="primary"
              onClick={() => {
                onClose();
                navigate('batches', 'keys');
              }}
            >
              {t('batches.approve.toKeys')}
            </Button>
          }
        />
      ) : (
        <Form form={form} layout="vertical" name="batch-approve" onFinish={submit} disabled={busy}>
          {signingKey && (
            <Typography.Paragraph type="secondary">
              {t('batches.approve.key')} <span className="mono">{signingKey.fingerprint}</span>
            </Typography.Paragraph>
          )}
          <Form.Item
            name="password"
            label={t('batches.approve.password')}
            extra={t('batches.approve.passwordHelp')}
            rules={[{ required: true, message: t('field.password.required') }]}
          >
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          {busy && (
            <>
              <Typography.Text>{phase ? t(phase) : t('batches.approve.running')}</Typography.Text>
              <Progress
                percent={progress?.total ? Math.round((progress.done / progress.total) * 100) : 0}
                status="active"
                size="small"
              />
            </>
          )}
          <ErrorAlert
            error={error}
            overrides={{ WRONG_PASSWORD: 'batches.approve.wrongPassword', FORBIDDEN: 'batches.approve.forbidden' }}
            style={{ marginBottom: 0 }}
          />
        </Form>
      )}
    </Modal>
  );
}
