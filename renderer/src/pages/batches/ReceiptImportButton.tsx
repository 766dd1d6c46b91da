import { ImportOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Modal, Result, Typography } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import type { ReceiptSummary } from '../../../../electron/contract';
import { call } from '../../api/client';
import { useI18n } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { fileToBase64 } from '../../lib/files';

type Outcome = { kind: 'done'; fileName: string; summary: ReceiptSummary } | { kind: 'failed'; fileName: string; error: unknown };

/**
 * 导入回执: the platform's answer (.json or .xlsx). The receipt names its batch;
 * a refused receipt changes nothing and the core says why.
 */
export function ReceiptImportButton({
  onImported,
  type = 'default',
  hidden = false,
}: {
  onImported: (summary: ReceiptSummary) => void;
  type?: 'default' | 'primary';
  /** No button (the batch has its receipt), but the outcome of an import just made stays on screen. */
  hidden?: boolean;
}) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const picked = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // the same file may be picked again after a fix
    if (!file) return;
    if (!/\.(json|xlsx)$/i.test(file.name)) {
      message.error(t('receipts.wrongType', { name: file.name }));
      return;
    }
    setBusy(true);
    try {
      const content = await fileToBase64(file);
      const summary = await call('receipts.import', { fileName: file.name, content });
      setOutcome({ kind: 'done', fileName: file.name, summary });
      onImported(summary);
    } catch (error) {
      setOutcome({ kind: 'failed', fileName: file.name, error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        style={{ display: 'none' }}
        onChange={picked}
        data-testid="receipt-file"
      />
      {!hidden && (
        <Button type={type} icon={<ImportOutlined />} loading={busy} onClick={() => input.current?.click()}>
          {t('receipts.import')}
        </Button>
      )}
      <Modal
        open={outcome !== null}
        title={t('receipts.resultTitle')}
        onCancel={() => setOutcome(null)}
        footer={
          outcome?.kind === 'done' && outcome.summary.rejected > 0
            ? [
                <Button key="close" onClick={() => setOutcome(null)}>
                  {t('receipts.close')}
                </Button>,
                <Button
                  key="rectify"
                  type="primary"
                  onClick={() => {
                    setOutcome(null);
                    navigate('batches', 'rectify');
                  }}
                >
                  {t('receipts.toRectify')}
                </Button>,
              ]
            : [
                <Button key="close" type="primary" onClick={() => setOutcome(null)}>
                  {t('receipts.close')}
                </Button>,
              ]
        }
        destroyOnHidden
        width={560}
      >
        {outcome?.kind === 'done' && (
          <Result
            status={outcome.summary.rejected > 0 ? 'warning' : 'success'}
            title={t('receipts.done', { batch: outcome.summary.publicId })}
            subTitle={outcome.summary.rejected > 0 ? t('receipts.doneRejected') : t('receipts.doneAllAccepted')}
            style={{ padding: '16px 0 0' }}
          >
            <Descriptions
              bordered
              size="small"
              column={1}
              data-testid="receipt-summary"
              items={[
                { key: 'file', label: t('receipts.file'), children: outcome.fileName },
                { key: 'batch', label: t('receipts.batch'), children: <span className="mono">{outcome.summary.publicId}</span> },
                { key: 'accepted', label: t('receipts.acceptedLabel'), children: outcome.summary.accepted },
                { key: 'rejected', label: t('receipts.rejectedLabel'), children: outcome.summary.rejected },
                { key: 'updated', label: t('receipts.recordsUpdated'), children: outcome.summary.recordsUpdated },
              ]}
            />
          </Result>
        )}
        {outcome?.kind === 'failed' && (
          <Result status="error" title={t('receipts.refused')} style={{ padding: '16px 0 0' }}>
            <Typography.Paragraph data-testid="receipt-error">{errorText(outcome.error)}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('receipts.refusedNothingChanged', { name: outcome.fileName })}</Typography.Paragraph>
          </Result>
        )}
      </Modal>
    </>
  );
}
