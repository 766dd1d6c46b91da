/**
 * The one guard for every file the command line writes (`--out`, `--error-report`,
 * `--report`, `key export`, `backup create`, and whatever a new command writes
 * through `outTarget`/`printed` in commands/print.ts): issue 18, finding 4 —
 * `print credit-file --out dept.db` had turned the open database into a PDF.
 *
 * - The department's own files are refused whatever is asked: the database given by
 *   `--db`, its key file, WAL and every side file (`<database>-*`, `<database>.*`:
 *   `.keys`, `.keys.next`, `.attempts`, `.lock`, `-wal`, `-shm`, set-aside copies …),
 *   also when reached through another name (a link: compared by device and inode).
 * - Any other existing file is refused unless `--force`.
 * - A file is written to a temporary file in the same folder and renamed into place,
 *   so a crash never leaves a half-written file under the real name. Without
 *   `--force` the rename is a hard link, which fails if a file appeared meanwhile.
 *
 * `runCli` sets the context (the `--db` given and `--force`) before each command
 * runs, and adds `--force` to every command with an output option.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { OptionSpec, OptionTable } from './args';
import { registerPartial } from '../core/tempfiles';
import { usage } from './errors';

/** Options that name a file a command writes. */
export const OUTPUT_OPTION_NAMES = ['out', 'error-report', 'report'] as const;

export const FORCE_OPTION = {
  type: 'boolean',
  description: '允许覆盖已有的文件（部门数据库、密钥文件及其附属文件仍一律拒绝）',
} as const satisfies OptionSpec;

/** A command's options, with --force when it writes files. */
export function withOutputOptions(options: OptionTable): OptionTable {
  return OUTPUT_OPTION_NAMES.some((name) => name in options) && !('force' in options) ? { ...options, force: FORCE_OPTION } : options;
}

interface OutputContext {
  /** The department database the command was given (--db), if any. */
  db: string | null;
  force: boolean;
}

let context: OutputContext = { db: null, force: false };

/** Called by runCli before each command. */
export function setOutputContext(next: { db?: string | undefined; force?: boolean }): void {
  context = { db: next.db ? resolve(next.db) : null, force: next.force === true };
}

/** The same file: by path, by the real path behind links, or by device and inode. */
function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** The real path of `path` when it exists, else of its folder joined with its name. */
function realish(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

/** Whether `path` is one of the department's own files (the database, its key file, WAL, side files). */
export function isDepartmentFile(path: string, db: string | null = context.db): boolean {
  if (!db) return false;
  const target = realish(resolve(path));
  const database = realish(db);
  if (target === database || target.startsWith(`${database}-`) || target.startsWith(`${database}.`)) return true;
  if (!existsSync(target)) return false;
  // Another name for one of them (a hard or symbolic link).
  const own = [database, `${database}-wal`, `${database}-shm`, `${database}.keys`, `${database}.keys.next`, `${database}.attempts`, `${database}.lock`];
  return own.some((f) => existsSync(f) && sameFile(target, f));
}

/**
 * Checks where a command will write, before it does any work: not a department
 * file, not a folder, in a folder that exists, and not an existing file unless
 * --force. Returns the resolved path. `what` names the option in messages.
 */
export function checkOutput(path: string, what = '--out'): string {
  const target = resolve(path);
  if (isDepartmentFile(target)) {
    throw usage(`${what} 指向部门自己的文件（数据库、密钥文件或其附属文件）：${target}。不会写入或覆盖它们，请另选文件名。`);
  }
  if (existsSync(target) && statSync(target).isDirectory()) throw usage(`${what} 是一个文件夹：${target}`);
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw usage(`目录不存在：${folder}`);
  if (existsSync(target) && !context.force) throw usage(`文件已存在：${target}。不会覆盖它；确需覆盖时加 --force。`);
  return target;
}

/** Checks a folder a command writes new files into (backup create): not a department file, and a folder. */
export function checkOutputFolder(path: string, what = '--out'): string {
  const folder = resolve(path);
  if (isDepartmentFile(folder)) throw usage(`${what} 指向部门自己的文件（数据库、密钥文件或其附属文件）：${folder}。请给出一个文件夹。`);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw usage(`文件夹不存在：${folder}`);
  return folder;
}

/** A temporary name beside `path`, keeping its extension (some writers choose the format by it). */
function temporaryBeside(path: string): string {
  const ext = extname(path);
  // Registered: a crash does not leave it (an export in clear) there for good (core/tempfiles.ts).
  return registerPartial(join(dirname(path), `.${basename(path, ext)}.${process.pid}-${randomBytes(4).toString('hex')}.partial${ext}`));
}

/** Puts the finished temporary file at `path`: a rename with --force, else a hard link that never replaces a file. */
function putInPlace(temp: string, path: string): void {
  if (context.force) {
    renameSync(temp, path);
    return;
  }
  try {
    linkSync(temp, path);
  } catch (err) {
    if ((err as { code?: string }).code === 'EEXIST') throw usage(`文件已存在：${path}。不会覆盖它；确需覆盖时加 --force。`);
    throw err;
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Writes `data` to `path` through a temporary file in the same folder (checked first). */
export function writeOutput(path: string, data: string | Uint8Array, what = '--out'): string {
  const target = checkOutput(path, what);
  const temp = temporaryBeside(target);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    putInPlace(temp, target);
  } finally {
    if (existsSync(temp)) unlinkSync(temp);
  }
  return target;
}

/**
 * For a file another part writes (the core's export, a batch file, a shared list):
 * `write` gets a temporary path in the same folder; once it returned, that file is
 * put at `path` (checked first). A failure leaves nothing behind.
 */
export async function produceOutput<T>(path: string, write: (temp: string) => Promise<T>, what = '--out'): Promise<T> {
  const target = checkOutput(path, what);
  const temp = temporaryBeside(target);
  try {
    const result = await write(temp);
    if (!existsSync(temp)) throw new Error(`nothing was written to ${temp}`);
    putInPlace(temp, target);
    return result;
  } finally {
    rmSync(temp, { force: true });
  }
}
