import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n';

/** 异议中: an open objection concerns this record (it is reported to the platform as marked). */
export function ObjectionMark({ openMarks }: { openMarks: number }) {
  const { t } = useI18n();
  if (!openMarks) return null;
  return (
    <Tooltip title={t('cases.mark.objectionHelp')}>
      <Tag color="gold" data-testid="objection-mark">
        {t('cases.mark.objection')}
      </Tag>
    </Tooltip>
  );
}
