import { Card, Col, Row, Statistic } from 'antd';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DepartmentDescriptions } from '../../components/DepartmentDescriptions';
import { LoadState } from '../../components/LoadState';
import { PageTitle } from '../../components/PageTitle';
import { RoleTags } from '../../components/RoleTags';
import { useI18n } from '../../i18n';
import { useSession, useUser } from '../../session/SessionContext';
import { TimelinessCard } from '../timeliness/TimelinessCard';
import { useCatalog } from '../records/catalog';
import { DashboardCases } from './DashboardCases';
import { DashboardRecords } from './DashboardRecords';
import { useSession } from '../../session/SessionContext';

/** Real facts only: record counts (records.stats), the department and the desk's own counts. */
export function DashboardPage() {
  const { t } = useI18n();
  const user = useUser();
  const { may } = useSession();
  const info = useCall('info.get');
  const stats = useCall('records.stats');
  useCatalog(); // fetched with the rest at once (names for the counts), not after the counts arrive
  return (
    <>
      <PageTitle
        title={
          <>
            {t('dashboard.greeting', { name: user.name })} <RoleTags roles={user.roles} />
          </>
        }
      />
      <ErrorAlert error={stats.error} />
      {may('cases.overview') && <DashboardCases />}
      {stats.data && <DashboardRecords stats={stats.data} />}
      {may('timeliness.summary') && <TimelinessCard />}
      <LoadState {...info}>
        {(data) => (
          <>
            <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
              <Col xs={24} md={8}>
                <Card size="small">
                  <Statistic
                    title={t('dashboard.activeUsers')}
                    value={data.counts.activeUsers}
                    suffix={<span className="stat-suffix">{t('dashboard.usersTotal', { total: data.counts.users })}</span>}
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
                    suffix={
                      <span className="stat-suffix">{t('dashboard.schemaApp', { version: data.appSchemaVersion })}</span>
                    }
                  />
                </Card>
              </Col>
            </Row>
            <Card size="small" title={t('dashboard.department')}>
              <DepartmentDescriptions department={data.department} />
            </Card>
          </>
        )}
      </LoadState>
    </>
  );
}
