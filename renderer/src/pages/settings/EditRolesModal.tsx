import { App, Form, Modal } from 'antd';
import { useState } from 'react';
import type { Role, UserSummary } from '../../../../electron/contract';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RoleCheckboxes } from '../../components/RoleCheckboxes';
import { useI18n } from '../../i18n';

export function EditRolesModal({
  user,
  onClose,
  onSaved,
}: {
  user: UserSummary | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ roles: Role[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async ({ roles }: { roles: Role[] }) => {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      await call('users.setRoles', { login: user.login, roles });
      message.success(t('users.roles.done', { name: user.name }));
      onSaved();
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
      title={user ? t('users.roles.title', { name: user.name }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      width={520}
    >
      {user && (
        <Form<{ roles: Role[] }>
          form={form}
          layout="vertical"
          name="edit-roles"
          className="modal-form"
          initialValues={{ roles: user.roles }}
          onFinish={submit}
          preserve={false}
          disabled={busy}
        >
          <Form.Item
            name="roles"
            label={t('field.roles')}
            rules={[{ required: true, type: 'array', min: 1, message: t('field.roles.required') }]}
          >
            <RoleCheckboxes />
          </Form.Item>
          <ErrorAlert error={error} style={{ marginBottom: 0 }} />
        </Form>
      )}
    </Modal>
  );
}
