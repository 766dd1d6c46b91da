export * from './errors';
export * from './methods';
export * from './records';
export * from './batches';
export * from './cases';
export * from './checks';
export * from './timeliness';
export * from './statistics';
export * from './print';
export * from './letters';
export * from './backup';
export * from './roles';
export * from './types';
export * from './audit';
export * from './desktop';

/** What the preload exposes on `window.creditDesk`, and the test bridge imitates. */
export interface CreditDeskBridge {
  invoke(method: string, input: unknown, callId?: string): Promise<import('./errors').Result<unknown>>;
  cancel(callId: string): Promise<void>;
  onEvent(listener: (event: import('./types').CoreEvent) => void): () => void;
}
export * from './zone';
export * from './drafts';
export * from './rules';
