/**
 * Plaintext temporary files a crash left behind (issue 11 item 9) are removed
 * when a core starts: folders under the temporary root and partial files beside
 * chosen targets, of processes that no longer run; a running process's are kept.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanStaleTemp, partialPath, tempRoot, TEMP_ROOT_NAME, withTempFolder } from '../../electron/core/tempfiles';
import { tempFolder } from '../helpers';

/** The id of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('temporary files', () => {
  it('what a dead process left (a folder with batch members, a partial export beside its target) is removed; a live one’s is kept', () => {
    const base = tempFolder();
    const root = tempRoot(base);
    const dead = deadPid();
    const leftFolder = join(root, `${dead}-abc123`);
    mkdirSync(leftFolder);
    writeFileSync(join(leftFolder, 'penalty.jsonl'), '{"CF_XDR_ZJHM":"11010519491231002X"}\n');
    const target = join(tempFolder(), '导出.xlsx');
    const partial = `${target}.${dead}.0011aa.part`;
    writeFileSync(partial, 'half an export');
    // The command line's own name for a file it writes (electron/cli/output.ts), keeping the extension.
    const cliPartial = join(tempFolder(), `.信用报告.${dead}-00aa11bb.partial.pdf`);
    writeFileSync(cliPartial, 'half a report');
    writeFileSync(join(root, `${dead}.partials`), `${partial}\n${cliPartial}\n`);
    const liveFolder = join(root, `${process.pid}-keepme`);
    mkdirSync(liveFolder);
    // Old enough to be removed whatever its process: a reused process id.
    const ancient = join(root, `${process.pid}-ancient`);
    mkdirSync(ancient);
    utimesSync(ancient, new Date('2020-01-01'), new Date('2020-01-01'));

    const removed = cleanStaleTemp(base);
    expect(removed).toEqual(expect.arrayContaining([leftFolder, partial, cliPartial, ancient]));
    expect(existsSync(leftFolder)).toBe(false);
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(cliPartial)).toBe(false);
    expect(existsSync(ancient)).toBe(false);
    expect(existsSync(liveFolder)).toBe(true);
    expect(readdirSync(join(base, TEMP_ROOT_NAME))).toEqual([`${process.pid}-keepme`]);
  });

  it('a folder is removed when its work ends, even when the work fails; partial files are registered', async () => {
    let seen = '';
    await expect(
      withTempFolder(async (folder) => {
        seen = folder;
        writeFileSync(join(folder, 'x'), 'x');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(existsSync(seen)).toBe(false);
    const target = join(tempFolder(), 'out.csv');
    const part = partialPath(target);
    expect(part.startsWith(`${target}.${process.pid}.`)).toBe(true);
  });
});
