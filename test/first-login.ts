/**
 * New accounts must change their password at first login (issue 18). Tests and
 * benchmarks that are not about that add people and act as them at once; this
 * lets such an account off the change, through its own key copy, directly in the
 * database (no audit entry, nothing else changes). No vitest import: the
 * benchmarks and the fixture scripts use it outside the runner.
 */
import type { Core } from '../electron/core/index';
import { unlockHolder } from '../electron/core/auth/keys';
import { openEncrypted } from '../electron/core/store/database';
import { keyFilePath, readKeyFile } from '../electron/core/store/keyfile';

export function skipFirstLoginChange(dbPath: string, login: string, password: string): void {
  const unlocked = unlockHolder(readKeyFile(keyFilePath(dbPath)), login, password);
  if (!unlocked) throw new Error(`could not unlock ${login} to let it off the first-login change`);
  const db = openEncrypted(dbPath, unlocked.dataKey);
  try {
    db.prepare('UPDATE users SET must_change_password = 0 WHERE login = ?').run(login);
  } finally {
    db.close();
  }
}

/** After a successful `users.add` call with this input: let the new account off (see above). */
export function afterUsersAdd(dbPath: string, method: string, input: unknown, ok: boolean): void {
  if (method !== 'users.add' || !ok) return;
  const { login, password } = input as { login: string; password: string };
  skipFirstLoginChange(dbPath, login, password);
}

/** Wraps `core.invoke` so that every account a successful `users.add` makes may work at once. */
export function letOffFirstLoginChange<C extends Core>(core: C, dbPath: string): C {
  const invoke = core.invoke.bind(core);
  core.invoke = async (method, input, ...rest) => {
    const result = await invoke(method, input, ...rest);
    afterUsersAdd(dbPath, method, input, result.ok);
    if (method === 'users.add' && result.ok) (result.value as { mustChangePassword?: boolean }).mustChangePassword = false;
    return result;
  };
  return core;
}
