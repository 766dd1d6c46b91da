import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useI18n } from '../../i18n';

/**
 * Exports show personal ID numbers masked. Whoever may unmask can export them in
 * clear, saying why: the reason and the exported records go into the audit trail.
 */
export function ExportUnmaskedModal({ open, onCancel, onExport }: { open: boolean; onCancel: () => void; onExport: (format: 'xlsx' | 'csv', reason: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ format: 'xlsx' | 'csv'; reason: string }>();
  return (
    <Modal
      open={open}
      title={t('records.export.unmasked.title')}
      okText={t('records.export.button')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      width={480}
    >
      <Alert type="warning" showIcon title={t('records.export.unmasked.warning')} style={{ margin: '16px 0' }} />
      <Form form={form} layout="vertical" name="export-unmasked" initialValues={{ format: 'xlsx' }} preserve={false} onFinish={({ format, reason }) => onExport(format, reason.trim())}>
        <Form.Item name="format" label={t('records.export.unmasked.format')}>
          <Radio.Group options={[{ value: 'xlsx', label: 'Excel (.xlsx)' }, { value: 'csv', label: 'CSV' }]} />
        </Form.Item>
        <Form.Item name="reason" label={t('records.export.unmasked.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('records.export.unmasked.reasonRequired') }]}>
          <Input maxLength={200} autoFocus placeholder={t('records.export.unmasked.placeholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
