/**
 * The manual's files: docs/manual/*.md and its pictures in docs/manual/images/
 * (in the packaged app: manual/ beside the program, shipped by electron-builder.yml).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseManual, type Manual } from '../../contract/manual';
import { CoreError } from '../errors';

/** Finds docs/manual by walking up from this module (source, bundle), unless given. */
export function defaultManualFolder(): string {
  const fromEnv = process.env.CREDIT_DESK_RESOURCES;
  if (fromEnv) return join(fromEnv, 'manual');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'docs', 'manual');
    if (existsSync(join(candidate, 'images'))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new CoreError('NOT_FOUND', '找不到用户手册的文件（docs/manual）。请重新安装本程序。');
}

export function manualFiles(folder: string): { name: string; text: string }[] {
  if (!existsSync(folder)) throw new CoreError('NOT_FOUND', `找不到用户手册的文件：${folder}。请重新安装本程序。`);
  return readdirSync(folder)
    .filter((f) => /^\d\d-[a-z0-9-]+\.md$/.test(f))
    .map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') }));
}

export function readManual(folder: string): Manual {
  return parseManual(manualFiles(folder));
}

export function manualImagePath(folder: string, name: string): string {
  return join(folder, 'images', `${name}.png`);
}
