import { useEffect, useState } from 'react';
import { isApiError } from '../../api/client';
import { retryAfterSeconds } from '../../i18n';

/** After a THROTTLED answer: the seconds left before the next attempt (0 = may try now). */
export function useRetryCountdown(error: unknown): number {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (!isApiError(error, 'THROTTLED')) {
      setLeft(0);
      return undefined;
    }
    const until = Date.now() + retryAfterSeconds(error) * 1000;
    const tick = () => setLeft(Math.max(0, Math.ceil((until - Date.now()) / 1000)));
    tick();
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [error]);
  return left;
}
