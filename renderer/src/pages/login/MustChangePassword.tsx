import { Button, Form, Typography } from 'antd';
import { useState } from 'react';
import type { SessionUser } from '../../../../electron/contract';
import { call } from '../../api/client';
import { AuthLayout } from '../../components/AuthLayout';
import { ChangePasswordFields, type ChangePasswordValues } from '../../components/ChangePasswordModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/SessionContext';

/**
 * After an administrator set this person's password (a reset, a re-enable): a
 * new password first. The core refuses everything else until then.
 */
export function MustChangePassword({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const { enter, logout } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async ({ oldPassword, newPassword }: ChangePasswordValues) => {
    setBusy(true);
    setError(null);
    try {
      await call('auth.changePassword', { oldPassword, newPassword });
      enter({ ...user, mustChangePassword: false });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <AuthLayout width={440}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('mustChange.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('mustChange.hint')}</Typography.Paragraph>
      <Form<ChangePasswordValues> layout="vertical" name="must-change-password" onFinish={submit} requiredMark={false} disabled={busy}>
        <ChangePasswordFields login={user.login} />
        <ErrorAlert error={error} overrides={{ WRONG_PASSWORD: 'changePassword.wrongOld' }} />
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('changePassword.submit')}
        </Button>
      </Form>
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <Button type="link" onClick={() => void logout()}>
          {t('mustChange.logout')}
        </Button>
      </div>
    </AuthLayout>
  );
}
