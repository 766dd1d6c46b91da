#!/usr/bin/env node
/**
 * The licences of everything the installer ships, generated at `npm run build` into
 * out/licenses/: `licenses.json` (read by 关于 → 开源许可) and `THIRD-PARTY-LICENSES.txt`
 * (for an administrator reading the installed files).
 *
 * What is shipped: every package of package-lock.json that is not a development
 * dependency (electron-builder copies the production tree, transitively), less the
 * `!node_modules/<name>/**` exclusions of electron-builder.yml's `files`; the Electron
 * runtime itself; and the bundled font (resources/fonts, OFL). Each entry carries the
 * full text of its licence, read from the package's own licence file; the few packages
 * published without one are completed from scripts/licenses-overrides.json, which says
 * where each text comes from. A package with neither fails the build.
 *
 * `node scripts/licenses.mjs [--out DIR]`; the logic is exported for the test.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Licence files as packages name them, best first. */
const LICENSE_FILE = /^(licen[sc]e|copying|notice)(\.(md|txt|markdown|mit|bsd))?$|^licen[sc]e[-._]/i;

/** Licences that allow shipping inside a closed installer (with their notice). */
export const ALLOWED = new Set([
  'MIT',
  'MIT/X11',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  '0BSD',
  'BlueOak-1.0.0',
  'Unlicense',
  'CC0-1.0',
  'OFL-1.1',
  'Zlib',
  'Python-2.0',
]);
/** Copyleft or use-restricting licences that must never reach the installer. */
export const FORBIDDEN = /^(A?GPL|LGPL|SSPL|EUPL|MPL|CPAL|OSL|CC-BY-NC|CC-BY-SA|Commons-Clause|BUSL|Elastic)/i;

/**
 * Whether an SPDX expression allows shipping: `A OR B` needs one allowed side,
 * `A AND B` both. Parentheses are honoured; anything unknown is refused.
 */
export function licenseAllowsShipping(expression) {
  if (!expression || typeof expression !== 'string') return false;
  const tokens = expression.replace(/[()]/g, (p) => ` ${p} `).trim().split(/\s+/);
  let i = 0;
  const primary = () => {
    const t = tokens[i++];
    if (t === '(') {
      const v = or();
      i++; // ')'
      return v;
    }
    if (t === undefined) return false;
    if (FORBIDDEN.test(t)) return false;
    return ALLOWED.has(t);
  };
  const and = () => {
    let v = primary();
    while (tokens[i] === 'AND') {
      i++;
      v = primary() && v;
    }
    return v;
  };
  const or = () => {
    let v = and();
    while (tokens[i] === 'OR') {
      i++;
      v = and() || v;
    }
    return v;
  };
  const result = or();
  return result && i === tokens.length;
}

/** The `!node_modules/<pkg>/**` patterns of electron-builder.yml's `files`, as package names. */
export function excludedPackages(builderYml) {
  const patterns = [];
  for (const m of builderYml.matchAll(/^\s*-\s*['"]?!node_modules\/([^\s'"]+?)\/\*\*['"]?\s*$/gm)) patterns.push(m[1]);
  return patterns;
}

/** Whether a package name falls under one of those patterns (`@scope` takes the whole scope; `*` within a name). */
export function isExcluded(name, patterns) {
  return patterns.some((p) => {
    if (p.startsWith('@') && !p.includes('/')) return name.startsWith(`${p}/`);
    const re = new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    return re.test(name);
  });
}

/**
 * A package that declares a standard licence but ships no licence file gets that
 * licence's standard text with the copyright holder its package.json names.
 */
function standardText(license, pkg, root) {
  const file = join(root, 'scripts', 'license-texts', `${license.replace(/\//g, '-')}.txt`);
  if (!existsSync(file)) return null;
  const author = typeof pkg.author === 'string' ? pkg.author.replace(/\s*[<(].*$/, '') : pkg.author?.name;
  const owner = repositoryOf(pkg)?.match(/github\.com[/:]([^/]+)/)?.[1];
  const holder = author ?? (owner ? `${owner} and contributors` : `the authors of ${pkg.name}`);
  return {
    text: readFileSync(file, 'utf8').replace('{holder}', holder).trim(),
    source: `package.json declares ${license}; the package has no licence file: the standard ${license} text, copyright holder as package.json names it`,
  };
}

function licenseText(dir) {
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((f) => LICENSE_FILE.test(f));
  files.sort((a, b) => Number(/notice/i.test(a)) - Number(/notice/i.test(b)) || a.length - b.length);
  const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').trim()).filter(Boolean);
  return texts.length ? { text: texts.join('\n\n'), file: files.join(', ') } : null;
}

function licenseOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type ?? l).join(' OR ');
  return null;
}

