/**
 * 信用工作台 command line: headless administration of a department database.
 * `npm run cli -- <command>` in the source tree, `node out/main/cli.js <command>`
 * from the build. Usage: `help`. Everything goes through the core's contract.
 */
import { runCli } from './cli/run';
import { processIo } from './cli/io';

// A closed pipe (`… | head`) is not an error of the command.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

void runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`错误：内部错误：${err instanceof Error ? err.message : String(err)} [INTERNAL]\n`);
    process.exitCode = 1;
  },
);
