import { App, AutoComplete, Button, Flex, Form, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { MEASURES, type CheckResultView, type FeedbackView } from '../../../../electron/contract';
import { call } from '../../api/client';
import { Person } from '../../api/people';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';

const STATUS_COLORS: Record<FeedbackView['status'], string> = { queued: 'default', prepared: 'processing', sent: 'blue', accepted: 'success', rejected: 'error' };

/** 联合奖惩反馈: what was applied on the strength of this check; it goes to the platform with the next batch. */
export function FeedbackPanel({ check, mayRecord, onRecorded }: { check: CheckResultView; mayRecord: boolean; onRecorded: () => void }) {
  const { t, errorText } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ measure: string; note: string }>();
  const [saving, setSaving] = useState(false);
  // The measures the hits name for this matter first, then the common ones for the same kind of list.
  const effects = new Set(check.hits.map((h) => h.effect));
  const suggested = [
    ...check.hits.flatMap((h) => h.measures),
    ...MEASURES.filter((m) => effects.has(m.effect) && m.matters.includes(check.matter)).map((m) => m.measure),
  ];
  const options = [...new Set(suggested)].map((value) => ({ value }));

  // Feedback cannot be changed once recorded (it goes to the platform): confirmed first.
  const confirm = (v: { measure: string; note: string }) => {
    void modal.confirm({
      title: t('checks.feedback.confirmTitle'),
      content: t('checks.feedback.confirmText', { measure: v.measure, note: v.note?.trim() || t('common.none'), checkNo: check.checkNo }),
      okText: t('checks.feedback.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => record(v),
    });
  };

  const record = async ({ measure, note }: { measure: string; note: string }) => {
    setSaving(true);
    try {
      await call('checks.feedback', { checkNo: check.checkNo, measure, note: note ?? '' });
      message.success(t('checks.feedback.saved'));
      form.resetFields();
      onRecorded();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      {check.feedback.length > 0 ? (
        <Table<FeedbackView>
          size="small"
          rowKey="feedbackId"
          pagination={false}
          dataSource={check.feedback}
          style={{ marginBottom: mayRecord ? 16 : 0 }}
          data-testid="feedback-list"
          columns={[
            { title: t('checks.feedback.col.measure'), dataIndex: 'measure', width: 180 },
            { title: t('checks.feedback.col.note'), dataIndex: 'note', render: (n: string) => n || t('common.none') },
            { title: t('checks.feedback.col.by'), key: 'by', width: 200, render: (_: unknown, f) => <><Person login={f.by} /> {formatDateTime(f.at)}</> },
            {
              title: t('checks.feedback.col.status'),
              key: 'status',
              width: 200,
              render: (_: unknown, f) => (
                <>
                  <Tag color={STATUS_COLORS[f.status]}>{t(`checks.feedback.status.${f.status}`, { sequence: f.batchSequence ?? '' })}</Tag>
                  {f.receipt?.message && <Typography.Text type="danger">{f.receipt.message}</Typography.Text>}
                </>
              ),
            },
          ]}
        />
      ) : (
        !mayRecord && <Typography.Text type="secondary">{t('checks.feedback.none')}</Typography.Text>
      )}
      {mayRecord && (
        <Form form={form} layout="vertical" onFinish={confirm} requiredMark={false} data-testid="feedback-form">
          <Flex gap={12} wrap align="flex-start">
            <Form.Item
              name="measure"
              label={t('checks.feedback.measure')}
              rules={[{ required: true, min: 2, message: t('checks.feedback.measureRequired') }]}
              style={{ width: 260, marginBottom: 8 }}
            >
              <AutoComplete options={options} placeholder={t('checks.feedback.measurePlaceholder')} filterOption={(input, o) => (o?.value ?? '').includes(input)} />
            </Form.Item>
            <Form.Item name="note" label={t('checks.feedback.note')} style={{ flex: 1, minWidth: 260, marginBottom: 8 }}>
              <Input maxLength={500} placeholder={t('checks.feedback.notePlaceholder')} />
            </Form.Item>
            <Form.Item label=" " style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" loading={saving}>
                {t('checks.feedback.submit')}
              </Button>
            </Form.Item>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('checks.feedback.explain')}
          </Typography.Text>
        </Form>
      )}
    </>
  );
}
