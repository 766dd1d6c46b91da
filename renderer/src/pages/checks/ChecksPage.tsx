import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Skeleton, Space, Tabs } from 'antd';
import { useState, type ReactNode } from 'react';
import { PrintPreview, type PrintJob } from '../../components/print/PrintPreview';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import { CheckHistory } from './CheckHistory';
import { CheckMany } from './CheckMany';
import { CheckOne } from './CheckOne';
import { CheckResult } from './CheckResult';
import { ListsTab } from './ListsTab';


type TabId = 'one' | 'many' | 'history' | 'lists';

function ChecksHome({ tab, arg }: { tab: string | undefined; arg: string | undefined }) {
  const { t } = useI18n();
  const { may } = useSession();
  const runId = arg && /^\d+$/.test(arg) ? Number(arg) : undefined;
  const tabs: { key: TabId; label: MessageKey; shown: boolean; body: () => ReactNode }[] = [
    { key: 'one', label: 'checks.tab.one', shown: may('checks.run'), body: () => <CheckOne /> },
    { key: 'many', label: 'checks.tab.many', shown: may('checks.runUpload'), body: () => <CheckMany /> },
    { key: 'history', label: 'checks.tab.history', shown: may('checks.list'), body: () => <CheckHistory runId={runId} /> },
    { key: 'lists', label: 'checks.tab.lists', shown: may('lists.list'), body: () => <ListsTab /> },
  ];
  const shown = tabs.filter((x) => x.shown);
  const active = shown.find((x) => x.key === tab) ?? shown[0];
  return (
    <>
      <PageTitle title={t('checks.title')} intro={t('checks.intro')} />
      <Tabs
        activeKey={active?.key}
        onChange={(key) => navigate('checks', key)}
        destroyOnHidden
        items={shown.map((x) => ({ key: x.key, label: t(x.label), children: x.key === active?.key ? x.body() : null }))}
      />
    </>
  );
}

/** One check, as it was made (`#/checks/HC2026-000123`), with its 信用核查结果 to print. */
function CheckPage({ checkNo }: { checkNo: string }) {
  const { t } = useI18n();
  const { may } = useSession();
  const check = useCall('checks.get', { checkNo });
  const [printing, setPrinting] = useState<PrintJob | null>(null);
  return (
    <>
      <PageTitle
        title={
          <Space size={12}>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('checks', 'history')} aria-label={t('checks.back')} />
            <span>{t('checks.detailTitle', { checkNo })}</span>
          </Space>
        }
        extra={
          <Space>
            {may('print.checkResult') && check.data && (
              <Button icon={<PrinterOutlined />} onClick={() => setPrinting({ method: 'print.checkResult', input: { checkNo } })} data-testid="print-check">
                {t('checks.print')}
              </Button>
            )}
            {may('checks.run') && (
              <Button type="primary" onClick={() => navigate('checks', 'one')}>
                {t('checks.again')}
              </Button>
            )}
          </Space>
        }
      />
      <PrintPreview request={printing} title={t('checks.printTitle', { checkNo })} onClose={() => setPrinting(null)} />
      <ErrorAlert error={check.error} />
      {check.data ? <CheckResult check={check.data} onChanged={check.reload} /> : !check.error && <Skeleton active />}
    </>
  );
}

/** 信用核查: `#/checks/<tab>`, `#/checks/history/<runId>`, `#/checks/<check number>`. */
export function ChecksPage({ rest }: { rest: string[] }) {
  if (rest[0] && /^HC\d{4}-\d+$/i.test(rest[0])) return <CheckPage key={rest[0]} checkNo={rest[0].toUpperCase()} />;
  return <ChecksHome tab={rest[0]} arg={rest[1]} />;
}
