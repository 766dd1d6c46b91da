import { PrinterOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { SubjectDetail } from '../../../../electron/contract';
import { PrintPreview, type PrintJob } from '../../components/print/PrintPreview';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/SessionContext';

interface Options {
  withHistory: boolean;
  unmask: boolean;
  reason?: string;
}

/** 打印信用档案: choose what goes in, then preview, save or print the core's PDF. */
export function CreditFilePrint({ subject }: { subject: SubjectDetail }) {
  const { t } = useI18n();
  const { may } = useSession();
  const [choosing, setChoosing] = useState(false);
  const [request, setRequest] = useState<PrintJob | null>(null);
  const [form] = Form.useForm<Options>();
  const unmask = Form.useWatch('unmask', form);
  const canUnmask = subject.codeType === 'id' && may('records.unmask');
  if (!may('print.creditFile')) return null;

  const produce = (o: Options) => {
    setChoosing(false);
    const input = { subjectId: subject.subjectId, withHistory: o.withHistory, ...(o.unmask && o.reason ? { unmaskReason: o.reason.trim() } : {}) };
    setRequest({ method: 'print.creditFile', input });
  };

  return (
    <>
      <Button icon={<PrinterOutlined />} onClick={() => setChoosing(true)} data-testid="print-credit-file">
        {t('print.creditFile.button')}
      </Button>
      <Modal
        open={choosing}
        title={t('print.creditFile.title')}
        okText={t('print.creditFile.preview')}
        onOk={() => form.submit()}
        onCancel={() => setChoosing(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('print.creditFile.intro')}</Typography.Paragraph>
        <Form<Options> form={form} layout="vertical" initialValues={{ withHistory: false, unmask: false }} onFinish={produce} preserve={false}>
          <Form.Item name="withHistory" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox data-testid="print-with-history">{t('print.creditFile.withHistory')}</Checkbox>
          </Form.Item>
          {canUnmask && (
            <Form.Item name="unmask" valuePropName="checked" extra={t('print.creditFile.unmaskHelp')}>
              <Checkbox data-testid="print-unmask">{t('print.creditFile.unmask')}</Checkbox>
            </Form.Item>
          )}
          {canUnmask && unmask && (
            <Form.Item
              name="reason"
              label={t('print.creditFile.reason')}
              rules={[{ required: true, whitespace: true, min: 4, message: t('print.creditFile.reasonRequired') }]}
            >
              <Input maxLength={200} placeholder={t('print.creditFile.reasonPlaceholder')} data-testid="print-reason" />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <PrintPreview request={request} title={`${t('print.creditFile.title')} · ${subject.name}`} onClose={() => setRequest(null)} />
    </>
  );
}
