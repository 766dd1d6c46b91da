/** Names and colours shared by the batch screens: states, operation kinds, categories, counts. */
import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback } from 'react';
import type { BatchStateName, BatchView } from '../../../../electron/contract';
import { useI18n, type MessageKey, type Translate } from '../../i18n';
import { formatCount } from '../../lib/format';
import { useCatalogNames, useCategoryOrder } from '../records/catalog';

export type Counts = Record<string, Record<string, number>>;

const STATES: Record<BatchStateName, { label: MessageKey; color: string }> = {
  prepared: { label: 'batches.state.prepared', color: 'processing' },
  approved: { label: 'batches.state.approved', color: 'success' },
  returned: { label: 'batches.state.returned', color: 'warning' },
  cancelled: { label: 'batches.state.cancelled', color: 'default' },
};

/** A signed batch the platform has answered reads 平台已回执 (with rejections, in the warning colour). */
export function BatchStateTag({ state, receipt }: { state: BatchStateName; receipt?: BatchView['receipt'] }) {
  const { t } = useI18n();
  if (state === 'approved' && receipt) {
    return (
      <Tag color={receipt.rejected > 0 ? 'warning' : 'success'} variant="filled" data-testid="batch-state">
        {t(receipt.rejected > 0 ? 'batches.state.answeredRejected' : 'batches.state.answered', { n: formatCount(receipt.rejected) })}
      </Tag>
    );
  }
  const s = STATES[state];
  return (
    <Tag color={s.color} variant="filled" data-testid="batch-state">
      {t(s.label)}
    </Tag>
  );
}

/** The operation kinds, in the order the platform's template lists them. */
export const OP_ORDER = ['add', 'update', 'withdraw', 'end-publication', 'mark-objection', 'clear-objection', 'sanction-feedback'] as const;
const OPS: Record<string, { label: MessageKey; color: string }> = {
  add: { label: 'batches.op.add', color: 'green' },
  update: { label: 'batches.op.update', color: 'blue' },
  withdraw: { label: 'batches.op.withdraw', color: 'orange' },
  'end-publication': { label: 'batches.op.end-publication', color: 'purple' },
  'mark-objection': { label: 'batches.op.mark-objection', color: 'gold' },
  'clear-objection': { label: 'batches.op.clear-objection', color: 'cyan' },
  'sanction-feedback': { label: 'batches.op.sanction-feedback', color: 'magenta' },
};

export function opLabel(t: Translate, op: string): string {
  const known = OPS[op];
  return known ? t(known.label) : op;
}

export function OpTag({ op }: { op: string }) {
  const { t } = useI18n();
  return <Tag color={OPS[op]?.color}>{opLabel(t, op)}</Tag>;
}

/** Category key → its name in the person's language (from the shared catalogue; the key until it is loaded). */
export function useCategoryName(): (key: string) => string {
  const { t } = useI18n();
  const { category } = useCatalogNames();
  // Sanction feedback travels in batches beside the catalogue's categories.
  return useCallback((key: string) => (key === 'feedback' ? t('batches.category.feedback') : category(key)), [category, t]);
}

/** The operation kinds present, known ones first in their order. */
export function opsIn(counts: Counts): string[] {
  const present = new Set(Object.values(counts).flatMap((byOp) => Object.keys(byOp)));
  const known: string[] = OP_ORDER.filter((op) => present.has(op));
  return [...known, ...[...present].filter((op) => !known.includes(op)).sort()];
}

export function totalOf(counts: Counts): number {
  return Object.values(counts).reduce((sum, byOp) => sum + Object.values(byOp).reduce((a, b) => a + b, 0), 0);
}

/** `行政处罚：新增 3 · 更正 1`, one line per category, in the catalogue's order. */
export function CountsText({ counts }: { counts: Counts }) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const inOrder = useCategoryOrder();
  const ops = opsIn(counts);
  return (
    <>
      {inOrder(Object.keys(counts))
        .map((category) => (
          <div key={category}>
            <Typography.Text>{categoryName(category)}</Typography.Text>
            <Typography.Text type="secondary">
              {t('batches.colon')}
              {ops
                .filter((op) => counts[category][op])
                .map((op) => `${opLabel(t, op)} ${formatCount(counts[category][op])}`)
                .join(' · ')}
            </Typography.Text>
          </div>
        ))}
    </>
  );
}

interface CountRow {
  category: string;
  byOp: Record<string, number>;
  total: number;
}

/** Counts per category (rows) and operation kind (columns), with totals. */
export function CountsTable({ counts, testId }: { counts: Counts; testId?: string }) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const inOrder = useCategoryOrder();
  const ops = opsIn(counts);
  const rows: CountRow[] = inOrder(Object.keys(counts)).map((category) => ({ category, byOp: counts[category], total: Object.values(counts[category]).reduce((a, b) => a + b, 0) }));
  const sum = (op: string) => rows.reduce((s, r) => s + (r.byOp[op] ?? 0), 0);
  const columns: ColumnsType<CountRow> = [
    { title: t('batches.col.category'), dataIndex: 'category', render: (c: string) => categoryName(c) },
    ...ops.map((op) => ({
      title: opLabel(t, op),
      key: op,
      align: 'right' as const,
      width: 110,
      render: (_: unknown, r: CountRow) => (r.byOp[op] ? formatCount(r.byOp[op]) : <Typography.Text type="secondary">0</Typography.Text>),
    })),
    { title: t('batches.col.total'), dataIndex: 'total', align: 'right', width: 110, render: (n: number) => <strong>{formatCount(n)}</strong> },
  ];
  return (
    <Table<CountRow>
      rowKey="category"
      size="small"
      bordered
      columns={columns}
      dataSource={rows}
      pagination={false}
      data-testid={testId}
      style={{ maxWidth: 240 + 110 * (ops.length + 1) }}
      summary={() =>
        rows.length > 1 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('batches.col.total')}</strong>
            </Table.Summary.Cell>
            {ops.map((op, i) => (
              <Table.Summary.Cell key={op} index={i + 1} align="right">
                <strong>{formatCount(sum(op))}</strong>
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={ops.length + 1} align="right">
              <strong>{formatCount(rows.reduce((s, r) => s + r.total, 0))}</strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

/** Where a batch is found: `#/batches/<sequence>` (its latest preparation) or `…/<sequence>/<attempt>`. */
export function batchPath(b: Pick<BatchView, 'sequence' | 'attempt'>, latest: boolean): string[] {
  return latest ? ['batches', String(b.sequence)] : ['batches', String(b.sequence), String(b.attempt)];
}

/** The batches of each sequence number: its latest preparation first, earlier ones (sent back, cancelled) after it. */
export function groupBySequence(list: readonly BatchView[]): { latest: BatchView; earlier: BatchView[] }[] {
  const bySequence = new Map<number, BatchView[]>();
  for (const b of list) bySequence.set(b.sequence, [...(bySequence.get(b.sequence) ?? []), b]);
  return [...bySequence.values()]
    .map((all) => {
      const sorted = [...all].sort((a, b) => b.attempt - a.attempt);
      return { latest: sorted[0], earlier: sorted.slice(1) };
    })
    .sort((a, b) => b.latest.sequence - a.latest.sequence);
}
