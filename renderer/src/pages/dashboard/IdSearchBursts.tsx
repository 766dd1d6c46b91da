import { Card, Empty, List, Tag, Typography } from 'antd';
import { useCall } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';

/**
 * The auditor's view of searches by ID number beyond the limit (issue 18): who
 * went on with which reason, and who was refused for want of one — the last 30 days.
 */
export function IdSearchBursts() {
  const { t } = useI18n();
  const bursts = useCall('audit.idSearchBursts', { days: 30, limit: 10 });
  const all = () => {
    window.location.hash = '#/audit';
  };
  return (
    <Card
      size="small"
      title={t('dashboard.idBursts.title')}
      extra={<Typography.Link onClick={all}>{t('dashboard.idBursts.trail')}</Typography.Link>}
      style={{ marginBottom: 16 }}
      data-testid="id-search-bursts"
    >
      {bursts.data && bursts.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.idBursts.none')} />
      ) : (
        <List
          size="small"
          loading={bursts.loading}
          dataSource={bursts.data ?? []}
          renderItem={(b) => (
            <List.Item>
              <Typography.Text>
                {b.name} · {t('dashboard.idBursts.count', { n: b.distinct })} · <span className="mono">{b.idNumber}</span>{' '}
                {b.refused ? (
                  <Tag color="error">{t('dashboard.idBursts.refused')}</Tag>
                ) : (
                  <Typography.Text type="secondary">{t('dashboard.idBursts.reason', { reason: b.reason ?? '' })}</Typography.Text>
                )}
              </Typography.Text>
              <Typography.Text type="secondary" className="nowrap">
                {formatDateTime(b.at)}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
