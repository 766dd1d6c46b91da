import { ImportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Descriptions, Modal, Result, Table, Tag, Typography } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import type { ReceiptPreview, ReceiptSummary } from '../../../../electron/contract';
import { call } from '../../api/client';
import { useI18n } from '../../i18n';
import { fileToBase64 } from '../../lib/files';
import { formatCount } from '../../lib/format';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';

type Step =
  | { kind: 'preview'; fileName: string; content: string; preview: ReceiptPreview }
  | { kind: 'done'; fileName: string; summary: ReceiptSummary }
  | { kind: 'failed'; fileName: string; error: unknown };

/**
 * 导入回执: the platform's answer (.json or .xlsx). It is read and shown first —
 * which batch, how many accepted and rejected, the first rejections with the
 * platform's codes — and applied only when confirmed: a batch takes one receipt.
 * A refused receipt changes nothing and the core says why.
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
  const { user } = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step | null>(null);
  // An unsigned receipt: only an approver imports it, ticking that its source was checked (issue 18).
  const [unsignedChecked, setUnsignedChecked] = useState(false);
  const approver = user?.roles.includes('approver') ?? false;

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
      const preview = await call('receipts.preview', { fileName: file.name, content });
      setUnsignedChecked(false);
      setStep({ kind: 'preview', fileName: file.name, content, preview });
    } catch (error) {
      setStep({ kind: 'failed', fileName: file.name, error });
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (step?.kind !== 'preview') return;
    setBusy(true);
    try {
      const summary = await call('receipts.import', { fileName: step.fileName, content: step.content, confirmUnsigned: step.preview.signer === null && unsignedChecked });
      setStep({ kind: 'done', fileName: step.fileName, summary });
      onImported(summary);
    } catch (error) {
      setStep({ kind: 'failed', fileName: step.fileName, error });
    } finally {
      setBusy(false);
    }
  };

  const close = () => setStep(null);
  const footer =
    step?.kind === 'preview'
      ? [
          <Button key="cancel" onClick={close} disabled={busy}>
            {t('common.cancel')}
          </Button>,
          <Button
            key="confirm"
            type="primary"
            loading={busy}
            disabled={step.preview.signer === null && (!approver || !unsignedChecked)}
            onClick={() => void confirm()}
            data-testid="receipt-confirm"
          >
            {t('receipts.confirm')}
          </Button>,
        ]
      : step?.kind === 'done' && step.summary.rejected > 0
        ? [
            <Button key="close" onClick={close}>
              {t('receipts.close')}
            </Button>,
            <Button
              key="rectify"
              type="primary"
              onClick={() => {
                close();
                navigate('batches', 'rectify');
              }}
            >
              {t('receipts.toRectify')}
            </Button>,
          ]
        : [
            <Button key="close" type="primary" onClick={close}>
              {t('receipts.close')}
            </Button>,
          ];

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
        <Button type={type} icon={<ImportOutlined />} loading={busy && step === null} onClick={() => input.current?.click()}>
          {t('receipts.import')}
        </Button>
      )}
      <Modal
        open={step !== null}
        title={step?.kind === 'preview' ? t('receipts.previewTitle') : t('receipts.resultTitle')}
        onCancel={busy ? undefined : close}
        closable={!busy}
        footer={footer}
        destroyOnHidden
        width={step?.kind === 'preview' ? 760 : 560}
      >
        {step?.kind === 'preview' && <PreviewBody fileName={step.fileName} preview={step.preview} />}
        {step?.kind === 'preview' && <SignerNote preview={step.preview} approver={approver} checked={unsignedChecked} onCheck={setUnsignedChecked} />}
        {step?.kind === 'done' && (
          <Result
            status={step.summary.rejected > 0 ? 'warning' : 'success'}
            title={t('receipts.done', { batch: step.summary.publicId })}
            subTitle={step.summary.rejected > 0 ? t('receipts.doneRejected') : t('receipts.doneAllAccepted')}
            style={{ padding: '16px 0 0' }}
          >
            <Descriptions
              bordered
              size="small"
              column={1}
              data-testid="receipt-summary"
              items={[
                { key: 'file', label: t('receipts.file'), children: step.fileName },
                { key: 'batch', label: t('receipts.batch'), children: <span className="mono">{step.summary.publicId}</span> },
                { key: 'accepted', label: t('receipts.acceptedLabel'), children: formatCount(step.summary.accepted) },
                { key: 'rejected', label: t('receipts.rejectedLabel'), children: formatCount(step.summary.rejected) },
                { key: 'updated', label: t('receipts.recordsUpdated'), children: formatCount(step.summary.recordsUpdated) },
              ]}
            />
          </Result>
        )}
        {step?.kind === 'failed' && (
          <Result status="error" title={t('receipts.refused')} style={{ padding: '16px 0 0' }}>
            <Typography.Paragraph data-testid="receipt-error">{errorText(step.error)}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('receipts.refusedNothingChanged', { name: step.fileName })}</Typography.Paragraph>
          </Result>
        )}
      </Modal>
    </>
  );
}

/**
 * Who signed the receipt: a pinned platform key (named, with its fingerprint), or
 * nobody — then only an approver imports it, ticking that the source was checked;
 * the audit trail marks it unauthenticated.
 */
