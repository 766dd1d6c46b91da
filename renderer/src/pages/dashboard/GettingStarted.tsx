import { CheckCircleFilled } from '@ant-design/icons';
import { Card, Steps, Typography } from 'antd';
import { useCall } from '../../api/hooks';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';

/**
 * A fresh department's first steps, until they are done: people to add, the
 * approver's signing key, the first records. Each step says who does it.
 */
export function GettingStarted() {
  const { t } = useI18n();
  const { may } = useSession();
  const info = useCall('info.get');
  const keys = useCall('keys.list');
  const stats = useCall('records.stats');
  if (!info.data || !keys.data || !stats.data) return null;
  const records = stats.data.byCategory.reduce((n, r) => n + r.count, 0);
  const steps: { key: string; title: MessageKey; detail: MessageKey; done: boolean; go?: () => void }[] = [
    {
      key: 'users',
      title: 'start.users',
      detail: 'start.usersDetail',
      done: info.data.counts.activeUsers > 1,
      go: may('users.add') ? () => navigate('settings', 'users') : undefined,
    },
    {
      key: 'key',
      title: 'start.key',
      detail: 'start.keyDetail',
      // Everyone sees whether an approver has a key: keys.list lists all keys to administrators and auditors, an approver's own to others.
      done: keys.data.some((k) => k.active),
      go: may('keys.generate') ? () => navigate('batches', 'keys') : undefined,
    },
    {
      key: 'records',
      title: 'start.records',
      detail: 'start.recordsDetail',
      done: records > 0,
      go: may('import.run') ? () => navigate('records', 'penalty', 'import') : undefined,
    },
  ];
  if (steps.every((s) => s.done)) return null;
  const current = steps.findIndex((s) => !s.done);
  return (
    <Card size="small" title={t('start.title')} style={{ marginBottom: 16 }} data-testid="getting-started">
      <Typography.Paragraph type="secondary">{t('start.intro')}</Typography.Paragraph>
      <Steps
        orientation="vertical"
        size="small"
        current={current}
        items={steps.map((s) => ({
          key: s.key,
          status: s.done ? 'finish' : undefined,
          icon: s.done ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : undefined,
          title: s.go && !s.done ? <Typography.Link onClick={s.go}>{t(s.title)}</Typography.Link> : t(s.title),
          content: <span data-testid={`start-${s.key}${s.done ? '-done' : ''}`}>{t(s.detail)}</span>,
        }))}
      />
    </Card>
  );
}
