/**
 * Growing delays after failed password checks, per bucket:
 *
 * - every real account (a holder of the key file) and the recovery code has its own
 *   bucket: three failures are free, then each further attempt waits 2^(n-3) s, up to
 *   5 minutes; never forgotten until that account logs in;
 * - every name that is not an account shares one bucket (`#unknown`), so invented
 *   names cannot reset anything, and they are throttled together;
 * - all failures together (`#all`): ten are free, then up to a minute; a success
 *   resets it.
 *
 * A check waits for the longest of its buckets. The counters live in the attempts
 * file (auth/attempts.ts) because a failed login cannot open the database.
 */
export interface Bucket {
  failures: number;
  lastFailureAt: string;
}

export type Throttle = Record<string, Bucket>;

export const UNKNOWN_BUCKET = '#unknown';
export const GLOBAL_BUCKET = '#all';

interface Policy {
  free: number;
  maxMs: number;
  /** Shared buckets are forgotten after this long without a failure. */
  forgetAfterMs: number | null;
}

const ACCOUNT: Policy = { free: 3, maxMs: 5 * 60_000, forgetAfterMs: null };
const SHARED: Record<string, Policy> = {
  [UNKNOWN_BUCKET]: { free: 3, maxMs: 5 * 60_000, forgetAfterMs: 60 * 60_000 },
  [GLOBAL_BUCKET]: { free: 10, maxMs: 60_000, forgetAfterMs: 60 * 60_000 },
};

const policyOf = (bucket: string) => SHARED[bucket] ?? ACCOUNT;

export function requiredDelayMs(failures: number, policy: Policy = ACCOUNT): number {
  if (failures < policy.free) return 0;
  return Math.min(1000 * 2 ** (failures - policy.free), policy.maxMs);
}

function live(throttle: Throttle, bucket: string, now: Date): Bucket | undefined {
  const entry = throttle[bucket];
  if (!entry) return undefined;
  const forget = policyOf(bucket).forgetAfterMs;
  const last = Date.parse(entry.lastFailureAt);
  if (!Number.isFinite(last)) return undefined;
  if (forget !== null && now.getTime() - last > forget) return undefined;
  return entry;
}

/** Milliseconds the caller must still wait before trying again (0 = may try). */
export function waitBeforeAttempt(throttle: Throttle, buckets: readonly string[], now: Date): number {
  let wait = 0;
  for (const bucket of buckets) {
    const entry = live(throttle, bucket, now);
    if (!entry) continue;
    // A failure stamped in the future (the clock was set back) counts as now: a wait never exceeds the policy's maximum.
    const last = Math.min(Date.parse(entry.lastFailureAt), now.getTime());
    const until = last + requiredDelayMs(entry.failures, policyOf(bucket));
    wait = Math.max(wait, until - now.getTime());
  }
  return wait;
}

export function recordFailure(throttle: Throttle, buckets: readonly string[], now: Date): Throttle {
  const next = { ...throttle };
  for (const bucket of buckets) {
    const failures = (live(throttle, bucket, now)?.failures ?? 0) + 1;
    next[bucket] = { failures, lastFailureAt: now.toISOString() };
  }
  return next;
}

/** After a success: the account's bucket and the global one start again. */
export function clearFailures(throttle: Throttle, bucket: string): Throttle {
  const next = { ...throttle };
  delete next[bucket];
  delete next[GLOBAL_BUCKET];
  return next;
}

/** The buckets a check of `holderId` counts against: its own when it is a real holder, else the shared one. */
export function bucketsFor(holderId: string | null, isHolder: boolean): string[] {
  return [holderId !== null && isHolder ? holderId : UNKNOWN_BUCKET, GLOBAL_BUCKET];
}
