import { CloseCircleOutlined, DownloadOutlined, PlusOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, DatePicker, Dropdown, Flex, Input, Select, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { RecordStateName, SearchResult } from '../../../../electron/contract';
import { RECORD_STATE_NAMES } from '../../../../electron/contract';
import { call, newCallId } from '../../api/client';
import { useCall, useProgress } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { RecordColumnSettings, useRecordColumns } from '../../components/RecordColumnSettings';
import { RecordDetailDrawer } from '../../components/RecordDetailDrawer';
import { RECORD_COLUMNS, RecordTable, type RecordColumnKey, type RecordPage } from '../../components/RecordTable';
import { useI18n } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { useSession, useUser } from '../../session/SessionContext';
import { categoryName, STATE_KEYS, useCatalog, useCatalogNames } from './catalog';
import { downloadPayload } from '../../lib/files';
import { ExportUnmaskedModal } from './ExportUnmaskedModal';

interface Filters {
  query: string;
  from: string | null;
  to: string | null;
  pageSize: number;
}

const EMPTY: Filters = { query: '', from: null, to: null, pageSize: 20 };
/** Search text and dates per person and category, kept while the window is open (not on disk). */
const remembered = new Map<string, Filters>();

/** A search box's text, passed on once typing pauses (a 1-character name matches nothing useful). */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function ExportButton({ category, filters }: { category: string; filters: { query?: string; state?: RecordStateName; from?: string; to?: string } }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const { may } = useSession();
  const [callId, setCallId] = useState<string | null>(null);
  const [askingReason, setAskingReason] = useState(false);
  const progress = useProgress(callId);
  const run = async (format: 'xlsx' | 'csv', reason?: string) => {
    const id = newCallId();
    setAskingReason(false);
    setCallId(id);
    try {
      const file = await call('export.run', { ...filters, category, format, ...(reason ? { unmask: true, reason } : {}) }, { callId: id });
      downloadPayload(file);
      message.success(t('records.export.done', { rows: file.rows, file: file.fileName }));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setCallId(null);
    }
  };
  return (
    <>
      <Dropdown
        disabled={callId !== null}
        menu={{
          items: [
            { key: 'xlsx', label: t('records.export.xlsx') },
            { key: 'csv', label: t('records.export.csv') },
            ...(may('records.unmask') ? [{ type: 'divider' as const }, { key: 'unmasked', label: t('records.export.unmasked') }] : []),
          ],
          onClick: ({ key }) => (key === 'unmasked' ? setAskingReason(true) : void run(key as 'xlsx' | 'csv')),
        }}
      >
        <Button icon={<DownloadOutlined />} loading={callId !== null} data-testid="export-button">
          {callId && progress ? t('records.export.running', { n: progress.done }) : t('records.export.button')}
        </Button>
      </Dropdown>
      <ExportUnmaskedModal open={askingReason} onCancel={() => setAskingReason(false)} onExport={(format, reason) => void run(format, reason)} />
    </>
  );
}

/** 信用记录: one category's records, searched and filtered by the core, paged. */
export function RecordList({ category, state, openId }: { category: string; state: RecordStateName | undefined; openId: number | null }) {
  const { t, locale } = useI18n();
  const { may } = useSession();
  const user = useUser();
  const catalog = useCatalog();
  const names = useCatalogNames();
  const stats = useCall('records.stats');
  const memoryKey = `${user.login}:${category}`;
  const [filters, setFilters] = useState<Filters>(() => remembered.get(memoryKey) ?? EMPTY);
  const [current, setCurrent] = useState(1);
  const query = useDebounced(filters.query.trim(), 400);
  const def = catalog.data?.categories.find((c) => c.key === category);

  const update = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch };
    remembered.set(memoryKey, next);
    setFilters(next);
    setCurrent(1);
  };
  const [seenQuery, setSeenQuery] = useState(query);
  if (seenQuery !== query) {
    setSeenQuery(query);
    setCurrent(1);
  }

  const searchFilters = {
    query: query || undefined,
    state,
    from: filters.from ?? undefined,
    to: filters.to ?? undefined,
  };
  const list = useCall('records.search', {
    ...searchFilters,
    category,
    offset: (current - 1) * filters.pageSize,
    limit: filters.pageSize,
  });
  // Keep showing the last page while the next one loads (no flash of an empty table).
  const [shownResult, setShownResult] = useState<SearchResult | undefined>(undefined);
  useEffect(() => {
    if (list.data) setShownResult(list.data);
  }, [list.data]);

  const available: RecordColumnKey[] = RECORD_COLUMNS.filter((k) => k !== 'category' && (k !== 'publicationEnds' || def?.hasPublication !== false));
  const defaults: RecordColumnKey[] = ['subject', 'subjectCode', 'decisionNo', 'decisionDate', 'state', 'publicationEnds'];
  const columns = useRecordColumns(category, available, defaults);
  // 待整改 shows the platform's reason in place of the publication date, whatever the column choice.
  const shown =
    state === 'rejected'
      ? available.filter((k) => (columns.shown.includes(k) && k !== 'publicationEnds') || k === 'rejection')
      : columns.shown;

  const counts = useMemo(() => {
    const byCategory = new Map<string, number>();
    let rejected = 0;
    for (const row of stats.data?.byCategory ?? []) {
      byCategory.set(row.category, (byCategory.get(row.category) ?? 0) + row.count);
      if (row.category === category && row.state === 'rejected') rejected += row.count;
    }
    return { byCategory, rejected };
  }, [stats.data, category]);

  const go = (nextState: RecordStateName | undefined) => navigate('records', category, nextState ?? 'all');
  const refresh = () => {
    list.reload();
    stats.reload();
  };
  const range: [Dayjs | null, Dayjs | null] | null =
    filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null;
  const dateLabel = def ? names.field(category, def.decisionDateField) : t('records.col.decisionDate');

  return (
    <>
      <PageTitle
        title={t('records.title')}
        extra={
          <Flex gap={8} wrap>
            {may('records.create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('records', category, 'new')}>
                {t('records.new')}
              </Button>
            )}
            {may('import.run') && (
              <Button icon={<UploadOutlined />} onClick={() => navigate('records', category, 'import')}>
                {t('records.import.button')}
              </Button>
            )}
            {may('export.run') && <ExportButton category={category} filters={searchFilters} />}
          </Flex>
        }
      />
      <ErrorAlert error={catalog.error} />
      <Tabs
        activeKey={category}
        onChange={(key) => navigate('records', key, state ?? 'all')}
        data-testid="category-tabs"
        tabBarExtraContent={
          <RecordColumnSettings
            available={available}
            shown={columns.shown}
            onChange={columns.save}
            onReset={columns.reset}
            titles={def ? { decisionNo: names.field(category, def.decisionNumberField), decisionDate: dateLabel } : undefined}
          />
        }
        items={(catalog.data?.categories ?? []).map((c) => ({
          key: c.key,
          label: (
            <span>
              {categoryName(c, locale)}
              {(counts.byCategory.get(c.key) ?? 0) > 0 && (
                <Badge count={(counts.byCategory.get(c.key) ?? 0).toLocaleString('en-US')} color="#bfbfbf" style={{ marginInlineStart: 6 }} />
              )}
            </span>
          ),
        }))}
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="record-filters">
        <Input.Search
          allowClear
          value={filters.query}
          onChange={(e) => update({ query: e.target.value })}
          onSearch={(v) => update({ query: v })}
          placeholder={t('records.search.placeholder')}
          aria-label={t('records.search.label')}
          style={{ width: 280 }}
          data-testid="record-search"
        />
        <Select<RecordStateName>
          allowClear
          value={state}
          onChange={(v) => go(v)}
          placeholder={t('records.filter.allStates')}
          aria-label={t('records.filter.state')}
          style={{ width: 140 }}
          options={RECORD_STATE_NAMES.map((s) => ({ value: s, label: t(STATE_KEYS[s]) }))}
          data-testid="state-filter"
        />
        <DatePicker.RangePicker
          value={range}
          format="YYYY-MM-DD"
          allowEmpty={[true, true]}
          placeholder={[t('records.filter.from', { field: dateLabel }), t('records.filter.to')]}
          onChange={(dates) =>
            update({ from: dates?.[0]?.format('YYYY-MM-DD') ?? null, to: dates?.[1]?.format('YYYY-MM-DD') ?? null })
          }
          style={{ width: 290 }}
          data-testid="date-filter"
        />
        <Button
          icon={<WarningOutlined />}
          danger={state !== 'rejected' && counts.rejected > 0}
          type={state === 'rejected' ? 'primary' : 'default'}
          onClick={() => go(state === 'rejected' ? undefined : 'rejected')}
          data-testid="rectify-filter"
        >
          {t('records.filter.rectify', { n: counts.rejected })}
        </Button>
        {(state || filters.query || filters.from || filters.to) && (
          <Button
            type="link"
            icon={<CloseCircleOutlined />}
            onClick={() => {
              update({ query: '', from: null, to: null });
              go(undefined);
            }}
          >
            {t('records.filter.clear')}
          </Button>
        )}
      </Flex>
      {state === 'rejected' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('records.rectify.explain')} />}
      {filters.query.trim().length === 1 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('records.search.tooShort')}
        </Typography.Paragraph>
      )}
      <ErrorAlert error={list.error} />
      <RecordTable
        testId="records-table"
        result={list.error ? undefined : shownResult}
        loading={list.loading}
        page={{ current, pageSize: filters.pageSize }}
        onPage={(p: RecordPage) => {
          if (p.pageSize !== filters.pageSize) update({ pageSize: p.pageSize });
          setCurrent(p.current);
        }}
        columns={shown}
        category={category}
        onOpen={(id) => navigate('records', category, state ?? 'all', String(id))}
        onEdit={may('records.update') ? (id) => navigate('records', 'edit', String(id)) : undefined}
      />
      <RecordDetailDrawer recordId={openId} onClose={() => navigate('records', category, state ?? 'all')} onChanged={refresh} />
    </>
  );
}
