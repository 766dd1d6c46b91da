import { InboxOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { useI18n } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import { batchPath, CountsTable } from './labels';
import { formatCount } from '../../lib/format';
import { OpenBatchNotice, ReturnedBatchNotice, useOpenBatch } from './OpenBatchNotice';

/** 待报送: what the next batch would hold, and 准备批次 for clerks. */
export function PendingTab() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const { may } = useSession();
  const pending = useCall('batches.pending');
  const open = useOpenBatch();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mayPrepare = may('batches.prepare');

  const prepare = (total: number) =>
    modal.confirm({
      title: t('batches.prepare.confirmTitle', { total: formatCount(total) }),
      content: t('batches.prepare.confirmBody'),
      okText: t('batches.prepare.button'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy(true);
        setError(null);
        try {
          const batch = await call('batches.prepare');
          message.success(t('batches.prepare.done', { sequence: batch.sequence, total: formatCount(batch.operations) }));
          navigate(...batchPath(batch, true));
        } catch (err) {
          setError(err);
          pending.reload();
          open.reload();
        } finally {
          setBusy(false);
        }
      },
    });

  return (
    <LoadState {...pending}>
      {(data) => (
        <>
          <Typography.Paragraph type="secondary">{t('batches.pending.intro')}</Typography.Paragraph>
          <OpenBatchNotice batch={open.batch} />
          {!open.batch && <ReturnedBatchNotice batch={open.returned} />}
          <ErrorAlert error={error} />
          {data.total === 0 ? (
            <Empty image={<InboxOutlined style={{ fontSize: 48, opacity: 0.4 }} />} description={t('batches.pending.empty')} />
          ) : (
            <>
              <Flex align="flex-end" justify="space-between" gap={16} wrap style={{ marginBottom: 16 }}>
                <Statistic title={t('batches.pending.total')} value={data.total} suffix={t('batches.unit.ops')} data-testid="pending-total" />
                {mayPrepare && (
                  <Button
                    type="primary"
                    size="large"
                    icon={<SendOutlined />}
                    loading={busy}
                    disabled={open.batch !== null}
                    onClick={() => prepare(data.total)}
                  >
                    {t('batches.prepare.button')}
                  </Button>
                )}
              </Flex>
              <CountsTable counts={data.counts} testId="pending-counts" />
              {!mayPrepare && <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('batches.pending.clerksPrepare')} />}
            </>
          )}
        </>
      )}
    </LoadState>
  );
}
