import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Typography } from 'antd';
import { useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { useI18n } from '../../i18n';
import { RecoveryPrintSheet } from './RecoveryPrintSheet';
import type { SetupDone } from './SetupWizard';

/** Prints once the fonts are in, so Chinese never falls back to boxes on paper. */
async function printSheet() {
  await document.fonts.ready;
  window.print();
}

export function RecoveryStep({ done, onContinue }: { done: SetupDone; onContinue: () => void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  return (
    <>
      <Alert type="warning" showIcon title={t('setup.recovery.once')} description={t('setup.recovery.explain')} />
      <div className="recovery-code" data-testid="recovery-code" aria-label={t('setup.print.code')}>
        {done.recoveryCode}
      </div>
      <Flex gap={8} justify="center" style={{ marginBottom: 24 }}>
        <CopyButton text={done.recoveryCode} />
        <Button icon={<PrinterOutlined />} onClick={printSheet}>
          {t('common.print')}
        </Button>
      </Flex>
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)}>
          <Typography.Text strong>{t('setup.recovery.saved')}</Typography.Text>
        </Checkbox>
        <Button type="primary" disabled={!saved} onClick={onContinue}>
          {t('setup.recovery.continue')}
        </Button>
      </Flex>
      <RecoveryPrintSheet done={done} />
    </>
  );
}
