import { Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { DepartmentProfile, SessionUser } from '../../../../electron/contract';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { confirmRules, loginRules, newPasswordRules, personNameRules } from '../../lib/rules';

interface AdminValues {
  login: string;
  name: string;
  password: string;
  confirm: string;
}

export function AdminStep({
  department,
  onBack,
  onCreated,
}: {
  department: DepartmentProfile;
  onBack: () => void;
  onCreated: (result: { recoveryCode: string; user: SessionUser }) => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async ({ login, name, password }: AdminValues) => {
    setBusy(true);
    setError(null);
    try {
      onCreated(await call('setup.initialize', { department, admin: { login, name, password } }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Form<AdminValues> layout="vertical" name="setup-admin" onFinish={submit} disabled={busy}>
      <Typography.Paragraph type="secondary">{t('setup.admin.intro')}</Typography.Paragraph>
      <Form.Item name="login" label={t('field.login')} rules={loginRules(t)} extra={t('field.login.help')}>
        <Input autoComplete="off" maxLength={32} />
      </Form.Item>
      <Form.Item name="name" label={t('field.name')} rules={personNameRules(t)}>
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item name="password" label={t('field.password')} rules={newPasswordRules(t, { field: 'login' })} dependencies={['login']} extra={t('field.password.help')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('field.passwordConfirm')}
        dependencies={['password']}
        rules={confirmRules(t, 'password')}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <ErrorAlert error={error} />
      <Flex justify="space-between">
        <Button onClick={onBack}>{t('common.back')}</Button>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('setup.submit')}
        </Button>
      </Flex>
    </Form>
  );
}
