// Part of `npm run lint`: the migrations agree with drizzle/schema.ts.
//  1. `drizzle-kit check`: the snapshots under drizzle/migrations/meta form one chain.
//  2. `drizzle-kit generate` into a temporary copy of drizzle/migrations must find
//     nothing to migrate: a schema change without its migration fails here.
// Nothing is written to the repository; no network is used.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const migrations = join(root, 'drizzle', 'migrations');
const kit = join(root, 'node_modules', 'drizzle-kit', 'bin.cjs');
// A hung drizzle-kit fails the check rather than the lint run waiting for ever.
const TIMEOUT_MS = 60_000;

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [kit, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill(), TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: signal ? 1 : code, output, timedOut: signal !== null });
    });
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'credit-desk-migrations-'));
const copy = join(scratch, 'migrations');
cpSync(migrations, copy, { recursive: true });
const journal = (folder) => JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')).entries.length;

let failed = false;
try {
  const [check, generate] = await Promise.all([
    run(['check', '--dialect', 'sqlite', '--out', relative(root, migrations)]),
    // drizzle-kit prefixes --out with './', so it must be relative to the project.
    run(['generate', '--dialect', 'sqlite', '--schema', './drizzle/schema.ts', '--out', relative(root, copy), '--name', 'lint_check']),
  ]);
  if (check.code !== 0) {
    failed = true;
    console.error(`drizzle-kit check failed:\n${check.output}`);
  }
  const added = readdirSync(copy).filter((f) => f.endsWith('.sql') && !readdirSync(migrations).includes(f));
  // drizzle-kit generate exits 0 even when it fails (it prints the error), so only its
  // "nothing to migrate" line, with no new file in the copy, counts as agreement.
  const nothing = /No schema changes, nothing to migrate/.test(generate.output);
  const asked = generate.timedOut || /Interactive prompts require a TTY/.test(generate.output);
  if (asked) {
    failed = true;
    console.error('drizzle/schema.ts differs from the last migration snapshot: drizzle-kit asks whether a table or column was renamed.');
  } else if (added.length > 0) {
    failed = true;
    console.error('drizzle/schema.ts differs from the last migration snapshot; drizzle-kit would generate:');
    for (const f of added) console.error(`--- ${f}\n${readFileSync(join(copy, f), 'utf8')}`);
  } else if (generate.code !== 0 || !nothing || journal(copy) !== journal(migrations)) {
    failed = true;
    console.error(`drizzle-kit generate did not confirm the schema:\n${generate.output}`);
  }
  if (asked || added.length > 0) console.error('Run `npm run db:generate -- --name what_changed` and commit the migration.');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log('migrations: snapshots consistent, drizzle/schema.ts has no ungenerated change');
