#!/usr/bin/env node
/**
 * `npm run cli -- <command>`: the built command line (out/main/cli.js), rebuilt
 * first only when a source it is made from is newer than it. Starting the built
 * file takes a fraction of a second; transpiling the TypeScript sources on every
 * start (tsx) took 2–3 s.
 *
 * The build's output goes to stderr, so `npm run -s cli -- … --json` still prints
 * exactly one JSON object on stdout.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = join(ROOT, 'out', 'main', 'cli.js');
/** What out/main is built from. */
const SOURCES = ['electron', 'drizzle', 'package.json', 'package-lock.json', 'electron.vite.config.ts', 'tsconfig.json'];

/** The newest modification time under `path` (ms). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let latest = st.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

export function needsBuild() {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((s) => newest(join(ROOT, s)) > built);
}

if (needsBuild()) {
  process.stderr.write('正在构建命令行（源文件有改动）…\n');
  const bin = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const run = spawnSync(process.execPath, [bin, 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, CREDIT_DESK_BUILD: 'main' },
    // The build's own output is not the command's: keep stdout for the command.
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (run.status !== 0) {
    process.stderr.write('错误：构建命令行失败。\n');
    process.exit(1);
  }
}

// The command's arguments are this script's: out/main/cli.js reads process.argv.slice(2).
await import(pathToFileURL(BUILT).href);
