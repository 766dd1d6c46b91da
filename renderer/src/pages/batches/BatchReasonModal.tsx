import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { BatchView } from '../../../../electron/contract';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

/** 退回 (approver) or 撤销 (clerk) a prepared batch, with the reason; its operations return to the queue. */
export function BatchReasonModal({
  batch,
  action,
  onClose,
  onDone,
}: {
  batch: BatchView;
  action: 'reject' | 'cancel' | null;
  onClose: () => void;
  onDone: (batch: BatchView) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reject = action === 'reject';

  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      const done = await call(reject ? 'batches.reject' : 'batches.cancel', { batchId: batch.batchId, reason: reason.trim() });
      setBusy(false);
      onDone(done);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      title={t(reject ? 'batches.reject.title' : 'batches.cancel.title', { sequence: batch.sequence })}
      okText={t(reject ? 'batches.reject.confirm' : 'batches.cancel.confirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      width={520}
    >
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {t(reject ? 'batches.reject.explain' : 'batches.cancel.explain', { sequence: batch.sequence })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="batch-reason" onFinish={submit} preserve={false} disabled={busy}>
        <Form.Item
          name="reason"
          label={t(reject ? 'batches.reject.reason' : 'batches.cancel.reason')}
          rules={[
            { required: true, whitespace: true, message: t('batches.reason.required') },
            { min: 2, message: t('batches.reason.required') },
            { max: 500, message: t('batches.reason.tooLong') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
        <ErrorAlert error={error} style={{ marginBottom: 0 }} />
      </Form>
    </Modal>
  );
}
