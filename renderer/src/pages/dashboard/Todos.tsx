import { CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Empty, List, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { CaseSummary, RecordStats } from '../../../../electron/contract';
import { KIND_KEYS, KIND_PAGE } from '../cases/labels';
import { useCall } from '../../api/hooks';
import { usePeople } from '../../api/people';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate, formatDateTime, today as todayYmd } from '../../lib/dates';
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

/** Cases shown one by one in 待办; beyond this the rest are in the case list. */
const CASES_SHOWN = 5;

/** Which open case waits for which clerk's step. */
const CLERK_CASE_STEPS = [
  ['registered', 'todo.case.accept'],
  ['investigating', 'todo.case.propose'],
  ['decided', 'todo.case.answer'],
] as const;

/**
 * 待办: exactly what this person can act on now, first on 工作台, each item opening the
 * place where it is done (issue 19) — the clerk's records sent back, operations to
 * report, batches returned and the case steps that wait for a clerk; the approver's
 * batches to review, cases to approve (not those they handled: four eyes) and records
 * to accept; the administrator's calendar for next year and backups; anyone's forms
 * left unsaved (drafts). Nothing another role would do.
 */
export function useTodos(stats: RecordStats | undefined): { todos: Todo[]; loading: boolean } {
  const { t } = useI18n();
  const { may } = useSession();
  const me = useUser();
  const { name } = usePeople();
  const isClerk = me.roles.includes('clerk');
  const isApprover = me.roles.includes('approver');
  const isAdmin = me.roles.includes('admin');
  const batches = useCall('batches.list', undefined, isClerk || isApprover);
  const requests = useCall('records.overrideRequests', undefined, isApprover);
  const keys = useCall('keys.list', undefined, isApprover);
  const approvals = useCall('cases.list', { awaitingMyApproval: true, limit: CASES_SHOWN + 1 }, isApprover && may('cases.approve'));
  const mayWorkCases = isClerk && may('cases.accept');
  const registered = useCall('cases.list', { state: 'registered', limit: CASES_SHOWN }, mayWorkCases);
  const investigating = useCall('cases.list', { state: 'investigating', limit: CASES_SHOWN }, mayWorkCases);
  const decided = useCall('cases.list', { state: 'decided', limit: CASES_SHOWN }, mayWorkCases);
  const drafts = useCall('drafts.list');
  const calendars = useCall('calendar.list', undefined, isAdmin);
  const backup = useCall('backup.status', undefined, isAdmin && may('backup.status'));
  const todos: Todo[] = [];
  const caseItem = (c: CaseSummary, title: MessageKey): Todo => ({
    key: `case:${c.caseId}`,
    urgent: c.overdue,
    title: t(title, { kind: t(KIND_KEYS[c.kind]), caseNo: c.caseNo, applicant: c.applicantName }),
    detail: c.due ? t('todo.case.due', { due: c.due }) : undefined,
    go: () => navigate(KIND_PAGE[c.kind], String(c.caseId)),
  });

  const rejected = (stats?.byCategory ?? []).filter((r) => r.state === 'rejected').reduce((n, r) => n + r.count, 0);
  const draftRecords = (stats?.byCategory ?? []).filter((r) => r.state === 'draft').reduce((n, r) => n + r.count, 0);
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
    // Operations to report, while no batch waits for review (one batch is open at a time: nothing to do until it is signed).
    const open = batches.data?.some((b) => b.state === 'prepared');
    if ((stats?.pendingOperations ?? 0) > 0 && may('batches.prepare') && batches.data && !open) {
      todos.push({
        key: 'pending',
        title: t('todo.pending', { n: formatCount(stats!.pendingOperations) }),
        detail: t('todo.pendingDetail'),
        go: () => navigate('batches', 'pending'),
      });
    }
    const records = (stats?.byCategory ?? []).reduce((n, r) => n + r.count, 0);
    if (stats && records === 0 && may('import.run')) {
      todos.push({ key: 'import', title: t('todo.import'), detail: t('todo.importDetail'), go: () => navigate('records', 'penalty', 'import') });
    }
    if (draftRecords > 0) todos.push({ key: 'drafts', title: t('todo.drafts', { n: formatCount(draftRecords) }), go: () => navigate('records', firstWith(stats, 'draft'), 'draft') });
    if ((stats?.openNameConflicts ?? 0) > 0) {
      todos.push({ key: 'conflicts', title: t('todo.conflicts', { n: formatCount(stats!.openNameConflicts) }), detail: t('todo.conflictsDetail'), go: () => navigate('subjects', 'conflicts') });
    }
    const lists = { registered, investigating, decided };
    for (const [state, title] of CLERK_CASE_STEPS) for (const c of lists[state].data?.items ?? []) todos.push(caseItem(c, title));
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
    for (const c of (approvals.data?.items ?? []).slice(0, CASES_SHOWN)) todos.push({ ...caseItem(c, 'todo.case.approve'), urgent: true });
    if ((approvals.data?.total ?? 0) > CASES_SHOWN) {
      todos.push({ key: 'cases-more', title: t('todo.case.approveMore', { n: formatCount(approvals.data!.total - CASES_SHOWN) }), go: () => navigate('objections') });
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
  if (isAdmin) {
    // Next year's working days, once the State Council's notice can be out (November).
    const today = todayYmd();
    const next = Number(today.slice(0, 4)) + 1;
    if (calendars.data && today.slice(5) >= '11-01' && !calendars.data.some((y) => y.year === next)) {
      todos.push({ key: 'calendar', title: t('todo.calendar', { year: next }), detail: t('todo.calendarDetail'), go: () => navigate('settings', 'rules') });
    }
    if (backup.data && !backup.data.folder) {
      todos.push({ key: 'backup', title: t('todo.backup'), detail: t('todo.backupDetail'), go: () => navigate('settings', 'backup') });
    } else if (backup.data?.folderProblem) {
      todos.push({ key: 'backup', urgent: true, title: t('todo.backupProblem'), detail: backup.data.folderProblem, go: () => navigate('settings', 'backup') });
    }
  }
  // Forms left unsaved (a lock, a crash, a closed window): back to each.
  for (const d of drafts.data ?? []) {
    if (!d.route) continue;
    const route = d.route;
    todos.push({
      key: `draft:${d.form}`,
      title: t('todo.drafts.open', { title: d.title }),
      detail: t('todo.drafts.openDetail', { at: formatDateTime(d.updatedAt), expires: formatDate(d.expiresAt) }),
      go: () => {
        window.location.hash = route;
      },
    });
  }
  const loading = [batches, requests, keys, approvals, registered, investigating, decided, drafts, calendars, backup].some((c) => c.loading);
  return { todos, loading };
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
