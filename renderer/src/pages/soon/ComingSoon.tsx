import { ClockCircleOutlined } from '@ant-design/icons';
import { Result } from 'antd';
import { useI18n } from '../../i18n';

/** A page that is not built yet says so plainly: no sample data. */
export function ComingSoon({ area }: { area: string }) {
  const { t } = useI18n();
  return (
    <Result
      icon={<ClockCircleOutlined />}
      title={t('soon.title', { area })}
      subTitle={t('soon.subtitle')}
      data-testid="coming-soon"
    />
  );
}
