/**
 * The command line starts at once (issue 12 item 15) because nothing heavy is loaded
 * before a command needs it: the modules `electron/cli.ts` imports statically must
 * not reach SQLite, zod, exceljs, the zip or SM2 libraries or the PDF engine. Those
 * are imported inside the commands that use them. A static import of a core module
 * that reaches them slowed `help` from 0.2 s to 0.8 s once; this test names the chain.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const HEAVY = /^(better-sqlite3|better-sqlite3-multiple-ciphers|drizzle-orm|zod|exceljs|yauzl|yazl|sm-crypto-v2|pdfkit|fontkit|qrcode|@e965\/xlsx)(\/|$)/;

describe('the command line at start-up', () => {
  it('imports nothing heavy before a command runs', async () => {
    const result = await build({ entryPoints: ['electron/cli.ts'], bundle: true, platform: 'node', format: 'esm', packages: 'external', metafile: true, write: false, logLevel: 'silent' });
    const inputs = result.metafile.inputs;
    const parent = new Map<string, string>();
    const seen = new Set<string>();
    const reached: string[] = [];
    const stack = ['electron/cli.ts'];
    while (stack.length > 0) {
      const file = stack.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const imp of inputs[file]?.imports ?? []) {
        if (imp.kind !== 'import-statement') continue; // dynamic imports load when a command needs them
        if (imp.external) {
          if (HEAVY.test(imp.path)) reached.push(`${imp.path}: ${chain(parent, file)}`);
        } else if (!seen.has(imp.path)) {
          parent.set(imp.path, file);
          stack.push(imp.path);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(20);
    expect(reached).toEqual([]);
  });
});

function chain(parent: Map<string, string>, file: string): string {
  const files = [file];
  while (parent.has(files[files.length - 1])) files.push(parent.get(files[files.length - 1])!);
  return files.reverse().join(' → ');
}
