/** Starting worker threads the same way from source (tsx) and from the bundle. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const fromSource = import.meta.url.endsWith('.ts');

/**
 * A worker running `name` (e.g. 'import-worker'): the bundled out/main/<name>.js,
 * or electron/core/…/<name>.ts through tsx when running from source.
 */
export function startWorker(sourceUrl: URL, name: string, data: Record<string, unknown>, options: Pick<WorkerOptions, 'resourceLimits'> = {}): Worker {
  if (fromSource) {
    const entry = fileURLToPath(sourceUrl);
    return new Worker(new URL('./worker-source.mjs', import.meta.url), { ...options, workerData: { ...data, __sourceEntry: entry } });
  }
  // Bundled: this module may sit in out/main/ or in out/main/chunks/.
  for (const candidate of [`./${name}.js`, `../${name}.js`]) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return new Worker(url, { ...options, workerData: data });
  }
  throw new Error(`worker ${name}.js not found beside ${import.meta.url}`);
}
