import { App, Button, Form, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import type { DepartmentProfile } from '../../../../electron/contract';
import { call } from '../../api/client';
import { DepartmentDescriptions } from '../../components/DepartmentDescriptions';
import { DepartmentFields } from '../../components/DepartmentFields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { useDepartment } from '../shell/DepartmentContext';

function DepartmentForm({ department, onSaved }: { department: DepartmentProfile; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async (values: DepartmentProfile) => {
    setBusy(true);
    setError(null);
    try {
      await call('department.update', values);
      message.success(t('settings.department.saved'));
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<DepartmentProfile>
      layout="vertical"
      name="department"
      initialValues={department}
      onFinish={save}
      disabled={busy}
      style={{ maxWidth: 560 }}
    >
      <DepartmentFields />
      <ErrorAlert error={error} />
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

export function DepartmentTab() {
  const { t } = useI18n();
  const { may } = useSession();
  const { department, reload } = useDepartment();
  if (!department) return <Skeleton active />;
  if (may('department.update')) return <DepartmentForm department={department} onSaved={reload} />;
  return (
    <>
      <DepartmentDescriptions department={department} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('settings.adminOnly')}
      </Typography.Paragraph>
    </>
  );
}
