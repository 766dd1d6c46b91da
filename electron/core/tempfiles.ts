/**
 * Plaintext in transit — batch members while they are signed, exports, uploaded
 * imports and receipts, verify uploads — is written to temporary files. They are
 * removed when the work ends; a crash (or a killed process) would leave them, so:
 *
 * - temporary folders live under one root (`<tmp>/credit-desk-work/<pid>-<random>`), and
 * - partial files written beside a target the person chose (`<target>.<pid>.<random>.part`,
 *   renamed into place when complete) are listed in `<root>/<pid>.partials`;
 *
 * and when a core starts (the app, every command of the command line) it removes
 * what processes that no longer run left behind (cleanStaleTemp). Folders of a
 * running process are never touched; anything older than two days is removed
 * whatever its process (a process id may have been reused).
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEMP_ROOT_NAME = 'credit-desk-work';
const MAX_AGE_MS = 2 * 24 * 3600_000;

export function tempRoot(base = tmpdir()): string {
  const root = join(base, TEMP_ROOT_NAME);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  return root;
}

/** Runs `fn` with a fresh private folder (mode 0700) under the root, removed afterwards whatever happens. */
export async function withTempFolder<T>(fn: (folder: string) => Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(tempRoot(), `${process.pid}-`));
  try {
    return await fn(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * A partial file's name beside `target` (renamed onto it when complete),
 * registered so that a crash does not leave it there for good.
 */
export function partialPath(target: string): string {
  return registerPartial(`${target}.${process.pid}.${randomBytes(6).toString('hex')}.part`);
}

/** Registers a partial file of this process (any name) for removal at the next start after a crash. */
export function registerPartial(path: string): string {
  appendFileSync(join(tempRoot(), `${process.pid}.partials`), `${path}\n`, { mode: 0o600 });
  return path;
}

/** Whether a process of this id runs (this one, or another user's). */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** Removes what processes that no longer run left behind; returns what it removed. */
export function cleanStaleTemp(base = tmpdir(), now = Date.now()): string[] {
  const root = join(base, TEMP_ROOT_NAME);
  if (!existsSync(root)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    const pid = Number(name.split(/[-.]/)[0]);
    let old = false;
    try {
      old = now - statSync(path).mtimeMs > MAX_AGE_MS;
    } catch {
      continue;
    }
    if (isRunning(pid) && !old) continue;
    if (name.endsWith('.partials')) {
      for (const partial of readFileSync(path, 'utf8').split('\n')) {
        // `.part` (partialPath) or the command line's `….partial<.ext>` (cli/output.ts keeps the extension).
        if ((partial.endsWith('.part') || /\.partial(\.[^./\\]+)?$/.test(partial)) && existsSync(partial)) {
          unlinkSync(partial);
          removed.push(partial);
        }
      }
    }
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}
