#!/usr/bin/env node
/**
 * Builds the SQLite binding (better-sqlite3-multiple-ciphers) for Electron's ABI
 * into .electron-native/<electron>-<platform>-<arch>/better_sqlite3.node, leaving
 * node_modules' own build (Node's ABI, used by tests and the CLI) untouched.
 * The app loads it through better-sqlite3's `nativeBinding` option.
 *
 * Needs Electron's headers from the internet the first time. Where they cannot
 * be downloaded (as on the project's CI machines) it stops with a clear message.
 * Set CREDIT_DESK_SKIP_NATIVE=1 to skip (the app will then fail to open a database).
 *
 * `--arch arm64` (or npm's `--arch`) builds for another CPU: on an x64 Linux machine that
 * needs a cross compiler (CC=aarch64-linux-gnu-gcc CXX=aarch64-linux-gnu-g++, Debian's
 * g++-aarch64-linux-gnu). The result is also copied to .electron-native/package/<os>-<arch>/,
 * where electron-builder.yml takes each installer's binding from (os: win, linux, mac).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

if (process.env.CREDIT_DESK_SKIP_NATIVE === '1') process.exit(0);

const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const archArg = process.argv.indexOf('--arch');
const arch = (archArg > 0 && process.argv[archArg + 1]) || process.env.npm_config_arch || process.arch;
const target = join(root, '.electron-native', `${electronVersion}-${process.platform}-${arch}`);
const output = join(target, 'better_sqlite3.node');
const OS_KEYS = { win32: 'win', linux: 'linux', darwin: 'mac' };
const forPackage = join(root, '.electron-native', 'package', `${OS_KEYS[process.platform] ?? process.platform}-${arch}`);

/** electron-builder.yml takes the binding for each target from here. */
function copyForPackaging() {
  mkdirSync(forPackage, { recursive: true });
  cpSync(output, join(forPackage, 'better_sqlite3.node'));
  writeFileSync(join(forPackage, 'electron-version.txt'), `${electronVersion}\n`);
}

if (existsSync(output)) {
  copyForPackaging();
  process.exit(0);
}

const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
const work = mkdtempSync(join(tmpdir(), 'credit-desk-native-'));
console.log(`为 Electron ${electronVersion} (${process.platform}-${arch}) 编译 SQLite 组件… / building the SQLite binding for Electron`);
cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${sqliteDir}/build`) });

// npm's `nodedir` setting (set on some machines) would silently build against
// Node's headers instead of Electron's: drop it for this build.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_nodedir$/i.test(k)));
const result = spawnSync(
  process.execPath,
  [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
  { cwd: work, env, stdio: 'inherit' },
);
const built = join(work, 'build', 'Release', 'better_sqlite3.node');
if (result.status !== 0 || !existsSync(built)) {
  console.error(
    '\n无法为 Electron 编译 SQLite 组件（需要联网下载 Electron 头文件）。测试与命令行不受影响。\n' +
      'Could not build the SQLite binding for Electron (Electron headers must be downloadable). See DEVELOPERS.md.',
  );
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}
// Guard against a build that quietly targeted Node's headers.
const config = readFileSync(join(work, 'build', 'config.gypi'), 'utf8');
if (!config.includes(electronVersion)) {
  console.error(`The build did not target Electron ${electronVersion} (see build/config.gypi); refusing to install it.`);
  process.exit(1);
}
mkdirSync(target, { recursive: true });
cpSync(built, output);
copyForPackaging();
rmSync(work, { recursive: true, force: true });
console.log(`完成 / done: ${output}`);
