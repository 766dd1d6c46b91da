/**
 * Worker-thread entry: the core runs here, off the window's main thread, so a
 * long import or export never freezes the app. Every call arriving here comes
 * from the window, so host-only methods are refused. Messages: invoke → result,
 * cancel; events flow back as they happen.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createCore, type CoreOptions } from './index';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

const core = createCore(workerData as CoreOptions);
core.onEvent((event) => port.postMessage({ type: 'event', event } satisfies WorkerReply));

port.on('message', (message: WorkerRequest) => {
  switch (message.type) {
    case 'invoke':
      void core.invoke(message.method, message.input, message.callId, 'page').then((result) =>
        port.postMessage({ type: 'result', id: message.id, result } satisfies WorkerReply),
      );
      break;
    case 'cancel':
      core.cancel(message.callId);
      break;
    case 'close':
      core.close();
      port.close();
      break;
  }
});
