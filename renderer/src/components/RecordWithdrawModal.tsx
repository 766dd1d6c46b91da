import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { RecordDetail } from '../../../electron/contract';
import { call } from '../api/client';
import { useI18n } from '../i18n';
import { formatCount } from '../lib/format';
import { ErrorAlert } from './ErrorAlert';

/** One record (the detail drawer) or the records chosen in the list (撤回所选, one transaction); null: closed. */
type Withdrawn = { record: RecordDetail | null } | { recordIds: number[] | null };

/** 撤回: the record stays (with its history); it leaves publication with the next batch. */
export function RecordWithdrawModal({ onClose, onDone, ...target }: Withdrawn & { onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const record = 'record' in target ? target.record : null;
  const recordIds = 'recordIds' in target ? target.recordIds : null;

  const withdraw = async (reason: string): Promise<string> => {
    if (record) {
      await call('records.withdraw', { recordId: record.recordId, reason });
      return t('records.withdraw.done', { name: record.subjectName });
    }
    const r = await call('records.withdrawMany', { recordIds: recordIds ?? [], reason });
    return r.skipped.length
      ? t('records.selection.withdrawnSkipped', { n: formatCount(r.withdrawn.length), skipped: formatCount(r.skipped.length) })
      : t('records.selection.withdrawn', { n: formatCount(r.withdrawn.length) });
  };

  const submit = async () => {
    if (!record && !recordIds) return;
    let reason: string;
    try {
      ({ reason } = await form.validateFields());
    } catch {
      return; // the form says what is missing; nothing to report beyond that
    }
    setBusy(true);
    setError(null);
    try {
      message.success(await withdraw(reason));
      form.resetFields();
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const many = 'recordIds' in target;
  return (
    <Modal
      open={record !== null || recordIds !== null}
      title={
        many
          ? t('records.selection.withdrawTitle', { n: formatCount(recordIds?.length ?? 0) })
          : record
            ? t('records.withdraw.title', { decisionNo: record.decisionNo })
            : ''
      }
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
        {t(many ? 'records.selection.withdrawExplain' : 'records.withdraw.explain')}
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
