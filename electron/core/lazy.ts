/**
 * A CommonJS library loaded at its first use, for synchronous code that needs one
 * (a signature, a digest, a Chinese numeral). Commands that only open the database
 * (`info`, a login) then start without it. Code that is already asynchronous uses
 * `await import(…)` at the point of use instead; test/cli/startup-imports.test.ts
 * names any static chain from the core's entry to a heavy library.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export function lazyRequire<T>(id: string): () => T {
  let lib: T | undefined;
  return () => (lib ??= load(id) as T);
}
