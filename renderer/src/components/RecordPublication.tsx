import { Descriptions, Typography } from 'antd';
import type { PublicationView } from '../../../electron/contract';
import { useI18n } from '../i18n';
import { formatDate } from '../lib/dates';

/** 行政处罚's publication clock: class, 公示截止期, earliest repair date, the rule version used. */
export function RecordPublication({ publication, column = 1, decisionDate }: { publication: PublicationView; column?: number; decisionDate?: string | null }) {
  const { t } = useI18n();
  const changed = publication.class !== publication.derivedClass;
  return (
    <Descriptions
      bordered
      size="small"
      column={column}
      data-testid="publication-clock"
      styles={{ label: { width: 150 } }}
      items={[
        {
          key: 'class',
          label: t('records.pub.class'),
          children: (
            <>
              <Typography.Text strong>{publication.class}</Typography.Text>
              {changed && (
                <Typography.Text type="secondary">
                  {' '}
                  {t('records.pub.derivedWas', { derived: publication.derivedClass })}
                </Typography.Text>
              )}
              {publication.overrideReason && (
                <div>
                  <Typography.Text type="secondary">{t('records.pub.overrideReason', { reason: publication.overrideReason })}</Typography.Text>
                </div>
              )}
              {publication.reasons.length > 0 && (
                <div>
                  <Typography.Text type="secondary">{publication.reasons.join('；')}</Typography.Text>
                </div>
              )}
              {!publication.publishedByDefault && (
                <div>
                  <Typography.Text type="warning">{t('records.pub.notPublishedByDefault')}</Typography.Text>
                </div>
              )}
            </>
          ),
        },
        { key: 'ends', label: t('records.pub.ends'), children: <span data-testid="publication-ends">{formatDate(publication.publicationEnds)}</span> },
        { key: 'repair', label: t('records.pub.repair'), children: formatDate(publication.earliestRepair) },
        {
          key: 'rule',
          label: t('records.pub.rule'),
          children: (
            <>
              <span className="mono">{publication.ruleVersion}</span>
              {decisionDate && publication.ruleEffectiveFrom && decisionDate < publication.ruleEffectiveFrom && (
                <Typography.Text type="warning" style={{ display: 'block' }} data-testid="publication-rule-note">
                  {t('records.pub.ruleNotInForce', { from: publication.ruleEffectiveFrom })}
                </Typography.Text>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
