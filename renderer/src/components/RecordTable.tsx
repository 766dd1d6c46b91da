import { Button, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SortOrder } from 'antd/es/table/interface';
import type { RecordSortKey, RecordSummary, SearchResult } from '../../../electron/contract';
import { useI18n } from '../i18n';
import { formatDate } from '../lib/dates';
import { formatCount } from '../lib/format';
import { EDITABLE_STATES, useCatalogNames } from '../pages/records/catalog';
import { Highlight } from './Highlight';
import { RecordRejection } from './RecordRejection';
import { ObjectionMark } from './ObjectionMark';
import { RecordStateTag } from './RecordStateTag';

export const RECORD_COLUMNS = [
  'recordId',
  'category',
  'subject',
  'subjectCode',
  'decisionNo',
  'decisionDate',
  'state',
  'rejection',
  'publicationEnds',
  'version',
  'updatedAt',
] as const;
export type RecordColumnKey = (typeof RECORD_COLUMNS)[number];

export interface RecordPage {
  current: number;
  pageSize: number;
}

export interface RecordSort {
  key: RecordSortKey;
  order: 'asc' | 'desc';
}

/** The narrowest the 行政相对人 column gets (about eleven characters a line; all columns fit 1280×720). */
const SUBJECT_MIN = 160;

/** The list's columns that sort, and the key the core sorts them by. */
const SORTABLE: Partial<Record<RecordColumnKey, RecordSortKey>> = {
  recordId: 'recordId',
  subject: 'subjectName',
  decisionDate: 'decisionDate',
  publicationEnds: 'publicationEnds',
  updatedAt: 'updatedAt',
};

