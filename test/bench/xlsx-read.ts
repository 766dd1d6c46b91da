/**
 * Micro-benchmark of .xlsx reading (not a test). Run with
 *   npx tsx test/bench/xlsx-read.ts [rows] [--no-exceljs]
 * Generates (once, cached in the temp folder) a 17-column 行政处罚 workbook in two
 * flavours — exceljs's default per-cell strings (`t="str"`) and shared strings (as
 * Excel/WPS write) — then reads it in fresh child processes so each peak RSS is the
 * reader's own: exceljs's streaming WorkbookReader, and ours (per row and per batch).
 * Each child first reads a 50-row file (module loading), then the big file three
 * times; the first of those includes JIT warm-up. Shared
 * machines are noisy: compare the figures of one invocation, not across invocations.
 */
import { fork } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { readXlsxRowBatches, readXlsxRows } from '../../electron/core/io/xlsx-reader';
import { penaltyWorkbook } from './fixtures';

type Mode = 'ours-rows' | 'ours-batches' | 'exceljs';

interface Result {
  rows: number;
  cells: number;
  /** Wall time of each run, in order (the first includes JIT warm-up). */
  ms: number[];
  maxRssMiB: number;
}

const RUNS = 3;

async function measure(mode: Mode, path: string): Promise<Result> {
  const ms: number[] = [];
  let last = { rows: 0, cells: 0 };
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await readOnce(mode, path);
    ms.push(performance.now() - t0);
  }
  return { ...last, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
}

async function readOnce(mode: Mode, path: string): Promise<{ rows: number; cells: number }> {
  let rows = 0;
  let cells = 0;
  if (mode === 'ours-rows') {
    for await (const row of readXlsxRows(path)) {
      rows++;
      cells += row.cells.length;
    }
  } else if (mode === 'ours-batches') {
    for await (const batch of readXlsxRowBatches(path)) {
      rows += batch.length;
      for (const row of batch) cells += row.cells.length;
    }
  } else {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      sharedStrings: 'cache',
      styles: 'ignore',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        rows++;
        cells += row.cellCount;
      }
      break; // first worksheet only
    }
  }
  return { rows, cells };
}

function runChild(mode: Mode, path: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', mode, path], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as Result));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`${mode} exited with ${code}`)));
  });
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    // load every module the reader uses (tsx resolves imports lazily, through its loader
    // thread) with a tiny file first, so that the first run measures reading, not loading
    await readOnce(args[1] as Mode, await penaltyWorkbook(50));
    const result = await measure(args[1] as Mode, args[2]);
    process.send?.(result);
    return;
  }
  const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
  const withExceljs = !args.includes('--no-exceljs');
  for (const sharedStrings of [false, true]) {
    const t0 = performance.now();
    const path = await penaltyWorkbook(rows, { sharedStrings });
    const genMs = performance.now() - t0;
    console.log(
      `\n${rows.toLocaleString('en')} rows × 17 columns, ${sharedStrings ? 'shared strings' : 'per-cell strings (t="str")'}: ${path} ` +
        `(${(statSync(path).size / 1024 / 1024).toFixed(1)} MiB${genMs > 1000 ? `, generated in ${(genMs / 1000).toFixed(1)} s` : ', cached'})`,
    );
    const modes: Mode[] = withExceljs ? ['exceljs', 'ours-rows', 'ours-batches'] : ['ours-rows', 'ours-batches'];
    for (const mode of modes) {
      const r = await runChild(mode, path);
      const best = Math.min(...r.ms);
      console.log(
        `  ${mode.padEnd(13)} ${fmt(r.rows)} rows, ${fmt(r.cells)} cells: first run ${fmt(r.ms[0])} ms = ${fmt((r.rows / r.ms[0]) * 1000)} rows/s, ` +
          `best of ${RUNS} ${fmt(best)} ms = ${fmt((r.rows / best) * 1000)} rows/s; peak RSS ${r.maxRssMiB.toFixed(0)} MiB`,
      );
    }
  }
}

await main();
