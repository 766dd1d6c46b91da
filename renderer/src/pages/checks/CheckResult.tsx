import { CheckCircleFilled, WarningFilled } from '@ant-design/icons';
import { Alert, Card, Descriptions, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CheckHit, CheckResultView } from '../../../../electron/contract';
import { EffectTag } from '../../components/ListHits';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import { FeedbackPanel } from './FeedbackPanel';

function Source({ hit }: { hit: CheckHit }) {
  const { t } = useI18n();
  if (hit.source === 'list') {
    return (
      <div>
        <div>{hit.list}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('lists.version', { version: hit.version })} · {hit.listType}
        </Typography.Text>
      </div>
    );
  }
  return (
    <div>
      <div>{t('checks.hit.own', { category: hit.list })}</div>
      <Typography.Link style={{ fontSize: 12 }} onClick={() => navigate('records', hit.listId, 'all', String(hit.recordId))}>
        {hit.decisionNo}
      </Typography.Link>
      {hit.disputed && (
        <Tag color="warning" style={{ marginInlineStart: 6 }}>
          {t('checks.hit.disputed')}
        </Tag>
      )}
    </div>
  );
}

/** A check as it was made: the subject, the matter, what was found with the measures, the lists checked, feedback. */
export function CheckResult({ check, onChanged }: { check: CheckResultView; onChanged: () => void }) {
  const { t } = useI18n();
  const { may } = useSession();
  const subject = [check.subject.name, check.subject.code].filter(Boolean).join(' · ') || check.query;
  const columns: ColumnsType<CheckHit & { key: number }> = [
    { title: t('checks.hit.col.effect'), dataIndex: 'effect', width: 96, render: (e: CheckHit['effect']) => <EffectTag effect={e} /> },
    { title: t('checks.hit.col.source'), key: 'source', width: 230, render: (_: unknown, h) => <Source hit={h} /> },
    {
      title: t('checks.hit.col.basis'),
      key: 'basis',
      render: (_: unknown, h) => (
        <div>
          <div>{h.basis}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(h.source === 'list' ? 'checks.hit.dates' : 'checks.hit.datesRecord', { listedOn: h.listedOn ?? t('common.none'), expires: h.expires ?? t('lists.entry.noExpiry') })}
            {h.matchedBy === 'name' ? ` · ${t('checks.hit.byName')}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('checks.hit.col.measures', { matter: check.matter }),
      dataIndex: 'measures',
      width: 220,
      render: (m: string[]) =>
        m.length ? (
          <Flex gap={4} wrap>
            {m.map((x) => (
              <Tag key={x} color="processing" style={{ marginInlineEnd: 0 }}>
                {x}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('checks.hit.noMeasures')}</Typography.Text>
        ),
    },
    {
      title: t('checks.hit.col.other'),
      dataIndex: 'otherMeasures',
      width: 170,
      render: (m: string[]) => <Typography.Text type="secondary">{m.join('、') || t('common.none')}</Typography.Text>,
    },
  ];
  return (
    <div data-testid="check-result">
      {check.clean ? (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          title={t('checks.result.clean', { checkNo: check.checkNo })}
          description={t('checks.result.cleanExplain')}
          style={{ marginBottom: 16 }}
          data-testid="check-clean"
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          icon={<WarningFilled />}
          title={t('checks.result.hits', { checkNo: check.checkNo, n: check.hits.length })}
          description={t('checks.result.hitsExplain', { matter: check.matter })}
          style={{ marginBottom: 16 }}
          data-testid="check-hits-alert"
        />
      )}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 16 }}
        data-testid="check-facts"
        items={[
          { key: 'no', label: t('checks.field.checkNo'), children: <span className="mono">{check.checkNo}</span> },
          { key: 'matter', label: t('checks.field.matter'), children: check.matter },
          { key: 'subject', label: t('checks.field.subject'), children: subject },
          { key: 'by', label: t('checks.field.by'), children: `${check.byName}（${check.by}） ${formatDateTime(check.at)}` },
          {
            key: 'versions',
            label: t('checks.field.versions'),
            span: 2,
            children: check.versions.length
              ? check.versions.map((v) => (
                  <Tag key={v.listId} data-testid="checked-version">
                    {t('checks.versionTag', { name: v.name, version: v.version, date: v.issuedOn })}
                  </Tag>
                ))
              : t('checks.noLists'),
          },
          { key: 'own', label: t('checks.field.own'), span: 2, children: t('checks.ownScope') },
        ]}
      />
      {check.hits.length > 0 && (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={check.hits.map((h, key) => ({ ...h, key }))}
          columns={columns}
          scroll={{ x: 900 }}
          style={{ marginBottom: 16 }}
          data-testid="check-hits"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        />
      )}
      <Card size="small" title={t('checks.feedback.title')} data-testid="check-feedback">
        <FeedbackPanel check={check} mayRecord={may('checks.feedback')} onRecorded={onChanged} />
      </Card>
    </div>
  );
}
