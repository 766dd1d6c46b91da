/**
 * Serves the built renderer with a real core in an ordinary browser:
 *
 *   npm run preview:web -- --db ./preview/department.db [--port 5180] [--fast-kdf]
 *
 * Development tooling only; the shipped app talks to the core over Electron IPC.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBridge } from './server';

const USAGE = 'Usage: npm run preview:web -- --db FILE [--port N] [--fast-kdf]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      'fast-kdf': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values.db) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const dbPath = resolve(values.db);
  mkdirSync(dirname(dbPath), { recursive: true });
  const bridge = await startBridge({
    dbPath,
    port: values.port ? Number(values.port) : 0,
    // A low scrypt cost makes logins instant, for trying things out; never for real data.
    kdfCost: values['fast-kdf'] ? { N: 1024, r: 8, p: 1 } : undefined,
  });
  console.log(`信用工作台 (test bridge) — database: ${dbPath}`);
  console.log(`Open: ${bridge.url}`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => {
    bridge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
