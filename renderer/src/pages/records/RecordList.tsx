import { CloseCircleOutlined, DownloadOutlined, PlusOutlined, RollbackOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Dropdown, Flex, Input, Select, Tabs, Tag, Typography, type InputRef } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RecordFigure, RecordStateName, SearchResult } from '../../../../electron/contract';
import { RECORD_STATE_NAMES } from '../../../../electron/contract';
import { call, newCallId } from '../../api/client';
import { useCall, useProgress } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { RecordColumnSettings, useRecordColumns } from '../../components/RecordColumnSettings';
import { RecordDetailDrawer } from '../../components/RecordDetailDrawer';
import { RecordWithdrawModal } from '../../components/RecordWithdrawModal';
import { RECORD_COLUMNS, RecordTable, type RecordColumnKey, type RecordPage, type RecordSort } from '../../components/RecordTable';
import { useI18n } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { useSession, useUser } from '../../session/SessionContext';
import { categoryName, STATE_KEYS, useCatalog, useCatalogNames } from './catalog';
import { downloadPayload } from '../../lib/files';
import { formatCount } from '../../lib/format';
import { useShortcuts } from '../../lib/shortcuts';
import { ExportUnmaskedModal } from './ExportUnmaskedModal';

interface Filters {
  query: string;
  from: string | null;
  to: string | null;
  pageSize: number;
  /** 双公示 records not yet reported: due within 2 working days, or past their 7 working days. */
  timeliness?: 'soon' | 'overdue' | null;
  /** The records behind a figure of the 统计 page (this category's). */
  statistic?: { figure: RecordFigure; month: string } | null;
  sort: RecordSort;
}

/** Newest decisions first, as a department reads its records. */
const DEFAULT_SORT: RecordSort = { key: 'decisionDate', order: 'desc' };
const EMPTY: Filters = { query: '', from: null, to: null, pageSize: 20, timeliness: null, statistic: null, sort: DEFAULT_SORT };
/** Search text and dates per person and category, kept while the window is open (not on disk). */
const remembered = new Map<string, Filters>();

/** The categories the timeliness clock applies to (双公示). */
const TIMELY = ['license', 'penalty'];

/** Opens a category's list filtered by the timeliness clock (the 工作台's links). */
export function openTimelinessList(login: string, category: string, timeliness: 'soon' | 'overdue'): void {
  const key = `${login}:${category}`;
  remembered.set(key, { ...(remembered.get(key) ?? EMPTY), timeliness });
  navigate('records', category, 'all');
}

/** Opens a category's list narrowed to the records behind a figure of the 统计 page (other filters cleared). */
export function openRecordsBehind(login: string, category: string, statistic: { figure: RecordFigure; month: string }): void {
  const key = `${login}:${category}`;
  remembered.set(key, { ...EMPTY, pageSize: remembered.get(key)?.pageSize ?? EMPTY.pageSize, statistic });
  navigate('records', category, 'all');
}

/** A search box's text, passed on once typing pauses (a 1-character name matches nothing useful). */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function ExportButton({
  category,
  filters,
  recordIds,
}: {
  category: string;
  filters: { query?: string; state?: RecordStateName; from?: string; to?: string };
  /** Only these records (the ticked rows). */
  recordIds?: number[];
}) {
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
      const file = await call('export.run', { ...(recordIds ? { recordIds } : filters), category, format, ...(reason ? { unmask: true, reason } : {}) }, { callId: id });
      downloadPayload(file);
      message.success(t('records.export.done', { rows: formatCount(file.rows), file: file.fileName }));
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
        <Button icon={<DownloadOutlined />} loading={callId !== null} data-testid={recordIds ? 'export-selected' : 'export-button'}>
          {callId && progress
            ? t('records.export.running', { n: formatCount(progress.done) })
            : recordIds
              ? t('records.selection.export', { n: formatCount(recordIds.length) })
              : t('records.export.button')}
        </Button>
      </Dropdown>
      <ExportUnmaskedModal open={askingReason} onCancel={() => setAskingReason(false)} onExport={(format, reason) => void run(format, reason)} />
    </>
  );
}

