import { Card, Col, Input, Row, Statistic } from 'antd';
import { useCall } from '../../api/hooks';
import { DepartmentDescriptions } from '../../components/DepartmentDescriptions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { RoleTags } from '../../components/RoleTags';
import { useI18n } from '../../i18n';
import { formatCount } from '../../lib/format';
import { navigate } from '../../lib/hashRoute';
import { useSession, useUser } from '../../session/SessionContext';
import { TimelinessCard } from '../timeliness/TimelinessCard';
import { useCatalog } from '../records/catalog';
import { DashboardCases } from './DashboardCases';
import { DashboardRecords } from './DashboardRecords';
import { GettingStarted } from './GettingStarted';
import { RecentDenials } from './RecentDenials';
import { IdSearchBursts } from './IdSearchBursts';
import { TodoCard, useTodos } from './Todos';
import { MonthSoFar } from '../statistics/MonthSoFar';
import { WarningsPanel } from '../statistics/WarningsPanel';

/** The administrator's facts: people, the audit trail, the database's structure version. */
function AdminFacts() {
  const { t } = useI18n();
  const info = useCall('info.get');
  if (!info.data) return <ErrorAlert error={info.error} />;
  const data = info.data;
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card size="small" hoverable onClick={() => navigate('settings', 'users')}>
            <Statistic
              title={t('dashboard.activeUsers')}
              value={data.counts.activeUsers}
              suffix={<span className="stat-suffix">{t('dashboard.usersTotal', { total: formatCount(data.counts.users) })}</span>}
              data-testid="stat-users"
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic
              title={t('dashboard.auditEntries')}
              value={data.counts.auditEntries}
              suffix={<span className="stat-suffix">{t('dashboard.auditEntries.unit')}</span>}
              data-testid="stat-audit"
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic
              title={t('dashboard.schema')}
              value={data.schemaVersion}
              suffix={<span className="stat-suffix">{t('dashboard.schemaApp', { version: data.appSchemaVersion })}</span>}
              data-testid="stat-schema"
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('dashboard.department')} style={{ marginBottom: 16 }}>
        <DepartmentDescriptions department={data.department} />
      </Card>
    </>
  );
}

/** The archivist's start: find a subject to print its credit file. */
function FindSubject() {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('dashboard.findSubject')} style={{ marginBottom: 16 }} data-testid="find-subject">
      <Input.Search
        placeholder={t('subjects.search.placeholder')}
        enterButton={t('dashboard.findSubject.button')}
        onSearch={(q) => {
          window.location.hash = `#/subjects?q=${encodeURIComponent(q.trim())}`;
        }}
        style={{ maxWidth: 520 }}
      />
    </Card>
  );
}

/**
 * 工作台, one per role: what waits for this person first (待办), then what they work
 * with. A clerk sees records and batches, not the database's structure or the audit
 * count; an administrator sees people and the department; an auditor the latest refusals.
 */
export function DashboardPage() {
  const { t } = useI18n();
  const user = useUser();
  const { may } = useSession();
  const stats = useCall('records.stats');
  useCatalog(); // fetched with the rest at once (names for the counts), not after the counts arrive
  const { todos, loading } = useTodos(stats.data);
  const is = (role: (typeof user.roles)[number]) => user.roles.includes(role);
  const readsRecords = may('records.search');
  return (
    <>
      <PageTitle
        title={
          <>
            {t('dashboard.greeting', { name: user.name })} <RoleTags roles={user.roles} />
          </>
        }
      />
      {is('admin') && <GettingStarted />}
      {(is('clerk') || is('approver') || is('admin')) && <TodoCard todos={todos} loading={loading} />}
      {may('statistics.warnings') && <WarningsPanel />}
      {is('approver') && <MonthSoFar />}
      {is('auditor') && <RecentDenials />}
      {is('auditor') && <IdSearchBursts />}
      {is('archivist') && <FindSubject />}
      <ErrorAlert error={stats.error} />
      {may('cases.overview') && <DashboardCases />}
      {/* The reporting clock is the clerks' and approvers' to act on (a batch to prepare or sign). */}
      {may('timeliness.summary') && (is('clerk') || is('approver')) && <TimelinessCard />}
      {readsRecords && stats.data && <DashboardRecords stats={stats.data} />}
      {is('admin') && <AdminFacts />}
    </>
  );
}
