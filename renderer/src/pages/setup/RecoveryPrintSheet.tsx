import { createPortal } from 'react-dom';
import { useI18n } from '../../i18n';
import { today } from '../../lib/dates';
import type { SetupDone } from './SetupWizard';

/** A plain sheet that only appears on paper (see styles.css, @media print). */
export function RecoveryPrintSheet({ done }: { done: SetupDone }) {
  const { t } = useI18n();
  const rows: [string, string][] = [
    [t('setup.print.department'), done.department.name],
    [t('setup.print.uscc'), done.department.uscc],
    [t('setup.print.admin'), done.user.login],
    [t('setup.print.date'), today()],
  ];
  return createPortal(
    <section className="print-sheet" aria-hidden="true">
      <h1>{t('setup.print.heading')}</h1>
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
      <p className="print-sheet-label">{t('setup.print.code')}</p>
      <p className="print-sheet-code">{done.recoveryCode}</p>
      <p className="print-sheet-note">{t('setup.print.note')}</p>
    </section>,
    document.body,
  );
}
