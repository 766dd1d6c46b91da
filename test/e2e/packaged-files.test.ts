/**
 * Everything the packaged app loads at run time is shipped by electron-builder.yml
 * (electron-builder itself cannot run here: it downloads Electron). From the build
 * output (`npm run build`): the host, the core's workers, the preload, the page and
 * every file it loads (the pdf.js worker, the manual's pictures), and each folder the
 * host looks for beside the packaged program (resolveHostPaths with isPackaged:
 * migrations, fonts, the manual, the licences, the icons, the SQLite binding). Then
 * the resources are laid out as the installer lays them out, and a core given only
 * those folders prints the manual and lists the licences.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveHostPaths } from '../../electron/host/paths';
import type { LicensesInfo, PrintPayload } from '../../electron/contract';
import { FAST_KDF, newCore, setUp, tempFolder, value } from '../helpers';

const ROOT = join(__dirname, '../..');
const require = createRequire(join(ROOT, 'package.json'));
const yaml = require('js-yaml') as { load(text: string): unknown };
const { minimatch } = require('minimatch') as { minimatch(path: string, pattern: string, options?: { dot?: boolean }): boolean };

interface BuilderConfig {
  files: string[];
  extraResources: { from: string; to: string }[];
}
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** Whether electron-builder's `files` take a path of the project (patterns in order, `!` excludes). */
function inApp(path: string): boolean {
  let taken = false;
  for (const pattern of config.files) {
    if (pattern.startsWith('!')) {
      if (minimatch(path, pattern.slice(1), { dot: true })) taken = false;
    } else if (minimatch(path, pattern, { dot: true })) taken = true;
  }
  return taken;
}

/** The project file shipped at `resources/<rel>`, through extraResources (macros of one target filled in). */
function resourceSource(rel: string, target = { os: 'linux', arch: 'x64' }): string | null {
  for (const r of config.extraResources) {
    const to = r.to.replace(/\/$/, '');
    if (rel !== to && !rel.startsWith(`${to}/`)) continue;
    const from = r.from.replace('${os}', target.os).replace('${arch}', target.arch);
    return posix.join(from, rel.slice(to.length));
  }
  return null;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const rel = (path: string) => relative(ROOT, path).split(sep).join('/');

describe('the packaged app’s files', () => {
  it('ships the host, the core’s workers, the preload and the page with everything it loads', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(inApp(pkg.main)).toBe(true);
    expect(existsSync(join(ROOT, pkg.main))).toBe(true);
    expect(inApp('package.json')).toBe(true);
    // The workers the bundle starts by name (main.ts: worker.js; threads.ts: <name>.js beside the chunk's folder).
    const bundle = files(join(ROOT, 'out/main')).filter((f) => f.endsWith('.js'));
    const named = new Set<string>();
    for (const file of bundle) {
      for (const m of readFileSync(file, 'utf8').matchAll(/"((?:[a-z]+-)?worker)(?:\.js)?"/g)) named.add(`out/main/${m[1]}.js`);
    }
    expect([...named].sort()).toEqual(['out/main/import-worker.js', 'out/main/worker.js', 'out/main/xls-worker.js']);
    for (const file of [...named, ...bundle.map(rel), 'out/preload/preload.cjs']) {
      expect(existsSync(join(ROOT, file)), file).toBe(true);
      expect(inApp(file), file).toBe(true);
    }
    // The page and what it loads: its scripts and styles, pdf.js's worker, the manual's pictures.
    const html = readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8');
    const assets = files(join(ROOT, 'out/renderer')).map(rel);
    for (const m of html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) expect(assets, m[1]).toContain(`out/renderer/${m[1]}`);
    expect(assets.some((a) => /pdf\.worker[^/]*\.mjs$/.test(a))).toBe(true);
    expect(assets.some((a) => /manualContent-[^/]+\.js$/.test(a))).toBe(true);
    expect(assets.filter((a) => /\/assets\/[a-z-]+-[\w-]+\.png$/.test(a)).length).toBeGreaterThanOrEqual(20);
    for (const a of assets) expect(inApp(a), a).toBe(true);
    // Not shipped: the Node-ABI SQLite build and pdf.js's canvas for Node.
    expect(inApp('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(false);
    expect(inApp('node_modules/@napi-rs/canvas/index.js')).toBe(false);
  });

  it('ships every folder the host looks for beside the packaged program', () => {
    const packaged = resolveHostPaths({
      isPackaged: true,
      appPath: '/R/app.asar',
      resourcesPath: '/R',
      userData: '/U',
      demo: false,
      env: {},
      platform: 'linux',
      arch: 'x64',
      electronVersion: '45.5.0',
    });
    const wanted: [string, string][] = [
      [packaged.migrationsFolder, 'meta/_journal.json'],
      [packaged.fontsFolder, 'NotoSansCJKsc-Regular.otf'],
      [packaged.manualFolder, '01-setup.md'],
      [packaged.manualFolder, 'images/login.png'],
      [packaged.licensesFolder, 'licenses.json'],
      [packaged.licensesFolder, 'THIRD-PARTY-LICENSES.txt'],
      [packaged.iconsFolder, '256x256.png'],
    ];
    for (const [folder, file] of wanted) {
      const inResources = posix.join(posix.relative('/R', folder), file);
      const source = resourceSource(inResources);
      expect(source, inResources).not.toBeNull();
      expect(existsSync(join(ROOT, source!)), `${inResources} ← ${source}`).toBe(true);
    }
    // The SQLite binding: one per target, from the folder scripts/electron-native.mjs fills.
    for (const target of [
      { os: 'win', arch: 'x64' },
      { os: 'linux', arch: 'x64' },
      { os: 'linux', arch: 'arm64' },
    ]) {
      expect(resourceSource(posix.relative('/R', packaged.nativeBindingPath), target)).toBe(`.electron-native/package/${target.os}-${target.arch}/better_sqlite3.node`);
    }
  });

  it('a core given only the resources as the installer lays them out prints the manual and lists the licences', async () => {
    const resources = tempFolder();
    for (const r of config.extraResources.filter((x) => !x.from.includes('${'))) {
      mkdirSync(join(resources, r.to), { recursive: true });
      cpSync(join(ROOT, r.from), join(resources, r.to), { recursive: true });
    }
    const core = newCore({
      kdfCost: FAST_KDF,
      migrationsFolder: join(resources, 'drizzle/migrations'),
      fontsFolder: join(resources, 'fonts'),
      manualFolder: join(resources, 'manual'),
      licensesFolder: join(resources, 'licenses'),
    });
    await setUp(core);
    const printed = value<PrintPayload>(await core.invoke('print.manual', {}));
    expect(printed.pages).toBeGreaterThan(10);
    const licences = value<LicensesInfo>(await core.invoke('app.licenses', {}));
    expect(licences.count).toBeGreaterThan(100);
    expect(licences.entries.map((e) => e.name)).toContain('pdfkit');
  });
});
