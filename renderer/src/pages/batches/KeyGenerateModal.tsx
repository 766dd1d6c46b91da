import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { SigningKeyView } from '../../../../electron/contract';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

/** 生成密钥 / 轮换密钥: the approver's password proves who asks and wraps the new private key. */
export function KeyGenerateModal({
  open,
  rotating,
  onClose,
  onDone,
}: {
  open: boolean;
  rotating: boolean;
  onClose: () => void;
  onDone: (key: SigningKeyView) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };

  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const key = await call('keys.generate', { password });
      setBusy(false);
      onDone(key);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t(rotating ? 'keys.rotate.title' : 'keys.generate.title')}
      okText={t(rotating ? 'keys.rotate.confirm' : 'keys.generate.confirm')}
      okButtonProps={{ danger: rotating }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      cancelButtonProps={{ disabled: busy }}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      width={520}
    >
      <Typography.Paragraph style={{ marginTop: 16 }}>{t('keys.generate.explain')}</Typography.Paragraph>
      {rotating && <Alert type="warning" showIcon title={t('keys.rotate.explain')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" name="key-generate" onFinish={submit} preserve={false} disabled={busy}>
        <Form.Item
          name="password"
          label={t('keys.password')}
          extra={t('keys.password.help')}
          rules={[{ required: true, message: t('field.password.required') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <ErrorAlert error={error} overrides={{ WRONG_PASSWORD: 'keys.wrongPassword' }} style={{ marginBottom: 0 }} />
      </Form>
    </Modal>
  );
}
