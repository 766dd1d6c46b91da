/**
 * The licences shipped with the installer (scripts/licenses.mjs, run by `npm run build`):
 * every shipped package has a licence with its full text, none forbids shipping, and
 * the policy itself refuses what it must.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectLicenses, excludedPackages, isExcluded, licenseAllowsShipping } from '../../scripts/licenses.mjs';
import { tempFolder } from '../helpers';

const ROOT = join(__dirname, '../..');

describe('the licences file', () => {
  const { entries, problems, excluded } = collectLicenses(ROOT);

  it('covers every production dependency, transitively, the runtime and the print font; each with its full text and a licence that allows shipping', () => {
    expect(problems).toEqual([]);
    const names = new Set(entries.map((e) => e.name));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // better-sqlite3 is installed under its alias: the package's own name is better-sqlite3-multiple-ciphers.
    const direct = Object.keys(pkg.dependencies).map((n) => (n === 'better-sqlite3' ? 'better-sqlite3-multiple-ciphers' : n));
    for (const name of direct) expect(names, name).toContain(name);
    // Transitive ones too (exceljs → unzipper → binary → buffers; pdfkit → fontkit → brotli).
    for (const name of ['buffers', 'unzipper', 'fontkit', 'brotli', 'scheduler']) expect(names, name).toContain(name);
    expect(names).toContain('electron');
    expect(entries.find((e) => e.license === 'OFL-1.1')?.text).toMatch(/SIL OPEN FONT LICENSE Version 1\.1/);
    for (const e of entries) {
      expect(licenseAllowsShipping(e.license), `${e.name}@${e.version}: ${e.license}`).toBe(true);
      // A full text, not a name: every text names the licence's permission or terms.
      expect(e.text.length, `${e.name}@${e.version}`).toBeGreaterThan(300);
      expect(e.source, `${e.name}@${e.version}`).not.toBe('');
    }
    // Development tools never reach the installer.
    for (const dev of ['vitest', 'typescript', 'electron-builder', 'playwright-core', 'drizzle-kit']) expect(names, dev).not.toContain(dev);
    // What electron-builder.yml leaves out is left out here too.
    expect(excluded).toContain('@napi-rs');
    expect([...names].some((n) => n.startsWith('@napi-rs/'))).toBe(false);
  });

  it('npm run build writes it into the build output: JSON for 关于, and a text file with every licence in full', () => {
    const out = tempFolder();
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/licenses.mjs'), '--out', out], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'licenses.json'), 'utf8')) as { count: number; entries: { name: string; text: string }[] };
    expect(json.count).toBe(entries.length);
    const text = readFileSync(join(out, 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    for (const e of json.entries.slice(0, 50)) expect(text).toContain(e.text.slice(0, 200));
    expect(readFileSync(join(ROOT, 'package.json'), 'utf8')).toMatch(/"build": "electron-vite build && node scripts\/licenses\.mjs"/);
  });

  it('refuses copyleft, use-restricting and unknown licences; reads SPDX expressions', () => {
    for (const bad of ['GPL-3.0', 'GPL-2.0-only', 'AGPL-3.0-or-later', 'LGPL-2.1', 'SSPL-1.0', 'UNLICENSED', 'UNKNOWN', 'SEE LICENSE IN LICENSE', '', 'MIT AND GPL-3.0', '(MIT AND AGPL-3.0)']) {
      expect(licenseAllowsShipping(bad), bad).toBe(false);
    }
    for (const good of ['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause', '(MIT OR GPL-3.0)', '(BSD-2-Clause OR MIT OR Apache-2.0)', 'MIT AND ISC', 'OFL-1.1']) {
      expect(licenseAllowsShipping(good), good).toBe(true);
    }
    expect(excludedPackages("files:\n  - out/**\n  - '!node_modules/@napi-rs/**'\n  - '!node_modules/better-sqlite3/build/**'\n  - '!node_modules/left-pad/**'")).toEqual(['@napi-rs', 'better-sqlite3/build', 'left-pad']);
    expect(isExcluded('@napi-rs/canvas', ['@napi-rs'])).toBe(true);
    expect(isExcluded('better-sqlite3', ['better-sqlite3/build'])).toBe(false);
  });

  it('fails the build for a shipped package with a GPL licence or without any licence', () => {
    const root = tempFolder();
    const pkgDir = (name: string) => join(root, 'node_modules', name);
    const lock = {
      packages: {
        '': { name: 'x' },
        'node_modules/fine': { version: '1.0.0', license: 'MIT' },
        'node_modules/copyleft': { version: '2.0.0', license: 'GPL-3.0' },
        'node_modules/silent': { version: '0.1.0' },
        'node_modules/devtool': { version: '1.0.0', license: 'GPL-3.0', dev: true },
      },
    };
    writeFileSync(join(root, 'package-lock.json'), JSON.stringify(lock));
    writeFileSync(join(root, 'electron-builder.yml'), 'files:\n  - out/**\n');
    mkdirSync(join(root, 'scripts'), { recursive: true });
    cpSync(join(ROOT, 'scripts/license-texts'), join(root, 'scripts/license-texts'), { recursive: true });
    writeFileSync(join(root, 'scripts/licenses-overrides.json'), '{}');
    for (const [name, license] of [['fine', 'MIT'], ['copyleft', 'GPL-3.0'], ['silent', undefined], ['electron', 'MIT']] as const) {
      mkdirSync(pkgDir(name), { recursive: true });
      writeFileSync(join(pkgDir(name), 'package.json'), JSON.stringify({ name, version: '1.0.0', ...(license ? { license } : {}) }));
      if (name !== 'silent') writeFileSync(join(pkgDir(name), 'LICENSE'), `${license} licence text of ${name}\n`.repeat(20));
    }
    mkdirSync(join(root, 'resources/fonts'), { recursive: true });
    writeFileSync(join(root, 'resources/fonts/LICENSE-OFL.txt'), 'SIL OPEN FONT LICENSE Version 1.1');
    const { problems, entries } = collectLicenses(root);
    expect(problems).toEqual(['copyleft@1.0.0: licence GPL-3.0 does not allow shipping', 'silent@1.0.0: no licence declared']);
    expect(entries.map((e) => e.name)).not.toContain('devtool');
  });
});
