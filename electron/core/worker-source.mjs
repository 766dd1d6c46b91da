// Development and tests only: starts a worker thread from TypeScript source by
// registering tsx first. The built app starts the bundled .js workers instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.__sourceEntry);
