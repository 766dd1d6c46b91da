/**
 * The core's entry point: plain Node, no Electron. The host runs it in a worker
 * thread (worker.ts); the CLI and the tests call it directly.
 */
import type { Result } from '../contract/errors';
import type { CoreEvent } from '../contract/types';
import { Desk, type CoreOptions } from './desk';
import { dispatch, type CallOrigin } from './dispatch';
import { cleanStaleTemp } from './tempfiles';

export type { CoreOptions } from './desk';

export interface Core {
  /** `origin` 'page' marks a call from the window: host-only methods are refused. */
  invoke(method: string, input: unknown, callId?: string, origin?: CallOrigin): Promise<Result<unknown>>;
  cancel(callId: string): void;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** Runs what is due (the scheduled backup), in turn with the calls; the app's timer calls it. */
  runDueTasks(): Promise<string>;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  // Plaintext temporary files a crashed process left behind (tempfiles.ts) go first.
  try {
    cleanStaleTemp();
  } catch {
    // never a reason not to start
  }
  const desk = new Desk(options);
  const listeners = new Set<(event: CoreEvent) => void>();
  const emit = (event: CoreEvent) => listeners.forEach((l) => l(event));
  const running = new Map<string, AbortController>();
  desk.onLocked = (login) => emit({ type: 'locked', login });
  // Calls run one at a time: the database connection is synchronous and a
  // re-key or an import must not interleave with another write.
  let queue: Promise<unknown> = Promise.resolve();

  const lastAttempt = { at: 0 };
  const runDueTasks = (): Promise<string> => {
    // backup/handlers.ts loads with the other groups' handlers, when first needed (handler-groups.ts).
    const run = queue.then(() => import('./backup/handlers').then(({ runScheduledBackup }) => runScheduledBackup(desk, lastAttempt)).catch(() => 'failed'));
    queue = run.catch(() => undefined);
    return run;
  };
  // The app (not the command line) makes the daily backup: checked soon after each login and every half hour.
  const timer = options.scheduleBackups ? setInterval(() => void runDueTasks(), 30 * 60_000) : null;
  timer?.unref();

  return {
    invoke(method, input, callId, origin = 'local') {
      const controller = new AbortController();
      if (callId) running.set(callId, controller);
      const run = queue.then(() => dispatch(desk, method, input, { callId, origin, signal: controller.signal, emit }));
      queue = run.catch(() => undefined);
      if (options.scheduleBackups && method === 'auth.login') {
        void run.then((r) => r.ok && setTimeout(() => void runDueTasks(), 60_000).unref());
      }
      return run.finally(() => {
        if (callId) running.delete(callId);
      });
    },
    runDueTasks,
    cancel(callId) {
      running.get(callId)?.abort();
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (timer) clearInterval(timer);
      desk.logout();
    },
  };
}
