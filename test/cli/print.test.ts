/**
 * Printing through the real command line: the credit file, the batch approval
 * sheet and the key registration sheet as PDF files (`--json` gives
 * {path, pages, bytes, printNo, sm3}), the print log, and `print lookup`
 * (exit 0 when a PDF is exactly the print, 1 when not); usage errors exit 2
 * and a role without the right exits 1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintLogEntry } from '../../electron/contract/print';
import { sm3Hex } from '../../electron/core/batches/sm2';
import { penaltyRow } from '../helpers';
import { pdfText, squash } from '../print/pdf-tools';
import { asAdmin, cli, initDesk, onlyJson, type CliRun } from './run-cli';

const SLOW = 180_000;
const PASSWORDS: Record<string, string> = { clerk1: 'clerk-pass-1', boss: 'boss-pass-1', zhao: 'zhao-pass-1', qian: 'qian-pass-1' };

let db = '';
let folder = '';

function as(login: string, args: string[]): Promise<CliRun> {
  return cli([...args, '--db', db, '--as', login], { CREDIT_DESK_PASSWORD: PASSWORDS[login] });
}

function ok(run: CliRun): CliRun {
  if (run.code !== 0) throw new Error(`exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run;
}

interface Printed {
  path: string;
  pages: number;
  bytes: number;
  printNo: string;
  sm3: string;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'credit-desk-cli-print-'));
  ({ db } = await initDesk(join(folder, 'department.db')));
  for (const [login, roles] of [['clerk1', 'clerk'], ['boss', 'approver'], ['zhao', 'archivist'], ['qian', 'auditor']]) {
    ok(await asAdmin(db, ['user', 'add', '--login', login, '--name', `用户${login}`, '--role', roles], { CREDIT_DESK_NEW_PASSWORD: PASSWORDS[login] }));
  }
  const rows = [1, 2, 3].map((i) => penaltyRow({ CF_WSH: `栾市监罚〔2026〕${i}号` }));
  const columns = Object.keys(rows[0]);
  const csv = join(folder, 'p.csv');
  writeFileSync(csv, `${columns.join(',')}\n${rows.map((r) => columns.map((c) => `"${String(r[c] ?? '')}"`).join(',')).join('\n')}\n`);
  ok(await as('clerk1', ['import', '--category', 'penalty', csv]));
  ok(await as('clerk1', ['batch', 'prepare']));
  ok(await as('boss', ['key', 'generate']));
  ok(await as('boss', ['batch', 'approve', '1']));
}, SLOW);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('print', () => {
  let creditFile: Printed;

  it(
    'print credit-file writes the PDF and prints {path, pages, bytes, printNo, sm3}',
    async () => {
      const run = ok(await as('zhao', ['print', 'credit-file', '--subject', '91350200776049653A', '--with-history', '--out', folder, '--json']));
      creditFile = onlyJson<Printed>(run);
      expect(Object.keys(creditFile).slice(0, 5)).toEqual(['path', 'pages', 'bytes', 'printNo', 'sm3']);
      const bytes = readFileSync(creditFile.path);
      expect(creditFile.path.startsWith(folder)).toBe(true);
      expect(bytes.length).toBe(creditFile.bytes);
      expect(sm3Hex(bytes)).toBe(creditFile.sm3);
      const text = squash(pdfText(bytes));
      for (const i of [1, 2, 3]) expect(text).toContain(`栾市监罚〔2026〕${i}号`);
      expect(text).toContain(creditFile.printNo);
    },
    SLOW,
  );

  it(
    'print batch-sheet and key-sheet; print log lists every print',
    async () => {
      const sheet = onlyJson<Printed>(ok(await as('clerk1', ['print', 'batch-sheet', '1', '--out', join(folder, '审核单.pdf'), '--json'])));
      expect(sheet.path).toBe(join(folder, '审核单.pdf'));
      expect(squash(pdfText(readFileSync(sheet.path)))).toContain('批次审核单');
      const key = onlyJson<Printed>(ok(await as('boss', ['print', 'key-sheet', '--login', 'boss', '--out', join(folder, 'key.pdf'), '--json'])));
      expect(squash(pdfText(readFileSync(key.path)))).toContain('-----BEGINPUBLICKEY-----');
      const log = onlyJson<{ total: number; items: PrintLogEntry[] }>(ok(await as('qian', ['print', 'log', '--json'])));
      expect(log.items.map((e) => e.printNo)).toEqual([key.printNo, sheet.printNo, creditFile.printNo]);
      expect(log.items.map((e) => e.kind)).toEqual(['key-sheet', 'batch-sheet', 'credit-file']);
      const text = ok(await as('zhao', ['print', 'log'])).stdout;
      expect(text).toContain('签名公钥登记表');
      expect(text).toContain('共 3 条打印记录');
    },
    SLOW,
  );

  it(
    'print lookup says what a print was; exit 0 for the very PDF, 1 for any other',
    async () => {
      const same = await as('zhao', ['print', 'lookup', creditFile.printNo, '--file', creditFile.path]);
      expect(same.code, same.stderr).toBe(0);
      expect(same.stdout).toContain('给定的 PDF 正是这次打印的文件');
      const changed = join(folder, 'changed.pdf');
      const bytes = readFileSync(creditFile.path);
      bytes[100] ^= 1;
      writeFileSync(changed, bytes);
      const other = await as('zhao', ['print', 'lookup', creditFile.printNo, '--file', changed, '--json']);
      expect(other.code).toBe(1);
      expect(onlyJson<{ matches: boolean }>(other).matches).toBe(false);
      const info = ok(await as('zhao', ['print', 'lookup', creditFile.printNo.toLowerCase()]));
      expect(info.stdout).toContain('信用档案');
    },
    SLOW,
  );

  it(
    'usage errors exit 2; an auditor may not print (exit 1); an unknown subject exits 1',
    async () => {
      const noReason = await as('zhao', ['print', 'credit-file', '--subject', '91350200776049653A', '--unmask', '--out', folder]);
      expect(noReason.code).toBe(2);
      expect(noReason.stderr).toContain('--reason');
      const noOut = await as('zhao', ['print', 'batch-sheet', '1']);
      expect(noOut.code).toBe(2);
      const auditor = await as('qian', ['print', 'credit-file', '--subject', '91350200776049653A', '--out', folder]);
      expect(auditor.code).toBe(1);
      const unknown = await as('zhao', ['print', 'credit-file', '--subject', '913502000728319549', '--out', folder]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('913502000728319549');
    },
    SLOW,
  );
});
