import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { UserSummary } from '../../../../electron/contract';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { confirmRules, newPasswordRules } from '../../lib/rules';

interface Values {
  newPassword: string;
  confirm: string;
  password: string;
}

/**
 * An administrator gives a person a password: re-enabling a disabled account
 * (`enable`: a new key copy) or setting another person's password (`reset`: a
 * new key pair, so their signing keys stop signing). Either way the person must
 * change it at their next login, and the administrator confirms with their own
 * password (both are key changes, audited).
 */
export function SetPasswordModal({
  user,
  mode,
  onClose,
  onDone,
}: {
  user: UserSummary | null;
  mode: 'enable' | 'reset';
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const enable = mode === 'enable';

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async ({ newPassword, password }: Values) => {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      await call(enable ? 'users.enable' : 'users.resetPassword', { login: user.login, newPassword, password });
      message.success(t(enable ? 'users.enable.done' : 'users.reset.done', { name: user.name, login: user.login }));
      onDone();
      close();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t(enable ? 'users.enable.title' : 'users.reset.title', { name: user.name, login: user.login }) : ''}
      okText={t(enable ? 'users.enable.confirm' : 'users.reset.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph style={{ marginTop: 16 }}>{t(enable ? 'users.enable.body' : 'users.reset.body')}</Typography.Paragraph>
      {!enable && <Alert type="warning" showIcon title={t('users.reset.signingKeys')} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" className="modal-form" name={enable ? 'enable-user' : 'reset-password'} onFinish={submit} preserve={false} disabled={busy}>
        <Form.Item name="newPassword" label={t('users.setPassword.new')} rules={newPasswordRules(t, user?.login)} extra={t('users.setPassword.help')}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Form.Item name="confirm" label={t('field.passwordConfirm')} dependencies={['newPassword']} rules={confirmRules(t, 'newPassword')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="password" label={t('users.confirmPassword')} rules={[{ required: true, message: t('field.password.required') }]} extra={t('users.confirmPassword.help')}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} overrides={{ WRONG_PASSWORD: 'users.confirmPassword.wrong' }} style={{ marginBottom: 0 }} />
    </Modal>
  );
}
