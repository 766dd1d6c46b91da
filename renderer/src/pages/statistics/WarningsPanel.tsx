/**
 * 预警 on 工作台: what the department head would want to know before the district's
 * bulletin does. Each warning names what it is about and leads to it; the
 * thresholds are department settings (预警设置). No chart library here.
 */
import { AlertOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, InputNumber, List, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { MethodName, WarningKind, WarningLink, WarningSettings, WarningView } from '../../../../electron/contract';
import { call } from '../../api/client';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { useSession, useUser } from '../../session/SessionContext';
import { openWarning } from './drill';

const SEVERE: ReadonlySet<WarningKind> = new Set(['records-overdue', 'cases-overdue', 'key-sheet-missing']);

/** The method a person must be allowed to call for a warning's link to lead anywhere. */
const LINK_NEEDS: Record<WarningLink['page'], MethodName> = {
  records: 'records.search',
  cases: 'cases.list',
  lists: 'lists.list',
  backup: 'backup.status',
  keys: 'keys.list',
};

export function WarningsPanel() {
  const { t } = useI18n();
  const { may } = useSession();
  const user = useUser();
  const warnings = useCall('statistics.warnings');
  const [configuring, setConfiguring] = useState(false);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="warnings-panel"
      title={
        <Flex gap={8} align="center">
          <AlertOutlined />
          {t('warnings.title')}
          {warnings.data && warnings.data.length > 0 && <Tag color="warning">{warnings.data.length}</Tag>}
        </Flex>
      }
      extra={
        may('statistics.configureWarnings') && (
          <Button size="small" type="link" icon={<SettingOutlined />} onClick={() => setConfiguring(true)} data-testid="warnings-settings">
            {t('warnings.settings')}
          </Button>
        )
      }
    >
      <ErrorAlert error={warnings.error} />
      <List<WarningView>
        size="small"
        loading={warnings.loading && !warnings.data}
        dataSource={warnings.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warnings.none')} /> }}
        renderItem={(w) => (
          <List.Item
            data-testid={`warning-${w.kind}`}
            actions={
              may(LINK_NEEDS[w.link.page])
                ? [
                    <Typography.Link key="open" onClick={() => openWarning(user.login, w.link)} data-testid={`warning-open-${w.kind}`}>
                      {t('warnings.open')}
                    </Typography.Link>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Flex gap={8} align="center" wrap>
                  <Tag color={SEVERE.has(w.kind) ? 'error' : 'warning'}>{t(`warnings.kind.${w.kind}`)}</Tag>
                  <Typography.Text>{w.message}</Typography.Text>
                </Flex>
              }
              description={
                w.items.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {w.items
                      .slice(0, 3)
                      .map((i) => (i.detail ? `${i.label}（${i.detail}）` : i.label))
                      .join('；')}
                    {w.items.length > 3 ? ' …' : ''}
                  </Typography.Text>
                )
              }
            />
          </List.Item>
        )}
      />
      {configuring && (
        <WarningSettingsModal
          onClose={(saved) => {
            setConfiguring(false);
            if (saved) warnings.reload();
          }}
        />
      )}
    </Card>
  );
}

const FIELDS: { key: keyof WarningSettings; min: number; max: number }[] = [
  { key: 'recordsDueWithinWorkingDays', min: 0, max: 6 },
  { key: 'casesDueWithinWorkingDays', min: 0, max: 10 },
  { key: 'rejectionRiseMargin', min: 0, max: 100 },
  { key: 'rejectionMinAnswered', min: 1, max: 100_000 },
  { key: 'listMaxAgeDays', min: 1, max: 3650 },
  { key: 'backupMaxAgeDays', min: 1, max: 365 },
];

function WarningSettingsModal({ onClose }: { onClose: (saved: boolean) => void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const current = useCall('statistics.warningSettings');
  const [form] = Form.useForm<WarningSettings>();
  const [busy, setBusy] = useState(false);
  const save = async (values: WarningSettings) => {
    setBusy(true);
    try {
      await call('statistics.configureWarnings', values);
      message.success(t('warnings.set.saved'));
      onClose(true);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('warnings.settings')} onOk={() => form.submit()} okButtonProps={{ loading: busy }} onCancel={() => onClose(false)} destroyOnHidden>
      <ErrorAlert error={current.error} />
      {current.data && (
        <Form<WarningSettings> form={form} layout="horizontal" labelCol={{ span: 15 }} initialValues={current.data} onFinish={(v) => void save(v)}>
          {FIELDS.map((f) => (
            <Form.Item key={f.key} name={f.key} label={t(`warnings.set.${f.key}`)} rules={[{ required: true }]}>
              <InputNumber min={f.min} max={f.max} precision={f.key === 'rejectionRiseMargin' ? 1 : 0} data-testid={`warnings-set-${f.key}`} />
            </Form.Item>
          ))}
        </Form>
      )}
    </Modal>
  );
}
