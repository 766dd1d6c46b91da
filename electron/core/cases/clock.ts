/**
 * A case's legal clock in working days (calendar/). It runs from a day that is
 * not itself counted (the day the objection was received; the day a repair
 * application became complete) for the rule's period plus any extension. A
 * repair missing materials (补正) pauses it: the working days used so far are
 * kept, and counting resumes after the day the materials are complete.
 */
import { addWorkingDays, workingDaysBetween, type CalendarUse } from '../calendar';

export interface CaseClock {
  /** Working days allowed: the rule's period, plus the extension once granted. */
  days: number;
  /** The period the rule gave (before any extension). */
  ruleDays: number;
  /** The day the running stretch started (not counted); null while paused. */
  runningFrom: string | null;
  /** Working days used in stretches before a pause. */
  used: number;
  /** Paused since this day (补正); null while running. */
  pausedSince: string | null;
  /** Extensions granted (each with a reason, in the case's steps). */
  extensions: number;
}

export interface ClockDue extends CalendarUse {
  due: string;
}

export function startClock(days: number, from: string): CaseClock {
  return { days, ruleDays: days, runningFrom: from, used: 0, pausedSince: null, extensions: 0 };
}

/** A clock that has not started: a repair whose materials are not complete yet. */
export function pausedClock(days: number, since: string): CaseClock {
  return { days, ruleDays: days, runningFrom: null, used: 0, pausedSince: since, extensions: 0 };
}

/** The due date, or null while paused. */
export function dueOf(clock: CaseClock): ClockDue | null {
  if (clock.runningFrom === null) return null;
  const r = addWorkingDays(clock.runningFrom, Math.max(0, clock.days - clock.used));
  return { due: r.date, versions: r.versions, yearsWithoutData: r.yearsWithoutData, estimated: r.estimated };
}

export function pause(clock: CaseClock, on: string): CaseClock {
  if (clock.runningFrom === null) return clock;
  const used = clock.used + Math.max(0, workingDaysBetween(clock.runningFrom, on));
  return { ...clock, runningFrom: null, used: Math.min(used, clock.days), pausedSince: on };
}

export function resume(clock: CaseClock, on: string): CaseClock {
  if (clock.runningFrom !== null) return clock;
  return { ...clock, runningFrom: on, pausedSince: null };
}

export function extend(clock: CaseClock, days: number): CaseClock {
  return { ...clock, days: clock.days + days, extensions: clock.extensions + 1 };
}
