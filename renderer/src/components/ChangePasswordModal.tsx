import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import { useI18n } from '../i18n';
import { confirmRules, newPasswordRules } from '../lib/rules';
import { ErrorAlert } from './ErrorAlert';

export interface ChangePasswordValues {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** The three fields of a password change (old, new, again), for the dialog and the must-change screen. */
export function ChangePasswordFields({ login, autoFocus = true }: { login: string | undefined; autoFocus?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="oldPassword" label={t('field.oldPassword')} rules={[{ required: true, message: t('field.password.required') }]}>
        <Input.Password autoComplete="current-password" autoFocus={autoFocus} />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('field.newPassword')}
        dependencies={['oldPassword']}
        extra={t('field.password.help')}
        rules={[
          ...newPasswordRules(t, login),
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              if (value && value === getFieldValue('oldPassword')) throw new Error(t('changePassword.same'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="confirm" label={t('field.passwordConfirm')} dependencies={['newPassword']} rules={confirmRules(t, 'newPassword')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

export function ChangePasswordModal({ open, onClose, login }: { open: boolean; onClose: () => void; login: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async ({ oldPassword, newPassword }: ChangePasswordValues) => {
    setBusy(true);
    setError(null);
    try {
      await call('auth.changePassword', { oldPassword, newPassword });
      message.success(t('changePassword.done'));
      close();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('changePassword.title')}
      okText={t('changePassword.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      width={420}
    >
      <Form<ChangePasswordValues> form={form} layout="vertical" className="modal-form" name="change-password" onFinish={submit} preserve={false} disabled={busy}>
        <ChangePasswordFields login={login} />
        <ErrorAlert error={error} overrides={{ WRONG_PASSWORD: 'changePassword.wrongOld' }} style={{ marginBottom: 0 }} />
      </Form>
    </Modal>
  );
}
