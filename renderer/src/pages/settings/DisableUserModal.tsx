import { Alert, App, Form, Input, Modal, Progress, Typography } from 'antd';
import { useState } from 'react';
import type { UserSummary } from '../../../../electron/contract';
import { call, newCallId } from '../../api/client';
import { useProgress } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';

const PHASES: Record<string, MessageKey> = {
  disable: 'users.phase.disable',
  rekey: 'users.phase.rekey',
  done: 'users.phase.done',
};

interface Values {
  reason: string;
  password: string;
}

/**
 * Disabling re-keys the whole database, so it is confirmed with an explanation,
 * a reason (kept in the audit trail) and the administrator's own password, and
 * shows progress.
 */
export function DisableUserModal({
  user,
  onClose,
  onDone,
}: {
  user: UserSummary | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [callId, setCallId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const progress = useProgress(callId);

  const close = () => {
    if (callId) return; // a re-key cannot be walked away from
    setError(null);
    onClose();
  };

  const confirm = async ({ reason, password }: Values) => {
    if (!user) return;
    const id = newCallId();
    setCallId(id);
    setError(null);
    try {
      await call('users.disable', { login: user.login, reason, password }, { callId: id });
      message.success(t('users.disable.done', { login: user.login }));
      onDone();
      setCallId(null);
      onClose();
    } catch (err) {
      setError(err);
      setCallId(null);
    }
  };

  const phase = progress?.phase && PHASES[progress.phase];
  return (
    <Modal
      open={user !== null}
      title={user ? t('users.disable.title', { name: user.name, login: user.login }) : ''}
      okText={t('users.disable.confirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      cancelButtonProps={{ disabled: callId !== null }}
      closable={callId === null}
      mask={{ closable: false }}
      keyboard={callId === null}
      confirmLoading={callId !== null}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph style={{ marginTop: 16 }}>{t('users.disable.body1')}</Typography.Paragraph>
      <Alert type="warning" showIcon title={t('users.disable.body2')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" className="modal-form" name="disable-user" onFinish={confirm} preserve={false} disabled={callId !== null}>
        <Form.Item name="reason" label={t('users.disable.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('users.disable.reasonRequired') }]}>
          <Input maxLength={500} autoFocus placeholder={t('users.disable.reasonPlaceholder')} />
        </Form.Item>
        <Form.Item name="password" label={t('users.confirmPassword')} rules={[{ required: true, message: t('field.password.required') }]} extra={t('users.confirmPassword.help')}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      </Form>
      {callId && user && (
        <>
          <Typography.Text>{phase ? t(phase) : t('users.disable.running', { login: user.login })}</Typography.Text>
          <Progress percent={progress?.total ? Math.round((progress.done / progress.total) * 100) : 0} status="active" size="small" />
        </>
      )}
      <ErrorAlert error={error} overrides={{ WRONG_PASSWORD: 'users.confirmPassword.wrong' }} style={{ marginBottom: 0, marginTop: 8 }} />
    </Modal>
  );
}
