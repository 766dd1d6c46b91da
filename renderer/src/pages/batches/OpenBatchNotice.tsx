import { Alert, Button } from 'antd';
import type { BatchView } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';

/** The batch awaiting review, if any (there is at most one: a new one cannot be prepared meanwhile). */
export function useOpenBatch(): { batch: BatchView | null; reload: () => void } {
  const { may } = useSession();
  const list = useCall('batches.list');
  const batch = may('batches.list') ? (list.data?.find((b) => b.state === 'prepared') ?? null) : null;
  return { batch, reload: list.reload };
}

/** Points at the batch awaiting review: approvers review it, clerks wait (or cancel). */
export function OpenBatchNotice({ batch }: { batch: BatchView | null }) {
  const { t } = useI18n();
  const { may, user } = useSession();
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
        operations: batch.operations,
        by: batch.preparedBy,
        at: formatDateTime(batch.preparedAt),
      })}
      action={
        <Button type={review ? 'primary' : 'default'} onClick={() => navigate('batches', String(batch.batchId))}>
          {t(review ? 'batches.open.reviewButton' : 'batches.open.view')}
        </Button>
      }
    />
  );
}
