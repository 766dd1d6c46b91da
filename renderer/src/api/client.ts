/**
 * The typed client over `window.creditDesk` (the preload in Electron, the test
 * bridge in a browser). Every call returns the method's result type or throws
 * an `ApiError` carrying the core's stable error code.
 */
import type {
  CoreErrorData,
  CoreEvent,
  CreditDeskBridge,
  ErrorCode,
  MethodInput,
  MethodName,
  MethodResult,
  Result,
} from '../../../electron/contract';
import { methods } from '../../../electron/contract';

declare global {
  interface Window {
    creditDesk?: CreditDeskBridge;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(data: CoreErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.details = data.details;
  }
}

export function isApiError(err: unknown, code?: ErrorCode): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

function bridge(): CreditDeskBridge {
  const b = window.creditDesk;
  if (!b) throw new ApiError({ code: 'INTERNAL', message: 'window.creditDesk is not available' });
  return b;
}

export interface CallOptions {
  /** Lets long methods report progress (see `useProgress`) and be cancelled. */
  callId?: string;
}

/** Methods whose input is optional may be called without one. */
type CallArgs<M extends MethodName> = undefined extends MethodInput<M>
  ? [input?: MethodInput<M>, options?: CallOptions]
  : [input: MethodInput<M>, options?: CallOptions];

/** Codes that mean the session is gone: the UI must show the login or unlock screen. */
const SESSION_LOST: readonly ErrorCode[] = ['LOCKED', 'NOT_LOGGED_IN', 'USER_DISABLED'];
const sessionLostListeners = new Set<(error: ApiError) => void>();

/** Called when a session method fails because the session locked, ended or its user was disabled. */
export function onSessionLost(listener: (error: ApiError) => void): () => void {
  sessionLostListeners.add(listener);
  return () => {
    sessionLostListeners.delete(listener);
  };
}

/** When a session method last reached the core: its idle clock starts again at each one. */
let lastTouch = Date.now();
export function lastCoreTouch(): number {
  return lastTouch;
}

/**
 * Asks the person for a reason (REASON_REQUIRED: many ID-number searches in a short
 * time, issue 18) and resolves with it, or null when they decline. Set by the
 * app's ReasonPrompt; one question at a time, shared by calls that need it together.
 */
type ReasonAsker = (message: string) => Promise<string | null>;
let askReason: ReasonAsker | null = null;
let asking: Promise<string | null> | null = null;

export function setReasonAsker(asker: ReasonAsker | null): void {
  askReason = asker;
}

export async function call<M extends MethodName>(method: M, ...args: CallArgs<M>): Promise<MethodResult<M>> {
  try {
    return await callOnce(method, ...args);
  } catch (err) {
    // A call that may go on with a reason: ask once, then call again with it.
    const [input, options] = args;
    const canRetry = typeof input === 'object' && input !== null && !('reason' in input) && askReason !== null;
    if (!(err instanceof ApiError) || err.code !== 'REASON_REQUIRED' || !canRetry) throw err;
    asking ??= askReason!(err.message).finally(() => setTimeout(() => (asking = null), 0));
    const reason = await asking;
    if (!reason) throw err;
    return callOnce(method, ...([{ ...input, reason }, options] as unknown as CallArgs<M>));
  }
}

async function callOnce<M extends MethodName>(method: M, ...args: CallArgs<M>): Promise<MethodResult<M>> {
  const [input, options] = args;
  let result: Result<unknown>;
  if (methods[method].access !== 'public') lastTouch = Date.now();
  try {
    result = await bridge().invoke(method, input, options?.callId);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError({ code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
  }
  if (result.ok) return result.value as MethodResult<M>;
  const error = new ApiError(result.error);
  if (methods[method].access !== 'public' && SESSION_LOST.includes(error.code)) {
    sessionLostListeners.forEach((listener) => listener(error));
  }
  throw error;
}

export function cancel(callId: string): Promise<void> {
  return bridge().cancel(callId);
}

export function newCallId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

// One subscription to the bridge, fanned out to every listener in the window.
const eventListeners = new Set<(event: CoreEvent) => void>();
let unsubscribeBridge: (() => void) | null = null;

export function onCoreEvent(listener: (event: CoreEvent) => void): () => void {
  eventListeners.add(listener);
  if (!unsubscribeBridge && window.creditDesk) {
    unsubscribeBridge = window.creditDesk.onEvent((event) => eventListeners.forEach((l) => l(event)));
  }
  return () => {
    eventListeners.delete(listener);
    if (eventListeners.size === 0 && unsubscribeBridge) {
      unsubscribeBridge();
      unsubscribeBridge = null;
    }
  };
}
