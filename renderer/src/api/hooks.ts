import { useCallback, useEffect, useState } from 'react';
import type { CoreEvent, MethodInput, MethodName, MethodResult, ProgressEvent } from '../../../electron/contract';
import { call, onCoreEvent } from './client';

interface CallState<T> {
  key: string;
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * Calls a read method when the component mounts (and again when the input
 * changes or `reload` is called). The input is compared by value. With
 * `enabled` false nothing is called (and `data` stays undefined).
 */
export function useCall<M extends MethodName>(method: M, input?: MethodInput<M>, enabled = true) {
  const key = JSON.stringify([method, input ?? null, enabled]);
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<CallState<MethodResult<M>>>({ key, data: undefined, error: null, loading: true });

  useEffect(() => {
    let live = true;
    const [m, i, on] = JSON.parse(key) as [M, MethodInput<M> | null, boolean];
    if (!on) {
      setState({ key, data: undefined, error: null, loading: false });
      return undefined;
    }
    setState((s) => ({ key, data: s.key === key ? s.data : undefined, error: null, loading: true }));
    const invoke = call as (method: M, input?: MethodInput<M>) => Promise<MethodResult<M>>;
    invoke(m, i ?? undefined).then(
      (data) => live && setState({ key, data, error: null, loading: false }),
      (error: unknown) => live && setState({ key, data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Subscribes to the core's events for the component's lifetime. */
export function useCoreEvent(listener: (event: CoreEvent) => void): void {
  useEffect(() => onCoreEvent(listener), [listener]);
}

/** The latest progress report of the call with this id (null until the first one). */
export function useProgress(callId: string | null): ProgressEvent | null {
  const [latest, setLatest] = useState<ProgressEvent | null>(null);
  useEffect(() => {
    setLatest(null);
    if (!callId) return undefined;
    return onCoreEvent((event) => {
      if (event.type === 'progress' && event.callId === callId) setLatest(event);
    });
  }, [callId]);
  return latest;
}
