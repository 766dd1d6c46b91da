import { FileZipOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Modal, Space, Typography } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import type { BatchView, VerifyReport } from '../../../../electron/contract';
import { call } from '../../api/client';
import { Person } from '../../api/people';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { useSession } from '../../session/SessionContext';
import { BatchDigest } from './BatchDigest';
import { fileToBase64 } from '../../lib/files';
import { CountsText } from './labels';

const CODES: Record<string, MessageKey> = {
  UNSAFE_ARCHIVE: 'batches.verify.code.UNSAFE_ARCHIVE',
  MALFORMED: 'batches.verify.code.MALFORMED',
  BAD_SIGNATURE: 'batches.verify.code.BAD_SIGNATURE',
  UNKNOWN_SIGNER: 'batches.verify.code.UNKNOWN_SIGNER',
  MEMBER_MISSING: 'batches.verify.code.MEMBER_MISSING',
  MEMBER_EXTRA: 'batches.verify.code.MEMBER_EXTRA',
  MEMBER_SIZE: 'batches.verify.code.MEMBER_SIZE',
  MEMBER_DIGEST: 'batches.verify.code.MEMBER_DIGEST',
  SEQUENCE_BREAK: 'batches.verify.code.SEQUENCE_BREAK',
  PREVIOUS_DIGEST: 'batches.verify.code.PREVIOUS_DIGEST',
};

interface Checked {
  fileName: string;
  report: VerifyReport;
}

/**
 * Whether the file is one this desk signed (same manifest digest): the strongest
 * statement the window can make about who signed it.
 */
function DeskMatch({ report, expected }: { report: VerifyReport; expected?: BatchView }) {
  const { t } = useI18n();
  const list = useCall('batches.list');
  if (!list.data) return null;
  const ours = list.data.find((b) => b.state === 'approved' && b.manifestSm3 === report.manifestSm3);
  const style = { marginBottom: 16 };
  if (!ours) return <Alert type="warning" showIcon style={style} title={t('batches.verify.notOurs')} data-testid="verify-match" />;
  if (expected && ours.batchId !== expected.batchId) {
    return (
      <Alert
        type="warning"
        showIcon
        style={style}
        data-testid="verify-match"
        title={t('batches.verify.otherBatch', { sequence: expected.sequence, other: ours.sequence })}
      />
    );
  }
  return <Alert type="info" showIcon style={style} title={t('batches.verify.ours', { sequence: ours.sequence })} data-testid="verify-match" />;
}

function Report({ checked, expected }: { checked: Checked; expected?: BatchView }) {
  const { t } = useI18n();
  const { may } = useSession();
  const { report } = checked;
  if (!report.ok) {
    const code = report.code ?? 'MALFORMED';
    return (
      <Alert
        type="error"
        showIcon
        data-testid="verify-result"
        title={t('batches.verify.invalid', { reason: CODES[code] ? t(CODES[code]) : code })}
        description={
          <>
            <div>{report.reason}</div>
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
              {code} · {checked.fileName}
            </Typography.Text>
          </>
        }
      />
    );
  }
  return (
    <>
      <Alert
        type="success"
        showIcon
        icon={<SafetyCertificateOutlined />}
        data-testid="verify-result"
        title={t('batches.verify.valid')}
        description={t('batches.verify.validHelp')}
        style={{ marginBottom: 16 }}
      />
      {may('batches.list') && <DeskMatch report={report} expected={expected} />}
      <Descriptions
        bordered
        size="small"
        column={2}
        data-testid="verify-summary"
        items={[
          { key: 'file', label: t('batches.verify.file'), span: 2, children: checked.fileName },
          { key: 'batchId', label: t('batches.fact.publicId'), children: <span className="mono">{report.batchId}</span> },
          { key: 'sequence', label: t('batches.fact.sequence'), children: report.sequence },
          {
            key: 'department',
            label: t('batches.verify.department'),
            span: 2,
            children: report.department ? t('batches.verify.departmentValue', report.department) : t('common.none'),
          },
          {
            key: 'operations',
            label: t('batches.fact.operations'),
            span: 2,
            children: (
              <>
                <strong>{t('batches.opsCount', { n: report.operations ?? 0 })}</strong>
                {report.counts && <CountsText counts={report.counts} />}
              </>
            ),
          },
          {
            key: 'approved',
            label: t('batches.verify.approved'),
            span: 2,
            children: report.approved ? <><Person login={report.approved.by} /> · {formatDateTime(report.approved.at)}</> : t('common.none'),
          },
          { key: 'signer', label: t('batches.fact.signer'), span: 2, children: <span className="mono">{report.signerFingerprint}</span> },
          { key: 'manifest', label: t('batches.fact.manifest'), span: 2, children: <BatchDigest value={report.manifestSm3 ?? null} full /> },
        ]}
      />
    </>
  );
}

/** 校验批次文件: checks a .zip as it will leave the office (signature, members, signer among the desk's keys). */
export function BatchVerifyModal({ open, onClose, expected }: { open: boolean; onClose: () => void; expected?: BatchView }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    if (busy) return;
    setChecked(null);
    setError(null);
    onClose();
  };

  const picked = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setChecked(null);
    setError(null);
    try {
      const content = await fileToBase64(file);
      const report = await call('batches.verify', { fileName: file.name, content });
      setChecked({ fileName: file.name, report });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('batches.verify.title')}
      onCancel={close}
      footer={
        <Button onClick={close} disabled={busy}>
          {t('batches.verify.close')}
        </Button>
      }
      destroyOnHidden
      width={680}
    >
      <Typography.Paragraph style={{ marginTop: 16 }}>{t('batches.verify.explain')}</Typography.Paragraph>
      <input ref={input} type="file" accept=".zip,application/zip" style={{ display: 'none' }} onChange={picked} data-testid="verify-file" />
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<FileZipOutlined />} loading={busy} onClick={() => input.current?.click()}>
          {checked ? t('batches.verify.pickAnother') : t('batches.verify.pick')}
        </Button>
      </Space>
      <ErrorAlert error={error} />
      {checked && <Report checked={checked} expected={expected} />}
    </Modal>
  );
}
