/**
 * The command line starts at once (issue 12 item 15) because nothing heavy is loaded
 * before a command needs it: the modules `electron/cli.ts` imports statically must
 * not reach SQLite, zod, exceljs, the zip or SM2 libraries or the PDF engine. Those
 * are imported inside the commands that use them. A static import of a core module
 * that reaches them slowed `help` from 0.2 s to 0.8 s once; this test names the chain.
 *
 * The same holds one level down (issue 22 item 7): the core, with its handler
 * registry, opens a database and logs in without the libraries only some handlers
 * use — exceljs (with jszip, fast-csv, unzipper), the PDF engine (pdfkit, fontkit with
 * brotli, qrcode), the zip libraries, SM2, SheetJS, nzh. They cost about 1 s of start-up
 * that `info` never used; they are loaded where they are used (`await import(…)`, or
 * `lazyRequire` in electron/core/lazy.ts for synchronous code).
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const HEAVY_FOR_CLI = /^(better-sqlite3|better-sqlite3-multiple-ciphers|drizzle-orm|zod|exceljs|yauzl|yazl|sm-crypto-v2|pdfkit|fontkit|qrcode|@e965\/xlsx)(\/|$)/;
const HEAVY_FOR_CORE = /^(exceljs|jszip|fast-csv|@fast-csv\/.*|unzipper|archiver|pdfkit|fontkit|brotli|qrcode|yauzl|yazl|sm-crypto-v2|@e965\/xlsx|nzh)(\/|$)/;

/** handler-groups.ts and the modules it gathers: loaded by handlers.ts at the first call of one of their methods. */
const DOMAIN_GROUPS = /^electron\/core\/(handler-groups|records\/(io-)?handlers|(batches|calendar|cases|lists|checks|print|backup|support|statistics)\/handlers)\.ts$/;

/** Every heavy package (or, with `ownHeavy`, own module) reachable from `entry` through static imports, each with the chain of files that reaches it. */
async function heavyChains(entry: string, heavy: RegExp, ownHeavy?: RegExp): Promise<{ reached: string[]; modules: number }> {
  const result = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', packages: 'external', metafile: true, write: false, logLevel: 'silent' });
  const inputs = result.metafile.inputs;
  const parent = new Map<string, string>();
  const seen = new Set<string>();
  const reached: string[] = [];
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imp of inputs[file]?.imports ?? []) {
      if (imp.kind !== 'import-statement') continue; // dynamic imports load when they are needed
      if (imp.external) {
        if (heavy.test(imp.path)) reached.push(`${imp.path}: ${chain(parent, file)}`);
      } else if (!seen.has(imp.path)) {
        parent.set(imp.path, file);
        if (ownHeavy?.test(imp.path)) reached.push(chain(parent, imp.path));
        else stack.push(imp.path);
      }
    }
  }
  return { reached, modules: seen.size };
}

describe('the command line at start-up', () => {
  it('imports nothing heavy before a command runs', async () => {
    const { reached, modules } = await heavyChains('electron/cli.ts', HEAVY_FOR_CLI);
    expect(modules).toBeGreaterThan(20);
    expect(reached).toEqual([]);
  });
});

describe('verify of a batch file', () => {
  it('reaches no database library: it needs no department', async () => {
    // Once it reached drizzle through audit/log.ts (for isAuditHead), 90 ms more per verify.
    const { reached, modules } = await heavyChains('electron/core/batches/verify.ts', /^(better-sqlite3|better-sqlite3-multiple-ciphers|drizzle-orm|zod)(\/|$)/, /^drizzle\/schema\.ts$/);
    expect(modules).toBeGreaterThan(5);
    expect(reached).toEqual([]);
  });
});

describe('the core at start-up', () => {
  it('imports, with every handler, none of the libraries that only some handlers use', async () => {
    // worker.ts is the app's core thread: index.ts, dispatch and the handler registry (handlers.ts).
    const { reached, modules } = await heavyChains('electron/core/worker.ts', HEAVY_FOR_CORE);
    expect(modules).toBeGreaterThan(100);
    expect(reached).toEqual([]);
  });

  it('compiles the domain groups’ handlers only when one of their methods is first called', async () => {
    // A command that logs in and reads the department (`info`) needs the foundation's handlers alone (issue 22 item 7).
    const { reached } = await heavyChains('electron/core/worker.ts', /^$/, DOMAIN_GROUPS);
    expect(reached).toEqual([]);
  });

  it('would name a chain that reaches one', async () => {
    // The walk itself: the print layout imports pdfkit statically (it is loaded by print/service.ts when a document is printed).
    const { reached } = await heavyChains('electron/core/print/layout.ts', HEAVY_FOR_CORE);
    expect(reached).toContain('pdfkit: electron/core/print/layout.ts');
    expect(reached).toEqual(expect.arrayContaining([expect.stringMatching(/^fontkit: electron\/core\/print\/layout\.ts → .*electron\/core\/print\/fonts\.ts$/)]));
  });
});

function chain(parent: Map<string, string>, file: string): string {
  const files = [file];
  while (parent.has(files[files.length - 1])) files.push(parent.get(files[files.length - 1])!);
  return files.reverse().join(' → ');
}