function repositoryOf(pkg) {
  const r = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  return r ? r.replace(/^git\+/, '').replace(/\.git$/, '') : undefined;
}

/**
 * Every shipped component with its licence: `{name, version, license, text, source,
 * repository?, excluded?}`. `problems` lists packages without a licence or whose
 * licence forbids shipping (the build fails on any).
 */
export function collectLicenses(root = ROOT) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const builderYml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
  const excluded = excludedPackages(builderYml);
  const overrides = JSON.parse(readFileSync(join(root, 'scripts', 'licenses-overrides.json'), 'utf8'));
  const entries = [];
  const problems = [];
  const seen = new Set();
  for (const [path, meta] of Object.entries(lock.packages)) {
    if (!path.startsWith('node_modules/') || meta.dev || meta.link) continue;
    const dir = join(root, path);
    // Optional packages for other systems (e.g. another CPU's native build) are not installed here and not shipped from here.
    if (!existsSync(join(dir, 'package.json'))) {
      if (meta.optional || meta.devOptional) continue;
      problems.push(`${path}: in the lock file but not installed (run npm ci)`);
      continue;
    }
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const name = pkg.name ?? path.replace(/^.*node_modules\//, '');
    const topName = path.replace(/^node_modules\//, '').split('/node_modules/')[0];
    if (isExcluded(topName, excluded) || isExcluded(name, excluded)) continue;
    const key = `${name}@${pkg.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const override = overrides[key];
    const found = licenseText(dir);
    const license = licenseOf(pkg) ?? override?.license ?? null;
    const standard = !found && !override?.text && license ? standardText(license, pkg, root) : null;
    const text = found?.text ?? override?.text ?? standard?.text ?? null;
    const source = found ? `${name}/${found.file}${override?.source ? `; ${override.source}` : ''}` : (override?.source ?? standard?.source);
    if (!license || !text) problems.push(`${key}: ${!license ? 'no licence declared' : 'no licence text'}`);
    else if (!licenseAllowsShipping(license)) problems.push(`${key}: licence ${license} does not allow shipping`);
    entries.push({ name, version: pkg.version, license: license ?? 'UNKNOWN', text: text ?? '', source: source ?? '', repository: repositoryOf(pkg) });
  }
  entries.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));

  // The runtime: Electron (and through it Chromium and Node, whose notices Electron's own
  // distribution ships as LICENSES.chromium.html beside the program).
  const electronDir = join(root, 'node_modules', 'electron');
  const electron = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
  const electronText = licenseText(electronDir);
  entries.unshift({
    name: 'electron',
    version: electron.version,
    license: electron.license,
    text: `${electronText?.text ?? ''}\n\nChromium, Node.js 及其组件的许可声明见程序目录中的 LICENSES.chromium.html。\nThe notices of Chromium, Node.js and their components are in LICENSES.chromium.html beside the program.`,
    source: `electron/${electronText?.file ?? ''}`,
    repository: 'https://github.com/electron/electron',
  });
  if (!electronText) problems.push('electron: no licence text');

  // The bundled print font.
  const fontText = readFileSync(join(root, 'resources', 'fonts', 'LICENSE-OFL.txt'), 'utf8').trim();
  entries.unshift({
    name: 'Noto Sans CJK SC / Noto Sans Mono CJK SC（打印字体 / print fonts）',
    version: '2.004',
    license: 'OFL-1.1',
    text: fontText,
    source: 'resources/fonts/LICENSE-OFL.txt',
    repository: 'https://github.com/notofonts/noto-cjk',
  });
  return { entries, problems, excluded };
}

export function renderText(entries) {
  const head = [
    '信用工作台 Credit Desk — 第三方组件许可 / Third-party licences',
    '',
    `本程序包含以下 ${entries.length} 个第三方组件，各附其许可全文。`,
    `This program contains the following ${entries.length} third-party components, each with the full text of its licence.`,
    '',
  ];
  const body = entries.map((e) =>
    [`${'='.repeat(78)}`, `${e.name} ${e.version}`, `License: ${e.license}${e.repository ? `\n${e.repository}` : ''}`, '-'.repeat(78), e.text, ''].join('\n'),
  );
  return `${head.join('\n')}\n${body.join('\n')}`;
}

function main() {
  const outArg = process.argv.indexOf('--out');
  const out = outArg > 0 ? process.argv[outArg + 1] : join(ROOT, 'out', 'licenses');
  const { entries, problems } = collectLicenses();
  if (problems.length > 0) {
    console.error(`许可检查未通过 / licence check failed:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'licenses.json'), `${JSON.stringify({ generatedFrom: 'package-lock.json', count: entries.length, entries }, null, 1)}\n`);
  writeFileSync(join(out, 'THIRD-PARTY-LICENSES.txt'), renderText(entries));
  console.log(`licences: ${entries.length} components → ${out}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
