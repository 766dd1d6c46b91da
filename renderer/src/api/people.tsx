/**
 * People are shown by 姓名 (the login beside it where it helps): the names of every
 * account (users.names), fetched once per session and shared.
 */
import { Tooltip } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { call } from './client';

type Names = Map<string, string>;
let shared: Promise<Names> | null = null;
let loaded: Names | undefined;

function load(): Promise<Names> {
  if (!shared) {
    shared = call('users.names').then((list) => new Map(list.map((u) => [u.login, u.name])));
    shared.then(
      (names) => {
        loaded = names;
      },
      () => {
        shared = null;
      },
    );
  }
  return shared;
}

/** Forgets the names (another person logs in, or a user was added). */
export function forgetPeople(): void {
  shared = null;
  loaded = undefined;
}

/** `name(login)`: the person's 姓名, or the login until the names have arrived (or for an unknown login). */
export function usePeople() {
  const [names, setNames] = useState<Names | undefined>(loaded);
  useEffect(() => {
    let live = true;
    load().then(
      (n) => live && setNames(n),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const name = useCallback((login: string | null | undefined) => (login ? (login === 'system' ? '系统' : (names?.get(login) ?? login)) : ''), [names]);
  return { name, names };
}

/** A person by 姓名; the login in a tooltip, or beside the name with `withLogin`. */
export function Person({ login, withLogin = false }: { login: string | null | undefined; withLogin?: boolean }) {
  const { name } = usePeople();
  if (!login) return null;
  const shown = name(login);
  if (shown === login) return <span data-testid="person">{login}</span>;
  if (withLogin) {
    return (
      <span data-testid="person">
        {shown}
        <span className="person-login">（{login}）</span>
      </span>
    );
  }
  return (
    <Tooltip title={login}>
      <span data-testid="person">{shown}</span>
    </Tooltip>
  );
}
