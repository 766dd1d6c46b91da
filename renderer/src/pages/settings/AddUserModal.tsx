import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { Role } from '../../../../electron/contract';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RoleCheckboxes } from '../../components/RoleCheckboxes';
import { useI18n } from '../../i18n';
import { confirmRules, loginRules, newPasswordRules, personNameRules } from '../../lib/rules';
import { DraftNotice, useFormDraft } from '../../lib/drafts';

interface Values {
  login: string;
  name: string;
  roles: Role[];
  password: string;
  confirm: string;
}

export function AddUserModal({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The new person's login, name and roles are kept as typed; passwords never are.
  const draft = useFormDraft<Partial<Pick<Values, 'login' | 'name' | 'roles'>>>({
    form: 'user:add',
    title: t('users.add.title'),
    enabled: open,
    read: () => {
      const { login, name, roles } = form.getFieldsValue(true) as Partial<Values>;
      return { login, name, roles };
    },
    restore: (d) => form.setFieldsValue(d),
  });

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async ({ login, name, roles, password }: Values) => {
    setBusy(true);
    setError(null);
    try {
      const user = await call('users.add', { login, name, roles, password });
      await draft.saved();
      message.success(t('users.add.done', { login: user.login }));
      onAdded();
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
      title={t('users.add.title')}
      okText={t('users.add')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      width={520}
    >
      <DraftNotice draft={draft} onDiscarded={() => form.resetFields()} />
      <Form<Values> form={form} layout="vertical" className="modal-form" name="add-user" onFinish={submit} onValuesChange={draft.changed} preserve={false} disabled={busy}>
        <Form.Item name="login" label={t('field.login')} rules={loginRules(t)} extra={t('field.login.help')}>
          <Input autoComplete="off" maxLength={32} autoFocus />
        </Form.Item>
        <Form.Item name="name" label={t('field.name')} rules={personNameRules(t)}>
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="roles" label={t('field.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('field.roles.required') }]}>
          <RoleCheckboxes />
        </Form.Item>
        <Form.Item name="password" label={t('field.password')} rules={newPasswordRules(t, { field: 'login' })} dependencies={['login']} extra={t('users.add.passwordHelp')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label={t('field.passwordConfirm')} dependencies={['password']} rules={confirmRules(t, 'password')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <ErrorAlert error={error} style={{ marginBottom: 0 }} />
      </Form>
    </Modal>
  );
}
