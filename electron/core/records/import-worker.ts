/**
 * Worker-thread entry for an import's parsing and validation (import-rows.ts).
 * It sends one chunk and waits for the core thread's acknowledgement before
 * reading on, so at most two chunks are ever in memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { listRuleTables, registerRuleTable, type PenaltyPublicationRuleTable } from '../catalog/publication-rules';
import { getCompiledCategory } from '../catalog/registry';
import { toErrorData } from '../errors';
import { checkRows } from './import-rows';

interface Job {
  category: string;
  path: string;
  today: string;
  ruleTables: PenaltyPublicationRuleTable[];
}

const port = parentPort!;
const job = workerData as Job;
const controller = new AbortController();
let release: (() => void) | null = null;
port.on('message', (message: 'ack' | 'cancel') => {
  if (message === 'cancel') controller.abort();
  release?.();
});

async function main(): Promise<void> {
  const known = new Set(listRuleTables().map((t) => t.version));
  for (const t of job.ruleTables) if (!known.has(t.version)) registerRuleTable(t);
  for await (const chunk of checkRows(getCompiledCategory(job.category), job.path, job.today, controller.signal)) {
    const acknowledged = new Promise<void>((resolve) => (release = resolve));
    port.postMessage(chunk);
    await acknowledged;
    if (controller.signal.aborted) return;
  }
  port.postMessage({ type: 'end' });
}

main().catch((err) => port.postMessage({ type: 'error', error: toErrorData(err) }));
