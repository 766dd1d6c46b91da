import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { RecordDetail } from '../../../electron/contract';
import { call } from '../api/client';
import { useI18n } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

/** 撤回: the record stays (with its history); it leaves publication with the next batch. */
export function RecordWithdrawModal({ record, onClose, onDone }: { record: RecordDetail | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    if (!record) return;
    let reason: string;
    try {
      ({ reason } = await form.validateFields());
    } catch {
      return; // the form says what is missing; nothing to report beyond that
    }
    setBusy(true);
    setError(null);
    try {
      await call('records.withdraw', { recordId: record.recordId, reason });
      message.success(t('records.withdraw.done', { name: record.subjectName }));
      form.resetFields();
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={record !== null}
      title={record ? t('records.withdraw.title', { decisionNo: record.decisionNo }) : ''}
      okText={t('records.withdraw.confirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('records.withdraw.explain')}
      </Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" className="modal-form" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('records.withdraw.reason')}
          rules={[
            { required: true, whitespace: true, message: t('records.reason.required') },
            { min: 2, message: t('records.reason.required') },
            { max: 500, message: t('records.reason.tooLong') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
