import { Button, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { FieldValue, RecordEvent, RecordStateName, RecordVersionView } from '../../../electron/contract';
import { useCall } from '../api/hooks';
import { Person } from '../api/people';
import { useI18n, type MessageKey } from '../i18n';
import { formatDateTime } from '../lib/dates';
import { navigate } from '../lib/hashRoute';
import { batchPath, opLabel } from '../pages/batches/labels';
import { isRecordState, STATE_KEYS, useCatalogNames, useDisplayValue } from '../pages/records/catalog';
import { ErrorAlert } from './ErrorAlert';
import { RecordStateTag } from './RecordStateTag';

const ACTIONS: Record<RecordVersionView['action'], MessageKey> = {
  create: 'records.history.create',
  import: 'records.history.import',
  edit: 'records.history.edit',
  state: 'records.history.state',
  history: 'records.history.historyImport',
};

/** The field-by-field changes of one version: label, before → after, coded values in words. */
function Changes({ category, version }: { category: string; version: RecordVersionView }) {
  const { t } = useI18n();
  const names = useCatalogNames();
  const display = useDisplayValue();
  const first = version.version === 1;
  const [open, setOpen] = useState(!first);
  const show = (field: string, v: FieldValue) => {
    if (field === '$state' && typeof v === 'string') return isRecordState(v) ? t(STATE_KEYS[v as RecordStateName]) : v;
    return display(category, field, v);
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

const EVENT_COLORS: Record<RecordEvent['kind'], string> = {
  batched: 'blue',
  approved: 'blue',
  returned: 'orange',
  cancelled: 'gray',
  accepted: 'green',
  rejected: 'red',
};

/** One step on the record's way to the platform: into a batch, signed, sent back, the platform's answer. */
function EventLine({ event }: { event: RecordEvent }) {
  const { t } = useI18n();
  const batch = (
    <Typography.Link onClick={() => navigate(...batchPath(event, false))} data-testid="event-batch">
      {t('batches.sequenceName', { sequence: event.sequence })}
    </Typography.Link>
  );
  let text: ReactNode;
  switch (event.kind) {
    case 'batched':
      text = (
        <>
          {t('records.events.batchedIn')}
          {batch}
          <Typography.Text type="secondary">{t('records.events.batchedOp', { op: opLabel(t, event.op), version: event.version })}</Typography.Text>
        </>
      );
      break;
    case 'approved':
      text = (
        <>
          {batch}
          {t('records.events.approved')}
        </>
      );
      break;
    case 'returned':
    case 'cancelled':
      text = (
        <>
          {batch}
          {t(event.kind === 'returned' ? 'records.events.returned' : 'records.events.cancelled', { reason: event.reason ?? '' })}
        </>
      );
      break;
    case 'accepted':
      text = (
        <>
          {t('records.events.accepted')}
          <Typography.Text type="secondary">（{batch}）</Typography.Text>
        </>
      );
      break;
    case 'rejected':
      text = (
        <>
          {t('records.events.rejected')}
          {event.code && (
            <Tag color="error" className="mono" style={{ marginInline: 4 }}>
              {event.code}
            </Tag>
          )}
          {event.reason}
          <Typography.Text type="secondary">（{batch}）</Typography.Text>
        </>
      );
      break;
  }
  return (
    <div className="record-version-head" data-testid={`record-event-${event.kind}`}>
      <span>{text}</span>
      <Typography.Text type="secondary">
        {event.by && (
          <>
            <Person login={event.by} /> ·{' '}
          </>
        )}
        {formatDateTime(event.at)}
      </Typography.Text>
    </div>
  );
}

type Step = { kind: 'version'; at: string; version: RecordVersionView } | { kind: 'event'; at: string; event: RecordEvent };

/**
 * The record's whole story, newest first: every version (who, when, why, what changed)
 * and, beside them, its batches and the platform's answers (编入第 1 批 → 平台退回 1001 …
 * → 更正 → 第 2 批 → 平台已接收).
 */
export function RecordHistory({ recordId, category }: { recordId: number; category: string }) {
  const { t } = useI18n();
  const history = useCall('records.history', { recordId });
  const events = useCall('records.events', { recordId });
  if (history.error) return <ErrorAlert error={history.error} />;
  if (!history.data || (!events.data && !events.error)) return <Skeleton active />;
  if (history.data.length === 0) return <Empty />;
  const steps: Step[] = [
    ...history.data.map((v): Step => ({ kind: 'version', at: v.at, version: v })),
    ...(events.data ?? []).map((e): Step => ({ kind: 'event', at: e.at, event: e })),
  ];
  // Newest first; at the same moment, what happened to the record before what the batch did with it.
  steps.sort((a, b) => b.at.localeCompare(a.at) || (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1));
  return (
    <>
      <ErrorAlert error={events.error} />
      <Timeline
        data-testid="record-history"
        items={steps.map((s) =>
          s.kind === 'event'
            ? {
                key: `e:${s.event.batchId}:${s.event.kind}`,
                color: EVENT_COLORS[s.event.kind],
                title: null,
                content: <EventLine event={s.event} />,
              }
            : {
                key: `v:${s.version.version}`,
                color: s.version.action === 'state' ? 'gray' : s.version.version === 1 ? 'green' : 'blue',
                title: null,
                content: (
                  <div className="record-version" data-testid={`record-version-${s.version.version}`}>
                    <div className="record-version-head">
                      <Typography.Text strong>{t('records.history.version', { version: s.version.version })}</Typography.Text>
                      <Tag>{t(ACTIONS[s.version.action])}</Tag>
                      <RecordStateTag state={s.version.state} />
                      <Typography.Text type="secondary">
                        <Person login={s.version.by} /> · {formatDateTime(s.version.at)}
                      </Typography.Text>
                    </div>
                    {s.version.reason && (
                      <div className="record-version-reason">
                        <Typography.Text type="secondary">{t('records.history.reason')}</Typography.Text>
                        <Typography.Text data-testid="record-version-reason">{s.version.reason}</Typography.Text>
                      </div>
                    )}
                    <Changes category={category} version={s.version} />
                  </div>
                ),
              },
        )}
      />
    </>
  );
}
