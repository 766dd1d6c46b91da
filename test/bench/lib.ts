/**
 * Helpers for the benchmarks (test/bench/run.ts): running a measurement in a
 * fresh child process (so each peak RSS is its own), sampling RSS, percentiles
 * and plain-text tables.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Samples process.memoryUsage().rss every `everyMs` until stopped; returns the peak in MiB. */
export function rssSampler(everyMs = 50): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak / 1024 / 1024;
    },
  };
}

/**
 * Runs `script --child <task> <json>` in a fresh Node process (with the same
 * loader flags, i.e. tsx) and resolves with the message it sends back.
 */
export function runChild<T>(script: string | URL, task: string, args: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const path = typeof script === 'string' && !script.startsWith('file:') ? script : fileURLToPath(script);
    const child = fork(path, ['--child', task, JSON.stringify(args)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: { ok: true; value: T } | { ok: false; error: string } | undefined;
    child.on('message', (m) => (result = m as typeof result));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (result?.ok) resolve(result.value);
      else reject(new Error(result && !result.ok ? result.error : `${task} exited with code ${code}`));
    });
  });
}

/** In the child: runs the task and sends its result (or its error) to the parent. */
export async function serveChild(tasks: Record<string, (args: never) => Promise<unknown>>): Promise<void> {
  const [, task, raw] = process.argv.slice(2);
  try {
    const fn = tasks[task];
    if (!fn) throw new Error(`unknown task ${task}`);
    const value = await fn(JSON.parse(raw) as never);
    process.send?.({ ok: true, value });
  } catch (err) {
    process.send?.({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exitCode = 1;
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface LatencyStats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function latencyStats(samples: readonly number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? NaN };
}

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '—';

/** East Asian wide characters take two terminal columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}

export function table(headers: string[], rows: string[][], align: ('l' | 'r')[] = []): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const cell = (s: string, i: number) => {
    const pad = ' '.repeat(Math.max(0, widths[i] - width(s)));
    return align[i] === 'r' ? pad + s : s + pad;
  };
  const line = (r: string[]) => r.map(cell).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
