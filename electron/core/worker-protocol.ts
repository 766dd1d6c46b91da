import type { Result } from '../contract/errors';
import type { CoreEvent } from '../contract/types';

export type WorkerRequest =
  | { type: 'invoke'; id: number; method: string; input: unknown; callId?: string }
  | { type: 'cancel'; callId: string }
  | { type: 'close' };

export type WorkerReply =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: CoreEvent };
