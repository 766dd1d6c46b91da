/**
 * The database as it was just before an in-place re-key (disabling a user).
 *
 * SQLite3MC re-keys the file page by page inside one rollback-journal
 * transaction, yet a process killed in the middle can leave a file that opens
 * with neither the old key nor the new one (the hot journal is not played back:
 * reproduced by killing a re-key of a 200,000-row database after 500 ms). So the
 * re-key keeps this copy — whole, under the old key, written durably — from the
 * moment the file has left WAL mode until the new key file is in place. A login
 * that finds the database opening with no key puts the copy back (the re-key and
 * the disabling it served did not happen); any login that opens the database
 * removes a copy left behind. The copy is still under the old key, which the
 * person being disabled may hold: it never outlives the next login.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, rmSync, unlinkSync } from 'node:fs';
import { renameDurably } from './files';

export const preRekeyPath = (dbPath: string) => `${dbPath}.before-rekey`;

/** Copies the database (not in WAL mode: the file is whole) aside, durably. */
export function savePreRekeyCopy(dbPath: string): void {
  const target = preRekeyPath(dbPath);
  // A killed process's half-written copy ends in .tmp-<pid>: removed at the next start (removeAbandonedFiles).
  const tmp = `${target}.tmp-${process.pid}`;
  copyFileSync(dbPath, tmp);
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameDurably(tmp, target);
}

export function dropPreRekeyCopy(dbPath: string): void {
  try {
    unlinkSync(preRekeyPath(dbPath));
  } catch {
    // none
  }
}

/**
 * Puts the copy back in place of a database no key opens: its rollback journal
 * and WAL files go first (played against the copy they would damage it).
 * Returns false when there is no copy. Under the department lock.
 */
export function putBackPreRekeyCopy(dbPath: string): boolean {
  const copy = preRekeyPath(dbPath);
  if (!existsSync(copy)) return false;
  for (const side of [`${dbPath}-journal`, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(side, { force: true });
  renameDurably(copy, dbPath);
  return true;
}
