import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Flex, Layout, Menu, Result, Skeleton, theme, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { forgetPeople } from '../../api/people';
import { useI18n } from '../../i18n';
import { navigate, useHashPath } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import { AuditPage } from '../audit/AuditPage';
import { BatchesPage } from '../batches/BatchesPage';
import { CasesPage } from '../cases/CasesPage';
import { ChecksPage } from '../checks/ChecksPage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { PrintLogPage } from '../prints/PrintLogPage';
import { RecordsPage } from '../records/RecordsPage';
import { SettingsPage } from '../settings/SettingsPage';
import { SubjectsPage } from '../subjects/SubjectsPage';
import { DepartmentProvider } from './DepartmentContext';
import { HeaderBar } from './HeaderBar';
import { NAV, type NavItem } from './nav';
import { LeaveGuard } from '../../lib/drafts';
import { IdleCountdown } from '../../session/IdleCountdown';

// The 统计 page and its chart library load on first use, not with the first page.
const StatisticsPage = lazy(() => import('../statistics/StatisticsPage'));

function PageBody({ item, rest }: { item: NavItem; rest: string[] }) {
  switch (item.id) {
    case 'audit':
      return <AuditPage />;
    case 'batches':
      return <BatchesPage rest={rest} />;
    case 'objections':
      return <CasesPage kind="objection" rest={rest} />;
    case 'repairs':
      return <CasesPage kind="repair" rest={rest} />;
    case 'prints':
      return <PrintLogPage />;
    case 'records':
      return <RecordsPage rest={rest} />;
    case 'subjects':
      return <SubjectsPage rest={rest} />;
    case 'checks':
      return <ChecksPage rest={rest} />;
    case 'settings':
      return <SettingsPage tab={rest[0]} />;
    case 'statistics':
      return (
        <Suspense fallback={<Skeleton active />}>
          <StatisticsPage />
        </Suspense>
      );
    default:
      return <DashboardPage />;
  }
}

/** The desk: side menu, header and the current page (from the URL hash). */
export function AppShell() {
  const { t } = useI18n();
  const { may } = useSession();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  // A new person at the desk (the shell is keyed by login): names are read afresh.
  useState(forgetPeople);
  const [pageId, ...rest] = useHashPath();
  const offered = NAV.filter((item) => !item.requires || (typeof item.requires === 'string' ? may(item.requires) : item.requires.some((m) => may(m))));
  const known = NAV.find((item) => item.id === pageId);
  const current = known ?? NAV[0];
  const allowed = offered.includes(current);

  return (
    <DepartmentProvider>
      <LeaveGuard />
      <IdleCountdown />
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={200}
          theme="light"
          // The menu stays put while a long page scrolls.
          className="shell-sider"
          style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
        >
          <Flex align="center" justify="center" gap={8} className="shell-brand">
            <SafetyCertificateOutlined style={{ fontSize: 22, color: token.colorPrimary }} />
            {!collapsed && (
              <Typography.Text strong style={{ fontSize: 16 }}>
                {t('app.name')}
              </Typography.Text>
            )}
          </Flex>
          <Menu
            mode="inline"
            selectedKeys={[current.id]}
            onClick={({ key }) => navigate(key)}
            items={offered.map((item) => ({ key: item.id, icon: item.icon, label: t(item.label) }))}
            style={{ borderInlineEnd: 'none' }}
          />
        </Layout.Sider>
        <Layout>
          <HeaderBar />
          <Layout.Content style={{ padding: 24 }}>
            <div className="page" style={{ background: token.colorBgContainer, borderRadius: token.borderRadiusLG }}>
              {allowed ? <PageBody item={current} rest={rest} /> : <Result status="403" title={t('error.FORBIDDEN')} />}
            </div>
          </Layout.Content>
        </Layout>
      </Layout>
    </DepartmentProvider>
  );
}
