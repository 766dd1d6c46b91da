/**
 * The host's handle on the core worker thread. Plain Node (no Electron), so the
 * same client is tested against the built worker in vitest.
 */
import { Worker } from 'node:worker_threads';
import type { Result } from '../contract/errors';
import type { CoreEvent } from '../contract/types';
import type { CoreOptions } from '../core/desk';
import type { WorkerReply, WorkerRequest } from '../core/worker-protocol';

export class CoreWorkerClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = new Set<(event: CoreEvent) => void>();

  constructor(workerFile: string, options: CoreOptions) {
    this.worker = new Worker(workerFile, { workerData: options });
    this.worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'result') {
        this.pending.get(reply.id)?.(reply.result);
        this.pending.delete(reply.id);
      } else {
        this.listeners.forEach((l) => l(reply.event));
      }
    });
    this.worker.on('error', (err) => this.failAll(err));
    this.worker.on('exit', (code) => this.failAll(new Error(`core worker exited with code ${code}`)));
  }

  private failAll(err: Error): void {
    for (const resolve of this.pending.values()) {
      resolve({ ok: false, error: { code: 'INTERNAL', message: `内部错误：${err.message}` } });
    }
    this.pending.clear();
  }

  private send(message: WorkerRequest): void {
    this.worker.postMessage(message);
  }

  invoke(method: string, input: unknown, callId?: string): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ type: 'invoke', id, method, input, callId });
    });
  }

  cancel(callId: string): void {
    this.send({ type: 'cancel', callId });
  }

  onEvent(listener: (event: CoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.send({ type: 'close' });
    await this.worker.terminate();
  }
}
