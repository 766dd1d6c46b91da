/**
 * The case figures of a month (objections, repairs), from the cases' timelines
 * (case_steps, never changed): received, taken up, refused, decided, decided on
 * time, and open past their due date at the month's end — the due date as the
 * timeline had it then (register, materials complete, extension, recompute; a
 * request for materials pauses the clock). The same sets give the counts and the
 * cases behind them (the case list's `statistic` filter).
 */
import type { CaseKind } from '../../contract/cases';
import type { CaseFigure, CaseFigures } from '../../contract/statistics';
import { workingDaysBetween } from '../calendar';
import type { CaseClock } from '../cases/clock';
import type { cases, caseSteps } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { statement, type Row } from '../store/sql';
import { inMonthSql, monthBounds, type MonthBounds, type MonthWindow } from './month';

/** Steps that set (or clear) a case's due date, with the date in their detail. */
const DUE_STEPS = ['register', 'materials-complete', 'extend', 'recompute', 'request-materials'];

export interface CaseSets {
  ids: Record<CaseFigure, number[]>;
  daysToDecide: number[];
  outcomes: Record<string, number>;
}

type CaseRow = Row<typeof cases>;
type StepRow = Row<typeof caseSteps>;

const casesWithStep = statement<Pick<StepRow, 'case_id'>, [CaseKind, string, ...MonthBounds]>(
  'statistics.casesWithStep',
  `SELECT DISTINCT s.case_id FROM case_steps s JOIN cases c ON c.id = s.case_id
       WHERE c.kind = ? AND s.action = ? AND ${inMonthSql('s.at')} ORDER BY s.case_id`,
);
const casesReceived = statement<Pick<CaseRow, 'id'>, [CaseKind, string, string, string]>(
  'statistics.casesReceived',
  'SELECT id FROM cases WHERE kind = ? AND received BETWEEN ? AND ? AND registered_at < ? ORDER BY id',
);
const caseDecision = statement<Pick<CaseRow, 'due' | 'decided_on' | 'clock' | 'outcome'>, [number]>(
  'statistics.caseDecision',
  'SELECT due, decided_on, clock, outcome FROM cases WHERE id = ?',
);
const casesOpen = statement<Pick<CaseRow, 'id'>, [CaseKind, string, string]>(
  'statistics.casesOpen',
  `SELECT c.id FROM cases c WHERE c.kind = ? AND c.registered_at < ?
       AND NOT EXISTS (SELECT 1 FROM case_steps s WHERE s.case_id = c.id AND s.action IN ('approve', 'refuse') AND s.at < ?) ORDER BY c.id`,
);
const lastDueStep = statement<Pick<StepRow, 'action' | 'detail'>, [number, string, ...string[]]>(
  'statistics.lastDueStep',
  `SELECT action, detail FROM case_steps WHERE case_id = ? AND at < ? AND action IN (${DUE_STEPS.map(() => '?').join(', ')}) ORDER BY at DESC, id DESC LIMIT 1`,
);

/** Every case figure of the month for one kind, as the ids of the cases behind it. */
export function caseSets(db: SqliteDatabase, kind: CaseKind, w: MonthWindow): CaseSets {
  const empty = { received: [], accepted: [], refused: [], decided: [], onTime: [], decidedLate: [], overdue: [] };
  if (w.future) return { ids: empty, daysToDecide: [], outcomes: {} };
  const stepIn = (action: string) => casesWithStep.values<number>(db, kind, action, ...monthBounds(w));
  const received = casesReceived.values<number>(db, kind, w.from, w.to, w.asOf);
  const accepted = stepIn('accept');
  const refused = stepIn('refuse');
  const decided = stepIn('approve');

  // Decided on time: on or before the due date the case had when decided (kept once decided).
  const onTime: number[] = [];
  const decidedLate: number[] = [];
  const daysToDecide: number[] = [];
  const outcomes: Record<string, number> = {};
  for (const id of decided) {
    const c = caseDecision.get(db, id);
    if (!c) continue; // the id came from the cases table: never happens
    if (c.due === null || (c.decided_on !== null && c.decided_on <= c.due)) onTime.push(id);
    else decidedLate.push(id);
    const clock = JSON.parse(c.clock) as CaseClock;
    if (c.decided_on) daysToDecide.push(clock.used + (clock.runningFrom ? Math.max(0, workingDaysBetween(clock.runningFrom, c.decided_on)) : 0));
    if (c.outcome) outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + 1;
  }

  // Open at the month's end (registered, neither decided nor refused yet) and past the due date it had then.
  const open = casesOpen.values<number>(db, kind, w.asOf, w.asOf);
  const overdue = open.filter((id) => {
    const last = lastDueStep.get(db, id, w.asOf, ...DUE_STEPS);
    if (!last || last.action === 'request-materials') return false;
    const due = (JSON.parse(last.detail) as { due?: string | null }).due ?? null;
    return due !== null && due < w.asOfDay;
  });
  return { ids: { received, accepted, refused, decided, onTime, decidedLate, overdue }, daysToDecide, outcomes };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function caseFigures(db: SqliteDatabase, kind: CaseKind, w: MonthWindow): CaseFigures {
  const s = caseSets(db, kind, w);
  return {
    received: s.ids.received.length,
    accepted: s.ids.accepted.length,
    refused: s.ids.refused.length,
    decided: s.ids.decided.length,
    onTime: s.ids.onTime.length,
    decidedLate: s.ids.decidedLate.length,
    overdue: s.ids.overdue.length,
    daysToDecide: { median: median(s.daysToDecide), max: s.daysToDecide.length ? Math.max(...s.daysToDecide) : null },
    outcomes: s.outcomes,
  };
}
