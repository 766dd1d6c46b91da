import { CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Empty, List, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { RecordStats } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { usePeople } from '../../api/people';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { formatCount } from '../../lib/format';
import { navigate } from '../../lib/hashRoute';
import { useSession, useUser } from '../../session/SessionContext';
import { batchPath } from '../batches/labels';

export interface Todo {
  key: string;
  title: ReactNode;
  detail?: ReactNode;
  /** Something went wrong and needs someone (shown in red). */
  urgent?: boolean;
  go: () => void;
}

/**
 * 待办: what waits for this person, first on 工作台 — the clerk's records sent back,
 * operations to report and batches returned; the approver's batches to review and
 * records to accept; the administrator's people. Each leads to where it is done.
 */
export function useTodos(stats: RecordStats | undefined): { todos: Todo[]; loading: boolean } {
  const { t } = useI18n();
  const { may } = useSession();
  const me = useUser();
  const { name } = usePeople();
  const isClerk = me.roles.includes('clerk');
  const isApprover = me.roles.includes('approver');
  const batches = useCall('batches.list', undefined, isClerk || isApprover);
  const requests = useCall('records.overrideRequests', undefined, isApprover);
  const keys = useCall('keys.list', undefined, isApprover);
  const todos: Todo[] = [];

  const rejected = (stats?.byCategory ?? []).filter((r) => r.state === 'rejected').reduce((n, r) => n + r.count, 0);
  const drafts = (stats?.byCategory ?? []).filter((r) => r.state === 'draft').reduce((n, r) => n + r.count, 0);
  const newest = (batches.data ?? []).reduce<NonNullable<typeof batches.data>[number] | null>((n, b) => (!n || b.batchId > n.batchId ? b : n), null);

  if (isClerk) {
    if (rejected > 0) {
      todos.push({ key: 'rectify', urgent: true, title: t('todo.rectify', { n: formatCount(rejected) }), detail: t('todo.rectifyDetail'), go: () => navigate('batches', 'rectify') });
    }
    if (newest?.state === 'returned') {
      todos.push({
        key: 'returned',
        urgent: true,
        title: t('todo.returned', { sequence: newest.sequence, by: name(newest.decidedBy) }),
        detail: t('todo.returnedDetail', { reason: newest.reason ?? '', at: formatDateTime(newest.decidedAt) }),
        go: () => navigate(...batchPath(newest, false)),
      });
    }
    if ((stats?.pendingOperations ?? 0) > 0 && may('batches.prepare')) {
      const open = batches.data?.some((b) => b.state === 'prepared');
      todos.push({
        key: 'pending',
        title: t('todo.pending', { n: formatCount(stats!.pendingOperations) }),
        detail: open ? t('todo.pendingWaiting') : t('todo.pendingDetail'),
        go: () => navigate('batches', 'pending'),
      });
    }
    const records = (stats?.byCategory ?? []).reduce((n, r) => n + r.count, 0);
    if (stats && records === 0 && may('import.run')) {
      todos.push({ key: 'import', title: t('todo.import'), detail: t('todo.importDetail'), go: () => navigate('records', 'penalty', 'import') });
    }
    if (drafts > 0) todos.push({ key: 'drafts', title: t('todo.drafts', { n: formatCount(drafts) }), go: () => navigate('records', firstWith(stats, 'draft'), 'draft') });
    if ((stats?.openNameConflicts ?? 0) > 0) {
      todos.push({ key: 'conflicts', title: t('todo.conflicts', { n: formatCount(stats!.openNameConflicts) }), detail: t('todo.conflictsDetail'), go: () => navigate('subjects', 'conflicts') });
    }
  }
  if (isApprover) {
    const toReview = (batches.data ?? []).filter((b) => b.state === 'prepared' && b.preparedBy !== me.login);
    if (toReview.length > 0) {
      const b = toReview[0];
      todos.push({
        key: 'review',
        urgent: true,
        title: t('todo.review', { n: toReview.length }),
        detail: t('todo.reviewDetail', { sequence: b.sequence, operations: formatCount(b.operations), by: name(b.preparedBy), at: formatDateTime(b.preparedAt) }),
        go: () => navigate(...batchPath(b, true)),
      });
    }
    for (const r of requests.data ?? []) {
      todos.push({
        key: `accept:${r.recordId}`,
        title: t('todo.accept', { name: r.subjectName, no: r.decisionNo }),
        detail: t('todo.acceptDetail', { by: name(r.request.by), note: r.request.note || t('common.none') }),
        go: () => navigate('records', 'edit', String(r.recordId)),
      });
    }
    if (keys.data && !keys.data.some((k) => k.login === me.login && k.active)) {
      todos.push({ key: 'key', title: t('todo.key'), detail: t('todo.keyDetail'), go: () => navigate('batches', 'keys') });
    }
  }
  return { todos, loading: batches.loading || requests.loading || keys.loading };
}

function firstWith(stats: RecordStats | undefined, state: string): string {
  return stats?.byCategory.find((r) => r.state === state)?.category ?? 'penalty';
}

export function TodoCard({ todos, loading }: { todos: Todo[]; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('todo.title')} style={{ marginBottom: 16 }} data-testid="todos">
      {todos.length === 0 ? (
        loading ? null : (
          <Empty image={<CheckCircleOutlined style={{ fontSize: 32, color: '#52c41a' }} />} styles={{ image: { height: 36 } }} description={t('todo.none')} />
        )
      ) : (
        <List
          size="small"
          dataSource={todos}
          renderItem={(todo) => (
            <List.Item
              className="todo-item"
              onClick={todo.go}
              actions={[<RightOutlined key="go" />]}
              data-testid={`todo-${todo.key.split(':')[0]}`}
            >
              <List.Item.Meta
                title={<Typography.Text type={todo.urgent ? 'danger' : undefined} strong>{todo.title}</Typography.Text>}
                description={todo.detail}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
