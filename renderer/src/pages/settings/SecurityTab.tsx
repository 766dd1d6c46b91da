import { App, Button, Descriptions, Form, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Settings } from '../../../../electron/contract';
import { call } from '../../api/client';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { IdSearchLimitForm } from './IdSearchLimitForm';

function IdleLockForm({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async ({ idleLockMinutes }: Settings) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await call('settings.update', { idleLockMinutes });
      message.success(t('settings.idle.saved'));
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Settings> layout="vertical" name="idle-lock" initialValues={settings} onFinish={save} disabled={busy} style={{ maxWidth: 560 }}>
      <Form.Item label={t('settings.idle.label')} extra={t('settings.idle.help')} required htmlFor="idle-lock_idleLockMinutes">
        <Space>
          <Form.Item
            name="idleLockMinutes"
            noStyle
            rules={[{ required: true, type: 'integer', min: 1, max: 240, message: t('settings.idle.invalid') }]}
          >
            <InputNumber min={1} max={240} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Typography.Text>{t('settings.idle.unit')}</Typography.Text>
        </Space>
      </Form.Item>
      <ErrorAlert error={error} />
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

export function SecurityTab() {
  const { t } = useI18n();
  const { may, setIdleLockMinutes } = useSession();
  const settings = useCall('settings.get');
  return (
    <LoadState {...settings}>
      {(data) =>
        may('settings.update') ? (
          <>
            <IdleLockForm settings={data} onSaved={(s) => setIdleLockMinutes(s.idleLockMinutes)} />
            <IdSearchLimitForm settings={data} />
          </>
        ) : (
          <>
            <Descriptions
              bordered
              size="small"
              column={1}
              style={{ maxWidth: 560 }}
              items={[
                {
                  key: 'idle',
                  label: t('settings.idle.label'),
                  children: t('settings.idle.value', { minutes: data.idleLockMinutes }),
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
              {t('settings.adminOnly')}
            </Typography.Paragraph>
          </>
        )
      }
    </LoadState>
  );
}
