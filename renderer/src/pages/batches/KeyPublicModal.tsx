import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import { createPortal } from 'react-dom';
import type { SigningKeyView } from '../../../../electron/contract';
import { CopyButton } from '../../components/CopyButton';
import { useI18n } from '../../i18n';
import { formatDate, today } from '../../lib/dates';
import { useUser } from '../../session/SessionContext';
import { useDepartment } from '../shell/DepartmentContext';
import { downloadText } from '../../lib/files';

export interface ExportedKey {
  pem: string;
  fingerprint: string;
  fileName: string;
  key: SigningKeyView;
  /** Just generated: the PEM has not been downloaded yet. */
  fresh: boolean;
}

/** The public-key registration sheet: only on paper (styles.css, @media print). */
function KeyPrintSheet({ exported }: { exported: ExportedKey }) {
  const { t } = useI18n();
  const { department } = useDepartment();
  const me = useUser();
  const holder = exported.key.login === me.login ? t('keys.sheet.holderValue', { name: me.name, login: me.login }) : exported.key.login;
  const rows: [string, string][] = [
    [t('keys.sheet.department'), department?.name ?? ''],
    [t('keys.sheet.uscc'), department?.uscc ?? ''],
    [t('keys.sheet.holder'), holder],
    [t('keys.sheet.created'), formatDate(exported.key.createdAt)],
    [t('keys.sheet.algorithm'), t('keys.sheet.algorithmValue')],
    [t('keys.sheet.date'), today()],
  ];
  return createPortal(
    <section className="print-sheet" aria-hidden="true">
      <h1>{t('keys.sheet.heading')}</h1>
      <table>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th>{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="print-sheet-label">{t('keys.sheet.fingerprint')}</p>
      <p className="print-sheet-code">{exported.fingerprint}</p>
      <p className="print-sheet-label">{t('keys.sheet.pem')}</p>
      <pre className="print-sheet-note">{exported.pem}</pre>
      <p className="print-sheet-note">{t('keys.sheet.note')}</p>
      <p>{t('keys.sheet.sign')}</p>
    </section>,
    document.body,
  );
}

async function printSheet() {
  await document.fonts.ready;
  window.print();
}

/** The exported public key: its fingerprint large (for the registration sheet), the PEM, download and print. */
export function KeyPublicModal({ exported, onClose }: { exported: ExportedKey | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={exported !== null}
      title={exported?.fresh ? t('keys.public.freshTitle') : t('keys.public.title')}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('keys.public.close')}
        </Button>
      }
      destroyOnHidden
      rootClassName="key-public-modal"
      width={640}
    >
      {exported && (
        <>
          <Alert
            type={exported.fresh ? 'success' : 'info'}
            showIcon
            style={{ margin: '16px 0' }}
            title={exported.fresh ? t('keys.public.freshBody') : t('keys.public.downloaded', { name: exported.fileName })}
          />
          <Typography.Text type="secondary">{t('keys.fingerprint.label')}</Typography.Text>
          <div className="key-fingerprint-box" data-testid="public-fingerprint">
            {exported.fingerprint}
          </div>
          <Space wrap style={{ marginBottom: 16 }}>
            <CopyButton text={exported.fingerprint} />
            <Button
              type={exported.fresh ? 'primary' : 'default'}
              icon={<DownloadOutlined />}
              onClick={() => downloadText(exported.pem, exported.fileName, 'application/x-pem-file')}
            >
              {t('keys.public.download')}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={printSheet}>
              {t('keys.public.print')}
            </Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {t('keys.public.pemLabel', { name: exported.fileName })}
          </Typography.Paragraph>
          <Input.TextArea value={exported.pem} readOnly autoSize className="mono" style={{ fontSize: 12 }} aria-label={t('keys.public.pemLabel', { name: exported.fileName })} />
          <KeyPrintSheet exported={exported} />
        </>
      )}
    </Modal>
  );
}
