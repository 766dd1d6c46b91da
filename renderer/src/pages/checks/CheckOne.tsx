import { SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { MATTERS, type CheckResultView, type Matter } from '../../../../electron/contract';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { DraftNotice, useFormDraft } from '../../lib/drafts';

/** 核查单个主体: code, ID number or exact name, and the matter being decided. The result opens as the check's own page. */
export function CheckOne() {
  const { t } = useI18n();
  const [form] = Form.useForm<{ subject: string; matter: Matter }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const draft = useFormDraft<{ subject?: string; matter?: Matter }>({
    form: 'check:one',
    title: t('checks.tab.one'),
    read: () => form.getFieldsValue(true),
    restore: (d) => form.setFieldsValue(d),
  });

  const run = async ({ subject, matter }: { subject: string; matter: Matter }) => {
    setBusy(true);
    setError(null);
    try {
      const r: CheckResultView = await call('checks.run', { subject, matter });
      await draft.saved();
      navigate('checks', r.checkNo);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 900 }}>
      <DraftNotice draft={draft} onDiscarded={() => form.resetFields()} />
      <Form form={form} layout="vertical" onFinish={run} onValuesChange={draft.changed} requiredMark={false} initialValues={{ matter: '行政许可' }} data-testid="check-form">
        <Flex gap={12} wrap align="flex-start">
          <Form.Item
            name="subject"
            label={t('checks.one.subject')}
            rules={[{ required: true, whitespace: true, message: t('checks.one.subjectRequired') }]}
            extra={t('checks.one.subjectHelp')}
            style={{ flex: 1, minWidth: 320 }}
          >
            <Input allowClear placeholder={t('checks.one.subjectPlaceholder')} maxLength={200} />
          </Form.Item>
          <Form.Item name="matter" label={t('checks.field.matter')} style={{ width: 180 }}>
            <Select options={MATTERS.map((m) => ({ value: m, label: m }))} aria-label={t('checks.field.matter')} />
          </Form.Item>
          <Form.Item label=" ">
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={busy}>
              {t('checks.one.run')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('checks.one.logged')}
      </Typography.Paragraph>
    </div>
  );
}
