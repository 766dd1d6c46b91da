/**
 * The command line as the tests run it: electron/cli.ts and the workers it starts,
 * bundled from the current sources by esbuild (as the crash harness bundles its
 * child), with code splitting so that what the command line loads late stays late.
 * Spawning `node --import tsx electron/cli.ts` cost about 2 s of CPU per command
 * here (tsx resolving and transpiling some 300 modules at every start); the CLI
 * tests run hundreds of commands. The bundle sits under node_modules/.cache, where
 * its packages resolve and the migrations and fonts are found by walking up, in a
 * folder named by a digest of the sources: built once per state of the sources and
 * shared by every test file (a test file that finds it built uses it).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'credit-desk-cli');
const ENTRIES = {
  cli: 'electron/cli.ts',
  // startWorker (electron/core/threads.ts) looks for these beside the bundled code, as in out/main/.
  'import-worker': 'electron/core/records/import-worker.ts',
  'xls-worker': 'electron/core/io/xls-worker.ts',
};

function sourcesDigest(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mts|mjs|js|json)$/.test(entry.name)) hash.update(path).update(readFileSync(path));
    }
  };
  walk(join(ROOT, 'electron'));
  hash.update(readFileSync(join(ROOT, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

let bundled: Promise<string> | null = null;

/** The bundled command line's path (built on first use). */
export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    const dir = join(CACHE, sourcesDigest());
    const entry = join(dir, 'cli.js');
    if (existsSync(entry)) return entry;
    mkdirSync(CACHE, { recursive: true });
    const building = `${dir}.building-${process.pid}`;
    await build({
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, join(ROOT, path)])),
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outdir: building,
      packages: 'external',
      logLevel: 'silent',
    });
    try {
      renameSync(building, dir);
    } catch {
      // Another test file built the same sources at the same time: use its bundle.
      rmSync(building, { recursive: true, force: true });
      if (!existsSync(entry)) throw new Error(`the command line bundle is missing: ${entry}`);
    }
    prune(dir);
    return entry;
  })();
  return bundled;
}

/** Bundles of older sources, unused for a day, are removed. */
function prune(keep: string): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    try {
      if (path !== keep && statSync(path).mtimeMs < dayAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // another run's, being removed
    }
  }
}
