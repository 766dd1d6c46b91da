import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Tabs } from 'antd';
import { useState, type ReactNode } from 'react';
import { PageTitle } from '../../components/PageTitle';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import { BatchDetail } from './BatchDetail';
import { BatchVerifyModal } from './BatchVerifyModal';
import { HistoryTab } from './HistoryTab';
import { KeysTab } from './KeysTab';
import { PendingTab } from './PendingTab';
import { RectifyTab } from './RectifyTab';
import './batches.css';

type TabId = 'pending' | 'history' | 'rectify' | 'keys';

function BatchesHome({ tab }: { tab: string | undefined }) {
  const { t } = useI18n();
  const { may } = useSession();
  const [verifying, setVerifying] = useState(false);
  const tabs: { key: TabId; label: MessageKey; shown: boolean; body: () => ReactNode }[] = [
    { key: 'pending', label: 'batches.tab.pending', shown: may('batches.pending'), body: () => <PendingTab /> },
    { key: 'history', label: 'batches.tab.history', shown: may('batches.list'), body: () => <HistoryTab /> },
    { key: 'rectify', label: 'batches.tab.rectify', shown: may('records.search'), body: () => <RectifyTab /> },
    { key: 'keys', label: 'batches.tab.keys', shown: may('keys.list'), body: () => <KeysTab /> },
  ];
  const shown = tabs.filter((x) => x.shown);
  const active = shown.find((x) => x.key === tab) ?? shown[0];
  return (
    <>
      <PageTitle
        title={t('batches.title')}
        intro={t('batches.intro')}
        extra={
          may('batches.verify') && (
            <Button icon={<SafetyCertificateOutlined />} onClick={() => setVerifying(true)}>
              {t('batches.verify.button')}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={active?.key}
        onChange={(key) => navigate('batches', key)}
        destroyOnHidden
        items={shown.map((x) => ({ key: x.key, label: t(x.label), children: x.key === active?.key ? x.body() : null }))}
      />
      <BatchVerifyModal open={verifying} onClose={() => setVerifying(false)} />
    </>
  );
}

const whole = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) : null);

/**
 * 报送批次: `#/batches/<tab>` for the lists; one batch by its number as people use it,
 * `#/batches/<sequence>` (its latest preparation) or `#/batches/<sequence>/<attempt>`
 * (an earlier preparation that was sent back or cancelled).
 */
export function BatchesPage({ rest }: { rest: string[] }) {
  const sequence = whole(rest[0]);
  const attempt = whole(rest[1]);
  return sequence ? <BatchDetail key={`${sequence}/${attempt ?? ''}`} sequence={sequence} attempt={attempt} /> : <BatchesHome tab={rest[0]} />;
}
