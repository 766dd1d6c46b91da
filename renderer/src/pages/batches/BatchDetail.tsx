import { ArrowLeftOutlined, CloseCircleOutlined, DownloadOutlined, PrinterOutlined, RollbackOutlined, SafetyCertificateOutlined, SignatureOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Result, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { BatchView } from '../../../../electron/contract';
import { PrintPreview, type PrintJob } from '../../components/print/PrintPreview';
import { call } from '../../api/client';
import { useCall } from '../../api/hooks';
import { LoadState } from '../../components/LoadState';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { navigate } from '../../lib/hashRoute';
import { useSession, useUser } from '../../session/SessionContext';
import { BatchApproveModal } from './BatchApproveModal';
import { BatchDigest } from './BatchDigest';
import { BatchOperations } from './BatchOperations';
import { BatchReasonModal } from './BatchReasonModal';
import { BatchVerifyModal } from './BatchVerifyModal';
import { downloadBase64 } from '../../lib/files';
import { ReceiptSummaryText } from './HistoryTab';
import { BatchStateTag, batchPath, CountsText } from './labels';
import { Person, usePeople } from '../../api/people';
import { formatCount } from '../../lib/format';
import { ReceiptImportButton } from './ReceiptImportButton';

const DECIDED: Record<BatchView['state'], MessageKey> = {
  prepared: 'batches.fact.decided',
  approved: 'batches.fact.approved',
  returned: 'batches.fact.returned',
  cancelled: 'batches.fact.cancelled',
};

/** The state's explanation for the person looking at it. */
function StateNotice({ batch, signingKeyMissing }: { batch: BatchView; signingKeyMissing: boolean }) {
  const { t } = useI18n();
  const { may } = useSession();
  const me = useUser();
  const { name } = usePeople();
  const params = { sequence: batch.sequence, by: name(batch.decidedBy), at: formatDateTime(batch.decidedAt), reason: batch.reason ?? '' };
  let notice: ReactNode = null;
  if (batch.state === 'prepared') {
    if (may('batches.approve') && batch.preparedBy === me.login) {
      notice = <Alert type="warning" showIcon title={t('batches.notice.ownBatch')} />;
    } else if (may('batches.approve') && signingKeyMissing) {
      notice = (
        <Alert
          type="warning"
          showIcon
          title={t('batches.approve.noKey')}
          description={t('batches.approve.noKeyHelp')}
          action={
            <Button type="primary" onClick={() => navigate('batches', 'keys')}>
              {t('batches.approve.toKeys')}
            </Button>
          }
        />
      );
    } else if (may('batches.approve')) {
      notice = <Alert type="info" showIcon title={t('batches.notice.review')} />;
    } else {
      notice = <Alert type="info" showIcon title={t('batches.notice.waiting')} />;
    }
  } else if (batch.state === 'approved') {
    notice = batch.receiptAt ? null : <Alert type="success" showIcon title={t('batches.notice.approved')} />;
  } else {
    notice = (
      <Alert
        type="warning"
        showIcon
        title={t(batch.state === 'returned' ? 'batches.notice.returned' : 'batches.notice.cancelled', params)}
        description={t('batches.notice.backInQueue', { sequence: batch.sequence })}
      />
    );
  }
  return notice ? <div style={{ marginBottom: 16 }}>{notice}</div> : null;
}

function Facts({ batch }: { batch: BatchView }) {
  const { t } = useI18n();
  const who = (by: string | null, at: string | null) =>
    by && at ? (
      <>
        <Person login={by} withLogin /> · {formatDateTime(at)}
      </>
    ) : (
      t('common.none')
    );
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      className="batch-facts"
      data-testid="batch-facts"
      items={[
        { key: 'publicId', label: t('batches.fact.publicId'), children: <span className="mono">{batch.publicId}</span> },
        { key: 'state', label: t('batches.fact.state'), children: <BatchStateTag state={batch.state} receipt={batch.receipt} /> },
        {
          key: 'operations',
          label: t('batches.fact.operations'),
          span: 2,
          children: (
            <>
              <strong>{t('batches.opsCount', { n: formatCount(batch.operations) })}</strong>
              <CountsText counts={batch.counts} />
            </>
          ),
        },
        ...(batch.late
          ? [
              {
                key: 'late',
                label: t('batches.fact.late'),
                span: 2,
                children: (
                  <span data-testid="batch-late">
                    {batch.late.count > 0 ? (
                      <Typography.Text type="danger">{t('batches.late.some', { n: batch.late.count, date: batch.late.reference })}</Typography.Text>
                    ) : (
                      <Typography.Text type="success">{t('batches.late.none', { date: batch.late.reference })}</Typography.Text>
                    )}
                  </span>
                ),
              },
            ]
          : []),
        { key: 'prepared', label: t('batches.fact.prepared'), children: who(batch.preparedBy, batch.preparedAt) },
        { key: 'decided', label: t(DECIDED[batch.state]), children: who(batch.decidedBy, batch.decidedAt) },
        ...(batch.reason ? [{ key: 'reason', label: t('batches.fact.reason'), span: 2, children: batch.reason }] : []),
        ...(batch.state === 'approved'
          ? [
              { key: 'manifest', label: t('batches.fact.manifest'), span: 2, children: <BatchDigest value={batch.manifestSm3} full /> },
              { key: 'signer', label: t('batches.fact.signer'), children: <span className="mono">{batch.signerFingerprint ?? t('common.none')}</span> },
              { key: 'file', label: t('batches.fact.file'), children: <span className="mono">{batch.fileName ?? t('common.none')}</span> },
              {
                key: 'receipt',
                label: t('batches.fact.receipt'),
                span: 2,
                children: (
                  <Space wrap>
                    <ReceiptSummaryText batch={batch} />
                    {batch.receiptAt && <Typography.Text type="secondary">{t('receipts.importedAt', { at: formatDateTime(batch.receiptAt) })}</Typography.Text>}
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

function Detail({ batch, attempts, reload }: { batch: BatchView; attempts: BatchView[]; reload: () => void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const { may } = useSession();
  const me = useUser();
  const reviewer = may('batches.approve');
  const keys = useCall('keys.list');
  const myKey = keys.data ? (keys.data.find((k) => k.login === me.login && k.active) ?? null) : undefined;
  const [approving, setApproving] = useState(false);
  const [reasonFor, setReasonFor] = useState<'reject' | 'cancel' | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [sheet, setSheet] = useState<PrintJob | null>(null);

  const prepared = batch.state === 'prepared';
  const approved = batch.state === 'approved';
  const ownBatch = batch.preparedBy === me.login;

  const exportFile = async () => {
    setExporting(true);
    try {
      const file = await call('batches.export', { batchId: batch.batchId });
      downloadBase64(file.content, file.fileName, 'application/zip');
      message.success(t('batches.export.done', { name: file.fileName }));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setExporting(false);
    }
  };

  const actions: ReactNode[] = [];
  if (prepared && reviewer) {
    actions.push(
      <Button key="approve" type="primary" icon={<SignatureOutlined />} disabled={ownBatch} onClick={() => setApproving(true)}>
        {t('batches.approve.button')}
      </Button>,
      <Button key="reject" danger icon={<RollbackOutlined />} onClick={() => setReasonFor('reject')}>
        {t('batches.reject.button')}
      </Button>,
    );
  }
  if (prepared && may('batches.cancel')) {
    actions.push(
      <Button key="cancel" danger icon={<CloseCircleOutlined />} onClick={() => setReasonFor('cancel')}>
        {t('batches.cancel.button')}
      </Button>,
    );
  }
  if (approved && may('batches.export')) {
    actions.push(
      <Button key="export" type="primary" icon={<DownloadOutlined />} loading={exporting} onClick={exportFile}>
        {t('batches.export.button')}
      </Button>,
    );
  }
  if (approved && may('receipts.import')) {
    // A platform may answer in parts: the button stays while operations have no result yet.
    const answered = batch.receipt ? batch.receipt.accepted + batch.receipt.rejected : 0;
    actions.push(<ReceiptImportButton key="receipt" onImported={reload} hidden={answered >= batch.operations} />);
  }
  if (approved) {
    actions.push(
      <Button key="verify" icon={<SafetyCertificateOutlined />} onClick={() => setVerifying(true)}>
        {t('batches.verify.button')}
      </Button>,
    );
  }
  if (approved && may('print.batchSheet')) {
    actions.push(
      <Button key="print" icon={<PrinterOutlined />} onClick={() => setSheet({ method: 'print.batchSheet', input: { batchId: batch.batchId } })} data-testid="print-batch-sheet">
        {t('print.batchSheet.button')}
      </Button>,
    );
  }

  return (
    <>
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <Space size={12} align="center" wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {attempts.length > 1
              ? t('batches.detail.attemptTitle', { sequence: batch.sequence, attempt: batch.attempt })
              : t('batches.detail.title', { sequence: batch.sequence })}
          </Typography.Title>
          <BatchStateTag state={batch.state} receipt={batch.receipt} />
        </Space>
        <Space wrap data-testid="batch-actions">
          {actions}
        </Space>
      </Flex>
      <StateNotice batch={batch} signingKeyMissing={myKey === null} />
      {attempts.length > 1 && <Attempts batch={batch} attempts={attempts} />}
      <Facts batch={batch} />
      <Card size="small" title={t('batches.detail.operations')} style={{ marginTop: 24 }} styles={{ body: { paddingTop: 12 } }}>
        {(batch.state === 'returned' || batch.state === 'cancelled') && (
          <Typography.Paragraph type="secondary" data-testid="batch-released">
            {t('batches.detail.released')}
          </Typography.Paragraph>
        )}
        {/* Remounted when the batch changes state or gets its receipt, so every row shows the new facts. */}
        <BatchOperations key={`${batch.state}:${batch.receiptAt ?? ''}`} batch={batch} />
      </Card>
      <BatchApproveModal
        batch={batch}
        signingKey={myKey}
        open={approving}
        onClose={() => setApproving(false)}
        onApproved={(b) => {
          setApproving(false);
          message.success(t('batches.approve.done', { sequence: b.sequence }));
          reload();
        }}
      />
      <BatchReasonModal
        batch={batch}
        action={reasonFor}
        onClose={() => setReasonFor(null)}
        onDone={(b) => {
          message.success(t(reasonFor === 'reject' ? 'batches.reject.done' : 'batches.cancel.done', { sequence: b.sequence }));
          setReasonFor(null);
          reload();
        }}
      />
      <BatchVerifyModal open={verifying} onClose={() => setVerifying(false)} expected={batch} />
      <PrintPreview request={sheet} title={t('print.batchSheet.title', { sequence: batch.sequence })} onClose={() => setSheet(null)} />
    </>
  );
}

/** The preparations of one batch number, the one shown marked, each a link. */
function Attempts({ batch, attempts }: { batch: BatchView; attempts: BatchView[] }) {
  const { t } = useI18n();
  const latest = Math.max(...attempts.map((a) => a.attempt));
  return (
    <Typography.Paragraph type="secondary" data-testid="batch-attempts">
      {t('batches.detail.attempts', { n: attempts.length })}
      {[...attempts]
        .sort((a, b) => a.attempt - b.attempt)
        .map((a, i) => (
          <span key={a.batchId}>
            {i > 0 && t('batches.listSeparator')}
            {a.batchId === batch.batchId ? (
              <strong>{t('batches.detail.attemptLink', { attempt: a.attempt, state: t(`batches.state.${a.state}`) })}</strong>
            ) : (
              <Typography.Link onClick={() => navigate(...batchPath(a, a.attempt === latest))}>
                {t('batches.detail.attemptLink', { attempt: a.attempt, state: t(`batches.state.${a.state}`) })}
              </Typography.Link>
            )}
          </span>
        ))}
    </Typography.Paragraph>
  );
}

/**
 * One batch, found by its number (and preparation): its facts, the actions its state
 * and the person's roles allow, and its operations.
 */
export function BatchDetail({ sequence, attempt }: { sequence: number; attempt: number | null }) {
  const { t } = useI18n();
  const list = useCall('batches.list');
  const attempts = (list.data ?? []).filter((b) => b.sequence === sequence);
  const shown = attempt === null ? [...attempts].sort((a, b) => b.attempt - a.attempt)[0] : attempts.find((b) => b.attempt === attempt);
  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('batches', 'history')} style={{ paddingInline: 0, marginBottom: 8 }}>
        {t('batches.detail.back')}
      </Button>
      <LoadState {...list}>
        {() => (shown ? <Detail batch={shown} attempts={attempts} reload={list.reload} /> : <Result status="404" title={t('batches.detail.notFound', { sequence })} />)}
      </LoadState>
    </>
  );
}
