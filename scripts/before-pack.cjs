/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads its hooks with require(): CommonJS */
/**
 * electron-builder's beforePack hook (electron-builder.yml): refuses to pack an
 * installer whose SQLite binding for that target is missing or was built for
 * another Electron, which electron-builder would otherwise skip with a warning
 * and ship an app that cannot open a database.
 */
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/** builder-util's Arch enum, by number. */
const ARCH = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];
const OS = { win32: 'win', linux: 'linux', darwin: 'mac' };

function checkBinding(root, platform, arch, electronVersion) {
  const dir = join(root, '.electron-native', 'package', `${OS[platform] ?? platform}-${arch}`);
  const binding = join(dir, 'better_sqlite3.node');
  if (!existsSync(binding)) {
    throw new Error(`缺少 ${OS[platform] ?? platform}-${arch} 的 SQLite 组件：${binding}。请先运行 node scripts/electron-native.mjs --arch ${arch}（见 README“Building the installers”）。`);
  }
  const built = existsSync(join(dir, 'electron-version.txt')) ? readFileSync(join(dir, 'electron-version.txt'), 'utf8').trim() : '';
  if (built !== electronVersion) {
    throw new Error(`${binding} 是为 Electron ${built || '（未知版本）'} 编译的，而安装包用 Electron ${electronVersion}：请重新运行 node scripts/electron-native.mjs --arch ${arch}。`);
  }
  return binding;
}

module.exports = async function beforePack(context) {
  const root = join(__dirname, '..');
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  checkBinding(root, context.electronPlatformName, ARCH[context.arch] ?? String(context.arch), electronVersion);
};
module.exports.checkBinding = checkBinding;
