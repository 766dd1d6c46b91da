/**
 * The crash-injection harness: runs test/fixtures/scripts/crash-child.ts (bundled
 * with esbuild once, so each run starts in a fraction of a second) and kills it
 * with SIGKILL at a random moment of its work. The moment is drawn from the
 * work's own measured duration, so kills land inside it rather than before.
 * Work that is a few file operations (restore) is killed instead at a point the
 * child announces and stops at (crash-child.ts, watchFiles).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Bundles the child (and the import worker it may start) from the current sources
 * under node_modules/.cache, where its packages resolve; returns its path and a
 * function that removes the bundle.
 */
export async function bundleChild(): Promise<{ child: string; remove: () => void }> {
  const sources = ['test/fixtures/scripts/crash-child.ts', 'electron/core/records/import-worker.ts'];
  const base = join(ROOT, 'node_modules', '.cache', 'credit-desk-crash');
  mkdirSync(base, { recursive: true });
  const outdir = mkdtempSync(join(base, `${process.pid}-`));
  await build({
    entryPoints: { 'crash-child': join(ROOT, sources[0]), 'import-worker': join(ROOT, sources[1]) },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    packages: 'external',
    logLevel: 'silent',
  });
  return { child: join(outdir, 'crash-child.js'), remove: () => rmSync(outdir, { recursive: true, force: true }) };
}

export interface ChildMessage {
  t: 'ready' | 'begin' | 'done' | 'point';
  i?: number;
  [key: string]: unknown;
}

export interface KilledRun {
  pid: number;
  messages: ChildMessage[];
  /** Milliseconds after the first `begin` the kill was sent. */
  killedAfterMs: number;
  /** How long each completed piece of work took (begin → done). */
  durations: number[];
  stderr: string;
}

/**
 * Starts the child and kills it `delay()` ms after its first `begin` (a random
 * moment of the work), or — `{ at }` — as soon as it sends a message `at`
 * picks (a kill point the child stopped at). Resolves when it is dead; rejects
 * when it exits by itself with an error (the work failed, which the harness must see).
 */
export function runAndKill(
  child: string,
  args: string[],
  delay: (() => number) | { at: (m: ChildMessage) => boolean },
  timeoutMs = 120_000,
): Promise<KilledRun> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, [child, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const messages: ChildMessage[] = [];
    const begun = new Map<number, number>();
    const durations: number[] = [];
    let buffer = '';
    let stderr = '';
    let killedAfterMs = -1;
    let firstBegin = 0;
    const guard = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.stderr.on('data', (d) => (stderr += d));
    proc.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (!line.trim()) continue;
        const m = JSON.parse(line) as ChildMessage;
        messages.push(m);
        if (m.t === 'begin') begun.set(Number(m.i), Date.now());
        if (m.t === 'done' && begun.has(Number(m.i))) durations.push(Date.now() - begun.get(Number(m.i))!);
        if (typeof delay !== 'function') {
          if (m.t === 'begin' && firstBegin === 0) firstBegin = Date.now();
          if (killedAfterMs < 0 && delay.at(m)) {
            killedAfterMs = Date.now() - firstBegin;
            proc.kill('SIGKILL');
          }
        } else if (m.t === 'begin' && firstBegin === 0) {
          firstBegin = Date.now();
          const wait = delay();
          setTimeout(() => {
            killedAfterMs = Date.now() - firstBegin;
            proc.kill('SIGKILL');
          }, wait);
        }
      }
    });
    proc.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL' && killedAfterMs >= 0) resolvePromise({ pid: proc.pid!, messages, killedAfterMs, durations, stderr });
      else reject(new Error(`crash child ${args[0]} ended by itself (${code ?? signal}) before it was killed:\n${stderr}`));
    });
  });
}
