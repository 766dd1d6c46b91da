import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { call, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import { useRetryCountdown } from './useRetryCountdown';

interface LoginValues {
  login: string;
  password: string;
}

export function LoginForm({
  lockedLogin,
  reason,
  onForgot,
}: {
  lockedLogin: string | null;
  reason: ApiError | null;
  onForgot: () => void;
}) {
  const { t } = useI18n();
  const { enter } = useSession();
  const [busy, setBusy] = useState(false);
  // A LOCKED reason is said by the title already; others (e.g. USER_DISABLED) are shown.
  const [error, setError] = useState<unknown>(reason && reason.code !== 'LOCKED' ? reason : null);
  const waitSeconds = useRetryCountdown(error);
  const unlocking = lockedLogin !== null;

  const submit = async (values: LoginValues) => {
    setBusy(true);
    setError(null);
    try {
      const user = await call('auth.login', values);
      // Someone else at a locked desk starts at 工作台, not on the previous person's page.
      if (unlocking && user.login !== lockedLogin) navigate('dashboard');
      enter(user);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {unlocking ? t('login.unlockTitle') : t('login.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{unlocking ? t('login.unlockHint') : t('login.subtitle')}</Typography.Paragraph>
      <Form<LoginValues>
        layout="vertical"
        name="login"
        initialValues={{ login: lockedLogin ?? '' }}
        onFinish={submit}
        requiredMark={false}
      >
        <Form.Item name="login" label={t('field.login')} rules={[{ required: true, message: t('field.login.required') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus={!unlocking} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('field.password')}
          rules={[{ required: true, message: t('field.password.required') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus={unlocking} />
        </Form.Item>
        <ErrorAlert error={error} />
        <Button type="primary" htmlType="submit" block loading={busy} disabled={waitSeconds > 0}>
          {waitSeconds > 0 ? t('login.retryIn', { seconds: waitSeconds }) : unlocking ? t('login.unlockSubmit') : t('login.submit')}
        </Button>
      </Form>
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <Button type="link" onClick={onForgot}>
          {t('login.forgot')}
        </Button>
      </div>
    </>
  );
}
