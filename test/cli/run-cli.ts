/**
 * Runs the real command line as a child process, as scripts do: the current
 * sources, bundled once by esbuild (cli-bundle.ts) so that each command starts as
 * the shipped file does instead of transpiling its modules through tsx.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPARTMENT, tempFolder } from '../helpers';
import { skipFirstLoginChange } from '../first-login';
import { cliBundle } from './cli-bundle';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ADMIN_PASSWORD = 'admin-pass-1';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without anything CREDIT_DESK_* inherited from the developer's shell. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('CREDIT_DESK_')) env[k] = v;
  env.CREDIT_DESK_KDF_N = '1024';
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/**
 * `node <electron/cli.ts bundled> …` with stdin a closed pipe (no terminal).
 *
 * New accounts change their password at first login (issue 18, `user passwd`); for
 * tests not about that, an account a successful `user add` made is let off the change
 * (test/first-login.ts) unless `{ firstLogin: true }`.
 */
export async function cli(args: string[], env: Record<string, string | undefined> = {}, test: { firstLogin?: boolean } = {}): Promise<CliRun> {
  const run = await spawnCli(args, env);
  if (!test.firstLogin && run.code === 0 && args[0] === 'user' && args[1] === 'add') {
    const option = (name: string) => {
      const i = args.indexOf(name);
      return i >= 0 ? args[i + 1] : undefined;
    };
    const db = option('--db');
    const login = option('--login');
    const password = env.CREDIT_DESK_NEW_PASSWORD;
    if (db && login && password) skipFirstLoginChange(resolve(ROOT, db), login, password);
  }
  return run;
}

async function spawnCli(args: string[], env: Record<string, string | undefined>): Promise<CliRun> {
  const entry = await cliBundle();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end();
  });
}

/** Parses stdout that must be exactly one JSON object. */
export function onlyJson<T = Record<string, unknown>>(run: CliRun): T {
  const text = run.stdout.trim();
  expectOneLine(text);
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`not a JSON object: ${text}`);
  return value as T;
}

function expectOneLine(text: string): void {
  if (text === '' || text.includes('\n')) throw new Error(`expected exactly one line of JSON on stdout, got:\n${text}`);
}

export function newDbPath(): string {
  return join(tempFolder(), 'department.db');
}

/** A department made through `init --json`; admin's password is ADMIN_PASSWORD. */
export async function initDesk(db = newDbPath()): Promise<{ db: string; recoveryCode: string }> {
  const run = await cli(
    ['init', '--db', db, '--department', DEPARTMENT.name, '--uscc', DEPARTMENT.uscc, '--admin', 'admin', '--admin-name', '管理员', '--json'],
    { CREDIT_DESK_NEW_PASSWORD: ADMIN_PASSWORD },
  );
  if (run.code !== 0) throw new Error(`init failed (${run.code}): ${run.stderr}`);
  return { db, recoveryCode: onlyJson<{ recoveryCode: string }>(run).recoveryCode };
}

/** Runs a command as admin (`--as admin`, CREDIT_DESK_PASSWORD set). */
export function asAdmin(db: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return cli([...args, '--db', db, '--as', 'admin'], { CREDIT_DESK_PASSWORD: ADMIN_PASSWORD, ...env });
}

export function readKeys(db: string): { generation: number; holders: { id: string; kdf: { N: number } }[] } {
  return JSON.parse(readFileSync(`${db}.keys`, 'utf8')) as { generation: number; holders: { id: string; kdf: { N: number } }[] };
}
