/**
 * A restore killed before its restored copy is in place leaves that copy
 * (`.restoring-<pid>`) and files written aside (`.tmp-<pid>`) beside the
 * department; the next start removes them once their process no longer runs
 * (test/crash kills restores at each of their file operations). A live
 * process's copy, and one a pending restore intent still needs, stay.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeAbandonedFiles, restoreIntentPath, restoringKeysPath, restoringPath } from '../../electron/core/store/department-files';
import { tempFolder } from '../helpers';

/** The id of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function leftovers(dbPath: string, pid: number): string[] {
  const files = [restoringPath(dbPath, pid), `${restoringPath(dbPath, pid)}-wal`, `${restoringKeysPath(dbPath, pid)}.tmp-${pid}`, `${restoreIntentPath(dbPath)}.tmp-${pid}`];
  for (const f of files) writeFileSync(f, 'x');
  return files;
}

describe('what a killed restore leaves beside the department', () => {
  it('is removed when its process has ended; the department’s own files and a running process’s stay', () => {
    const dbPath = join(tempFolder(), 'department.db');
    for (const f of [dbPath, `${dbPath}.keys`, `${dbPath}.keys.replaced-20260301T101010`]) writeFileSync(f, 'x');
    const dead = deadPid();
    const gone = leftovers(dbPath, dead);
    const live = leftovers(dbPath, process.pid);
    expect(removeAbandonedFiles(dbPath).sort()).toEqual(gone.map((f) => basename(f)).sort());
    expect(gone.filter((f) => existsSync(f))).toEqual([]);
    expect(live.every((f) => existsSync(f))).toBe(true);
    expect(readdirSync(join(dbPath, '..'))).toEqual(expect.arrayContaining(['department.db', 'department.db.keys', 'department.db.keys.replaced-20260301T101010']));
  });

  it('is kept while a restore intent is pending: the next start puts it in place first', () => {
    const dbPath = join(tempFolder(), 'department.db');
    const dead = deadPid();
    const files = leftovers(dbPath, dead);
    writeFileSync(restoreIntentPath(dbPath), JSON.stringify({ stamp: '20260301T101010', file: 'x.cdbackup', pid: dead }));
    expect(removeAbandonedFiles(dbPath)).toEqual([]);
    expect(files.every((f) => existsSync(f))).toBe(true);
  });
});