/** Records found by records.search, paged by the core; a click opens the record. */
export function RecordTable({
  result,
  loading,
  page,
  onPage,
  columns: shown,
  category,
  onOpen,
  onEdit,
  testId,
  sort,
  onSort,
  selected,
  onSelect,
  highlight,
}: {
  result: SearchResult | undefined;
  loading: boolean;
  page: RecordPage;
  onPage: (page: RecordPage) => void;
  columns: readonly RecordColumnKey[];
  /** The list's category: decision columns take its field labels. */
  category?: string;
  onOpen: (recordId: number) => void;
  /** Offered for records whose content may still be corrected. */
  onEdit?: (recordId: number) => void;
  testId?: string;
  /** The order the core lists them in; with `onSort`, the sortable columns' headers change it. */
  sort?: RecordSort;
  onSort?: (sort: RecordSort | null) => void;
  /** Row checkboxes, for actions on several records. */
  selected?: number[];
  onSelect?: (recordIds: number[]) => void;
  /** A search text: its occurrences are marked in names, codes and numbers. */
  highlight?: string;
}) {
  const { t } = useI18n();
  const names = useCatalogNames();
  const def = category ? names.catalog?.categories.find((c) => c.key === category) : undefined;

  const all: Record<RecordColumnKey, ColumnsType<RecordSummary>[number]> = {
    recordId: {
      title: t('records.col.recordId'),
      dataIndex: 'recordId',
      width: 80,
      render: (id: number) => <span className="mono">{id}</span>,
    },
    category: {
      title: t('records.col.category'),
      dataIndex: 'category',
      width: 130,
      render: (c: string) => names.category(c),
    },
    subject: {
      title: t('records.col.subject'),
      dataIndex: 'subjectName',
      className: 'record-subject-cell',
      render: (name: string, r) => (
        <Typography.Link onClick={() => onOpen(r.recordId)} data-testid="record-open">
          <Highlight text={name} query={highlight} />
        </Typography.Link>
      ),
    },
    subjectCode: {
      title: t('records.col.subjectCode'),
      dataIndex: 'subjectCode',
      width: 165,
      render: (code: string | null) =>
        code ? (
          <span className="mono nowrap">
            <Highlight text={code} query={highlight?.toUpperCase()} />
          </span>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    decisionNo: {
      title: def ? names.field(def.key, def.decisionNumberField) : t('records.col.decisionNo'),
      dataIndex: 'decisionNo',
      width: 170,
      render: (no: string) => <Highlight text={no} query={highlight} />,
    },
    decisionDate: {
      title: def ? names.field(def.key, def.decisionDateField) : t('records.col.decisionDate'),
      dataIndex: 'decisionDate',
      width: 112,
      render: (d: string | null) => formatDate(d) || t('common.none'),
    },
    state: {
      title: t('records.col.state'),
      dataIndex: 'state',
      width: 120,
      render: (_: unknown, r) => (
        <>
          <RecordStateTag state={r.state} />
          <ObjectionMark openMarks={r.openMarks} />
        </>
      ),
    },
    rejection: {
      title: t('records.col.rejection'),
      key: 'rejection',
      width: 240,
      render: (_: unknown, r) => (r.state === 'rejected' ? <RecordRejection recordId={r.recordId} /> : null),
    },
    publicationEnds: {
      title: t('records.col.publicationEnds'),
      dataIndex: 'publicationEnds',
      width: 108,
      render: (d: string | null) => formatDate(d) || t('common.none'),
    },
    version: {
      title: t('records.col.version'),
      dataIndex: 'version',
      width: 70,
      align: 'right',
    },
    updatedAt: {
      title: t('records.col.updatedAt'),
      dataIndex: 'updatedAt',
      width: 110,
      render: (d: string) => formatDate(d),
    },
  };

  const sortOrder = (key: RecordColumnKey): SortOrder => {
    const by = SORTABLE[key];
    if (!by || !sort || sort.key !== by) return null;
    return sort.order === 'asc' ? 'ascend' : 'descend';
  };
  const columns: ColumnsType<RecordSummary> = [
    ...shown.map((key) => ({
      ...all[key],
      key,
      ...(onSort && SORTABLE[key] ? { sorter: true, sortOrder: sortOrder(key), sortDirections: ['descend', 'ascend'] as SortOrder[] } : {}),
    })),
    {
      title: t('records.col.actions'),
      key: 'actions',
      width: onEdit ? 100 : 70,
      render: (_: unknown, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onOpen(r.recordId)}>
            {t('records.view')}
          </Button>
          {onEdit && EDITABLE_STATES.includes(r.state) && (
            <Button type="link" size="small" onClick={() => onEdit(r.recordId)}>
              {t('records.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Table<RecordSummary>
      rowKey="recordId"
      size="middle"
      columns={columns}
      dataSource={result?.items ?? []}
      loading={loading}
      // The name keeps at least SUBJECT_MIN of the line (at 1280×720 too); wider windows give it the rest.
      scroll={{ x: columns.reduce((w, c) => w + (typeof c.width === 'number' ? c.width : SUBJECT_MIN), onSelect ? 40 : 0) }}
      // The column headers stay under the desk's header while the list scrolls.
      sticky={{ offsetHeader: 64 }}
      data-testid={testId}
      onRow={(r) => ({ onDoubleClick: () => onOpen(r.recordId) })}
      rowSelection={
        onSelect
          ? {
              selectedRowKeys: selected ?? [],
              onChange: (keys) => onSelect(keys.map(Number)),
              preserveSelectedRowKeys: true,
              columnWidth: 40,
            }
          : undefined
      }
      onChange={(_pagination, _filters, sorter, extra) => {
        if (extra.action !== 'sort' || !onSort) return;
        const one = Array.isArray(sorter) ? sorter[0] : sorter;
        const by = one?.columnKey ? SORTABLE[one.columnKey as RecordColumnKey] : undefined;
        onSort(by && one.order ? { key: by, order: one.order === 'ascend' ? 'asc' : 'desc' } : null);
      }}
      pagination={{
        current: page.current,
        pageSize: page.pageSize,
        total: result?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: () =>
          result?.totalCapped ? t('records.totalCapped', { total: formatCount(result.total) }) : t('records.total', { total: formatCount(result?.total ?? 0) }),
        onChange: (current, pageSize) => onPage({ current: pageSize === page.pageSize ? current : 1, pageSize }),
      }}
    />
  );
}