function SignerNote({ preview, approver, checked, onCheck }: { preview: ReceiptPreview; approver: boolean; checked: boolean; onCheck: (v: boolean) => void }) {
  const { t } = useI18n();
  if (preview.signer) {
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginTop: 12 }}
        data-testid="receipt-signed"
        title={t('receipts.signedBy', { label: preview.signer.label })}
        description={<span className="mono">{preview.signer.fingerprint}</span>}
      />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 12 }}
      data-testid="receipt-unsigned"
      title={t('receipts.unsigned')}
      description={
        approver ? (
          <Checkbox checked={checked} onChange={(e) => onCheck(e.target.checked)} data-testid="receipt-unsigned-confirm">
            {t('receipts.unsignedConfirm')}
          </Checkbox>
        ) : (
          t('receipts.unsignedClerk')
        )
      }
    />
  );
}

/** What confirming would do: the batch, the counts and the first rejections with the platform's codes. */
function PreviewBody({ fileName, preview }: { fileName: string; preview: ReceiptPreview }) {
  const { t } = useI18n();
  return (
    <div data-testid="receipt-preview">
      <Alert type="info" showIcon style={{ margin: '12px 0 16px' }} title={t('receipts.previewExplain', { sequence: preview.sequence })} />
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: 'file', label: t('receipts.file'), span: 2, children: fileName },
          {
            key: 'batch',
            label: t('receipts.batch'),
            span: 2,
            children: (
              <>
                {t('batches.sequenceName', { sequence: preview.sequence })} <span className="mono nowrap">{preview.publicId}</span>
              </>
            ),
          },
          { key: 'operations', label: t('receipts.operations'), span: 2, children: formatCount(preview.operations) },
          { key: 'accepted', label: t('receipts.acceptedLabel'), children: <span data-testid="preview-accepted">{formatCount(preview.accepted)}</span> },
          { key: 'rejected', label: t('receipts.rejectedLabel'), children: <span data-testid="preview-rejected">{formatCount(preview.rejected)}</span> },
        ]}
      />
      {preview.unanswered > 0 && (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('receipts.unanswered', { n: formatCount(preview.unanswered) })} />
      )}
      {preview.rejections.length > 0 && (
        <>
          <Typography.Title level={5} style={{ margin: '16px 0 8px' }}>
            {preview.rejected > preview.rejections.length
              ? t('receipts.firstRejections', { n: preview.rejections.length, total: formatCount(preview.rejected) })
              : t('receipts.rejections')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="opId"
            pagination={false}
            dataSource={preview.rejections}
            scroll={{ y: 240 }}
            data-testid="preview-rejections"
            columns={[
              { title: t('batches.col.subject'), dataIndex: 'subjectName' },
              { title: t('batches.col.decisionNo'), dataIndex: 'decisionNo', width: 190 },
              {
                title: t('receipts.col.reason'),
                key: 'reason',
                width: 260,
                render: (_: unknown, r: ReceiptPreview['rejections'][number]) => (
                  <>
                    {r.code && (
                      <Tag color="error" className="mono">
                        {r.code}
                      </Tag>
                    )}
                    {r.message}
                  </>
                ),
              },
            ]}
          />
        </>
      )}
    </div>
  );
}
