/**
 * Runs the command line in this process (`runCli` with its own streams), as a
 * script would, without a child process per run: for tests that make many runs.
 * The child-process runner (run-cli.ts) stays the one that checks the real
 * entry point, exit codes and start-up.
 */
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run';

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runInProcess(args: string[], env: Record<string, string> = {}): Promise<InProcessRun> {
  const out = { stdout: '', stderr: '' };
  const stdout = new PassThrough().setEncoding('utf8');
  const stderr = new PassThrough().setEncoding('utf8');
  stdout.on('data', (d: string) => (out.stdout += d));
  stderr.on('data', (d: string) => (out.stderr += d));
  const stdin = new PassThrough();
  stdin.end();
  const io: CliIo = { stdin, stdout, stderr, env: { CREDIT_DESK_KDF_N: '1024', ...env } };
  const code = await runCli(args, io);
  await new Promise((r) => setImmediate(r));
  return { code, ...out };
}
