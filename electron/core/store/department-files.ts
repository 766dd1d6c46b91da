/**
 * Which of a department's files are present, and what that means: nothing yet
 * (setup may run), a department, or a department with a file missing (a partial
 * restore, an antivirus quarantine) — then nothing is created or replaced, and
 * the person is told which file is missing and what to do.
 *
 * Setup builds the database aside (`<database>.creating`), puts the key file in
 * place and then the database, both without ever replacing a file. A crash
 * between the two leaves the key file and `.creating`: the next start finishes
 * the setup (finishInterruptedSetup). A restore interrupted by a crash is
 * finished the same way (finishInterruptedRestore).
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CoreError } from '../errors';
import { isRunning } from '../tempfiles';
import { linkDurably, syncFolder } from './files';
import { keyFilePath, nextKeyFilePath } from './keyfile';

export const creatingPath = (dbPath: string) => `${dbPath}.creating`;

export type DepartmentFiles =
  | { state: 'empty' }
  | { state: 'ready' }
  | { state: 'problem'; code: 'KEY_FILE_MISSING' | 'DATABASE_MISSING'; message: string };

export function departmentFiles(dbPath: string): DepartmentFiles {
  const db = existsSync(dbPath);
  const keys = existsSync(keyFilePath(dbPath)) || existsSync(nextKeyFilePath(dbPath));
  if (db && keys) return { state: 'ready' };
  if (!db && !keys) return { state: 'empty' };
  if (db) {
    return {
      state: 'problem',
      code: 'KEY_FILE_MISSING',
      message: `数据库文件 ${dbPath} 存在，但找不到它的密钥文件 ${keyFilePath(dbPath)}。没有密钥文件无法打开数据库，程序不会新建或覆盖任何文件。请从备份中把密钥文件放回原处（或用“backup restore”恢复整个备份），然后重新启动。`,
    };
  }
  return {
    state: 'problem',
    code: 'DATABASE_MISSING',
    message: `密钥文件 ${keyFilePath(dbPath)} 存在，但找不到数据库文件 ${dbPath}。程序不会新建或覆盖任何文件。请从备份中把数据库文件放回原处（或用“backup restore”恢复整个备份），然后重新启动。`,
  };
}

/** Throws the problem's CoreError when the department's files are incomplete. */
export function assertReady(files: DepartmentFiles): void {
  if (files.state === 'empty') throw new CoreError('NOT_INITIALIZED', '尚未建立部门数据库。');
  if (files.state === 'problem') throw new CoreError(files.code, files.message);
}

/** Call under the department lock: completes a setup that died between placing the key file and the database. */
export function finishInterruptedSetup(dbPath: string): void {
  const creating = creatingPath(dbPath);
  if (!existsSync(creating)) return;
  if (existsSync(keyFilePath(dbPath)) && !existsSync(dbPath) && !existsSync(`${creating}-wal`)) {
    linkDurably(creating, dbPath);
  }
  // Either finished now, or left over from a setup that never placed its key file.
  if (existsSync(dbPath) || !existsSync(keyFilePath(dbPath))) {
    for (const f of [creating, `${creating}-wal`, `${creating}-shm`]) if (existsSync(f)) unlinkSync(f);
  }
}

// --- restore ---------------------------------------------------------------------------

/** The restored copy a process prepares beside the department, named by its process id (see removeAbandonedFiles). */
export const restoringPath = (dbPath: string, pid = process.pid) => `${dbPath}.restoring-${pid}`;
export const restoringKeysPath = (dbPath: string, pid = process.pid) => `${keyFilePath(dbPath)}.restoring-${pid}`;
export const restoreIntentPath = (dbPath: string) => `${dbPath}.restore`;

/**
 * Under the lock: sets the current files aside and puts the restored ones in
 * place, as the restore intent file says (backup/service.ts writes it once the
 * restored files are verified and synced); run again after a crash, it finishes
 * what is left. Returns the names the current files were set aside under.
 */
export function finishInterruptedRestore(dbPath: string): string[] {
  const intent = restoreIntentPath(dbPath);
  if (!existsSync(intent)) return [];
  const { stamp, pid } = JSON.parse(readFileSync(intent, 'utf8')) as { stamp: string; pid: number };
  const restoringDb = restoringPath(dbPath, pid);
  const restoringKeys = restoringKeysPath(dbPath, pid);
  const setAside: string[] = [];
  if (existsSync(restoringDb) && existsSync(restoringKeys)) {
    for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, keyFilePath(dbPath), nextKeyFilePath(dbPath)]) {
      if (!existsSync(f)) continue;
      renameSync(f, `${f}.replaced-${stamp}`);
      setAside.push(`${f}.replaced-${stamp}`);
    }
  }
  if (existsSync(restoringKeys)) renameSync(restoringKeys, keyFilePath(dbPath));
  if (existsSync(restoringDb)) renameSync(restoringDb, dbPath);
  syncFolder(dirname(dbPath));
  unlinkSync(intent);
  return setAside;
}

/**
 * What a process killed before its files were in place leaves beside the
 * department: a restored copy being prepared (`.restoring-<pid>`, its key file
 * and SQLite side files) and files written aside (`.tmp-<pid>`, writeFileDurably).
 * Removed once that process no longer runs; never while a restore intent is
 * pending (it names the restored copy it puts in place). Returns the names removed.
 */
export function removeAbandonedFiles(dbPath: string): string[] {
  const folder = dirname(dbPath);
  if (!existsSync(folder) || existsSync(restoreIntentPath(dbPath))) return [];
  const own = basename(dbPath).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${own}\\.[\\w.-]*?(?:restoring|tmp)-(\\d+)(?:\\.tmp-\\d+|-wal|-shm|-journal)?$`);
  const removed: string[] = [];
  for (const name of readdirSync(folder)) {
    const m = pattern.exec(name);
    if (!m || isRunning(Number(m[1]))) continue;
    rmSync(join(folder, name), { force: true });
    removed.push(name);
  }
  return removed;
}
