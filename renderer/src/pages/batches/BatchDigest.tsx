import { Tooltip, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { shortDigest } from '../../lib/files';

/** A digest shown short (first and last 8 hex digits), with the whole value on hover and in the copy. */
export function BatchDigest({ value, full = false }: { value: string | null; full?: boolean }) {
  const { t } = useI18n();
  if (!value) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Tooltip title={full ? undefined : <span className="mono">{value}</span>}>
      <Typography.Text
        className="mono"
        copyable={{ text: value, tooltips: [t('common.copy'), t('common.copied')] }}
        onClick={(e) => e.stopPropagation()}
        style={full ? { wordBreak: 'break-all' } : { whiteSpace: 'nowrap' }}
        data-testid="batch-digest"
      >
        {full ? value : shortDigest(value, 8, 4)}
      </Typography.Text>
    </Tooltip>
  );
}

/** A key fingerprint (`2D98 F9B3 …`), in its groups of four. */
export function KeyFingerprint({ value, large = false }: { value: string; large?: boolean }) {
  const { t } = useI18n();
  return (
    <Typography.Text
      className={large ? 'mono key-fingerprint-large' : 'mono'}
      copyable={{ text: value, tooltips: [t('common.copy'), t('common.copied')] }}
      data-testid="key-fingerprint"
    >
      {value}
    </Typography.Text>
  );
}
