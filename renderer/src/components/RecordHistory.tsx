import { Button, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { FieldValue, RecordStateName, RecordVersionView } from '../../../electron/contract';
import { useCall } from '../api/hooks';
import { useI18n, type MessageKey } from '../i18n';
import { formatDateTime } from '../lib/dates';
import { isRecordState, STATE_KEYS, useCatalogNames, valueText } from '../pages/records/catalog';
import { ErrorAlert } from './ErrorAlert';
import { RecordStateTag } from './RecordStateTag';

const ACTIONS: Record<RecordVersionView['action'], MessageKey> = {
  create: 'records.history.create',
  import: 'records.history.import',
  edit: 'records.history.edit',
  state: 'records.history.state',
  history: 'records.history.historyImport',
};

/** The field-by-field changes of one version: label, before → after. */
function Changes({ category, version }: { category: string; version: RecordVersionView }) {
  const { t } = useI18n();
  const names = useCatalogNames();
  const first = version.version === 1;
  const [open, setOpen] = useState(!first);
  const show = (field: string, v: FieldValue) => {
    if (field === '$state' && typeof v === 'string') return isRecordState(v) ? t(STATE_KEYS[v as RecordStateName]) : v;
    return valueText(v);
  };
  if (version.changes.length === 0) return <Typography.Text type="secondary">{t('records.history.noChanges')}</Typography.Text>;
  if (!open) {
    return (
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(true)}>
        {t('records.history.showFields', { n: version.changes.length })}
      </Button>
    );
  }
  return (
    <table className="record-diff" data-testid="record-diff">
      <colgroup>
        <col className="record-diff-label-col" />
        {!first && <col />}
        <col />
      </colgroup>
      <thead>
        <tr>
          <th>{t('records.history.field')}</th>
          {!first && <th>{t('records.history.before')}</th>}
          <th>{first ? t('records.history.value') : t('records.history.after')}</th>
        </tr>
      </thead>
      <tbody>
        {version.changes.map((c) => {
          const before = show(c.field, c.before);
          const after = show(c.field, c.after);
          return (
            <tr key={c.field}>
              <th className="record-diff-label">{c.field === '$state' ? t('records.history.stateField') : names.field(category, c.field)}</th>
              {!first && (
                <td>
                  {before === null ? (
                    <Typography.Text type="secondary">{t('records.history.empty')}</Typography.Text>
                  ) : (
                    <span className="record-diff-before">{before}</span>
                  )}
                </td>
              )}
              <td>
                {!first && <span className="record-diff-arrow">→ </span>}
                {after === null ? (
                  <Typography.Text type="secondary">{t('records.history.empty')}</Typography.Text>
                ) : (
                  <span className={first ? undefined : 'record-diff-after'}>{after}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Every version of a record, newest first: who, when, why and what changed. */
export function RecordHistory({ recordId, category }: { recordId: number; category: string }) {
  const { t } = useI18n();
  const history = useCall('records.history', { recordId });
  if (history.error) return <ErrorAlert error={history.error} />;
  if (!history.data) return <Skeleton active />;
  if (history.data.length === 0) return <Empty />;
  return (
    <Timeline
      data-testid="record-history"
      items={history.data.map((v) => ({
        key: v.version,
        color: v.action === 'state' ? 'gray' : v.version === 1 ? 'green' : 'blue',
        title: null,
        content: (
          <div className="record-version" data-testid={`record-version-${v.version}`}>
            <div className="record-version-head">
              <Typography.Text strong>{t('records.history.version', { version: v.version })}</Typography.Text>
              <Tag>{t(ACTIONS[v.action])}</Tag>
              <RecordStateTag state={v.state} />
              <Typography.Text type="secondary">
                {t('records.history.byAt', { by: v.by, at: formatDateTime(v.at) })}
              </Typography.Text>
            </div>
            {v.reason && (
              <div className="record-version-reason">
                <Typography.Text type="secondary">{t('records.history.reason')}</Typography.Text>
                <Typography.Text data-testid="record-version-reason">{v.reason}</Typography.Text>
              </div>
            )}
            <Changes category={category} version={v} />
          </div>
        ),
      }))}
    />
  );
}
