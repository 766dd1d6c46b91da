/**
 * The approver's month so far on 工作台: the figures the district's bulletin will
 * score, each opening the records behind it. Numbers only (the charts are on the
 * 统计 page, which loads its chart library on first use).
 */
import { BarChartOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Statistic } from 'antd';
import type { RecordFigure } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { formatCount } from '../../lib/format';
import { navigate } from '../../lib/hashRoute';
import { useSession, useUser } from '../../session/SessionContext';
import { currentMonth, openFigure } from './drill';

const SHOWN: RecordFigure[] = ['decided', 'reported', 'accepted', 'rejected', 'late', 'unreported', 'overdueUnreported'];

export function MonthSoFar() {
  const { t } = useI18n();
  const { may } = useSession();
  const user = useUser();
  const month = currentMonth();
  const figures = useCall('statistics.month', { month });
  const total = figures.data?.total;
  const percent = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);
  return (
    <Card
      size="small"
      title={t('monthSoFar.title', { month })}
      style={{ marginBottom: 16 }}
      loading={figures.loading && !figures.data}
      data-testid="month-so-far"
      extra={
        <Button size="small" type="link" icon={<BarChartOutlined />} onClick={() => navigate('statistics')}>
          {t('monthSoFar.more')}
        </Button>
      }
    >
      <ErrorAlert error={figures.error} />
      {total && (
        <Flex gap={12}>
          {SHOWN.map((f) => {
            const open = may('records.search') && total[f] > 0 ? () => openFigure(user.login, f, month, undefined, figures.data!.categories) : undefined;
            return (
              <Card key={f} size="small" style={{ flex: '1 1 0', minWidth: 0 }} hoverable={Boolean(open)} onClick={open} data-testid={`so-far-${f}`}>
                <Statistic title={t(`stats.fig.${f}`)} value={total[f]} formatter={(v) => formatCount(Number(v))} />
              </Card>
            );
          })}
          {(['complianceRate', 'lateRate'] as const).map((f) => (
            <Card key={f} size="small" style={{ flex: '1 1 0', minWidth: 0 }} data-testid={`so-far-${f}`}>
              <Statistic title={t(`stats.fig.${f}`)} value={percent(total[f])} />
            </Card>
          ))}
        </Flex>
      )}
    </Card>
  );
}
