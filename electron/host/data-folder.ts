/**
 * The data folder may live on a removable or network drive (a USB disk, a mapped
 * share, a roaming profile). When that drive is gone the app must say so, and
 * never offer to set up a new department in its place: the host remembers which
 * department files it has opened (data-folder.json in userData) and checks the
 * folder at start and while running.
 */
import { accessSync, constants, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const KNOWN_DEPARTMENTS_FILE = 'data-folder.json';

export interface DataFolderProblem {
  code: 'DATA_FOLDER_GONE' | 'DATA_FOLDER_UNREADABLE';
  folder: string;
  title: string;
  message: string;
}

function known(file: string): string[] {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { departments?: unknown };
    return Array.isArray(raw.departments) ? raw.departments.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

/** Remembers that a department's database was found at `dbPath`. */
export function rememberDepartment(dbPath: string, knownFile: string): void {
  if (!existsSync(dbPath)) return;
  const list = known(knownFile);
  if (list.includes(dbPath)) return;
  try {
    writeFileSync(`${knownFile}.tmp`, `${JSON.stringify({ departments: [...list, dbPath].slice(-20) })}\n`);
    renameSync(`${knownFile}.tmp`, knownFile);
  } catch {
    // Without the note the check below only covers unreadable folders.
  }
}

const gone = (folder: string): DataFolderProblem => ({
  code: 'DATA_FOLDER_GONE',
  folder,
  title: '找不到数据文件夹',
  message:
    `本部门的数据文件夹现在无法访问：\n${folder}\n\n` +
    '它可能在已拔出的移动硬盘、U 盘，或已断开的网络驱动器上。请重新接好该磁盘（或连上网络驱动器），然后点“重试”。\n' +
    '数据并没有丢失；在磁盘接回之前，请不要在别处新建部门。',
});

/** What is wrong with the folder of `dbPath`, or null when the app may open (or create) it. */
export function checkDataFolder(dbPath: string, knownFile: string): DataFolderProblem | null {
  const folder = dirname(dbPath);
  try {
    const stat = statSync(folder);
    if (!stat.isDirectory()) return gone(folder);
    accessSync(folder, constants.R_OK | constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return known(knownFile).includes(dbPath) ? gone(folder) : null;
    return {
      code: 'DATA_FOLDER_UNREADABLE',
      folder,
      title: '数据文件夹无法读写',
      message:
        `无法读写本部门的数据文件夹（${code ?? '未知错误'}）：\n${folder}\n\n` +
        '如果它在网络驱动器或移动硬盘上，请检查连接；如果是权限问题，请联系本单位的信息化管理员。然后点“重试”。',
    };
  }
  // The folder is there but the department's database is not: a different disk under the same drive letter or mount point.
  if (!existsSync(dbPath) && known(knownFile).includes(dbPath)) return gone(folder);
  return null;
}

/**
 * Checks the folder every `intervalMs` while the app runs; calls `onProblem` once when
 * it goes away (and again only after it came back and went away again).
 */
export function watchDataFolder(dbPath: string, knownFile: string, onProblem: (p: DataFolderProblem) => void, intervalMs = 5000): () => void {
  let reported = false;
  const timer = setInterval(() => {
    rememberDepartment(dbPath, knownFile);
    const problem = checkDataFolder(dbPath, knownFile);
    if (problem && !reported) onProblem(problem);
    reported = problem !== null;
  }, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
