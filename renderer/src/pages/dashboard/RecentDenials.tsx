import { Card, Empty, List, Typography } from 'antd';
import { useCall } from '../../api/hooks';
import { methodLabel, useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { formatCount } from '../../lib/format';

/** The auditor's to-do: the latest refused actions (wrong passwords, calls beyond a role), with a way to all of them. */
export function RecentDenials() {
  const { t, locale } = useI18n();
  const denied = useCall('audit.list', { outcome: 'denied', limit: 5 });
  const all = () => {
    window.location.hash = '#/audit?outcome=denied';
  };
  return (
    <Card
      size="small"
      title={t('dashboard.denials.title')}
      extra={<Typography.Link onClick={all}>{t('dashboard.denials.all', { n: formatCount(denied.data?.total ?? 0) })}</Typography.Link>}
      style={{ marginBottom: 16 }}
      data-testid="recent-denials"
    >
      {denied.data && denied.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.denials.none')} />
      ) : (
        <List
          size="small"
          loading={denied.loading}
          dataSource={denied.data?.items ?? []}
          renderItem={(e) => (
            <List.Item>
              <Typography.Text>
                {e.actorName ?? e.actor} · {methodLabel(locale, e.method)}
                {/* The first detail says why (the reason, the role); the whole entry is one click away. */}
                {e.details.length > 0 && <Typography.Text type="secondary">（{`${e.details[0].label}：${e.details[0].value}`}）</Typography.Text>}
              </Typography.Text>
              <Typography.Text type="secondary" className="nowrap">
                {formatDateTime(e.at)}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
