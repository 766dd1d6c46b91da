import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import type { RecordColumnKey } from './RecordTable';

const LABELS: Record<RecordColumnKey, MessageKey> = {
  recordId: 'records.col.recordId',
  category: 'records.col.category',
  subject: 'records.col.subject',
  subjectCode: 'records.col.subjectCode',
  decisionNo: 'records.col.decisionNo',
  decisionDate: 'records.col.decisionDate',
  state: 'records.col.state',
  rejection: 'records.col.rejection',
  publicationEnds: 'records.col.publicationEnds',
  version: 'records.col.version',
  updatedAt: 'records.col.updatedAt',
};

const STORAGE_PREFIX = 'creditDesk.records.columns.';

function readStored(list: string, available: readonly RecordColumnKey[]): RecordColumnKey[] | null {
  try {
    const stored = JSON.parse(window.localStorage.getItem(STORAGE_PREFIX + list) ?? 'null') as unknown;
    if (Array.isArray(stored)) return stored.filter((k): k is RecordColumnKey => available.includes(k as RecordColumnKey));
  } catch {
    // unreadable: the defaults apply
  }
  return null;
}

/**
 * The columns a person chose for a list, remembered in localStorage. The
 * component using it is keyed by the list, so each list reads its own choice.
 */
export function useRecordColumns(list: string, available: readonly RecordColumnKey[], defaults: readonly RecordColumnKey[]) {
  const [chosen, setChosen] = useState<RecordColumnKey[]>(() => readStored(list, available) ?? [...defaults]);
  const save = (next: RecordColumnKey[]) => {
    setChosen(next);
    try {
      window.localStorage.setItem(STORAGE_PREFIX + list, JSON.stringify(next));
    } catch {
      // not remembered; harmless
    }
  };
  const reset = () => {
    setChosen([...defaults]);
    try {
      window.localStorage.removeItem(STORAGE_PREFIX + list);
    } catch {
      // harmless
    }
  };
  // Shown in the table's order, whatever order they were ticked in.
  const shown = available.filter((k) => chosen.includes(k));
  return { shown, save, reset };
}

/** 列设置: tick the columns to show. */
export function RecordColumnSettings({
  available,
  shown,
  onChange,
  onReset,
  titles,
}: {
  available: readonly RecordColumnKey[];
  shown: readonly RecordColumnKey[];
  onChange: (next: RecordColumnKey[]) => void;
  onReset: () => void;
  /** Column titles that differ from the generic ones (the category's field labels). */
  titles?: Partial<Record<RecordColumnKey, string>>;
}) {
  const { t } = useI18n();
  const content = (
    <div style={{ minWidth: 200 }} data-testid="column-settings">
      <Checkbox.Group
        value={[...shown]}
        onChange={(v) => onChange(v as RecordColumnKey[])}
        style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
        options={available.map((k) => ({ value: k, label: titles?.[k] ?? t(LABELS[k]) }))}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('records.columns.remembered')}
        </Typography.Text>
        <Button size="small" type="link" onClick={onReset}>
          {t('records.columns.reset')}
        </Button>
      </Flex>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={t('records.columns.title')} content={content}>
      <Button icon={<SettingOutlined />}>{t('records.columns.button')}</Button>
    </Popover>
  );
}
