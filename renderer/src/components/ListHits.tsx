/**
 * Shared-list entries shown where work happens: a warning on the record form, the
 * records of an import whose subject is listed, and a subject's entries on its page.
 * Warnings only: nothing here blocks the work.
 */
import { WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ImportListHits, ListHitBrief } from '../../../electron/contract';
import { useCall } from '../api/hooks';
import { useI18n, type Translate } from '../i18n';
import { ErrorAlert } from './ErrorAlert';
import './list-hits.css';

/** 失信 / 守信激励 / 提示 for a hit; 联合惩戒 / 联合激励 for a whole list (`ofList`). */
export function EffectTag({ effect, ofList = false }: { effect: 'sanction' | 'incentive' | 'notice'; ofList?: boolean }) {
  const { t } = useI18n();
  const color = effect === 'sanction' ? 'error' : effect === 'incentive' ? 'success' : 'warning';
  return <Tag color={color}>{ofList && effect !== 'notice' ? t(`lists.effect.${effect}`) : t(`checks.effect.${effect}`)}</Tag>;
}

function hitLine(t: Translate, h: ListHitBrief): string {
  return t('lists.hit.line', { list: h.list, version: h.version, basis: h.basis, measures: h.measures.join('、') || t('common.none') });
}

/** On the record form: the subject being entered is on a shared list. */
export function ListHitAlert({ hits }: { hits: ListHitBrief[] }) {
  const { t } = useI18n();
  if (hits.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<WarningOutlined />}
      style={{ marginBottom: 16 }}
      title={t('lists.hit.formTitle', { n: hits.length })}
      description={
        <>
          <ul className="list-hits">
            {hits.map((h, i) => (
              <li key={i}>
                <EffectTag effect={h.effect} />
                {hitLine(t, h)}
              </li>
            ))}
          </ul>
          <Typography.Text type="secondary">{t('lists.hit.notBlocking')}</Typography.Text>
        </>
      }
      data-testid="list-hit-alert"
    />
  );
}

/** On an import's result: which of the new records concern listed subjects. */
export function ImportListHitsAlert({ hits }: { hits: ImportListHits }) {
  const { t } = useI18n();
  const rows = hits.items.map((item) => ({ key: item.recordId, ...item }));
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('lists.hit.importTitle', { n: hits.count.toLocaleString('en-US') })}
      description={
        <>
          <Table
            size="small"
            pagination={false}
            dataSource={rows}
            scroll={{ y: 240 }}
            columns={[
              { title: t('lists.hit.col.subject'), dataIndex: 'subjectName', width: 260 },
              { title: t('lists.hit.col.code'), dataIndex: 'code', width: 200, render: (c: string | null) => <span className="mono">{c ?? t('common.none')}</span> },
              { title: t('lists.hit.col.lists'), key: 'lists', render: (_: unknown, r) => r.hits.map((h) => hitLine(t, h)).join('；') },
            ]}
          />
          {hits.count > hits.items.length && <Typography.Text type="secondary">{t('lists.hit.importMore', { n: hits.items.length })}</Typography.Text>}
          <div>
            <Typography.Text type="secondary">{t('lists.hit.notBlocking')}</Typography.Text>
          </div>
        </>
      }
      data-testid="import-list-hits"
    />
  );
}

/** On the subject page: the subject's entries on the current shared lists (expired ones marked). */
export function SubjectListEntries({ subjectId }: { subjectId: number }) {
  const { t } = useI18n();
  const entries = useCall('lists.subjectEntries', { subjectId });
  const columns: ColumnsType<ListHitBrief & { key: number }> = [
    { title: t('lists.entry.col.list'), key: 'list', render: (_: unknown, h) => `${h.list}（${t('lists.version', { version: h.version })}）` },
    { title: t('lists.entry.col.effect'), dataIndex: 'effect', width: 100, render: (e: ListHitBrief['effect']) => <EffectTag effect={e} /> },
    { title: t('lists.entry.col.basis'), dataIndex: 'basis' },
    { title: t('lists.entry.col.measures'), dataIndex: 'measures', render: (m: string[]) => m.join('、') || t('common.none') },
    { title: t('lists.entry.col.listedOn'), dataIndex: 'listedOn', width: 110 },
    {
      title: t('lists.entry.col.expires'),
      key: 'expires',
      width: 150,
      render: (_: unknown, h) =>
        h.expired ? <Tag>{t('lists.entry.expired', { date: h.expires ?? '' })}</Tag> : (h.expires ?? t('lists.entry.noExpiry')),
    },
  ];
  return (
    <Card size="small" title={t('lists.entry.title')} style={{ marginTop: 16 }} data-testid="subject-list-entries">
      <ErrorAlert error={entries.error} />
      <Table
        size="small"
        pagination={false}
        loading={entries.loading}
        dataSource={(entries.data ?? []).map((h, key) => ({ ...h, key }))}
        columns={columns}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lists.entry.none')} /> }}
      />
    </Card>
  );
}
