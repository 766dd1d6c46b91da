import { Alert, Button } from 'antd';
import type { BatchView } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import { usePeople } from '../../api/people';
import { formatCount } from '../../lib/format';
import { batchPath } from './labels';

/**
 * The batch awaiting review, if any (there is at most one: a new one cannot be prepared
 * meanwhile), and the newest batch when it was sent back (its number is prepared again).
 */
export function useOpenBatch(): { batch: BatchView | null; returned: BatchView | null; reload: () => void } {
  const { may } = useSession();
  const list = useCall('batches.list');
  const all = may('batches.list') ? (list.data ?? []) : [];
  const batch = all.find((b) => b.state === 'prepared') ?? null;
  const newest = all.reduce<BatchView | null>((n, b) => (!n || b.batchId > n.batchId ? b : n), null);
  return { batch, returned: newest?.state === 'returned' ? newest : null, reload: list.reload };
}

/** A batch the approver sent back, with the reason, where the clerk works (待报送, 工作台). */
export function ReturnedBatchNotice({ batch }: { batch: BatchView | null }) {
  const { t } = useI18n();
  const { name } = usePeople();
  if (!batch) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="returned-batch"
      title={t('batches.pending.returned', { sequence: batch.sequence, by: name(batch.decidedBy), at: formatDateTime(batch.decidedAt), reason: batch.reason ?? '' })}
      description={t('batches.pending.returnedHelp', { sequence: batch.sequence })}
      action={<Button onClick={() => navigate(...batchPath(batch, false))}>{t('batches.pending.viewReturned')}</Button>}
    />
  );
}

/** Points at the batch awaiting review: approvers review it, clerks wait (or cancel). */
export function OpenBatchNotice({ batch }: { batch: BatchView | null }) {
  const { t } = useI18n();
  const { may, user } = useSession();
  const { name } = usePeople();
  if (!batch) return null;
  const review = may('batches.approve') && batch.preparedBy !== user?.login;
  return (
    <Alert
      type={review ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="open-batch"
      title={t(review ? 'batches.open.review' : 'batches.open.waiting', {
        sequence: batch.sequence,
        operations: formatCount(batch.operations),
        by: name(batch.preparedBy),
        at: formatDateTime(batch.preparedAt),
      })}
      action={
        <Button type={review ? 'primary' : 'default'} onClick={() => navigate(...batchPath(batch, true))}>
          {t(review ? 'batches.open.reviewButton' : 'batches.open.view')}
        </Button>
      }
    />
  );
}
