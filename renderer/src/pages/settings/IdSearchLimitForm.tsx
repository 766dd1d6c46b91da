import { App, Button, Form, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Settings } from '../../../../electron/contract';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

/**
 * How many distinct ID numbers one person may search in how many minutes before
 * each new one needs a reason (issue 18; default 20 in 10). Administrators only.
 */
export function IdSearchLimitForm({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async (idSearchBurst: Settings['idSearchBurst']) => {
    setBusy(true);
    setError(null);
    try {
      await call('settings.update', { idSearchBurst });
      message.success(t('settings.idBurst.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<Settings['idSearchBurst']>
      layout="vertical"
      name="id-search-limit"
      initialValues={settings.idSearchBurst}
      onFinish={save}
      disabled={busy}
      style={{ maxWidth: 560, marginTop: 32 }}
    >
      <Form.Item label={t('settings.idBurst.label')} extra={t('settings.idBurst.help')} required>
        <Space wrap>
          <Form.Item name="count" noStyle rules={[{ required: true, type: 'integer', min: 1, max: 1000, message: t('settings.idBurst.invalid') }]}>
            <InputNumber min={1} max={1000} precision={0} style={{ width: 100 }} aria-label={t('settings.idBurst.count')} />
          </Form.Item>
          <Typography.Text>{t('settings.idBurst.within')}</Typography.Text>
          <Form.Item name="minutes" noStyle rules={[{ required: true, type: 'integer', min: 1, max: 1440, message: t('settings.idBurst.invalid') }]}>
            <InputNumber min={1} max={1440} precision={0} style={{ width: 100 }} aria-label={t('settings.idBurst.minutes')} />
          </Form.Item>
          <Typography.Text>{t('settings.idBurst.unit')}</Typography.Text>
        </Space>
      </Form.Item>
      <ErrorAlert error={error} />
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
