/**
 * The installers' configuration, checked here because electron-builder itself cannot
 * run on these machines (it downloads Electron): electron-builder.yml passes
 * electron-builder's own configuration schema and says what the issue asks of each
 * installer; the icon set is complete.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../helpers';

const ROOT = join(__dirname, '../..');
const require = createRequire(join(ROOT, 'package.json'));
// electron-builder's own loader and validator (app-builder-lib is what `electron-builder` runs).
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const yaml = require('js-yaml') as { load(text: string): unknown };

type Config = Record<string, unknown> & {
  nsis: Record<string, unknown>;
  linux: { target: { target: string; arch: string[] }[]; icon: string; executableName: string };
  win: { target: { target: string; arch: string[] }[]; icon: string };
  extraResources: { from: string; to: string }[];
  files: string[];
};
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;
const quiet = { isEnabled: false, add() {} };

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own configuration schema (app-builder-lib/scheme.json), which refuses a misspelt option', async () => {
    await expect(validateConfiguration(config, quiet)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, perMashine: true } }, quiet)).rejects.toThrow(/configuration\.nsis/);
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, target: [{ target: 'deb', arch: ['x86'] }] } }, quiet)).rejects.toThrow();
  });

  it('NSIS for Windows x64: Chinese, per-machine or per-user as the installer chooses, the data folder kept on uninstall', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
      installerLanguages: ['zh_CN'],
      language: '2052',
      deleteAppDataOnUninstall: false,
    });
  });

  it('.deb and AppImage for amd64 and arm64, with the icon set; the SQLite binding per target architecture', () => {
    expect(config.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(config.npmRebuild).toBe(false);
    const native = config.extraResources.find((r) => r.to === 'native/better_sqlite3.node');
    // ${os} and ${arch} are electron-builder's macros: the target's, one binding per installer.
    expect(native?.from).toBe('.electron-native/package/${os}-${arch}/better_sqlite3.node');
    const script = readFileSync(join(ROOT, 'scripts/electron-native.mjs'), 'utf8');
    expect(script).toContain("join(root, '.electron-native', 'package', `${OS_KEYS[process.platform] ?? process.platform}-${arch}`)");
    expect(script).toMatch(/win32: 'win', linux: 'linux'/);
  });

  it('refuses to pack a target whose SQLite binding is missing or built for another Electron (beforePack)', async () => {
    expect(config.beforePack).toBe('scripts/before-pack.cjs');
    const hook = require(join(ROOT, 'scripts/before-pack.cjs')) as ((context: { electronPlatformName: string; arch: number }) => Promise<void>) & {
      checkBinding(root: string, platform: string, arch: string, electron: string): string;
    };
    const root = tempFolder();
    expect(() => hook.checkBinding(root, 'linux', 'arm64', '45.5.0')).toThrow(/缺少 linux-arm64 的 SQLite 组件.*electron-native\.mjs --arch arm64/);
    const dir = join(root, '.electron-native/package/linux-arm64');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'better_sqlite3.node'), 'binding');
    writeFileSync(join(dir, 'electron-version.txt'), '44.0.0\n');
    expect(() => hook.checkBinding(root, 'linux', 'arm64', '45.5.0')).toThrow(/Electron 44\.0\.0.*Electron 45\.5\.0/);
    writeFileSync(join(dir, 'electron-version.txt'), '45.5.0\n');
    expect(hook.checkBinding(root, 'linux', 'arm64', '45.5.0')).toBe(join(dir, 'better_sqlite3.node'));
    // As electron-builder calls it (builder-util's Arch: 3 is arm64, 4 universal, which nobody builds).
    await expect(hook({ electronPlatformName: 'linux', arch: 4 })).rejects.toThrow(/linux-universal/);
  });

  it('the icon set: PNGs of 16–512 px for Linux, an .ico of 16–256 px for Windows', () => {
    expect(config.linux.icon).toBe('resources/icons');
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(readFileSync(join(ROOT, config.linux.icon, `${size}x${size}.png`)))).toEqual({ width: size, height: size });
    }
    const ico = readFileSync(join(ROOT, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1); // an icon
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const record = 6 + 16 * i;
      const size = ico.readUInt8(record) || 256;
      const png = ico.subarray(ico.readUInt32LE(record + 12), ico.readUInt32LE(record + 12) + ico.readUInt32LE(record + 8));
      expect(pngSize(png)).toEqual({ width: size, height: size });
      sizes.push(size);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    expect(config.nsis.installerIcon).toBe(config.win.icon);
  });
});
