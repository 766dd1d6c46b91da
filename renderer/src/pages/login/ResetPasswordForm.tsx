import { App, Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { confirmRules, newPasswordRules } from '../../lib/rules';
import { useSession } from '../../session/SessionContext';
import { useRetryCountdown } from './useRetryCountdown';

interface ResetValues {
  login: string;
  recoveryCode: string;
  newPassword: string;
  confirm: string;
}

export function ResetPasswordForm({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { enter } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const waitSeconds = useRetryCountdown(error);

  const submit = async ({ login, recoveryCode, newPassword }: ResetValues) => {
    setBusy(true);
    setError(null);
    try {
      const user = await call('auth.resetPassword', { login, recoveryCode, newPassword });
      message.success(t('reset.done'));
      enter(user);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('reset.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('reset.intro')}</Typography.Paragraph>
      <Form<ResetValues> layout="vertical" name="reset" onFinish={submit} requiredMark={false}>
        <Form.Item name="login" label={t('field.login')} rules={[{ required: true, message: t('field.login.required') }]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="recoveryCode"
          label={t('reset.recoveryCode')}
          rules={[{ required: true, whitespace: true, message: t('reset.recoveryCode.required') }]}
        >
          <Input autoComplete="off" placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX" maxLength={64} style={{ fontFamily: 'var(--mono-font)' }} />
        </Form.Item>
        <Form.Item name="newPassword" label={t('field.newPassword')} rules={newPasswordRules(t, { field: 'login' })} dependencies={['login']} extra={t('field.password.help')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label={t('field.passwordConfirm')} dependencies={['newPassword']} rules={confirmRules(t, 'newPassword')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <ErrorAlert error={error} />
        <Flex justify="space-between">
          <Button onClick={onBack}>{t('reset.backToLogin')}</Button>
          <Button type="primary" htmlType="submit" loading={busy} disabled={waitSeconds > 0}>
            {waitSeconds > 0 ? t('login.retryIn', { seconds: waitSeconds }) : t('reset.submit')}
          </Button>
        </Flex>
      </Form>
    </>
  );
}
