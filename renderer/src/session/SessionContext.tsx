/**
 * Which screen the window shows (setup, login/unlock or the desk) and who is
 * logged in. It follows the core: `app.status` at start, the `locked` event,
 * and any call that fails because the session ended.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role, SessionUser } from '../../../electron/contract';
import { mayCall, methods, type MethodName } from '../../../electron/contract';
import { call, onCoreEvent, onSessionLost, type ApiError } from '../api/client';
import { navigate } from '../lib/hashRoute';
import { flushDrafts } from '../lib/drafts';
import { setDepartmentTimeZone } from '../../../electron/contract/zone';

export type Gate =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'setup' }
  | { kind: 'problem'; code: string; message: string }
  | { kind: 'login'; lockedLogin: string | null; reason: ApiError | null }
  | { kind: 'ready'; user: SessionUser };

interface SessionValue {
  gate: Gate;
  /** The logged-in person (only when the desk is shown). */
  user: SessionUser | null;
  /** Re-reads `app.status` and shows the matching screen. */
  refresh(): void;
  /** A login, unlock, reset or setup succeeded. */
  enter(user: SessionUser): void;
  lock(): Promise<void>;
  logout(): Promise<void>;
  /** Whether the logged-in person may call this method (for hiding UI only; the core decides). */
  may(method: MethodName): boolean;
  /** The idle-lock setting, to keep the core's idle clock in step with activity in the window. */
  setIdleLockMinutes(minutes: number): void;
  /** Minutes without activity before the desk locks (null before it is known). */
  idleLockMinutes: number | null;
}

const SessionContext = createContext<SessionValue | null>(null);

/** While the person works in the window, tell the core now and then so it does not lock mid-task. */
function useActivityHeartbeat(active: boolean, idleLockMinutes: number | null) {
  useEffect(() => {
    if (!active || !idleLockMinutes) return undefined;
    const every = Math.min(60_000, Math.max(10_000, (idleLockMinutes * 60_000) / 3));
    let lastActivity = 0;
    let lastPing = Date.now();
    const mark = () => {
      lastActivity = Date.now();
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'pointermove'] as const;
    events.forEach((e) => window.addEventListener(e, mark, { passive: true, capture: true }));
    const timer = window.setInterval(() => {
      const now = Date.now();
      if (lastActivity > lastPing && now - lastPing >= every) {
        lastPing = now;
        call('session.get').catch(() => undefined); // a LOCKED answer reaches onSessionLost
      }
    }, 5_000);
    return () => {
      events.forEach((e) => window.removeEventListener(e, mark, { capture: true }));
      window.clearInterval(timer);
    };
  }, [active, idleLockMinutes]);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [gate, setGate] = useState<Gate>({ kind: 'loading' });
  const [idleLockMinutes, setIdleLockMinutes] = useState<number | null>(null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let live = true;
    call('app.status').then(
      (status) => {
        if (!live) return;
        setIdleLockMinutes(status.idleLockMinutes);
        if (status.problem) setGate({ kind: 'problem', ...status.problem });
        else if (!status.initialized) setGate({ kind: 'setup' });
        else if (status.user) setGate({ kind: 'ready', user: status.user });
        else setGate({ kind: 'login', lockedLogin: status.lockedLogin, reason: null });
      },
      (error: unknown) => live && setGate({ kind: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [nonce]);

  useEffect(
    () =>
      onCoreEvent((event) => {
        if (event.type !== 'locked') return;
        setGate((g) => (g.kind === 'setup' || g.kind === 'problem' ? g : { kind: 'login', lockedLogin: event.login, reason: null }));
      }),
    [],
  );

  useEffect(
    () =>
      onSessionLost((error) =>
        setGate((g) => {
          const login = g.kind === 'ready' ? g.user.login : null;
          return { kind: 'login', lockedLogin: error.code === 'LOCKED' ? login : null, reason: error };
        }),
      ),
    [],
  );

  const ready = gate.kind === 'ready';
  useEffect(() => {
    if (!ready) return;
    call('settings.get').then(
      (s) => {
        setDepartmentTimeZone(s.timeZone);
        setIdleLockMinutes(s.idleLockMinutes);
      },
      () => undefined,
    );
  }, [ready]);
  useActivityHeartbeat(ready, idleLockMinutes);

  const refresh = useCallback(() => {
    setGate({ kind: 'loading' });
    setNonce((n) => n + 1);
  }, []);
  const enter = useCallback((user: SessionUser) => setGate({ kind: 'ready', user }), []);
  const user = gate.kind === 'ready' ? gate.user : null;

  const lock = useCallback(async () => {
    await flushDrafts(); // what is being typed is kept before the window locks
    await call('auth.lock');
    setGate({ kind: 'login', lockedLogin: user?.login ?? null, reason: null });
  }, [user]);

  const logout = useCallback(async () => {
    await flushDrafts();
    await call('auth.logout');
    navigate('dashboard'); // the next person starts at 工作台; a lock keeps the page
    setGate({ kind: 'login', lockedLogin: null, reason: null });
  }, []);

  const roles: readonly Role[] | null = user?.roles ?? null;
  const may = useCallback((method: MethodName) => mayCall(methods[method].access, roles), [roles]);

  const value = useMemo<SessionValue>(
    () => ({ gate, user, refresh, enter, lock, logout, may, setIdleLockMinutes, idleLockMinutes }),
    [gate, user, refresh, enter, lock, logout, may, idleLockMinutes],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The logged-in person; only inside the desk. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a logged-in person');
  return user;
}
