import type { ReactNode } from 'react';
import { Tabs } from 'antd';
import { PageTitle } from '../../components/PageTitle';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import { BackupTab } from './BackupTab';
import { DepartmentTab } from './DepartmentTab';
import { DiagnosticsTab } from './DiagnosticsTab';
import { SecurityTab } from './SecurityTab';
import { UsersTab } from './UsersTab';
import { RulesTab } from './RulesTab';

type TabId = 'department' | 'security' | 'users' | 'backup' | 'rules' | 'diagnostics';

export function SettingsPage({ tab }: { tab: string | undefined }) {
  const { t } = useI18n();
  const { may } = useSession();
  const tabs: { key: TabId; label: MessageKey; shown: boolean; body: () => ReactNode }[] = [
    { key: 'department', label: 'settings.tab.department', shown: true, body: () => <DepartmentTab /> },
    { key: 'security', label: 'settings.tab.security', shown: true, body: () => <SecurityTab /> },
    { key: 'users', label: 'settings.tab.users', shown: may('users.list'), body: () => <UsersTab /> },
    { key: 'backup', label: 'settings.tab.backup', shown: may('backup.status'), body: () => <BackupTab /> },
    { key: 'rules', label: 'settings.tab.rules', shown: may('rules.install'), body: () => <RulesTab /> },
    { key: 'diagnostics', label: 'settings.tab.diagnostics', shown: may('diagnostics.report'), body: () => <DiagnosticsTab /> },
  ];
  const shown = tabs.filter((x) => x.shown);
  const active = shown.find((x) => x.key === tab) ?? shown[0];
  return (
    <>
      <PageTitle title={t('settings.title')} />
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate('settings', key)}
        destroyOnHidden
        items={shown.map((x) => ({ key: x.key, label: t(x.label), children: x.key === active.key ? x.body() : null }))}
      />
    </>
  );
}
