/**
 * Worker-thread entry for an import's parsing and validation (import-rows.ts),
 * so that on a two-core office PC the file is read and checked while the core
 * thread writes. It runs up to MAX_AHEAD chunks ahead of the writer: the core
 * thread acknowledges a chunk when it starts writing it, so at most
 * MAX_AHEAD + 1 chunks are in memory (MAX_AHEAD waiting, one being written).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { listRuleTables, registerRuleTable, type PenaltyPublicationRuleTable } from '../catalog/publication-rules';
import { listCodeLists, registerCategory, registerCodeList } from '../catalog/registry';
import type { CategoryDefinition, CodeList } from '../catalog/types';
import { toErrorData } from '../errors';
import type { DepartmentRef } from './import-mapping';
import { checkRows, MAX_AHEAD } from './import-rows';

export interface ImportWorkerJob {
  /** The category and code lists as the core thread has them (an admin may have added some). */
  category: CategoryDefinition;
  codeLists: CodeList[];
  path: string;
  today: string;
  ruleTables: PenaltyPublicationRuleTable[];
  department: DepartmentRef;
  alreadyReported: boolean;
}

const port = parentPort!;
const job = workerData as ImportWorkerJob;
const controller = new AbortController();
let unacknowledged = 0;
let wake: (() => void) | null = null;
port.on('message', (message: 'ack' | 'cancel') => {
  if (message === 'cancel') controller.abort();
  else unacknowledged--;
  wake?.();
});

async function main(): Promise<void> {
  const known = new Set(listRuleTables().map((t) => t.version));
  for (const t of job.ruleTables) if (!known.has(t.version)) registerRuleTable(t);
  const own = new Map(listCodeLists().map((l) => [l.key, JSON.stringify(l)]));
  for (const list of job.codeLists) if (own.get(list.key) !== JSON.stringify(list)) registerCodeList(list, { replace: true });
  const compiled = registerCategory(job.category, { replace: true });
  const options = { signal: controller.signal, department: job.department, alreadyReported: job.alreadyReported };
  for await (const chunk of checkRows(compiled, job.path, job.today, options)) {
    port.postMessage(chunk);
    unacknowledged++;
    while (unacknowledged >= MAX_AHEAD && !controller.signal.aborted) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    if (controller.signal.aborted) return;
  }
  port.postMessage({ type: 'end' });
}

main().catch((err) => port.postMessage({ type: 'error', error: toErrorData(err) }));
