import { Tag } from 'antd';
import type { RecordStateName } from '../../../electron/contract';
import { useI18n } from '../i18n';
import { STATE_KEYS } from '../pages/records/catalog';

const COLORS: Record<RecordStateName, string> = {
  draft: 'default',
  pending: 'processing',
  reported: 'cyan',
  accepted: 'success',
  rejected: 'error',
  published: 'geekblue',
  expired: 'default',
  withdrawn: 'default',
  repaired: 'purple',
};

/** A record's lifecycle state by its Chinese name (草稿, 待报送 …). */
export function RecordStateTag({ state }: { state: RecordStateName }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[state]} data-testid="record-state">
      {t(STATE_KEYS[state])}
    </Tag>
  );
}
