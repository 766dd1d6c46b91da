import { Button, Empty, Space, Table, Typography } from 'antd';
import type { CaseSummary, RecordDetail } from '../../../electron/contract';
import { useCall } from '../api/hooks';
import { useI18n } from '../i18n';
import { navigate } from '../lib/hashRoute';
import { CaseStateTag, ClockTag, KIND_KEYS, KIND_PAGE, OUTCOME_KEYS } from '../pages/cases/labels';
import { useCatalog } from '../pages/records/catalog';
import { useSession } from '../session/SessionContext';
import { ErrorAlert } from './ErrorAlert';

/** Record states a case may be registered for (published, or on the way to the platform). */
const CASEABLE = ['pending', 'reported', 'accepted', 'rejected', 'published'];

/** A record's objection and repair cases, and the way to register one. */
export function RecordCases({ record }: { record: RecordDetail }) {
  const { t } = useI18n();
  const { may } = useSession();
  const { data: catalog } = useCatalog();
  const cases = useCall('cases.list', { recordId: record.recordId, limit: 100 });
  const repairable = catalog?.categories.find((c) => c.key === record.category)?.repairable ?? false;
  const caseable = CASEABLE.includes(record.state);
  return (
    <>
      {may('cases.register') && caseable && (
        <Space style={{ marginBottom: 12 }}>
          <Button onClick={() => navigate('objections', 'new', String(record.recordId))} disabled={record.openMarks > 0} data-testid="record-register-objection">
            {t('cases.register.objection')}
          </Button>
          {repairable && (
            <Button onClick={() => navigate('repairs', 'new', String(record.recordId))} data-testid="record-register-repair">
              {t('cases.register.repair')}
            </Button>
          )}
        </Space>
      )}
      <ErrorAlert error={cases.error} />
      <Table<CaseSummary>
        rowKey="caseId"
        size="small"
        pagination={false}
        loading={cases.loading}
        dataSource={cases.data?.items ?? []}
        data-testid="record-cases"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.record.none')} /> }}
        columns={[
          {
            title: t('cases.col.caseNo'),
            dataIndex: 'caseNo',
            render: (no: string, c) => (
              <Typography.Link className="mono" onClick={() => navigate(KIND_PAGE[c.kind], String(c.caseId))}>
                {no}
              </Typography.Link>
            ),
          },
          { title: t('cases.col.kind'), dataIndex: 'kind', render: (k: CaseSummary['kind']) => t(KIND_KEYS[k]) },
          { title: t('cases.col.received'), dataIndex: 'received' },
          { title: t('cases.col.state'), dataIndex: 'state', render: (_: unknown, c) => <CaseStateTag state={c.state} /> },
          { title: t('cases.col.clock'), key: 'clock', render: (_: unknown, c) => (c.outcome ? t(OUTCOME_KEYS[c.outcome]) : <ClockTag c={c} />) },
        ]}
      />
    </>
  );
}
