/** Names and colours shared by the case screens: states, outcomes, channels, steps and the clock. */
import { ClockCircleOutlined, ExclamationCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { CaseChannel, CaseKind, CaseOutcome, CaseState, CaseSummary } from '../../../../electron/contract';
import { useI18n, type MessageKey, type Translate } from '../../i18n';

export const KIND_KEYS: Record<CaseKind, MessageKey> = { objection: 'cases.kind.objection', repair: 'cases.kind.repair' };
/** The side menu's page for each kind. */
export const KIND_PAGE: Record<CaseKind, 'objections' | 'repairs'> = { objection: 'objections', repair: 'repairs' };

const STATES: Record<CaseState, { label: MessageKey; color: string }> = {
  registered: { label: 'cases.state.registered', color: 'default' },
  investigating: { label: 'cases.state.investigating', color: 'processing' },
  proposed: { label: 'cases.state.proposed', color: 'gold' },
  decided: { label: 'cases.state.decided', color: 'success' },
  answered: { label: 'cases.state.answered', color: 'green' },
  refused: { label: 'cases.state.refused', color: 'default' },
};

export const stateLabel = (t: Translate, s: CaseState) => t(STATES[s].label);

export function CaseStateTag({ state }: { state: CaseState }) {
  const { t } = useI18n();
  return (
    <Tag color={STATES[state].color} data-testid="case-state">
      {t(STATES[state].label)}
    </Tag>
  );
}

export const OUTCOME_KEYS: Record<CaseOutcome, MessageKey> = {
  correct: 'cases.outcome.correct',
  revoke: 'cases.outcome.revoke',
  maintain: 'cases.outcome.maintain',
  repair: 'cases.outcome.repair',
  deny: 'cases.outcome.deny',
};

export const CHANNEL_KEYS: Record<CaseChannel, MessageKey> = {
  window: 'cases.channel.window',
  letter: 'cases.channel.letter',
  platform: 'cases.channel.platform',
  phone: 'cases.channel.phone',
};

const ACTIONS: Record<string, MessageKey> = {
  register: 'cases.step.register',
  accept: 'cases.step.accept',
  refuse: 'cases.step.refuse',
  attach: 'cases.step.attach',
  'request-materials': 'cases.step.request-materials',
  'materials-complete': 'cases.step.materials-complete',
  extend: 'cases.step.extend',
  propose: 'cases.step.propose',
  approve: 'cases.step.approve',
  return: 'cases.step.return',
  answer: 'cases.step.answer',
  recompute: 'cases.step.recompute',
  forward: 'cases.step.forward',
};

export const actionLabel = (t: Translate, action: string) => (ACTIONS[action] ? t(ACTIONS[action]) : action);

/**
 * The clock as people read it: 还剩 N 个工作日 / 今天到期 / 已逾期 / 补正中;
 * a due date in a year without calendar data says it is an estimate.
 */
export function ClockTag({ c }: { c: Pick<CaseSummary, 'due' | 'workingDaysLeft' | 'overdue' | 'paused' | 'dueCalendar' | 'decidedLate'> }) {
  const { t } = useI18n();
  const estimate = c.dueCalendar?.estimated ? t('cases.clock.estimated', { years: c.dueCalendar.yearsWithoutData.join('、') }) : null;
  let tag;
  if (c.paused) tag = <Tag icon={<PauseCircleOutlined />}>{t('cases.clock.paused')}</Tag>;
  else if (c.workingDaysLeft === null) tag = c.decidedLate ? <Tag color="warning">{t('cases.clock.decidedLate')}</Tag> : null;
  else if (c.overdue) {
    tag = (
      <Tag color="error" icon={<ExclamationCircleOutlined />}>
        {c.workingDaysLeft < 0 ? t('cases.clock.overdueBy', { n: -c.workingDaysLeft }) : t('cases.clock.overdue')}
      </Tag>
    );
  } else if (c.workingDaysLeft === 0) tag = <Tag color="error" icon={<ClockCircleOutlined />}>{t('cases.clock.dueToday')}</Tag>;
  else tag = <Tag color={c.workingDaysLeft <= 2 ? 'warning' : 'blue'} icon={<ClockCircleOutlined />}>{t('cases.clock.left', { n: c.workingDaysLeft })}</Tag>;
  if (!tag) return null;
  return estimate ? (
    <Tooltip title={estimate}>
      <span data-testid="case-clock">
        {tag}
        <Tag>{t('cases.clock.estimateShort')}</Tag>
      </span>
    </Tooltip>
  ) : (
    <span data-testid="case-clock">{tag}</span>
  );
}