/** 信用记录: one category's records, searched and filtered by the core, sorted, paged. */
export function RecordList({ category, state, openId }: { category: string; state: RecordStateName | undefined; openId: number | null }) {
  const { t, locale } = useI18n();
  const { may } = useSession();
  const user = useUser();
  const catalog = useCatalog();
  const names = useCatalogNames();
  const stats = useCall('records.stats');
  const memoryKey = `${user.login}:${category}`;
  const [filters, setFilters] = useState<Filters>(() => ({ ...EMPTY, ...remembered.get(memoryKey) }));
  const [current, setCurrent] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const [withdrawing, setWithdrawing] = useState<number[] | null>(null);
  const searchBox = useRef<InputRef>(null);
  const query = useDebounced(filters.query.trim(), 400);
  const def = catalog.data?.categories.find((c) => c.key === category);

  const update = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch };
    remembered.set(memoryKey, next);
    setFilters(next);
    setCurrent(1);
    if (!('sort' in patch) && !('pageSize' in patch)) setSelected([]);
  };
  const [seenQuery, setSeenQuery] = useState(query);
  if (seenQuery !== query) {
    setSeenQuery(query);
    setCurrent(1);
    setSelected([]);
  }
  /** Opens another category with the same search (its remembered filters take this search). */
  const openCategory = (key: string) => {
    const theirs = remembered.get(`${user.login}:${key}`) ?? EMPTY;
    remembered.set(`${user.login}:${key}`, { ...theirs, query: filters.query, from: filters.from, to: filters.to, statistic: filters.statistic });
    navigate('records', key, state ?? 'all');
  };
  useShortcuts({
    search: () => searchBox.current?.focus({ cursor: 'all' }),
    create: may('records.create') ? () => navigate('records', category, 'new') : undefined,
  });

  const searchFilters = {
    query: query || undefined,
    state,
    from: filters.from ?? undefined,
    to: filters.to ?? undefined,
  };
  const timeliness = TIMELY.includes(category) ? (filters.timeliness ?? undefined) : undefined;
  const statistic = filters.statistic ?? undefined;
  const list = useCall('records.search', {
    ...searchFilters,
    ...(timeliness ? { timeliness } : {}),
    ...(statistic ? { statistic: { ...statistic, category } } : {}),
    category,
    sort: filters.sort,
    offset: (current - 1) * filters.pageSize,
    limit: filters.pageSize,
  });
  // With a search or dates, each tab counts its own hits (also to say where the hits are
  // when this category has none); otherwise the record counts of the state shown.
  const filtered = Boolean(searchFilters.query || searchFilters.from || searchFilters.to || timeliness || statistic);
  const hits = useCall(
    'records.countByCategory',
    { query: searchFilters.query, state, from: searchFilters.from, to: searchFilters.to, ...(timeliness ? { timeliness } : {}), ...(statistic ? { statistic } : {}) },
    filtered,
  );
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
    const byCategory = new Map<string, { total: number; capped: boolean }>();
    let rejected = 0;
    for (const row of stats.data?.byCategory ?? []) {
      if (!state || row.state === state) {
        const was = byCategory.get(row.category)?.total ?? 0;
        byCategory.set(row.category, { total: was + row.count, capped: false });
      }
      if (row.category === category && row.state === 'rejected') rejected += row.count;
    }
    if (filtered && hits.data) for (const [key, n] of Object.entries(hits.data)) byCategory.set(key, n);
    return { byCategory, rejected };
  }, [stats.data, category, state, filtered, hits.data]);
  const countText = (key: string) => {
    const n = counts.byCategory.get(key);
    return n ? `${formatCount(n.total)}${n.capped ? '+' : ''}` : '0';
  };
  // This category has no hit for the search; others have: say where.
  const elsewhere =
    filtered && shownResult?.total === 0 && !list.loading && hits.data
      ? (catalog.data?.categories ?? []).filter((c) => c.key !== category && (hits.data?.[c.key]?.total ?? 0) > 0)
      : [];

  const go = (nextState: RecordStateName | undefined) => navigate('records', category, nextState ?? 'all');
  const refresh = () => {
    list.reload();
    stats.reload();
    hits.reload();
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
        onChange={(key) => {
          // The records behind a figure stay the filter across the tabs (each tab counts its own).
          if (statistic) remembered.set(`${user.login}:${key}`, { ...(remembered.get(`${user.login}:${key}`) ?? EMPTY), statistic });
          navigate('records', key, state ?? 'all');
        }}
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
              <span className="tab-count" data-testid={`tab-count-${c.key}`}>
                {countText(c.key)}
              </span>
            </span>
          ),
        }))}
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="record-filters">
        <Input.Search
          ref={searchBox}
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
        {TIMELY.includes(category) && (
          <Select<'soon' | 'overdue'>
            allowClear
            value={timeliness}
            onChange={(v) => update({ timeliness: v ?? null })}
            placeholder={t('records.filter.timeliness')}
            aria-label={t('records.filter.timeliness')}
            style={{ width: 190 }}
            options={[
              { value: 'soon', label: t('records.filter.timeliness.soon') },
              { value: 'overdue', label: t('records.filter.timeliness.overdue') },
            ]}
            data-testid="timeliness-filter"
          />
        )}
        {/* 待整改 is the clerks' work: who cannot correct a record is not offered it. */}
        {may('records.update') && (
        <Button
          icon={<WarningOutlined />}
          danger={state !== 'rejected' && counts.rejected > 0}
          type={state === 'rejected' ? 'primary' : 'default'}
          onClick={() => go(state === 'rejected' ? undefined : 'rejected')}
          data-testid="rectify-filter"
        >
          {t('records.filter.rectify', { n: formatCount(counts.rejected) })}
        </Button>
        )}
        {statistic && (
          <Tag closable color="processing" onClose={() => update({ statistic: null })} data-testid="statistic-filter">
            {t('stats.filter.tag', { month: statistic.month, figure: t(`stats.fig.${statistic.figure}`) })}
          </Tag>
        )}
        {(state || filters.query || filters.from || filters.to || timeliness || statistic) && (
          <Button
            type="link"
            icon={<CloseCircleOutlined />}
            onClick={() => {
              update({ query: '', from: null, to: null, timeliness: null, statistic: null });
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
      {elsewhere.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="hits-elsewhere"
          title={t('records.search.noneHere', { category: categoryName(def, locale), query: filters.query.trim() })}
          description={
            <Flex gap={16} wrap>
              {elsewhere.map((c) => (
                <Typography.Link key={c.key} onClick={() => openCategory(c.key)} data-testid={`hits-in-${c.key}`}>
                  {t('records.search.hitsIn', { category: categoryName(c, locale), n: countText(c.key) })}
                </Typography.Link>
              ))}
            </Flex>
          }
        />
      )}
      {shownResult?.unsorted && <Typography.Paragraph type="secondary">{t('records.sort.tooMany')}</Typography.Paragraph>}
      {selected.length > 0 && (
        <Flex align="center" gap={8} wrap className="selection-bar" data-testid="selection-bar">
          <Typography.Text strong>{t('records.selection.count', { n: formatCount(selected.length) })}</Typography.Text>
          {may('records.withdrawMany') && (
            <Button danger icon={<RollbackOutlined />} onClick={() => setWithdrawing(selected)} data-testid="withdraw-selected">
              {t('records.selection.withdraw')}
            </Button>
          )}
          {may('export.run') && <ExportButton category={category} filters={searchFilters} recordIds={selected} />}
          <Button type="link" onClick={() => setSelected([])}>
            {t('records.selection.clear')}
          </Button>
        </Flex>
      )}
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
        sort={filters.sort}
        onSort={(sort) => update({ sort: sort ?? DEFAULT_SORT })}
        selected={may('records.withdrawMany') || may('export.run') ? selected : undefined}
        onSelect={may('records.withdrawMany') || may('export.run') ? setSelected : undefined}
        highlight={query || undefined}
      />
      <RecordDetailDrawer recordId={openId} onClose={() => navigate('records', category, state ?? 'all')} onChanged={refresh} />
      <RecordWithdrawModal
        recordIds={withdrawing}
        onClose={() => setWithdrawing(null)}
        onDone={() => {
          setWithdrawing(null);
          setSelected([]);
          refresh();
        }}
      />
    </>
  );
}
