import { Skeleton, Tag, Typography } from 'antd';
import { useCall } from '../api/hooks';
import { useI18n } from '../i18n';

/** The platform's code and reason for a record it sent back (records.search does not carry them). */
export function RecordRejection({ recordId }: { recordId: number }) {
  const { t } = useI18n();
  const detail = useCall('records.get', { recordId });
  if (detail.loading && !detail.data) return <Skeleton.Input active size="small" />;
  const r = detail.data?.rejection;
  if (!r) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <span data-testid="record-rejection">
      {r.code && (
        <Tag color="error" className="mono">
          {r.code}
        </Tag>
      )}
      {r.message}
    </span>
  );
}
