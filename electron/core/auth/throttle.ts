/**
 * Growing delay after repeated failed logins: the first three failures are
 * free, then each further attempt must wait 2^(n-3) seconds (capped at 5 min).
 * Counters live in the key file because a failed login cannot open the database.
 */
import type { KeyFile } from '../store/keyfile';

export const FREE_FAILURES = 3;
export const MAX_DELAY_MS = 5 * 60 * 1000;

export function requiredDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

/** Milliseconds the caller must still wait before trying this login again (0 = may try). */
export function waitBeforeAttempt(file: KeyFile, login: string, now: Date): number {
  const entry = file.throttle[login];
  if (!entry) return 0;
  const until = Date.parse(entry.lastFailureAt) + requiredDelayMs(entry.failures);
  return Math.max(0, until - now.getTime());
}

export function recordFailure(file: KeyFile, login: string, now: Date): KeyFile {
  const failures = (file.throttle[login]?.failures ?? 0) + 1;
  const throttle = { ...file.throttle, [login]: { failures, lastFailureAt: now.toISOString() } };
  // Bound the file: keep the 200 most recent logins tried.
  const keys = Object.keys(throttle);
  if (keys.length > 200) {
    keys
      .sort((a, b) => throttle[a].lastFailureAt.localeCompare(throttle[b].lastFailureAt))
      .slice(0, keys.length - 200)
      .forEach((k) => delete throttle[k]);
  }
  return { ...file, throttle };
}

export function clearFailures(file: KeyFile, login: string): KeyFile {
  if (!file.throttle[login]) return file;
  const throttle = { ...file.throttle };
  delete throttle[login];
  return { ...file, throttle };
}
