import { Form, Input, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { setReasonAsker } from '../api/client';
import { useI18n } from '../i18n';

/**
 * Answers REASON_REQUIRED for every call of the window (api/client.ts): after many
 * searches by ID number in a short time the core asks why (issue 18). The reason
 * goes into the audit trail with the search; declining leaves the search refused.
 */
export function ReasonPrompt() {
  const { t } = useI18n();
  const [question, setQuestion] = useState<string | null>(null);
  const resolver = useRef<((reason: string | null) => void) | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  useEffect(() => {
    setReasonAsker(
      (message) =>
        new Promise((resolve) => {
          resolver.current = resolve;
          form.resetFields();
          setQuestion(message);
        }),
    );
    return () => setReasonAsker(null);
  }, [form]);

  const finish = (reason: string | null) => {
    resolver.current?.(reason);
    resolver.current = null;
    setQuestion(null);
  };

  return (
    <Modal
      open={question !== null}
      title={t('reasonPrompt.title')}
      okText={t('reasonPrompt.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => finish(null)}
      destroyOnHidden
      width={520}
    >
      <Typography.Paragraph data-testid="reason-question">{question}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="reason-prompt" onFinish={({ reason }) => finish(reason.trim())}>
        <Form.Item name="reason" label={t('reasonPrompt.label')} rules={[{ required: true, whitespace: true, min: 4, message: t('reasonPrompt.required') }]}>
          <Input.TextArea rows={2} maxLength={200} autoFocus data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
