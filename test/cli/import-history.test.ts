/**
 * `import … --already-reported` through the real command line (issue 14 item 7):
 * the JSON summary's `generation`, `inferred` and `queued`; `batch prepare` then
 * finds nothing to report; --preview writes nothing; --report saves the
 * migration report; a legacy .xls is read like an .xlsx.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../helpers';
import { PENALTY_2016_CODES, penalty2016Rows, xlsBytes } from '../records/history-fixtures';
import { asAdmin, cli, initDesk, onlyJson, type CliRun } from './run-cli';

const CLERK = { login: 'clerk1', password: 'clerk-pass-1' };

async function deskWithClerk(): Promise<string> {
  const { db } = await initDesk(join(tempFolder(), 'department.db'));
  const add = await asAdmin(db, ['user', 'add', '--login', CLERK.login, '--name', '录入员甲', '--role', 'clerk'], { CREDIT_DESK_NEW_PASSWORD: CLERK.password });
  if (add.code !== 0) throw new Error(`user add failed: ${add.stderr}`);
  return db;
}

const asClerk = (db: string, args: string[]): Promise<CliRun> => cli([...args, '--db', db, '--as', CLERK.login], { CREDIT_DESK_PASSWORD: CLERK.password });

interface ImportJson {
  imported: number;
  rejected: number;
  generation: { key: string; name: string };
  inferred: Record<string, number>;
  queued: number;
  alreadyReported: boolean;
  history: { accepted: number; expired: number; withdrawn: number } | null;
  migrationReport?: string;
}

describe('import of history from the command line', () => {
  it('--already-reported: the JSON names the generation, the rules applied and 0 queued; batch prepare finds nothing', async () => {
    const db = await deskWithClerk();
    const folder = tempFolder();
    const xls = join(folder, '处罚2016.xls');
    writeFileSync(xls, xlsBytes(PENALTY_2016_CODES, penalty2016Rows()));

    const preview = await asClerk(db, ['import', '--category', 'penalty', '--preview', xls]);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('按 2016 版双公示模板识别');
    expect(preview.stdout).toMatch(/CF_CFMC\s+按旧模板转换\s+违法行为类型（CF_WFXW）/);
    expect(preview.stdout).toContain('由规则 subject-type 填写');

    const report = join(folder, '迁移报告.xlsx');
    const run = await asClerk(db, ['import', '--category', 'penalty', '--already-reported', '--report', report, xls, '--json']);
    expect(run.code).toBe(3); // rows 5, 6 and 7 refused, the rest imported
    const result = onlyJson<ImportJson>(run);
    expect(result).toMatchObject({ imported: 5, rejected: 3, queued: 0, alreadyReported: true, generation: { key: 'penalty-2016', name: '2016 版双公示模板' }, migrationReport: report });
    expect(result.inferred['subject-type']).toBe(5);
    expect(result.inferred['penalty-kind-code']).toBe(5);
    expect(result.history).toMatchObject({ withdrawn: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '列对应', '转换规则', '被拒绝的行']);

    const prepare = await asClerk(db, ['batch', 'prepare', '--json']);
    expect(prepare.code).not.toBe(0);
    expect(prepare.stdout + prepare.stderr).toContain('没有待报送的操作');

    const text = await asClerk(db, ['import', '--category', 'penalty', '--already-reported', xls]);
    expect(text.stdout).toContain('按 2016 版双公示模板导入，作为已在平台公示过的历史记录');
    expect(text.stdout).toMatch(/排入报送队列\s+0/);
  }, 180_000); // six runs of the command line

  it('--already-reported with --update is a usage error (exit 2); so is a file type it cannot read', async () => {
    const db = await deskWithClerk();
    const xls = join(tempFolder(), 'a.xls');
    writeFileSync(xls, xlsBytes(PENALTY_2016_CODES, penalty2016Rows()));
    const both = await asClerk(db, ['import', '--category', 'penalty', '--already-reported', '--update', xls]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--already-reported 不能与 --update 同用');
    const pdf = join(tempFolder(), 'a.pdf');
    writeFileSync(pdf, 'x');
    const wrong = await asClerk(db, ['import', '--category', 'penalty', pdf]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('.xlsx、.xls 或 .csv');
  });
});
